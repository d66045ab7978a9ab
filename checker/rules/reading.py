"""A document read against one rulebook, for one profile: what every kind of check looks at.

The `Document` is immutable and shared; a `Reading` adds the rulebook, the
profile chosen for the issuer, and caches of what several rules ask for (the
sentences in a scope).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Optional, Sequence

from checker.document import Document, Matched
from checker.document.outline import Outline, Section, Sentence
from checker.document.script import ScriptFolder, folder_for
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

    def candidates(self, termset: TermSet) -> frozenset[int]:
        return self.document.candidates(termset)

    def regex_hits(self, pattern: str) -> dict[int, list[Matched]]:
        return self.document.regex_hits(pattern)

    def part_sections(self, part: str) -> list[Section]:
        return self.document.part_sections(part)

    @cached_property
    def folder(self) -> ScriptFolder:
        """How evidence shows the text: ⼈⺠ (a browser-printed PDF's glyphs) as 人民."""
        return folder_for(self.document.spec)

    def part_label(self, part: str) -> str:
        return self.book.header.parts[part].label

    def terms(self, entries: list[str], unless_inside: Sequence[str] = ()) -> TermSet:
        return self.book.termset(entries, unless_inside)

    def in_scope(self, scope: Scope) -> list[int]:
        """Indices of the sentences `scope` admits (cached: many rules share a scope)."""
        return self._scope(scope).indices

    def admits(self, scope: Scope) -> frozenset[int]:
        """The same indices, as a set."""
        return self._scope(scope).admitted

    def content_chars(self, scope: Scope) -> int:
        """Characters of the sentences in `scope` that are content: not headings, not drafting instructions."""
        return self._scope(scope).content_chars

    def body_sentences(self, section: Section) -> list[int]:
        """Indices of the sentences, not headings, directly under `section` (not in its subsections)."""
        return self._sentences_by_kind[0].get(id(section), [])

    def heading_sentences(self, section: Section) -> list[int]:
        """Indices of the sentences of `section`'s own heading."""
        return self._sentences_by_kind[1].get(id(section), [])

    @cached_property
    def _sentences_by_kind(self) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
        """Section id → its body sentences, and → its heading's sentences."""
        body: dict[int, list[int]] = {}
        heading: dict[int, list[int]] = {}
        for i, sentence in enumerate(self.sentences):
            if sentence.section is not None:
                (heading if sentence.heading else body).setdefault(id(sentence.section), []).append(i)
        return body, heading

    def _scope(self, scope: Scope) -> "_InScope":
        key = (tuple(scope.include) if scope.include is not None else None, tuple(scope.exclude))
        cached = self._scopes.get(key)
        if cached is None:
            admitted = [group for roles, group in self._by_roles.items() if scope.admits_any(roles)]
            indices = sorted(i for group_indices, _ in admitted for i in group_indices)
            chars = sum(group_chars for _, group_chars in admitted)
            cached = self._scopes[key] = _InScope(indices, frozenset(indices), chars)
        return cached

    @cached_property
    def _by_roles(self) -> dict[frozenset[str], tuple[list[int], int]]:
        """For each set of roles its sentences' indices and content characters: a scope admits all of a
        set's sentences or none (a few sets, many scopes)."""
        sentences, instructions = self.sentences, self.document.instructions
        groups: dict[frozenset[str], list[int]] = {}
        for i, sentence in enumerate(sentences):
            groups.setdefault(sentence.roles, []).append(i)
        return {roles: (group, sum(sentences[i].end - sentences[i].start for i in group
                                   if not sentences[i].heading and i not in instructions))
                for roles, group in groups.items()}


@dataclass(frozen=True)
class _InScope:
    """What rules ask of the sentences one scope admits."""

    indices: list[int]
    admitted: frozenset[int]
    content_chars: int
