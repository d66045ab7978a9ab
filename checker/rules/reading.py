"""A document read against one rulebook, for one profile: what every kind of check looks at.

The `Document` is immutable and shared; a `Reading` adds the rulebook, the
profile chosen for the issuer, and caches of what several rules ask for (the
sentences in a scope).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from checker.document import Document
from checker.document.outline import Outline, Section, Sentence
from checker.document.segment import TermSet
from checker.rules.schema import Scope

if TYPE_CHECKING:
    from checker.rules.rulebook import Rulebook


@dataclass
class Reading:
    document: Document
    book: "Rulebook"
    profile: str
    _scopes: dict = field(default_factory=dict, repr=False)

    # What the document says about itself.
    @property
    def outline(self) -> Outline:
        return self.document.outline

    @property
    def year(self) -> Optional[int]:
        return self.document.year

    @property
    def issuer(self) -> Optional[str]:
        return self.document.issuer

    @property
    def level(self) -> Optional[str]:
        return self.document.level

    @property
    def kind(self) -> str:
        return self.document.kind

    @property
    def published(self) -> Optional[str]:
        return self.document.published

    @property
    def sentences(self) -> list[Sentence]:
        return self.document.sentences

    @property
    def quantities(self) -> list[bool]:
        return self.document.quantities

    def text_of(self, sentence: Sentence) -> str:
        return self.document.text_of(sentence)

    def found(self, index: int, termset: TermSet, span: Optional[tuple[int, int]] = None) -> list[str]:
        return self.document.found(index, termset, span)

    def candidates(self, termset: TermSet) -> set[int]:
        return self.document.candidates(termset)

    def regex_hits(self, pattern: str) -> dict[int, list[str]]:
        return self.document.regex_hits(pattern)

    def part_sections(self, part: str) -> list[Section]:
        return self.document.part_sections(part)

    def part_label(self, part: str) -> str:
        return self.book.header.parts[part].label

    def terms(self, entries: list[str]) -> TermSet:
        return self.book.termset(entries)

    def in_scope(self, scope: Scope) -> list[int]:
        """Indices of the sentences `scope` admits (cached: many rules share a scope)."""
        key = (tuple(scope.include) if scope.include is not None else None, tuple(scope.exclude))
        cached = self._scopes.get(key)
        if cached is None:
            cached = [i for i, s in enumerate(self.sentences) if scope.admits_any(s.roles)]
            self._scopes[key] = cached
        return cached
