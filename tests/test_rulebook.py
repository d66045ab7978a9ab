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


# The head of a local rulebook on the current edition; each test adds the sections it needs.
LOCAL_HEADER = """\
id: local
extends: edition-2021-2025
name: 本地规则
version: "1"
"""
# …with one new rule begun, indented as the tests below write the rest of it
LOCAL_HEAD = textwrap.indent(LOCAL_HEADER + "rules:\n  - id: local.extra\n    title: 额外要求\n", "    ")
LOCAL_RULE = LOCAL_HEAD + """\
        category: item
        severity: error
        weight: 2
        basis: {{document: 本省指引}}
        signals:
          a: {signal}
        met: [{{signals: {{a: 1}}}}]
        messages: {{met: 好, missing: 缺}}
        advice: 补上
    """


@pytest.mark.parametrize("signal,field", [
    ("{any: ['@no_such_group']}", "any"),
    ("{any: [法治], where: heading, section_body: {specific: true, off_topic: ['@no_such_group']}}", "off_topic"),
    ("{any: [法治], sentence: ['@no_such_group']}", "sentence"),
    ("{any: [法治], elsewhere: {names: ['@no_such_group']}}", "elsewhere.0.names"),
    ("{any: [法治], elsewhere: {names: [防汛], unless: ['@no_such_group']}}", "elsewhere.0.unless"),
    ("{any: [法治], elsewhere: [{names: [防汛]}, {names: ['@no_such_group']}]}", "elsewhere.1.names"),
])
def test_an_unknown_group_is_reported_with_its_line_and_field(tmp_path, signal, field):
    path = write(tmp_path, LOCAL_RULE.format(signal=signal))
    with pytest.raises(RulebookError) as caught:
        load_rulebook(path)
    assert any("@no_such_group" in p and f"{path}:13" in p and field in p for p in caught.value.problems)


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



AREA_RULE = """\
    id: local
    extends: edition-2021-2025
    name: 本地规则
    version: "1"
    rules:
      - id: area.advisers
        category: area
        title: 法律顾问
        short: 法律顾问
        weight: 2
        basis: {document: 本省指引}
        %s
        messages: {met: 有, missing: 无}
        advice: 写明法律顾问的工作。
    """


def test_an_area_s_topic_is_written_into_the_signals_every_area_has(tmp_path):
    topic = ("topic: {names: 法律顾问工作, terms: ['@decisions_strong', '@decisions_weak'], heading: ['@decisions_strong'],"
             " none: ['@public_legal_education']}")
    rule = load_rulebook(write(tmp_path, AREA_RULE % topic)).rule("area.advisers")
    assert list(rule.signals) == ["act", "section", "mention", "shortfall", "listed", "opening"]
    act, section = rule.signals["act"], rule.signals["section"]
    assert act.label == "法律顾问工作的具体做法（数字、文件名、日期或结果）"
    assert (act.any, act.none) == (["@decisions_strong", "@decisions_weak"], ["@public_legal_education"])
    assert section.any == ["@decisions_strong"]
    # a section on its own topic is never off it; every other area's heading words are
    assert "@decisions_strong" not in section.section_body.off_topic
    assert {"@public_legal_education", "@functions_strong", "@digital_strong"} <= set(section.section_body.off_topic)
    # …and a body clause on what the topic leaves out makes no section on it
    assert section.section_body.none == ["@public_legal_education"]
    assert rule.signals["mention"].label == "提及法律顾问工作"
    # the builtin areas are written the same way: the defaults' signals with each one's topic
    functions = load_rulebook(builtin_editions()[-1]).rule("area.functions")
    assert functions.signals["act"].any == functions.topic.terms
    assert "@functions_strong" not in functions.signals["section"].section_body.off_topic


def test_an_area_rule_without_a_topic_keeps_a_signal_it_names_as_the_defaults_do(tmp_path):
    """Its own `act` is its own: nothing of the defaults' act (which asks for a topic) is merged into it."""
    own = ("signals: {act: {label: 法律顾问的具体工作, any: ['@decisions_strong'], clause: {specific: true}}}\n"
           "        met: [{signals: {act: 1}}]\n        partial: []")
    act = load_rulebook(write(tmp_path, AREA_RULE % own)).rule("area.advisers").signals["act"]
    assert (act.label, act.any, act.none) == ("法律顾问的具体工作", ["@decisions_strong"], [])


def test_a_local_rulebook_s_defaults_add_a_signal_to_every_area(tmp_path):
    path = write(tmp_path, """\
        id: local
        extends: edition-2021-2025
        name: 本地规则
        version: "1"
        defaults:
          area:
            signals:
              plan_named: {label: 提及规划, any: ['@leadership_strong']}
        """)
    functions = load_rulebook(path).rule("area.functions")
    assert list(functions.signals) == ["act", "section", "mention", "shortfall", "listed", "opening", "plan_named"]


def test_defaults_in_a_rule_s_conditions_stand_for_the_defaults_own_and_add_to_them(tmp_path):
    topic = "topic: {names: 法律顾问工作, terms: ['@decisions_strong'], heading: ['@decisions_strong']}"
    own = ("signals: {hired: {label: 聘请法律顾问, any: ['@decisions_strong']}}\n"
           "        met: [$defaults, {signals: {hired: 1}}]\n        partial: [{signals: {hired: 1}}, $defaults]")
    rule = load_rulebook(write(tmp_path, AREA_RULE % (topic + "\n        " + own))).rule("area.advisers")
    assert [list(c.signals) for c in rule.met] == [["act"], ["section"], ["hired"]]
    assert [list(c.signals) for c in rule.partial] == [["hired"], ["mention"], ["shortfall"], ["listed"], ["opening"]]
    # a category whose defaults give no conditions has none for it to stand for
    item = AREA_RULE.replace("category: area", "category: item\n        severity: warning") % (
        "signals: {own: {any: ['@decisions_strong']}}\n        met: [$defaults, {signals: {own: 1}}]")
    with pytest.raises(RulebookError) as error:
        load_rulebook(write(tmp_path, item))
    assert "met 中的 $defaults 没有可用的默认条件" in str(error.value)


@pytest.mark.parametrize("placeholder", ["$term", "{topc}"])
def test_a_placeholder_no_topic_fills_is_a_lint_error_naming_it(tmp_path, placeholder):
    topic = "topic: {names: 法律顾问工作, terms: ['@decisions_strong'], heading: ['@decisions_strong']}"
    signal = (f"signals: {{own: {{label: '提及{placeholder}', any: ['@decisions_strong']}}}}" if placeholder.startswith("{")
              else f"signals: {{own: {{label: 提及, any: ['{placeholder}']}}}}")
    with pytest.raises(RulebookError) as error:
        load_rulebook(write(tmp_path, AREA_RULE % (topic + "\n        " + signal)))
    assert f"rules[area.advisers]: 信号中有未填入的占位符 (placeholders not filled) {placeholder}" in str(error.value)


def test_a_nested_list_in_a_topic_rule_s_signal_is_a_lint_error_not_a_crash(tmp_path):
    topic = "topic: {names: 法律顾问工作, terms: ['@decisions_strong'], heading: ['@decisions_strong']}"
    with pytest.raises(RulebookError) as error:
        load_rulebook(write(tmp_path, AREA_RULE % (topic + "\n        signals: {own: {any: [['@decisions_strong']]}}")))
    assert "signals.own.any.0" in str(error.value)


def test_a_topic_s_groups_must_exist_and_something_must_use_it(tmp_path):
    topic = "topic: {names: 法律顾问工作, terms: ['@no_such_group'], heading: ['@decisions_strong']}"
    with pytest.raises(RulebookError) as error:
        load_rulebook(write(tmp_path, AREA_RULE % topic))
    assert "rules[area.advisers].topic.terms.0: 未定义的词组 (unknown term group) @no_such_group" in str(error.value)
    item = AREA_RULE.replace("category: area", "category: item\n        severity: warning") % (
        topic.replace("@no_such_group", "@decisions_strong") + "\n        signals: {own: {any: ['@decisions_strong']}}"
        "\n        met: [{signals: {own: 1}}]")
    with pytest.raises(RulebookError) as error:
        load_rulebook(write(tmp_path, item))
    assert "rules[area.advisers].topic: 没有信号用到 topic" in str(error.value)


def test_an_area_rule_without_a_topic_writes_its_signals_itself(tmp_path):
    own = "signals: {own: {label: 提到法律顾问, any: ['@decisions_strong']}}\n        met: [{signals: {own: 1}}]"
    rule = load_rulebook(write(tmp_path, AREA_RULE % (own + "\n        partial: []"))).rule("area.advisers")
    assert list(rule.signals) == ["own"]
    # …and the defaults' conditions on the signals it no longer has are named as what they are
    with pytest.raises(RulebookError) as error:
        load_rulebook(write(tmp_path, AREA_RULE % own))
    assert "partial.0.signals.mention: 规则中没有名为 mention 的信号" in str(error.value)

# --------------------------------------------------------------------------- lint against the kinds' declarations


def _problems(tmp_path, text: str) -> tuple[str, list[str]]:
    path = write(tmp_path, text)
    with pytest.raises(RulebookError) as caught:
        load_rulebook(path)
    return str(path), caught.value.problems


def _document_problems(tmp_path, document: str) -> tuple[str, list[str]]:
    """The problems of a local rulebook that only changes the `document:` section (one line of YAML)."""
    return _problems(tmp_path, f"""\
        id: local
        extends: edition-2021-2025
        name: 本地规则
        version: "1"
        document:
          {document}
        """)


def test_a_renamed_group_a_kind_needs_is_a_lint_error_naming_the_field(tmp_path):
    path, problems = _problems(tmp_path, LOCAL_HEADER + """\
rules:
  - id: quality.problems
    params:
      cause_terms: ['@reasons']
""")
    (problem,) = problems
    assert f"{path}:8" in problem and "params.cause_terms.0" in problem and "@reasons" in problem


def test_removing_a_group_the_conventions_name_is_a_lint_error(tmp_path):
    path, problems = _document_problems(tmp_path, "combined_part: {parts: [shortcomings, next_year], switch_on: '@ahead'}")
    (problem,) = problems
    assert f"{path}:6" in problem and "combined_part.switch_on" in problem and "@ahead" in problem


@pytest.mark.parametrize("rule,expected", [
    ("check: spelling\n        ", "unknown check kind"),
    ("check: plan\n        params: {min_tasks: 0, target_pattern: x}\n        part: next_year\n        ", "min_tasks"),
    ("check: plan\n        params: {target_pattern: '('}\n        part: next_year\n        ", "invalid regex"),
    ("check: plan\n        params: {target_pattern: x}\n        ", "needs `part`"),
    ("check: title\n        params: {any: 1}\n        ", "takes no params"),
    ("check: title\n        met: [{chars: 1}]\n        ", "no met conditions"),
    ("check: density\n        params: {}\n        signals: {a: {any: [x]}}\n        ", "reads no signals"),
    ("part: elsewhere\n        ", "part"),
])
def test_a_rule_that_does_not_fit_its_kind_is_refused_with_the_reason(tmp_path, rule, expected):
    path, problems = _problems(tmp_path, LOCAL_HEAD + f"""\
        category: quality
        severity: info
        weight: 1
        basis: {{document: 本地指引}}
        messages: {{met: 好, missing: 缺}}
        advice: 补上
        {rule}""")
    assert any(expected in problem and path in problem for problem in problems), problems


def test_every_kind_declares_what_lint_needs():
    from checker.rules.kinds import KINDS

    for name, kind in KINDS.items():
        assert kind.name == name and kind.summary and kind.example
        if kind.params is not None:
            for field_name in kind.term_params:
                assert field_name in kind.params.model_fields, (name, field_name)
        assert not kind.conditions or kind.signals, name


def test_every_kind_example_is_a_rule_lint_accepts(tmp_path):
    """The examples the kinds document are real: each, completed with the fields every rule has, loads."""
    import yaml

    from checker.rules.kinds import KINDS

    for name, kind in KINDS.items():
        (example,) = yaml.safe_load(kind.example)
        example.update(id=f"local.{name}", title="示例", category="quality", severity="info", weight=1,
                       basis={"document": "示例"}, messages={"met": "好", "missing": "缺"}, advice="补上")
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump({"id": "local", "extends": "edition-2021-2025", "name": "示例", "version": "1",
                                        "rules": [example]}, allow_unicode=True), encoding="utf-8")
        book = load_rulebook(path)
        assert book.rule(f"local.{name}").check == name


def test_editions_are_siblings_so_a_rule_added_to_one_never_judges_the_other(tmp_path):
    books = {book.edition_id: book for book in (load_rulebook(path) for path in builtin_editions())}
    for edition, book in books.items():
        # base, then the areas both editions read alike, then the edition itself: never the other edition
        assert [p.rsplit("/", 1)[-1] for p in book.files] == ["base.yaml", "areas.yaml", f"edition-{edition}.yaml"]
    # each area has its own edition's title (the 2015 tasks' names), the reading both share
    titles = {edition: {rule.id: rule.title for rule in book.rules if rule.category == "area"} for edition, book in books.items()}
    assert titles["2015-2020"]["area.functions"] == "依法全面履行政府职能" != titles["2021-2025"]["area.functions"]
    signals = {edition: {rule.id: sorted(rule.signals) for rule in book.rules} for edition, book in books.items()}
    assert signals["2015-2020"] == signals["2021-2025"]
    assert all("2015-2020" in rule.basis.document or rule.category != "area" for rule in books["2015-2020"].rules
               if rule.id not in ("area.emergencies", "area.digital"))


def test_a_named_pattern_is_written_once_and_an_unknown_one_is_a_lint_error(tmp_path):
    book = load_rulebook(builtin_editions()[-1])
    assert "(?&" not in book.spec.facts.title_issuer and "(?&" not in book.spec.outline.date_line
    assert book.spec.patterns["issuer_end"] in book.spec.facts.title_issuer
    # …in a pattern that is a key as well (other_genres: pattern → genre)
    assert not any("(?&" in key for key in book.spec.other_genres)
    assert any(book.spec.patterns["names_the_rule_of_law"] in key for key in book.spec.other_genres)
    path, problems = _document_problems(tmp_path, "facts: {title_year: '((?&yaer))年'}")
    assert any("(?&yaer)" in problem and path in problem for problem in problems), problems


def test_a_plenum_dated_as_the_plenum_pattern_never_names_it_is_a_lint_error(tmp_path):
    path, problems = _document_problems(tmp_path, "facts: {plenum_years: {十九届四中: 2019}}")
    assert any("plenum_years" in problem and "十九届四中" in problem for problem in problems), problems


def test_a_named_pattern_may_refer_to_another_and_a_loop_of_them_is_a_lint_error(tmp_path):
    book = load_rulebook(builtin_editions()[-1])
    pieces = book.spec.patterns
    assert "(?&" not in pieces["opening_subject"]
    assert pieces["opening_subject_end"] in pieces["opening_subject"]
    assert pieces["opening_subject_end"] in book.spec.facts.opening_year
    path, problems = _document_problems(tmp_path, "patterns: {one: 'a(?&two)', two: 'b(?&one)'}")
    assert any("one -> two -> one" in problem and path in problem for problem in problems), problems


def test_a_rule_s_pattern_may_use_a_named_pattern_and_an_unknown_one_is_a_lint_error(tmp_path):
    book = load_rulebook(builtin_editions()[-1])
    (mark, *_) = book.rule("quality.placeholders").signals["placeholder"].regex
    assert "(?&" not in mark and book.spec.patterns["blank_mark"] in mark
    path, problems = _problems(tmp_path, LOCAL_HEADER + """\
rules:
  - id: quality.placeholders
    signals:
      placeholder: {label: 模板占位符, regex: ['(?&blank_marks)']}
""")
    assert any("(?&blank_marks)" in problem and "quality.placeholders" in problem and path in problem
               for problem in problems), problems


def test_every_rule_has_a_short_column_label_that_no_other_rule_shares():
    for path in builtin_editions():
        book = load_rulebook(path)
        shorts = [rule.short for rule in book.rules]
        assert all(shorts), [rule.id for rule in book.rules if not rule.short]
        assert len(set(shorts)) == len(shorts), path



@pytest.mark.parametrize("clauses,named", [
    ("context_masks:\n  - {terms: ['@problem']}\n", ["before", "after"]),  # a mask with no context
    ("closing_specifics: [scoped_campaign, no_such_specific]\n", ["no_such_specific"]),  # a name no specific has
])
def test_a_clause_convention_that_cannot_hold_is_refused_with_the_reason(tmp_path, clauses, named):
    section = "document:\n  clauses:\n" + textwrap.indent(clauses, "    ")
    path = write(tmp_path, LOCAL_HEADER + section)
    with pytest.raises(RulebookError) as raised:
        load_rulebook(path)
    assert all(word in str(raised.value) for word in named)


@pytest.mark.parametrize("section,field", [
    ("document:\n  clauses:\n    context_masks:\n      - {terms: ['@no_such_group'], before: '研究$'}\n",
     "document.clauses.context_masks.0.terms.0"),
    ("terms:\n  enforcement_weak:\n    terms: [执法]\n    except: ['@no_such_group']\n",
     "terms.enforcement_weak.except.0"),
    ("document:\n  clauses:\n    findings_terms: ['@no_such_group']\n", "document.clauses.findings_terms.0"),
    ("document:\n  clauses:\n    untopical_terms: ['@no_such_group']\n", "document.clauses.untopical_terms.0"),
])
def test_a_group_named_in_a_context_mask_or_an_exception_list_must_exist(tmp_path, section, field):
    path, problems = _problems(tmp_path, LOCAL_HEADER + section)
    (problem,) = problems
    line = len((LOCAL_HEADER + section).splitlines())  # the entry is the section's last line
    assert f"{path}:{line}" in problem and field in problem and "@no_such_group" in problem


def test_an_exception_list_may_name_a_group_whose_terms_it_takes():
    book = load_rulebook(builtin_editions()[-1])
    weak = book.termset(["@enforcement_weak"])
    assert book.termset(["@not_enforcement"]).terms <= weak.excepts
    assert not any(entry.startswith("@") for entry in weak.excepts | book.vocabulary)


def test_words_that_are_only_exceptions_name_no_topic_for_the_clause_reader():
    """执法部门 is an exception (an agency named) and no group's term; 执法 inside it is a term."""
    lexicon = load_rulebook(builtin_editions()[-1]).lexicon.clauses
    assert "执法部门" in lexicon.exceptions_only and "执法" not in lexicon.exceptions_only
    found = {"执法部门": [(10, 14)], "执法": [(10, 12)], "复议": [(20, 22)]}
    assert lexicon.topics(found) == {"复议": [(20, 22)]}


@pytest.mark.parametrize("section,field", [
    ("counting_actors: [units, no_such_actor]\n", "document.clauses.counting_actors.1"),
    ("body_actor: no_such_actor\n", "document.clauses.body_actor"),
    ("convened_actor: no_such_actor\n", "document.clauses.convened_actor"),
    ("unit_leader: {of: [principal], before: '局$', actor: no_such_actor}\n", "document.clauses.unit_leader.actor"),
])
def test_a_kind_of_actor_the_conventions_name_must_be_one_they_define(tmp_path, section, field):
    path, problems = _problems(tmp_path, LOCAL_HEADER + "document:\n  clauses:\n    " + section)
    (problem,) = problems
    assert str(path) in problem and field in problem and "no_such_actor" in problem and "actor kind" in problem


@pytest.mark.parametrize("key", ["clause", "section_body"])
def test_a_kind_of_actor_a_signal_names_must_be_one_the_conventions_define(tmp_path, key):
    signal = f"{{any: [法治], where: heading, {key}: {{actors: [principal, no_such_actor]}}}}"
    path = write(tmp_path, LOCAL_RULE.format(signal=signal))
    with pytest.raises(RulebookError) as caught:
        load_rulebook(path)
    (problem,) = caught.value.problems
    assert f"{path}:13" in problem and f"signals.a.{key}.actors.1" in problem and "no_such_actor" in problem


def test_a_list_of_groups_keeps_the_terms_one_group_excepts_and_another_lists():
    """oversight excepts 纠错率 (the 复议 statistics), which disputes lists: a signal naming both groups finds it."""
    book = load_rulebook(builtin_editions()[0])
    assert "纠错率" in book.termset(["@oversight_strong"]).excepts
    both = book.termset(["@oversight_strong", "@disputes_strong"])
    assert "纠错率" in both.terms and "纠错率" not in both.excepts
    assert "监督管理" in book.termset(["@oversight_weak", "@disputes_strong"]).excepts  # others stay exceptions
