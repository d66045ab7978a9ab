"""A starting outline for a report, made from the rulebook: `fzcheck template`.

The parts come in the order the 督察规定 lists them, the achievements are
divided by the parts of the 纲要 in force for the year, and under every
heading a prompt says what to write and which figures to give. Each prompt is
in 【请填写：…】 brackets, which the checker reports as an unfilled placeholder
until the drafter replaces it, so a half-done draft cannot pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from checker.concepts import PROFILE_LABEL
from checker.rules.rulebook import Rulebook
from checker.rules.schema import Rule

CN_NUMBERS = "一二三四五六七八九十"


@dataclass
class Part:
    heading: str
    prompt: str = ""
    children: list["Part"] = field(default_factory=list)


@dataclass
class Outline:
    title: str
    addressee: str
    opening: str
    parts: list[Part]
    signature: str
    date: str


def prompt(text: str) -> str:
    return f"【请填写：{text}】"


def build(book: Rulebook, year: int, profile: str) -> Outline:
    edition = book.header.edition
    outline_name = edition.document if edition else book.header.name
    rules = {rule.id: rule for rule in book.rules}
    areas = [
        Part(_area_heading(rule, profile), prompt(rule.advice))
        for rule in book.rules
        if rule.category == "area" and _applies(rule, year, profile)
    ]
    parts = [
        Part(f"{year}年度推进法治政府建设的主要举措和成效", prompt(rules["item.measures"].advice), areas),
        Part(f"{year}年度推进法治政府建设存在的不足和原因",
             prompt("一是……（具体表现、涉及的领域和单位、数据）。主要原因是……。二是……。主要原因是……。"
                    + rules["item.shortcomings"].advice)),
    ]
    first = rules.get("item.first-responsible")
    if first is not None and _applies(first, year, profile):
        parts.append(Part("党政主要负责人履行推进法治建设第一责任人职责情况", prompt(first.advice)))
    parts.append(Part(f"{year + 1}年度推进法治政府建设的主要安排",
                      prompt("一是……（任务、目标、完成时限）。二是……。三是……。" + rules["item.next-year"].advice)))
    if "item.other" in rules:
        parts.append(Part("其他需要报告的情况", prompt(rules["item.other"].advice + "没有需要报告的情况时删去本部分。")))
    who = {"government": "××人民政府", "township": "××乡（镇）人民政府 / ××街道办事处", "department": "××局（委、办）"}[profile]
    return Outline(
        title=f"{who}关于{year}年度法治政府建设情况的报告",
        addressee="××（主送机关）：",
        opening=(f"{year}年，{prompt('用一段话概述全年法治政府建设的总体情况和主要成效')}"
                 f"按照《法治政府建设与责任落实督察工作规定》要求，对照《{outline_name}》，"
                 f"现将{year}年度法治政府建设情况报告如下："),
        parts=parts,
        signature=who,
        date=f"{year + 1}年×月×日",
    )


def _applies(rule: Rule, year: int, profile: str) -> bool:
    applies = rule.applies
    if applies.from_year is not None and year < applies.from_year:
        return False
    if applies.to_year is not None and year > applies.to_year:
        return False
    return applies.profiles is None or profile in applies.profiles


def _area_heading(rule: Rule, profile: str) -> str:
    heading = re.sub(r"（[^）]*）$", "", rule.title).strip()
    if profile in rule.applies.optional_for:
        heading += "（属本单位职责的填写，否则删去）"
    return heading


def _number(index: int, level: int) -> str:
    numeral = CN_NUMBERS[index] if index < len(CN_NUMBERS) else str(index + 1)
    return f"{numeral}、" if level == 1 else f"（{numeral}）"


def to_markdown(outline: Outline) -> str:
    lines = [f"# {outline.title}", "", outline.addressee, "", outline.opening, ""]
    for i, part in enumerate(outline.parts):
        lines += [f"## {_number(i, 1)}{part.heading}", ""]
        if part.children:
            for j, child in enumerate(part.children):
                lines += [f"### {_number(j, 2)}{child.heading}", "", child.prompt, ""]
        else:
            lines += [part.prompt, ""]
    lines += [outline.signature, "", outline.date, ""]
    return "\n".join(lines)


def to_docx(outline: Outline, path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    title = document.add_paragraph(outline.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(outline.addressee)
    _body(document, outline.opening, Pt)
    for i, part in enumerate(outline.parts):
        document.add_paragraph(f"{_number(i, 1)}{part.heading}", style="Heading 1")
        if part.children:
            for j, child in enumerate(part.children):
                document.add_paragraph(f"{_number(j, 2)}{child.heading}", style="Heading 2")
                _body(document, child.prompt, Pt)
        else:
            _body(document, part.prompt, Pt)
    for text in (outline.signature, outline.date):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))


def _body(document, text: str, Pt) -> None:
    paragraph = document.add_paragraph(text)
    paragraph.paragraph_format.first_line_indent = Pt(24)


def profile_label(profile: str) -> str:
    return PROFILE_LABEL.get(profile, profile)


def targets(output: Optional[str], year: int) -> list[Path]:
    """Where to write: the file named, or both a .docx and a .md with the stem given."""
    base = Path(output) if output else Path("reports") / f"法治政府建设年度报告模板-{year}"
    if base.suffix.lower() in (".docx", ".md"):
        return [base]
    return [base.with_name(base.name + ".docx"), base.with_name(base.name + ".md")]
