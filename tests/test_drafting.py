"""`fzcheck template` (a starting outline) and `fzcheck diff` (two versions compared)."""

from __future__ import annotations

import re

import pytest

from checker.document.ingest import read_source

from .conftest import SEEDS, finding, run_cli

SEED = SEEDS / "001_7724204651865b79.txt"


@pytest.mark.parametrize("profile", ["government", "township", "department"])
def test_template_has_every_part_and_cannot_pass_until_filled(checker, tmp_path, profile):
    done = run_cli("template", "--year", "2024", "--profile", profile, "-o", str(tmp_path / "草稿"))
    assert done.returncode == 0, done.stderr
    markdown, word = tmp_path / "草稿.md", tmp_path / "草稿.docx"
    assert markdown.is_file() and word.is_file()
    for draft in (markdown, word):
        result = checker.check_file(str(draft))
        parts = {entry.role for entry in result.outline if entry.role}
        assert {"measures", "shortcomings", "first_responsible", "next_year"} <= parts, (draft, parts)
        assert finding(result, "quality.placeholders").status == "missing"
        assert result.passed is False
    text = markdown.read_text(encoding="utf-8")
    assert "2025年度推进法治政府建设的主要安排" in text
    if profile == "department":
        assert "属本单位职责的填写" in text


def test_the_word_template_is_laid_out_as_an_official_document(tmp_path):
    import docx
    from docx.oxml.ns import qn

    target = tmp_path / "草稿.docx"
    assert run_cli("template", "--year", "2024", "-o", str(target)).returncode == 0
    document = docx.Document(str(target))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4, not US Letter
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert document.core_properties.author == "fzcheck"
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings, "the parts are Word headings"
    style = headings[0].style
    assert style.font.color.rgb == docx.shared.RGBColor(0, 0, 0)  # black, not Word's blue
    assert style.element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert document.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert round(document.styles["Normal"].font.size.pt) == 16  # 三号


def test_filled_template_loses_its_placeholders(checker, tmp_path):
    run_cli("template", "--year", "2024", "-o", str(tmp_path / "t.md"))
    text = (tmp_path / "t.md").read_text(encoding="utf-8")
    filled = text.replace("××人民政府", "青山市人民政府").replace("××（主送机关）", "省委、省政府")
    filled = filled.replace("2025年×月×日", "2025年3月20日")
    filled = re.sub(r"【请填写：[^】]*】", "全年组织专题学习12次，审查规范性文件45件，办理复议案件206件，主要原因是基层力量不足。", filled)
    (tmp_path / "filled.md").write_text(filled, encoding="utf-8")
    result = checker.check_file(str(tmp_path / "filled.md"))
    assert finding(result, "quality.placeholders").status == "met"
    assert finding(result, "item.shortcomings").status == "met"


def test_template_for_a_2017_report_follows_the_2015_outline(tmp_path):
    run_cli("template", "--year", "2017", "-o", str(tmp_path / "old.md"))
    text = (tmp_path / "old.md").read_text(encoding="utf-8")
    assert "法治政府建设实施纲要（2015-2020年）" in text
    assert "数字法治政府" not in text and "突发事件" not in text
    assert "依法全面履行政府职能" in text


def test_diff_finds_copied_problems_and_moved_rules(tmp_path):
    this_year = SEED.read_text(encoding="utf-8").replace("2025年法治政府建设重点工作", "2026年法治政府建设重点工作")
    this_year = this_year.replace("2024", "2025").replace("一是持续深化巩固法治政府建设。", "")
    new = tmp_path / "2025.txt"
    new.write_text(this_year, encoding="utf-8")
    done = run_cli("diff", str(SEED), str(new))
    assert done.returncode == 1  # the problems part is last year's
    assert "新版需要修改：“存在的不足和原因”有" in done.stdout  # the headline agrees with the exit code
    assert "存在的不足和原因" in done.stdout and "相同" in done.stdout
    assert "新版第" in done.stdout and "行 · " in done.stdout  # a place a reader finds
    assert "法治政府建设发展不均衡" not in done.stdout.split("与旧版相同")[0]
    page = tmp_path / "diff.html"
    assert run_cli("diff", str(SEED), str(new), "--format", "html", "-o", str(page)).returncode == 1
    html = page.read_text(encoding="utf-8")
    assert "与旧版相同或几乎相同的段落" in html and "<script" not in html
    assert 'class="score down">新版需要修改' in html


def test_diff_of_an_improved_draft(tmp_path):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    draft = tmp_path / "draft.txt"
    draft.write_text("\n".join(lines[:36] + lines[40:]), encoding="utf-8")  # the first draft had no problems part
    done = run_cli("diff", str(draft), str(SEED))
    assert "[改善] item.shortcomings" in done.stdout
    assert "得分变化：+" in done.stdout
    assert done.returncode == 0 and "新版有改进" in done.stdout


def test_diff_with_a_missing_file_exits_2(tmp_path):
    done = run_cli("diff", str(SEED), str(tmp_path / "none.txt"))
    assert done.returncode == 2 and "文件不存在" in done.stdout
    assert read_source(str(SEED)).lines
