"""bench/corpus_agreement.py's second-reviewer figures: what two reviewers agree on, and only that, is scored."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("corpus_agreement", ROOT / "bench" / "corpus_agreement.py")
agreement = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(agreement)


def label(**changes) -> dict:
    items = {key: "absent" for key in agreement.ITEMS}
    areas = {key: "absent" for key in agreement.AREAS}
    base = {"file": "openings/x.txt", "is_annual_report": True, "year": 2024, "level": "county",
            "items": {**items, "measures": "present"}, "areas": {**areas, "rules": "partial"}}
    for group in ("items", "areas"):
        base[group] = {**base[group], **changes.pop(group, {})}
    return {**base, **changes}


def result(statuses: dict[str, str]) -> SimpleNamespace:
    meta = SimpleNamespace(kind="annual_report", year=2024, level="county")
    findings = [SimpleNamespace(rule=rule, status=status, observed=None) for rule, status in statuses.items()]
    return SimpleNamespace(meta=meta, findings=findings)


def test_the_consensus_keeps_what_both_reviewers_gave_and_drops_the_rest():
    first, second = label(areas={"rules": "partial"}), label(areas={"rules": "present"}, year=2023)
    both = agreement.consensus(first, second)
    assert both["areas"]["rules"] is None and both["year"] is None
    assert both["items"]["measures"] == "present" and both["level"] == "county"
    assert agreement.consensus(first, label(is_annual_report=False)) is None


def test_a_label_the_reviewers_split_on_is_not_scored():
    both = agreement.consensus(label(areas={"rules": "partial"}), label(areas={"rules": "present"}))
    pairs, wrong = agreement.compare(both, result({"area.rules": "missing", "item.measures": "met"}))
    assert "area.rules" not in pairs and "year" in pairs
    assert pairs["item.measures"] == [("present", "present")]
    assert wrong == []


def test_the_reviewers_are_compared_measure_by_measure_on_texts_both_call_reports():
    pairs = agreement.reviewer_pairs(label(areas={"rules": "partial"}), label(areas={"rules": "present"}))
    assert pairs["area.rules"] == [("partial", "present")]
    assert len(pairs["areas"]) == len(agreement.AREAS) and len(pairs["items"]) == len(agreement.ITEMS)
    assert list(agreement.reviewer_pairs(label(), label(is_annual_report=False))) == ["kind"]


# every labels file of every set under bench/data (the second reviewer's too)
LABEL_FILES = sorted((path.parent.name, path.name) for path in (ROOT / "bench" / "data").glob("*/labels*.jsonl"))


def test_every_labelled_set_is_found():
    assert {name for name, _ in LABEL_FILES} >= {"complete", "complete-2", "complete-3", "complete-4", "openings-tuning", "openings-heldout",
                                                  *(f"real-openings{n}" for n in ("", "-2", "-3", "-4", "-5", "-6", "-7", "-8", "-9", "-10", "-11", "-12", "-13", "-14", "-15", "-16", "-17", "-18", "-19", "-20", "-21", "-22", "-23", "-24")), "real-lookalikes", "real-lookalikes-2", "real-lookalikes-3"}


@pytest.mark.parametrize("name, labels", LABEL_FILES)
def test_the_labelled_sets_are_in_the_corpus_format(name, labels):
    """bench/data/<set>: every label row names a text that is there, with every item and area, in the scale."""
    import json

    folder = ROOT / "bench" / "data" / name
    rows = [json.loads(line) for line in (folder / labels).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == len({row["file"] for row in rows}) == len(list(folder.glob("*.txt")))
    for row in rows:
        assert (folder / row["file"]).is_file(), row["file"]
        assert row["level"] in {"province", "city", "county", "township", "department", None}, row["file"]
        assert row["level"] is not None or not row["is_annual_report"], row["file"]  # news names no level
        if row["items"] is None and row["areas"] is None and not row["is_annual_report"]:
            continue  # a non-report's topics may be left unlabelled: they are not scored
        assert set(row["items"]) == set(agreement.ITEMS) and set(row["areas"]) == set(agreement.AREAS), row["file"]
        assert set(row["items"].values()) | set(row["areas"].values()) <= {"present", "partial", "absent"}, row["file"]
