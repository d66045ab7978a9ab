"""The points a part of the report lists: its sub-sections, or else its sentences."""

from __future__ import annotations

from checker.document.outline import Section
from checker.rules.reading import Reading
from checker.rules.schema import Rule


def listed_points(reading: Reading, rule: Rule, role: str) -> tuple[list[list[int]], list[int]]:
    """The points listed in a part and all of its sentences but the part's own heading.

    A point is a sub-section (一是…, （一）…) with its sentences; a part without
    sub-sections lists one point per sentence.
    """
    tops = {id(section) for section in reading.part_sections(role)}
    content = [
        i for i, s in enumerate(reading.sentences)
        if role in s.roles and rule.scope.admits_any(s.roles) and not (s.heading and id(s.section) in tops)
    ]
    groups: dict[int, list[int]] = {}
    for i in content:
        section = reading.sentences[i].section
        if section is not None and id(section) not in tops:
            groups.setdefault(id(_top_below(section, tops)), []).append(i)
    if groups:
        return list(groups.values()), content
    return [[i] for i in content], content


def _top_below(section: Section, tops: set[int]) -> Section:
    """The ancestor of `section` just below the part's own section (a whole sub-item)."""
    node = section
    while node.parent is not None and id(node.parent) not in tops:
        node = node.parent
    return node
