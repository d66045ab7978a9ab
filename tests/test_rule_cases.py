"""Data-driven rule cases: tests/rules/<rule-id>.yaml holds texts that must meet or miss each rule."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.rulebook import builtin_editions, load_rulebook

from .conftest import finding

CASE_DIR = Path(__file__).parent / "rules"


def _load_cases():
    for path in sorted(CASE_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}:{case['name']}")


@pytest.mark.parametrize("rule_id,case", list(_load_cases()))
def test_rule_case(checker, rule_id, case):
    result = checker.check_text(case["text"], name=f"{rule_id}.txt")
    assert result.error is None, result.error
    found = finding(result, rule_id)
    detail = f"{found.status}: {found.message} evidence={[e.excerpt for e in found.evidence]}"
    assert found.status == case["expect"], detail
    if "evidence" in case:
        assert any(case["evidence"] in e.excerpt for e in found.evidence), detail


def test_every_rule_has_passing_and_failing_cases():
    expectations: dict[str, set[str]] = {}
    for path in CASE_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        expectations.setdefault(data["rule"], set()).update(case["expect"] for case in data["cases"])
    missing = []
    for book_path in builtin_editions():
        for rule in load_rulebook(book_path).rules:
            seen = expectations.get(rule.id, set())
            if "met" not in seen or not seen & {"partial", "missing"}:
                missing.append(f"{book_path.name}:{rule.id} has {sorted(seen) or 'no cases'}")
    assert not missing, "rules without a passing and a failing case:\n" + "\n".join(missing)


def test_case_files_name_real_rules():
    known = {rule.id for path in builtin_editions() for rule in load_rulebook(path).rules}
    for path in CASE_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["rule"] in known, f"{path.name} is for an unknown rule {data['rule']}"
        assert path.stem == data["rule"], f"{path.name} should be named after its rule"
