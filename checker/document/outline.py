"""Recover a report's outline: title, addressee, numbered parts, closing date.

Headings come in the styles of Chinese official writing, ranked from the top:
第一部分 > 一、 > （一） > 1. 1、 1． > （1） > ① > 一是…二是…; short unnumbered
lines that stand above a paragraph are headings too. Levels are nested by that
ranking, so a document that skips a level still nests correctly. Numbers that
run on inside a paragraph (…。二是…, …。2.…) start sub-sections as well, because
pages copied from the web often lose their line breaks.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import takewhile
from typing import Iterator, Optional

from checker.document.chrome import is_content, strip_chrome
from checker.document.conventions import ChromeConventions, DocumentSpec, OutlineConventions, needles
from checker.document.ingest.layout import TOC_ENTRY
from checker.document.ingest.source import Source
from checker.document.script import ScriptFolder, folder_for
from checker.document.textnorm import CJK, normalize, split_sentences

_CJK_RE = re.compile(f"[{CJK}]")
_WORD_RE = re.compile(r"\w")


@dataclass
class Section:
    rank: float
    style: str
    marker: str
    heading: str  # as the report writes it, for showing
    line: int  # 1-based
    heading_span: tuple[int, int]
    folded: str  # the heading as matching reads it (half-width, Simplified, unified ideographs): ２０２３ → 2023
    parent: Optional["Section"] = None
    children: list["Section"] = field(default_factory=list)
    own_parts: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    chars: int = 0  # body characters of this section alone
    contents: bool = False  # an entry of a table of contents (…存在的不足和原因……5): it names a part whose text is later

    def path(self, limit: int = 24) -> str:
        names, node = [], self
        while node is not None:
            text = node.heading if len(node.heading) <= limit else node.heading[: limit - 1] + "…"
            names.append(f"{node.marker}{text}")
            node = node.parent
        return " > ".join(reversed(names))

    def depth(self) -> int:
        """1 for a top-level section, 2 for one under it, …"""
        depth, node = 1, self.parent
        while node is not None:
            depth, node = depth + 1, node.parent
        return depth

    def subtree(self) -> list["Section"]:
        out = [self]
        for child in self.children:
            out.extend(child.subtree())
        return out

    def subtree_chars(self) -> int:
        return sum(node.chars + len(node.heading) for node in self.subtree())


@dataclass
class Sentence:
    start: int
    end: int
    line: int  # 1-based
    section: Optional[Section]
    heading: bool
    roles: frozenset[str] = frozenset()
    editor_note: bool = False  # in the paragraph of an editor's note over a reposted report (【编者按】…): not its prose


def earlier_in_paragraph(sentences: list[Sentence], i: int) -> Iterator[int]:
    """The sentences before sentence `i` on its line (its paragraph), nearest first."""
    line = sentences[i].line
    return takewhile(lambda k: sentences[k].line == line, range(i - 1, -1, -1))


def opens_paragraph(sentences: list[Sentence], i: int) -> bool:
    """Is sentence `i` the first on its line (its paragraph)?"""
    return next(earlier_in_paragraph(sentences, i), None) is None


@dataclass
class Outline:
    text: str  # the whole document, half-width, lines joined by "\n"
    raw: str  # the same, as written
    line_starts: list[int]
    title: Optional[str] = None
    title_line: Optional[int] = None
    subtitle: Optional[str] = None
    addressee: Optional[str] = None
    closing_date: Optional[str] = None
    signature: Optional[str] = None
    published: Optional[str] = None
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    body_lines: list[int] = field(default_factory=list)  # 0-based, in reading order
    pages: list[Optional[int]] = field(default_factory=list)  # per line, where the format has pages
    recognised: list[bool] = field(default_factory=list)  # per line: text recognised from an image (OCR)
    # Per line, where a reader joined a wrapped paragraph: the file line it starts on and where in it the
    # following file lines began (SourceLine.number, .breaks); empty when every line is a line of the file.
    file_lines: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)

    @cached_property
    def body_text(self) -> str:
        """Title and body, without page chrome or the closing, half-width."""
        lines = self.text.split("\n")
        kept = [self.title or ""] + [lines[i] for i in self.body_lines]
        return "\n".join(kept)

    @cached_property
    def filled_through(self) -> list[int]:
        """Per line, how many lines up to it (itself included) have text: paragraphs as a reader counts them."""
        counts, total = [], 0
        for line in self.text.split("\n"):
            total += bool(line.strip())
            counts.append(total)
        return counts

    def excerpt(self, start: int, end: int) -> str:
        return self.raw[start:end]

    def file_line(self, line: int, at: Optional[int] = None) -> int:
        """The line of the file an editor shows for `line` (1-based), at the text offset `at` if given: they differ
        where a wrapped paragraph's lines were joined into one."""
        if not self.file_lines:
            return line
        first, breaks = self.file_lines[line - 1]
        return first + (bisect_right(breaks, at - self.line_starts[line - 1]) if at is not None else 0)

    @property
    def body_chars(self) -> int:
        return sum(s.end - s.start for s in self.sentences if not s.heading)


@dataclass
class _Block:
    line: int  # 0-based
    start: int
    end: int
    hint: Optional[int] = None


def parse(source: Source, spec: DocumentSpec) -> Outline:
    """The outline of `source`, read by the writing conventions in `spec`."""
    return _Parser(spec.outline, spec.chrome, folder_for(spec)).parse(source)


class _Parser:
    def __init__(self, conventions: OutlineConventions, chrome: ChromeConventions, folder: ScriptFolder):
        self.c = conventions
        self.chrome = chrome
        self.folder = folder
        self.numbering = [(n.style, n.rank, n.regex) for n in conventions.numbering]
        self.first_chars = frozenset(conventions.numbering_first_chars)
        self.debris = conventions.regex("debris")
        self.debris_needles = needles(conventions.debris)  # None: the pattern is run on every line
        self.full_stop = conventions.regex("ascii_full_stop") if conventions.ascii_full_stop else None
        self.title_stop = conventions.regex("title_full_stop") if conventions.title_full_stop else None

    def parse(self, source: Source) -> Outline:
        raw_lines = self._without_stamps([self._without_debris(line.text) for line in source.lines])
        # Matching runs on a copy of the same length: half-width, Simplified, unified ideographs.
        norm_lines = [self._stops_read(self.folder.fold(normalize(text))) for text in raw_lines]
        raw, text = "\n".join(raw_lines), "\n".join(norm_lines)
        starts, offset = [], 0
        for line in norm_lines:
            starts.append(offset)
            offset += len(line) + 1
        outline = Outline(text=text, raw=raw, line_starts=starts, pages=[line.page for line in source.lines],
                          recognised=[line.recognised for line in source.lines],
                          file_lines=[(line.number or k, line.breaks) for k, line in enumerate(source.lines, start=1)]
                          if any(line.breaks for line in source.lines) else [])
        chrome = strip_chrome(norm_lines, self.chrome)
        outline.published = source.published or chrome.published
        kept = [i for i, line in enumerate(norm_lines) if chrome.kept[i] and line.strip()]
        body, title_cut = self._front_matter(outline, norm_lines, kept, source)
        body = self._closing(outline, norm_lines, body)
        outline.body_lines = body
        blocks = self._blocks(outline, norm_lines, body, source, title_cut)
        self._build(outline, blocks, norm_lines)
        return outline

    def _stops_read(self, line: str) -> str:
        """`line` with its half-width full stops that end sentences read as 。 (one character for one). A line
        that ends its sentences on 。 uses a dot for something else (a name's: 买买提.吐尔逊), but not after a title."""
        if "." not in line:
            return line
        if "。" in line:
            return self.title_stop.sub("。", line) if self.title_stop is not None else line
        return self.full_stop.sub("。", line) if self.full_stop is not None else line

    def _without_debris(self, line: str) -> str:
        """`line` without a copy site's debris, looked for only where one of its needles stands, and closed up
        if it is spaced out a character at a time."""
        if self.debris_needles is None or any(needle in line for needle in self.debris_needles):
            line = self.debris.sub("", line)
        return self._closed_up(line) if " " in line else line

    def _without_stamps(self, lines: list[str]) -> list[str]:
        """`lines` without a copy site's stamp (全网资源每日更新www.….com): a web address with the words in front
        of it that all its showings share, where it stands ahead of the text on the first line or is shown twice or
        more (mid-sentence too: …第一<stamp>责任人…). Only the sites shown most are stamps: a copy site stamps its own."""
        if self.c.web_address is None:
            return lines
        address, longest = self.c.regex("web_address"), self.c.stamp_max_chars
        first = next((n for n, line in enumerate(lines) if line.strip()), None)
        # Each site's showings: the words before each (no more than a stamp's), the address as written (a page's
        # number glued after it may run into its path: …/p/8a9b7c2022年; all showings share the address itself),
        # and whether it stands ahead of the text on the first line.
        showings: dict[str, list[tuple[str, str, bool]]] = {}
        for n, line in enumerate(lines):
            if "." in line:
                for found in address.finditer(line):
                    at = found.start()
                    showings.setdefault(_SITE.match(found.group()).group(1), []).append(
                        (line[max(0, at - longest):at], found.group(), n == first and at <= longest))
        stamps = []
        for shown in sorted(showings.values(), key=len, reverse=True)[:self.c.stamp_max_sites]:
            found = os.path.commonprefix([address for _, address, _ in shown])
            if len(shown) > 1:
                stamps.append(_shared_end([before for before, _, _ in shown]) + found)
            elif shown[0][2]:
                stamps.append(shown[0][0] + found)
        if not stamps:
            return lines
        stamp = re.compile("|".join(re.escape(s) for s in sorted(set(stamps), key=len, reverse=True)))
        return [stamp.sub("", line) if "." in line else line for line in lines]

    def _closed_up(self, line: str) -> str:
        """A line spaced out a character at a time (法 治 政 府) without those spaces; as it is otherwise."""
        if self.c.letter_spaced is None:
            return line
        gaps = Counter(self.c.regex("letter_spaced").findall(line))  # the spaces between two characters
        gap, spaced = gaps.most_common(1)[0] if gaps else ("", 0)
        if spaced < self.c.letter_spaced_min or spaced <= len(_CJK_PAIR.findall(line)):
            return line
        return _WIDE_GAP.sub(" ", re.sub(f"(?<=\\S){gap}(?=\\S)", "", line))

    # ----------------------------------------------------------------------- front and back

    def _front_matter(
        self, outline: Outline, lines: list[str], kept: list[int], source: Source
    ) -> tuple[list[int], Optional[tuple[int, int]]]:
        """Take title, subtitle and addressee off the top.

        Returns the remaining lines and, when the title runs straight into the
        first paragraph (a page that lost its line breaks), where on that line the
        body starts.
        """
        c = self.c
        body_start = next((pos for pos, i in enumerate(kept) if self._starts_body(lines[i])), len(kept))
        front, rest = kept[:body_start], kept[body_start:]
        opening = " ".join(lines[i] for i in rest[:2])
        chosen, chosen_text = self._choose_title(lines, front, opening)
        leftover: list[int] = []
        pos = 0
        while pos < len(front):
            i, line = front[pos], lines[front[pos]].strip()
            if chosen is not None and pos < chosen and _repeats_title(line, chosen_text):
                pass  # the page's headline over the document's own title
            elif pos == chosen:
                title = c.regex("tag").sub("", line)
                following = lines[front[pos + 1]].strip() if pos + 1 < len(front) else ""
                joined = 1
                while joined < c.title_max_lines and self._two_line_title(title, following):  # (a letterhead, the title…)
                    title, pos, joined = title + following, pos + 1, joined + 1
                    following = lines[front[pos + 1]].strip() if pos + 1 < len(front) else ""
                outline.title, outline.title_line = title, i + 1
            elif outline.title is not None and outline.subtitle is None and c.regex("subtitle").match(line):
                outline.subtitle = line
            elif outline.title is not None and _repeats_title(line, outline.title):
                pass  # a page that shows its title twice, the second time split after the issuer
            else:
                leftover.append(i)
            pos += 1
        title_cut = None
        if outline.title is None and source.title_hint:
            outline.title = source.title_hint
        if outline.title is None:
            outline.title = self._noted_title(lines, front)
        if outline.title is None and rest:
            glued = c.regex("glued_title").match(lines[rest[0]].strip())
            if glued:
                column = lines[rest[0]].index(glued.group(1)) + len(glued.group(1))
                title = c.regex("tag").sub("", glued.group(1))  # 【法治建设报告】 over a page's title is its column's name
                outline.title, outline.title_line, title_cut = title, rest[0] + 1, (rest[0], column)
        remaining = leftover + rest
        for pos, i in enumerate(remaining[: c.addressee_lines]):
            line = lines[i].strip()
            if c.regex("addressee").match(line) and c.regex("addressee_words").search(line):
                outline.addressee = line.rstrip(":").strip()
                return remaining[:pos] + remaining[pos + 1:], title_cut
        return remaining, title_cut

    def _noted_title(self, lines: list[str], front: list[int]) -> Optional[str]:
        """The report's title as an editor's note over it names it (按:…现将《青山区城市管理局2022年度法治政府建设情况报告》
        全文刊发), when the page shows no title of its own."""
        if self.c.editor_note is None:
            return None
        for i in front:
            line = lines[i].strip()
            if self._editor_note(line):
                # (a report's or a summary's whole title, not the notice the note says it follows: 根据《…关于做好…年度报告
                # 报送和公开工作的通知》要求，现将…予以公开)
                words, whole = self.c.regex("title_words"), self.c.regex("title_whole")
                named = [title for title in _NAMED.findall(line)
                         if self._title_like(title) and len(words.findall(title)) >= self.c.noted_title_min_words
                         and whole.search(title)]
                if named:
                    return named[0]
        return None

    def _two_line_title(self, line: str, following: str) -> bool:
        """An issuer on one line and 关于… on the next are one title; not when the next repeats the issuer
        (青山县人民政府 over 青山县人民政府关于…的报告: a letterhead over the whole title). So are a title and its
        genre words left alone on the next line (…示范区 / 自查报告), a title cut inside the name it cites
        (…关于印发《…管理局 / 2018年度…报告》的通知) or inside the other names of the body in brackets (…住房和城乡建设局
        （…人民防空办公室、…城市管理 / 综合行政执法支队）2022年度…工作情况), a first half naming the body and its year and no genre
        (…2023年度结对帮扶石门镇 / 推进法治政府建设工作情况报告), and a title opened and not yet closed by its genre, whatever
        that genre is (…关于…示范项目 / 2023年度运行情况的报告; …关于2019年度…考试 / 和…考试情况的通报)."""
        c = self.c
        if TOC_ENTRY.search(line):  # (a table of contents' entry is whole, its page number closing it)
            return False
        if (_left_open(line, "《", "》") and "》" in following) or (
                _left_open(line, "(", ")") and ")" in following and self._title_like(following)):
            return True  # a title cut inside the name it cites, or inside a body's other names (…局(…、…城市管理 / 支队)…)
        if c.title_tail is not None and c.regex("title_tail").match(following):
            return (c.title_whole is None or not c.regex("title_whole").search(line)
                    or (c.title_explained is not None and c.regex("title_explained").search(following) is not None))
        if (c.title_first_half is not None and c.title_whole is not None and c.regex("title_first_half").match(line)
                and not c.regex("title_whole").search(line) and c.regex("title_whole").search(following)
                and c.regex("title_continues").match(following)):
            return True
        if (c.title_opened is not None and c.title_closed is not None
                and c.regex("title_opened").search(line) and not c.regex("title_closed").search(line)
                and c.regex("title_closed").search(following) and self._title_like(following)):
            return True
        issuer = c.regex("organisation_end").search(line)
        return bool(issuer and c.regex("title_continues").match(following)
                    and not _names_again(line[:issuer.start()], following))

    def _editor_note(self, paragraph: str) -> bool:
        """Does `paragraph` open an editor's note over a reposted report (【编者按】…, 按:…)?"""
        return self.c.editor_note is not None and self.c.regex("editor_note").match(paragraph.lstrip()) is not None

    def _starts_body(self, line: str) -> bool:
        """A numbered line, prose, the addressee, or a sentence (front matter has no sentence stops); not an editor's
        note over a reposted report, whose own title may follow."""
        stripped = line.strip()
        if self._editor_note(stripped):
            return False
        if TOC_ENTRY.search(stripped) is not None:  # a table of contents before the title: its entries are numbered
            return False
        return bool(
            self._marker(stripped) or is_content(line, self.chrome) or self.c.regex("addressee").match(stripped)
            or self.c.regex("sentence_stop").search(stripped)
        )

    def _choose_title(self, lines: list[str], front: list[int], opening: str = "") -> tuple[Optional[int], str]:
        """Position in `front` of the title, and its text: the title-like line that most sounds like one.

        Usually the first line; but a page printed to PDF can keep a menu row the
        chrome filter no longer recognises, so words like 报告 and a year decide. A page
        whose headline repeats the title with other figures (县 2022 年…总结 over
        县2019年…总结) holds the document's own title nearest its body: the last of them,
        unless only an earlier one's year is the year the `opening` lines report on (2023年，…;
        现将2023年度…报告如下).
        """
        texts: dict[int, str] = {}
        pos = 0
        while pos < len(front):
            line = lines[front[pos]].strip()
            following = lines[front[pos + 1]].strip() if pos + 1 < len(front) else ""
            if self._title_like(line):
                texts[pos] = line + following if self._two_line_title(line, following) else line
                pos += 1 if texts[pos] == line else 2
            else:
                pos += 1
        if not texts:
            return None, ""
        words, letterhead = self.c.regex("title_words"), self.c.regex("organisation_end")
        # of lines as like a title, a body's name (青山市中级人民法院 over 司法建议书) is its letterhead, not the title
        best = max(texts, key=lambda p: (len(words.findall(texts[p])), not letterhead.search(texts[p]), -p))
        words_only, figures = _title_words_only(texts[best]), _FIGURES.findall(texts[best])
        copies = [best] + [p for p in texts if p > best and _title_words_only(texts[p]) == words_only
                           and _FIGURES.findall(texts[p]) != figures]
        if len(copies) > 1:
            stated = self.c.regex("opening_report_year").search(opening) if self.c.opening_report_year else None
            agreeing = [p for p in copies if stated and _FIGURES.findall(texts[p])[:1] == [stated.group(1)]]
            best = (agreeing or copies)[-1]
        return best, texts[best]

    def _title_like(self, line: str) -> bool:
        c = self.c
        if (len(line) > c.title_max_chars or "。" in line or c.regex("date_line").match(line) or self._marker(line)
                or TOC_ENTRY.search(line) is not None
                or c.regex("title_not").search(line)):
            return False
        return len(_CJK_RE.findall(line)) >= c.title_min_cjk and not c.regex("addressee").match(line)

    def _closing(self, outline: Outline, lines: list[str], body: list[int]) -> list[int]:
        """Take the signature and the date off the end."""
        c = self.c
        end = len(body)
        while end > 0:
            line = lines[body[end - 1]].strip()
            if c.regex("date_line").match(line):
                outline.closing_date = outline.closing_date or re.sub(r"\s+", "", line)
            elif (
                len(line) <= c.signature_max_chars
                and c.regex("organisation_end").search(line)
                and not c.regex("signature_not").search(line)
                and end < len(body)
            ):
                outline.signature = outline.signature or line
            elif c.regex("copy_note").fullmatch(line):
                pass
            else:
                break
            end -= 1
        return body[:end]

    # ----------------------------------------------------------------------- blocks and headings

    def _blocks(
        self, outline: Outline, lines: list[str], body: list[int], source: Source, cut: Optional[tuple[int, int]]
    ) -> list[_Block]:
        blocks: list[_Block] = []
        split = self.c.regex("inline_split")
        for i in body:
            line, offset = lines[i], outline.line_starts[i]
            begin = cut[1] if cut and cut[0] == i else 0
            points = [begin, *(m.start() for m in split.finditer(line, begin)), len(line)]
            hint = source.lines[i].heading_level if i < len(source.lines) else None
            for a, b in zip(points, points[1:], strict=False):
                piece = line[a:b]
                kept = piece.lstrip()
                if kept:
                    a += len(piece) - len(kept)
                    blocks.append(_Block(i, offset + a, offset + b, hint if a == begin else None))
        return blocks

    def _marker(self, text: str) -> Optional[tuple[str, float, int]]:
        if not text or text[0] not in self.first_chars:
            return None
        for style, rank, pattern in self.numbering:
            match = pattern.match(text)
            if match and match.end() < len(text):
                return style, rank, match.end()
        return None

    def _names_no_topic(self, text: str, style: str, begin: int) -> bool:
        """Is this a run-in item (一是…，…) that opens on its means or its ground, naming no topic?"""
        c = self.c
        return style in c.run_in_styles and c.run_in_not_topic is not None and bool(
            c.regex("run_in_not_topic").match(text, begin))

    def _heading_end(self, text: str, begin: int, style: str) -> tuple[int, int]:
        """(end of heading, start of body) for a block whose heading, numbered in `style`, starts at `begin`."""
        c = self.c
        stop = c.regex("sentence_stop").search(text, begin)
        if style in c.run_in_styles:
            clause = c.regex("clause_stop").search(text, begin, stop.start() if stop else len(text))
            if clause and clause.start() - begin <= c.clause_max_chars:
                return clause.start(), clause.end()
        if stop and stop.start() - begin <= c.heading_max_chars:
            return stop.start(), stop.end()
        if not stop and len(text) - begin <= c.heading_max_chars:
            return len(text), len(text)
        clause = c.regex("clause_stop").search(text, begin, begin + c.clause_max_chars + 1)
        end = clause.start() if clause else begin + c.clause_max_chars // 2
        return end, end

    def _unnumbered_heading(self, lines: list[str], block: _Block, next_block: Optional[_Block], text: str) -> bool:
        c = self.c
        line = text.strip()
        if block.hint is not None:
            return True
        too_long = len(line) > c.unnumbered_max_chars or len(_CJK_RE.findall(line)) < c.heading_min_cjk
        if too_long or c.regex("unnumbered_not_after").search(line):
            return False
        if line.startswith("(") and line.endswith(")"):
            return False
        if c.regex("date_line").match(line) or next_block is None or next_block.line == block.line:
            return False
        following = lines[next_block.line].strip()
        # Above a paragraph, a numbered heading, or another heading line (一级 over 二级).
        return (
            len(following) > len(line) + c.paragraph_longer_by
            or self._marker(following) is not None
            or (len(following) <= c.unnumbered_max_chars and not c.regex("sentence_stop").search(following))
        )

    def _build(self, outline: Outline, blocks: list[_Block], lines: list[str]) -> None:
        c = self.c
        texts = [outline.text[b.start:b.end] for b in blocks]
        markers = [self._marker(text) for text in texts]
        has_top = any(m and m[1] <= c.top_rank for m in markers)
        stack: list[Section] = []
        current: Optional[Section] = None
        for index, (block, text, found) in enumerate(zip(blocks, texts, markers, strict=True)):
            nxt = blocks[index + 1] if index + 1 < len(blocks) else None
            if _above_title(outline, block) and TOC_ENTRY.search(text) is None:
                continue  # the page's, kept in the body's text for its genre words but no sentence of the report
                # (not a table of contents the report opens on before its title: its entries name the parts it has)
            if found and self._names_no_topic(text, found[0], found[2]):
                _add_body(outline, current, block.start, block.end, block.line)
                continue
            leaders = TOC_ENTRY.search(text)
            contents = leaders is not None
            if not contents and stack and stack[-1].contents:  # past a table of contents: its entries hold nothing
                stack, current = [], None
            if found:
                style, rank, begin = found
                if block.hint is not None:
                    rank = min(rank, block.hint)
            elif self._unnumbered_heading(lines, block, nxt, text):
                style, begin = "plain", 0
                unnumbered = c.unnumbered_rank_sub if has_top else c.unnumbered_rank_top
                rank = float(block.hint) if block.hint is not None else unnumbered
            else:
                _add_body(outline, current, block.start, block.end, block.line, self._editor_note(text))
                continue
            head_end, body_start = self._heading_end(text, begin, style)
            if leaders is not None:  # the entry's words, not the dots out to its page number
                head_end = body_start = min(head_end, leaders.start())
            if not _WORD_RE.search(text, begin, head_end):  # a bare number is not a heading
                _add_body(outline, current, block.start, block.end, block.line)
                continue
            section = Section(
                rank=rank,
                style=style,
                marker=outline.raw[block.start:block.start + begin].strip(),
                heading=outline.raw[block.start + begin:block.start + head_end].strip(),
                line=block.line + 1,
                heading_span=(block.start + begin, block.start + head_end),
                folded=text[begin:head_end].strip(),
                contents=contents,
            )
            while stack and stack[-1].rank >= rank:
                stack.pop()
            section.parent = stack[-1] if stack else None
            if section.parent:
                section.parent.children.append(section)
            stack.append(section)
            outline.sections.append(section)
            current = None if contents else section  # (the text after a table of contents is the opening's)
            outline.sentences.append(Sentence(block.start + begin, block.start + head_end, block.line + 1, section, True))
            if body_start < len(text):
                _add_body(outline, current, block.start + body_start, block.end, block.line)


_FIGURES = re.compile(r"\d+")  # the figures two copies of a title may differ in (a year, a number)
_NAMED = re.compile(r"《([^《》]+)》")  # a document named in a sentence
_CJK_PAIR = re.compile(f"[{CJK}](?=[{CJK}])")  # two characters standing together, as unspaced text has them
_WIDE_GAP = re.compile(r" {2,}")


def _above_title(outline: Outline, block: _Block) -> bool:
    """A line above the report's title is the page's (长者模式, 详细内容, a column's name), not the report's; one a
    Word style marks as a heading is the document's own."""
    return block.hint is None and outline.title_line is not None and block.line < outline.title_line - 1


def _title_words_only(text: str) -> str:
    """A title without its spaces and figures: two copies of one title that differ only in those are one."""
    return re.sub(r"[\s\d]+", "", text)


def _names_again(place: str, following: str) -> bool:
    """Does `following` open on the place a letterhead names (青山县 of 青山县人民政府), whole or by its last part
    (青柳区 of 霁州市青柳区): then it is a title of its own, no second half of the letterhead's."""
    return any(following.startswith(place[k:]) for k in range(max(0, len(place) - 1)))


def _repeats_title(line: str, title: str) -> bool:
    """Is `line` the title, or a piece of it, again (spaces and figures aside)?"""
    piece = _title_words_only(line)
    return bool(piece) and piece in _title_words_only(title)


_SITE = re.compile(r"(?:https?://)?([^/]+)")  # a web address's site: what comes before its path


def _shared_end(texts: list[str]) -> str:
    """The longest text every one of `texts` ends with."""
    return os.path.commonprefix([text[::-1] for text in texts])[::-1]


def _add_body(outline: Outline, section: Optional[Section], start: int, end: int, line: int,
              editor_note: bool = False) -> None:
    for a, b in split_sentences(outline.text, start, end):
        outline.sentences.append(Sentence(a, b, line + 1, section, False, editor_note=editor_note))
    if section is not None:
        section.chars += end - start


def _left_open(line: str, opening: str, closing: str) -> bool:
    """Does `line` leave a bracket open (more `opening` than `closing` marks)? (Lines are read with half-width
    brackets.)"""
    return line.count(opening) > line.count(closing)
