"""Read what a report says about itself: the year it reports on, who issued it, at what level.

Facts are taken from the strongest place first: the title, then the sentence
that introduces the report ("现将2024年度…情况报告如下"), then the opening
sentence ("2024年，…"), then the first part's heading.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from .outline import Outline
from .rulebook import DocumentSpec
from .textnorm import year_from_chinese

_YEAR = r"((?:19|20)\d{2})\s*年"
_TITLE_YEAR = re.compile(_YEAR + r"\s*度?")
_REPORT_YEAR = re.compile(r"现将.{0,30}?" + _YEAR + r"\s*度?.{0,30}?(?:报告|汇报|公示)")
_OPENING_YEAR = re.compile(r"^\s*" + _YEAR + r"\s*度?\s*[,是]")
YEAR_RE = re.compile(_YEAR)
_CN_YEAR = re.compile(r"([一二][〇○零O一二三四五六七八九]{3})\s*年")

_ORG = r"[\u4e00-\u9fff()]{2,40}?"
_ORG_SUFFIX = (
    r"(?:人民政府|政府|街道办事处|办事处|委员会|管理委员会|管委会|司法局|[局厅部署委办]|街道|省|自治区|市|州|盟|县|区|旗|乡|镇)"
)
# Verbs and phrases that follow the subject of a report's first sentence.
_AFTER_SUBJECT = re.compile(
    r"(?:坚持|始终|认真|深入|全面|紧紧|紧密|扎实|积极|持续|聚焦|立足|围绕|把|以|在|按照|根据|对|"
    r"法治政府建设|高度|不断|着力|切实|深化|狠抓|大力|继续|严格|全力|进一步|贯彻|落实|共|开展|推进|各项)"
)
TITLE_ISSUER = re.compile(
    r"^(?:中共)?(" + _ORG + _ORG_SUFFIX + r"(?:\([^()]{1,12}\))?)(?=关于|\s*(?:19|20)\d{2}\s*年|法治)"
)
# Clauses that open with these are circumstances, not the subject.
_NOT_SUBJECT = re.compile(r"^(?:按照|根据|为了|为|通过|得益于|随着|对照|围绕|经过|结合|会议|刚才|近年来|近日|截至)")
_FUNCTION_CHARS = re.compile(r"[的了于和与及、“”《》]")
_PRONOUN = re.compile(r"^(?:我|本|全)")
_HEAD_CHARS = 800  # the opening, where a report says what it is
_PAREN = re.compile(r"\([^()]*\)")


@dataclass
class YearStatement:
    """A place where the report says which year it is about."""

    source: str  # 标题, 报告说明, 开头, 第一部分标题
    year: int
    line: int


def year_statements(outline: Outline) -> list[YearStatement]:
    """Every statement of the reported year, strongest first."""
    found: list[YearStatement] = []
    if outline.title:
        match = _TITLE_YEAR.search(outline.title)
        chinese = _CN_YEAR.search(outline.title)
        year = int(match.group(1)) if match else (year_from_chinese(chinese.group(1)) if chinese else None)
        if year:
            found.append(YearStatement("标题", year, outline.title_line or 1))
    body = [s for s in outline.sentences if not s.heading][:8]
    for sentence in body:
        match = _REPORT_YEAR.search(outline.text, sentence.start, sentence.end)
        if match:
            found.append(YearStatement("报告说明", int(match.group(1)), sentence.line))
            break
    for sentence in body[:3]:
        match = _OPENING_YEAR.match(outline.text[sentence.start:sentence.end])
        if match:
            found.append(YearStatement("开头", int(match.group(1)), sentence.line))
            break
    for section in [s for s in outline.sections if s.rank <= 1][:1]:
        match = YEAR_RE.search(section.heading)
        if match:
            found.append(YearStatement("第一部分标题", int(match.group(1)), section.line))
    return found


def report_year(outline: Outline) -> Optional[int]:
    """The year the report is about, or None when the text never says."""
    statements = year_statements(outline)
    return statements[0].year if statements else None


def issuer(outline: Outline) -> Optional[str]:
    """The body that issued the report, as the report names it."""
    if outline.title:
        match = TITLE_ISSUER.match(outline.title)
        if match and not _PRONOUN.match(match.group(1)):
            return match.group(1)
    for sentence in [s for s in outline.sentences if not s.heading][:3]:
        found = _subject(outline.text[sentence.start:sentence.end])
        if found:
            return found
    if outline.signature:
        return outline.signature
    return None


def _subject(sentence: str) -> Optional[str]:
    """The organisation a sentence opens with: "2016年,桂林市人民政府认真…" → 桂林市人民政府."""
    for clause in re.split(r"[,;]", sentence)[:4]:
        clause = re.sub(r"^\s*(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|(?:19|20)\d{2}\s*年度?|一年来|今年以来)\s*", "", clause)
        clause = re.sub(r"^在.{0,40}?下", "", clause.strip()).strip()
        if _NOT_SUBJECT.match(clause):
            continue
        for stop in _AFTER_SUBJECT.finditer(clause):
            candidate = clause[: stop.start()]
            if _org_name(candidate):
                return candidate
    return None


def _org_name(candidate: str) -> bool:
    return (
        2 <= len(candidate) <= 24
        and re.search(_ORG_SUFFIX + "$", candidate) is not None
        and not _PRONOUN.match(candidate)
        and not _FUNCTION_CHARS.search(candidate)
    )


def level_of(name: Optional[str], spec: DocumentSpec) -> Optional[str]:
    """province / city / county / township / department from the end of a name."""
    if not name:
        return None
    core = _PAREN.sub("", name)
    core = re.sub(r"(?:人民政府|政府)$", "", core) or core
    for rule in spec.levels:
        if any(core.endswith(s) for s in rule.not_suffix):
            continue
        if any(core.endswith(s) for s in rule.suffix):
            return rule.level
    return None


def level_from_text(outline: Outline, spec: DocumentSpec) -> Optional[str]:
    """Fallback: how the text refers to itself (我局, 全县, 我乡…)."""
    counts: Counter[str] = Counter()
    for level, words in spec.self_reference.items():
        counts[level] = sum(outline.text.count(word) for word in words)
    if not counts or max(counts.values()) == 0:
        return None
    # A department or township also says 全县 or 县政府; its own voice is more specific.
    for level in ("department", "township"):
        if counts[level] >= 2 or (counts[level] and counts[level] >= max(counts.values()) / 3):
            return level
    return counts.most_common(1)[0][0]


def document_level(name: Optional[str], outline: Outline, spec: DocumentSpec) -> Optional[str]:
    return level_of(name, spec) or level_from_text(outline, spec)


# --------------------------------------------------------------------------- kind


def genre_of(title: Optional[str], spec: DocumentSpec) -> Optional[str]:
    """The other genre a title announces (讲话稿, 实施方案…), judged without 《…》."""
    if not title:
        return None
    bare = re.sub(r"《[^》]*》", "", title)
    for word, genre in spec.other_genres.items():
        if word in bare:
            return genre
    return None


def title_is_report(title: Optional[str], spec: DocumentSpec) -> bool:
    if not title:
        return False
    bare = re.sub(r"《[^》]*》", "", title)
    return any(re.search(pattern, bare) for pattern in spec.report_title)


def kind_of(outline: Outline, spec: DocumentSpec, parts_found: set[str], year: Optional[int]) -> tuple[str, list[str]]:
    """annual_report or not, with the reasons that decided it."""
    reasons: list[str] = []
    score = 0.0
    genre = genre_of(outline.title, spec)
    if genre:
        score -= 5
        reasons.append(f"标题表明是{genre}")
    elif title_is_report(outline.title, spec):
        score += 3
        reasons.append("标题是年度报告的格式")
    text = outline.body_text
    head = text[:_HEAD_CHARS]
    for marker in spec.report_markers:
        if re.search(marker.pattern, head):
            score += marker.weight
            reasons.append(marker.label)
    for marker in spec.other_markers:
        if re.search(marker.pattern, text):
            score -= marker.weight
            reasons.append(marker.label)
    report_parts = parts_found & {"measures", "shortcomings", "first_responsible", "next_year"}
    if report_parts:
        score += min(len(report_parts), 3)
        reasons.append(f"有{len(report_parts)}个年度报告的法定部分")
    if outline.addressee:
        score += 1
        reasons.append("有主送机关")
    if year is None:
        score -= 2
        reasons.append("未写明所报告的年度")
    kind = "annual_report" if score >= spec.kind_threshold else "not_annual_report"
    return kind, reasons
