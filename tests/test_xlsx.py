"""The Excel workbook and the CSV for a 司法局's 考核 spreadsheet (checker/render/xlsx.py, csv_out.py)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from checker import __version__
from checker.concepts import OPTIONAL_LABEL, SEVERITY_LABEL, STATUS_LABEL
from checker.model import CheckResult, summarise
from checker.render import write_atomic_bytes
from checker.render.csv_out import CSV_ENCODING, render_csv
from checker.render.labels import column_labels
from checker.render.xlsx import (
    GAPS_HEADER, SUMMARY_HEADER, display_path, render_xlsx,
)
from checker.run.engine import Checker, Settings

from .conftest import SEEDS

NOW = datetime(2025, 3, 20, 9, 30, 15)
SETTINGS = {"profile": "government", "year": None, "fail_under": 60.0, "fail_on": "error",
            "ignore": ["quality.outdated-terms"]}
SEED = SEEDS / "001_7724204651865b79.txt"  # an annual report: item.shortcomings partial, item.other missing
WAIVED_RULE = "item.shortcomings"
IGNORED_RULE = "quality.outdated-terms"
HOSTILE_PATH = '=HYPERLINK("http://example.invalid","点我")'
HOSTILE_ISSUER = "+1+1\x1b[31m"  # a formula and a terminal escape, which XML may not hold
HOSTILE_EXCERPT = "@SUM(1,2)"
GAPS = ("missing", "partial")
FORMULA_START = ("=", "+", "-", "@")
MET_STYLE = "满足"


# ----------------------------------------------------------------------------- the result under test


@pytest.fixture(scope="module")
def result(checker, tmp_path_factory) -> CheckResult:
    """The seeds, an empty file, a report with a waiver and an ignored rule, and one with hostile text."""
    folder = tmp_path_factory.mktemp("xlsx")
    empty = folder / "空白.txt"
    empty.write_text("", encoding="utf-8")
    documents = [checker.check_file(str(path)) for path in sorted(SEEDS.glob("*.txt"))]
    documents.append(checker.check_file(str(empty)))
    documents.append(_waived_document(folder / "waived"))
    documents.append(_hostile(documents[1]))
    return CheckResult(version=__version__, documents=documents, summary=summarise(documents))


def _waived_document(folder: Path):
    folder.mkdir()
    shutil.copy(SEED, folder / "甲县.txt")
    (folder / "fzcheck-waivers.yaml").write_text(
        "waivers:\n"
        f"  - rule: {WAIVED_RULE}\n"
        "    document: 甲县.txt\n"
        "    reason: 测试豁免\n"
        "    approved_by: 市委依法治市办\n"
        "    expires: 2099-12-31\n", encoding="utf-8")
    document = Checker(Settings(ignore=(IGNORED_RULE,))).check_file(str(folder / "甲县.txt"))
    assert any(f.waiver for f in document.findings) and any(f.status == "ignored" for f in document.findings)
    return document


def _hostile(document):
    """A report whose path, issuer and evidence would be formulas, were they written raw."""
    findings = []
    for finding in document.findings:
        if finding.status in GAPS and finding.evidence:
            evidence = [finding.evidence[0].model_copy(update={"excerpt": HOSTILE_EXCERPT})]
            finding = finding.model_copy(update={"evidence": evidence})
        findings.append(finding)
    meta = document.meta.model_copy(update={"issuer": HOSTILE_ISSUER})
    return document.model_copy(update={"path": HOSTILE_PATH, "meta": meta, "findings": findings})


@pytest.fixture(scope="module")
def data(result) -> bytes:
    return render_xlsx(result, SETTINGS, now=NOW)


@pytest.fixture(scope="module")
def book(data):
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def _header(sheet) -> list:
    return [cell.value for cell in sheet[1]]


def _rule_ids(result) -> list[str]:
    return list(dict.fromkeys(f.rule for d in result.documents for f in d.findings))


def _expected_cell(finding) -> str:
    if finding.waiver is not None:
        return "已豁免"
    if finding.optional and finding.status in GAPS:
        return OPTIONAL_LABEL
    return STATUS_LABEL[finding.status]


# ----------------------------------------------------------------------------- 汇总


def test_the_sheets_and_the_summary_header(book, result):
    assert book.sheetnames == ["汇总", "问题清单", "说明"]
    header = _header(book["汇总"])
    assert header[:6] == list(SUMMARY_HEADER)
    assert len(header) == 6 + len(_rule_ids(result))
    assert len(set(header)) == len(header), "two columns share a header"
    assert all(len(label) <= 12 for label in header[6:]), header


def test_each_rule_header_carries_its_full_title_and_id(book, result):
    sheet = book["汇总"]
    titles = {f.rule: f.title for d in result.documents for f in d.findings}
    for column, rule in enumerate(_rule_ids(result), start=7):
        note = sheet.cell(row=1, column=column).comment
        assert note is not None and titles[rule] in note.text and rule in note.text


def test_one_row_per_file_and_an_unreadable_file_says_why(book, result):
    rows = _rows(book["汇总"])
    assert [row[0] for row in rows] == [display_path(d.path) for d in result.documents]
    failed = rows[len(list(SEEDS.glob("*.txt")))]
    assert failed[0].endswith("空白.txt")
    assert failed[5].startswith("无法检查：") and "文件是空的" in failed[5]
    assert failed[4] is None and all(cell is None for cell in failed[6:])


def test_verdicts_and_scores(book, result):
    rows = _rows(book["汇总"])
    sheet = book["汇总"]
    for number, (row, document) in enumerate(zip(rows, result.documents), start=2):
        if document.error is None and document.meta.kind == "annual_report":
            assert row[5].startswith("通过" if document.passed else "未通过")
            assert row[4] == pytest.approx(document.score)
            assert sheet.cell(row=number, column=5).number_format == "0.0"
            assert row[3] == document.meta.year
        elif document.error is None:
            assert row[5].startswith("不是年度报告") and row[4] is None


def test_each_rule_cell_shows_the_findings_status(book, result):
    rule_ids = _rule_ids(result)
    for row, document in zip(_rows(book["汇总"]), result.documents):
        found = {f.rule: _expected_cell(f) for f in document.findings}
        assert row[6:] == [found.get(rule) for rule in rule_ids], row[0]
    waived_row = _rows(book["汇总"])[-2]
    assert waived_row[6 + rule_ids.index(WAIVED_RULE)] == "已豁免"
    assert waived_row[6 + rule_ids.index(IGNORED_RULE)] == STATUS_LABEL["ignored"]


def test_colours_tell_the_statuses_apart_and_an_optional_item_is_never_red(book, result):
    sheet = book["汇总"]
    fills: dict[str, set[str]] = {}
    for row in sheet.iter_rows(min_row=2, min_col=7):
        for cell in row:
            if cell.value:
                fills.setdefault(cell.value, set()).add(cell.fill.fgColor.rgb)
    assert all(len(colours) == 1 for colours in fills.values()), fills
    by_text = {text: colours.pop() for text, colours in fills.items()}
    assert len(set(by_text.values())) == len(by_text), by_text
    for text in (*STATUS_LABEL.values(), "已豁免", OPTIONAL_LABEL):
        assert text in by_text, text
    red = by_text[STATUS_LABEL["missing"]]
    other = 6 + _rule_ids(result).index("item.other") + 1
    assert all(sheet.cell(row=r, column=other).fill.fgColor.rgb != red for r in range(2, sheet.max_row + 1))
    assert _greenish(by_text[MET_STYLE]) and _reddish(red)


def _greenish(rgb: str) -> bool:
    r, g, b = (int(rgb[-6:][i:i + 2], 16) for i in (0, 2, 4))
    return g > r and g > b


def _reddish(rgb: str) -> bool:
    r, g, b = (int(rgb[-6:][i:i + 2], 16) for i in (0, 2, 4))
    return r > g and r > b


def test_frozen_headers_filters_and_print_setup(book):
    summary, gaps = book["汇总"], book["问题清单"]
    assert summary.freeze_panes == "B2" and gaps.freeze_panes == "A2"
    for sheet in (summary, gaps):
        assert sheet.auto_filter.ref == sheet.dimensions
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage


def test_column_widths_count_chinese_characters_double_and_are_capped(book):
    sheet = book["汇总"]
    widths = {cell.column_letter: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    issuers = [row[1] for row in _rows(sheet) if row[1]]
    widest = max(sum(2 if "\u4e00" <= ch <= "\u9fff" else 1 for ch in issuer) for issuer in issuers)
    assert widths["B"] >= widest  # 发文机关: 高新区(新市区) needs more than its 8 characters
    assert all(width <= 60 for width in widths.values())
    verdict = sheet.cell(row=2, column=6)
    assert verdict.alignment.wrap_text


# ----------------------------------------------------------------------------- 问题清单


def test_a_gap_row_for_each_gap_to_fix_and_none_for_waived_or_optional_ones(book, result):
    rows = _rows(book["问题清单"])
    assert _header(book["问题清单"]) == list(GAPS_HEADER)
    expected = [(display_path(d.path), f) for d in result.documents
                if d.error is None and d.meta.kind == "annual_report"
                for f in d.findings if f.status in GAPS and f.waiver is None and f.severity != "info"]
    assert len(rows) == len(expected) > 0
    assert sorted((row[0], row[1]) for row in rows) == sorted((path, f.title) for path, f in expected)
    waived_path = display_path(result.documents[-2].path)
    assert not any(row[0] == waived_path and row[1] == _title(result, WAIVED_RULE) for row in rows)
    assert not any(row[1] == _title(result, "item.other") for row in rows)


def test_a_gap_row_says_what_is_missing_how_to_fix_it_and_where(book, result):
    rows = {(row[0], row[1]): row for row in _rows(book["问题清单"])}
    document = result.documents[1]
    for finding in document.findings:
        if finding.status not in GAPS or finding.severity == "info":
            continue
        row = rows[(display_path(document.path), finding.title)]
        assert row[2:6] == [SEVERITY_LABEL[finding.severity], STATUS_LABEL[finding.status], finding.message,
                            finding.advice]
        if finding.evidence:
            assert row[6] == finding.evidence[0].excerpt and row[7] == finding.evidence[0].place


def _title(result, rule: str) -> str:
    return next(f.title for d in result.documents for f in d.findings if f.rule == rule)


# ----------------------------------------------------------------------------- 说明


def test_the_notes_say_when_with_what_and_by_which_rules(book, result):
    text = "\n".join(str(v) for row in book["说明"].iter_rows(values_only=True) for v in row if v is not None)
    assert "2025-03-20 09:30:15" in text and __version__ in text
    assert "2015-2020" in text and "2021-2025" in text
    settings = {row[1]: row[2] for row in book["说明"].iter_rows(values_only=True) if row[0] == "设置"}
    assert settings == {"--profile": "政府（省、市、县）", "--fail-under": "60", "--fail-on": "必备",
                        "--ignore": IGNORED_RULE}  # unset ones (year) are left out
    for document in result.documents:
        for finding in document.findings:
            assert finding.rule in text and finding.title in text
    for label in ("已豁免", OPTIONAL_LABEL, *STATUS_LABEL.values()):
        assert label in text


# ----------------------------------------------------------------------------- safety and determinism


def test_user_text_never_becomes_a_formula(book, data):
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    risky = [cell for cell in cells if cell.value.startswith(FORMULA_START)]
    assert {HOSTILE_PATH, HOSTILE_EXCERPT} <= {cell.value for cell in risky}
    assert any(cell.value.startswith("+1+1") for cell in risky)
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheets = [name for name in package.namelist() if name.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in package.read(name) or b"<f " in package.read(name) for name in sheets)


def test_characters_xml_forbids_are_shown_as_escapes(book):
    issuers = [row[1] for row in _rows(book["汇总"])]
    assert "+1+1\\x1b[31m" in issuers


def test_the_same_result_gives_the_same_bytes(result, data):
    assert render_xlsx(result, SETTINGS, now=NOW) == data
    with zipfile.ZipFile(io.BytesIO(data)) as package:  # the zip's own dates would differ by the second
        assert {entry.date_time for entry in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert render_xlsx(result, SETTINGS, now=datetime(2026, 1, 1)) != data  # only the date differs


def test_column_labels_stay_distinct_from_each_other_and_the_fixed_columns():
    long = "上一年度推进法治政府建设的主要举措和成效"
    titles = {"a.one": long, "a.two": long, "a.three": "文件", "a.four": long + "情况", "a.five": "任意标题"}
    labels = column_labels(titles, {"a.five": "简称"}, SUMMARY_HEADER)
    assert len(set(labels.values())) == len(labels)
    assert not set(labels.values()) & set(SUMMARY_HEADER)
    assert labels["a.three"] == "文件（2）" and labels["a.five"] == "简称"


def test_bytes_are_written_atomically(tmp_path, data):
    target = tmp_path / "out" / "fzcheck.xlsx"
    write_atomic_bytes(target, data)
    assert target.read_bytes() == data
    assert [p.name for p in target.parent.iterdir()] == ["fzcheck.xlsx"]


# ----------------------------------------------------------------------------- CSV


def test_csv_has_a_bom_and_the_summary_rows(result, book):
    raw = render_csv(result)
    assert CSV_ENCODING == "utf-8-sig" and raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode(CSV_ENCODING), newline="")))
    sheet = book["汇总"]
    expected = [[_as_csv(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert rows == expected


def test_csv_neutralises_formulas(result):
    rows = list(csv.reader(io.StringIO(render_csv(result).decode(CSV_ENCODING), newline="")))
    assert "'" + HOSTILE_PATH in [row[0] for row in rows]
    assert not any(cell.startswith(FORMULA_START) for row in rows for cell in row)


def _as_csv(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int):
        return str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


# ----------------------------------------------------------------------------- LibreOffice


@pytest.fixture(scope="module")
def calc():
    """LibreOffice with its spreadsheet component, or a skip (a failure with FZCHECK_REQUIRE_OFFICE=1)."""
    from checker.document.ingest.office import find_soffice

    found = find_soffice()
    program = Path(os.path.realpath(found)).parent if found else None
    if program is None or not any(program.glob("*sclo.*")):
        if os.environ.get("FZCHECK_REQUIRE_OFFICE") == "1":
            pytest.fail("LibreOffice Calc is required (FZCHECK_REQUIRE_OFFICE=1) but not installed")
        pytest.skip("LibreOffice Calc is not installed")
    return found


def test_libreoffice_opens_the_workbook(calc, data, tmp_path):
    source = tmp_path / "fzcheck.xlsx"
    source.write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run([calc, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                          capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "fzcheck.pdf"
    assert done.returncode == 0 and "Error" not in done.stderr, done.stderr
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")


def test_the_time_and_reviewer_the_run_recorded_are_in_the_notes(result):
    from checker.model import RunInfo

    run = RunInfo(checked_at="2025-03-21T08:05:09+08:00", reviewer="张某，市司法局")
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(result.model_copy(update={"run": run}))))
    notes = {row[0]: row[1] for row in book["说明"].iter_rows(values_only=True) if row[0]}
    assert notes["检查时间"] == "2025-03-21 08:05:09" and notes["检查人"] == "张某，市司法局"


def test_without_settings_the_notes_give_the_policy_the_files_were_judged_by(result):
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(result, now=NOW)))
    settings = {row[1]: row[2] for row in book["说明"].iter_rows(values_only=True) if row[0] == "设置"}
    assert settings == {"--fail-under": "60", "--fail-on": "必备"}
