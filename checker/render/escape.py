"""Escaping for every output, in one place: any file name, any document text, in any format.

A path may hold anything a file system allows: newlines, carriage returns,
escape sequences, backticks, `#`, `%`, Markdown and HTML, and, on Linux, bytes
that are not UTF-8, which Python hands over as lone surrogates
(surrogateescape: the byte 0xB1 becomes '\\udcb1'). No output may let such a
name start a line, run a terminal escape, break a table or a tag, or crash the
UTF-8 writer. Each format has its helper here; renderers call them on every
piece of text that comes from a document or a path.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

# Characters a reader should never get raw: C0 and C1 controls, DEL, lone surrogates, line and
# paragraph separators, bidirectional overrides and marks (they reorder what a terminal shows),
# the byte-order mark and the noncharacters U+FFFE and U+FFFF.
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)
# Not allowed anywhere in an XML 1.0 document (tab, newline and carriage return are).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Not fit for an HTML page as written: controls other than tab, newline and return, and lone surrogates.
_NOT_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Markdown: punctuation that could open an inline construct, a cell, an entity, a mention,
# an emoji or math, and the `www.` that GitHub would turn into a link.
_MARKDOWN = re.compile(r"[\\`*_\[\]<>|!~&:@#$]|(?<=www)\.", re.IGNORECASE)


def _visible_char(char: str) -> str:
    """The escape a reader sees for one invisible character: \\n, \\x1b, \\xb1 (a byte that was not UTF-8), \\u202e."""
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control, separator, bidi mark and lone surrogate shown as a visible escape.

    For the terminal and for any one-line field: the result has no line break,
    no escape sequence and encodes to UTF-8.
    """
    return _INVISIBLE.sub(lambda m: _visible_char(m.group()), text)


def no_surrogates(text: str) -> str:
    """`text` with lone surrogates (bytes that were not UTF-8) shown as \\xNN, so it encodes to UTF-8."""
    return _SURROGATE.sub(lambda m: _visible_char(m.group()), text)


def html_page(text: str) -> str:
    """A rendered HTML page made fit to write: controls and lone surrogates shown as visible escapes."""
    return _NOT_HTML.sub(lambda m: _visible_char(m.group()), text)


def xml_text(text: str) -> str:
    """`text` with every character XML 1.0 forbids (controls, lone surrogates, U+FFFE/FFFF) shown as an escape.

    Still to be escaped for markup (`xml.sax.saxutils.escape` / `quoteattr`).
    """
    return _NOT_XML.sub(lambda m: _visible_char(m.group()), text)


def markdown_text(text: str) -> str:
    """`text` for a Markdown (GFM) table cell: one line, no link, image, HTML, code, emphasis or cell break.

    Invisible characters become visible escapes first, then every character
    that could start Markdown syntax is backslash-escaped, so the cell shows
    the text as it is.
    """
    return _MARKDOWN.sub(lambda m: "\\" + m.group(), visible(text))


def uri_reference(path: str) -> str:
    """A file path as a relative URI reference (RFC 3986), for SARIF's `artifactLocation.uri`.

    Backslashes become `/`; every byte but the unreserved characters and `/`
    is percent-encoded from UTF-8 (`#` → %23, `%` → %25, space → %20, 中 → %E4%B8%AD),
    and a lone surrogate from a name that was not UTF-8 gives back its
    original byte (\\udcb1 → %B1).
    """
    text = path.replace("\\", "/")
    text = re.sub("[\ud800-\udc7f\udd00-\udfff]", "\ufffd", text)  # surrogates that stand for no byte
    uri = quote(text.encode("utf-8", "surrogateescape"), safe="/")
    # "//x" would read as an authority (a host); "/.//x" is the same path without one.
    return "/." + uri if uri.startswith("//") else uri


def json_dumps(value: object, **options) -> str:
    """`json.dumps` with the text kept readable (not ASCII-escaped) but lone surrogates written as \\udcXX.

    A name that was not UTF-8 round-trips through `json.loads` unchanged and the
    text still encodes to UTF-8.
    """
    return json_surrogates(json.dumps(value, ensure_ascii=False, **options))


def json_surrogates(dumped: str) -> str:
    """A JSON text with each raw lone surrogate (only ever inside a string) replaced by its \\uXXXX escape."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def workflow_data(text: str) -> str:
    """The message of a GitHub workflow command: % CR LF as %25 %0D %0A, other controls as visible escapes."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(escaped)


def workflow_property(text: str) -> str:
    """A property of a GitHub workflow command (`file=`, `title=`): as a message, and `:` `,` as %3A %2C."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")
