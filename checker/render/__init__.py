"""Output formats. Each renderer reads a `CheckResult` and returns text; none looks back at the engine."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Iterable

from checker.concepts import CATEGORY_LABEL, KIND_LABEL, LEVEL_LABEL, SEVERITY_LABEL, STATUS_LABEL
from checker.model import DocumentResult

__all__ = ["CATEGORY_LABEL", "KIND_LABEL", "LEVEL_LABEL", "SEVERITY_LABEL", "STATUS_LABEL", "line_unit",
           "verdict_label", "write_atomic", "write_atomic_pieces", "report_name"]


def line_unit(document: DocumentResult) -> str:
    """What an evidence `line` counts in this document: lines of plain text, paragraphs elsewhere."""
    fmt = document.meta.format if document.meta else None
    return "行" if fmt in (None, "txt", "md") else "段"


def verdict_label(document: DocumentResult) -> str:
    if document.error is not None:
        return "无法检查"
    if document.meta is not None and document.meta.kind != "annual_report":
        return "不是年度报告"
    return "通过" if document.passed else "未通过"


def write_atomic(path: Path, text: str) -> None:
    """Write `text` so that a reader never sees half a file: temporary file, then rename."""
    write_atomic_pieces(path, [text])


def write_atomic_pieces(path: Path, pieces: Iterable[str]) -> None:
    """Write the pieces of a text into a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.writelines(pieces)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff.-]+")


def report_name(path: str, taken: set[str]) -> str:
    """A file name for a document's HTML report, unique within one run."""
    stem = _UNSAFE.sub("_", Path(path).stem).strip("._") or "report"
    name, counter = f"{stem}.html", 2
    while name in taken:
        name, counter = f"{stem}-{counter}.html", counter + 1
    taken.add(name)
    return name
