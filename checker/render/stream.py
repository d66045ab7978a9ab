"""Outputs written one document at a time, so a run over thousands of reports holds no results.

A format gives the text for one document (`chunk`) and, once the run is
over, the text that goes before and after all of them (`head`, `tail`),
which may depend on the run's summary. Chunks wait in a spool file that stays
in memory while small and moves to disk when large.
"""

from __future__ import annotations

import tempfile
from typing import Iterator

from checker.model import CheckResult, DocumentResult, Summary

SPOOL_IN_MEMORY = 8 * 1024 * 1024


class Writer:
    """One output format. Subclasses override what they need."""

    separator = ""

    def chunk(self, document: DocumentResult) -> str:
        return ""

    def head(self, summary: Summary) -> str:
        return ""

    def tail(self, summary: Summary) -> str:
        return ""


class Spooled:
    """Feeds documents to a writer as they come and hands back the whole text at the end."""

    def __init__(self, writer: Writer):
        self.writer = writer
        self.spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY, mode="w+", encoding="utf-8")
        self.count = 0

    def add(self, document: DocumentResult) -> None:
        text = self.writer.chunk(document)
        if text:
            if self.count:
                self.spool.write(self.writer.separator)
            self.spool.write(text)
            self.count += 1

    def pieces(self, summary: Summary) -> Iterator[str]:
        yield self.writer.head(summary)
        self.spool.seek(0)
        while True:
            data = self.spool.read(1 << 16)
            if not data:
                break
            yield data
        yield self.writer.tail(summary)
        self.spool.close()


def render_all(writer: Writer, result: CheckResult) -> str:
    """The whole text of `writer` for a finished result (tests and the library API)."""
    spooled = Spooled(writer)
    for document in result.documents:
        spooled.add(document)
    return "".join(spooled.pieces(result.summary))
