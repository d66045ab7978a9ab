"""Publication: made public by the due day of the following year (a grace day is only a warning)."""

from __future__ import annotations

from datetime import date
from typing import Optional

from pydantic import Field

from checker.document.conventions import Strict
from checker.rules.kinds.base import Kind, Outcome
from checker.rules.reading import Reading
from checker.rules.schema import Rule


class PublicationParams(Strict):
    due: str = Field(pattern=r"^\d{2}-\d{2}$")  # last on-time day of the following year, MM-DD
    grace: Optional[str] = Field(default=None, pattern=r"^\d{2}-\d{2}$")  # a day that is only a warning


def check_publication(rule: Rule, reading: Reading) -> Outcome:
    settings = rule.settings()
    published = _parse(reading.published)
    if published is None:
        return "not_applicable", [], " 未能确定发布日期（可从网页读取，或用 --published 指定）。"
    if reading.year is None:
        return "not_applicable", [], " 未能识别报告年度，无法判断是否按时公开。"
    due = _day(reading.year + 1, settings.due)
    grace = _day(reading.year + 1, settings.grace) if settings.grace else None
    detail = f" 发布日期 {published.isoformat()}，期限为 {due.isoformat()} 前（含当日）。"
    if published <= due:
        return "met", [], detail
    if grace is not None and published <= grace:
        return "partial", [], detail
    late = (published - due).days
    return "missing", [], detail + f" 逾期 {late} 天。"


def _day(year: int, month_day: str) -> date:
    month, day = (int(part) for part in month_day.split("-"))
    return date(year, month, day)


def _parse(value: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


KIND = Kind(
    name="publication",
    judge=check_publication,
    summary="published after the due day of the following year is a violation, on the grace day a warning; the date comes from the web page or `--published`",
    params=PublicationParams,
    example="""\
- id: quality.publication
  check: publication
  params: {due: "03-31", grace: "04-01"}
""",
)
