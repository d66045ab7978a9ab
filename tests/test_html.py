"""The HTML report: self-contained, escaped, and says what a reviewer needs first."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from checker.model import RunInfo
from checker.render.html import Dashboard, highlight, render_document_html
from checker.render.labels import column_labels

from . import synthetic
from .conftest import ROOT

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
    assert "<link" not in page
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", page)  # the one script is inline: the print toggle
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page)
    assert "@page" in page and "A4" in page


def test_score_verdict_and_gaps_come_first(checker, seed_files):
    page = render_document_html(checker.check_file(str(seed_files[1])))
    markers = ('class="score"', 'class="verdict', "<h2>需要补充或修改的内容", "<h2>全部检查项", "<h2>识别出的报告结构")
    order = [page.index(marker) for marker in markers]
    assert order == sorted(order)
    assert "修改建议" in page and "依据" in page


def test_highlight_marks_terms_and_escapes_the_rest():
    marked = str(highlight("落实<三项制度>和三项制度", ["三项制度"]))
    assert marked == "落实&lt;<mark>三项制度</mark>&gt;和<mark>三项制度</mark>"
    assert str(highlight("（一）复议", ["(一)"])) == "<mark>（一）</mark>复议"


def test_error_document_renders(checker, tmp_path):
    page = render_document_html(checker.check_file(str(tmp_path / "none.txt")))
    assert "无法检查" in page and "文件不存在" in page


# --------------------------------------------------------------------------- who and when


def test_the_report_says_who_checked_it_when_and_by_which_rules():
    page = render_document_html(synthetic.jia(), synthetic.RUN)
    header = page[page.index("<header>"):page.index("</header>")]
    assert "检查时间：2025年3月20日 09:30" in header
    assert "审核人：甲市司法局 李某" in header
    assert f"检查依据：{synthetic.GANGYAO}，规则版本 2026.11" in header
    technical = _printed_footer(page)
    assert "fzcheck 0.0.0" not in technical  # the package's own version, not a golden one
    from checker import __version__
    assert f"fzcheck {__version__}" in technical and "edition-2021-2025" in technical


def test_old_call_sites_still_work_and_leave_a_line_to_sign():
    page = render_document_html(synthetic.jia())
    assert "检查时间" not in page
    assert '审核人：<span class="blank"></span>' in page


def test_check_time_in_words():
    def when(stamp: str) -> str:
        return _header_text(render_document_html(synthetic.yi(), RunInfo(checked_at=stamp)))

    assert "检查时间：2025年1月5日 18:07" in when("2025-01-05T18:07:59+08:00")
    assert "检查时间：2025年1月5日" in when("2025-01-05") and "00:00" not in when("2025-01-05")
    assert "检查时间：昨天下午" in when("昨天下午")  # not ISO: shown as given rather than lost


def test_run_info_now_is_local_iso_to_the_second():
    from datetime import datetime

    run = RunInfo.now("  ")
    moment = datetime.fromisoformat(run.checked_at)
    assert moment.tzinfo is not None and moment.microsecond == 0
    assert run.reviewer is None and RunInfo.now(" 张某 ").reviewer == "张某"


def test_the_dashboard_says_when_too():
    dashboard = Dashboard()
    dashboard.add(synthetic.yi(), "yi.html")
    page = dashboard.render(synthetic.check_result().summary, synthetic.RUN)
    assert "检查时间：2025年3月20日 09:30" in page and "审核人：甲市司法局 李某" in page
    assert "检查时间" not in dashboard.render(synthetic.check_result().summary)


# --------------------------------------------------------------------------- what prints


def _printed_footer(page: str) -> str:
    return lxml_html.fromstring(page).find_class("technical")[0].text_content()


def _header_text(page: str) -> str:
    return lxml_html.fromstring(page).find(".//header").text_content()


def _printed_text(page: str, gaps_only: bool = False) -> str:
    """The text a printout shows, as the print styles decide: screen-only and technical parts left out."""
    tree = lxml_html.fromstring(page)
    hidden = ["toolbar", "screen-only", "tech", "technical"] + (["details"] if gaps_only else [])
    for name in hidden:
        for element in tree.find_class(name):
            element.drop_tree()
    for element in tree.xpath("//script | //style | //head"):
        element.drop_tree()
    return tree.text_content()


RULE_ID = re.compile(r"\b(?:item|area|quality)\.[a-z-]+")


def test_printed_pages_keep_rule_ids_and_paths_to_the_technical_line():
    result = synthetic.check_result()
    for document in result.documents:
        page = render_document_html(document, result.run)
        printed = _printed_text(page)
        assert not RULE_ID.search(printed), (document.path, RULE_ID.search(printed))
        assert "reports/" not in printed and ".yaml" not in printed and "fzcheck" not in printed
        assert "the docx file" not in printed  # an error message's English half stays on screen
        assert document.path in _printed_footer(page)
    broken = render_document_html(synthetic.broken())
    assert synthetic.BROKEN_ZH in _printed_text(broken)


def test_notices_name_rules_by_their_titles():
    page = render_document_html(synthetic.jia())
    assert "未予适用：“举措和成效有数据和具体事例支撑”（上年度统计数据尚未公布）" in page


def test_printing_only_the_gaps_leaves_out_the_details_but_not_the_gaps():
    page = render_document_html(synthetic.jia(), synthetic.RUN)
    full, short = _printed_text(page), _printed_text(page, gaps_only=True)
    assert 'id="gaps-only"' in page and "只打印问题" in page
    for gone in ("全部检查项", "满足的检查项及依据", "识别出的报告结构", "报告基本信息"):
        assert gone in full and gone not in short
    for gap in synthetic.jia().gaps():
        assert gap.title in short and gap.advice in short
    assert "第4段 · " not in short  # a met item's evidence
    assert "“二、存在的不足”下第1段" in short  # a gap's evidence keeps its place


# --------------------------------------------------------------------------- dashboard columns


def _rulebook(name: str) -> tuple[dict[str, str], dict[str, str]]:
    """A built-in rulebook's titles and short labels, by rule id."""
    from checker.rules.rulebook import load_rulebook

    rules = load_rulebook(ROOT / "rules" / name).rules
    return {rule.id: rule.title for rule in rules}, {rule.id: rule.short for rule in rules}


def _assert_distinct(labels: dict[str, str]) -> None:
    assert len(set(labels.values())) == len(labels), labels
    assert all(1 <= len(label) <= 11 for label in labels.values()), labels


def test_column_labels_are_distinct_for_the_real_rulebooks():
    books = [_rulebook("edition-2021-2025.yaml"), _rulebook("edition-2015-2020.yaml")]
    for titles, shorts in books:
        labels = column_labels(titles, shorts)
        _assert_distinct(labels)
        assert labels == shorts  # the rulebook's own labels win
        _assert_distinct(column_labels(titles))  # and without them, the made ones differ too
    # A run over both editions, plus a local rule that has no short label of its own.
    (new, new_short), (old, old_short) = books
    titles = {**old, **{f"new.{rule}": title for rule, title in new.items()},
              "local.extra": new["item.measures"] + "（本地）"}
    shorts = {**old_short, **{f"new.{rule}": short for rule, short in new_short.items()}}
    _assert_distinct(column_labels(titles, shorts))
    _assert_distinct(column_labels(titles))
    made = column_labels(new)
    assert made["item.measures"] == "举措和成效" and "第一责任人" in made["item.first-responsible"]


def test_column_labels_stay_distinct_when_titles_are_alike():
    titles = {"a.one": "某某事项（一）", "a.two": "某某事项（二）", "a.three": "某某事项", "a.four": "x"}
    labels = column_labels(titles)
    assert len(set(labels.values())) == 4 and labels["a.four"] == "x"


def test_dashboard_columns_show_labels_with_full_titles_and_optional_ones_grey():
    dashboard = Dashboard()
    for document in synthetic.many(20):
        dashboard.add(document, None)
    page = dashboard.render(synthetic.check_result().summary)
    tree = lxml_html.fromstring(page)
    heads = tree.xpath("//th[contains(@class, 'rule')]")
    assert [th.get("title").split("（")[0] for th in heads][:2] == [synthetic.RULES["item.measures"][0],
                                                                  synthetic.RULES["item.shortcomings"][0]]
    assert len({th.text_content() for th in heads}) == len(heads) == len(synthetic.RULES)
    labels = {th.get("title").split("（")[-1].split("）")[0]: th.text_content() for th in heads}
    assert labels["item.first-responsible"] == "第一责任人"  # the rulebook's short label
    assert labels["quality.publication"] == "按时向社会公开"  # made from the title: the rule has none
    optional = [th for th in heads if "optional" in th.get("class")]
    assert [th.get("title") for th in optional] == ["其他需要报告的情况（item.other）：可选，不计入统计"]
    chart = tree.get_element_by_id("chart").text_content()
    assert synthetic.RULES["item.measures"][0] in chart and "其他需要报告的情况" not in chart
    row = tree.xpath("//tbody/tr")[0]
    assert len(row.get("data-s")) == len(heads)  # one mark per rule: what the status filter reads
    assert row.get("data-year") == "2021"
