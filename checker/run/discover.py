"""Which files a run checks: the paths given, folders walked, ignore files and globs respected."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from checker.errors import FzError
from checker.document.ingest import IMAGES, OLD_OFFICE, supported_suffixes

IGNORE_FILE = ".fzcheckignore"
# Files in a folder that are ours or the system's, never reports.
NOT_REPORTS = {"fzcheck-waivers.yaml", "fzcheck.toml", "pyproject.toml", "thumbs.db", "desktop.ini",
               IGNORE_FILE, "index.html", "fzcheck.json", "fzcheck.sarif", "fzcheck-junit.xml", "fzcheck.md",
               "fzcheck.txt", "fzcheck-baseline.json"}
# Formats a report may come in beyond the ones the messages list (RTF, Word and WPS templates):
# read through LibreOffice like .doc and .wps, or reported with what to do when it is missing.
OTHER_REPORT_FORMATS = tuple(sorted(OLD_OFFICE - set(supported_suffixes())))
# A folder of reports often holds seals, photos and single scanned pages: images met there are not
# checked; an image named on its own is read by OCR.
IMAGE_SKIPPED = "图片文件（扫描的报告页请逐个指定文件检查）"
# What fzcheck's own HTML outputs say of themselves: an earlier run's reports are not checked again.
OUR_HTML_MARK = b'name="generator" content="fzcheck'
SNIFF_BYTES = 2048


@dataclass
class Found:
    """A file to check, the folder the user named it through, or why it cannot be checked or is skipped."""

    path: str
    root: Optional[str] = None
    error: Optional[FzError] = None
    skipped: Optional[str] = None  # not a report (an image, a spreadsheet, an earlier output): why


def expand(paths: Iterable[str], exclude: Iterable[str] = (), avoid: Iterable[str] = ()) -> Iterator[Found]:
    """Files to check, in a stable order; a path that cannot be used becomes an error.

    `avoid` holds folders never to walk into (the output folder, when it lies inside an input).
    """
    patterns = list(exclude)
    avoided = [os.path.realpath(folder) for folder in avoid]
    for path in paths:
        if os.path.isdir(path):
            found = list(_walk(path, patterns, avoided))
            if not any(item.skipped is None for item in found):
                yield Found(path, None, FzError(
                    "no-reports",
                    f"文件夹中没有可检查的报告文件（支持 {'、'.join(supported_suffixes())}）",
                    f"the folder holds no report files ({', '.join(supported_suffixes())})",
                ))
            yield from found
        elif os.path.lexists(path) and not os.path.exists(path):
            yield Found(path, None, broken_link(path))
        else:
            yield Found(path)


def _walk(folder: str, patterns: list[str], avoided: list[str]) -> Iterator[Found]:
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=unreadable.append):
        yield from (_unreadable(error, folder) for error in unreadable)
        unreadable.clear()
        rules = patterns + _ignore_file(Path(folder)) + (_ignore_file(Path(root)) if root != folder else [])
        relative_root = os.path.relpath(root, folder)
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and not _ignored(_join(relative_root, d), rules, directory=True)
            and os.path.realpath(os.path.join(root, d)) not in avoided
        )
        for name in sorted(files):
            if name.startswith((".", "~$")) or name.lower() in NOT_REPORTS:
                continue
            if _ignored(_join(relative_root, name), rules, directory=False):
                continue
            full = os.path.join(root, name)
            if os.path.islink(full) and not os.path.exists(full):
                yield Found(full, folder, broken_link(full))
            else:
                yield Found(full, folder, skipped=_not_a_report(full))
    yield from (_unreadable(error, folder) for error in unreadable)


def _unreadable(error: OSError, root: str) -> Found:
    path = error.filename or root
    return Found(str(path), root, FzError("unreadable-folder", f"文件夹无法读取：{error.strerror}",
                                          f"cannot read the folder: {error.strerror}"))


def _not_a_report(path: str) -> Optional[str]:
    """Why a file met in a folder is not a report to check, or None when it may be one."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in IMAGES:
        return IMAGE_SKIPPED
    if suffix not in supported_suffixes():
        return None if suffix in OTHER_REPORT_FORMATS else f"不是报告文件类型（{suffix or '无扩展名'}）"
    if suffix in (".html", ".htm"):
        try:
            with open(path, "rb") as handle:
                head = handle.read(SNIFF_BYTES)
        except OSError:
            return None
        if OUR_HTML_MARK in head:
            return "fzcheck 生成的检查报告"
    return None


def _join(relative_root: str, name: str) -> str:
    return name if relative_root in ("", ".") else f"{Path(relative_root).as_posix()}/{name}"


def _ignore_file(folder: Path) -> list[str]:
    """Glob patterns from `.fzcheckignore`, one per line, `#` for comments (as in .gitignore)."""
    path = folder / IGNORE_FILE
    if not path.is_file():
        return []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _ignored(relative: str, patterns: list[str], directory: bool) -> bool:
    name = relative.rsplit("/", 1)[-1]
    for pattern in patterns:
        if pattern.endswith("/"):
            if directory and (fnmatch.fnmatch(relative, pattern[:-1]) or fnmatch.fnmatch(name, pattern[:-1])):
                return True
            continue
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern):
            return True
    return False


def broken_link(path: str) -> FzError:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return FzError("symlink-loop", "符号链接形成循环，无法打开", "symbolic link loop")
    return FzError("not-found", "链接指向的文件不存在", "the link points to a missing file")
