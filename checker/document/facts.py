"""Read what a report says about itself: the year it reports on, who issued it, at what level, what it is.

Facts are taken from the strongest place first: the title, then the sentence
that introduces the report ("现将2024年度…情况报告如下"), then the opening
sentence ("2024年，…"), then the first part's heading; failing those, the year
the body dates its work in, then the year it names most, then the year of the documents it numbers, then the
latest Party plenum it cites. Every pattern and
weight comes from the rulebook's `document:` section.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from typing import Callable, Optional

from checker.document.conventions import DocumentSpec, compiled, found_in
from checker.document.ingest.layout import TOC_ENTRY
from checker.document.outline import Outline, Sentence
from checker.document.segment import TermSet
from checker.document.textnorm import year_from_chinese

# Where a year statement comes from, strongest first; the labels are shown to reviewers.
FROM_TITLE, FROM_STATEMENT, FROM_OPENING, FROM_FIRST_PART = "标题", "报告说明", "开头", "第一部分标题"
FROM_DATED_ACTS, FROM_NAMED_YEARS, FROM_PLENUM = "正文所记工作", "正文提到最多的年份", "正文所引最近一次全会"
FROM_DOCUMENT_NUMBERS = "正文所引文号的年份"
# The sources that infer a year nobody states: nothing to check the year against, and the kind is less sure.
INFERRED = frozenset({FROM_NAMED_YEARS, FROM_DOCUMENT_NUMBERS, FROM_PLENUM})


@dataclass(frozen=True)
class YearStatement:
    """A place where the report says which year it is about."""

    source: str  # one of the FROM_* labels
    year: int
    line: int


def year_statements(outline: Outline, spec: DocumentSpec, look_ahead: TermSet = TermSet(frozenset()),
                    ) -> list[YearStatement]:
    """Every statement of the reported year, strongest first.

    `look_ahead`: the words of a sentence that looks ahead (下一步, 明年): the years it names or dates
    are the plan's, so the body's dates and named years pass it over."""
    facts = spec.facts
    found: list[YearStatement] = []
    if outline.title:
        match = facts.regex("title_year").search(outline.title)
        chinese = facts.regex("chinese_year").search(outline.title)
        year = int(match.group(1)) if match else (year_from_chinese(chinese.group(1)) if chinese else None)
        if year:
            found.append(YearStatement(FROM_TITLE, year, outline.title_line or 1))
    body = [s for s in outline.sentences if not s.heading][: facts.statement_sentences]
    for sentence in body:
        match = facts.regex("report_year").search(outline.text, sentence.start, sentence.end)
        if match:
            # (the pattern's alternatives each hold the year in a group of their own)
            year = next(int(group) for group in match.groups() if group)
            found.append(YearStatement(FROM_STATEMENT, year, sentence.line))
            break
    for sentence in body[: facts.opening_sentences]:
        match = facts.regex("opening_year").match(outline.text[sentence.start:sentence.end])
        if match:
            found.append(YearStatement(FROM_OPENING, int(match.group(1)), sentence.line))
            break
    for section in [s for s in outline.sections if s.rank <= spec.outline.top_rank][:1]:
        match = facts.regex("year").search(section.folded)
        if match:
            found.append(YearStatement(FROM_FIRST_PART, int(match.group(1)), section.line))
    if found:  # most reports: the body's dates and named years are not read
        return found
    now = [s for s in outline.sentences if not _looks_ahead(outline.text[s.start:s.end], look_ahead)]
    body = [s for s in now if not s.heading]
    return (_dated_acts(outline, body, spec) or _named_years(outline, body, spec)
            or _later(_numbered_documents(outline, now, spec), _latest_plenum(outline, spec)))


def _later(*found: list[YearStatement]) -> list[YearStatement]:
    """Of the statements each source gives (one or none), the latest year's: a text is no earlier than what it cites."""
    given = [statements[0] for statements in found if statements]
    return [max(given, key=lambda statement: statement.year)] if given else []


def _looks_ahead(text: str, look_ahead: TermSet) -> bool:
    """Does a sentence hold a word of looking ahead (not inside one of its exception words)?"""
    if not any(term in text for term in look_ahead.terms):
        return False
    for word in look_ahead.excepts:
        text = text.replace(word, "")
    return any(term in text for term in look_ahead.terms)


def _dated_acts(outline: Outline, body: list[Sentence], spec: DocumentSpec) -> list[YearStatement]:
    """The year the body's sentences date their work in (2022年我镇新制发…), when no title or opening says.

    A report without its head still dates what it did; the year it names most, and at least
    `dated_acts_min` times, is the year it reports on.
    """
    facts = spec.facts
    return _year_named_most(outline, body, facts.regex("dated_act"), facts.dated_acts_min, FROM_DATED_ACTS)


def _named_years(outline: Outline, body: list[Sentence], spec: DocumentSpec) -> list[YearStatement]:
    """The year the text names most often, when nothing above says which year it reports on.

    An opening copied without its head (今年以来，我局…) still names its year's work (出台2024年度学法清单):
    the year named most is the one reported on. `body` holds no heading (the first part's has been
    read, and a later one's year is as often the plan's: 二、2024年工作) and no sentence that looks ahead.
    """
    facts = spec.facts
    return _year_named_most(outline, body, facts.regex("named_year"), facts.named_years_min, FROM_NAMED_YEARS)


def _numbered_documents(outline: Outline, sentences: list[Sentence], spec: DocumentSpec) -> list[YearStatement]:
    """The year of the latest numbered document the text cites (印发《…工作方案》(汕医保党组〔2022〕30号)), when it names
    no year of its work: a report cites its body's documents of the year and older ones of its superiors, never a
    later one. None when the text cites a Party congress held after it (党的二十大精神 beside 厅字〔2019〕28号 alone: the
    document is a superior's, older than the report). Headings too (一是印发…〔2022〕30号 reads as an item's heading):
    a number is never a plan's year."""
    facts = spec.facts
    if facts.document_number_year is None:
        return []
    latest = _latest_cited(outline, sentences, facts.regex("document_number_year"), lambda match: int(match.group(1)))
    if latest is None:
        return []
    year, line = latest
    congress = facts.regex("congress") if facts.congress is not None else None
    held = [facts.congress_years.get(match.group(1), 0) for match in congress.finditer(outline.text)] if congress else []
    if held and max(held) > year:
        return []
    return [YearStatement(FROM_DOCUMENT_NUMBERS, year, line)]


def _latest_plenum(outline: Outline, spec: DocumentSpec) -> list[YearStatement]:
    """The year of the latest Party plenum the text cites, when no other sentence says a year of its work (a copy
    that lost its figures): a report is written early in the year after its own and cites the plenums held up to
    then."""
    facts = spec.facts
    latest = _latest_cited(outline, outline.sentences, facts.regex("plenum"),
                           lambda match: facts.plenum_years.get(match.group(1) + match.group(2)))
    return [YearStatement(FROM_PLENUM, *latest)] if latest is not None else []


def _latest_cited(outline: Outline, sentences: list[Sentence], pattern: re.Pattern[str],
                  year_of: Callable[[re.Match[str]], Optional[int]]) -> Optional[tuple[int, int]]:
    """The latest year `year_of` gives a match of `pattern` in `sentences` (None for a match it does not date), with
    the line of the last sentence to cite it; None when nothing is dated."""
    cited = [(year, sentence.line) for sentence in sentences
             for match in pattern.finditer(outline.text, sentence.start, sentence.end)
             if (year := year_of(match)) is not None]
    return max(cited) if cited else None


def _year_named_most(outline: Outline, body: list[Sentence], pattern: re.Pattern[str], minimum: int,
                     source: str) -> list[YearStatement]:
    """The year (group 1 of `pattern`) the sentences of `body` give most often, at least `minimum` times;
    none when two years are given as often (the body does not say which one it reports on)."""
    lines: dict[int, list[int]] = {}
    for sentence in body:
        for match in pattern.finditer(outline.text[sentence.start:sentence.end]):  # ^ is the sentence's start
            lines.setdefault(int(match.group(1)), []).append(sentence.line)
    ranked = sorted(lines.items(), key=lambda item: -len(item[1]))
    if not ranked or len(ranked[0][1]) < minimum or (len(ranked) > 1 and len(ranked[1][1]) == len(ranked[0][1])):
        return []
    year, where = ranked[0]
    return [YearStatement(source, year, where[0])]


def report_year(outline: Outline, spec: DocumentSpec) -> Optional[int]:
    """The year the report is about, or None when the text never says."""
    statements = year_statements(outline, spec)
    return statements[0].year if statements else None


def year_in(text: str, spec: DocumentSpec) -> Optional[int]:
    """The first year a heading or title names."""
    match = spec.facts.regex("year").search(text)
    return int(match.group(1)) if match else None


def heading_year(heading: str, spec: DocumentSpec) -> Optional[int]:
    """The year a heading names as the year of its work: not one inside a document's title (编制《…实施方案
    (2021—2025年)》), a date (a page's 市司法局 2023年02月17日), a span's bound, a target or a deadline."""
    bare = spec.chrome.regex("date").sub("", spec.regex("named_document").sub("", heading))
    match = spec.facts.regex("named_year").search(bare)
    return int(match.group(1)) if match else None


def issuer(outline: Outline, spec: DocumentSpec) -> Optional[str]:
    """The body that issued the report, as the report names it."""
    facts = spec.facts
    named = _title_issuer(outline.title, spec) if outline.title else None
    if named and not _voice_disowns(named, outline, spec):
        return named
    alone = _name_alone(outline.title, spec) if outline.title else None  # (a site's header, a letterhead)
    if alone and _stands_for_the_text(alone, outline, spec):
        return alone
    # (no contents, and not an editor's note over a reposted report: 编者按:…本期刊发区绿化市容局报告)
    prose = (outline.text[s.start:s.end] for s in outline.sentences
             if not s.heading and not s.editor_note)
    opening = list(islice((text for text in prose if not TOC_ENTRY.search(text)), facts.opening_sentences))
    for sentence in opening:
        found = _subject(sentence, spec)
        if found:
            return found
    # a body's name alone below the title, when the opening names no subject: one that does outranks it (an addressee
    # that lost its colon, over 2023年，市交通运输局坚持…)
    byline = _byline(outline, spec)
    if byline and _stands_for_the_text(byline, outline, spec):
        return byline
    if outline.signature:
        return outline.signature
    # the body a 现将…报告如下 names as the one reported on (现将2016年上海市法治政府建设情况公开如下)
    for sentence in opening:
        match = facts.regex("statement_issuer").search(sentence)
        if match and _organisation_name(match.group(1), spec):
            return match.group(1)
    return _noted_issuer(outline, spec) or _chrome_issuer(outline, spec)


def _noted_issuer(outline: Outline, spec: DocumentSpec) -> Optional[str]:
    """The body whose report an editor's note over the text says the page prints (…今天刊发市交通运输局报告全文)."""
    if spec.facts.noted_issuer is None:
        return None
    noted = spec.facts.regex("noted_issuer")
    for sentence in outline.sentences:
        if sentence.editor_note:
            match = noted.search(outline.text, sentence.start, sentence.end)
            if match and _organisation_name(match.group(1), spec):
                return match.group(1)
    return None


def _chrome_issuer(outline: Outline, spec: DocumentSpec) -> Optional[str]:
    """The department a portal's block names as publisher or source, when the text speaks for its sector."""
    facts = spec.facts
    if facts.chrome_issuer is None or facts.chrome_issuer_voice is None:
        return None
    match = facts.regex("chrome_issuer").search(outline.text, 0, facts.chrome_issuer_chars)
    # (a field's value is a name whole, and may hold 和 as a subject may not: 青山市住房和城乡建设局)
    if match is None or facts.regex("pronoun").match(match.group(1)):
        return None
    # (in the text's first sentence of prose, its subject: 2024年，全市医保系统坚持…; not a city report's passing word, 全市
    # 司法行政系统深入开展…, further on; nor an editor's note over the report, 【编者按】…现将…向社会公开)
    sentences = outline.sentences
    opening = next((s for s in sentences if s.start >= match.end() and not s.heading and not s.editor_note), None)
    voice = facts.chrome_issuer_voice.replace("{lead}", re.escape(match.group(2)))
    if opening is None or compiled(voice).search(outline.text, opening.start, opening.end) is None:
        return None
    return match.group(1)


# A byline stands this many lines at most below the title's first line (a title, its bracketed year, the body's name).
BYLINE_MAX_LINES_BELOW = 3
_NAME_ALONE = re.compile(r"[\u4e00-\u9fff()（）]+")  # ideographs and brackets only: no label, no colon, no date


def _byline(outline: Outline, spec: DocumentSpec) -> Optional[str]:
    """The body's name alone on a line right below a title that names none (法治政府建设年度报告 / （2024年度） /
    霁州市应急管理局), before any prose."""
    if outline.title is None or outline.title_line is None:
        return None
    first = next((s for s in outline.sentences if s.line > outline.title_line), None)  # (not a table of contents' above)
    if first is None:
        return None
    name = outline.text[first.start:first.end].strip()
    if not first.heading or not 0 < first.line - outline.title_line <= BYLINE_MAX_LINES_BELOW:
        return None
    return _name_alone(name, spec)  # (not a field of a form, 填报单位：…, nor a place with its label, 地点：…)


def _name_alone(line: str, spec: DocumentSpec) -> Optional[str]:
    """`line` when it is a body's name and nothing else (a site's or a letterhead's 霁州高新技术产业开发区管理委员会): its
    place, then its kind; not a slogan or an award that ends as a name does (严格依法行政建设法治政府; 全国…示范地区)."""
    if not (_organisation_name(line, spec) and _NAME_ALONE.fullmatch(line)):
        return None
    placed = spec.facts.placed_name is None or spec.facts.regex("placed_name").match(line) is not None
    return line if placed else None


def _title_issuer(title: str, spec: DocumentSpec) -> Optional[str]:
    facts = spec.facts
    behalf = facts.regex("behalf_issuer").match(title) if facts.behalf_issuer is not None else None
    if behalf:  # the place is the last group that took part in the match
        return next(group for group in reversed(behalf.groups()) if group)
    published = facts.regex("published_title").match(title) if facts.published_title is not None else None
    if published:  # (a portal's note over the report it publishes: the report's own title names its body)
        return _title_issuer(published.group("published"), spec)
    match = facts.regex("title_issuer").match(title) or facts.regex("reprint_issuer").match(title)
    if match and not facts.regex("pronoun").match(match.group(1)):
        return match.group(1)
    return None


def _voice_disowns(name: str, outline: Outline, spec: DocumentSpec) -> bool:
    """Does a title's place (关于峪南县2023年度…) only name the surroundings of a body that speaks as a bureau or a
    township (我局, 本镇), never in that place's own voice (我县), and as often as it names the place at all (全县,
    县政府: a county report quoting one township's 本镇 is still the county's)?"""
    place_level = level_of(name, spec)
    if place_level is None or place_level in spec.facts.specific_voices:
        return False
    counts, own = _voices(outline, spec)
    specific = sum(own[level] for level in spec.facts.specific_voices) - _says_own_name(name, outline, spec)
    return own[place_level] == 0 and specific > 0 and specific >= counts[place_level]


def _stands_for_the_text(name: str, outline: Outline, spec: DocumentSpec) -> bool:
    """Is a body's name alone (a letterhead, a byline) the text's own, as its voice says?"""
    return not _voice_disowns(name, outline, spec) and not _speaks_as_another(name, outline, spec)


def _speaks_as_another(name: str, outline: Outline, spec: DocumentSpec) -> bool:
    """Does the text never speak as the bureau or township a name alone gives (我局, 全局…), and speak as a government
    (全县, 县政府): the name is a publisher's line over it (青山县司法局 / 2023年，县委、县政府…全县上下…)?"""
    facts, level = spec.facts, level_of(name, spec)
    if level not in facts.specific_voices:
        return False
    counts, _ = _voices(outline, spec)
    if counts[level] or not any(counts[other] for other in counts if other not in facts.specific_voices):
        return False
    # (…unless it speaks for the name's sector, as a bureau does that says 我市 throughout: 2024年，我市应急管理系统…)
    if facts.sector_voice is None:
        return True
    placed = facts.regex("placed_name").match(name) if facts.placed_name is not None else None
    field = name[placed.end():] if placed else name
    return not any(match.group(1)[0] in field for match in facts.regex("sector_voice").finditer(outline.text))


# A body calls itself by a character of the kind its name ends in (我委 for 霁州高新区管委会): this many characters.
OWN_NAME_TAIL_CHARS = 3


def _says_own_name(name: str, outline: Outline, spec: DocumentSpec) -> int:
    """How often the text speaks in a specific voice that is the named body's own (我委, 本委 of a 管委会), not a
    bureau's or a township's inside the place the name gives."""
    own_voice, tail = spec.facts.regex("own_voice"), name[-OWN_NAME_TAIL_CHARS:]
    return sum(outline.text.count(word) for level in spec.facts.specific_voices
               for word in spec.self_reference.get(level, ()) if own_voice.match(word) and word[-1] in tail)


def _voices(outline: Outline, spec: DocumentSpec) -> tuple[Counter[str], Counter[str]]:
    """How often the text refers to itself (我局, 全县, 县政府), and in its own voice (我局, 本镇), by the level each
    word names."""
    own_voice = spec.facts.regex("own_voice")
    counts: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for level, words in spec.self_reference.items():
        for word in words:
            found = outline.text.count(word)
            counts[level] += found
            if own_voice.match(word):
                own[level] += found
    return counts, own


def title_names_issuer(title: str, spec: DocumentSpec) -> bool:
    return spec.facts.regex("title_issuer").match(title) is not None


def _subject(sentence: str, spec: DocumentSpec) -> Optional[str]:
    """The organisation a sentence opens with: "2016年,桂林市人民政府认真…" → 桂林市人民政府."""
    facts = spec.facts
    for clause in re.split(r"[,;]", sentence)[: facts.subject_clauses]:
        clause = facts.regex("subject_prefix").sub("", clause)
        clause = facts.regex("subject_circumstance").sub("", clause.strip()).strip()
        clause = facts.regex("parenthesis").sub("", clause)  # its other names: 市数据局(市营商环境建设局、…)
        if facts.regex("not_subject").match(clause):
            continue
        for stop in facts.regex("subject_stops").finditer(clause, 0, facts.subject_window):
            candidate = clause[: stop.start()]
            if facts.subject_team is not None:
                candidate = facts.regex("subject_team").sub("", candidate)
            joint = facts.regex("joint_subject").fullmatch(candidate)
            if joint:  # 县委、县政府 names no place: no name; nor does a clause of acts (认真落实市委、市政府…)
                place = joint.group(1)
                acts = facts.joint_place_not is not None and facts.regex("joint_place_not").search(place) is not None
                named = len(place) >= facts.subject_min_chars and not acts
                return place if named else None
            if _organisation_name(candidate, spec):
                return candidate
    return None


def _organisation_name(candidate: str, spec: DocumentSpec) -> bool:
    facts = spec.facts
    return (
        facts.subject_min_chars <= len(candidate) <= facts.subject_max_chars
        and re.search(facts.organisation_suffix + "$", candidate) is not None
        and not facts.regex("pronoun").match(candidate)
        and not facts.regex("not_organisation").search(candidate)
    )


def level_of(name: Optional[str], spec: DocumentSpec) -> Optional[str]:
    """province / city / county / township / department from the end of a name."""
    if not name:
        return None
    core = _core_name(name, spec)
    for rule in spec.levels:
        if any(core.endswith(s) for s in rule.not_suffix):
            continue
        if any(core.endswith(s) for s in rule.suffix):
            return rule.level
    return None


def _core_name(name: str, spec: DocumentSpec) -> str:
    """A name without its brackets and its 人民政府 (浙江省义乌市人民政府 → 浙江省义乌市), its level's end."""
    core = spec.facts.regex("parenthesis").sub("", name)
    return spec.facts.regex("government_suffix").sub("", core) or core


def level_from_text(outline: Outline, spec: DocumentSpec) -> Optional[str]:
    """Fallback: how the text refers to itself (我局, 全县, 我乡…).

    The report's own voice (我局, 本镇) names its level; 全市 or 县政府 may only be its surroundings.
    """
    counts, own = _voices(outline, spec)
    if own and max(own.values()) > 0:
        # A bureau that says 我局 once and 我省 twice is still the bureau: its own name for itself is
        # the more specific one (a government seldom calls itself 我局 or 我镇).
        loudest = max(own.values())
        return next((level for level in spec.facts.specific_voices
                     if own[level] and own[level] >= loudest / spec.facts.specific_voice_one_in),
                    own.most_common(1)[0][0])
    if not counts or max(counts.values()) == 0:
        return None
    # A department or township also says 全县 or 县政府; its own voice is more specific.
    facts = spec.facts
    most = max(counts.values())
    for level in facts.specific_voices:
        if counts[level] >= facts.specific_voice_min or (counts[level] and counts[level] >= most / facts.specific_voice_one_in):
            return level
    return counts.most_common(1)[0][0]


def document_level(name: Optional[str], outline: Outline, spec: DocumentSpec) -> Optional[str]:
    level = level_of(name, spec) or _municipal(level_from_text(outline, spec), outline, spec)
    if level == "city" and (_addressed_to_the_centre(outline, spec) or _calls_itself_a_municipality(outline, spec)):
        return "province"  # (a 直辖市 by a name no list of them holds: a text that only says 市政府, or a new name)
    if level == "city" and name and (_county_level_city(name, spec) or _under_another_city(name, outline, spec)
                                     or _placeless_in_a_county_level_city(name, outline, spec)):
        return "county"
    if level == "city" and _speaks_as_a_county_level_city(name, outline, spec):
        return "county"  # (a 县级市 the gazetteer cannot know: a new name, or one a copy leaves out)
    if level == "city" and not name and _addressed_to_a_city(outline, spec):
        return "county"  # (a city that names no one and reports to a city's government, 霁州市人民政府：…现将我市…: a 县级市)
    return level


def _addressed_to_a_city(outline: Outline, spec: DocumentSpec) -> bool:
    """Is the text addressed to a city's government (霁州市人民政府：)? A city reports to its province's."""
    return bool(_cities_addressed(outline, spec, governments_only=True))


def _cities_addressed(outline: Outline, spec: DocumentSpec, governments_only: bool = False) -> list[re.Match[str]]:
    """The cities' bodies the addressee names (facts.superior_addressee; group 1 the city), only their governments when
    asked: a city reports to its own 市委 and 人大常委会 too, so those say nothing of a city above it."""
    facts = spec.facts
    if not outline.addressee or not facts.superior_addressee:
        return []
    return [match for match in facts.regex("superior_addressee").finditer(outline.addressee)
            if not governments_only or match.group(0).endswith("政府")]


def _speaks_as_a_county_level_city(name: Optional[str], outline: Outline, spec: DocumentSpec) -> bool:
    """Does a city's text speak as a county does (县域治理; 市、镇两级; 在州委、州政府…领导下; files its documents with a
    superior city's government, group `superior`, not its own), and never of its counties as a prefecture does
    (各县（市、区）), its issuer no 州 or 盟 (whose 州委 is its own)?"""
    facts = spec.facts
    if facts.county_city_voice is None or not any(
            _names_another_city(match, name, spec) for match in facts.regex("county_city_voice").finditer(outline.text)):
        return False
    if name and _core_name(name, spec).endswith(tuple(facts.prefecture_ends)):
        return False
    return facts.prefecture_voice is None or not facts.regex("prefecture_voice").search(outline.text)


def _names_another_city(match: re.Match[str], name: Optional[str], spec: DocumentSpec) -> bool:
    """Does a county-level city's voice name a superior (group `superior`) the issuer is not: one its name, which names
    a place, does not hold (均向澄阳市人民政府备案 in 澄阳市人民政府's report is its departments' filing)?"""
    superior = match.groupdict().get("superior")
    if superior is None:
        return True
    return name is not None and not _names_no_place(name, spec) and superior not in name


def _names_no_place(name: str, spec: DocumentSpec) -> bool:
    """Is the issuer's name a government's that names no place (市政府)?"""
    return spec.facts.regex("government_suffix").sub("", name) in spec.facts.placeless_cities


def _placeless_in_a_county_level_city(name: str, outline: Outline, spec: DocumentSpec) -> bool:
    """An issuer that names no place (市政府坚持…) in a text whose opening names one 县级市 the gazetteer knows
    as its own (facts.own_place: 2022年是乐平市撤县设市30周年; 《乐平市法治政府建设实施纲要》): that 县级市's
    government. A prefecture praising its 县级市 names them in a list (指导瑞安市、乐清市…)."""
    facts = spec.facts
    if facts.own_place is None or not _names_no_place(name, spec):
        return False
    head = outline.text[: facts.superior_window]
    own = _county_level_cities_named(head, "own_place", spec)
    if len(own) != 1:
        return False
    return facts.place_mention is None or _county_level_cities_named(head, "place_mention", spec) <= own


def _county_level_cities_named(text: str, pattern: str, spec: DocumentSpec) -> set[str]:
    """The 县级市 the facts pattern `pattern` names in `text` (its group 1)."""
    facts = spec.facts
    return {match.group(1) for match in facts.regex(pattern).finditer(text)} & facts.county_level_cities


def _municipal(level: Optional[str], outline: Outline, spec: DocumentSpec) -> Optional[str]:
    """A text with no issuer that speaks as a city of districts (全市各区) is a 直辖市's when it names one and
    no province (a prefecture names its province somewhere: 四川省, 省委, 全省)."""
    facts, text = spec.facts, outline.text
    if (level == "city" and facts.regex("municipality").search(text) and facts.regex("municipal_voice").search(text)
            and not facts.regex("province_named").search(text)):
        return "province"
    return level


def _addressed_to_the_centre(outline: Outline, spec: DocumentSpec) -> bool:
    """Is the report addressed to the centre (党中央、国务院), as only a province's, or a 直辖市's, is?"""
    facts = spec.facts
    return bool(outline.addressee and facts.central_addressee
                and facts.regex("central_addressee").search(outline.addressee))


def _calls_itself_a_municipality(outline: Outline, spec: DocumentSpec) -> bool:
    """Does the text call itself a 直辖市 in its own voice (作为直辖市，我市…), naming no province above it?"""
    facts = spec.facts
    if facts.municipal_self is None or facts.regex("municipal_self").search(outline.text) is None:
        return False
    return not facts.regex("province_named").search(f"{outline.addressee or ''}\n{outline.text}")


def _county_level_city(name: str, spec: DocumentSpec) -> bool:
    """Is `name` (义乌市, 浙江省义乌市人民政府) a 县级市 the gazetteer knows?"""
    facts, core = spec.facts, _core_name(name, spec)
    before = facts.regex("place_before")  # the province or prefecture the name may open with
    return any(core.endswith(city) and (len(core) == len(city) or before.search(core[: -len(city)]))
               for city in facts.county_level_cities)


def _under_another_city(name: str, outline: Outline, spec: DocumentSpec) -> bool:
    """Does the opening, or the addressee, name the 市委 or 市政府 of a city other than `name` (a 县级市 under it)?"""
    facts = spec.facts
    own = facts.regex("government_suffix").sub("", name)
    named = list(facts.regex("superior_city").finditer(outline.text[:facts.superior_window]))
    # (a body named by its level alone, 市政府, cannot tell its own 市委 from another's: only a government says)
    named += _cities_addressed(outline, spec, governments_only=len(own) <= 1)
    return any(match.group(1) != own for match in named)


# --------------------------------------------------------------------------- kind


def _without_names(title: str, spec: DocumentSpec) -> str:
    """A title with the names of documents (《…》) taken out: their words are not the title's genre."""
    return spec.regex("named_document").sub("", title)


def genre_of(title: Optional[str], spec: DocumentSpec) -> Optional[str]:
    """The other genre a title announces (讲话稿, 实施方案…), read without the names it cites unless the
    pattern names one (《政府工作报告》重点工作完成情况)."""
    if not title:
        return None
    bare = _without_names(title, spec)
    for pattern, genre in spec.other_genres.items():
        if compiled(pattern).search(_as_read_by(pattern, title, bare)):
            return genre
    return None


def _as_read_by(pattern: str, title: str, bare: str) -> str:
    """The title a title pattern reads: without the names it cites (《…》), unless the pattern names one."""
    return title if "《" in pattern else bare


def misnamed_genre(title: str, spec: DocumentSpec) -> Optional[str]:
    """A genre word that makes a report's title wrong but leaves it a report (工作总结, 述职)."""
    return next((word for word in spec.misnamed_genres if word in title), None)


def title_is_report(title: Optional[str], spec: DocumentSpec) -> bool:
    """Has the title the report's form? Read without the names it cites (《…》), unless the pattern names one."""
    if not title:
        return False
    bare = _without_names(title, spec)
    return any(re.search(pattern, _as_read_by(pattern, title, bare)) for pattern in spec.report_title)


def title_has_genre_word(title: str, spec: DocumentSpec) -> bool:
    return spec.regex("title_genre").search(_without_names(title, spec)) is not None


def kind_of(outline: Outline, spec: DocumentSpec, parts_found: frozenset[str], year: Optional[int],
            year_inferred_from: Optional[str] = None) -> tuple[str, list[str]]:
    """annual_report or not, with the reasons that decided it.

    `year_inferred_from`: nothing states the year reported; this source (one of INFERRED) gave it."""
    weights = spec.kind
    reasons: list[str] = []
    score = 0.0
    text = outline.body_text
    head = text[: weights.head_chars]
    report_form = title_is_report(outline.title, spec)
    # (a subtitle's genre counts only under a title not in the report's form: 在…会议上的工作报告 / ——…工作情况)
    subtitle = outline.subtitle if outline.subtitle and spec.regex("subtitle_as_title").match(outline.subtitle) else None
    genre = genre_of(outline.title, spec) or (None if report_form else genre_of(subtitle, spec))
    if genre in weights.yields_to_statement and weights.statement and compiled(weights.statement).search(head):
        genre = None
    if ((genre in weights.yields_to_attachment and weights.attachment and compiled(weights.attachment).search(text))
            or (genre in weights.yields_to_own_parts
                and len(parts_found & set(weights.report_parts)) >= weights.attachment_min_parts)):
        genre = None
    # (the addressee too, as the text opens on it: 各位代表：… addresses a congress)
    opening = f"{outline.addressee}:\n{head}" if outline.addressee else head
    told = next((name for pattern, name in spec.body_genres.items() if compiled(pattern).search(opening)), None)
    if told in weights.told_yields_to_report_title and report_form:
        told = None
    if genre:
        score -= weights.genre_in_title
        reasons.append(f"标题表明是{genre}")
    elif told:
        score -= weights.genre_in_title
        reasons.append(f"正文表明是{told}")
    elif report_form:
        score += weights.report_title
        reasons.append("标题是年度报告的格式")
    if year is not None and year < weights.first_year:
        score -= weights.genre_in_title
        reasons.append(f"所报告的{year}年早于纲要规定的年度报告（{weights.first_year}年起）")
    for marker in spec.report_markers:
        if marker.regex.search(head):
            score += marker.weight
            reasons.append(marker.label)
    for marker in spec.other_markers:  # over the whole text: found_in is faster than marker.regex
        if found_in(marker.pattern, text):
            score -= marker.weight
            reasons.append(marker.label)
    report_parts = parts_found & set(weights.report_parts)
    if report_parts:
        score += weights.per_report_part * min(len(report_parts), weights.max_report_parts)
        reasons.append(f"有{len(report_parts)}个年度报告的法定部分")
    if outline.addressee and weights.people_addressed and compiled(weights.people_addressed).search(outline.addressee):
        score -= weights.people_addressed_weight
        reasons.append("致个人的公开信或倡议")
    elif outline.addressee:
        score += weights.addressee
        reasons.append("有主送机关")
    if _opens_with_part(outline, weights.report_parts):
        score += weights.opens_with_part
        reasons.append("以年度报告的法定部分开篇")
        first = outline.sentences[0]
        # (against a year inferred from the body, not against none or a plenum's: a review of the 纲要's years opens so too)
        dated = year is not None and year_inferred_from != FROM_PLENUM
        if dated and weights.statutory_heading is not None and compiled(weights.statutory_heading).search(
                outline.text[first.start:first.end]):
            score += weights.opens_in_statutory_words
            reasons.append("开篇标题用督察规定的原话")
    if year is None:
        score -= weights.no_year
        reasons.append("未写明所报告的年度")
    elif year_inferred_from:
        # The plenum says when the text was written, not that it tells of one year's work: as good as no year.
        score -= weights.no_year if year_inferred_from == FROM_PLENUM else weights.year_inferred
        reasons.append(f"未写明所报告的年度，按{year_inferred_from}推断")
    if not compiled(weights.topic).search(f"{outline.title or ''}\n{head}"):
        score -= weights.off_topic
        reasons.append("开头未提及法治政府建设或依法行政")
    elif _titled_off_topic(outline.title, spec):
        score -= weights.off_topic_title
        reasons.append("标题所写的报告不是法治政府建设方面的")
    kind = "annual_report" if score >= weights.threshold else "not_annual_report"
    return kind, reasons


def _titled_off_topic(title: Optional[str], spec: DocumentSpec) -> bool:
    """Does the title name a report on another topic (霁州市律师行业发展报告) than the rule of law?"""
    weights = spec.kind
    if not title or weights.report_word is None or weights.title_topic is None:
        return False
    # (the genre word is the title's own, not a name's; the topic may be a name's: 贯彻落实《法治政府建设实施纲要…》情况)
    return (compiled(weights.report_word).search(_without_names(title, spec)) is not None
            and compiled(weights.title_topic).search(title) is None)


def _opens_with_part(outline: Outline, report_parts: list[str]) -> bool:
    """Does the text, without a title, start at the heading of one of the report's statutory parts?"""
    if outline.title or not outline.sentences or not outline.sentences[0].heading:
        return False
    section = outline.sentences[0].section
    return section is not None and bool(section.own_parts & set(report_parts))


def unfinished_ending(outline: Outline, spec: DocumentSpec) -> Optional[str]:
    """The last sentence, when the text stops in the middle of it (a web excerpt, a cut-off copy)."""
    body = [s for s in outline.sentences if not s.heading]
    if not body:
        return None
    last = outline.text[body[-1].start:body[-1].end].strip()
    if not last or spec.outline.regex("finished").search(last):
        return None
    return outline.excerpt(body[-1].start, body[-1].end).strip()
