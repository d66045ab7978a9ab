"""Strip the web page around a report copied from a government portal.

Navigation bars, breadcrumbs, "字号", share buttons, visitor counters and
footers surround the body of a report saved from a site. They are only looked
for before the first line of body text and after the last one, so a sentence
in the report that happens to say "打印" is never lost. What counts as page
furniture is the rulebook's `document.chrome` section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from checker.document.conventions import ChromeConventions


@dataclass
class ChromeResult:
    kept: list[bool]
    published: str | None = None
    dropped: list[int] = field(default_factory=list)


def is_chrome(line: str, chrome: ChromeConventions) -> bool:
    return bool(chrome.regex("lines").search(line) or chrome.regex("nav_row").match(line))


def is_content(line: str, chrome: ChromeConventions) -> bool:
    """A line of report prose: long enough and punctuated like sentences."""
    stripped = line.strip()
    if len(stripped) < chrome.content_min_chars:
        return False
    if len(stripped) < chrome.chrome_max_chars and is_chrome(stripped, chrome):
        return False
    return any(mark in stripped for mark in chrome.content_marks)


def strip_chrome(lines: list[str], chrome: ChromeConventions) -> ChromeResult:
    kept = [True] * len(lines)
    content = [i for i, line in enumerate(lines) if is_content(line, chrome)]
    if not content:  # a short text: any sentence that is not page furniture
        content = [
            i for i, line in enumerate(lines)
            if "。" in line and len(line.strip()) >= chrome.short_text_min_chars and not is_chrome(line, chrome)
        ]
    if not content:
        return ChromeResult(kept)
    first, last = content[0], content[-1]
    dropped: list[int] = []
    for i in _furniture_above(lines[:first], chrome):
        kept[i] = False
        dropped.append(i)
    # the date the block labels as the publication's, else the first the furniture gives
    published = (_first_date(lines, dropped, chrome.regex("labelled_date"))
                 or _first_date(lines, dropped, chrome.regex("date")))
    footer_start = chrome.regex("footer_start")
    footer = next((i for i in range(last + 1, len(lines)) if footer_start.search(lines[i])), None)
    for i in range(last + 1, len(lines)):
        if (footer is not None and i >= footer) or is_chrome(lines[i], chrome):
            kept[i] = False
            dropped.append(i)
    return ChromeResult(kept, published, dropped)


def _furniture_above(lines: list[str], chrome: ChromeConventions) -> list[int]:
    """The lines above the report that are page furniture, with the value under each lone field label
    (unless the field was left empty and the line under it is the report's title)."""
    label, title = chrome.regex("field_label"), chrome.regex("title_line")
    furniture, value_due = [], False
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        labelled = bool(label.match(line))
        if (value_due and not title.search(line)) or labelled or is_chrome(line, chrome):
            furniture.append(i)
        value_due = labelled
    return furniture


def _first_date(lines: list[str], dropped: list[int], date_pattern: re.Pattern[str]) -> str | None:
    """The first date `date_pattern` finds in the dropped lines, as an ISO date."""
    return next((found for i in dropped if (found := _date_of(lines[i], date_pattern))), None)


def _date_of(line: str, date_pattern: re.Pattern[str]) -> str | None:
    match = date_pattern.search(line)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        found = date(year, month, day)
    except ValueError:  # 2023-02-29 is no date
        return None
    return found.isoformat() if 1990 <= year <= 2100 else None
