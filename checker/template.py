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
from checker.errors import FzError
from checker.rules.rulebook import Rulebook
from checker.rules.schema import Rule

CN_NUMBERS = "一二三四五六七八九十"  # heading numbers 一、 to 十、


@dataclass
class DraftSection:
    heading: str
    prompt: str = ""
    children: list["DraftSection"] = field(default_factory=list)


@dataclass
class Draft:
    title: str
    addressee: str
    opening: str
    parts: list[DraftSection]
    signature: str
    date: str


def build(book: Rulebook, year: int, profile: str) -> Draft:
    """A draft for a `profile` report on `year`, from the rulebook's `drafting:` section and its rules."""
    spec = book.header.drafting
    if spec is None:
        raise FzError("no-drafting", "规则文件没有 drafting 部分，无法生成模板",
                      "the rulebook has no `drafting:` section to make a template from")
    edition = book.header.edition
    words = {"year": year, "next_year": year + 1}
    item_of = {rule.part: rule for rule in book.rules if rule.category == "item" and rule.part}

    def prompt(text: str) -> str:
        return spec.prompt.format(text=text)

    parts = []
    for part in spec.parts:
        rule = item_of.get(part.part)
        if rule is None or not _applies(rule, year, profile):
            continue
        children = [
            DraftSection(_area_heading(area, profile, spec.optional_area), prompt(area.advice))
            for area in book.rules
            if part.areas and area.category == "area" and _applies(area, year, profile)
        ]
        parts.append(DraftSection(part.heading.format(**words), prompt(part.before + rule.advice + part.after), children))
    issuer = spec.issuer[profile]
    return Draft(
        title=spec.title.format(issuer=issuer, **words),
        addressee=spec.addressee,
        opening=spec.opening.format(summary=prompt(spec.summary_prompt),
                                    outline=edition.document if edition else book.header.name, **words),
        parts=parts,
        signature=issuer,
        date=spec.date.format(**words),
    )


def _applies(rule: Rule, year: int, profile: str) -> bool:
    return not (rule.applies.outside_years(year) or rule.applies.outside_profile(profile))


def _area_heading(rule: Rule, profile: str, optional: str) -> str:
    heading = re.sub(r"\([^)]*\)$|（[^）]*）$", "", rule.title).strip()
    return heading + optional if profile in rule.applies.optional_for else heading


def _number(index: int, level: int) -> str:
    numeral = CN_NUMBERS[index] if index < len(CN_NUMBERS) else str(index + 1)
    return f"{numeral}、" if level == 1 else f"（{numeral}）"


def to_markdown(outline: Draft) -> str:
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


def to_docx(outline: Draft, path: Path) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from checker.official_docx import body_paragraph, official_document

    document = official_document(title=outline.title)
    document.add_paragraph(outline.title, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(outline.addressee)
    body_paragraph(document, outline.opening)
    for i, part in enumerate(outline.parts):
        body_paragraph(document, f"{_number(i, 1)}{part.heading}", style="Heading 1")
        if part.children:
            for j, child in enumerate(part.children):
                body_paragraph(document, f"{_number(j, 2)}{child.heading}", style="Heading 2")
                body_paragraph(document, child.prompt)
        else:
            body_paragraph(document, part.prompt)
    for text in (outline.signature, outline.date):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))


def profile_label(profile: str) -> str:
    return PROFILE_LABEL.get(profile, profile)


def targets(output: Optional[str], year: int) -> list[Path]:
    """Where to write: the file named, or both a .docx and a .md with the stem given."""
    base = Path(output) if output else Path("reports") / f"法治政府建设年度报告模板-{year}"
    if base.suffix.lower() in (".docx", ".md"):
        return [base]
    return [base.with_name(base.name + ".docx"), base.with_name(base.name + ".md")]
