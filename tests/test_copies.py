"""Copied passages across a batch (checker/run/copies.py).

Reports are built from paragraphs of the seed reports, one slice per unit, so that units share no
text unless a test plants it; a planted paragraph is a unit's work passed off by another, its name,
figures and dates changed.
"""

from __future__ import annotations

import pickle
import random
import re
import subprocess
import sys
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from checker.document.ingest.source import Source, lines_from_text
from checker.run.copies import (CopyReport, CopySettings, DocumentPrints, bands, comparable, find_copies,
                                passage_prints, signatures)

ROOT = Path(__file__).resolve().parent.parent
# The second heading is as long as a passage: it is left out for being a heading, not for its length.
HEADINGS = ("一、主要举措和成效", "二、党政主要负责人履行推进法治建设第一责任人职责情况", "三、下一年度工作打算")

# A paragraph of 青山镇's, and the same as 红星乡 handed it in: its name, dates and figures changed.
ORIGINAL = ("2023年5月，青山镇党委书记主持召开法治政府建设专题会议3次，研究部署年度依法行政重点任务，"
            "青山镇政府常务会议听取法治政府建设工作汇报5次。组织开展领导干部法治培训十二场，参训干部职工达350人次，"
            "领导干部应知应会法律法规清单制度在各村（社区）全面落实，“法治青山”品牌影响持续扩大。")
RENAMED = ("2024年3月，红星乡党委书记主持召开法治政府建设专题会议6次，研究部署年度依法行政重点任务，"
           "红星乡政府常务会议听取法治政府建设工作汇报2次。组织开展领导干部法治培训八场，参训干部职工达120人次，"
           "领导干部应知应会法律法规清单制度在各村（社区）全面落实，“法治红星”品牌影响持续扩大。")
# The same topics in other words: every sentence has a clause rewritten.
REWORDED = ("2023年5月，红星乡党委书记主持召开法治政府建设专题会议3次，逐项明确全年法治建设任务清单和责任分工，"
            "红星乡政府常务会议听取法治政府建设工作汇报5次。组织开展领导干部法治培训十二场，参训干部职工达350人次，"
            "乡党委把学法用法情况纳入干部年度考核的重要内容。")
NUMBERED = re.compile(r"[一二三四五六七八九十]是|^\s*[(（\d①一二三四五六七八九十]")
FORMULA = ("{issuer}深入学习贯彻习近平法治思想，把习近平法治思想作为党委理论学习中心组学习的重要内容，"
           "推动习近平法治思想入脑入心、走深走实、落地见效。")


def _seed_paragraphs() -> list[str]:
    """Body paragraphs of the seed reports (long lines with a full stop), in a fixed order, each once
    (seed 000 repeats some of its own), and none with a number that would make it a heading (一是…)."""
    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        out.extend(line.strip() for line in path.read_text(encoding="utf-8").split("\n")
                   if len(line.strip()) > 60 and "。" in line and not NUMBERED.search(line))
    return list(dict.fromkeys(out))


PARAGRAPHS = _seed_paragraphs()


def text_of(issuer: str, sections: list[list[str]], year: int = 2024) -> str:
    lines = [f"{issuer}{year}年度法治政府建设情况报告"]
    for heading, paragraphs in zip(HEADINGS, sections, strict=False):
        lines += [heading, *paragraphs]
    return "\n".join(lines) + "\n"


def own(unit: int, count: int = 3) -> list[str]:
    """Unit `unit`'s own paragraphs: a slice of the seeds no other unit has."""
    return PARAGRAPHS[unit * count:(unit + 1) * count]


def read(checker, text: str, path: str):
    document, _, _ = checker.read(Source(path=path, format="txt", lines=lines_from_text(text), encoding="utf-8"))
    return document


def prints_of(checker, text: str, path: str, settings: CopySettings = CopySettings()) -> DocumentPrints:
    return passage_prints(read(checker, text, path), settings)


def shingles(text: str, k: int = CopySettings().shingle) -> set[str]:
    return {text[i:i + k] for i in range(len(text) - k + 1)}


def exact_similarity(checker, first: str, second: str) -> float:
    """The true Jaccard similarity of two paragraphs' compared texts, all sentences together."""
    one = "".join(t for _, t in comparable(read(checker, text_of("甲单位", [[first]]), "a.txt")))
    two = "".join(t for _, t in comparable(read(checker, text_of("乙单位", [[second]]), "b.txt")))
    return len(shingles(one) & shingles(two)) / len(shingles(one) | shingles(two))


@pytest.fixture(scope="module")
def pair(checker):
    """青山镇's report, and 红星乡's with 青山镇's paragraph renamed in its first part (line 5)."""
    a = prints_of(checker, text_of("青山镇", [[own(0)[0], ORIGINAL, *own(0)[1:]], own(1)]), "a/青山镇.txt")
    b = prints_of(checker, text_of("红星乡", [[*own(2)[:2], RENAMED, own(2)[2]], own(3)]), "b/红星乡.txt")
    return a, b, find_copies([a, b])


def test_a_planted_copy_is_found_in_both_reports_with_its_places(pair):
    _, _, report = pair
    assert [(link.path, link.other_path) for link in report.links] == [("a/青山镇.txt", "b/红星乡.txt"),
                                                                       ("b/红星乡.txt", "a/青山镇.txt")]
    mine, theirs = report.of("b/红星乡.txt")[0], report.of("a/青山镇.txt")[0]
    assert (mine.count, mine.other_issuer, theirs.other_issuer) == (1, "青山镇", "红星乡")
    [passage] = mine.passages
    # Title line 1, heading line 2, two paragraphs, then the copy; 青山镇 has it after one paragraph.
    assert (passage.line, passage.other_line) == (5, 4)
    assert passage.place == "第5行 · 一、主要举措和成效"
    assert passage.other_place == "第4行 · 一、主要举措和成效"
    assert passage.excerpt.startswith("2024年3月，红星乡") and passage.other_excerpt.startswith("2023年5月，青山镇")
    assert passage.sentences == 2 and passage.chars == len(RENAMED)
    assert [(p.line, p.other_line) for p in theirs.passages] == [(4, 5)]


def test_a_copy_in_a_wrapped_text_is_found_and_placed_on_the_lines_of_its_file(checker):
    """红星乡's report as text copied out of a PDF: every paragraph broken into lines of 24 characters."""
    from checker.document.ingest.wrapped import paragraphs_from_text

    from .builders import wrap_characters

    a = prints_of(checker, text_of("青山镇", [[own(0)[0], ORIGINAL, *own(0)[1:]], own(1)]), "a/青山镇.txt")
    text = text_of("红星乡", [[*own(2)[:2], RENAMED, own(2)[2]], own(3)])
    wrapped = wrap_characters(text, 24)
    document, _, _ = checker.read(Source(path="b/红星乡.txt", format="txt", lines=paragraphs_from_text(wrapped)))
    [passage] = find_copies([a, passage_prints(document)]).of("b/红星乡.txt")[0].passages
    first_line = wrapped.split("\n").index(RENAMED[:24]) + 1
    assert passage.line == first_line and passage.place == f"第{first_line}行 · 一、主要举措和成效"
    assert passage.excerpt.startswith("2024年3月，红星乡") and passage.chars == len(RENAMED)


def test_figures_names_and_dates_changed_read_the_same(pair, checker):
    a, b, report = pair
    [passage] = report.of("b/红星乡.txt")[0].passages
    assert passage.similarity >= 0.95
    compared = {line: t for line, t in ((s.line, t) for s, t in comparable(read(checker, text_of(
        "红星乡", [[*own(2)[:2], RENAMED]]), "b.txt")))}
    assert not any(ch.isdigit() for ch in compared[5])
    # The unit's name, also without its suffix (法治红星), a Chinese figure with its unit, punctuation.
    assert "红星" not in compared[5] and "八场" not in compared[5] and "，" not in compared[5]


def test_the_summary_says_with_whom_how_many_and_how_much(pair):
    _, b, report = pair
    link = report.of("b/红星乡.txt")[0]
    assert link.share == pytest.approx(len(RENAMED) / b.body_chars, abs=1e-4)
    assert link.summary == f"与青山镇报告雷同段落1处，约占全文{round(link.share * 100)}%"


def test_a_paraphrase_with_rewritten_clauses_is_no_copy(checker):
    assert exact_similarity(checker, ORIGINAL, REWORDED) < CopySettings().similarity  # the plant is below it
    a = prints_of(checker, text_of("青山镇", [[ORIGINAL, *own(0)]]), "a.txt")
    b = prints_of(checker, text_of("红星乡", [[REWORDED, *own(1)]]), "b.txt")
    assert find_copies([a, b]).links == []


def test_one_units_two_versions_are_not_copying_but_another_units_are(checker):
    draft = prints_of(checker, text_of("青山镇", [[ORIGINAL, *own(0)], own(1)]), "草稿.txt")
    final = prints_of(checker, text_of("青山镇人民政府", [[RENAMED.replace("红星乡", "青山镇"), *own(0)], own(1)]), "定稿.txt")
    assert draft.unit == final.unit == "青山镇"
    assert find_copies([draft, final]).links == []
    other = prints_of(checker, text_of("红星乡", [[RENAMED, *own(0)], own(1)]), "红星乡.txt")
    assert {link.path for link in find_copies([draft, other]).links} == {"草稿.txt", "红星乡.txt"}


def test_reports_without_a_named_issuer_are_different_units(pair):
    a, b, _ = pair
    unnamed = [replace(a, issuer=None, unit=""), replace(b, issuer=None, unit="")]
    assert len(find_copies(unnamed).links) == 2
    assert find_copies([a, replace(b, issuer="青山镇人民政府", unit="青山镇")]).links == []


@pytest.fixture(scope="module")
def many(checker):
    """Twelve units, each with the formula; 红星乡 (unit 11) copied 青山镇's (unit 0) paragraph."""
    issuers = ["青山镇", "白河乡", "东湖街道", "南岭镇", "西城街道", "云岭乡", "江北镇", "临川乡", "长宁镇",
               "石桥乡", "柳林镇", "红星乡"]
    texts = []
    for n, issuer in enumerate(issuers):
        first = [FORMULA.format(issuer=issuer), *own(n, 2)]
        if n == 0:
            first.append(ORIGINAL)
        if n == len(issuers) - 1:
            first.append(RENAMED)
        texts.append((f"{n:02d}.txt", text_of(issuer, [first])))
    return [prints_of(checker, text, path) for path, text in texts]


def test_a_formula_many_reports_share_is_no_copy(many):
    report = find_copies(many)
    assert report.stock_limit == 5 and report.stock >= len(many)
    assert [(link.path, link.other_path) for link in report.links] == [("00.txt", "11.txt"), ("11.txt", "00.txt")]
    assert all("习近平法治思想" not in p.excerpt for link in report.links for p in link.passages)


def test_the_formula_is_a_copy_when_too_few_reports_have_it(many):
    # Four reports: fewer than stock_min, so the formula they share is reported like any passage.
    report = find_copies(many[:4])
    assert report.stock == 0 and len(report.links) == 4 * 3


def test_stock_limit_is_more_than_the_share_and_at_least_the_minimum():
    settings = CopySettings(stock_share=0.05, stock_min=5)
    assert [settings.stock_limit(n) for n in (1, 10, 100, 119, 120, 1000)] == [5, 5, 6, 6, 7, 51]


def test_a_batch_of_one_has_no_copies(pair):
    a, _, _ = pair
    assert find_copies([a]) == CopyReport(documents=1, passages=len(a), stock_limit=5)
    assert find_copies([a, a]).documents == 1  # the same file given twice is compared once
    assert find_copies([]).links == []


def test_empty_documents_and_missing_ones_are_no_trouble(checker, pair):
    a, b, expected = pair
    empty = prints_of(checker, "", "empty.txt")
    title_only = prints_of(checker, "青山镇2024年度法治政府建设情况报告", "title.txt")
    assert len(empty) == len(title_only) == 0 and pickle.loads(pickle.dumps(empty)).places_and_excerpts() == ([], [])
    report = find_copies([empty, None, a, title_only, b])
    assert report.documents == 4 and report.links == expected.links


@pytest.mark.parametrize("other", [{"num_perm": 32}, {"shingle": 5}, {"min_chars": 10}, {"erase": ["x"]}])
def test_prints_made_with_other_settings_are_refused(pair, other):
    a, b, _ = pair
    with pytest.raises(ValueError, match="compared with"):
        find_copies([a, b], CopySettings(**other))
    assert find_copies([a, b], CopySettings(similarity=0.9, shown=1, stock_min=3)).links  # these only compare


@pytest.mark.parametrize("bad", [{"similarity": 1.5}, {"shingle": 0}, {"erase": ["[unclosed"]}, {"bands": 4}])
def test_settings_are_validated(bad):
    with pytest.raises(ValidationError):
        CopySettings(**bad)


def test_output_order_does_not_depend_on_input_order(many):
    expected = find_copies(many).model_dump()
    shuffled = list(many)
    random.Random(3).shuffle(shuffled)
    assert find_copies(shuffled).model_dump() == expected


def test_short_sentences_are_not_passages(checker):
    short = "全面履行法治建设主体责任。"  # 12 characters: shorter than min_chars
    prints = prints_of(checker, text_of("青山镇", [[ORIGINAL, short]]), "a.txt")
    assert 3 in prints.lines and 4 not in prints.lines
    assert 4 in prints_of(checker, text_of("青山镇", [[ORIGINAL, short]]), "a.txt", CopySettings(min_chars=8)).lines


def test_each_passage_counts_once_however_often_the_other_report_has_it(checker, pair):
    a, _, _ = pair
    twice = prints_of(checker, text_of("红星乡", [[*own(2)[:2], RENAMED, RENAMED, own(2)[2]], own(3)]), "b.txt")
    mine, theirs = (find_copies([a, twice]).of(path)[0] for path in ("b.txt", "a/青山镇.txt"))
    assert [(p.line, p.other_line) for p in mine.passages] == [(5, 4), (6, 4)]
    assert [(p.line, p.other_line) for p in theirs.passages] == [(4, 5)] and theirs.sentences == 2


def test_only_pairs_at_the_threshold_are_copies():
    """Three one-passage reports: b agrees with a on 56 of 64 minima (0.875), c on 40 (0.625); each
    agrees on whole bands, so all are candidates, and the estimate decides."""
    rng = np.random.default_rng(0)
    base = rng.integers(0, 2**16, size=(1, 64), dtype=np.uint16)
    near, far = base.copy(), base.copy()
    near[0, 56:] += 1
    far[0, 40:] += 1
    one = np.array([3], np.int32)
    reports = [DocumentPrints(path, path, path, 100, sig, one, np.array([50], np.int32),
                              zlib.compress("p\x1fp".encode()), CopySettings().prints_key())
               for path, sig in (("a", base), ("b", near), ("c", far))]
    links = find_copies(reports).links
    assert [(link.path, link.other_path, link.passages[0].similarity) for link in links] == [
        ("a", "b", 0.88), ("b", "a", 0.88)]


def test_headings_and_title_are_not_passages(pair):
    a, _, _ = pair
    # Title 1, heading 2, paragraphs 3–6, heading 7, paragraphs 8–10.
    assert 4 in a.lines and set(a.lines) <= {3, 4, 5, 6, 8, 9, 10}
    places, excerpts = a.places_and_excerpts()
    assert len(places) == len(excerpts) == len(a) and all(len(e) <= 80 for e in excerpts)


def test_the_prints_of_a_seed_report_pickle_small(checker):
    path = next((ROOT / "seeds").glob("001_*.txt"))
    prints = prints_of(checker, path.read_text(encoding="utf-8"), str(path))
    assert len(prints) > 50
    assert prints.signatures.shape == (len(prints), 64) and prints.signatures.dtype == np.uint16
    blob = pickle.dumps(prints)
    assert len(blob) < 250 * len(prints) + 1024, len(blob)  # 128 bytes of signature, the rest its texts
    back = pickle.loads(blob)
    assert np.array_equal(back.signatures, prints.signatures)
    assert back.places_and_excerpts() == prints.places_and_excerpts()


def test_signatures_are_the_same_in_another_process():
    code = "import numpy as np; from checker.run.copies import signatures, CopySettings; " \
           "print(signatures([np.arange(19968, 20000, dtype=np.uint32)], CopySettings()).tobytes().hex())"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                           env={"PYTHONHASHSEED": "12345", "PATH": ""}).stdout.strip()
    assert other == signatures([np.arange(19968, 20000, dtype=np.uint32)], CopySettings()).tobytes().hex()


def test_the_signature_estimates_the_jaccard_similarity():
    rng = np.random.default_rng(5)
    errors = []
    for changed in range(0, 30, 2):
        base = rng.integers(0x4E00, 0x9FA5, size=80).astype(np.uint32)
        other = base.copy()
        other[rng.choice(80, size=changed, replace=False)] = rng.integers(0x4E00, 0x9FA5, size=changed)
        a, b = (shingles(x.tobytes().decode("utf-32-le")) for x in (base, other))
        first, second = signatures([base, other], CopySettings())
        errors.append(abs((first == second).mean() - len(a & b) / len(a | b)))
    assert max(errors) < 0.15 and np.mean(errors) < 0.06


def test_bands_find_a_pair_at_the_threshold_almost_always():
    count, rows = bands(64, 0.8)
    assert count * rows <= 64 and 1 - (1 - 0.8 ** rows) ** count >= 0.99
    assert 1 - (1 - 0.8 ** (rows + 1)) ** (64 // (rows + 1)) < 0.99  # and no more rows than that allows


def test_real_reports_share_nothing_until_one_copies_another(checker):
    """The seed reports are five units' own texts; then 高新区 (seed 003) takes three paragraphs of
    克拉玛依市's (seed 001, lines 4, 6 and 8) after its line 12, with its own name and other figures."""
    texts = {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))}
    prints = {name: prints_of(checker, text, name) for name, text in texts.items()}
    assert find_copies(prints.values()).links == []
    source = texts["001"].split("\n")
    taken = [re.sub(r"\d+", "7", source[n - 1].replace("克拉玛依市", "高新区(新市区)")) for n in (4, 6, 8)]
    lines = texts["003"].split("\n")
    prints["003"] = prints_of(checker, "\n".join(lines[:12] + taken + lines[12:]), "003")
    links = find_copies(prints.values()).links
    assert [(link.path, link.other_path) for link in links] == [("001", "003"), ("003", "001")]
    assert [(p.line, p.other_line) for p in links[1].passages] == [(13, 4), (14, 6), (15, 8)]
    assert [p.place.split(" ")[0] for p in links[1].passages] == ["第13行", "第14行", "第15行"]


# ----------------------------------------------------------------------------- in a run


def test_a_run_over_a_folder_shows_copied_passages_in_json_dashboard_and_spreadsheet(tmp_path):
    import json

    import openpyxl

    from .conftest import SEEDS, run_cli

    folder = tmp_path / "各镇报告"
    folder.mkdir()
    original = (SEEDS / "001_7724204651865b79.txt").read_text(encoding="utf-8")
    (folder / "甲.txt").write_text(original, encoding="utf-8")
    (folder / "乙.txt").write_text(original.replace("克拉玛依市", "青山市"), encoding="utf-8")  # another unit copied it
    (folder / "丙.txt").write_text((SEEDS / "003_eed9f17129c08ac0.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("check", str(folder), "-f", "html,json,xlsx", "-o", str(out), "-q")
    assert done.returncode in (0, 1), done.stderr
    links = json.loads((out / "fzcheck.json").read_text(encoding="utf-8"))["summary"]["copies"]
    pairs = {(Path(link["path"]).name, Path(link["other_path"]).name) for link in links}
    assert pairs == {("甲.txt", "乙.txt"), ("乙.txt", "甲.txt")}  # 丙 shares only the formulas every report has
    assert all(link["share"] > 0.5 and "雷同段落" in link["summary"] for link in links)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "不同单位报告的雷同段落（1 对）" in page and "与青山市报告雷同段落" in page
    sheet = openpyxl.load_workbook(out / "fzcheck.xlsx")["雷同段落"]
    assert sheet.max_row > 2 and sheet.cell(row=2, column=4).value in ("青山市", "克拉玛依市")


def test_one_file_is_no_batch_and_is_not_compared(tmp_path):
    import json

    from .conftest import SEEDS, run_cli

    done = run_cli("check", str(SEEDS / "001_7724204651865b79.txt"), "-f", "json")
    assert json.loads(done.stdout)["summary"]["copies"] == []


def test_a_report_many_units_copied_whole_is_copying_however_common(tmp_path):
    """Six units hand in one report under their own names: each pair is flagged, not taken for a formula."""
    from checker.run.engine import Checker, Settings

    from .conftest import SEEDS

    text = (SEEDS / "003_eed9f17129c08ac0.txt").read_text(encoding="utf-8")
    checker = Checker(Settings())
    prints = [prints_of(checker, text.replace("高新区(新市区)", f"第{n}区"), f"{n}.txt") for n in range(6)]
    report = find_copies(prints)
    assert report.stock_limit == 5
    assert len(report.links) == 6 * 5 and all(link.share > 0.8 for link in report.links)
