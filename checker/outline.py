"""Recover a report's outline: title, addressee, numbered parts, closing date.

Headings come in the styles of Chinese official writing, ranked from the top:
第一部分 > 一、 > （一） > 1. 1、 1． > （1） > ① > 一是…二是…; short unnumbered
lines that stand above a paragraph are headings too. Levels are nested by that
ranking, so a document that skips a level still nests correctly. Numbers that
run on inside a paragraph (…。二是…, …。2.…) start sub-sections as well, because
pages copied from the web often lose their line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from .chrome import is_content, strip_chrome
from .ingest.source import Source
from .textnorm import CJK, normalize, split_sentences

CN = "一二三四五六七八九十"
# (style, rank, pattern); patterns run on the half-width copy of the text.
MARKERS: list[tuple[str, float, re.Pattern[str]]] = [
    ("part", 0, re.compile(rf"第[{CN}]{{1,3}}部分\s*[、.:,]?\s*")),
    ("cn", 1, re.compile(rf"[{CN}]{{1,3}}\s*[、.](?![{CN}]\s*[、.])\s*")),
    ("cn_paren", 2, re.compile(rf"\(\s*[{CN}]{{1,3}}\s*\)\s*[、.]?\s*")),
    ("cn_paren", 2, re.compile(rf"[{CN}]{{1,3}}\)\s*")),
    ("num", 3, re.compile(r"\d{1,2}\s*[.、](?!\d)\s*")),
    ("num_paren", 4, re.compile(r"\(\s*\d{1,2}\s*\)\s*")),
    ("circled", 5, re.compile(r"[\u2460-\u2473]\s*")),
    ("enum", 6, re.compile(rf"(?:[{CN}]{{1,3}}是|第[{CN}]{{1,3}}[,、])\s*")),
]
UNNUMBERED_TOP, UNNUMBERED_SUB = 1.0, 1.5
# Where a paragraph that lost its line breaks starts a new numbered item: after
# a sentence ends, or after a wide space before a 一、 or (一) heading.
_INLINE_SPLIT = re.compile(
    rf"(?<=[。;:!?])\s*(?=(?:[{CN}]{{1,3}}是|[{CN}]{{1,3}}、|\d{{1,2}}[.、](?!\d)|\(\s*[{CN}\d]{{1,3}}\s*\)|[\u2460-\u2473]))"
    rf"|(?<=\S)\s+(?=[{CN}]{{1,3}}、|\(\s*[{CN}]{{1,3}}\s*\))"
)
_SENTENCE_STOP = re.compile(r"[。!?;]")
_CLAUSE_STOP = re.compile(r"[,:]")
_HEADING_MAX = 60
_CLAUSE_MAX = 60
_DATE_LINE = re.compile(
    r"^\s*(?:(?:19|20)\d{2}|[一二][〇○零O一二三四五六七八九]{3})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?\s*$"
)
_ORG_END = re.compile(r"(?:人民政府|政府|办事处|街道|委员会|[局厅部委办署]|党委|党工委)$")
_ADDRESSEE = re.compile(r"^(?!.*(?:如下|现将|报告))[^。;!?]{2,80}:\s*$")
_ADDRESSEE_WORDS = re.compile(r"政府|委|常委会|局|厅|部|办|单位|党组|各")
_SUBTITLE = re.compile(r"^\s*\([^()]{4,60}\)\s*$")
_TAG = re.compile(r"^\s*【[^】]{1,12}】\s*")
_GLUED_TITLE = re.compile(r"^(.{4,60}?报告)(?=\s*(?:(?:19|20)\d{2}\s*年|按照|根据|现将|为))")
_CJK_RE = re.compile(f"[{CJK}]")


@dataclass
class Section:
    rank: float
    style: str
    marker: str
    heading: str
    line: int  # 1-based
    heading_span: tuple[int, int]
    parent: Optional["Section"] = None
    children: list["Section"] = field(default_factory=list)
    own_parts: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    chars: int = 0  # body characters of this section alone

    def path(self, limit: int = 24) -> str:
        names, node = [], self
        while node is not None:
            text = node.heading if len(node.heading) <= limit else node.heading[: limit - 1] + "…"
            names.append(f"{node.marker}{text}")
            node = node.parent
        return " > ".join(reversed(names))

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
    pages: list[Optional[int]] = field(default_factory=list)

    @cached_property
    def body_text(self) -> str:
        """Title and body, without page chrome or the closing, half-width."""
        lines = self.text.split("\n")
        kept = [self.title or ""] + [lines[i] for i in self.body_lines]
        return "\n".join(kept)

    def excerpt(self, start: int, end: int) -> str:
        return self.raw[start:end]

    @property
    def body_chars(self) -> int:
        return sum(s.end - s.start for s in self.sentences if not s.heading)


@dataclass
class _Block:
    line: int  # 0-based
    start: int
    end: int
    hint: Optional[int] = None


def parse(source: Source) -> Outline:
    raw_lines = [line.text for line in source.lines]
    norm_lines = [normalize(text) for text in raw_lines]
    raw, text = "\n".join(raw_lines), "\n".join(norm_lines)
    starts, offset = [], 0
    for line in norm_lines:
        starts.append(offset)
        offset += len(line) + 1
    outline = Outline(text=text, raw=raw, line_starts=starts, pages=[line.page for line in source.lines])
    chrome = strip_chrome(norm_lines)
    outline.published = source.published or chrome.published
    kept = [i for i, line in enumerate(norm_lines) if chrome.kept[i] and line.strip()]
    body, title_cut = _front_matter(outline, norm_lines, kept, source)
    body = _closing(outline, norm_lines, body)
    outline.body_lines = body
    blocks = _blocks(outline, norm_lines, body, source, title_cut)
    _build(outline, blocks, norm_lines)
    return outline


# --------------------------------------------------------------------------- front and back


def _front_matter(
    outline: Outline, lines: list[str], kept: list[int], source: Source
) -> tuple[list[int], Optional[tuple[int, int]]]:
    """Take title, subtitle and addressee off the top.

    Returns the remaining lines and, when the title runs straight into the
    first paragraph (a page that lost its line breaks), where on that line the
    body starts.
    """
    body_start = next(
        (pos for pos, i in enumerate(kept) if _starts_body(lines[i])),
        len(kept),
    )
    front, rest = kept[:body_start], kept[body_start:]
    chosen = _choose_title(lines, front)
    leftover: list[int] = []
    pos = 0
    while pos < len(front):
        i, line = front[pos], lines[front[pos]].strip()
        if pos == chosen:
            title = _TAG.sub("", line)
            following = lines[front[pos + 1]].strip() if pos + 1 < len(front) else ""
            if _ORG_END.search(title) and following.startswith("关于"):
                title, pos = title + following, pos + 1
            outline.title, outline.title_line = title, i + 1
        elif outline.title is not None and outline.subtitle is None and _SUBTITLE.match(line):
            outline.subtitle = line
        else:
            leftover.append(i)
        pos += 1
    title_cut = None
    if outline.title is None and source.title_hint:
        outline.title = source.title_hint
    if outline.title is None and rest:
        glued = _GLUED_TITLE.match(lines[rest[0]].strip())
        if glued:
            column = lines[rest[0]].index(glued.group(1)) + len(glued.group(1))
            outline.title, outline.title_line, title_cut = glued.group(1), rest[0] + 1, (rest[0], column)
    remaining = leftover + rest
    for pos, i in enumerate(remaining[:3]):
        line = lines[i].strip()
        if _ADDRESSEE.match(line) and _ADDRESSEE_WORDS.search(line):
            outline.addressee = line.rstrip(":").strip()
            return remaining[:pos] + remaining[pos + 1:], title_cut
    return remaining, title_cut


def _starts_body(line: str) -> bool:
    stripped = line.strip()
    return bool(_marker(stripped) or is_content(line) or _ADDRESSEE.match(stripped))


_TITLE_WORDS = re.compile(r"报告|法治|政府|情况|关于|年度|(?:19|20)\d{2}\s*年")


def _choose_title(lines: list[str], front: list[int]) -> Optional[int]:
    """Position in `front` of the title: the title-like line that most sounds like one.

    Usually the first line; but a page printed to PDF can keep a menu row the
    chrome filter no longer recognises, so words like 报告 and a year decide.
    """
    texts: dict[int, str] = {}
    pos = 0
    while pos < len(front):
        line = lines[front[pos]].strip()
        following = lines[front[pos + 1]].strip() if pos + 1 < len(front) else ""
        if _title_like(line):
            # An issuer on one line and 关于… on the next are one title.
            texts[pos] = line + following if _ORG_END.search(line) and following.startswith("关于") else line
            pos += 1 if texts[pos] == line else 2
        else:
            pos += 1
    if not texts:
        return None
    return max(texts, key=lambda p: (len(_TITLE_WORDS.findall(texts[p])), -p))


def _title_like(line: str) -> bool:
    if len(line) > 80 or "。" in line or _DATE_LINE.match(line) or _marker(line):
        return False
    return len(_CJK_RE.findall(line)) >= 4 and not _ADDRESSEE.match(line)


def _closing(outline: Outline, lines: list[str], body: list[int]) -> list[int]:
    """Take the signature and the date off the end."""
    end = len(body)
    while end > 0:
        line = lines[body[end - 1]].strip()
        if _DATE_LINE.match(line):
            outline.closing_date = outline.closing_date or re.sub(r"\s+", "", line)
        elif len(line) <= 30 and _ORG_END.search(line) and not re.search(r"[。,;:]", line) and end < len(body):
            outline.signature = outline.signature or line
        elif re.fullmatch(r"\(此件[^)]*\)", line):
            pass
        else:
            break
        end -= 1
    return body[:end]


# --------------------------------------------------------------------------- blocks and headings


def _blocks(
    outline: Outline, lines: list[str], body: list[int], source: Source, cut: Optional[tuple[int, int]]
) -> list[_Block]:
    blocks: list[_Block] = []
    for i in body:
        line = lines[i]
        begin = cut[1] if cut and cut[0] == i else 0
        points = [begin] + [m.start() for m in _INLINE_SPLIT.finditer(line, begin)] + [len(line)]
        hint = source.lines[i].heading_level if i < len(source.lines) else None
        for a, b in zip(points, points[1:], strict=False):
            a += len(line[a:b]) - len(line[a:b].lstrip())
            if line[a:b].strip():
                blocks.append(_Block(i, outline.line_starts[i] + a, outline.line_starts[i] + b, hint if a == begin else None))
    return blocks


# Every heading number starts with one of these; most paragraphs do not, and skip the patterns.
_MARKER_START = set("第一二三四五六七八九十(0123456789") | {chr(c) for c in range(0x2460, 0x2474)}


def _marker(text: str) -> Optional[tuple[str, float, int]]:
    if not text or text[0] not in _MARKER_START:
        return None
    for style, rank, pattern in MARKERS:
        match = pattern.match(text)
        if match and match.end() < len(text):
            return style, rank, match.end()
    return None


def _heading_end(text: str, begin: int) -> tuple[int, int]:
    """(end of heading, start of body) for a block whose heading starts at `begin`."""
    stop = _SENTENCE_STOP.search(text, begin)
    if stop and stop.start() - begin <= _HEADING_MAX:
        return stop.start(), stop.end()
    if not stop and len(text) - begin <= _HEADING_MAX:
        return len(text), len(text)
    clause = _CLAUSE_STOP.search(text, begin, begin + _CLAUSE_MAX + 1)
    end = clause.start() if clause else begin + _CLAUSE_MAX // 2
    return end, end


def _unnumbered_heading(lines: list[str], block: _Block, next_block: Optional[_Block], text: str) -> bool:
    line = text.strip()
    if block.hint is not None:
        return True
    if len(line) > 30 or len(_CJK_RE.findall(line)) < 4 or re.search(r"[。;!?,、:]$|[。;!?]", line):
        return False
    if line.startswith("(") and line.endswith(")"):
        return False
    if _DATE_LINE.match(line) or next_block is None or next_block.line == block.line:
        return False
    following = lines[next_block.line].strip()
    # Above a paragraph, a numbered heading, or another heading line (一级 over 二级).
    return (
        len(following) > len(line) + 10
        or _marker(following) is not None
        or (len(following) <= 30 and not re.search(r"[。;!?]", following))
    )


def _build(outline: Outline, blocks: list[_Block], lines: list[str]) -> None:
    has_top = any((m := _marker(outline.text[b.start:b.end])) and m[1] <= 1 for b in blocks)
    stack: list[Section] = []
    current: Optional[Section] = None
    for index, block in enumerate(blocks):
        text = outline.text[block.start:block.end]
        found = _marker(text)
        nxt = blocks[index + 1] if index + 1 < len(blocks) else None
        if found:
            style, rank, begin = found
            if block.hint is not None:
                rank = min(rank, block.hint)
        elif _unnumbered_heading(lines, block, nxt, text):
            style, begin = "plain", 0
            rank = float(block.hint) if block.hint is not None else (UNNUMBERED_SUB if has_top else UNNUMBERED_TOP)
        else:
            _add_body(outline, current, block.start, block.end, block.line)
            continue
        head_end, body_start = _heading_end(text, begin)
        if not re.search(r"\w", text[begin:head_end]):  # a bare number is not a heading
            _add_body(outline, current, block.start, block.end, block.line)
            continue
        section = Section(
            rank=rank,
            style=style,
            marker=outline.raw[block.start:block.start + begin].strip(),
            heading=outline.raw[block.start + begin:block.start + head_end].strip(),
            line=block.line + 1,
            heading_span=(block.start + begin, block.start + head_end),
        )
        while stack and stack[-1].rank >= rank:
            stack.pop()
        section.parent = stack[-1] if stack else None
        if section.parent:
            section.parent.children.append(section)
        stack.append(section)
        outline.sections.append(section)
        current = section
        outline.sentences.append(Sentence(block.start + begin, block.start + head_end, block.line + 1, section, True))
        if body_start < len(text):
            _add_body(outline, current, block.start + body_start, block.end, block.line)


def _add_body(outline: Outline, section: Optional[Section], start: int, end: int, line: int) -> None:
    for a, b in split_sentences(outline.text[start:end]):
        if outline.text[start + a:start + b].strip():
            outline.sentences.append(Sentence(start + a, start + b, line + 1, section, False))
    if section is not None:
        section.chars += end - start
