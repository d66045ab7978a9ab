"""How reports are written: the conventions the document layer reads them by.

They are data, kept in the rulebook's `document:` section (rules/base.yaml),
so that a numbering style, an organisation suffix or a weight that decides
"report or not" is changed there, with a name, and never in Python. The
document layer only reads these models; the rules layer loads and validates
them from YAML.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants, _parser  # the regex parser, to read a pattern's literals (see `needles`)
from typing import Annotated, Any, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from checker.concepts import Level, PartName
from checker.document.regex_codes import compile_alternatives, compile_pattern, kept


def compiles(pattern: Optional[str]) -> Optional[str]:
    """Validate a regular expression, with a message the rulebook's author can act on."""
    if pattern is not None:
        try:
            compiled(pattern)
        except re.error as exc:
            raise ValueError(f"正则表达式无法编译 (invalid regex) {pattern!r}: {exc}") from None
    return pattern


_LITERAL, _IN, _BRANCH, _SUBPATTERN = _constants.LITERAL, _constants.IN, _constants.BRANCH, _constants.SUBPATTERN
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)

# A regular expression in a rulebook: refused at load time, with the reason, when it does not compile.
Regex = Annotated[str, AfterValidator(compiles)]


@lru_cache(maxsize=1024)  # more than the rulebook's patterns
def compiled(pattern: str) -> re.Pattern[str]:
    """A rulebook pattern, compiled once per process (and restored, when a stored rulebook knows its code)."""
    return compile_pattern(pattern)


@kept
def needles(pattern: str) -> Optional[tuple[str, ...]]:
    """Strings one of which every match of `pattern` contains; None when the pattern does not say.

    A text holding none of them holds no match, and `in` finds a string far faster than the regex
    engine scans for a pattern that starts with no literal (`(?<!原)…法制办`: 法制 tells).
    """
    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return None
    return None if parsed.state.flags & re.IGNORECASE else _needles(list(parsed))


def found_in(pattern: str, text: str) -> bool:
    """Does `text` hold a match of `pattern`? Its alternatives are searched one by one (see `alternatives`)."""
    return any(alternative.search(text) is not None for alternative in alternatives(pattern))


@lru_cache(maxsize=64)
def alternatives(pattern: str) -> tuple[re.Pattern[str], ...]:
    """The top-level alternatives of `pattern`, each compiled alone; the pattern itself when it has none.

    A text holds a match of the pattern exactly when it holds a match of one of them (a group another
    alternative sets is unset in both). Searched one by one, an alternative that opens on a literal is
    found by the engine's quick scan for it, which the whole, its alternatives opening on different
    things (^, a class, a literal), cannot use: it tries every alternative at every position.
    """
    return compile_alternatives(pattern)


def _needles(sequence: list) -> Optional[tuple[str, ...]]:
    """Of a sequence of parsed items: the best needles of one item every match has."""
    best, run = None, ""
    for op, av in sequence:
        if op is _LITERAL:  # consecutive literals are one needle
            run += chr(av)
            continue
        best, run = _better(best, (run,) if run else None), ""
        best = _better(best, _item_needles(op, av))
    return _better(best, (run,) if run else None)


def _item_needles(op: Any, av: Any) -> Optional[tuple[str, ...]]:
    if op is _IN and all(kind is _LITERAL for kind, _ in av):  # [XＸ]: one of its characters
        return tuple(chr(code) for _, code in av)
    if op is _BRANCH:  # one alternative's needles
        found = [_needles(list(alternative)) for alternative in av[1]]
        return None if None in found else tuple(needle for needles in found for needle in needles)
    if op is _SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _needles(list(av[3]))
    if op in _REPEATS and av[0] >= 1:
        repeated = list(av[2])
        if len(repeated) == 1 and repeated[0][0] is _LITERAL:  # \.{3,}: three dots
            return (chr(repeated[0][1]) * av[0],)
        return _needles(repeated)
    return None  # a class of characters, any character, or zero-width (an anchor, a lookaround)


def _better(one: Optional[tuple[str, ...]], other: Optional[tuple[str, ...]]) -> Optional[tuple[str, ...]]:
    """The rarer set of needles: longer strings first, then fewer of them."""
    if one is None or other is None:
        return one or other
    return max(one, other, key=lambda needles: (min(map(len, needles)), -len(needles)))


class Strict(BaseModel):
    """A rulebook model: unknown fields are spelling mistakes, not silently ignored."""

    # Built at the first validation: a rulebook read back from the store (rules/stored.py) needs none.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class NamedPatterns(Strict):
    """A section whose pattern fields are looked up by name, compiled once."""

    def regex(self, name: str) -> re.Pattern[str]:
        """The compiled form of the pattern field `name`."""
        return compiled(getattr(self, name))


class Pattern(Strict):
    """A named regular expression; compiled once."""

    pattern: Regex

    @property
    def regex(self) -> re.Pattern[str]:
        return compiled(self.pattern)


class Numbering(Pattern):
    """A style of heading number and its rank from the top (第一部分 0 > 一、 1 > （一） 2 …)."""

    style: str
    rank: float


class Marker(Pattern):
    """Wording that makes a text more (report markers) or less (other markers) like an annual report."""

    weight: float
    label: str


class PartSpec(Strict):
    label: str
    heading: list[str] = Field(min_length=1)
    # Words that name this part only in a top-level heading: deeper down they are a subsection's
    # (强化重点工作 under 举措和成效 is no plan)…
    top_heading: list[str] = Field(default_factory=list)
    # …and not after words that make them the object of the year's work (二、围绕省委重点工作，加快…),
    # nor before words that make them the work done (二、重点工作开展情况)
    top_heading_not_after: Optional[Regex] = None
    top_heading_not_before: Optional[Regex] = None
    # Phrases inside which a heading word names no part: the 职责规定's duty 把法治政府建设纳入…年度工作计划
    # in a subsection's heading is this year's work, not the plan.
    heading_except: list[str] = Field(default_factory=list)
    # A heading naming a year later than the reported one is this part (a plan).
    later_year: bool = False
    # Among the parts one heading names, those with the lowest precedence are kept.
    precedence: int = 0
    # Recognised in a heading at any depth, not only near the top of the outline.
    any_depth: bool = False
    # Its sub-headings are its own items (a problem, a task): one that names another part (一是全面落实
    # …第一责任人职责, under 下一步工作打算) is this part's content, not that part.
    items_only: bool = False


class CombinedPart(Strict):
    """A single part that holds two (问题和打算), split at the first sentence that looks ahead."""

    parts: list[PartName] = Field(min_length=2, max_length=2)
    switch_on: str  # a term group, "@name": its first body sentence starts the second part
    # How a sentence ends that introduces the numbered points after it (还存在一些问题：一是…): they are
    # what it introduces, not the second part's tasks
    introduces: Optional[Regex] = None
    # …unless a point opens on what will be done (（一）深化“放管服”改革…): then the points are the tasks after all
    task_opening: Optional[Regex] = None
    # A term group, "@name": a numbered point that states one of them, and opens on no task, turns the part back to
    # the first (problems each followed by what will be done about it: 一是…力量不足。…2025年，我局将…。二是…)…
    switch_back_on: Optional[str] = None
    # …where a point opens on a task when this matches at its start (一是解决…不足问题; 二是补齐…短板)…
    task_point: Optional[Regex] = None
    # …and never after the plan was led into by a sentence that introduces its points (…重点做好以下工作：)
    plan_lead_in: Optional[Regex] = None
    # A sentence announcing the plan's list in the body's voice (…的收官之年，我县将重点抓好以下工作：) starts the second part
    # wherever the announcement stands in it, and its points are the tasks, whatever the text before introduced
    plan_announced: Optional[Regex] = None


class LevelRule(Strict):
    level: Level
    suffix: list[str]
    not_suffix: list[str] = Field(default_factory=list)


class ChromeConventions(NamedPatterns):
    """Web page furniture (menus, breadcrumbs, 字号, share buttons, footers) around a copied report."""

    lines: list[Regex] = Field(min_length=1)  # a line matching any of these is furniture
    nav_row: Regex
    footer_start: Regex
    field_label: Regex  # a label of the portal's 信息公开 block alone on its line: it and its value are furniture
    title_line: Regex  # …but a line naming a report is no field's value: the field was left empty (有效性)
    date: Regex  # the page's publication date, in the furniture above the report
    labelled_date: Regex  # …where the block labels it as such, before any other date it gives (成文日期)
    content_min_chars: int
    content_marks: str  # characters a line of prose has
    chrome_max_chars: int
    short_text_min_chars: int



    def regex(self, name: str) -> re.Pattern[str]:
        """As for any section; `lines` is one pattern, any of the lines."""
        return compiled("|".join(self.lines)) if name == "lines" else super().regex(name)


class UnitLeader(Strict):
    """A leader's title right after a unit's name (市司法局局长, 市政府办公室主任): that unit's leader.

    `before` matches the text just before the title (anchor it with $; `window` characters are looked at),
    its group `unit` the unit's name. The leader is an actor of kind `actor` unless the unit is the report's
    own: its issuer holds the unit's last `own_chars` characters (司法局 in 青山市司法局), or `own` matches the
    unit (我局, 本局), or the unit is named by its tier alone (市局, 县局) and the issuer is of that tier: it names the
    tier (霁州市医疗保障局 for 市局), and no lower one after it (not 青山市东湖区市场监管局, whose 市局 is above it); or by
    its tier and its field shortened (`abbreviated_unit`: 市医保局 in 霁州市医疗保障局's report).
    """

    of: list[str]  # the kinds of actor whose titles it reads (principal, deputy)
    before: Regex
    window: int = 12
    actor: str
    own: Optional[Regex] = None
    own_chars: int = 3
    tier_unit: Optional[Regex] = None  # a unit named by its tier alone, the tier its group 1 (市局: 市)
    # …or by its tier and its field shortened (市医保局 for 霁州市医疗保障局): group 1 the tier, 2 the field's characters,
    # 3 the unit's kind; the issuer holds the field's characters in their order, after the tier, and ends in the kind
    abbreviated_unit: Optional[Regex] = None
    tier_named: str = "{tier}"  # where the issuer's name holds a tier as a tier ({tier}: the tier's character)
    lower_tiers: dict[str, str] = Field(default_factory=dict)  # each tier → the characters of the tiers below it


class ContextMask(Strict):
    """Where a term is not the sentence's topic: a problem the body 研究/解决 (no admission of its own),
    the subject of the laws it studied (学习了疫情防控等法律法规).

    An occurrence is masked when every context given matches: `before` the text just before it (anchor
    it with $; `window` characters are looked at), `after` the text right after it (matched at its end).
    """

    terms: list[str] = Field(default_factory=list)  # term groups (@name) or words; every term when empty
    before: Optional[Regex] = None
    after: Optional[Regex] = None
    window: int = 24
    # The occurrence still names its topic in passing (a meeting's name: 召开…督察部署会), so it counts for
    # a mention, but it is no concrete act on the topic; by default it counts for nothing.
    passing: bool = False
    # The occurrence is in a name (…工作专班) that the body founds there (成立…工作专班): founding it is the body's
    # act in the topic its name holds, so the mask does not apply after the clauses' `founded_by` verbs.
    unless_founded: bool = False
    # Why an occurrence so masked does not count, in the reviewer's words, for a finding that looks for its term
    # and finds none that counts (原因只是套话，没有具体分析); said after the sentence it stands in.
    says: Optional[str] = None

    @model_validator(mode="after")
    def _has_a_context(self) -> "ContextMask":
        if self.before is None and self.after is None:
            raise ValueError("context mask needs `before` or `after` (一条语境屏蔽至少要有 before 或 after)")
        return self


class ClauseConventions(NamedPatterns):
    """How a sentence is cut into clauses and what each clause is read for (see document/clauses.py)."""

    stops: str  # characters that end a clause
    not_a_stop: Optional[Regex] = None  # …except where this matches at the mark (a thousands separator: 1,200卷)
    joins_next: Optional[Regex] = None  # a clause that only gives the means of the next (依托…平台，) is read with it
    joins_previous: Optional[Regex] = None  # a clause that only gives the rate the one before achieved (落实率100%)
    brackets: str  # opening and closing characters, in pairs: no clause ends inside them
    # Who acts: kind → term groups, strongest kind first (principal, collective, deputy, others, self).
    actors: dict[str, list[str]]
    subject_window: int  # an actor named further into its clause than this is not its subject
    # The name right after a leader's title (group 1), by which the leader may later be the subject alone (周敏同志…),
    # and the kind of actor whose titles it follows
    leader_name: Optional[Regex] = None
    leader_name_next: Optional[Regex] = None  # …what may follow the name (同志, 主持…), as the subject alone too
    leader_name_lead: Optional[Regex] = None  # …and what a clause may open on before the name alone (an item mark, 一是)
    leader_name_actor: Optional[str] = None
    unit_leader: Optional[UnitLeader] = None  # a leader named after another unit (市司法局局长) is that unit's
    # The kind of actor that is the body itself (我局; the issuer by name). Named as the subject of the first
    # sentence under a heading, it is who that section's sentences speak of, whatever actor the heading names.
    body_actor: Optional[str] = None
    # Kinds of actor that carry out the body's act (各部门, 各地): a sentence of counts naming them still completes
    # the act before it, as one naming no one does (see clauses.py, Clauses._with_counts_after).
    counting_actors: list[str] = Field(default_factory=list)
    # How a sentence that goes on with the subject before it in its paragraph opens (在…上带头学习…)
    continues_subject: Regex
    not_subject_after: Regex  # a leader named after these (落实…主要负责人职责) is the object, not the actor
    delegates: Optional[Regex] = None  # a leader named before this sends another (局长委托分管副局长…): no actor
    # A leaders' body a clause convenes, no one named before it (全年召开局党组会议3次研究…): the meeting acts, not the
    # leader a heading names. (convened: what stands between the clause's start and the body; convened_actor: its kind.)
    convened: Optional[Regex] = None
    convened_actor: Optional[str] = None
    instruction_terms: list[str]  # drafting instructions (写明, 请填写)…
    instruction: Regex  # …and their marks (……, ××, XX)
    plan_terms: list[str]  # a clause that looks ahead (下一步, 明年)
    plan_roles: list[str]  # parts whose every clause is a plan
    # How a sentence that is all plan opens (下一步，…; 明年将…): its figures and titles are what it means to do
    plan_opening: Optional[Regex] = None
    # …or on a later year than the report's and what the body will do then (2025年，市政府将…): group 1 the year
    plan_year_opening: Optional[Regex] = None
    # How a sentence on an earlier year than the report's opens (2022年，我市出台…): its groups the year it names, none
    # for a time before the year that names none (上一年度，…)
    past_year_opening: Optional[Regex] = None
    # …and a clause whose act is dated before it, wherever the sentence opens (上年度共制定…; 早在2022年就…; 自2021年
    # 建成…以来): its groups the years it names, none for a time before the year that names none (上年度, 去年)
    past: Optional[Regex] = None
    received: Optional[Regex] = None  # another body's act on the report's: an inspection it received (对我乡开展执法检查)
    intention_terms: list[str]  # an intention or principle, not an act (要求, 必须)…
    intention: Regex  # …and its marks (要, 将 at the start of a clause)
    # An act not done yet (拟制定《…》; 计划开展执法检查12次): an intention, whatever figures or titles it names…
    not_yet: Optional[Regex] = None
    # …unless a later clause of its sentence says it was done (…，实际开展15次)
    not_yet_done: Optional[Regex] = None
    formula: Regex  # a formula (…的格局, 重要工作亲自部署): an intention that figures elsewhere never make an act
    # A heading that is a formula alone (a numbered item in stock words, 1.思想认识不到位。): no heading over a body
    formula_heading: Optional[Regex] = None
    agenda_terms: list[str]  # studying or deliberating (研究, 学习, 听取): the topics are an agenda…
    # Words of doing anything (开展, 推进, 组织): a sentence opening on counts that names only these names no topic
    # of its own, and its counts complete the act before it (…应急演练。全年开展综合演练215场次; see lent_across_sentences)
    untopical_terms: list[str] = Field(default_factory=list)
    # What an act found or was told (问题, 短板): a clause counting only those (…督察，反馈问题227条) completes the
    # act before it, as a clause of bare figures does
    findings_terms: list[str] = Field(default_factory=list)
    submits: Optional[Regex] = None  # …unless the body lays its draft before another (提请…审议…草案): its own act
    year: Regex  # group 1: a year; a clause naming a later year than the report's is a plan
    stock: Regex  # formulas whose 均 or 全部 is no result (均经合法性审核)
    specifics: dict[str, Regex] = Field(min_length=1)  # name → what makes a clause concrete
    # The specifics that report what was done: a clause holding one, after a sentence opened on a plan (计划开展…清理，
    # 废止规范性文件十五件), reports the year's result; one holding none goes on planning (see clauses._plan_carried).
    reported: list[str] = Field(default_factory=list)
    # Specifics that stand where they end, not where they begin: a campaign or an inspection whose
    # matters or places are listed before it belongs to the whole list (as a figure closing it does).
    closing_specifics: list[str] = Field(default_factory=list)
    # Specifics a clause naming no topic lends to the act before it (…，参加人员120人次; …，形成“三查三改”工作法):
    # figures, results and what the act produced complete it; a campaign or an event it names (以“…”专项行动
    # 为主抓手) is an act of its own. Empty: every kind lends.
    lent_specifics: list[str] = Field(default_factory=list)
    # Specifics a sentence that opens on them, naming no topic, lends to the short sentence before it in its
    # paragraph (…开展执法案卷评查。共抽查案卷320卷，…): its counts complete that act. Empty: none lends across.
    lent_across_sentences: list[str] = Field(default_factory=list)
    lent_across_max_clauses: int = 2  # a longer sentence before (an opening summary) is no one act they count
    # A clause that opens on what became of all the items the clause before it counted (…通告41份，均经…合法性审查)
    # has their counts (`lent_back`: the specifics it takes). None: no clause does.
    counts_back: Optional[Regex] = None
    lent_back: list[str] = Field(default_factory=list)
    # A clause of figures may name again the doing of the clause before it (开展…清理，共清理文件41件), unless that
    # clause gives the doing to others (督促县直部门举办…培训班，全年共举办56期: the figures are theirs)
    others_do: Optional[Regex] = None
    counted_again: Optional[Regex] = None  # …where the clause of figures opens on a count of it (共, 累计)
    # …or may name what the doing before it yields (开展规范性文件清理，废止3件、修改5件: a clean-up's documents revised),
    # by the doing: its outcomes counted are the doing's own
    outcomes: dict[str, list[str]] = Field(default_factory=dict)
    # A clause of figures that breaks down the count before it (…现有成员11名，其中专家学者4名…) counts its parts: after a stock
    # (who or what the body has, no act: see the clause pattern `stock`) they are the stock's, and lend it nothing
    breakdown: Optional[Regex] = None
    list_stop: Optional[Regex] = None  # where a clause's list items divide (、, 和): a figure belongs to its item
    # …and the word that closes a list of topics (A、B、C等): a figure after it counts what follows it, not each item
    list_close: Optional[Regex] = None
    # …and, with one topic before 等, only the tasks or aspects it counts (强化突发事件依法处置等35项主要任务); a figure
    # after …等工作 counts the act on that one topic (开展应急演练等工作12次)
    topic_close: Optional[Regex] = None
    # A named thing the list is the steps of (《…方案》经公开征求意见、专家论证和风险评估): the specifics, in the first
    # item before it opens on these words (matched from the specific's end to the item's), belong to every step.
    steps_of: Optional[Regex] = None
    step: Optional[Regex] = None  # …and what each of the other items names: a step of a procedure (专家论证, 风险评估)
    enumeration: Optional[Regex] = None  # a clause that lists topics (A、B、C等): a topic in it is named in passing
    enumeration_item_max_chars: Optional[int] = None  # a list's item is no longer: a longer run carries the clause's own words
    document_title: Regex  # a named document; the words of a cited one are not the report's topic…
    produced_by: Regex  # …unless these come right before it (制定《…》: the body's own output)…
    produced_window: int  # …within this many characters
    produced_after: Optional[Regex] = None  # …or this right after it (《…目录》在区政府网站公开)
    # …or these right before it (审议《…》), when the title is a kind of document the body itself makes (reviewed_own: its
    # own rules laid before its meeting, not another body's 通报 read there)
    reviewed_by: Optional[Regex] = None
    reviewed_own: Optional[Regex] = None
    reviewed_window: int = 0  # …within this many characters (other titles the meeting reviewed may stand between)
    # …or these right before it, when the title is their whole object (健全完善《…集体决策制度》; not 完善《…条例》配套制度)
    set_up_by: Optional[Regex] = None
    whole_object_end: Optional[Regex] = None  # …that is, when this comes right after the title
    asked_of_others: Optional[Regex] = None  # …but not when this ends right before the verb (督促各乡镇制定《…》)
    title_list_gap: Regex  # …or between it and a title so produced (《…》、《…》: a list of its own outputs)
    # The kind of document a cited title closes on (…供水条例（草案）》, …重大行政决策事项目录》): what the document is, whose
    # words count as any text's do; the title's other words are its subject, and stay a name's
    reviewed_kind: Optional[Regex] = None
    kind_reviewed_by: Optional[Regex] = None  # …when this ends right before the title (审议《…》; 提请…审议《…》《…》)
    kind_window: int = 0  # …looking this many characters back
    # A cited title these come right before (严格执行《…》) names its topic in passing: a principle kept, no act
    implemented_by: Optional[Regex] = None
    name_end: Regex  # right after a term: the rest of a name it is part of (…局, …领导小组)…
    founded_by: Optional[Regex] = None  # …unless the body founds what it names (建成…调处化解中心): its own act…
    founded_window: int = 0  # …the verb within this many characters before the term
    # Term occurrences whose surroundings show they are not what the sentence is about.
    context_masks: list[ContextMask] = Field(default_factory=list)


    @model_validator(mode="after")
    def _closing_specifics_known(self) -> "ClauseConventions":
        for field in ("closing_specifics", "lent_specifics", "lent_across_sentences", "lent_back"):
            unknown = [name for name in getattr(self, field) if name not in self.specifics]
            if unknown:
                raise ValueError(f"{field} 中的名称不在 specifics 里 (not a specific): {', '.join(unknown)}")
        return self

    def opens_on_plan(self, text: str, start: int, end: int, year: Optional[int]) -> bool:
        """Does the sentence text[start:end] open on when it will be done: the next step (下一步，…), or a
        year after the report's `year` and what the body will do in it (2025年，市政府将…)?"""
        if self.plan_opening is not None and self.regex("plan_opening").match(text, start, end):
            return True
        opening = self._opening("plan_year_opening", text, start, end)
        return year is not None and opening is not None and opening.group(1) is not None and int(opening.group(1)) > year

    def opens_on_past(self, text: str, start: int, end: int, year: Optional[int]) -> bool:
        """Does the sentence text[start:end] open on a year before the report's `year` (2022年，我市出台…), or on a
        time before it that names no year (上一年度，…)?"""
        opening = self._opening("past_year_opening", text, start, end)
        if year is None or opening is None:
            return False
        named = [int(group) for group in opening.groups() if group]
        return not named or min(named) < year

    def _opening(self, field: str, text: str, start: int, end: int) -> Optional[re.Match[str]]:
        """How the sentence text[start:end] opens by the pattern `field` (group 1: the year it names); None when
        the rulebook sets no such pattern or the sentence does not open so."""
        if getattr(self, field) is None:
            return None
        return self.regex(field).match(text, start, end)


class OutlineConventions(NamedPatterns):
    """Headings, title, addressee and closing of an official document."""

    numbering: list[Numbering] = Field(min_length=1)
    numbering_first_chars: str  # every heading number starts with one of these
    # Debris a copy site left inside lines (a reading in pinyin after each character: 應(yīng)急):
    # dropped before anything is read, so what evidence quotes is the text without it.
    debris: Regex
    # A line spaced out a character at a time (法 治 政 府, text copied from a justified PDF): where this pattern
    # (a character, the gap as group 1, a character) holds at least `letter_spaced_min` times and more often than
    # two characters stand together, the line's usual gap is dropped between characters, a wider one kept as one.
    letter_spaced: Optional[Regex] = None
    letter_spaced_min: int = 3
    # A copy site's stamp (秘书之家—全网资源每日更新www.….com): its web address with the words in front of it,
    # ahead of the text on its first line or stamped twice or more (mid-sentence, too). Dropped everywhere.
    web_address: Optional[Regex] = None
    stamp_max_chars: int = 24  # the words in front of the address that go with it, at most
    stamp_max_sites: int = 3  # the sites shown most whose addresses may be stamps (more is a list of links)
    top_rank: float  # headings of this rank or higher are top-level
    # A half-width full stop that ends a sentence (a web copy's 改革.全年…): read as 。 in the matching copy.
    ascii_full_stop: Optional[Regex] = None
    title_full_stop: Optional[Regex] = None  # a half-width full stop after a title, on a line that has 。 too
    # Where a paragraph that lost its line breaks starts a new numbered item.
    inline_split: Regex
    sentence_stop: Regex  # ends a heading that runs into its paragraph
    finished: Regex  # how a text's last sentence ends when the text is complete
    clause_stop: Regex  # or, failing that, the clause
    heading_max_chars: int  # a heading runs to the first sentence stop within this many characters
    clause_max_chars: int
    # Numbering styles of items run into a paragraph (一是…，…。): the item's topic ends at its first
    # clause stop, and the rest of the sentence is its body.
    run_in_styles: list[str] = Field(default_factory=list)
    # …unless the item opens on its means or its ground (三是依托…平台，全区38个单位…): then it names no topic, and
    # the whole item is body
    run_in_not_topic: Optional[Regex] = None
    topic_heading_max_chars: int  # a longer heading is a list item's first sentence, not a title
    # Unnumbered headings: short lines above longer ones.
    unnumbered_rank_top: float  # when the document has no top-level numbers
    unnumbered_rank_sub: float  # when it has
    unnumbered_max_chars: int
    heading_min_cjk: int
    unnumbered_not_after: Regex  # a line ending so is a sentence, not a heading
    paragraph_longer_by: int  # a heading's next line is longer than it by at least this
    # The front: title, subtitle, addressee.
    title_max_chars: int
    title_max_lines: int = 4  # …and runs over this many lines at most
    title_not: Regex  # a line that reads as a sentence of the body, not a title (现将…如下:)
    # An editor's note over a reposted report (【编者按】根据…，现将…全文刊发；按：…): prose, but no body yet: the report's own
    # title may follow it
    editor_note: Optional[Regex] = None
    noted_title_min_words: int = 3  # …and names it (《…》) with this many `title_words` when the page shows no title
    title_min_cjk: int
    title_words: Regex  # the candidate with most of these is the title
    # group 1: the year an opening reports on, which decides between copies of a title with other figures
    opening_report_year: Optional[Regex] = None
    tag: Regex  # a 【栏目】 tag in front of a title
    glued_title: Regex  # a title that runs into the first paragraph
    subtitle: Regex
    addressee: Regex
    addressee_words: Regex
    addressee_lines: int  # the addressee is among this many lines after the title
    organisation_end: Regex  # an issuer line (the title's first half, or the signature)
    title_continues: Regex  # the start of a title's second line after an issuer line
    title_first_half: Optional[Regex] = None  # a title's first line naming its body and year, no genre: the next goes on
    title_opened: Optional[Regex] = None  # a title's first line opened (关于…) and not closed by its genre: the next closes it
    title_closed: Optional[Regex] = None  # …a line its own genre closes is whole (…的意见; …的通知)
    title_tail: Optional[Regex] = None  # a title's genre words alone on its next line (…示范区 / 自查报告)
    title_whole: Optional[Regex] = None  # …not under a line that is a whole title already (…情况报告 / 述职报告)
    title_explained: Optional[Regex] = None  # …unless the next line explains the one above (…的情况说明)
    # The sentence that closes the opening summary (现将有关情况报告如下): in a text without headings (a copy
    # that lost its numbering or its line breaks), the preamble ends there rather than nowhere.
    preamble_end: Optional[Regex] = None
    preamble_max_chars: int = 2000  # …found this near the start: an opening summary is a paragraph or two
    # The back: signature and date.
    date_line: Regex
    signature_max_chars: int
    signature_not: Regex  # punctuation a signature line never has
    copy_note: Regex  # (此件公开发布) and the like



class FactConventions(NamedPatterns):
    """Where a report says which year it is about and who issued it."""

    year: Regex  # a year in a sentence: group 1 is the year
    title_year: Regex
    chinese_year: Regex  # 二〇二四年: group 1 is the year in characters
    report_year: Regex  # 现将2024年度…报告如下; 总结2025年度…情况，现报告如下 (each alternative's first group is the year)
    opening_year: Regex  # 2024年，…
    dated_act: Regex  # 2022年我镇新制发…: group 1 is the year the work is dated in
    named_year: Regex  # a year the text names as a year of work (not a span, a target, a comparison)
    named_years_min: int  # times the year named most must be named for it to be the year reported
    # group 1: the year of a numbered document the text cites (汕医保党组〔2022〕30号)
    document_number_year: Optional[Regex] = None
    congress: Optional[Regex] = None  # a Party congress the text cites (党的二十大): group 1 names it (二十)
    congress_years: dict[str, int] = Field(default_factory=dict)  # 二十 → 2022: the year it was held
    plenum: Regex  # the Party plenums a text cites: groups 1 and 2 together name the list's last (十九届 + 四中全会)
    plenum_years: dict[str, int]  # 十九届四中全会 → 2019: the year of the report that cites it as the latest
    statement_sentences: int  # body sentences read for 现将…报告如下
    opening_sentences: int  # body sentences read for an opening year or a subject
    dated_acts_min: int  # times the body must date its work in one year for that to be the year reported
    title_issuer: Regex  # group 1: the issuer at the start of a title
    organisation_suffix: Regex
    reprint_issuer: Regex  # group 1: the body a portal's news title says published the report
    published_title: Optional[Regex] = None  # group `published`: the title of the report a note publishing it names
    behalf_issuer: Optional[Regex] = None  # its last group that matched: the place a committee's office reports on, for it
    statement_issuer: Regex  # group 1: the body a 现将…报告如下 names (现将2016年上海市法治政府建设情况…)
    # group 1: the body a portal's block names as publisher or source (发布机构:霁州市生态环境局), looked for in the first
    # chrome_issuer_chars characters
    chrome_issuer: Optional[Regex] = None
    chrome_issuer_chars: int = 0
    # …accepted when the text's first sentence after the block holds this, {lead} its field's first character (全市医保系统)
    chrome_issuer_voice: Optional[str] = None
    noted_issuer: Optional[Regex] = None  # group 1: the body whose report an editor's note says the page prints
    subject_stops: Regex  # what follows the subject of a first sentence
    not_subject: Regex  # clauses that open with these are circumstances
    subject_prefix: Regex  # a date or 一年来 in front of the subject
    subject_circumstance: Regex  # 在…下 in front of the subject
    subject_team: Optional[Regex] = None  # the body's leaders after its name (中都街道领导班子): the body is the subject
    subject_clauses: int  # clauses of a first sentence searched for a subject
    subject_min_chars: int
    subject_max_chars: int
    # A clause's subject is looked for before the stops this near its start (a name, and a team word after it):
    # a clause that runs on for pages is not read to its end for one.
    subject_window: int = 40
    not_organisation: Regex  # characters that never occur in an organisation's name
    joint_place_not: Optional[Regex] = None  # a joint subject's place holding these is a clause of acts, no name
    # A place's party committee and government as one subject (云南省委、省政府): group 1 is the place.
    joint_subject: Regex
    pronoun: Regex  # 我、本、全: not a name
    government_suffix: Regex  # stripped before the level is read from a name's end
    parenthesis: Regex
    own_voice: Regex  # a self-reference in the report's own voice (我局, 本镇), not its surroundings (全市)
    # How the text refers to itself, when no issuer is named: these levels first, as they are more specific.
    specific_voices: list[Level]
    specific_voice_min: int  # mentions that settle it
    specific_voice_one_in: int  # or one mention in this many of the most frequent level's
    part_heading_max_rank: float  # part headings are read only this near the top
    # A 县级市 (义乌市) names the city above it (金华市委) in its opening: group 1 is that city's name.
    superior_city: Regex
    superior_window: int  # characters of the opening searched for it
    superior_addressee: Optional[Regex] = None  # …or the addressee names it (group 1), before or beside the city's own
    county_city_voice: Optional[Regex] = None  # …or the text speaks as a county does (县域; 市、镇两级)
    prefecture_voice: Optional[Regex] = None  # …unless it speaks of its counties as a prefecture does (各县（市、区）)
    prefecture_ends: list[str] = Field(default_factory=list)  # …or is a 州 or a 盟 itself (its 州委 its own)
    placed_name: Optional[Regex] = None  # a body's name opens on its place: a line that is one alone is a name
    sector_voice: Optional[Regex] = None  # a text speaking for a sector (全市医保系统): group 1 the sector's words
    county_level_cities: frozenset[str]  # the 县级市 by name: county level
    placeless_cities: frozenset[str] = frozenset()  # an issuer's name that names no place (市 of 市政府): a 县级市 the text names may be it
    own_place: Optional[Regex] = None  # group 1: a place a text names as its own (《乐平市法治政府…》, 乐平市经济社会发展)
    place_mention: Optional[Regex] = None  # group 1: a place a text names at all (…，东阳市、永康市获评…)
    place_before: Regex  # how the place a name opens with ends (浙江省|义乌市)
    # A 直辖市 by name (上海): a text that speaks as a city, names one and no province is that 直辖市's.
    municipality: Regex
    municipal_voice: Regex  # …that speaks of its districts (全市各区)…
    province_named: Regex  # …and names no province above it (四川省, 省委, 全省)
    # A city addressed to the centre (党中央、国务院：) reports as a province does: a 直辖市, by any name.
    central_addressee: Optional[Regex] = None
    municipal_self: Optional[Regex] = None  # …or that calls itself a 直辖市 (作为直辖市，我市…)

    @model_validator(mode="after")
    def _plenums_are_found(self) -> "FactConventions":
        """Every plenum `plenum_years` dates is one `plenum` finds, written as it names it."""
        pattern = re.compile(self.plenum)
        unfound = [name for name in self.plenum_years
                   if not ((match := pattern.fullmatch(name)) and match.group(1) + match.group(2) == name)]
        if unfound:
            raise ValueError(f"plenum_years 中的全会 plenum 找不到 (the plenum pattern never names these): {'、'.join(unfound)}")
        return self


class KindWeights(Strict):
    """The points that decide whether a text is an annual report (at least `threshold`)."""

    threshold: float
    first_year: int  # the first year reported on under the 纲要: a report on an earlier year is another genre
    genre_in_title: float  # the title announces another genre (subtracted)
    report_title: float  # the title has the annual report's form
    per_report_part: float  # each of the report's statutory parts found…
    max_report_parts: int  # …counted up to this many
    report_parts: list[PartName]
    addressee: float
    people_addressed: Optional[Regex] = None  # an addressee that is people, not a body: an open letter's…
    people_addressed_weight: float = 0  # …which counts this much against
    opens_with_part: float  # the text starts at a statutory part's heading (a report copied without its head)…
    # …and this more when that heading is in the 督察规定's own words for the part (一、主要举措和工作成效)
    opens_in_statutory_words: float = 0
    statutory_heading: Optional[Regex] = None
    no_year: float  # no reported year stated (subtracted)
    year_inferred: float  # …or only inferred (the year the text names most, the plenum it cites; subtracted)
    topic: Regex  # what every such report names in its opening: the rule of law
    off_topic: float  # subtracted when the opening never names it (a year's general work summary)
    # A title that names a report, a summary or a situation (`report_word`) on what `title_topic` does not name
    # (…律师行业发展报告; …政务服务中心运行情况报告) is another report, whatever its opening names: this is subtracted.
    off_topic_title: float = 0
    report_word: Optional[Regex] = None
    title_topic: Optional[Regex] = None
    head_chars: int  # report markers are looked for in this many first characters
    # A subtitle's genre that yields to the text's own statement that it is the year's report (a feature's headline
    # over 现将2023年度法治政府建设有关情况报告如下)
    yields_to_statement: list[str] = Field(default_factory=list)
    statement: Optional[Regex] = None
    # A cover's genre that yields to the report it carries as its attachment (…关于报送2018年度…情况的函, then 附件 and the
    # report's own title and body)
    yields_to_attachment: list[str] = Field(default_factory=list)
    attachment: Optional[Regex] = None
    # …and a genre that yields to its own text holding this many of the report's parts (…函告如下：一、主要举措…)
    yields_to_own_parts: list[str] = Field(default_factory=list)
    attachment_min_parts: int = 99
    # A genre the opening tells (body_genres) that yields to a title in the report's form (a township's report on its year
    # read to its congress: 关于2023年度法治政府建设情况的报告 / 各位代表：…)
    told_yields_to_report_title: list[str] = Field(default_factory=list)


_REFERENCE = re.compile(r"\(\?&(\w+)\)")


def _resolved(pieces: dict[str, str]) -> dict[str, str]:
    """The pieces with the pieces they refer to written in; pieces that refer to each other in a loop are refused."""
    done: dict[str, str] = {}

    def resolve(name: str, chain: tuple[str, ...]) -> str:
        if name in chain:
            raise ValueError(f"命名模式循环引用 (named patterns refer to each other in a loop): "
                             f"{' -> '.join(chain + (name,))}")
        if name not in done:
            done[name] = _REFERENCE.sub(
                lambda m: f"(?:{resolve(m.group(1), chain + (name,))})" if m.group(1) in pieces else m.group(0),
                pieces[name])
        return done[name]

    for name in pieces:
        resolve(name, ())
    return done


def with_pieces(value: Any, pieces: dict[str, str]) -> Any:
    """`value` with every `(?&name)` in its strings written in from `pieces` (resolved among themselves);
    a name no piece has is refused."""
    _refuse_unknown(value, pieces)
    return _expand(value, pieces)


def _refuse_unknown(value: Any, pieces: dict[str, str]) -> None:
    unknown = sorted({m.group(1) for m in _REFERENCE.finditer(str(value)) if m.group(1) not in pieces})
    if unknown:
        raise ValueError(f"未定义的命名模式 (unknown named pattern) {', '.join('(?&' + u + ')' for u in unknown)}")


def _expand(value: Any, patterns: dict[str, str]) -> Any:
    """Replace every `(?&name)` in the strings of `value` by the named pattern, as a group."""
    if isinstance(value, str):
        return _REFERENCE.sub(lambda m: f"(?:{patterns[m.group(1)]})" if m.group(1) in patterns else m.group(0), value)
    if isinstance(value, list):
        return [_expand(item, patterns) for item in value]
    if isinstance(value, dict):  # a key may be a pattern too (other_genres: pattern → genre)
        return {_expand(key, patterns): _expand(item, patterns) for key, item in value.items()}
    return value


class DocumentSpec(NamedPatterns):
    """The rulebook's `document:` section.

    `patterns` names pieces shared by several patterns (an organisation's suffix, a year); any
    pattern in the section, a piece too, and any rule's, refers to one as `(?&name)`, so each piece
    has one home.
    """

    patterns: dict[str, Regex] = Field(default_factory=dict)
    radicals: dict[str, str] = Field(default_factory=dict)  # ⺠ → 民: read as the character

    @model_validator(mode="before")
    @classmethod
    def _expand_references(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("patterns"), dict):
            return data
        pieces = {key: str(value) for key, value in data["patterns"].items()}
        _refuse_unknown(data, pieces)
        patterns = _resolved(pieces)
        return {key: (patterns if key == "patterns" else _expand(value, patterns)) for key, value in data.items()}

    report_title: list[Regex]  # read in the title without the names it cites (《…》), unless the pattern names one
    other_genres: dict[Regex, str] = Field(default_factory=dict)  # a title matching the key is that genre
    body_genres: dict[Regex, str] = Field(default_factory=dict)  # so is a text whose opening matches
    # Genres that are still a report, but a badly titled one (工作总结, 述职).
    misnamed_genres: list[str] = Field(default_factory=list)
    report_markers: list[Marker] = Field(default_factory=list)
    other_markers: list[Marker] = Field(default_factory=list)
    kind: KindWeights
    levels: list[LevelRule]
    self_reference: dict[Level, list[str]] = Field(default_factory=dict)
    chrome: ChromeConventions
    clauses: ClauseConventions
    outline: OutlineConventions
    facts: FactConventions
    combined_part: Optional[CombinedPart] = None
    # How a paragraph opens that starts a part with no heading of its own, after the last sub-section of the year's
    # work (同时也要看到，…还存在一些差距：一是…; 下一步，我镇将重点抓好以下工作：…): read as that part to the next heading
    headless_parts: dict[PartName, Regex] = Field(default_factory=dict)
    named_document: Regex  # 《…》: a named document or case
    subtitle_as_title: Regex  # a subtitle whose genre words count as the title's
    law_title: Regex  # 《…法》: a law's name
    law_list_min: int  # a sentence naming this many laws lists them: their words are not topics
    quantity: Regex  # a reported figure with its unit
    title_genre: Regex  # the genre word a title should end with (报告)


