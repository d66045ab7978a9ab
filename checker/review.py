"""The reviewer's marked-up copy: the submitted report with Word comments (批注) where it needs work.

A 司法局 reviewer sends each draft back with 审核意见. This writes them into the draft itself:

- a .docx comes back as itself: its own bytes opened, comments added, saved; not one character of
  the text changes, so the drafter's formatting, numbering and tables are all kept;
- any other format (.txt, .md, .pdf, .html, .ofd, .doc) becomes a new A4 .docx of the text as read,
  one paragraph per line, headings styled where the outline found them, with the same comments.

Comments: one at each partial item's evidence (what is missing, what to add); one where each missing
part belongs (after the part that comes before it, in the rulebook's order of parts); one at each
violation (placeholder, outdated term, year conflict); and a summary on the title.

The checker numbers lines as it read them; in a Word file those are not paragraph numbers (tables,
line breaks, automatic numbering), so a comment finds its paragraph by the words of the evidence and
uses the line only to choose between equal paragraphs, or when the words are not found.
"""

from __future__ import annotations

import io
import os
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from typing import Callable, Optional

from checker import __version__
from checker.concepts import PARTS, SEVERITY_LABEL, STATUS_LABEL
from checker.document import Document
from checker.document.ingest import read_bytes, read_source
from checker.document.ingest.docx import body_blocks, paragraph_text
from checker.document.ingest.source import Source
from checker.document.script import folder_for
from checker.errors import FzError
from checker.model import DocumentResult, Evidence, Finding
from checker.official_docx import body_paragraph, official_document
from checker.rules.rulebook import Rulebook
from checker.rules.schema import Rule
from checker.run.engine import Checker

DEFAULT_AUTHOR = "fzcheck"
SUFFIX = ".审核意见.docx"  # <input name>.审核意见.docx
# Kinds of check whose every piece of evidence is a place to correct (each placeholder, each outdated
# term, each conflicting year); other kinds' evidence shows what was found, one comment is enough.
VIOLATION_KINDS = frozenset({"forbidden", "outdated", "years"})
MIN_SHARED = 0.6  # share of an excerpt a paragraph must hold, in one piece, to be taken for it
NEARBY = 40  # paragraphs either side of the expected one searched for a partial match
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_HEADING_STYLE = 3  # deeper headings are styled as level 3 (official documents use four levels)


def review_copy(source_path: str, result: DocumentResult, reviewer: Optional[str] = None,
                when: Optional[datetime] = None, *, checker: Optional[Checker] = None,
                source: Optional[Source] = None) -> bytes:
    """The .docx the reviewer sends back: the report with a comment at each gap and a summary on the title.

    `checker` should be the one that made `result` (same rulebooks and settings); a default one otherwise.
    `source` is the text the check read, when it is at hand: the file (or address) is then not read again.
    Raises the checker's FzError when the file cannot be read.
    """
    checker = checker or Checker()
    if result.error is not None:  # the check failed (unreadable, time limit, internal error): nothing to mark up
        raise FzError(result.error.code, "这份文件未能完成检查，无法生成审核意见",
                      "the document could not be checked, so there is no review copy", source_path)
    source = source if source is not None else _read(source_path, checker)
    document, book, _ = checker.read(source)
    author = (reviewer or "").strip() or DEFAULT_AUTHOR
    when = (when or datetime.now()).replace(microsecond=0)
    fold = _folder(document)
    fresh = not (source.format == "docx" and os.path.isfile(source_path))
    if not fresh:
        word = _open_docx(source_path, checker)
        paragraphs = Paragraphs(_docx_units(word, fold), fold)
    else:
        word, units = _new_docx(source, document, fold)
        paragraphs = Paragraphs(units, fold)
    marker = _Marker(word, author, when)
    for note in plan(result, document, book):
        _place(marker, paragraphs, document, note)
    marker.add(paragraphs.title(document.outline.title_line), summary(result, author, when))
    _sign(word, author, when, document.outline.title, fresh)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def review_name(name: str) -> str:
    """The marked-up copy's name, from the input's or from its HTML report's (render.report_name):
    报告.docx → 报告.docx.审核意见.docx; 教育局/报告.docx.html → 教育局/报告.docx.审核意见.docx.
    """
    return name.removesuffix(".html") + SUFFIX


# ----------------------------------------------------------------------------- reading


def _read(path: str, checker: Checker) -> Source:
    try:
        return read_source(path, checker.settings.max_bytes)
    except FzError as error:
        raise error.at(path) from None


def _open_docx(path: str, checker: Checker):
    """The submitted file's own bytes, opened (the reader has just read them, so they open)."""
    import docx

    try:
        return docx.Document(io.BytesIO(read_bytes(path, checker.settings.max_bytes)))
    except FzError as error:
        raise error.at(path) from None


def _folder(document: Document) -> Callable[[str], str]:
    """Text as compared: compatibility ideographs unified, full width folded, no whitespace."""
    unify = folder_for(document.spec).unify

    def fold(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", unify(text)).split())

    return fold


# ----------------------------------------------------------------------------- what to say where


@dataclass(frozen=True)
class Note:
    """A comment to make: at the paragraph of `line` whose words include `excerpt`."""

    line: int  # the reader's line (1-based); 0 for the title
    excerpt: str
    text: str
    where: str = ""  # how a reader finds the place, said when the paragraph is not found
    terms: tuple[str, ...] = ()  # what was found there, to choose the cell of a table row


def plan(result: DocumentResult, document: Document, book: Rulebook) -> list[Note]:
    """The comments for `result`'s gaps (optional rules and waived findings are no gaps)."""
    placer = _Placer(document, book)
    notes: list[Note] = []
    for finding in result.gaps():
        rule = book.rule(finding.rule)
        if finding.evidence and rule is not None and rule.check in VIOLATION_KINDS:
            notes.extend(_at_evidence(finding, evidence, each=True) for evidence in finding.evidence)
        elif finding.status == "missing" and finding.category in ("item", "area"):
            notes.append(placer.note(finding, rule))  # nothing to point at: where it should be written
        elif finding.evidence:
            notes.append(_at_evidence(finding, finding.evidence[0]))
        else:
            notes.append(placer.note(finding, rule))
    return notes


def _at_evidence(finding: Finding, evidence: Evidence, each: bool = False) -> Note:
    found = f"此处：{'、'.join(evidence.terms)}" if each and evidence.terms else ""
    text = _text(finding, "建议：", found)
    where = evidence.place or evidence.section or f"第{evidence.line}行"
    return Note(line=evidence.line, excerpt=evidence.excerpt, text=text, where=f"{where}：“{evidence.excerpt}”",
                terms=tuple(evidence.terms))


def _text(finding: Finding, lead: str, found: str = "") -> str:
    lines = [f"【{SEVERITY_LABEL[finding.severity]}·{STATUS_LABEL[finding.status]}】{finding.title}"]
    lines += [found] if found else []
    lines += [f"问题：{finding.message.strip()}", f"{lead}{finding.advice.strip()}", f"依据：{finding.basis.cite()}"]
    return "\n".join(lines)


class _Placer:
    """Where a part not written would go: after the last paragraph of the parts that come before it."""

    def __init__(self, document: Document, book: Rulebook):
        self.document = document
        self.book = book
        drafting = book.header.drafting
        order = [p.part for p in drafting.parts] if drafting else list(PARTS)
        # The preamble opens a report; text outside any named part is achievements, with the first part.
        self.rank = {"preamble": 0, "body": 1, **{part: i + 1 for i, part in enumerate(order)}}
        self.areas = next((p.part for p in drafting.parts if p.areas), order[0]) if drafting else order[0]
        self.roles: dict[int, set[str]] = {}
        for sentence in document.sentences:
            self.roles.setdefault(sentence.line, set()).update(sentence.roles)

    def note(self, finding: Finding, rule: Optional[Rule]) -> Note:
        area = finding.category == "area"
        part = self.areas if area else (rule.part if rule is not None else None)
        if part is None:
            return Note(0, "", _text(finding, "建议："))
        label = self.book.header.parts[part].label if part in self.book.header.parts else part
        rank = self.rank.get(part, len(self.rank))  # a part the drafting order does not name goes last
        if part in self.document.parts_found and not area:
            line = self._last(lambda roles: part in roles)
            lead = f"建议在“{label}”部分补充："
        elif area:  # an area of work is written among the achievements, which may have no heading of their own
            line = self._last(lambda roles: any(self.rank.get(r, rank) <= rank for r in roles))
            lead = f"建议在“{label}”部分补充："
        else:
            line = self._last(lambda roles: any(self.rank.get(r, rank) < rank for r in roles))
            lead = f"建议在本段之后补写“{label}”部分：" if line else f"建议在正文开头补写“{label}”部分："
        return Note(line, self._words(line), _text(finding, lead))

    def _last(self, wanted: Callable[[set[str]], bool]) -> int:
        return max((line for line, roles in self.roles.items() if wanted(roles)), default=0)

    def _words(self, line: int) -> str:
        lines = self.document.outline.raw.split("\n")
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def summary(result: DocumentResult, author: str, when: datetime) -> str:
    """The comment on the title: score, verdict and every gap, in the order of the reports."""
    score = f"{result.score:g}" if result.score is not None else "—"
    lines = [f"审核意见（{author}，{when:%Y年%m月%d日}，fzcheck {__version__}）", f"得分：{score}；结论：{result.verdict}"]
    if result.rulebook is not None and result.rulebook.name:
        lines.append(f"检查依据：{result.rulebook.name}")
    gaps = result.gaps()
    if gaps:
        lines.append(f"需要补充或修改的内容（{len(gaps)} 项，详见各处批注）：")
        lines += [f"{i}. 【{SEVERITY_LABEL[f.severity]}·{STATUS_LABEL[f.status]}】{f.title}" for i, f in enumerate(gaps, 1)]
    else:
        lines.append("未发现需要补充或修改的内容。")
    lines += [f"提示：{notice}" for notice in result.notices]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- finding the paragraph


@dataclass
class Unit:
    """A paragraph a comment can be anchored at, with the reader's lines it became."""

    paragraph: object  # docx.text.paragraph.Paragraph
    text: str  # folded (see _folder)
    first: int  # first line, 1-based
    last: int
    cells: tuple = ()  # a table row's paragraphs, folded: (paragraph, text)

    def anchor(self, target: str, terms: tuple[str, ...]) -> object:
        """The paragraph to comment on: in a table row, the cell with what was found, else with most of `target`."""
        if not self.cells or not target:
            return self.paragraph
        return max(self.cells, key=lambda cell: (any(t in cell[1] for t in terms), _shared(target, cell[1])))[0]


class Paragraphs:
    """The paragraphs of the output, found by the words of the evidence, else by its line."""

    def __init__(self, units: list[Unit], fold: Callable[[str], str]):
        self.units = [u for u in units if u.text]
        self.fold = fold
        self.firsts = [u.first for u in self.units]

    def find(self, line: int, excerpt: str, terms: tuple[str, ...] = ()) -> Optional[object]:
        """The paragraph holding `excerpt` nearest `line`; that of `line` when the words are not found."""
        if not self.units:
            return None
        expected = self._index(line)
        target = self.fold(excerpt.rstrip("…").rstrip("."))
        if target:
            holding = [i for i, u in enumerate(self.units) if target in u.text]
            if holding:
                return self.units[min(holding, key=lambda i: abs(i - expected))].anchor(target, terms)
            similar = self._similar(target, expected)
            if similar is not None:
                return similar.anchor(target, terms)
        unit = self.units[expected]
        return unit.paragraph if unit.first <= line <= unit.last else None

    def title(self, line: Optional[int]) -> object:
        """The title's paragraph; the first paragraph when the title is on no line."""
        if line:
            unit = self.units[self._index(line)] if self.units else None
            if unit is not None and unit.first <= line <= unit.last:
                return unit.paragraph
        return self.units[0].paragraph if self.units else None

    def _index(self, line: int) -> int:
        return max(bisect_right(self.firsts, line) - 1, 0)

    def _similar(self, target: str, expected: int) -> Optional[Unit]:
        """The paragraph near `expected` sharing the longest run of `target` (a numbered heading's marker
        is in the reader's text, not in the paragraph's)."""
        best, length = None, 0
        for unit in self.units[max(expected - NEARBY, 0): expected + NEARBY + 1]:
            shared = _shared(target, unit.text)
            if shared > length:
                best, length = unit, shared
        return best if length >= MIN_SHARED * len(target) else None


def _shared(target: str, text: str) -> int:
    """The length of the longest run of `target` that `text` holds."""
    return SequenceMatcher(None, target, text, autojunk=False).find_longest_match(0, len(target), 0, len(text)).size


def _place(marker: "_Marker", paragraphs: Paragraphs, document: Document, note: Note) -> None:
    paragraph = paragraphs.find(note.line, note.excerpt, tuple(map(paragraphs.fold, note.terms))) if note.line else None
    if paragraph is not None:
        marker.add(paragraph, note.text)
        return
    text = note.text
    if note.line:  # never lost: on the title, saying where the checker saw it
        text += f"\n（未能在文中定位此段，检查时的位置：{note.where or f'第{note.line}行'}）"
    marker.add(paragraphs.title(document.outline.title_line), text)


# ----------------------------------------------------------------------------- the submitted .docx


def _docx_units(word, fold: Callable[[str], str]) -> list[Unit]:
    """Body paragraphs and table rows in the order (and line count) the .docx reader reads them."""
    from docx.text.paragraph import Paragraph

    units, line = [], 1
    for block in body_blocks(word.element.body):
        if block.tag == f"{_W}p":
            paragraph = Paragraph(block, word)
            text = paragraph_text(block)  # as the reader read it: tracked insertions and fields included
            count = text.count("\n") + 1  # the reader makes a line of each line break
            units.append(Unit(paragraph, fold(text), line, line + count - 1))
            line += count
            continue
        for row in block.tr_lst:  # a table row is one line, when it has text
            cells = [(Paragraph(p, word), fold(paragraph_text(p))) for tc in row.tc_lst for p in tc.p_lst]
            cells = [(p, text) for p, text in cells if text]
            if cells:
                units.append(Unit(cells[0][0], "".join(text for _, text in cells), line, line, tuple(cells)))
                line += 1
    return units


# ----------------------------------------------------------------------------- a new .docx from text


def _new_docx(source: Source, document: Document, fold: Callable[[str], str]):
    """An A4 document of the text as read, one paragraph per non-empty line, headings styled."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    word = official_document()
    headings = _heading_lines(document)
    closing = _closing_lines(document)
    title_line = document.outline.title_line
    units = []
    for number, line in enumerate(source.lines, start=1):
        text = line.text.strip()
        if not text:
            continue
        if number == title_line:
            paragraph = word.add_paragraph(text, style="Title")
        elif number in headings:
            paragraph = word.add_paragraph(text, style=f"Heading {min(headings[number], MAX_HEADING_STYLE)}")
        else:
            if number in closing:
                paragraph = word.add_paragraph(text)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                paragraph = body_paragraph(word, text)
        units.append(Unit(paragraph, fold(text), number, number))
    return word, units


def _heading_lines(document: Document) -> dict[int, int]:
    """Line → depth, for lines that are a heading and nothing else (a run-in heading stays body text)."""
    outline = document.outline
    lines = outline.text.split("\n")
    depths: dict[int, int] = {}
    for section in outline.sections:
        index = section.line - 1
        if not 0 <= index < len(lines):
            continue
        rest = lines[index][section.heading_span[1] - outline.line_starts[index]:]
        if not any(ch.isalnum() for ch in rest):
            depths[section.line] = min(depths.get(section.line, section.depth()), section.depth())
    return depths


def _closing_lines(document: Document) -> set[int]:
    """The lines of the signature and the date, set flush right as in a letter."""
    outline = document.outline
    ends = {"".join((value or "").split()) for value in (outline.signature, outline.closing_date)} - {""}
    last_body = max(outline.body_lines, default=-1)
    return {i + 1 for i, line in enumerate(outline.text.split("\n"))
            if i > last_body and "".join(line.split()) in ends}


# ----------------------------------------------------------------------------- comments and properties


class _Marker:
    """Adds comments as the reviewer, dated `when`."""

    def __init__(self, word, author: str, when: datetime):
        self.word = word
        self.author = author
        self.initials = initials(author)
        self.when = when

    def add(self, paragraph, text: str) -> None:
        if paragraph is None:  # a document with no paragraph at all
            paragraph = self.word.add_paragraph()
        comment = self.word.add_comment(_runs(paragraph), text=text, author=self.author, initials=self.initials)
        comment._comment_elm.date = self.when


def _runs(paragraph) -> list:
    """The paragraph's runs of text (not the references of earlier comments); an empty run if it has none."""
    runs = [run for run in paragraph.runs if run._r.find(f"{_W}commentReference") is None]
    return runs or [paragraph.add_run()]


def initials(author: str) -> str:
    """青山市司法局 张三 → 张三; John Smith → JS; fzcheck → FZ (the person's name, after the unit's)."""
    name = author.split()[-1] if author.split() else DEFAULT_AUTHOR
    if not name.isascii():  # a Chinese name is two to four characters; a longer word is a unit's name
        return name if len(name) <= 4 else name[:2]
    words = author.split()
    return "".join(w[0] for w in words).upper()[:3] if len(words) > 1 else name[:2].upper()


def _sign(word, author: str, when: datetime, title: Optional[str], fresh: bool) -> None:
    """The reviewer last modified the file; a new file is theirs; no trace of the library that wrote it."""
    core = word.core_properties
    if fresh or not core.author or "python-docx" in core.author:
        core.author = author
    if fresh or "python-docx" in (core.comments or ""):
        core.comments = f"fzcheck {__version__} 审核意见"
    if fresh:
        core.title = title or ""
        core.created = when
        core.revision = 1
    core.last_modified_by = author
    core.modified = when
