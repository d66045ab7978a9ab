"""Problems: the problems part is long enough, gives causes for the problems it lists, is not stock phrases."""

from __future__ import annotations

from pydantic import Field

from checker.document.conventions import Strict
from checker.rules.kinds.base import Kind, Outcome
from checker.rules.kinds.evidence import Match, best_evidence
from checker.rules.kinds.listing import listed_points
from checker.rules.reading import Reading
from checker.rules.schema import Rule


class ProblemsParams(Strict):
    min_chars: dict[str, int] = Field(default_factory=lambda: {"default": 300})  # by level, or default
    min_ratio: float = Field(0.1, ge=0)  # against the length of the achievements
    cause_share: float = Field(0.5, ge=0, le=1)  # of the listed problems that must say why
    stock_phrases: list[str] = Field(default_factory=list)
    stock_chars: int = Field(40, ge=1)  # a problems part with a stock phrase per this many characters is stock
    problem_terms: list[str] = Field(default_factory=lambda: ["@problem", "@problem_admission"])
    cause_terms: list[str] = Field(default_factory=lambda: ["@cause"])


def check_problems(rule: Rule, reading: Reading) -> Outcome:
    settings = rule.settings()
    items, body = listed_points(reading, rule, "shortcomings")
    if not body:
        return "missing", [], " 未找到“存在的不足和原因”部分的内容。"
    problem = reading.terms(settings.problem_terms)
    cause = reading.terms(settings.cause_terms)
    items = [item for item in items if any(reading.found(i, problem) for i in item)] or items
    caused = [item for item in items if any(reading.found(i, cause) for i in item)]
    chars = sum(len(reading.text_of(reading.sentences[i])) for i in body)
    achieved = sum(
        s.end - s.start for s in reading.sentences
        if not s.heading and s.roles & {"measures", "body"} and not s.roles & {"shortcomings", "next_year"}
    )
    text = "".join(reading.text_of(reading.sentences[i]) for i in body)
    stock = [phrase for phrase in settings.stock_phrases if phrase in text]
    minimum = settings.min_chars.get(reading.level or "", settings.min_chars.get("default", 300))
    reasons = []
    if chars < minimum:
        reasons.append(f"篇幅偏短（约{chars}字，宜不少于{minimum}字）")
    if achieved and chars < settings.min_ratio * achieved:
        reasons.append(f"只占举措和成效部分的{chars / achieved:.0%}")
    if len(caused) < settings.cause_share * len(items):
        reasons.append(f"列出{len(items)}个问题，只有{len(caused)}个分析了原因")
    if stock and len(stock) * settings.stock_chars >= chars:
        reasons.append(f"多为套话（{'、'.join(stock[:3])}）")
    summary = f" 统计：不足部分约{chars}字，列出{len(items)}个问题，其中{len(caused)}个分析了原因。"
    matches = [Match(i, reading.found(i, cause), False, False) for item in caused for i in item if reading.found(i, cause)]
    matches += [Match(item[0], [], False, reading.sentences[item[0]].heading) for item in items]
    evidence = best_evidence(reading, matches)
    if not reasons:
        return "met", evidence, summary
    return "partial", evidence, " 问题：" + "；".join(reasons) + "。" + summary


KIND = Kind(
    name="problems",
    judge=check_problems,
    summary="length of the problems part (absolute and against the achievements), how many listed problems give a cause, stock phrases",
    params=ProblemsParams,
    needs_part=True,
    term_params=("problem_terms", "cause_terms"),
    example="""\
- id: quality.problems
  check: problems
  part: shortcomings
  scope: {include: [shortcomings]}
  params: {min_chars: {default: 300, city: 500}, cause_share: 0.5}
""",
)
