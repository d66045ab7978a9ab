"""Output formats. Each renderer reads a `CheckResult` and returns text; none looks back at the engine."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Iterable

from ..model import DocumentResult

STATUS_LABEL = {"met": "满足", "partial": "部分满足", "missing": "未满足", "not_applicable": "不适用"}
SEVERITY_LABEL = {"error": "必备", "warning": "重要", "info": "提示"}
CATEGORY_LABEL = {"item": "督察规定法定内容", "area": "纲要各方面工作", "quality": "质量要求"}
LEVEL_LABEL = {"province": "省级", "city": "市级", "county": "县级", "township": "乡镇（街道）", "department": "政府部门"}
KIND_LABEL = {"annual_report": "法治政府建设年度报告", "not_annual_report": "不是年度报告"}


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
