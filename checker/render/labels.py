"""Column labels for the rules in a table (the dashboard, the spreadsheet): short and distinct."""

from __future__ import annotations

import re
from typing import Iterable, Optional

# Column labels: the rulebook's own (Rule.short) where it has one. A rule without one (a local
# rulebook's) gets the first clause of its title, less what it shares at the front with the other
# titles, at most _LABEL_MAX characters.
_CLAUSE = re.compile(r"[，、（(：:]")
_LABEL_MAX = 10
_LABEL_KEEP = 4  # never strip a label below this many characters


def column_labels(
    titles: dict[str, str], shorts: Optional[dict[str, str]] = None, taken: Iterable[str] = (),
) -> dict[str, str]:
    """A short column label for each rule: its rulebook's, or one made from the titles.

    No two are equal, nor equal to a label in `taken` (the table's other headers).
    """
    labels = {}
    for rule, title in titles.items():
        others = [other for key, other in titles.items() if key != rule]
        labels[rule] = (shorts or {}).get(rule) or _label(title, others)
    return _distinct(labels, taken)


def _label(title: str, others: list[str]) -> str:
    """The part of a title that tells it apart: 上一年度推进法治政府建设的主要举措和成效 → 举措和成效."""
    text = _strip_shared_front(_CLAUSE.split(title)[0], others)
    if len(text) > _LABEL_MAX:  # still long: the longest stretch no other title has, if it says enough
        run = _longest_unshared(text, others)
        text = run if len(run) >= _LABEL_KEEP else text
    if len(text) <= _LABEL_MAX:
        return text
    # Cut out the middle: a title's topic stands at its start and what is asked for at its end.
    return text[:_LABEL_KEEP] + "…" + text[-(_LABEL_MAX - _LABEL_KEEP - 1):]


def _strip_shared_front(text: str, others: list[str]) -> str:
    """Drop, again and again, the longest front of `text` that appears anywhere in another title."""
    while True:
        cut = next((n for n in range(len(text) - _LABEL_KEEP, 1, -1) if any(text[:n] in o for o in others)), 0)
        if not cut:
            return text
        text = text[cut:]


def _longest_unshared(text: str, others: list[str]) -> str:
    """The longest stretch of `text` none of whose character pairs occurs in another title."""
    shared = [False] * len(text)
    for i in range(len(text) - 1):
        if any(text[i:i + 2] in o for o in others):
            shared[i] = shared[i + 1] = True
    runs = "".join("\n" if taken else ch for ch, taken in zip(text, shared)).split("\n")
    return max(runs, key=len)


def _distinct(labels: dict[str, str], taken: Iterable[str]) -> dict[str, str]:
    """Number a label that is still taken (rare: two titles that differ only past the first clause)."""
    seen: dict[str, int] = dict.fromkeys(taken, 1)
    out = {}
    for rule, label in labels.items():
        seen[label] = seen.get(label, 0) + 1
        out[rule] = label if seen[label] == 1 else f"{label}（{seen[label]}）"
        seen[out[rule]] = seen.get(out[rule], 0) + 1
    return out
