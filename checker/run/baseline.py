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

from checker.errors import FzError
from checker.model import DocumentResult
from checker.run.judge import BaselineEntry

SCHEMA = "fzcheck.baseline/1"


class Ratchet:
    """Compares each document with the baseline as it comes, or records the baseline."""

    def __init__(self, path: Path, update: bool = False):
        self.path = path
        self.recording = update or not path.exists()
        self.before: dict = {} if self.recording else load(path)["documents"]
        self.recorded: dict[str, dict] = {}
        self.regressed = 0

    def entry(self, path: str) -> BaselineEntry:
        """What to judge the document at `path` against (while recording: the document itself)."""
        if self.recording:
            return BaselineEntry(known=True, recording=True)
        before = self.before.get(_key(path, self.path.parent))
        if before is None:
            return BaselineEntry(known=False)
        return BaselineEntry(known=True, score=before.get("score"), statuses=before.get("statuses", {}))

    def record(self, document: DocumentResult) -> None:
        """Record a judged document (when recording) and count regressions."""
        if document.error is not None:
            return
        if self.recording:
            self.recorded[_key(document.path, self.path.parent)] = _entry(document)
        elif document.baseline is not None:
            self.regressed += document.baseline.regressed

    def text(self, version: str) -> str:
        """The baseline file to write, when recording."""
        return json.dumps({"schema": SCHEMA, "version": version, "documents": self.recorded},
                          ensure_ascii=False, indent=2, sort_keys=True) + "\n"


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
