"""The probe bench puts each passage where it says and judges only the rule it names."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import probe_agreement  # noqa: E402
from checker.document.ingest.source import Source, lines_from_text  # noqa: E402
from checker.run.engine import Checker  # noqa: E402

PASSAGE = {
    "measures": "全年审核规范性文件46件。",
    "shortcomings": "基层执法力量不足，主要原因是编制有限。",
    "first_responsible": "市长主持召开市政府常务会议4次，专题研究法治政府建设。",
    "next_year": "一是修订《某市行政规范性文件管理办法》。二是建成市级行政执法监督平台。三是开展执法案卷评查。",
}


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


@pytest.mark.parametrize("part", list(PASSAGE))
def test_the_passage_is_the_body_of_its_part(checker: Checker, part: str) -> None:
    probe = {"id": "t1", "rule": "item.measures", "part": part, "expected": "met", "passage": PASSAGE[part]}
    text = probe_agreement.report_for(probe)
    source = Source(path="t1.txt", format="txt", lines=lines_from_text(text), encoding="utf-8")
    document = checker.read(source)[0]
    excerpts = [(s, document.outline.excerpt(s.start, s.end).strip()) for s in document.sentences]
    holding = [s for s, excerpt in excerpts if excerpt in PASSAGE[part]]
    assert holding and all(part in s.roles for s in holding), [s.roles for s in holding]


def test_each_part_gives_its_rule_the_status_of_its_passage(checker: Checker) -> None:
    leader = {"id": "t2", "rule": "item.first-responsible", "part": "first_responsible", "expected": "met",
              "passage": PASSAGE["first_responsible"]}
    slogan = dict(leader, passage="主要负责同志高度重视法治政府建设，切实履行第一责任人职责。")
    assert probe_agreement.judged(checker, leader) == "met"
    assert probe_agreement.judged(checker, slogan) == "partial"


def test_a_probe_of_its_own_year_is_judged_in_that_year(checker: Checker) -> None:
    """A probe written for a 2024 report stands in one: its 2024 act is the year's, not an earlier year's."""
    act = {"id": "t3", "rule": "area.digital", "part": "measures", "expected": "met", "year": 2024,
           "passage": "2024年，建成“智慧城管”平台，接入执法终端120台。"}
    assert probe_agreement.report_for(act).startswith("青山市人民政府2024年法治政府建设年度报告")
    assert probe_agreement.judged(checker, act) == "met"
    assert probe_agreement.judged(checker, {**act, "year": 2025}) == "partial"


def test_the_sets_are_well_formed() -> None:
    import json

    for path in sorted(probe_agreement.PROBES.glob("set_*.jsonl")):
        probes = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert len({p["id"] for p in probes}) == len(probes), path.name
        assert all(p["part"] in probe_agreement.PARTS for p in probes), path.name
        assert all(p["expected"] in ("met", "partial", "missing") for p in probes), path.name
        assert all(isinstance(p.get("year", probe_agreement.YEAR), int) for p in probes), path.name
