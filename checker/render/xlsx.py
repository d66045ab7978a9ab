"""Excel workbook for a 司法局's 考核 spreadsheet: scores, gaps and what they were judged by.

Three sheets:

* 汇总 — a row per file: 文件, 发文机关, 层级, 年度, 得分, 结论, then a column per rule holding its
  status, coloured (green met, amber partial, red missing, greys for not judged; waived and
  optional gaps have their own light colours, an optional item is never red).
* 问题清单 — a row per gap to fix: partial or missing findings of an annual report that are
  neither waived nor optional, most serious first within each report.
* 说明 — when and by what version and settings the files were checked, the rulebook editions,
  the colour legend and every rule's full title (the column headers are shortened).

Like the HTML dashboard the book is built from a compact row per document (`ScoreBook.add`),
so the CLI can feed it as documents finish. The bytes depend only on the result, the settings
and `now` (the zip entries carry a fixed date), so a test can compare two renderings.

Every piece of text from a document or a path is user-controlled: it is written as a string
cell (never a formula, even when it starts with = + - @) with characters XML forbids shown as
escapes.
"""

from __future__ import annotations

import io
import os
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Optional

from checker import __version__
from checker.concepts import (
    GAPS, KIND_LABEL, LEVEL_LABEL, OPTIONAL_LABEL, OPTIONAL_TONE, PROFILE_LABEL, SEVERITY_LABEL, STATUS_LABEL, WAIVED_LABEL,
)
from checker.model import CheckResult, DocumentResult, Evidence, Finding, Summary
from checker.render import verdict_label
from checker.render.escape import xml_text
from checker.render.labels import column_labels

SUMMARY_SHEET, GAPS_SHEET, NOTES_SHEET, COPIES_SHEET = "汇总", "问题清单", "说明", "雷同段落"
COPIES_HEADER = ("报告", "发文机关", "雷同报告", "对方发文机关", "雷同段落", "约占全文", "本报告位置", "本报告原文",
                 "对方位置", "对方原文")
COPIES_WIDTHS = (30, 16, 30, 16, 8, 8, 24, 50, 24, 50)  # caps, in the width units of _fit_widths
SHARE_FORMAT = "0%"
SUMMARY_HEADER = ("文件", "发文机关", "层级", "年度", "得分", "结论")
GAPS_HEADER = ("报告", "规则", "要求", "状态", "缺少什么", "修改建议", "证据", "位置")
OPTIONAL_MARK = "可选"  # after an optional rule's column label
SCORE_FORMAT = "0.0"

# The kinds of rule cell, each with its fill and font colour (Excel's own good / neutral / bad
# palette, so a reviewer reads it at a glance) and what it means, for the legend.
CELL_STYLE: dict[str, tuple[str, str]] = {
    "met": ("C6EFCE", "006100"),
    "partial": ("FFEB9C", "9C5700"),
    "missing": ("FFC7CE", "9C0006"),
    "not_applicable": ("D9D9D9", "404040"),
    "ignored": ("BFBFBF", "404040"),
    "waived": ("DDEBF7", "1F4E78"),
    "optional": ("F2F2F2", "808080"),
}
CELL_MEANING: dict[str, str] = {
    "met": "达到要求",
    "partial": "有相关内容但不完整，需要补充",
    "missing": "缺少此项内容，需要补写",
    "not_applicable": "按报告年度或主体类型，此项不作要求",
    "ignored": "按本次设置不评判此项",
    "waived": "已批准豁免，不计入得分和结论",
    "optional": "可选内容，未写不扣分、不影响结论",
}
HEADER_FILL, HEADER_FONT = "D9E1F2", "1F1F1F"

WIDTH_MIN, WIDTH_MAX = 6, 60  # column widths, in Excel's units (a CJK character counts 2)
SUMMARY_WIDTHS = (40, 24, 12, 6, 8, 50)  # caps of 文件 … 结论
GAPS_WIDTHS = (40, 30, 8, 10, WIDTH_MAX, WIDTH_MAX, WIDTH_MAX, 30)
NOTES_WIDTHS = (26, 30, WIDTH_MAX, 14, 24)
RULE_WIDTH_MAX = 22  # a rule label (ten characters and an ellipsis) on one line
LINE_HEIGHT = 16.0  # points per line of wrapped text
ROW_HEIGHT_MAX = 409.0  # Excel's tallest row
CELL_LIMIT = 32767  # Excel's most characters in one cell
_FORMULA_START = ("=", "+", "-", "@")
FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def cell_kind(finding: Finding) -> str:
    """What a rule cell shows: its status, or waived, or an optional gap."""
    if finding.waiver is not None:
        return "waived"
    if finding.tone == OPTIONAL_TONE:
        return "optional"
    return finding.status


def cell_text(kind: str, status: str) -> str:
    if kind == "waived":
        return WAIVED_LABEL
    if kind == "optional":
        return OPTIONAL_LABEL
    return STATUS_LABEL[status]


def legend_text(kind: str) -> str:
    """The sample text of a kind in the legend."""
    status = "missing" if kind in ("waived", "optional") else kind
    return cell_text(kind, status)


def place_of(evidence: Evidence) -> str:
    """Where a reader finds the evidence: the reader's `place`, else 第N页/第N行 from page and line."""
    place = getattr(evidence, "place", "")
    if place:
        return place
    page = f"第{evidence.page}页" if evidence.page else ""
    line = f"第{evidence.line}行" if evidence.line else ""
    return page + line


def display_path(path: str) -> str:
    """A path as the reviewer refers to it: relative to the working folder when it lies below it."""
    if not os.path.isabs(path):
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def safe_text(value: str) -> str:
    """Text fit for a cell: characters XML forbids and lone surrogates as escapes, cut to Excel's limit."""
    return xml_text(value)[:CELL_LIMIT]


def formula_like(text: str) -> bool:
    return text.startswith(_FORMULA_START)


# ----------------------------------------------------------------------------- the rows


@dataclass
class RuleColumn:
    rule: str
    title: str
    severity: str
    short: str = ""
    optional: bool = False  # Rule.optional: a part the report may leave out
    titles: dict[str, set[str]] = field(default_factory=dict)  # every title seen → rulebook editions


@dataclass
class SummaryRow:
    path: str
    issuer: str
    level: str
    year: Optional[int]
    score: Optional[float]
    verdict: str
    cells: dict[str, tuple[str, str]]  # rule → (kind, status)


@dataclass
class GapRow:
    path: str
    title: str
    severity: str  # a Severity
    status: str  # a Status: missing or partial
    message: str
    advice: str
    excerpt: str
    place: str


class ScoreBook:
    """The workbook's rows, gathered document by document; no document is kept."""

    def __init__(self) -> None:
        self.rules: dict[str, RuleColumn] = {}
        self.rows: list[SummaryRow] = []
        self.gaps: list[GapRow] = []
        self.rulebooks: dict[tuple[str, str, str], int] = {}  # (name, edition, version) → documents
        self.policy: Optional[dict] = None  # the first document's policy, when no settings are given

    def add(self, document: DocumentResult) -> None:
        path = display_path(document.path)
        edition = document.rulebook.edition if document.rulebook else ""
        for finding in document.findings:
            self._note_rule(finding, edition)
        if document.rulebook is not None:
            ref = document.rulebook
            key = (ref.name or ref.id, ref.edition, ref.version)
            self.rulebooks[key] = self.rulebooks.get(key, 0) + 1
        if document.policy is not None and self.policy is None:
            self.policy = {"fail_under": document.policy.fail_under, "fail_on": document.policy.fail_on,
                           "ignore": document.policy.ignored}
        self.rows.append(_summary_row(document, path))
        if _judged_as_report(document):
            self.gaps.extend(_gap_row(path, f) for f in document.gaps())

    def _note_rule(self, finding: Finding, edition: str) -> None:
        column = self.rules.get(finding.rule)
        if column is None:
            column = self.rules[finding.rule] = RuleColumn(finding.rule, finding.title, finding.severity,
                                                           finding.short, finding.optional)
        column.titles.setdefault(finding.title, set()).add(edition)

    def labels(self) -> dict[str, str]:
        """Each rule's column header: short, and distinct from every other header."""
        columns = self.rules.values()
        return column_labels({c.rule: c.title for c in columns}, {c.rule: c.short for c in columns}, SUMMARY_HEADER)

    def summary_table(self) -> tuple[list[str], list[list]]:
        """The 汇总 sheet as plain values: the header and a row per document (CSV reads this too)."""
        labels = self.labels()
        header = [*SUMMARY_HEADER, *labels.values()]
        rows = []
        for row in self.rows:
            statuses = [cell_text(*row.cells[rule]) if rule in row.cells else None for rule in self.rules]
            rows.append([row.path, row.issuer, row.level, row.year, row.score, row.verdict, *statuses])
        return header, rows

    def xlsx(self, summary: Optional[Summary] = None, settings: Optional[dict] = None,
             now: Optional[datetime] = None, reviewer: Optional[str] = None) -> bytes:
        """The workbook's bytes; `now` is the time of the check (defaults to the present)."""
        from openpyxl import Workbook

        when = (now or datetime.now()).replace(microsecond=0)
        book = Workbook()
        _fill_summary(book.active, self)
        _fill_gaps(book.create_sheet(GAPS_SHEET), self.gaps)
        if summary is not None and summary.copies:
            _fill_copies(book.create_sheet(COPIES_SHEET), summary.copies)
        _fill_notes(book.create_sheet(NOTES_SHEET), self, summary, settings, when, reviewer)
        book.properties.creator = book.properties.lastModifiedBy = "fzcheck"
        book.properties.title = f"{KIND_LABEL['annual_report']}检查结果"
        book.properties.created = book.properties.modified = when.astimezone(timezone.utc).replace(tzinfo=None)
        return _package(book)


def render_xlsx(result: CheckResult, settings: Optional[dict] = None, now: Optional[datetime] = None) -> bytes:
    """The whole workbook for a finished result (tests and the library API).

    The time of the check is `now`, else the one the result recorded (`result.run`), else the present.
    """
    run = getattr(result, "run", None)  # recorded by runs since RunInfo was added to the model
    return book_of(result).xlsx(result.summary, settings, now or checked_at(run),
                                getattr(run, "reviewer", None))


def checked_at(run) -> Optional[datetime]:
    """When a run recorded it started, or None (not recorded, or not a time)."""
    try:
        return datetime.fromisoformat(run.checked_at) if run is not None and run.checked_at else None
    except (AttributeError, ValueError):
        return None


def book_of(result: CheckResult) -> ScoreBook:
    book = ScoreBook()
    for document in result.documents:
        book.add(document)
    return book


def _judged_as_report(document: DocumentResult) -> bool:
    """Only an annual report has gaps to fix; anything else was not judged as one (see judge.py)."""
    return document.error is None and document.meta is not None and document.meta.kind == "annual_report"


def _summary_row(document: DocumentResult, path: str) -> SummaryRow:
    meta = document.meta
    reported = _judged_as_report(document)
    return SummaryRow(
        path=path,
        issuer=(meta.issuer or "") if meta else "",
        level=LEVEL_LABEL.get(meta.level or "", "") if meta else "",
        year=meta.year if meta else None,
        score=document.score if reported else None,
        verdict=conclusion(document),
        cells={f.rule: (cell_kind(f), f.status) for f in document.findings},
    )


def conclusion(document: DocumentResult) -> str:
    """通过 / 未通过 / 无法检查 / 不是年度报告, then why, so the column filters on its first words."""
    label = verdict_label(document)
    if document.error is not None:
        message = document.error.message
        where = f"{document.path}: "  # the 文件 column already names the file
        return f"{label}：{message[len(where):] if message.startswith(where) else message}"
    if document.meta is not None and document.meta.kind != "annual_report":
        reasons = "；".join(document.meta.kind_reasons[:3])
        return f"{label}：{reasons}" if reasons else label
    verdict = document.verdict
    if not verdict or verdict.startswith(label):
        return verdict or label
    return f"{label}：{verdict}"


def _gap_row(path: str, finding: Finding) -> GapRow:
    first = finding.evidence[0] if finding.evidence else None
    return GapRow(
        path=path,
        title=finding.title,
        severity=finding.severity,
        status=finding.status,
        message=finding.message,
        advice=finding.advice,
        excerpt=first.excerpt if first else "",
        place=place_of(first) if first else "",
    )


# ----------------------------------------------------------------------------- sheets


def _fill_summary(sheet, book: ScoreBook) -> None:
    from openpyxl.comments import Comment

    sheet.title = SUMMARY_SHEET
    header, rows = book.summary_table()
    _write_header(sheet, header)
    for number, column in enumerate(book.rules.values(), start=len(SUMMARY_HEADER) + 1):
        cell = sheet.cell(row=1, column=number)
        cell.comment = Comment(_rule_note(column), "fzcheck", width=320, height=110)
        if column.optional:
            _paint(cell, "optional", bold=True)
    for number, (values, source) in enumerate(zip(rows, book.rows), start=2):
        _write_row(sheet, number, values)
        for offset, rule in enumerate(book.rules, start=len(SUMMARY_HEADER) + 1):
            if rule in source.cells:
                _paint(sheet.cell(row=number, column=offset), source.cells[rule][0])
    _number_formats(sheet, {4: "0", 5: SCORE_FORMAT}, len(rows))
    widths = _fit_widths(sheet, [*SUMMARY_WIDTHS, *[RULE_WIDTH_MAX] * len(book.rules)])
    _wrap_columns(sheet, [1, len(SUMMARY_HEADER)])
    _fit_heights(sheet, widths)
    _finish(sheet, freeze="B2", filtered=True)


def _rule_note(column: RuleColumn) -> str:
    lines = [column.title, f"编号：{column.rule}", f"要求：{SEVERITY_LABEL[column.severity]}"
             + (f"（{OPTIONAL_MARK}）" if column.optional else "")]
    lines.extend(title for title in column.titles if title != column.title)  # another edition's wording
    return safe_text("\n".join(lines))


def _fill_gaps(sheet, gaps: list[GapRow]) -> None:
    _write_header(sheet, list(GAPS_HEADER))
    for number, gap in enumerate(gaps, start=2):
        _write_row(sheet, number, [gap.path, gap.title, SEVERITY_LABEL[gap.severity], STATUS_LABEL[gap.status],
                                   gap.message, gap.advice, gap.excerpt, gap.place])
        _paint(sheet.cell(row=number, column=4), gap.status)
    widths = _fit_widths(sheet, list(GAPS_WIDTHS))
    _wrap_columns(sheet, range(1, len(GAPS_HEADER) + 1))
    _fit_heights(sheet, widths)
    _finish(sheet, freeze="A2", filtered=True)


def _fill_copies(sheet, links: list) -> None:
    """One row per copied passage shown, each with the pair of reports it joins."""
    _write_header(sheet, list(COPIES_HEADER))
    number = 2
    for link in links:
        for passage in link.passages or [None]:
            _write_row(sheet, number, [display_path(link.path), link.issuer or "", display_path(link.other_path),
                                       link.other_issuer or "", link.count, link.share,
                                       passage.place if passage else "", passage.excerpt if passage else "",
                                       passage.other_place if passage else "", passage.other_excerpt if passage else ""])
            sheet.cell(row=number, column=6).number_format = SHARE_FORMAT
            number += 1
    widths = _fit_widths(sheet, list(COPIES_WIDTHS))
    _wrap_columns(sheet, range(1, len(COPIES_HEADER) + 1))
    _fit_heights(sheet, widths)
    _finish(sheet, freeze="A2", filtered=True)


def _fill_notes(sheet, book: ScoreBook, summary: Optional[Summary], settings: Optional[dict], when: datetime,
                reviewer: Optional[str]) -> None:
    from openpyxl.styles import Font

    for number, values in enumerate(_run_rows(book, summary, settings, when, reviewer), start=1):
        _write_row(sheet, number, values)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    _legend(sheet, sheet.max_row + 2)
    _rule_table(sheet, book, sheet.max_row + 2)
    widths = _fit_widths(sheet, list(NOTES_WIDTHS))
    _wrap_columns(sheet, [2, 3])
    _fit_heights(sheet, widths)
    _finish(sheet, freeze=None, filtered=False)


def _run_rows(book: ScoreBook, summary: Optional[Summary], settings: Optional[dict], when: datetime,
              reviewer: Optional[str]) -> list[list]:
    """What the run was: when, by whom, with which version, rulebooks and settings, and its totals."""
    rows: list[list] = [["fzcheck 检查结果说明"], [],
                        ["检查时间", when.strftime("%Y-%m-%d %H:%M:%S")],
                        ["fzcheck 版本", __version__]]
    if reviewer:
        rows.append(["检查人", reviewer])
    for (name, edition, version), count in sorted(book.rulebooks.items()):
        rows.append(["规则版本", name, f"纲要版本 {edition}，规则 {version}，{count} 份"])
    if summary is not None:
        rows.append(["检查结果", _totals(summary)])
    chosen = settings if settings is not None else book.policy or {}  # without settings, what judged the files
    rows.extend(["设置", key, value] for key, value in setting_rows(chosen))
    return rows


def _totals(s: Summary) -> str:
    waived = f"，豁免 {s.waived} 项" if s.waived else ""
    return f"共 {s.documents} 份：通过 {s.passed}，未通过 {s.failed}，无法检查 {s.errors}{waived}"


def _legend(sheet, start: int) -> None:
    _write_header(sheet, ["颜色说明", "标记", "含义"], row=start)
    for number, kind in enumerate(CELL_STYLE, start=start + 1):
        _write_row(sheet, number, ["", legend_text(kind), CELL_MEANING[kind]])
        _paint(sheet.cell(row=number, column=2), kind)


def _rule_table(sheet, book: ScoreBook, start: int) -> None:
    _write_header(sheet, ["规则编号", "表头", "完整标题", "要求", "纲要版本"], row=start)
    labels, number = book.labels(), start + 1
    for column in book.rules.values():
        for title, editions in column.titles.items():
            severity = SEVERITY_LABEL[column.severity] + (f"（{OPTIONAL_MARK}）" if column.optional else "")
            _write_row(sheet, number, [column.rule, labels[column.rule], title, severity,
                                       "、".join(sorted(e for e in editions if e))])
            number += 1


def setting_rows(settings: dict) -> list[tuple[str, str]]:
    """The settings as (--flag, value) pairs, the values in the reviewer's words; unset ones left out."""
    rows = []
    for key, value in settings.items():
        if value is None or value == "" or (isinstance(value, (list, tuple, set, frozenset)) and not value):
            continue
        rows.append(("--" + str(key).replace("_", "-"), _setting_value(str(key), value)))
    return rows


def _setting_value(key: str, value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (set, frozenset)):
        value = sorted(value)
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    named = {"profile": PROFILE_LABEL, "fail_on": SEVERITY_LABEL, "level": LEVEL_LABEL}.get(key, {})
    return named.get(str(value), str(value))


# ----------------------------------------------------------------------------- cells and layout


def _write_header(sheet, header: list[str], row: int = 1) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    edge = Side(style="thin", color="8EA9DB")
    for number, text in enumerate(header, start=1):
        cell = sheet.cell(row=row, column=number)
        _set_text(cell, text)
        cell.font = Font(bold=True, color=HEADER_FONT)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(bottom=edge)


def _write_row(sheet, row: int, values: list) -> None:
    from openpyxl.styles import Alignment

    for number, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=number)
        cell.alignment = Alignment(vertical="center")  # a row of one-line cells beside a wrapped one
        if isinstance(value, str) and value:
            _set_text(cell, value)
        elif value is not None:
            cell.value = value


def _set_text(cell, text: str) -> None:
    """A string cell, never a formula: user text may start with = + - @."""
    cell.value = safe_text(text)
    cell.data_type = "s"
    if formula_like(cell.value):
        cell.quotePrefix = True  # Excel keeps it text even when someone edits the cell


def _paint(cell, kind: str, bold: bool = False) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    fill, font = CELL_STYLE[kind]
    cell.fill = PatternFill("solid", fgColor=fill)
    cell.font = Font(color=font, bold=bold, italic=kind == "optional")
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _number_formats(sheet, formats: dict[int, str], rows: int) -> None:
    for column, number_format in formats.items():
        for row in range(2, rows + 2):
            sheet.cell(row=row, column=column).number_format = number_format


def display_width(text: str) -> int:
    """How wide `text`'s longest line shows: a wide character (CJK, and …“” in a CJK font) counts two."""
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)
                for line in str(text).split("\n")), default=0)


def _fit_widths(sheet, caps: list[int]) -> list[float]:
    """Set each column as wide as its widest cell, within WIDTH_MIN and its cap; return the widths."""
    from openpyxl.utils import get_column_letter

    widest: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                shown = f"{cell.value:.1f}" if isinstance(cell.value, float) else cell.value
                widest[cell.column] = max(widest.get(cell.column, 0), display_width(shown))
    widths = []
    for number in range(1, sheet.max_column + 1):
        cap = caps[number - 1] if number <= len(caps) else WIDTH_MAX
        width = float(min(cap, max(WIDTH_MIN, widest.get(number, 0) + 2)))
        sheet.column_dimensions[get_column_letter(number)].width = width
        widths.append(width)
    return widths


def _wrap_columns(sheet, columns: Iterable[int]) -> None:
    """Long text wraps within its capped column."""
    from openpyxl.styles import Alignment

    for number in columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
            if cell.fill.fgColor.rgb in (None, "00000000"):  # painted cells keep their centring
                cell.alignment = Alignment(wrap_text=True, vertical="center")


def _fit_heights(sheet, widths: list[float]) -> None:
    """Rows tall enough for their wrapped text: neither Excel nor LibreOffice grows a row on opening."""
    for row in sheet.iter_rows():
        lines = max((_lines(cell.value, widths[cell.column - 1]) for cell in row
                     if isinstance(cell.value, str) and cell.alignment.wrap_text), default=1)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = min(LINE_HEIGHT * lines, ROW_HEIGHT_MAX)


def _lines(text: str, width: float) -> int:
    """How many lines `text` takes wrapped in a column `width` wide (a little narrower, for the margins)."""
    usable = max(int(width) - 2, 1)
    return sum(max(1, -(-display_width(line) // usable)) for line in text.split("\n"))


def _finish(sheet, freeze: Optional[str], filtered: bool) -> None:
    """Frozen header, filters, and an A4 landscape print one page wide with the header on every page."""
    if freeze:
        sheet.freeze_panes = freeze
    if filtered and sheet.max_row >= 1:
        sheet.auto_filter.ref = sheet.dimensions
        sheet.print_title_rows = "1:1"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True


def _package(book) -> bytes:
    """The workbook's bytes. Not `Workbook.save`: it stamps the present into the properties."""
    from openpyxl.writer.excel import ExcelWriter

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return _fixed_zip_dates(out.getvalue())


def _fixed_zip_dates(data: bytes) -> bytes:
    """The same package with every entry dated FIXED_ZIP_DATE, so equal books are equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=FIXED_ZIP_DATE)
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, entry.external_attr
            target.writestr(fixed, source.read(entry))
    return out.getvalue()


# ----------------------------------------------------------------------------- writing


