"""Rulebooks: YAML files validated by pydantic (`schema.py`), merged along `extends:`.

A malformed rulebook is reported as a list of problems, each naming the file,
the line and the field, so the person editing it can go straight there. Lint
checks every name a rule uses against what exists (term groups, signals,
parts) and against its kind's declaration (`kinds/`), so that nothing a
rulebook says can fail only when a document is checked.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal, Optional, Sequence, Union

import yaml
from pydantic import ValidationError

from checker.document import Lexicon
from checker.document.charsets import remember_character_classes
from checker.document.clauses import ClauseLexicon
from checker.document.conventions import ClauseConventions, with_pieces
from checker.document.segment import TermSet
from checker.errors import RulebookError, explain
from checker.model import RulebookRef
from checker.rules import stored
from checker.rules.kinds import KINDS
from checker.rules.schema import BookHeader, Rule, TermGroup

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "rulebooks"  # inside the installed package
SOURCE_DIR = Path(__file__).resolve().parent.parent.parent / "rules"  # in a checkout
DEFAULT_EDITION_FILES = "edition-*.yaml"


def builtin_rules_dir() -> Path:
    """The shipped rulebooks: inside the installed package, or the checkout's `rules/`."""
    return BUILTIN_DIR if BUILTIN_DIR.is_dir() else SOURCE_DIR


# --------------------------------------------------------------------------- loading


@dataclass
class _Origin:
    path: str
    node: Optional[yaml.Node]


@dataclass
class _Raw:
    """A rulebook merged along `extends:`, before validation, with where each piece came from."""

    header: dict[str, Any] = field(default_factory=dict)
    header_origin: dict[str, _Origin] = field(default_factory=dict)
    defaults: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    rule_origin: dict[str, _Origin] = field(default_factory=dict)
    chain: list[str] = field(default_factory=list)
    # What the chain was read from, for a stored copy (rules/stored.py) to know when it no longer holds:
    # each file with a digest of the bytes parsed, and the places looked in first for a parent, where none was.
    sources: list[tuple[str, str]] = field(default_factory=list)
    passed_over: list[str] = field(default_factory=list)


_MERGED_KEYS = ("terms", "parts")  # a group or part given again replaces the earlier one
_DEEP_MERGED_KEYS = ("document", "drafting")  # a field given again replaces only that field


def load_rulebook(path: Union[str, Path]) -> "Rulebook":
    """Load, merge and validate one rulebook file; RulebookError lists every problem."""
    remember_character_classes()  # its patterns hold the same few classes hundreds of times
    book = stored.fetch(Path(path))
    if book is None:
        raw = _load_chain(Path(path), seen=())
        book = _validate(raw, str(path))
        stored.keep(Path(path), book, raw.sources, raw.passed_over)
    return book


def _load_chain(path: Path, seen: tuple[str, ...]) -> _Raw:
    key = str(path.resolve())
    if key in seen:
        raise RulebookError(str(path), [f"extends 形成循环 (extends loop): {' -> '.join(seen + (key,))}"])
    data, root, digest = _read_yaml(path)
    parent_name = data.get("extends")
    if parent_name is not None:
        parent, passed_over = _find_parent(path, parent_name)
        raw = _load_chain(parent, seen + (key,))
        raw.passed_over.extend(passed_over)
    else:
        raw = _Raw()
    raw.chain.append(str(path))
    raw.sources.append((os.path.abspath(path), digest))
    for name, value in data.items():
        if name in ("extends", "rules", "defaults", "remove_rules"):
            continue
        origin = _Origin(str(path), _child(root, name))
        if name in _MERGED_KEYS and isinstance(value, dict) and isinstance(raw.header.get(name), dict):
            raw.header[name] = {**raw.header[name], **value}
        elif name in _DEEP_MERGED_KEYS and isinstance(value, dict) and isinstance(raw.header.get(name), dict):
            raw.header[name] = _deep_merge(raw.header[name], value)
        else:
            raw.header[name] = value
        raw.header_origin[name] = origin
    for category, values in (data.get("defaults") or {}).items():
        raw.defaults[category] = _deep_merge(raw.defaults.get(category, {}), values or {})  # a signal added, not all
    for rule_id in data.get("remove_rules") or []:
        raw.rules.pop(rule_id, None)
    rules_node = _child(root, "rules")
    for index, rule in enumerate(data.get("rules") or []):
        node = rules_node.value[index] if isinstance(rules_node, yaml.SequenceNode) else None
        if not isinstance(rule, dict):
            raise RulebookError(str(path), [f"第{_line(node)}行 rules[{index}]: 每条规则应是键值对 (each rule must be a mapping)"])
        rule_id = str(rule.get("id", f"#{index}"))
        base = raw.rules.get(rule_id, {})
        merged = _deep_merge(base, rule) if base else dict(rule)
        raw.rules[rule_id] = merged
        raw.rule_origin[rule_id] = _Origin(str(path), node)
    return raw


def _find_parent(path: Path, name: str) -> tuple[Path, list[str]]:
    """The file `extends: name` names, beside `path` or built in; and the places looked in before it."""
    file_name = name if name.endswith((".yaml", ".yml")) else f"{name}.yaml"
    passed_over = []
    for folder in (path.parent, builtin_rules_dir()):
        candidate = folder / file_name
        if candidate.is_file():
            return candidate, passed_over
        passed_over.append(os.path.abspath(candidate))
    raise RulebookError(str(path), [f"extends 指向的规则文件“{name}”不存在 (extended rulebook '{name}' not found)"])


def _read_yaml(path: Path) -> tuple[dict[str, Any], Optional[yaml.Node], str]:
    """The file's data, its node tree and a digest of the bytes parsed."""
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise RulebookError(str(path), ["规则文件不存在 (file not found)"]) from None
    data, root, digest = _parsed(str(path.resolve()), stamp)
    return copy.deepcopy(data), root, digest


# libyaml when the PyYAML build has it: the pure-Python parser is most of a cold start.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=32)
def _parsed(path: str, stamp: int) -> tuple[dict[str, Any], Optional[yaml.Node], str]:
    """One parse per file and version: the node tree (for line numbers), the data built from it, and a
    digest of the bytes parsed."""
    try:
        content = Path(path).read_bytes()
        text = content.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulebookError(path, [f"无法读取 (cannot read): {exc}"]) from None
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RulebookError(path, [f"{where}YAML 语法错误 (YAML syntax error): {problem}"]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise RulebookError(path, ["规则文件顶层应是键值对 (the top level must be a mapping)"])
    return data, root, stored.digest(content)


# In a signal the defaults give, what stands for the rule's topic (Topic): a list item for its groups, a label's
# words for its names.
_TOPIC_LISTS = {"$terms": "terms", "$heading": "heading", "$none": "none"}
_TOPIC_NAMES = "{topic}"
_PLACEHOLDER = re.compile(r"^\$[a-z_]+$|\{[a-z_]+\}")  # what looks like one, known or not (a typo: $term, {topc})


def defaults_for(rule: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """The category's defaults as `rule` takes them: a rule that gives no topic writes its signals itself, so it
    takes none of the signals that ask for one (a local rulebook's area rule on 法律顾问)."""
    signals = defaults.get("signals")
    if isinstance(rule.get("topic"), dict) or not isinstance(signals, dict):
        return defaults
    return {**defaults, "signals": {name: signal for name, signal in signals.items() if not _asks_topic(signal)}}


def with_topic(rule: dict[str, Any]) -> dict[str, Any]:
    """`rule` with its topic written into its signals: `$terms`, `$heading` and `$none` in a list are the
    topic's groups, `{topic}` in a label its names. A section's `off_topic` never names the rule's own heading
    groups (the defaults list every area's: a section is on its own topic). A placeholder left over (a typo, or
    one in a rule without a topic) is refused."""
    signals, topic = rule.get("signals"), rule.get("topic")
    if isinstance(signals, dict) and isinstance(topic, dict):
        own = set(topic.get("heading") or [])

        def fill(value: Any, key: str = "") -> Any:
            if isinstance(value, str):
                return value.replace(_TOPIC_NAMES, str(topic.get("names", "")))
            if isinstance(value, list):
                filled = [group for item in value for group in
                          ((topic.get(_TOPIC_LISTS[item]) or []) if isinstance(item, str) and item in _TOPIC_LISTS
                           else [fill(item)])]
                return [g for g in filled if not (isinstance(g, str) and g in own)] if key == "off_topic" else filled
            if isinstance(value, dict):
                return {name: fill(item, name) for name, item in value.items()}
            return value

        rule = {**rule, "signals": fill(signals)}
    left = sorted({match for text in _strings(rule.get("signals")) for match in _PLACEHOLDER.findall(text)})
    if left:
        raise ValueError(f"信号中有未填入的占位符 (placeholders not filled) {'、'.join(left)}："
                         f"规则须有 topic，占位符只能是 $terms、$heading、$none 和 {{topic}} "
                         f"(the rule needs a topic, and only these placeholders exist)")
    return rule


# In a rule's `met` or `partial` list, the category defaults' conditions (a rule's own list replaces the defaults';
# with this item it adds to them).
_DEFAULT_CONDITIONS = "$defaults"


def with_default_conditions(rule: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """`rule` with `$defaults` in its `met` and `partial` lists replaced by the defaults' conditions there."""
    lists = {}
    for key in ("met", "partial"):
        conditions = rule.get(key)
        if isinstance(conditions, list) and _DEFAULT_CONDITIONS in conditions:
            if not isinstance(defaults.get(key), list):
                raise ValueError(f"{key} 中的 {_DEFAULT_CONDITIONS} 没有可用的默认条件 (the category's defaults give no "
                                 f"{key} conditions for {_DEFAULT_CONDITIONS} to stand for)")
            lists[key] = [given for item in conditions
                          for given in (defaults[key] if item == _DEFAULT_CONDITIONS else [item])]
    return {**rule, **lists}


def _asks_topic(value: Any) -> bool:
    return any(text in _TOPIC_LISTS or _TOPIC_NAMES in text for text in _strings(value))


def _strings(value: Any) -> list[str]:
    """Every string in a nested structure of lists and mappings (its values)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    return []


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _child(node: Optional[yaml.Node], key: Union[str, int]) -> Optional[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]
    return None


def _line(node: Optional[yaml.Node]) -> str:
    return str(node.start_mark.line + 1) if node is not None else "?"


def _locate(origin: _Origin, loc: tuple[Any, ...]) -> str:
    """`file:line` of the deepest node along `loc` that exists in the file."""
    node = origin.node
    for part in loc:
        child = _child(node, part)
        if child is None:
            break
        node = child
    return f"{origin.path}:{_line(node)}"


def _problem(origin: _Origin, prefix: tuple[Any, ...], error: dict[str, Any]) -> str:
    loc = tuple(part for part in error["loc"] if part != "except_")
    field_name = ".".join(str(part) for part in prefix + loc) or "(顶层)"
    return f"{_locate(origin, loc)}: 字段 {field_name}: {_explain(error)}"


def _explain(error: dict[str, Any]) -> str:
    if error["type"] == "unknown_kind":
        return error["msg"]
    return explain(error)


def _validate(raw: _Raw, path: str) -> "Rulebook":
    problems: list[str] = []
    header_data = {key: value for key, value in raw.header.items()}
    header_data["terms"] = {name: _as_group(value) for name, value in (header_data.get("terms") or {}).items()}
    header: Optional[BookHeader] = None
    try:
        header = BookHeader.model_validate(header_data)
    except ValidationError as exc:
        for error in exc.errors():
            top = error["loc"][0] if error["loc"] else ""
            origin = raw.header_origin.get(str(top), _Origin(raw.chain[-1], None))
            problems.append(_problem(origin, (top,), {**error, "loc": error["loc"][1:]}))
    rules: list[Rule] = []
    pieces = header.document.patterns if header is not None else {}  # a rule's patterns may use them too
    for rule_id, data in raw.rules.items():
        origin = raw.rule_origin[rule_id]
        category = data.get("category")
        filled = _deep_merge(defaults_for(data, raw.defaults[category]), data) if category in raw.defaults else data
        try:
            filled = with_pieces(with_topic(with_default_conditions(filled, raw.defaults.get(category, {}))), pieces)
        except ValueError as exc:  # a piece no `document.patterns` names, a placeholder no topic fills
            problems.append(f"{_locate(origin, ())}: rules[{rule_id}]: {exc}")
            continue
        try:
            rule = Rule.model_validate(filled)
        except ValidationError as exc:
            problems.extend(_problem(origin, (f"rules[{rule_id}]",), error) for error in exc.errors())
            continue
        kind_problems = _bind_kind(rule)
        problems.extend(_problem(origin, (f"rules[{rule_id}]",), error) for error in kind_problems)
        if not kind_problems:
            rules.append(rule)
    if header is not None:
        problems.extend(_check_references(header, rules, raw))
    if not rules and not problems:
        problems.append(f"{raw.chain[-1]}: 没有任何规则 (the rulebook has no rules)")
    if problems:
        raise RulebookError(path, problems)
    assert header is not None
    return Rulebook(header=header, rules=rules, files=list(raw.chain))


def _bind_kind(rule: Rule) -> list[dict[str, Any]]:
    """Validate the rule's `params` by its kind's declared model; pydantic-style errors when they do not fit."""
    kind = KINDS.get(rule.check)
    if kind is None:
        known = "、".join(KINDS)
        return [{"loc": ("check",), "type": "unknown_kind", "msg": f"没有这种检查方式 (unknown check kind) {rule.check!r}；可用：{known}"}]
    if kind.params is None:
        if rule.params:
            return [{"loc": ("params",), "type": "extra_forbidden", "msg": f"{rule.check} 检查没有参数 (this kind takes no params)"}]
        return []
    try:
        rule._settings = kind.params.model_validate(rule.params)
    except ValidationError as exc:
        return [{**error, "loc": ("params", *error["loc"])} for error in exc.errors()]
    return []


def _as_group(value: Any) -> Any:
    return {"terms": value} if isinstance(value, list) else value


def _check_references(header: BookHeader, rules: list[Rule], raw: _Raw) -> list[str]:
    """Names a rule uses must exist (term groups, its signals, its part) and fit its kind's declaration."""
    problems = _check_conventions(header, raw)
    for rule in rules:
        origin = raw.rule_origin[rule.id]
        kind = KINDS[rule.check]

        def report(loc: tuple[Any, ...], message: str, origin: _Origin = origin, rule: Rule = rule) -> None:
            problems.append(f"{_locate(origin, loc)}: 字段 rules[{rule.id}].{'.'.join(map(str, loc))}: {message}")

        def group(entry: str, loc: tuple[Any, ...]) -> None:
            if entry.startswith("@") and entry[1:] not in header.terms:
                report(loc, f"未定义的词组 (unknown term group) {entry}")

        for index, entry in enumerate(rule.heading):
            group(entry, ("heading", index))
        if rule.topic is not None:
            for key in ("terms", "heading", "none"):
                for index, entry in enumerate(getattr(rule.topic, key)):
                    group(entry, ("topic", key, index))
            if not _asks_topic(raw.defaults.get(rule.category, {}).get("signals")) \
                    and not _asks_topic(raw.rules[rule.id].get("signals")):
                report(("topic",), "没有信号用到 topic (no signal uses the topic: only the defaults' signals of a "
                                   "category, or the rule's own, with $terms, $heading, $none or {topic})")
        for name, signal in rule.signals.items():
            for key in ("all", "any", "none", "unless_inside", "sentence"):
                for index, entry in enumerate(getattr(signal, key)):
                    group(entry, ("signals", name, key, index))
            for key in ("off_topic", "none"):
                for index, entry in enumerate(getattr(signal.section_body, key, None) or []):
                    group(entry, ("signals", name, "section_body", key, index))
            for key in ("clause", "section_body"):
                for index, actor in enumerate(getattr(getattr(signal, key), "actors", None) or []):
                    if actor not in header.document.clauses.actors:
                        report(("signals", name, key, "actors", index), f"未定义的行为主体 (unknown actor kind) {actor}")
            for number, topic in enumerate(signal.elsewhere):
                for key in ("names", "unless"):
                    for index, entry in enumerate(getattr(topic, key)):
                        group(entry, ("signals", name, "elsewhere", number, key, index))
            if not (signal.all or signal.any or signal.regex or signal.clause):
                report(("signals", name), "信号至少需要 all、any、regex 或 clause 之一 (a signal needs all, any, regex or clause)")
        for field_name in kind.term_params:
            for index, entry in enumerate(getattr(rule.settings(), field_name)):
                group(entry, ("params", field_name, index))
        if rule.signals and not kind.signals:
            report(("signals",), f"{rule.check} 检查不使用 signals (the {rule.check} kind reads no signals)")
        for key in ("met", "partial"):
            conditions = getattr(rule, key)
            if conditions and not kind.conditions:
                report((key,), f"{rule.check} 检查不使用 {key} 条件 (the {rule.check} kind has no {key} conditions)")
            for index, condition in enumerate(conditions):
                for name in condition.signals:
                    if name not in rule.signals:
                        report((key, index, "signals", name), f"规则中没有名为 {name} 的信号 (no such signal)")
                if condition.section is not None and rule.part is None:
                    report((key, index, "section"), "使用 section 条件的规则必须指定 part (a section condition needs `part`)")
        if kind.conditions and not rule.met:
            report(("met",), "缺少满足条件 (no `met` conditions)")
        if kind.needs_part and rule.part is None:
            report(("part",), f"{rule.check} 检查需要指定 part (the {rule.check} kind needs `part`)")
        if rule.part is not None and rule.part not in header.parts:
            report(("part",), f"规则文件中没有定义这一部分 (no such part in `parts:`) {rule.part}")
    return problems


def _named_actor_kinds(clauses: ClauseConventions) -> list[tuple[tuple[Any, ...], str]]:
    """Where `document.clauses` names a kind of actor other than in `actors` itself, with the kind named."""
    named: list[tuple[tuple[Any, ...], str]] = [(("counting_actors", index), kind)
                                                for index, kind in enumerate(clauses.counting_actors)]
    if clauses.body_actor is not None:
        named.append((("body_actor",), clauses.body_actor))
    if clauses.convened_actor is not None:
        named.append((("convened_actor",), clauses.convened_actor))
    if clauses.unit_leader is not None:
        named += [(("unit_leader", "of", index), kind) for index, kind in enumerate(clauses.unit_leader.of)]
        named.append((("unit_leader", "actor"), clauses.unit_leader.actor))
    return named


def _check_actor_kinds(header: BookHeader, origin: "_Origin") -> list[str]:
    """The kinds of actor the clause conventions name must be kinds `document.clauses.actors` defines."""
    clauses = header.document.clauses
    return [_clause_problem(origin, place, f"未定义的行为主体 (unknown actor kind) {kind}")
            for place, kind in _named_actor_kinds(clauses) if kind not in clauses.actors]


def _clause_problem(origin: "_Origin", place: tuple[Any, ...], message: str) -> str:
    """A problem with the field at `place` of `document.clauses`, located in its file."""
    loc = ("clauses", *place)
    field_name = ".".join(str(part) for part in ("document",) + loc)
    return f"{_locate(origin, loc)}: 字段 {field_name}: {message}"


def _check_conventions(header: BookHeader, raw: _Raw) -> list[str]:
    """The `document:` section may name term groups and parts too."""
    combined = header.document.combined_part
    origin = raw.header_origin.get("document", _Origin(raw.chain[-1], None))
    problems = []
    if combined is not None:
        if combined.switch_on.startswith("@") and combined.switch_on[1:] not in header.terms:
            where = _locate(origin, ("combined_part", "switch_on"))
            problems.append(f"{where}: 字段 document.combined_part.switch_on: 未定义的词组 (unknown term group) {combined.switch_on}")
        for index, part in enumerate(combined.parts):
            if part not in header.parts:
                where = _locate(origin, ("combined_part", "parts", index))
                problems.append(f"{where}: 字段 document.combined_part.parts: 规则文件中没有定义这一部分 (no such part) {part}")
    terms_origin = raw.header_origin.get("terms", _Origin(raw.chain[-1], None))
    for name, group in header.terms.items():
        for index, entry in enumerate(group.except_):
            if entry.startswith("@") and entry[1:] not in header.terms:
                where = _locate(terms_origin, (name, "except", index))
                problems.append(f"{where}: 字段 terms.{name}.except.{index}: 未定义的词组 (unknown term group) {entry}")
    clauses = header.document.clauses
    named = [(("actors", kind, index), entry) for kind, entries in clauses.actors.items()
             for index, entry in enumerate(entries)]
    named += [((key, index), entry) for key in ("instruction_terms", "plan_terms", "intention_terms", "agenda_terms",
                                               "untopical_terms", "findings_terms")
              for index, entry in enumerate(getattr(clauses, key))]
    named += [(("context_masks", n, "terms", index), entry) for n, mask in enumerate(clauses.context_masks)
              for index, entry in enumerate(mask.terms)]
    problems += [_clause_problem(origin, place, f"未定义的词组 (unknown term group) {entry}")
                 for place, entry in named if entry.startswith("@") and entry[1:] not in header.terms]
    problems += _check_actor_kinds(header, origin)
    drafting = header.drafting
    for index, draft in enumerate(drafting.parts if drafting else []):
        if draft.part not in header.parts:
            where = _locate(raw.header_origin.get("drafting", origin), ("parts", index, "part"))
            problems.append(f"{where}: 字段 drafting.parts[{index}].part: 规则文件中没有定义这一部分 (no such part) {draft.part}")
    for index, part in enumerate(header.document.kind.report_parts):
        if part not in header.parts:
            where = _locate(origin, ("kind", "report_parts", index))
            problems.append(f"{where}: 字段 document.kind.report_parts: 规则文件中没有定义这一部分 (no such part) {part}")
    return problems


# --------------------------------------------------------------------------- compiled form


@dataclass
class Rulebook:
    header: BookHeader
    rules: list[Rule]
    files: list[str]
    _termsets: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.header.id

    @property
    def edition_id(self) -> str:
        return self.header.edition.id if self.header.edition else ""

    def ref(self) -> RulebookRef:
        return RulebookRef(id=self.header.id, edition=self.edition_id, version=self.header.version, name=self.header.name)

    def rule(self, rule_id: str) -> Optional[Rule]:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def covers(self, year: Optional[int]) -> bool:
        edition = self.header.edition
        return bool(edition and year and edition.first_year <= year <= edition.last_year)

    def termset(self, entries: list[str], inside: Sequence[str] = ()) -> TermSet:
        """The terms and exceptions `entries` name; the same object each time, as every check asks again. An
        occurrence inside one of the words `inside` names (a signal's unless_inside) counts for none: they are
        exceptions too."""
        key = (tuple(entries), tuple(inside))
        cached = self._termsets.get(key)
        if cached is None:
            cached = self._resolve(entries)
            if inside:
                cached = TermSet(cached.terms, cached.excepts | self.termset(inside).terms)
            self._termsets[key] = cached
        return cached

    def _resolve(self, entries: list[str]) -> TermSet:
        terms: set[str] = set()
        excepts: set[str] = set()
        for entry in entries:
            if entry.startswith("@"):
                group = self.header.terms[entry[1:]]
                terms.update(group.terms)
                excepts.update(self._exceptions(group))
            else:
                terms.add(entry)
        # (a word one group lists as a term is no exception of the others' in the same list: enforcement's except 执法监督
        # keeps its 执法 from counting there, not oversight's 执法监督 when a signal names both groups)
        return TermSet(frozenset(terms), frozenset(excepts - terms))

    @cached_property
    def _exceptions_only(self) -> frozenset[str]:
        """The words that are some group's exceptions and no group's terms."""
        groups = self.header.terms.values()
        terms = frozenset(term for group in groups for term in group.terms)
        return frozenset(word for group in groups for word in self._exceptions(group)) - terms

    def _exceptions(self, group: TermGroup) -> list[str]:
        """A group's exception words; an entry "@name" stands for the terms of the group `name`."""
        words: list[str] = []
        for entry in group.except_:
            words.extend(self.header.terms[entry[1:]].terms if entry.startswith("@") else [entry])
        return words

    @property
    def spec(self):
        """The writing conventions documents are read by (the `document:` section)."""
        return self.header.document

    @cached_property
    def lexicon(self) -> Lexicon:
        """What the document layer needs from this rulebook to read a report."""
        combined = self.header.document.combined_part
        look_ahead = self.termset([combined.switch_on]) if combined else TermSet(frozenset())
        look_back = self.termset([combined.switch_back_on]) if combined and combined.switch_back_on else TermSet(frozenset())
        clauses = self.header.document.clauses
        clause_lexicon = ClauseLexicon(
            conventions=clauses,
            actors={kind: self.termset(entries) for kind, entries in clauses.actors.items()},
            instruction=self.termset(clauses.instruction_terms),
            plan=self.termset(clauses.plan_terms),
            intention=self.termset(clauses.intention_terms),
            agenda=self.termset(clauses.agenda_terms),
            masks=tuple((mask, self.termset(mask.terms) if mask.terms else None) for mask in clauses.context_masks),
            exceptions_only=self._exceptions_only,
            untopical=self.termset(clauses.untopical_terms).terms,
            findings=self.termset(clauses.findings_terms).terms,
        )
        return Lexicon(spec=self.header.document, parts=dict(self.header.parts), vocabulary=self.vocabulary,
                       look_ahead=look_ahead, look_back=look_back, clauses=clause_lexicon)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every term and exception any rule or part can look for."""
        words: set[str] = set()
        for group in self.header.terms.values():
            words.update(group.terms)
            words.update(self._exceptions(group))
        for part in self.header.parts.values():
            words.update(part.heading, part.top_heading, part.heading_except)
        for mask in self.header.document.clauses.context_masks:
            words.update(entry for entry in mask.terms if not entry.startswith("@"))
        for rule in self.rules:
            for entry in rule.heading:
                if not entry.startswith("@"):
                    words.add(entry)
            for signal in rule.signals.values():
                for entry in (signal.all + signal.any + signal.none + signal.unless_inside + signal.sentence
                              + signal.section_body_terms + signal.elsewhere_terms):
                    if not entry.startswith("@"):
                        words.add(entry)
        return frozenset(word for word in words if word)


# --------------------------------------------------------------------------- choosing a rulebook


def builtin_editions() -> list[Path]:
    return sorted(builtin_rules_dir().glob(DEFAULT_EDITION_FILES))


def rulebook_file_for(path: Optional[str]) -> list[Path]:
    """The rulebook files to choose from: the user's one, or every built-in edition."""
    if path:
        if not os.path.exists(path):
            raise RulebookError(path, ["规则文件不存在 (file not found)"])
        return [Path(path)]
    return builtin_editions()
