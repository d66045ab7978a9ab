"""Rulebooks are validated data: malformed ones name the file, the line and the field."""

from __future__ import annotations

import textwrap

import pytest

from checker.errors import RulebookError
from checker.rules.rulebook import builtin_editions, load_rulebook

FIXED_IDS = {
    "item.measures", "item.shortcomings", "item.first-responsible", "item.next-year",
    "area.leadership", "area.functions", "area.rules", "area.decisions", "area.enforcement",
    "area.emergencies", "area.disputes", "area.oversight", "area.digital",
}


def write(tmp_path, text: str, name: str = "local.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_builtin_editions_load_and_keep_the_fixed_ids():
    books = [load_rulebook(path) for path in builtin_editions()]
    assert books
    edition_2021 = next(b for b in books if b.edition_id == "2021-2025")
    assert FIXED_IDS <= {rule.id for rule in edition_2021.rules}
    for book in books:
        for rule in book.rules:
            assert rule.basis.document and rule.advice and rule.title


def test_bad_value_names_file_line_and_field(tmp_path):
    path = write(tmp_path, """\
        id: local
        extends: edition-2021-2025
        name: 本地规则
        version: "1"
        rules:
          - id: area.digital
            severity: fatal
        """)
    with pytest.raises(RulebookError) as caught:
        load_rulebook(path)
    (problem,) = caught.value.problems
    assert f"{path}:7" in problem and "severity" in problem


def test_unknown_field_and_unknown_group(tmp_path):
    path = write(tmp_path, """\
        id: local
        extends: edition-2021-2025
        name: 本地规则
        version: "1"
        rules:
          - id: local.extra
            title: 额外要求
            category: item
            severity: error
            weight: 2
            basis: {document: 本省指引}
            signals:
              a: {any: ['@no_such_group']}
            met: [{signals: {a: 1}}]
            messages: {met: 好, missing: 缺}
            advice: 补上
        """)
    with pytest.raises(RulebookError) as caught:
        load_rulebook(path)
    assert any("@no_such_group" in p and f"{path}:13" in p for p in caught.value.problems)


def test_yaml_syntax_error_has_a_line(tmp_path):
    path = write(tmp_path, "id: local\nrules: [\n  - id: x\n")
    with pytest.raises(RulebookError) as caught:
        load_rulebook(path)
    assert "第" in caught.value.problems[0] and "YAML" in caught.value.problems[0]


def test_extends_loop_is_reported(tmp_path):
    write(tmp_path, "id: a\nextends: b\n", "a.yaml")
    path = write(tmp_path, "id: b\nextends: a\n", "b.yaml")
    with pytest.raises(RulebookError) as caught:
        load_rulebook(path)
    assert "循环" in caught.value.problems[0]


def test_a_local_rulebook_can_tighten_a_rule(tmp_path):
    path = write(tmp_path, """\
        id: local
        extends: edition-2021-2025
        name: 本地规则
        version: "1"
        rules:
          - id: area.digital
            severity: error
            weight: 8
        """)
    book = load_rulebook(path)
    digital = book.rule("area.digital")
    assert (digital.severity, digital.weight) == ("error", 8)
    assert digital.signals  # the rest is inherited
