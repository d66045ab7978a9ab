"""A published report by its address: fetched once, then read as the saved page (or file) would be.

This is how a 依法治办 audits its subordinate bodies: the portal page is what was
published, and its date is the publication date. The fetch is bounded: a time
limit for the whole download, a size limit, a few redirects, http(s) only, and
no cookies (every hop is a fresh request, so nothing a portal sets is sent back).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urljoin, urlsplit

from checker.errors import FzError
from checker.document.ingest.source import Source

SCHEMES = ("http://", "https://")
FETCH_SECONDS = 30.0  # a portal page arrives in a second or two; a stalled one is given up on
MAX_REDIRECTS = 5  # portals redirect http → https → a mirror at most; more is a loop
USER_AGENT = "fzcheck (rule-of-law report checker)"

# What a server says it sends → the reader for it (by the READERS table's suffixes).
_TYPES = {
    "text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt",
    "application/pdf": ".pdf", "application/ofd": ".ofd",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
}
_MAGIC = ((b"%PDF", ".pdf"), (b"PK\x03\x04", ".docx"))
# Suffixes an address may end in that say what it is when the server does not (images: OCR).
_NAMED = (".pdf", ".docx", ".ofd", ".txt", ".doc", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
_READABLE = (".txt", ".pdf", ".ofd", ".docx", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    suffix: str  # the reader to use, as a file suffix
    charset: Optional[str]  # from the Content-Type header


def is_url(path: str) -> bool:
    return path.lower().startswith(SCHEMES)


def read_url(url: str, max_bytes: int, reader_for) -> Source:
    """The report at `url`, read by the reader its type calls for (`reader_for(suffix)`)."""
    fetched = fetch(url, max_bytes)
    if fetched.suffix == ".html":
        from checker.document.ingest.html import read_html

        return read_html(url, fetched.data, declared=fetched.charset)
    if fetched.suffix not in _READABLE:  # a .doc needs LibreOffice and a file of its own: save it, check the file
        raise FzError("unsupported-format", f"网址返回的内容类型无法检查（{fetched.suffix}），请确认网址是报告页面，或下载后另存为 .docx 或 PDF 再检查",
                      f"the address returns a kind of file that cannot be checked ({fetched.suffix}); "
                      "download it and save it as .docx or PDF")
    return reader_for(fetched.suffix)(url, fetched.data)


def fetch(url: str, max_bytes: int, seconds: Optional[float] = None, redirects: int = MAX_REDIRECTS) -> Fetched:
    """Download `url`, following up to `redirects` redirects, within `seconds` and `max_bytes`."""
    import httpx

    seconds = FETCH_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + seconds
    for _ in range(redirects + 1):
        _check_address(url)
        try:
            with httpx.Client(follow_redirects=False, timeout=_timeout(deadline)) as client:
                with client.stream("GET", url, headers={"User-Agent": USER_AGENT}) as response:
                    if response.is_redirect and response.headers.get("location"):
                        url = urljoin(url, response.headers["location"])
                        continue
                    _check_status(response.status_code)
                    data = _body(response, max_bytes, deadline)
                    return Fetched(str(response.url), data, _suffix(response, url, data), response.charset_encoding)
        except httpx.TimeoutException:
            raise _timed_out(seconds) from None
        except httpx.HTTPError as exc:
            raise FzError("unreachable", f"无法连接到 {urlsplit(url).hostname or url}：{type(exc).__name__}",
                          f"cannot reach {urlsplit(url).hostname or url}: {exc}") from None
    raise FzError("too-many-redirects", f"网址跳转超过 {redirects} 次，已停止", f"more than {redirects} redirects; stopped")


def _check_address(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FzError("bad-url", f"网址无效或不是 http/https 地址：{url}", f"not a valid http(s) address: {url}")


def _timeout(deadline: float):
    import httpx

    left = max(0.1, deadline - time.monotonic())
    return httpx.Timeout(left)


def _check_status(status: int) -> None:
    if status >= 400:
        meaning = "页面不存在" if status in (404, 410) else "访问被拒绝" if status in (401, 403) else "服务器出错"
        raise FzError("http-status", f"网页无法打开：服务器返回 {status}（{meaning}）",
                      f"the page cannot be opened: the server answered {status}")


def _body(response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(int(declared), max_bytes)
    chunks, size = [], 0
    for chunk in response.iter_bytes():  # as it arrives: a fixed chunk size would wait for a dripping server
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(size, max_bytes)
        if time.monotonic() > deadline:  # a server dripping bytes never times out a single read
            raise _timed_out(None)
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data:
        raise FzError("empty", "网址返回的内容是空的", "the address returned nothing")
    return data


def _suffix(response, url: str, data: bytes) -> str:
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in _TYPES:
        return _TYPES[kind]
    path = urlsplit(url).path.lower()
    named = next((suffix for suffix in _NAMED if path.endswith(suffix)), None)
    if named is not None:  # before the bytes: an .ofd is a zip too, and would pass for a .docx
        return named
    for magic, suffix in _MAGIC:
        if data.startswith(magic):
            return suffix
    return ".html" if not kind or kind.startswith("text/") else kind  # a type no reader takes is named as such


def _too_large(size: int, limit: int) -> FzError:
    return FzError("too-large", f"网址返回的内容超过大小上限（{size // 1024} KB 以上，上限 {limit // 1024} KB，可用 --max-size 调整）",
                   f"the address returned more than the size limit ({size // 1024} KB or more; the limit is "
                   f"{limit // 1024} KB; see --max-size)")


def _timed_out(seconds: Optional[float]) -> FzError:
    limit = f"{seconds:.0f} 秒内" if seconds else "时限内"
    return FzError("timeout", f"网页在{limit}没有下载完成，请稍后再试或保存网页后检查",
                   "the page did not arrive in time; try again later or save the page and check the file")
