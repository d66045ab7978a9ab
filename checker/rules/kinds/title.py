"""Title: the usual pattern (…关于20××年度法治政府建设情况的报告), the genre word, the year, the issuer."""

from __future__ import annotations

from checker.document import facts
from checker.rules.kinds.base import Kind, Outcome
from checker.rules.kinds.evidence import title_evidence
from checker.rules.reading import Reading
from checker.rules.schema import Rule


def check_title(rule: Rule, reading: Reading) -> Outcome:
    spec = reading.document.spec
    title = reading.outline.title
    if not title:
        return "missing", [], ""
    problems = []
    genre = facts.genre_of(title, spec)
    misnamed = facts.misnamed_genre(title, spec)
    if misnamed:
        problems.append(f"文种写成了“{misnamed}”，应为“报告”")
    elif genre:
        problems.append(f"标题表明是{genre}，不是年度报告")
    elif not facts.title_is_report(title, spec):
        problems.append("标题未写明是“法治政府建设情况的报告”")
    elif not facts.title_has_genre_word(title, spec):
        problems.append("标题缺少文种“报告”")
    if facts.year_in(title, spec) is None:
        problems.append("标题未写明所报告的年度")
    if not facts.title_names_issuer(title, spec):
        problems.append("标题未写明发文机关")
    evidence = [title_evidence(reading, [])]
    if not problems:
        return "met", evidence, ""
    return "partial", evidence, " 问题：" + "；".join(problems) + "。"


KIND = Kind(
    name="title",
    judge=check_title,
    summary="the usual title pattern (…关于20××年度法治政府建设情况的报告); 工作总结 / 述职 as the genre",
    example="""\
- id: quality.title
  check: title
""",
)
