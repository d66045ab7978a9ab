"""Golden files: what users see for the five seeds, compared exactly.

Any change to the JSON contract or the HTML report shows up as a diff in
review. After an intended change, regenerate with:

    UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS, run_cli

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
SEED_NAMES = sorted(path.name for path in SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    """One CLI run over the seeds, writing JSON and HTML."""
    out = tmp_path_factory.mktemp("golden")
    done = run_cli("check", "seeds", "--format", "html,json", "-o", str(out), cwd=ROOT)
    assert done.returncode == 1, done.stderr  # the three texts that are not reports fail
    return out


def _compare(actual: str, golden: Path) -> None:
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"missing golden file {golden}; run with UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8"), f"{golden.name} differs; if intended, run with UPDATE_GOLDEN=1"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_json(seed_run, name):
    data = json.loads((seed_run / "fzcheck.json").read_text(encoding="utf-8"))
    (document,) = [d for d in data["documents"] if d["path"].endswith(name)]
    _compare(json.dumps(document, ensure_ascii=False, indent=2) + "\n", GOLDEN / "json" / f"{Path(name).stem}.json")


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_html(seed_run, name):
    page = (seed_run / f"{Path(name).stem}.html").read_text(encoding="utf-8")
    _compare(page, GOLDEN / "html" / f"{Path(name).stem}.html")


def test_run_summary(seed_run):
    data = json.loads((seed_run / "fzcheck.json").read_text(encoding="utf-8"))
    assert {k: data["summary"][k] for k in ("documents", "passed", "failed", "errors", "waived")} == {
        "documents": 5, "passed": 2, "failed": 3, "errors": 0, "waived": 0}
