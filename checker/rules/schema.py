"""The shape of a rulebook: what each YAML field means and which values it takes.

Validated by pydantic; `rulebook.py` loads, merges and checks the names used
across rules (lint). Check parameters are declared by each kind of check
(`kinds/`), the writing conventions by the document layer (`document/conventions.py`).
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field, PrivateAttr, field_validator

from checker.concepts import Category, Mood, PartName, Profile, Role, Severity
from checker.document.conventions import DocumentSpec, PartSpec, Regex, Strict
from checker.model import Basis


class Scope(Strict):
    include: Optional[list[Role]] = None
    exclude: list[Role] = Field(default_factory=list)

    def admits_any(self, roles: frozenset[str]) -> bool:
        """A sentence with these roles is in scope: one is included and none excluded."""
        if self.include is not None and not roles.intersection(self.include):
            return False
        return not roles.intersection(self.exclude)


class ClauseFilter(Strict):
    """The clauses a signal's terms must stand in (see checker/document/clauses.py)."""

    moods: list[Mood] = Field(default_factory=lambda: ["act"])
    actors: Optional[list[str]] = None  # kinds of actor (document.clauses.actors); any when not given
    specific: bool = False  # the clause has a figure, a named document, a date or a result
    # A section's body clause that names one of these and none of the heading's topic terms is about
    # something else (a 职能 heading over a 法律顾问 figure): it does not make the section concrete.
    off_topic: list[str] = Field(default_factory=list)
    # …and one that names one of these is about that, whatever topic terms it has (法律顾问团开展“法律明白人”培训12场:
    # 普法, which the decisions topic leaves out).
    none: list[str] = Field(default_factory=list)


class SentenceTopic(Strict):
    """Sentences about something else: they name one of `names` (a title or a name too) and none of `unless`."""

    names: list[str]
    unless: list[str] = Field(default_factory=list)


class Signal(Strict):
    """A kind of sentence a rule looks for."""

    label: str = ""
    all: list[str] = Field(default_factory=list)
    any: list[str] = Field(default_factory=list)
    none: list[str] = Field(default_factory=list)
    # An occurrence of an `all` or `any` term inside one of these words does not count for the signal, though the
    # clause's other terms do (the 纲要's formulas an opening summary keeps to: 坚持严格规范公正文明执法 names no
    # enforcement work, its 和推进政务公开 names 政务公开 still).
    unless_inside: list[str] = Field(default_factory=list)
    # One of these somewhere in the sentence, in a title too, not necessarily in the clause that holds the other
    # terms: the topic of an act whose clause names only who acted (召开常务会议，专题传达学习…; 主持召开党组会议，
    # 审议《…法治政府建设情况报告》).
    sentence: list[str] = Field(default_factory=list)
    regex: list[Regex] = Field(default_factory=list)
    # No sentence about this is one of the signal's, whichever of its clauses holds the terms (市长坐镇市防汛抗旱
    # 指挥部，主持召开防汛会商会11次: the leader's act, on other business than the rule of law); one topic or a
    # list of them, each with its own exceptions.
    elsewhere: list[SentenceTopic] = Field(default_factory=list)
    number: Optional[bool] = None
    # `content`: any sentence but a part's own heading (四、2024年推进法治政府建设的主要安排 names the part: no task of it)
    where: Literal["any", "heading", "body", "content"] = "any"
    clause: Optional[ClauseFilter] = None  # the terms must stand in one clause of this kind
    section_body: Optional[ClauseFilter] = None  # a heading counts only over a body with such a clause
    scope: Optional[Scope] = None
    points: float = Field(default=0, ge=0)
    number_points: float = Field(default=0, ge=0)

    @property
    def section_body_terms(self) -> list[str]:
        """The term groups its section body is read against (see ClauseFilter.off_topic and none)."""
        return self.section_body.off_topic + self.section_body.none if self.section_body is not None else []

    @field_validator("elsewhere", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value

    @property
    def elsewhere_terms(self) -> list[str]:
        """The term groups that say a sentence is about something else (see `elsewhere`)."""
        return [entry for topic in self.elsewhere for entry in topic.names + topic.unless]


class Topic(Strict):
    """What an area rule is about, written once: the rulebook's `defaults` give every area the same kinds of
    signal (an act, a section, a mention, a list item), and `$terms`, `$heading`, `$none` and `{topic}` in
    them are the rule's own (see rulebook.with_topic)."""

    names: str = Field(min_length=1)  # how a signal's label names the topic: 放管服改革、权责清单、营商环境、政务服务
    terms: list[str] = Field(min_length=1)  # the groups that name it ($terms)
    heading: list[str] = Field(min_length=1)  # the groups a heading over a section on it names ($heading)
    none: list[str] = Field(default_factory=list)  # a clause naming one of these is not on it: the signals' `none` ($none)


class Condition(Strict):
    """All of its keys must hold; a rule's `met` or `partial` is a list of alternatives."""

    section: Optional[bool] = None
    signals: dict[str, int] = Field(default_factory=dict)
    points: Optional[float] = None
    chars: Optional[int] = None
    part_chars: Optional[int] = None
    year: Optional[bool] = None
    report: Optional[bool] = None  # the text is an annual report, not a news item or a plan


class Applies(Strict):
    """When a rule is asked of a report; outside that it is not_applicable, never missing."""

    from_year: Optional[int] = None
    to_year: Optional[int] = None
    profiles: Optional[list[Profile]] = None
    # For these profiles the content is expected only when it is their business:
    # written about, it is scored; left out, it is not_applicable.
    optional_for: list[Profile] = Field(default_factory=list)
    reason: str = ""

    def outside_years(self, year: Optional[int]) -> bool:
        """Is a report on `year` outside the years the rule is asked for? (Unknown years are inside.)"""
        return year is not None and (
            (self.from_year is not None and year < self.from_year) or (self.to_year is not None and year > self.to_year)
        )

    def outside_profile(self, profile: str) -> bool:
        return self.profiles is not None and profile not in self.profiles


class Messages(Strict):
    met: str
    partial: str = ""
    missing: str


class Rule(Strict):
    id: str = Field(pattern=r"^[a-z]+\.[a-z0-9-]+$")
    title: str = Field(min_length=1)
    short: str = Field(default="", max_length=8)  # a column label for tables (dashboard, spreadsheet): 不足和原因
    category: Category
    check: str = "coverage"  # the kind of check: a module of checker/rules/kinds
    severity: Severity
    weight: float = Field(ge=0)
    # A part the report may leave out (其他需要报告的情况): said when missing, never a gap, never red.
    optional: bool = False
    basis: Basis
    part: Optional[PartName] = None
    scope: Scope = Field(default_factory=Scope)
    heading: list[str] = Field(default_factory=list)
    heading_points: float = Field(default=3, ge=0)
    topic: Optional[Topic] = None  # an area's topic, filled into the signals the defaults give it
    signals: dict[str, Signal] = Field(default_factory=dict)
    met: list[Condition] = Field(default_factory=list)
    partial: list[Condition] = Field(default_factory=list)
    messages: Messages
    advice: str = Field(min_length=1)
    params: dict[str, Any] = Field(default_factory=dict)
    applies: Applies = Field(default_factory=Applies)
    # The rule's `params`, validated by the loader against its kind's parameter model.
    _settings: Any = PrivateAttr(default=None)

    def settings(self) -> Any:
        """The rule's `params` as its kind of check reads them."""
        return self._settings


class TermGroup(Strict):
    terms: list[str] = Field(min_length=1)
    except_: list[str] = Field(default_factory=list, alias="except")


class Edition(Strict):
    id: str
    document: str
    number: str = ""
    first_year: int
    last_year: int


class DraftPart(Strict):
    """One part of a draft: its heading, and text around the advice of the item rule for the part."""

    part: PartName
    heading: str
    before: str = ""
    after: str = ""
    areas: bool = False  # the 纲要's areas are its sub-sections


class DraftingSpec(Strict):
    """What `fzcheck template` writes (the rulebook's `drafting:` section)."""

    issuer: dict[Profile, str]
    title: str
    addressee: str
    summary_prompt: str
    opening: str
    date: str
    prompt: str  # wraps every instruction, so that an unreplaced one is a placeholder
    optional_area: str  # after the heading of an area a profile need not write about
    parts: list[DraftPart] = Field(min_length=1)


class BookHeader(Strict):
    """Everything in a merged rulebook except its rules."""

    id: str
    name: str
    version: str
    edition: Optional[Edition] = None
    terms: dict[str, TermGroup]
    parts: dict[PartName, PartSpec]
    document: DocumentSpec
    drafting: Optional[DraftingSpec] = None


