"""`fzcheck diff OLD NEW`: two versions of a report, or last year's and this year's.

What a reviewer asks: did the score go up, which rules moved between met,
partial and missing, and is this year's problems part (or plan) last year's
copied? Passages are compared with their figures and years taken out, so a
copy with "2023年" changed to "2024年" is still found.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Optional

from checker.concepts import is_judged, status_rank
from checker.document import Document
from checker.model import DiffResult, Passage, RuleChange
from checker.rules.kinds.evidence import place
from checker.run.engine import Checker

SIMILAR = 0.8  # share of characters two passages have in common to count as nearly the same
MIN_CHARS = 12  # shorter passages (headings like 一是…) say too little to compare
# The parts where last year's text is most often copied.
COMPARED_PARTS = ("shortcomings", "next_year")
_NOISE = re.compile(r"[\d０-９]+|[\s,，。.;；:：、!！?？“”\"'（）()《》【】]")


def diff_reports(checker: Checker, old_path: str, new_path: str) -> DiffResult:
    old, old_document = checker.inspect(old_path)
    new, new_document = checker.inspect(new_path)
    result = DiffResult(old=old, new=new)
    if old.error or new.error:
        return result
    result.score_change = round((new.score or 0) - (old.score or 0), 1)
    before = {f.rule: f for f in old.findings}
    for finding in new.findings:
        earlier = before.get(finding.rule)
        if earlier is None or earlier.status == finding.status:
            continue
        if is_judged(finding.status) and is_judged(earlier.status):
            better = status_rank(finding.status) > status_rank(earlier.status)
            result.changes.append(RuleChange(rule=finding.rule, title=finding.title, before=earlier.status,
                                             after=finding.status, better=better))
    if old_document is not None and new_document is not None:
        for part in COMPARED_PARTS:
            label = checker.books[0].header.parts[part].label
            result.repeated.extend(_repeated(old_document, new_document, part, label))
    return result


def _passages(document: Document, part: str) -> list[tuple[int, str, str, str]]:
    """(line, place, text as written, text for comparing) of the body sentences in `part`."""
    out = []
    for sentence in document.sentences:
        if part in sentence.roles and not sentence.heading:
            written = document.outline.excerpt(sentence.start, sentence.end).strip()
            bare = _NOISE.sub("", written)
            if len(bare) >= MIN_CHARS:
                section = sentence.section.path() if sentence.section else ""
                out.append((document.outline.file_line(sentence.line, sentence.start),
                            place(document, sentence.line, sentence.section, section, sentence.start), written, bare))
    return out


def _repeated(old: Document, new: Document, part: str, label: str) -> list[Passage]:
    earlier = _passages(old, part)
    found = []
    for line, where, written, bare in _passages(new, part):
        best, match = 0.0, None
        for candidate in earlier:
            ratio = SequenceMatcher(None, bare, candidate[3], autojunk=False).ratio()
            if ratio > best:
                best, match = ratio, candidate
        if match is not None and best >= SIMILAR:
            old_line, old_place, old_written, old_bare = match
            found.append(Passage(part=part, part_label=label, old_line=old_line, new_line=line, old_text=old_written,
                                 new_text=written, similarity=round(best, 2), same=bare == old_bare,
                                 old_place=old_place, new_place=where))
    return found
