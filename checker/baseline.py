"""Baselines (a ratchet): adopt the checker on an archive and stop only regressions.

`--baseline FILE` records every document's score and statuses when FILE does
not exist yet; later runs compare with it and fail only on a new gap (a rule
worse than before) or a lower score. Documents are keyed by their path
relative to the baseline file, so the file can live in the repository.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import FzError
from .model import BaselineDelta, CheckResult

SCHEMA = "fzcheck.baseline/1"
_RANK = {"met": 2, "partial": 1, "missing": 0}
SCORE_TOLERANCE = 0.05


def _key(document_path: str, folder: Path) -> str:
    target = Path(document_path).resolve()
    try:
        return target.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return target.as_posix()


def record(result: CheckResult, path: Path) -> str:
    """The baseline for `result`, as text to write to `path`."""
    documents = {}
    for document in result.documents:
        if document.error is not None:
            continue
        documents[_key(document.path, path.parent)] = {
            "score": document.score,
            "passed": document.passed,
            "statuses": {f.rule: f.status for f in document.findings},
        }
    return json.dumps({"schema": SCHEMA, "version": result.version, "documents": documents},
                      ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def load(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FzError("baseline-invalid", f"基线文件无法读取：{exc}", f"cannot read the baseline: {exc}", str(path)) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("documents"), dict):
        raise FzError("baseline-invalid", f"不是 fzcheck 基线文件（应为 {SCHEMA}）", f"not an fzcheck baseline ({SCHEMA})", str(path))
    return data


def compare(result: CheckResult, baseline: dict, path: Path) -> None:
    """Mark each document with what changed since the baseline and count the regressions."""
    regressed = 0
    for document in result.documents:
        if document.error is not None:
            continue
        before = baseline["documents"].get(_key(document.path, path.parent))
        if before is None:
            delta = BaselineDelta(known=False, regressed=not document.passed,
                                  new_gaps=[f.rule for f in document.gaps()])
        else:
            old = before.get("statuses", {})
            new_gaps = [
                f.rule for f in document.findings
                if f.status in _RANK and f.waiver is None and f.rule in old and old[f.rule] in _RANK
                and _RANK[f.status] < _RANK[old[f.rule]]
            ]
            new_gaps += [f.rule for f in document.gaps() if f.rule not in old]
            score_before = before.get("score")
            lower = score_before is not None and document.score is not None and document.score < score_before - SCORE_TOLERANCE
            delta = BaselineDelta(known=True, score_before=score_before, new_gaps=new_gaps,
                                  regressed=bool(new_gaps) or lower)
        document.baseline = delta
        regressed += delta.regressed
    result.summary.regressed = regressed
