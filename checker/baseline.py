"""Baselines (a ratchet): adopt the checker on an archive and stop only regressions.

`--baseline FILE` records every document's score and statuses when FILE does
not exist yet (or with --update-baseline); later runs compare with it and fail
only on a new gap (a rule worse than before) or a lower score. Documents are
keyed by their path relative to the baseline file, so the file can live in the
repository next to the reports.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from .errors import FzError
from .model import BaselineDelta, CheckResult, DocumentResult

SCHEMA = "fzcheck.baseline/1"
_RANK = {"met": 2, "partial": 1, "missing": 0}
SCORE_TOLERANCE = 0.05


class Ratchet:
    """Compares each document with the baseline as it comes, or records the baseline."""

    def __init__(self, path: Path, update: bool = False):
        self.path = path
        self.recording = update or not path.exists()
        self.before: dict = {} if self.recording else load(path)["documents"]
        self.recorded: dict[str, dict] = {}
        self.regressed = 0

    def check(self, document: DocumentResult) -> None:
        if document.error is not None:
            return
        key = _key(document.path, self.path.parent)
        if self.recording:
            self.recorded[key] = _entry(document)
            document.baseline = BaselineDelta(known=True, score_before=document.score)
        else:
            document.baseline = delta(document, self.before.get(key))
        self.regressed += document.baseline.regressed

    def text(self, version: str) -> str:
        """The baseline file to write, when recording."""
        return json.dumps({"schema": SCHEMA, "version": version, "documents": self.recorded},
                          ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def delta(document: DocumentResult, before: Optional[dict]) -> BaselineDelta:
    if before is None:  # new since the baseline: judged on its own
        return BaselineDelta(known=False, regressed=not document.passed, new_gaps=[f.rule for f in document.gaps()])
    old = before.get("statuses", {})
    new_gaps = [
        f.rule for f in document.findings
        if f.status in _RANK and f.waiver is None and old.get(f.rule) in _RANK and _RANK[f.status] < _RANK[old[f.rule]]
    ]
    new_gaps += [f.rule for f in document.gaps() if f.rule not in old]
    score_before = before.get("score")
    lower = score_before is not None and document.score is not None and document.score < score_before - SCORE_TOLERANCE
    return BaselineDelta(known=True, score_before=score_before, new_gaps=new_gaps, regressed=bool(new_gaps) or lower)


def _entry(document: DocumentResult) -> dict:
    return {"score": document.score, "passed": document.passed, "statuses": {f.rule: f.status for f in document.findings}}


def _key(document_path: str, folder: Path) -> str:
    target = Path(document_path).resolve()
    try:
        return target.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return target.as_posix()


def load(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FzError("baseline-invalid", f"基线文件无法读取：{exc}", f"cannot read the baseline: {exc}", str(path)) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("documents"), dict):
        raise FzError("baseline-invalid", f"不是 fzcheck 基线文件（应为 {SCHEMA}）", f"not an fzcheck baseline ({SCHEMA})", str(path))
    return data


def compare(result: CheckResult, path: Path) -> None:
    """Compare a finished result with the baseline at `path` (the library API)."""
    ratchet = Ratchet(path)
    for document in result.documents:
        ratchet.check(document)
    result.summary.regressed = ratchet.regressed
