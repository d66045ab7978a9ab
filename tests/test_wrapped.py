"""Plain text wrapped at one width (copied out of a PDF): paragraphs joined again, file lines kept for evidence."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from checker.document.ingest.layout import PAGE_NUMBER
from checker.document.ingest.text import decode_bytes
from checker.document.ingest.wrapped import MIN_FULL_LINES, SHORT_OF_FULL, paragraphs_from_text
from checker.run.engine import Checker

from .builders import wrap_characters, wrap_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "001_7724204651865b79.txt"
# Paragraphs as a report writes them: no heading number or indent at the start, no line break inside.
PIECES = st.sampled_from(list("法治政府建设年度报告依法行政复议案件，。、；（）“”《》") + ["2023", "206件", "%"])
PARAGRAPH = st.lists(PIECES, min_size=1, max_size=60).map(lambda pieces: "全年" + "".join(pieces))
CJK = "法治政府建设年度报告依法行政复议案件，。、；（）《》"  # every one two columns wide
# (ending as a paragraph does, on a stop: a line of no punctuation shown again and again is a running header)
LONG_PARAGRAPH = st.text(alphabet=st.sampled_from(CJK), min_size=60, max_size=200).map(lambda text: "全年" + text + "。")
# Paragraphs of lengths at least three characters apart: no width is shared by two of them.
UNEVEN_PARAGRAPHS = st.sets(st.integers(min_value=2, max_value=60), min_size=1, max_size=14).flatmap(
    lambda lengths: st.permutations([("全年" + "法治政府建设" * 40)[:3 * n] for n in lengths]))
TEXTS = sorted((Path(__file__).resolve().parent.parent / "bench" / "data").glob("*/*.txt")) + sorted(SEEDS.glob("*.txt"))
# Real texts that arrived wrapped at one width, their lines cut mid-word (行 / 政复议; 习近 / 平法治思想): copy sites' pages.
WRAPPED = {"o23.txt", "l22.txt", "s11.txt",
           # …and a written whole report copied out of a PDF, its lines cut at the page's width
           "es05.txt"}
# Every other real text's lines stay as they are, but for a page's number between dashes (— 1 —: under a table of contents,
# or a PDF's between paragraphs), dropped as furniture, and a web page's character references (&ldquo;…&rdquo;), read as the
# marks they stand for.
DASHED_PAGE_NUMBER = re.compile(r"^\s*[—–-]+\s*\d+\s*[—–-]+\s*$")


def file_lines_of(text: str) -> list[str]:
    """The file lines each joined line was made of, from its number and breaks, in order."""
    lines = []
    for line in paragraphs_from_text(text):
        cuts = [0, *line.breaks, len(line.text)]
        lines += [line.text[a:b] for a, b in zip(cuts, cuts[1:])]
    return lines


@settings(max_examples=200, deadline=None)
@given(UNEVEN_PARAGRAPHS)
def test_a_text_written_a_paragraph_to_a_line_is_left_as_it_is(paragraphs):
    text = "\n".join(paragraphs)
    assert [line.text for line in paragraphs_from_text(text)] == paragraphs


def test_real_reports_and_openings_are_left_as_they_are():
    assert len(TEXTS) > 60
    for path in TEXTS:
        text = decode_bytes(path.read_bytes())[0]  # (some are in GB18030, as bureaus receive them)
        if path.name not in WRAPPED:
            assert [line.text for line in paragraphs_from_text(text)] == [
                html.unescape(line) for line in text.split("\n") if not DASHED_PAGE_NUMBER.match(line)], path.name


def test_a_real_text_wrapped_at_one_width_is_joined_and_keeps_its_file_lines():
    for path in TEXTS:
        if path.name in WRAPPED:
            text = decode_bytes(path.read_bytes())[0]
            joined = [line.text for line in paragraphs_from_text(text)]
            widest = max(map(len, text.split("\n")))
            assert sum(len(line) > 2 * widest for line in joined) >= 2, path.name  # paragraphs made whole again
            # (its lines kept, but for a page's number between them, which is furniture)
            assert file_lines_of(text) == [line for line in text.split("\n") if not PAGE_NUMBER.match(line)]


@settings(max_examples=200, deadline=None)
@given(st.lists(LONG_PARAGRAPH, min_size=MIN_FULL_LINES, max_size=10),
       st.integers(min_value=20, max_value=40), st.booleans())
def test_paragraphs_wrapped_at_one_width_are_joined_again(paragraphs, width, by_columns):
    wrap = (lambda text: wrap_text(text, 2 * width)) if by_columns else (lambda text: wrap_characters(text, width))
    # (a paragraph whose last line fills the width runs on into the next: nothing tells where it ended)
    assume(all(0 < len(p) % width < width - SHORT_OF_FULL for p in paragraphs[:-1]))
    assert [line.text for line in paragraphs_from_text(wrap("\n".join(paragraphs)))] == paragraphs


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(PARAGRAPH, st.just(""), st.just("一、主要举措和成效")), min_size=1, max_size=14)
       .filter(lambda paragraphs: len(set(paragraphs)) == len(paragraphs)),  # a line shown again is a running header
       st.integers(min_value=20, max_value=40))
def test_joined_lines_keep_every_file_line_and_where_it_starts(paragraphs, width):
    wrapped = wrap_characters("\n".join(paragraphs), width)
    assert file_lines_of(wrapped) == wrapped.split("\n")
    joined = paragraphs_from_text(wrapped)
    numbers = [line.number or k for k, line in enumerate(joined, start=1)]
    assert numbers == sorted(numbers)
    assert all(number + len(line.breaks) < (later or len(wrapped.split("\n")) + 1)
               for line, number, later in zip(joined, numbers, [*numbers[1:], None]))


def test_a_heading_number_an_indent_or_a_short_line_starts_a_paragraph():
    body = "全年办理行政复议案件二百零六件，依法纠错十九件，纠错率百分之九点二，较上年有所提高" * 2
    lines = wrap_characters(body, 24).split("\n")
    text = "\n".join([*lines, "一、主要举措和成效全年开展执法检查多次，覆盖全部乡镇", *lines, "\u3000\u3000" + lines[0], *lines])
    joined = [line.text for line in paragraphs_from_text(text)]
    assert joined[0] == body
    assert joined[1].startswith("一、主要举措和成效") and joined[1].endswith(body)
    assert joined[2].startswith("\u3000\u3000") and joined[2].endswith(body)


def test_a_line_a_character_short_of_the_width_is_full():
    assert SHORT_OF_FULL == 1
    line = "全年办理行政复议案件二百零六件，依法纠错十九件，"  # 25 characters
    short = line[:-1]
    text = "\n".join([line, "续行", short, "续行", line, "续行", line, "续行", line, "续行", short[:-2], "新段"])
    assert [p.text for p in paragraphs_from_text(text)] == [line + "续行", short + "续行", line + "续行", line + "续行",
                                                           line + "续行", short[:-2], "新段"]


def test_a_report_wrapped_as_a_pdf_copy_is_judged_as_the_report_and_cites_the_lines_of_its_file(tmp_path):
    original = SEED.read_text(encoding="utf-8")
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text(wrap_text(original, 56), encoding="utf-8")
    checker = Checker()
    before, after = checker.check_file(str(SEED)), checker.check_file(str(wrapped))
    assert {f.rule: f.status for f in after.findings} == {f.rule: f.status for f in before.findings}
    assert (after.meta.kind, after.meta.year, after.meta.level) == (before.meta.kind, before.meta.year, before.meta.level)
    file_lines = wrapped.read_text(encoding="utf-8").split("\n")
    cited = [e for f in after.findings for e in f.evidence if e.excerpt and e.line > 1]
    assert len(cited) > 20
    for evidence in cited:
        start = evidence.excerpt.rstrip("…")[:4]
        assert start in "".join(file_lines[evidence.line - 1:evidence.line + 1]), (evidence.line, evidence.excerpt)
        assert f"第{evidence.line}行" in evidence.place


REPORT_BODY = ("2023年，青山市坚持以习近平法治思想为指导，全面推进法治政府建设，法治政府建设取得新成效。"
               "全年办理行政复议案件二百零六件，依法纠错十九件，行政机关负责人出庭应诉率达到百分之百。"
               "组织开展行政执法案卷评查，评查案卷三百二十卷，发现问题四十六个，已全部整改到位。") * 3


def with_page_furniture(lines: list[str], every: int, furniture) -> list[str]:
    """`lines` with `furniture(page)` after each `every` lines, as a copy out of a PDF carries it."""
    out = []
    for k, line in enumerate(lines, start=1):
        out.append(line)
        if k % every == 0:
            out.append(furniture(k // every))
    return out


@pytest.mark.parametrize("furniture", [lambda page: f"— {page} —", lambda page: f"- {page} -", lambda page: str(page),
                                       lambda page: f"第 {page} 页 共 9 页", lambda page: "青山市2023年度法治政府建设情况报告",
                                       lambda page: "青山市人民政府办公室"],
                         ids=["— 3 —", "- 3 -", "3", "第3页 共9页", "the title again", "a footer"])
def test_page_numbers_and_running_lines_are_left_out_and_a_paragraph_is_joined_across_the_page_break(furniture):
    title = "青山市2023年度法治政府建设情况报告"
    body = wrap_characters(REPORT_BODY, 24).split("\n")
    file_lines = [title, *with_page_furniture(body, 4, furniture)]
    joined = paragraphs_from_text("\n".join(file_lines))
    assert [line.text for line in joined] == [title, REPORT_BODY]
    assert joined[1].number == 2
    cuts = [0, *joined[1].breaks, len(REPORT_BODY)]
    assert [REPORT_BODY[a:b] for a, b in zip(cuts, cuts[1:])] == body  # where each file line of the body began


def test_a_figure_alone_that_no_next_page_follows_is_text_and_one_dressed_as_a_page_number_is_not():
    body = wrap_characters(REPORT_BODY, 24).split("\n")
    stray = [*body[:6], "2023", *body[6:]]
    # a short line, it ends its paragraph as any short line does
    assert [line.text for line in paragraphs_from_text("\n".join(stray))] == ["".join(stray[:7]), "".join(body[6:])]
    dressed = [*body[:6], "— 7 —", *body[6:]]
    assert [line.text for line in paragraphs_from_text("\n".join(dressed))] == [REPORT_BODY]


def test_a_line_shown_once_or_twice_that_is_not_the_first_is_kept():
    """Two showings of a short line may be a heading used twice; only one repeating the title, or three, are a page's."""
    body = wrap_characters(REPORT_BODY, 24).split("\n")  # its last line is short: the heading after it starts anew
    text = "\n".join(["青山市2023年度法治政府建设情况报告", "主要做法", *body, "主要做法", *body])
    assert [line.text for line in paragraphs_from_text(text)] == ["青山市2023年度法治政府建设情况报告", "主要做法", REPORT_BODY,
                                                                 "主要做法", REPORT_BODY]


def _with_footer(footer: str, width: int, times: int) -> list[str]:
    """REPORT_BODY wrapped at `width`, `footer` after its first `times` page breaks (every other line)."""
    body = wrap_characters(REPORT_BODY, width).split("\n")
    lines: list[str] = []
    for k, line in enumerate(body, start=1):
        lines.append(line)
        if k % 2 == 0 and k // 2 <= times:
            lines.append(footer)
    return lines


@pytest.mark.parametrize("footer,width,times,dropped", [
    ("青山市政府", 24, 3, True),           # three showings of a name: a footer
    ("青山市政府", 24, 2, False),          # two may be a heading used twice
    ("青山市府", 24, 3, True),             # four ideographs name something…
    ("南岭镇", 24, 3, False),              # …three may be a paragraph's last words
    ("青" * 40, 50, 3, True),              # forty characters at most…
    ("青" * 41, 50, 3, False),             # …a longer line is text
], ids=["3 times", "twice", "4 ideographs", "3 ideographs", "40 characters", "41 characters"])
def test_what_makes_a_running_line(footer, width, times, dropped):
    lines = _with_footer(footer, width, times)
    text = "".join(line.text for line in paragraphs_from_text("\n".join(lines)))
    assert (footer not in text) is dropped


def test_the_title_shown_once_more_after_the_text_has_begun_is_a_running_header():
    title = "青山市2023年度法治政府建设情况报告"
    body = wrap_characters(REPORT_BODY, 24).split("\n")
    joined = paragraphs_from_text("\n".join([title, *body[:8], title, *body[8:]]))
    assert [line.text for line in joined] == [title, REPORT_BODY]


def test_a_title_the_page_shows_again_and_again_is_no_wrap_width():
    """A portal page repeats its title (banner, breadcrumb, print view): lines of one length, but no wrap."""
    title = "市政府常务会议听取2019年度法治政府建设工作情况汇报"
    lines = [title, "", title, title, "", "4月22日下午，市政府召开常务会议，听取了2019年度法治政府建设工作情况汇报。", "",
             title, title, "", "来源：市政府办公室", "", title, title, "", "分享到："]
    text = "\n".join(lines)
    assert [line.text for line in paragraphs_from_text(text)] == lines


def test_a_list_of_links_padded_to_one_width_is_not_joined():
    """A portal's list, each title padded to its date: lines of one width, each a new item by its bullet."""
    items = [f"· 青山县{unit}2024年度法治政府建设情况报告".ljust(40, " ") + f"2025-03-{day:02d}"
             for unit, day in (("人民政府", 28), ("司法局局机关", 26), ("教育体育局局", 18), ("自然资源局局", 15),
                               ("财政局局机关", 12), ("审计局局机关", 10))]
    assert [line.text for line in paragraphs_from_text("\n".join(items))] == items


def test_a_metadata_block_of_fields_is_no_wrapped_text_and_a_wrapped_text_after_one_is_still_joined():
    block = ["索 引 号：11532601MB0A12345X/2024-00041", "主题分类：政务公开\\法治政府建设", "发布机构：澄江县人民政府办公室",
             "成文日期：2024-03-18", "文\u3000\u3000号：澄政报〔2024〕5号", "发布日期：2024-03-20",
             "标\u3000\u3000题：澄江县人民政府关于2023年度法治政府建设情况的报告", ""]
    opening = ["澄江县人民政府关于2023年度法治政府建设情况的报告", "", "中共澄江县委、县人大常委会：",
               "2023年，县人民政府坚持以习近平新时代中国特色社会主义思想为指导，扎实推进法治政府建设。现将有关情况报告如下："]
    assert [line.text for line in paragraphs_from_text("\n".join(block + opening))] == block + opening
    paragraphs = ["全年办理行政复议案件" + "二百零六件，审结一百九十五件，" * 6 + "纠错率百分之十二。"] * 2
    paragraphs[1] = paragraphs[1].replace("全年", "本年")
    wrapped = wrap_characters("\n".join(paragraphs), 24)
    assert [line.text for line in paragraphs_from_text("\n".join(block) + "\n" + wrapped)] == block + paragraphs


def test_a_title_after_a_table_of_contents_dotted_to_one_width_is_not_joined_to_the_opening():
    entries = [f"{name}{'…' * (20 - len(name))}{page}" for name, page in (
        ("一、2021年度主要举措和成效", 1), ("（一）坚持党的领导", 1), ("（二）完善制度体系", 2), ("（三）严格行政执法", 3),
        ("二、存在的不足和原因", 6), ("三、第一责任人职责情况", 7), ("四、2022年工作安排", 8))]
    title = "岚江省粮食和物资储备局2021年度法治机关建设报告"[:len(entries[0])]
    text = "\n".join(["目　录", *entries, title, "2021年，省粮食和物资储备局坚持以习近平法治思想为指导。现将有关情况报告如下：",
                      "一、2021年度主要举措和成效"])
    assert [line.text for line in paragraphs_from_text(text)] == text.split("\n")
    # …and a page's number between dashes under the contents is furniture, the text being wrapped or not
    assert "— 1 —" not in [line.text for line in paragraphs_from_text("\n".join(["目　录", *entries, "— 1 —", title]))]


def test_a_table_of_contents_beside_long_paragraphs_is_no_wrapped_text():
    entries = [f"青山县{name}2023年度法治政府建设情况报告{'…' * (12 - len(name))}{page}"
               for name, page in (("人民政府", 1), ("司法局", 9), ("教育局", 15), ("公安局", 21), ("民政局", 27), ("财政局", 33))]
    preface = ["根据《法治政府建设与责任落实督察工作规定》要求，" * 4, "为便于相互学习借鉴，现将各单位报告汇编成册。" * 4, "本汇编按单位顺序编排。"]
    text = "\n".join(["前　言", *preface, "", "目　录", *entries])
    # each entry ends at its page number, and a paragraph far longer than the entries' width is a paragraph of its own
    assert [line.text for line in paragraphs_from_text(text)] == text.split("\n")
