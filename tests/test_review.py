"""The reviewer's marked-up copy (checker/review.py): the draft with a Word comment at every gap."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from checker.concepts import STATUS_LABEL
from checker.document.ingest import read_source
from checker.errors import FzError
from checker.review import initials, review_copy, review_name

from .builders import CN_L1, build_docx, build_html, build_pdf, report_lines
from .conftest import SEEDS, finding

REVIEWER = "青山市司法局 张三"
WHEN = datetime(2025, 3, 10, 9, 30)
SEED_003 = next(SEEDS.glob("003_*.txt"))  # 2017, a district; shortcomings and plan in one last part (九、)
SEED_001 = next(SEEDS.glob("001_*.txt"))  # 2024, a city; no title line


def fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).rstrip("…")


def without_part(lines: list[str], marker: str) -> tuple[list[str], str]:
    """The lines with the top-level part numbered `marker` taken out, and the line just before it."""
    start = next(i for i, line in enumerate(lines) if line.startswith(marker))
    end = next((i for i in range(start + 1, len(lines)) if CN_L1.match(lines[i])), len(lines))
    return lines[:start] + lines[end:], lines[start - 1]


class Marked:
    """A marked-up copy, opened: each comment with the paragraph it is anchored at."""

    def __init__(self, data: bytes):
        self.document = docx.Document(io.BytesIO(data))
        self.comments = {c.comment_id: c for c in self.document.comments}
        self.anchored: dict[int, str] = {}
        for p in self.document.element.body.iter(qn("w:p")):
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            for start in p.iter(qn("w:commentRangeStart")):
                self.anchored[int(start.get(qn("w:id")))] = text

    def about(self, title: str) -> list[tuple[str, str]]:
        """(comment text, anchored paragraph text) of the comments on the rule titled `title`."""
        return [(c.text, self.anchored[i]) for i, c in self.comments.items() if c.text.split("\n")[0].endswith(title)]


def paragraph_texts(document) -> list[str]:
    """Every paragraph of the body, table cells included, as Word shows its characters."""
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in document.element.body.iter(qn("w:p"))]


@pytest.fixture(scope="module")
def cut_003(tmp_path_factory, checker):
    """Seed 003 as Word, its last part (不足 and 打算) deleted: partial and missing findings."""
    lines, before = without_part(report_lines(SEED_003), "九、")
    path = build_docx(lines, tmp_path_factory.mktemp("review") / "高新区2017年报告.docx")
    result = checker.check_file(str(path))
    return path, result, before, review_copy(str(path), result, REVIEWER, WHEN, checker=checker)


def test_the_cut_report_has_the_gaps_the_tests_rely_on(cut_003):
    _, result, _, _ = cut_003
    statuses = {f.rule: f.status for f in result.gaps()}
    assert statuses["item.shortcomings"] == "missing" and statuses["item.next-year"] == "missing"
    assert "partial" in statuses.values()
    assert finding(result, "item.other").status == "missing" and "item.other" not in statuses  # optional


def test_each_partial_finding_is_commented_at_its_evidence(cut_003):
    _, result, _, data = cut_003
    marked = Marked(data)
    partial = [f for f in result.gaps() if f.status == "partial"]
    for f in partial:
        comments = marked.about(f.title)
        assert len(comments) == 1, f.rule
        text, paragraph = comments[0]
        assert "【" in text and STATUS_LABEL["partial"] in text.split("\n")[0]
        assert f.message.strip() in text and f.advice.strip() in text
        assert fold(f.evidence[0].excerpt) in fold(paragraph), (f.rule, paragraph)


def test_each_missing_part_is_commented_where_it_belongs(cut_003):
    _, result, before, data = cut_003
    marked = Marked(data)
    missing = [f for f in result.gaps() if f.status == "missing"]
    assert missing
    for f in missing:
        comments = marked.about(f.title)
        assert len(comments) == 1, f.rule
    # The deleted part came after the achievements: its comment is on their last paragraph.
    text, paragraph = marked.about(finding(result, "item.shortcomings").title)[0]
    assert fold(paragraph) and fold(paragraph) in fold(before)
    assert "本段之后" in text and "存在的不足和原因" in text


def test_the_summary_is_on_the_title_with_score_verdict_and_gaps(cut_003):
    _, result, _, data = cut_003
    marked = Marked(data)
    title = result.meta.title
    on_title = [c.text for i, c in marked.comments.items() if fold(title) in fold(marked.anchored[i])]
    summary = next(text for text in on_title if "得分" in text)
    assert f"{result.score:g}" in summary and result.verdict in summary
    for f in result.gaps():
        assert f.title in summary
    optional = finding(result, "item.other")
    assert all(optional.title not in c.text for c in marked.comments.values())


def test_one_comment_per_gap_and_one_summary(cut_003):
    _, result, _, data = cut_003
    assert len(Marked(data).comments) == len(result.gaps()) + 1  # no violations in this report


def test_comments_are_the_reviewers(cut_003):
    _, _, _, data = cut_003
    marked = Marked(data)
    assert {c.author for c in marked.comments.values()} == {REVIEWER}
    assert {c.initials for c in marked.comments.values()} == {"张三"}
    assert {c.timestamp.astimezone().replace(tzinfo=None) for c in marked.comments.values()} == {WHEN}
    core = marked.document.core_properties
    assert "python-docx" not in (core.author or "") + (core.last_modified_by or "") + (core.comments or "")
    assert core.last_modified_by == REVIEWER


def test_the_text_of_a_word_file_is_unchanged(cut_003, checker, tmp_path):
    path, result, _, data = cut_003
    assert paragraph_texts(docx.Document(str(path))) == paragraph_texts(docx.Document(io.BytesIO(data)))
    copy = tmp_path / "copy.docx"
    copy.write_bytes(data)
    assert [line.text for line in read_source(str(copy)).lines] == [line.text for line in read_source(str(path)).lines]
    again = checker.check_file(str(copy))
    assert [(f.rule, f.status) for f in again.findings] == [(f.rule, f.status) for f in result.findings]


@pytest.fixture(scope="module")
def violations(tmp_path_factory, checker):
    """Seed 001 with a title, a placeholder in the text and in a table, an outdated term and a wrong plan year."""
    lines, _ = without_part(report_lines(SEED_001), "三、")
    lines = ["克拉玛依市人民政府关于2024年度法治政府建设情况的报告", *lines]
    lines = [line.replace("四、2025年", "四、2024年") for line in lines]
    index = next(i for i, line in enumerate(lines) if line.startswith("一是全面加强人民调解工作"))
    lines[index] += "全年共调解纠纷XX件。深入开展“七五”普法。"
    path = build_docx(lines, tmp_path_factory.mktemp("violations") / "克拉玛依.docx",
                      table_rows=[["指标", "数值"], ["行政复议案件", "XX件"]])
    result = checker.check_file(str(path))
    return result, Marked(review_copy(str(path), result, REVIEWER, WHEN, checker=checker))


@pytest.mark.parametrize("rule", ["quality.placeholders", "quality.outdated-terms", "quality.year-consistency"])
def test_each_violation_is_commented_where_it_is(violations, rule):
    result, marked = violations
    f = finding(result, rule)
    assert f.status == "missing" and f.evidence
    comments = marked.about(f.title)
    assert len(comments) == len(f.evidence)
    for evidence in f.evidence:
        # In a table row the comment is on the cell: the row's text holds the excerpt, the cell the term.
        assert any(fold(evidence.excerpt) in fold(paragraph) or
                   (fold(paragraph) in fold(evidence.excerpt) and any(t in paragraph for t in evidence.terms))
                   for _, paragraph in comments), evidence


def test_a_placeholder_in_a_table_is_commented_on_its_cell(violations):
    result, marked = violations
    f = finding(result, "quality.placeholders")
    assert "XX件" in [paragraph for _, paragraph in marked.about(f.title)]


def test_text_input_becomes_a_word_file_of_its_lines(tmp_path, checker):
    lines, _ = without_part(report_lines(SEED_001), "三、")
    path = tmp_path / "克拉玛依.txt"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    result = checker.check_file(str(path))
    marked = Marked(review_copy(str(path), result, None, WHEN, checker=checker))
    document = marked.document
    assert [p.text for p in document.paragraphs] == [line.strip() for line in lines]
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["二、法治政府建设主要举措及成效"] == "Heading 1"
    assert styles["(一)不断健全政府机构职能,营造法治化营商环境"] == "Heading 2"
    assert styles[lines[0]] == "Normal"
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "仿宋"
    assert document.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert document.core_properties.author == "fzcheck"
    assert {c.author for c in marked.comments.values()} == {"fzcheck"}
    missing = finding(result, "item.shortcomings")
    assert missing.status == "missing" and len(marked.about(missing.title)) == 1
    assert len(marked.comments) == len(result.gaps()) + 1


def test_a_missing_area_is_commented_at_the_end_of_the_achievements(tmp_path, checker):
    lines = report_lines(SEED_001)
    dropped = ("突发", "应急", "数字", "数据", "信息化")
    lines = [line for line in lines if not any(word in line for word in dropped)]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = checker.check_file(str(path))
    area = finding(result, "area.emergencies")
    assert area.status == "missing"
    shortcomings = next(i for i, line in enumerate(lines) if line.startswith("三、"))
    text, paragraph = Marked(review_copy(str(path), result, REVIEWER, WHEN, checker=checker)).about(area.title)[0]
    assert paragraph == lines[shortcomings - 1] and "主要举措和成效" in text


@pytest.mark.parametrize("build,suffix", [(build_pdf, ".pdf"), (build_html, ".html")])
def test_pdf_and_web_pages_become_word_files_with_comments(tmp_path, checker, build, suffix):
    lines, _ = without_part(report_lines(SEED_003), "九、")
    path = build(lines, tmp_path / f"report{suffix}")
    result = checker.check_file(str(path))
    assert result.error is None
    marked = Marked(review_copy(str(path), result, REVIEWER, WHEN, checker=checker))
    texts = [p.text for p in marked.document.paragraphs]
    source = [line.text.strip() for line in read_source(str(path)).lines if line.text.strip()]
    assert texts == source
    assert len(marked.comments) >= len(result.gaps()) + 1
    shortcomings = finding(result, "item.shortcomings")
    assert shortcomings.status == "missing" and len(marked.about(shortcomings.title)) == 1
    for gap in (f for f in result.gaps() if f.status == "partial" and f.evidence):
        assert fold(gap.evidence[0].excerpt) in fold(marked.about(gap.title)[0][1]), gap.rule


def test_evidence_not_found_is_commented_on_the_title_saying_where(cut_003, checker):
    path, result, _, _ = cut_003
    gap = next(f for f in result.gaps() if f.status == "partial")
    lost = gap.evidence[0].model_copy(update={"line": 9999, "excerpt": "报告里没有的一句话", "place": "第99段"})
    changed = result.model_copy(update={"findings": [f.model_copy(update={"evidence": [lost]}) if f is gap else f
                                                     for f in result.findings]})
    marked = Marked(review_copy(str(path), changed, REVIEWER, WHEN, checker=checker))
    text, paragraph = marked.about(gap.title)[0]
    assert fold(result.meta.title) in fold(paragraph)
    assert "未能在文中定位" in text and "第99段" in text


def test_evidence_with_other_words_falls_back_to_its_line(tmp_path, checker):
    lines = report_lines(SEED_001)
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = checker.check_file(str(path))
    gap = next(f for f in result.gaps() if f.evidence)
    moved = gap.evidence[0].model_copy(update={"line": 5, "excerpt": "改写过的文字"})
    changed = result.model_copy(update={"findings": [f.model_copy(update={"evidence": [moved]}) if f is gap else f
                                                     for f in result.findings]})
    marked = Marked(review_copy(str(path), changed, REVIEWER, WHEN, checker=checker))
    assert marked.about(gap.title)[0][1] == lines[4]


@pytest.mark.parametrize("content,name", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "encrypted.docx"),  # what Word writes for a password
    (b"PK\x03\x04" + b"\x00" * 200, "garbage.docx"),
])
def test_an_unreadable_file_raises_the_checkers_error(tmp_path, checker, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    result = checker.check_file(str(path))
    assert result.error is not None
    with pytest.raises(FzError) as raised:
        review_copy(str(path), result, REVIEWER, checker=checker)
    assert raised.value.code == result.error.code
    assert name in raised.value.message()


def test_a_file_whose_check_failed_gets_no_copy(tmp_path, checker):
    from checker.run.engine import failed

    path = tmp_path / "r.txt"
    path.write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    result = failed(str(path), FzError("timeout", "检查超时", "timed out"))
    with pytest.raises(FzError) as raised:
        review_copy(str(path), result, checker=checker)
    assert raised.value.code == "timeout"


def test_names_and_initials():
    assert review_name("报告.docx") == "报告.docx.审核意见.docx"
    assert review_name("教育局/报告.docx-2.html") == "教育局/报告.docx-2.审核意见.docx"
    assert initials("青山市司法局 张三") == "张三"
    assert initials("fzcheck") == "FZ"
    assert initials("John Smith") == "JS"


def _soffice() -> str | None:
    found = shutil.which("soffice") or ("/usr/bin/soffice" if os.path.exists("/usr/bin/soffice") else None)
    if found is None and os.environ.get("FZCHECK_REQUIRE_OFFICE") == "1":
        pytest.fail("LibreOffice is required (FZCHECK_REQUIRE_OFFICE=1) but not installed")
    return found


def _convert(soffice: str, path: Path, fmt: str, folder: Path) -> Path:
    out = folder / fmt
    done = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={(folder / 'profile').as_uri()}",
         "--convert-to", fmt, "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(folder)},
    )
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr, done.stderr
    return out / f"{path.stem}.{fmt}"


def test_libreoffice_opens_the_copy_with_its_comments(cut_003, tmp_path):
    soffice = _soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    _, result, _, data = cut_003
    path = tmp_path / "marked.docx"
    path.write_bytes(data)
    pdf = _convert(soffice, path, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    again = _convert(soffice, path, "docx", tmp_path)  # written back by LibreOffice: it read every comment
    assert len(docx.Document(str(again)).comments) == len(result.gaps()) + 1
