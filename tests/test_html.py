"""The HTML report: self-contained, escaped, and says what a reviewer needs first."""

from __future__ import annotations

import re

from checker.render.html import highlight, render_document_html

HOSTILE = (
    "青山市人民政府关于2024年度法治政府建设情况的报告<script>alert(1)</script>\n"
    "2024年，青山市扎实推进法治政府建设，取得新成效。现将有关情况报告如下：\n"
    "一、主要举措和成效{{ 7*7 }}\n"
    "全年办理行政复议案件206件<img src=x onerror=alert(2)>，{% if 1 %}审结115件{% endif %}。\n"
)


def test_document_text_is_escaped_and_never_runs(checker):
    page = render_document_html(checker.check_text(HOSTILE, name="<b>evil</b>.txt"))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert "主要举措和成效{{ 7*7 }}" in page and "主要举措和成效49" not in page
    assert "{% if 1 %}审结115件{% endif %}" in page
    assert "<b>evil</b>" not in page


def test_page_is_self_contained(checker, seed_files):
    page = render_document_html(checker.check_file(str(seed_files[1])))
    assert not re.search(r"<(?:link|script)\b", page)
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page)
    assert "@page" in page and "A4" in page


def test_score_verdict_and_gaps_come_first(checker, seed_files):
    page = render_document_html(checker.check_file(str(seed_files[1])))
    order = [page.index(marker) for marker in ('class="score"', 'class="verdict', "需要补充或修改的内容", "全部检查项", "识别出的报告结构")]
    assert order == sorted(order)
    assert "修改建议" in page and "依据" in page


def test_highlight_marks_terms_and_escapes_the_rest():
    marked = str(highlight("落实<三项制度>和三项制度", ["三项制度"]))
    assert marked == "落实&lt;<mark>三项制度</mark>&gt;和<mark>三项制度</mark>"
    assert str(highlight("（一）复议", ["(一)"])) == "<mark>（一）</mark>复议"


def test_error_document_renders(checker, tmp_path):
    page = render_document_html(checker.check_file(str(tmp_path / "none.txt")))
    assert "无法检查" in page and "文件不存在" in page
