"""Guards for zip-based formats (.docx): refuse bombs and broken archives before reading."""

from __future__ import annotations

import io
import zipfile

from checker.errors import FzError

# The .docx reader holds the members it reads in memory and parses them into trees of about ten
# times their size (the others, photos among them, it leaves zipped): both are bounded before
# anything is expanded.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all members (a report with photos: tens of MB)
MAX_XML_MEMBER_BYTES = 16 * 1024 * 1024  # one XML member (a 300-page report's document.xml: 2-8 MB)
MAX_RATIO = 200  # a member that expands more than this is a bomb, not a document
MAX_MEMBERS = 5000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class _DeclaredSizes(zipfile.ZipFile):
    """A ZipFile whose members expand no further than the sizes their headers declare, which `open_zip`
    bounded: zipfile's own read() inflates a whole member in one call, so a member whose headers claim
    5 KB and that holds 1 GB of zeros took 1 GB before its checksum failed."""

    def read(self, name, pwd=None) -> bytes:
        member = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        with self.open(member, pwd=pwd) as handle:
            return handle.read(member.file_size)  # a member larger than declared fails its checksum here


def open_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    """A ZipFile over `data` whose declared sizes are safe to expand, and whose members expand no further."""
    if data.startswith(_OLE_MAGIC):
        raise ole_container(kind)
    try:
        archive = _DeclaredSizes(io.BytesIO(data))
        members = archive.infolist()
    except Exception:  # BadZipFile, but also NotImplementedError for a damaged version field, …
        raise broken(kind) from None
    if len(members) > MAX_MEMBERS:
        raise bomb(kind)
    total = 0
    for member in members:
        total += member.file_size
        compressed = max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and member.file_size / compressed > MAX_RATIO:
            raise bomb(kind)
        if member.file_size > MAX_XML_MEMBER_BYTES and member.filename.lower().endswith((".xml", ".rels")):
            raise too_large_part(kind, member.filename, member.file_size)
    if total > MAX_UNPACKED_BYTES:
        raise bomb(kind)
    return archive


def broken(kind: str) -> FzError:
    return FzError(
        "corrupt",
        f"{kind} 文件已损坏或不完整，无法打开；请在 Word/WPS 中重新保存后再检查",
        f"the {kind} file is damaged or truncated and cannot be opened; re-save it and try again",
    )


def bomb(kind: str) -> FzError:
    return FzError(
        "zip-bomb",
        f"{kind} 文件解压后过大（疑似压缩炸弹），已拒绝读取",
        f"the {kind} file would expand to an unsafe size (zip bomb); refused before expanding",
    )


def too_large_part(kind: str, name: str, size: int) -> FzError:
    unpacked, limit = f"{size / 1048576:.1f} MB", f"{MAX_XML_MEMBER_BYTES // 1048576} MB"
    return FzError(
        "too-long",
        f"{kind} 文件中的 {name} 解压后 {unpacked}，超过上限 {limit}，远超一份报告的篇幅，已拒绝读取",
        f"{name} in the {kind} file unpacks to {unpacked}, over the limit of {limit} and far more than a report; refused",
    )


def ole_container(kind: str) -> FzError:
    return FzError(
        "old-word-format",
        f"这是旧版 Word（.doc）、WPS 或加密的 Office 文件，不是 {kind}；请另存为 .docx 或导出为 PDF 后再检查",
        f"this is an old binary Word/WPS or an encrypted Office file, not {kind}; save it as .docx or PDF",
    )
