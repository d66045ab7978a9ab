"""Data-driven rule cases: tests/rules/<rule-id>.yaml holds texts that must meet or miss each rule.

A case file names its rule and lists cases; the settings a report is checked
with can be given for the whole file (defaults for its cases) or per case:

    rule: area.rules                 # every case is about this rule; the file is named after it
    profile: township                # optional settings: edition ("2015-2020"), profile
    cases:                           #   (government / township / department), year (forces the
      - name: 乡镇写了合法性审核        #   reported year), published (YYYY-MM-DD) and rulebook
        expect: met                  #   (a path relative to the case file, for test data)
        evidence_lines: [3, 4]       # optional: the lines the finding cites (Evidence.line), in order, exactly
        evidence: 合法性审核           # optional: a substring of some excerpt the finding cites
        message: 已写明                # optional: a substring of the finding's message
        year: 2024                   # optional: a setting for this case only
        text: |
          ……

Any other key is an error: a misspelt key would otherwise silently test nothing.
One Checker is built per distinct set of settings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml

from checker.run.engine import Checker, Settings
from checker.model import Finding
from checker.rules.rulebook import builtin_editions, load_rulebook

TESTS = Path(__file__).parent
CASE_DIR = TESTS / "rules"
DATA_DIR = TESTS / "data"

SETTING_KEYS = ("edition", "profile", "year", "published", "rulebook")
FILE_KEYS = frozenset({"rule", "cases", *SETTING_KEYS})
CASE_KEYS = frozenset({"name", "expect", "text", "evidence", "evidence_lines", "message", *SETTING_KEYS})
STATUSES = ("met", "partial", "missing", "not_applicable")
PROFILES = ("government", "township", "department")
# Kinds of check whose met and partial findings cite the sentences that prove them.
# (forbidden, outdated and years cite what they found when missing; publication cites nothing.)
CITING_KINDS = frozenset({"coverage", "density", "title", "problems", "plan"})


# --------------------------------------------------------------------------- reading case files


@dataclass(frozen=True)
class Setup:
    """The settings a case is checked with (None: the checker's default)."""

    edition: Optional[str] = None
    profile: Optional[str] = None
    year: Optional[int] = None
    published: Optional[str] = None
    rulebook: Optional[str] = None  # an absolute path


@dataclass
class Case:
    rule: str
    name: str
    path: Path
    expect: str = ""
    text: str = ""
    setup: Setup = field(default_factory=Setup)
    evidence: Optional[str] = None
    evidence_lines: Optional[list[int]] = None
    message: Optional[str] = None
    problems: list[str] = field(default_factory=list)  # what is wrong with the case as written

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.name}"


def load_case_file(path: Path) -> list[Case]:
    """The cases of one file; a malformed file or case becomes a case that fails with its problems."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: an impossible date such as 2025-13-01
        return [Case(rule=path.stem, name="(file)", path=path, problems=[f"{path}: cannot read: {exc}"])]
    if not isinstance(data, dict):
        return [Case(rule=path.stem, name="(file)", path=path, problems=[f"{path}: the top level must be a mapping"])]
    problems = _unknown(data, FILE_KEYS)
    rule = data.get("rule")
    if not isinstance(rule, str) or not rule:
        problems.append("`rule` (the rule id) is required")
    cases = data.get("cases")
    if not isinstance(cases, list) or not cases:
        problems.append("`cases` must be a non-empty list")
    defaults = _setup(data, path, Setup(), problems)
    if problems:
        return [Case(rule=str(rule or path.stem), name="(file)", path=path, problems=[f"{path}: {p}" for p in problems])]
    loaded: list[Case] = []
    for index, raw in enumerate(cases):
        case = _case(str(rule), raw, index, path, defaults)
        if any(case.name == other.name for other in loaded):
            case.problems.append(f"{path}: case {case.name!r}: the name is used twice in the file")
        loaded.append(case)
    return loaded


def _case(rule: str, raw: Any, index: int, path: Path, defaults: Setup) -> Case:
    if not isinstance(raw, dict):
        return Case(rule=rule, name=f"#{index + 1}", path=path, problems=[f"{path}: case #{index + 1} must be a mapping"])
    name = raw.get("name")
    case = Case(rule=rule, name=name if isinstance(name, str) and name else f"#{index + 1}", path=path)
    problems = _unknown(raw, CASE_KEYS)
    if case.name.startswith("#"):
        problems.append("`name` is required")
    case.expect = raw.get("expect", "")
    if case.expect not in STATUSES:
        problems.append(f"`expect` must be one of {', '.join(STATUSES)}, not {case.expect!r}")
    case.text = raw.get("text", "")
    if not isinstance(case.text, str) or not case.text.strip():
        problems.append("`text` is required")
    for key in ("evidence", "message"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, str) or not value):
            problems.append(f"`{key}` must be a non-empty string")
        setattr(case, key, value)
    lines = raw.get("evidence_lines")
    if lines is not None and not (
        isinstance(lines, list) and all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in lines)
    ):
        problems.append(f"`evidence_lines` must be a list of line numbers (1-based), not {lines!r}")
    case.evidence_lines = lines
    case.setup = _setup(raw, path, defaults, problems)
    case.problems = [f"{path}: case {case.name!r}: {p}" for p in problems]
    return case


def _unknown(mapping: dict, allowed: frozenset[str]) -> list[str]:
    return [f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})" for key in mapping if key not in allowed]


def _setup(mapping: dict, path: Path, base: Setup, problems: list[str]) -> Setup:
    """`base` with the settings `mapping` gives, checked and normalised."""
    given: dict[str, Any] = {}
    if "edition" in mapping:
        given["edition"] = mapping["edition"]
        if not isinstance(mapping["edition"], str) or not mapping["edition"]:
            problems.append(f"`edition` must be a string such as \"2015-2020\", not {mapping['edition']!r}")
    if "profile" in mapping:
        given["profile"] = mapping["profile"]
        if mapping["profile"] not in PROFILES:
            problems.append(f"`profile` must be one of {', '.join(PROFILES)}, not {mapping['profile']!r}")
    if "year" in mapping:
        given["year"] = mapping["year"]
        if not isinstance(mapping["year"], int) or isinstance(mapping["year"], bool):
            problems.append(f"`year` must be a year such as 2024, not {mapping['year']!r}")
    if "published" in mapping:
        given["published"] = _iso_date(mapping["published"])
        if given["published"] is None:
            problems.append(f"`published` must be a date YYYY-MM-DD, not {mapping['published']!r}")
    if "rulebook" in mapping:
        value = mapping["rulebook"]
        book = (path.parent / value).resolve() if isinstance(value, str) and value else None
        given["rulebook"] = str(book) if book else None
        if book is None or not book.is_file():
            problems.append(f"`rulebook` must name a file relative to {path.parent}, not {value!r}")
    return Setup(**{**asdict(base), **given})


def _iso_date(value: Any) -> Optional[str]:
    """YAML reads an unquoted 2025-03-31 as a date; a quoted one stays a string."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat() if len(value) == 10 else None
        except ValueError:
            return None
    return None


def case_files() -> list[Path]:
    return sorted(CASE_DIR.glob("*.yaml"))


def data_case_files() -> list[Path]:
    """Case files kept with test-data rulebooks under tests/data/ (they name their `rulebook`)."""
    found = []
    for path in sorted(DATA_DIR.rglob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, ValueError):
            continue  # not a case file that can be told apart; the test owning the data reads it directly
        if isinstance(data, dict) and "cases" in data:
            found.append(path)
    return found


def case_params(paths: list[Path]) -> list:
    return [pytest.param(case, id=case.id) for path in paths for case in load_case_file(path)]


# --------------------------------------------------------------------------- running a case


@lru_cache(maxsize=None)
def checker_for(setup: Setup) -> Checker:
    return Checker(Settings(**asdict(setup)))


def rule_of(case: Case):
    """The rule a case is about, in the rulebook(s) it is checked with; None if there is none."""
    return next((rule for book in checker_for(case.setup).books if (rule := book.rule(case.rule))), None)


def describe(found: Finding) -> str:
    lines = [f"status: {found.status}", f"message: {found.message}", "evidence:"]
    lines += [f"  line {e.line}: {e.excerpt}" for e in found.evidence] or ["  (none)"]
    return "\n".join(lines)


def run_case(case: Case) -> None:
    """Check the case's text with its settings and compare the finding with what the case expects."""
    if case.problems:
        pytest.fail("\n".join(case.problems), pytrace=False)
    result = checker_for(case.setup).check_text(case.text, name=f"{case.rule}.txt")
    assert result.error is None, result.error
    found = next((f for f in result.findings if f.rule == case.rule), None)
    assert found is not None, f"no rule {case.rule} in the rulebook {result.rulebook.id if result.rulebook else '?'}"
    detail = describe(found)
    assert found.status == case.expect, f"expected {case.expect}, got:\n{detail}"
    if case.message is not None:
        assert case.message in found.message, f"message should contain {case.message!r}:\n{detail}"
    if case.evidence is not None:
        assert any(case.evidence in e.excerpt for e in found.evidence), f"no excerpt contains {case.evidence!r}:\n{detail}"
    if case.evidence_lines is not None:
        cited = [e.line for e in found.evidence]
        assert cited == case.evidence_lines, f"evidence lines should be {case.evidence_lines}, not {cited}:\n{detail}"


@pytest.mark.parametrize("case", case_params(case_files()))
def test_rule_case(case):
    run_case(case)


# --------------------------------------------------------------------------- the cases themselves


def _all_cases() -> list[Case]:
    return [case for path in case_files() + data_case_files() for case in load_case_file(path)]


def test_every_rule_has_passing_and_failing_cases():
    expectations: dict[str, set[str]] = {}
    for path in case_files():
        for case in load_case_file(path):
            expectations.setdefault(case.rule, set()).add(case.expect)
    missing = []
    for book_path in builtin_editions():
        for rule in load_rulebook(book_path).rules:
            seen = expectations.get(rule.id, set())
            if "met" not in seen or not seen & {"partial", "missing"}:
                missing.append(f"{book_path.name}:{rule.id} has {sorted(seen) or 'no cases'}")
    assert not missing, "rules without a passing and a failing case:\n" + "\n".join(missing)


def test_case_files_name_real_rules():
    for path in case_files() + data_case_files():
        cases = load_case_file(path)
        assert path.stem == cases[0].rule, f"{path.name} should be named after its rule {cases[0].rule}"
        for case in cases:
            if not case.problems:
                assert rule_of(case) is not None, f"{path.name}: {case.name}: no rule {case.rule} in its rulebook"


def test_cases_that_cite_evidence_assert_it():
    """A met or partial case of a rule whose kind cites sentences says which (evidence_lines or evidence)."""
    unasserted = []
    for case in _all_cases():
        if case.problems or case.expect not in ("met", "partial"):
            continue
        rule = rule_of(case)
        if rule is None or rule.check not in CITING_KINDS:
            continue
        if rule.check == "coverage" and not (rule.signals or rule.heading):
            continue  # met by its part alone (item.other): nothing to cite
        if case.evidence_lines is None and case.evidence is None:
            unasserted.append(f"{case.path.name}: {case.name} ({case.expect})")
    assert not unasserted, "cases that should assert their evidence (evidence_lines or evidence):\n" + "\n".join(unasserted)


def test_case_files_reject_unknown_and_malformed_keys(tmp_path):
    """A typo in a key fails the case instead of silently testing nothing."""
    path = tmp_path / "area.rules.yaml"
    path.write_text(
        "rule: area.rules\nprofle: township\ncases:\n  - name: 拼错\n    expect: met\n    text: 正文\n",
        encoding="utf-8",
    )
    [case] = load_case_file(path)
    assert any("'profle'" in problem for problem in case.problems)
    path.write_text(
        "rule: area.rules\ncases:\n"
        "  - name: 拼错\n    expect: met\n    evidence_line: [3]\n    text: 正文\n"
        "  - name: 坏值\n    expect: done\n    published: '2025-13-01'\n    evidence_lines: 3\n    text: 正文\n",
        encoding="utf-8",
    )
    typo, bad = load_case_file(path)
    assert any("'evidence_line'" in problem for problem in typo.problems)
    assert [p.split(": ", 2)[2].split(" ", 1)[0] for p in bad.problems] == ["`expect`", "`evidence_lines`", "`published`"]
    with pytest.raises(pytest.fail.Exception, match="evidence_line"):
        run_case(typo)


def test_case_settings_reach_the_checker(tmp_path):
    """File-level settings are defaults, a case's own win; dates and paths are normalised."""
    (tmp_path / "book.yaml").write_text("id: t\nextends: edition-2021-2025\nname: t\nversion: '1'\n", encoding="utf-8")
    path = tmp_path / "quality.publication.yaml"
    path.write_text(
        "rule: quality.publication\nprofile: township\nrulebook: book.yaml\npublished: 2025-03-31\ncases:\n"
        "  - name: 默认\n    expect: met\n    text: 正文\n"
        "  - name: 自己的\n    expect: met\n    profile: department\n    year: 2024\n    edition: '2021-2025'\n"
        "    published: '2025-04-01'\n    text: 正文\n",
        encoding="utf-8",
    )
    first, second = load_case_file(path)
    book = str((tmp_path / "book.yaml").resolve())
    assert first.setup == Setup(profile="township", published="2025-03-31", rulebook=book)
    assert second.setup == Setup(edition="2021-2025", profile="department", year=2024, published="2025-04-01", rulebook=book)
    assert checker_for(second.setup) is checker_for(Setup(**asdict(second.setup)))
