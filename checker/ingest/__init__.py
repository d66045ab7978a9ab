"""Readers: one file in, a `Source` (numbered lines plus hints) out.

Every failure is an `FzError` naming the reason in Chinese and English; the
caller adds the file name. Input files are only ever opened for reading.
"""

from __future__ import annotations

import os
from typing import Callable

from ..errors import FzError
from .source import Source, SourceLine
from .text import read_markdown, read_text

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

Reader = Callable[[str, bytes], Source]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
}


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    suffix = os.path.splitext(path)[1].lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise FzError(
            "unsupported-format",
            f"不支持的文件类型“{suffix or '无扩展名'}”，请提供 {'、'.join(supported_suffixes())} 文件",
            f"unsupported file type '{suffix or 'none'}'; use one of {', '.join(supported_suffixes())}",
        )
    data = read_bytes(path, max_bytes)
    return reader(path, data)


def read_bytes(path: str, max_bytes: int) -> bytes:
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise FzError("not-found", "文件不存在", "file not found") from None
    except OSError as exc:
        raise FzError("unreadable", f"无法读取文件：{exc.strerror}", f"cannot read the file: {exc.strerror}") from None
    if os.path.isdir(path):
        raise FzError("is-directory", "这是一个文件夹，不是文件", "this is a directory, not a file")
    if size > max_bytes:
        raise FzError(
            "too-large",
            f"文件大小 {size / 1048576:.1f} MB 超过上限 {max_bytes / 1048576:.0f} MB",
            f"file size {size / 1048576:.1f} MB exceeds the limit of {max_bytes / 1048576:.0f} MB",
        )
    if size == 0:
        raise FzError("empty", "文件是空的", "the file is empty")
    try:
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as exc:
        raise FzError("unreadable", f"无法读取文件：{exc.strerror}", f"cannot read the file: {exc.strerror}") from None


__all__ = ["Source", "SourceLine", "read_source", "supported_suffixes", "DEFAULT_MAX_BYTES"]
