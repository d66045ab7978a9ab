"""Density: figures per 1,000 characters of the achievements, and named documents or cases (《…》)."""

from __future__ import annotations

from itertools import islice

from pydantic import Field

from checker.document.conventions import Strict, compiled
from checker.rules.kinds.base import Kind, Outcome
from checker.rules.kinds.evidence import MAX_EVIDENCE, evidence_for
from checker.rules.reading import Reading
from checker.rules.schema import Rule


class DensityParams(Strict):
    met_per_1000: float = Field(6, ge=0)
    partial_per_1000: float = Field(2, ge=0)
    min_chars: int = Field(100, ge=0)  # shorter achievements are never met
    met_documents: int = Field(0, ge=0)  # named documents or cases (《…》) needed as well
    document_pattern: str = "《[^《》\\n]{2,60}》"


def check_density(rule: Rule, reading: Reading) -> Outcome:
    settings = rule.settings()
    quantity = reading.document.spec.regex("quantity")
    named = compiled(settings.document_pattern)
    chosen = [(i, s) for i, s in enumerate(reading.sentences) if not s.heading and rule.scope.admits_any(s.roles)]
    chars = sum(s.end - s.start for _, s in chosen)
    # A sentence with no figure (reading.quantities, by the same pattern) has none to count.
    figures = sum(len(quantity.findall(reading.text_of(s))) for i, s in chosen if reading.quantities[i])
    documents = sum(len(named.findall(reading.text_of(s))) for _, s in chosen)
    per_1000 = figures * 1000 / chars if chars else 0.0
    if chars >= settings.min_chars and per_1000 >= settings.met_per_1000 and documents >= settings.met_documents:
        status = "met"
    elif chars and (per_1000 >= settings.partial_per_1000 or documents >= max(settings.met_documents, 1)):
        status = "partial"
    else:
        status = "missing"
    detail = (
        f" 统计：举措和成效部分约 {chars} 字，含数据 {figures} 处（每千字 {per_1000:.1f} 处，"
        f"宜不少于 {settings.met_per_1000:g} 处），引用具体文件或事例 {documents} 个。"
    )
    examples = [
        evidence_for(reading, s, quantity.findall(reading.text_of(s))[:4])
        for i, s in islice(((i, s) for i, s in chosen if reading.quantities[i]), MAX_EVIDENCE)
    ]
    return status, examples, detail


KIND = Kind(
    name="density",
    judge=check_density,
    summary="figures per 1,000 characters in the rule's scope, and named documents or cases (《…》)",
    params=DensityParams,
    example="""\
- id: quality.numbers
  check: density
  scope: {exclude: [shortcomings, next_year, preamble]}
  params: {met_per_1000: 6, partial_per_1000: 2, met_documents: 2}
""",
)
