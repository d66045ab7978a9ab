"""Which part of the report each heading and sentence belongs to.

A section whose heading names a part (存在的不足和原因, 下一年度…) is that part,
and so is everything under it; a part nested in another is both (the 第一责任人
sub-part of 举措和成效 is still achievements). A combined 问题和打算 part is split
at its first sentence that looks ahead. The part names, their headings and
their precedence are the rulebook's `parts:`.
"""

from __future__ import annotations

import re
from typing import Optional

from checker.document.conventions import DocumentSpec, PartSpec, compiled
from checker.document.facts import heading_year
from checker.document.outline import Outline, Section, Sentence, opens_paragraph
from checker.document.segment import TermIndex, TermSet, hits


def assign_parts(
    outline: Outline, index: TermIndex, parts: dict[str, PartSpec], spec: DocumentSpec, look_ahead: TermSet,
    year: Optional[int], look_back: TermSet,
) -> frozenset[str]:
    """Set the roles of every section and sentence; return the parts found.

    `look_ahead` holds the words that turn a combined 问题和打算 part to the plan, `look_back` those a numbered
    point of it turns it back to the problems with.
    """
    headings = {name: frozenset(part.heading) for name, part in parts.items()}
    excepts = {name: frozenset(part.heading_except) for name, part in parts.items()}
    top_headings = {name: frozenset(part.top_heading) for name, part in parts.items() if part.top_heading}
    heading_index = {id(s.section): i for i, s in enumerate(outline.sentences) if s.heading}
    max_rank = spec.facts.part_heading_max_rank
    has_top = any(section.rank <= spec.outline.top_rank for section in outline.sections)
    found_parts: set[str] = set()
    for section in outline.sections:
        terms = index.terms_in(heading_index[id(section)])
        named = {name for name, words in headings.items() if hits(terms, words, excepts[name])}
        level = section.rank if has_top else _level(section, outline.text, spec)
        if level <= spec.outline.top_rank:
            heading = outline.sentences[heading_index[id(section)]]
            named |= {name for name, words in top_headings.items()
                      if _names_the_part(terms, words, outline.text, heading.start, heading.end, parts[name])}
        named |= _later_year_parts(section, level, parts, spec, year)
        own = _resolve(named, parts)
        if level > max_rank:
            own = frozenset(name for name in own if parts[name].any_depth)
        if _under_items_only(section, parts) and not _titled(section, outline.text, spec):
            own = frozenset(name for name in own if parts[name].items_only)
        section.own_parts = own
        inherited = section.parent.roles if section.parent else frozenset({"body"})
        section.roles = own | inherited if section.parent else (own or inherited)
        found_parts.update(own)
    _assign_sentence_roles(outline, index, spec, look_ahead, year, look_back)
    return frozenset(found_parts) | _assign_headless_parts(outline, spec, frozenset(found_parts), year)


_WORK_ROLES = frozenset({"measures", "body"})  # the year's work, under its part's heading or under none
# …and the text the problems and the plan may follow with no heading of their own: the year's work, or the principal
# leaders' part that closes it (…带头讲授法治专题党课。对照中央和省、市要求，我区…还存在一些短板：一是…)
_BEFORE_HEADLESS = _WORK_ROLES | {"first_responsible"}
# The parts, named by their heading, whose last paragraph the problems or the plan may close inside it (…带头讲授法治专题党课。
# 对照…要求，我区…还存在一些短板：一是…); under a heading that names no part, only a top-level one's (…还有差距。2017年，我们将
# 重点做好以下工作：一是…), not a point's (a signed article's 三是…).
_CLOSED_INSIDE = frozenset({"measures", "first_responsible"})
_PROBLEMS, _PLAN = "shortcomings", "next_year"  # (the parts that may open inside another: see _assign_headless_parts)


def _assign_headless_parts(outline: Outline, spec: DocumentSpec, found: frozenset[str],
                           year: Optional[int]) -> frozenset[str]:
    """Give the parts no heading names (`found` are those headings name) the text that opens on them with no heading
    (spec.headless_parts): from the paragraph that opens so to the next heading (the problems may close the year's work
    and the plan the principal leaders' part after it, or open the plan's own part up to its plan), when no part of the
    year's work follows it; in a text with no headings, that paragraph and the points after it (一是…; （二）…). Returns
    the parts so found."""
    wanted = {part: compiled(pattern) for part, pattern in spec.headless_parts.items() if part not in found}
    if not wanted:
        return frozenset()
    sentences, text = outline.sentences, outline.text
    plan_opens = compiled(spec.headless_parts[_PLAN]) if _PLAN in spec.headless_parts else None
    # how each part's opening introduces the points after it (…还存在一些短板：; …重点抓好以下工作：)
    combined = spec.combined_part
    introduces = {_PROBLEMS: combined.introduces, _PLAN: combined.plan_lead_in} if combined else {}
    starts: dict[int, str] = {}  # sentence → the part a paragraph opens on there
    inline: set[int] = set()  # …those that open inside a paragraph: the part is the rest of that paragraph
    for i, sentence in enumerate(sentences):
        in_plan = _PLAN in sentence.roles  # (the plan's part, its heading says)
        if sentence.heading or not (sentence.roles & _BEFORE_HEADLESS or in_plan):  # not another part's text
            continue
        opening = next(((part, match) for part, pattern in wanted.items()
                        if (match := pattern.match(text, sentence.start, sentence.end))), None)
        if opening is None or opening[0] in starts.values():
            continue
        # A part opens a paragraph, or any sentence of one when it introduces the points that follow it there (…还存在一些
        # 短板：一是…；二是…) under a heading that names the year's work or the leaders' part; after the problems the plan
        # may open any sentence of theirs. In the plan's own part only the problems may open, introducing their points
        # (下一步工作打算 / 对照…要求，我市…仍存在一些短板：/ 一是…).
        points = _introduces_points(sentences, i, text, introduces.get(opening[0]))
        if in_plan:
            if opening[0] == _PROBLEMS and points:
                starts[i] = opening[0]
        elif starts or opens_paragraph(sentences, i):
            starts[i] = opening[0]
        elif points and _closed_inside(sentence, spec) and not opens_paragraph(sentences, i + 1) and (
                opening[0] != _PLAN or spec.clauses.opens_on_plan(text, sentence.start, sentence.end, year)):
            starts[i] = opening[0]  # (a plan there opens on a later year or the next step: not 2023年，管委会将…分解为以下三项：)
            inline.add(i)
    if not starts:
        return frozenset()
    first = min(starts)
    holder = sentences[first].section  # None in a text with no headings at all: its parts are its paragraphs
    if holder is not None and any(_closes(sentences, k, holder) and sentences[k].roles & _WORK_ROLES
                                  for k in range(first + 1, len(sentences))):
        return frozenset()
    current: Optional[str] = None
    within_paragraph = False
    for i in range(first, len(sentences)):
        if i in starts:  # (under its own heading: the problems close the year's work, the plan the leaders' part)
            current, holder, within_paragraph = starts[i], sentences[i].section, i in inline
        elif holder is not None and _closes(sentences, i, holder):
            current = None
        elif within_paragraph and opens_paragraph(sentences, i) and not sentences[i].heading:
            current = None  # (…还存在一些短板：一是…。 / 县长全年主持…: the leaders' part goes on)
        elif (current == _PROBLEMS and _PLAN in sentences[i].roles and plan_opens is not None
              and plan_opens.match(text, sentences[i].start, sentences[i].end)):
            current = None  # the plan its part's heading names, after the problems that opened it (2022年，我们将…以下工作：)
        elif holder is None and opens_paragraph(sentences, i) and not sentences[i].heading:
            current = None  # no headings: a part is its paragraph and the points after it, not the prose that follows
        if current is not None:
            sentences[i].roles = frozenset({current})
    return frozenset(starts.values())


def _closed_inside(sentence: Sentence, spec: DocumentSpec) -> bool:
    """May a part open inside the paragraph of `sentence` (see _CLOSED_INSIDE)?"""
    section = sentence.section
    return section is not None and bool(sentence.roles & _CLOSED_INSIDE or section.rank <= spec.outline.top_rank)


def _introduces_points(sentences: list[Sentence], i: int, text: str, introduces: Optional[str]) -> bool:
    """Does sentence `i` introduce the numbered points right after it (…还存在一些短板：/ 一是…), as `introduces` (the
    rulebook's words for its part: combined_part.introduces, .plan_lead_in) says?"""
    if introduces is None or i + 1 >= len(sentences) or not sentences[i + 1].heading:
        return False
    return compiled(introduces).search(text, sentences[i].start, sentences[i].end) is not None


def _closes(sentences: list[Sentence], i: int, holder: Section) -> bool:
    """Is sentence `i` a heading that ends text under `holder`: one that opens its line (not a point of the paragraph,
    一是…) and is no sub-heading of it?"""
    sentence = sentences[i]
    if not sentence.heading or not opens_paragraph(sentences, i):
        return False
    return sentence.section is None or sentence.section.rank <= holder.rank


def _level(section: Section, text: str, spec: DocumentSpec) -> float:
    """How near the top of an outline without top-rank headings (no 一、) a section is, for reading part
    headings: a title at the top is near enough whatever its marker (10.存在的问题和下一步打算; 6.存在问题：
    一是…), while a sentence run into its paragraph (2.制定印发《…工作计划》，…) is an item, of its marker's rank."""
    if section.parent is None and _titled(section, text, spec):
        return min(section.rank, spec.facts.part_heading_max_rank)
    return section.rank


def _titled(section: Section, text: str, spec: DocumentSpec) -> bool:
    """Is the heading a title, on a line of its own or ending on a colon before its items, rather than
    the first words of a sentence run into its paragraph (3.聚焦群众反映的困难和问题，深入开展…)?"""
    outline = spec.outline
    start, end = section.heading_span
    heading = text[start:end].strip()
    clause_stop = outline.regex("clause_stop")
    title = heading[:-1] if heading and clause_stop.fullmatch(heading[-1]) else heading
    line_end = text.find("\n", end)
    alone = title != heading or not text[end:line_end if line_end >= 0 else len(text)].strip()
    return alone and not outline.regex("sentence_stop").search(title) and not clause_stop.search(title)


def _under_items_only(section: Section, parts: dict[str, PartSpec]) -> bool:
    """Is `section` inside a part whose sub-headings are its own items (a plan's tasks, the problems)?

    (A title on a line of its own there is as likely a new part the outline nested under it, as
    （四）党政主要负责人…职责情况 after 三、2024年工作打算: it is not asked of those.)"""
    node = section.parent
    while node is not None:
        if any(parts[name].items_only for name in node.own_parts):
            return True
        node = node.parent
    return False


def _names_the_part(terms: dict[str, list[tuple[int, int]]], words: frozenset[str], text: str, start: int, end: int,
                    part: PartSpec) -> bool:
    """Does a word of `words` in the heading text[start:end] name the part, rather than the object of
    the year's work (二、围绕省委重点工作，加快推动…) or the work done (二、重点工作开展情况)?"""
    before = compiled(part.top_heading_not_after) if part.top_heading_not_after else None
    after = compiled(part.top_heading_not_before) if part.top_heading_not_before else None
    return any((before is None or not before.search(text, start, a)) and (after is None or not after.match(text, b, end))
               for word in words.intersection(terms) for a, b in terms[word])


def _later_year_parts(section: Section, level: float, parts: dict[str, PartSpec], spec: DocumentSpec,
                      year: Optional[int]) -> set[str]:
    """A heading near the top (`level`) that names a later year than the reported one is the plan."""
    if year is None or level > spec.facts.part_heading_max_rank:
        return set()
    said = heading_year(section.folded, spec)
    if said is None or said <= year:
        return set()
    return {name for name, part in parts.items() if part.later_year}


def _resolve(named: set[str], parts: dict[str, PartSpec]) -> frozenset[str]:
    """One heading naming several parts: those of the lowest precedence win."""
    if not named:
        return frozenset()
    first = min(parts[name].precedence for name in named)
    return frozenset(name for name in named if parts[name].precedence == first)


def _assign_sentence_roles(outline: Outline, index: TermIndex, spec: DocumentSpec, ahead: TermSet,
                           year: Optional[int], back: TermSet) -> None:
    """Each sentence takes its section's roles; inside a combined part, the part it is in by now: the plan from
    its first body sentence that looks ahead (下一步，…; 2024年，我县将…, `year` the report's), the problems again
    from a numbered point that states a shortfall (`back`) and opens on no task."""
    combined = spec.combined_part
    pair = tuple(combined.parts) if combined else ()
    preamble_ends = _preamble_end(outline, spec)
    switched: set[int] = set()  # combined sections whose unnamed text has turned to the second part
    prose: set[int] = set()  # combined sections with text of their own before any sub-section
    introducing: set[int] = set()  # …whose last such text introduces the numbered points after it
    introduces = compiled(combined.introduces) if combined and combined.introduces else None
    task_opening = compiled(combined.task_opening) if combined and combined.task_opening else None
    task_point = compiled(combined.task_point) if combined and combined.task_point else None
    lead_in = compiled(combined.plan_lead_in) if combined and combined.plan_lead_in else None
    announced = compiled(combined.plan_announced) if combined and combined.plan_announced else None
    led_in: set[int] = set()  # combined sections whose plan a sentence introducing its points led into
    for i, sentence in enumerate(outline.sentences):
        section = sentence.section
        if section is None:
            sentence.roles = frozenset({"preamble"}) if i < preamble_ends else frozenset({"body"})
            continue
        holder = _combined_ancestor(section, frozenset(pair)) if pair else None
        if holder is None:
            sentence.roles = section.roles | {"lead"} if _leads(sentence, section) else section.roles
            continue
        if sentence.heading and section is holder:
            sentence.roles = frozenset(pair)
            continue
        named = _named_part(section, holder, pair)
        if named is not None:  # under a sub-section that names one of the two parts: that part
            sentence.roles = frozenset({named})
            continue
        announces = (not sentence.heading and announced is not None
                     and announced.search(outline.text, sentence.start, sentence.end) is not None)
        looks_ahead = not sentence.heading and (
            announces or bool(hits(index.terms_in(i), ahead.terms, ahead.excepts))
            or spec.clauses.opens_on_plan(outline.text, sentence.start, sentence.end, year))
        # Problems stated in the part's own text, then numbered points: the points are the tasks, unless
        # that text introduces them (还存在一些问题：一是…) and the point does not open on a task (（一）深化…).
        introduced = id(holder) in introducing and not (
            task_opening is not None and task_opening.match(outline.text, sentence.start, sentence.end))
        numbered_after_prose = sentence.heading and id(holder) in prose and not introduced
        if (id(holder) in switched and id(holder) not in led_in
                and _states_a_shortfall(sentence, i, index, back, task_point, outline.text)):
            switched.discard(id(holder))
        elif looks_ahead or numbered_after_prose:
            switched.add(id(holder))
            if looks_ahead and lead_in is not None and lead_in.search(outline.text, sentence.start, sentence.end):
                led_in.add(id(holder))
        elif section is holder:
            prose.add(id(holder))
            if introduces is not None and introduces.search(outline.text, sentence.start, sentence.end):
                introducing.add(id(holder))
            else:
                introducing.discard(id(holder))
        sentence.roles = frozenset({pair[1] if id(holder) in switched else pair[0]})


def _states_a_shortfall(sentence: Sentence, i: int, index: TermIndex, back: TermSet,
                        task_point: Optional[re.Pattern[str]], text: str) -> bool:
    """Is sentence `i` a numbered point that states a shortfall (一是基层劳动保障监察力量不足), not a task (一是解决…不足问题)?"""
    return (sentence.heading and bool(hits(index.terms_in(i), back.terms, back.excepts))
            and not (task_point is not None and task_point.match(text, sentence.start, sentence.end)))


def _leads(sentence: Sentence, section: Section) -> bool:
    """Is `sentence` the text the part of the year's work opens on, before its first sub-section: its summary?"""
    return (not sentence.heading and "measures" in section.own_parts and bool(section.children)
            and sentence.start < section.children[0].heading_span[0])


def _preamble_end(outline: Outline, spec: DocumentSpec) -> int:
    """The index of the first sentence after the preamble: the first heading, not a point run inside a paragraph
    (…仍存在一些不足：一是…: a text whose only headings are such points has none) nor an entry of a table of contents
    (the contents and the opening after them are the preamble); in a text without headings (a copy
    that lost its numbering or its line breaks), the sentence after the one that closes the opening summary
    (现将有关情况报告如下), if one does near the start; else 0 (no preamble)."""
    sentences = outline.sentences
    first_heading = next((i for i, s in enumerate(sentences) if s.heading and not _inline_point(sentences, i, spec)
                          and not (s.section is not None and s.section.contents)), None)
    if first_heading is not None:
        return first_heading
    if spec.outline.preamble_end is None or not sentences:
        return 0
    start = sentences[0].start
    found = spec.outline.regex("preamble_end").search(
        outline.text, start, min(sentences[-1].end, start + spec.outline.preamble_max_chars))
    return 0 if found is None else next(i + 1 for i, s in enumerate(sentences) if found.start() < s.end)


def _inline_point(sentences: list[Sentence], i: int, spec: DocumentSpec) -> bool:
    """Is heading sentence `i` a point run inside its paragraph, of a rank no part heading has (一是…, not 一、…)?"""
    section = sentences[i].section
    return (not opens_paragraph(sentences, i) and section is not None
            and section.rank > spec.facts.part_heading_max_rank)


def _named_part(section: Section, holder: Section, pair: tuple[str, ...]) -> Optional[str]:
    """The part of the pair that a sub-section between `section` and `holder` names in its heading."""
    node: Optional[Section] = section
    while node is not None and node is not holder:
        named = [part for part in pair if part in node.own_parts]
        if len(named) == 1:
            return named[0]
        node = node.parent
    return None


def _combined_ancestor(section: Section, pair: frozenset[str]) -> Optional[Section]:
    node: Optional[Section] = section
    while node is not None:
        if pair <= node.own_parts:
            return node
        node = node.parent
    return None
