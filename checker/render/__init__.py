"""Output formats. Each renderer reads a `CheckResult` and returns text; none looks back at the engine."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Iterable, Optional

from checker.concepts import CATEGORY_LABEL, KIND_LABEL, LEVEL_LABEL, SEVERITY_LABEL, STATUS_LABEL
from checker.model import DocumentResult

__all__ = ["CATEGORY_LABEL", "KIND_LABEL", "LEVEL_LABEL", "SEVERITY_LABEL", "STATUS_LABEL",
           "verdict_label", "write_atomic", "write_atomic_pieces", "report_name"]


def verdict_label(document: DocumentResult) -> str:
    if document.error is not None:
        return "无法检查"
    if document.meta is not None and document.meta.kind != "annual_report":
        return "不是年度报告"
    return "通过" if document.passed else "未通过"


def verdict_tone(document: DocumentResult) -> str:
    """How the verdict is coloured: pass, fail (a report that fails, or a file that could not be
    checked) or other (not an annual report)."""
    if document.error is None and document.meta is not None and document.meta.kind != "annual_report":
        return "other"
    return "pass" if document.error is None and document.passed else "fail"


def write_atomic(path: Path, text: str) -> None:
    """Write `text` so that a reader never sees half a file: temporary file, then rename."""
    write_atomic_pieces(path, [text])


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()  # what a new file of the user's gets (0644 by default), not mkstemp's 0600
TEMPORARY_SUFFIX = ".fzcheck-tmp"


def write_atomic_pieces(path: Path, pieces: Iterable[str]) -> None:
    """Write the pieces of a text into a temporary file beside `path`, then rename it into place."""
    _write_atomically(path, lambda handle: os.fdopen(handle, "w", encoding="utf-8", newline="\n"), pieces)


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write a binary file (a spreadsheet, a Word copy) the same way."""
    _write_atomically(path, lambda handle: os.fdopen(handle, "wb"), [data])


def _write_atomically(path: Path, open_handle, pieces: Iterable) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX)
    try:
        with open_handle(handle) as out:
            out.writelines(pieces)
        os.chmod(temporary, _FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def remove_leftovers(folder: Path, older_than: float = 600.0) -> None:
    """Remove temporary files an interrupted run left in `folder` (not those of a run still writing)."""
    import time

    if not folder.is_dir():
        return
    cutoff = time.time() - older_than
    for leftover in folder.rglob(f".*{TEMPORARY_SUFFIX}"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass


_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff.-]+")


def _readable(name: str) -> str:
    """A file name whose bytes were not UTF-8 (a zip unpacked from Windows): read them as GB18030 if they are."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def report_name(path: str, taken: set[str], root: Optional[str] = None) -> str:
    """A relative file name for a document's HTML report, unique within one run.

    It mirrors the document's path below the folder it was found in, suffix kept (教育局/报告.docx.html),
    so 报告.doc and 报告.pdf, or two departments' 年度报告.docx, never share a name.
    """
    try:
        relative = Path(os.path.relpath(path, root)) if root else Path(Path(path).name)
    except ValueError:
        relative = Path(Path(path).name)
    parts = [_UNSAFE.sub("_", _readable(part)).strip("._") or "report" for part in relative.parts
             if part not in ("..", ".")]
    base = "/".join(parts) or "report"
    name, counter = f"{base}.html", 2
    while name in taken:
        name, counter = f"{base}-{counter}.html", counter + 1
    taken.add(name)
    return name
