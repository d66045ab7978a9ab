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

from pydantic import BaseModel, Field

from .analysis import Analysis
from .engine import Checker
from .model import DocumentResult

SIMILAR = 0.8  # share of characters two passages have in common to count as nearly the same
MIN_CHARS = 12  # shorter passages (headings like 一是…) say too little to compare
PARTS = {"shortcomings": "存在的不足和原因", "next_year": "下一年度安排"}
_RANK = {"met": 2, "partial": 1, "missing": 0}
_NOISE = re.compile(r"[\d０-９]+|[\s,，。.;；:：、!！?？“”\"'（）()《》【】]")


class RuleChange(BaseModel):
    rule: str
    title: str
    before: str
    after: str
    better: bool


class Passage(BaseModel):
    part: str
    part_label: str
    old_line: int
    new_line: int
    old_text: str
    new_text: str
    similarity: float
    same: bool  # the same after figures and punctuation are taken out


class DiffResult(BaseModel):
    old: DocumentResult
    new: DocumentResult
    score_change: Optional[float] = None
    changes: list[RuleChange] = Field(default_factory=list)
    repeated: list[Passage] = Field(default_factory=list)

    def exit_code(self) -> int:
        """2 a file could not be read; 1 the new version is worse or repeats the old problems; else 0."""
        if self.old.error or self.new.error:
            return 2
        worse = any(not change.better for change in self.changes)
        copied = any(p.part == "shortcomings" for p in self.repeated)
        return 1 if worse or copied or (self.score_change or 0) < 0 else 0


def diff(checker: Checker, old_path: str, new_path: str) -> DiffResult:
    old, old_analysis = checker.examine(old_path)
    new, new_analysis = checker.examine(new_path)
    result = DiffResult(old=old, new=new)
    if old.error or new.error:
        return result
    result.score_change = round((new.score or 0) - (old.score or 0), 1)
    before = {f.rule: f for f in old.findings}
    for finding in new.findings:
        earlier = before.get(finding.rule)
        if earlier is None or earlier.status == finding.status:
            continue
        if finding.status in _RANK and earlier.status in _RANK:
            result.changes.append(RuleChange(rule=finding.rule, title=finding.title, before=earlier.status,
                                             after=finding.status, better=_RANK[finding.status] > _RANK[earlier.status]))
    if old_analysis is not None and new_analysis is not None:
        for part, label in PARTS.items():
            result.repeated.extend(_repeated(old_analysis, new_analysis, part, label))
    return result


def _passages(analysis: Analysis, part: str) -> list[tuple[int, str, str]]:
    """(line, text as written, text for comparing) of the body sentences in `part`."""
    out = []
    for sentence in analysis.sentences:
        if part in sentence.roles and not sentence.heading:
            written = analysis.outline.excerpt(sentence.start, sentence.end).strip()
            bare = _NOISE.sub("", written)
            if len(bare) >= MIN_CHARS:
                out.append((sentence.line, written, bare))
    return out


def _repeated(old: Analysis, new: Analysis, part: str, label: str) -> list[Passage]:
    earlier = _passages(old, part)
    found = []
    for line, written, bare in _passages(new, part):
        best, match = 0.0, None
        for old_line, old_written, old_bare in earlier:
            ratio = SequenceMatcher(None, bare, old_bare, autojunk=False).ratio()
            if ratio > best:
                best, match = ratio, (old_line, old_written, old_bare)
        if match is not None and best >= SIMILAR:
            found.append(Passage(part=part, part_label=label, old_line=match[0], new_line=line, old_text=match[1],
                                 new_text=written, similarity=round(best, 2), same=bare == match[2]))
    return found
