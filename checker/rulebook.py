"""Rulebooks: YAML files validated by pydantic, merged along `extends:`.

A malformed rulebook is reported as a list of problems, each naming the file,
the line and the field, so the person editing it can go straight there.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal, Optional, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from .errors import RulebookError
from .model import Basis, Level, RulebookRef, Severity

PartName = Literal["measures", "shortcomings", "first_responsible", "next_year", "other"]
# Where a sentence sits: one of the report's parts, or the text around them.
Role = Literal["measures", "shortcomings", "first_responsible", "next_year", "other", "preamble", "closing", "body"]
Category = Literal["item", "area", "quality"]

BUILTIN_DIR = Path(__file__).with_name("rules")
SOURCE_DIR = Path(__file__).resolve().parent.parent / "rules"
DEFAULT_EDITION_FILES = "edition-*.yaml"


def builtin_rules_dir() -> Path:
    """The shipped rulebooks: inside the installed package, or the checkout's `rules/`."""
    return BUILTIN_DIR if BUILTIN_DIR.is_dir() else SOURCE_DIR


def _regex(pattern: Optional[str]) -> Optional[str]:
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"正则表达式无法编译 (invalid regex) {pattern!r}: {exc}") from None
    return pattern


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Scope(Strict):
    include: Optional[list[Role]] = None
    exclude: list[Role] = Field(default_factory=list)

    def admits_any(self, roles: frozenset[str]) -> bool:
        """A sentence with these roles is in scope: one is included and none excluded."""
        if self.include is not None and not roles.intersection(self.include):
            return False
        return not roles.intersection(self.exclude)


class Signal(Strict):
    """A kind of sentence a rule looks for."""

    label: str = ""
    all: list[str] = Field(default_factory=list)
    any: list[str] = Field(default_factory=list)
    none: list[str] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list)
    number: Optional[bool] = None
    where: Literal["any", "heading", "body"] = "any"
    scope: Optional[Scope] = None
    points: float = Field(default=0, ge=0)
    number_points: float = Field(default=0, ge=0)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            _regex(pattern)
        return patterns


class Condition(Strict):
    """All of its keys must hold; a rule's `met` or `partial` is a list of alternatives."""

    section: Optional[bool] = None
    signals: dict[str, int] = Field(default_factory=dict)
    points: Optional[float] = None
    chars: Optional[int] = None
    part_chars: Optional[int] = None
    year: Optional[bool] = None
    report: Optional[bool] = None  # the text is an annual report, not a news item or a plan


Profile = Literal["government", "township", "department"]
PROFILES: dict[str, str] = {"government": "政府（省、市、县）", "township": "乡镇（街道）", "department": "政府部门"}


class Applies(Strict):
    """When a rule is asked of a report; outside that it is not_applicable, never missing."""

    from_year: Optional[int] = None
    to_year: Optional[int] = None
    profiles: Optional[list[Profile]] = None
    # For these profiles the content is expected only when it is their business:
    # written about, it is scored; left out, it is not_applicable.
    optional_for: list[Profile] = Field(default_factory=list)
    reason: str = ""


class Messages(Strict):
    met: str
    partial: str = ""
    missing: str


# --------------------------------------------------------------------------- check parameters


class DensityParams(Strict):
    met_per_1000: float = 6
    partial_per_1000: float = 2
    min_chars: int = 100
    met_documents: int = 0  # named documents or cases (《…》) needed as well


class ProblemsParams(Strict):
    min_chars: dict[str, int] = Field(default_factory=lambda: {"default": 300})
    min_ratio: float = 0.1  # against the length of the achievements
    cause_share: float = 0.5  # of the listed problems that must say why
    stock_phrases: list[str] = Field(default_factory=list)


class PlanParams(Strict):
    min_tasks: int = 3
    target_pattern: str = r"\d|年底|年内|月底|季度|上半年|下半年|完成|实现|达到|覆盖|力争|确保"

    @field_validator("target_pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        return _regex(pattern)


class PublicationParams(Strict):
    due: str = Field(pattern=r"^\d{2}-\d{2}$")  # last on-time day of the following year
    grace: Optional[str] = Field(default=None, pattern=r"^\d{2}-\d{2}$")  # a day that is only a warning


class OutdatedFact(Strict):
    id: str
    pattern: str
    message: str
    basis: str = ""
    from_year: Optional[int] = None
    to_year: Optional[int] = None
    unless: Optional[str] = None  # not outdated when the report also says this
    levels: Optional[list[Level]] = None
    issuer_except: Optional[str] = None
    sentence_except: Optional[str] = None

    @field_validator("pattern", "unless", "issuer_except", "sentence_except")
    @classmethod
    def _compiles(cls, pattern: Optional[str]) -> Optional[str]:
        return _regex(pattern)


class OutdatedParams(Strict):
    facts: list[OutdatedFact] = Field(min_length=1)


PARAMS: dict[str, type[BaseModel]] = {
    "density": DensityParams,
    "problems": ProblemsParams,
    "plan": PlanParams,
    "publication": PublicationParams,
    "outdated": OutdatedParams,
}


class Rule(Strict):
    id: str = Field(pattern=r"^[a-z]+\.[a-z0-9-]+$")
    title: str = Field(min_length=1)
    category: Category
    check: Literal["coverage", "forbidden", "density", "title", "problems", "plan", "years", "outdated", "publication"] = "coverage"
    severity: Severity
    weight: float = Field(ge=0)
    basis: Basis
    part: Optional[PartName] = None
    scope: Scope = Field(default_factory=Scope)
    heading: list[str] = Field(default_factory=list)
    heading_points: float = Field(default=3, ge=0)
    signals: dict[str, Signal] = Field(default_factory=dict)
    met: list[Condition] = Field(default_factory=list)
    partial: list[Condition] = Field(default_factory=list)
    messages: Messages
    advice: str = Field(min_length=1)
    params: dict[str, Any] = Field(default_factory=dict)
    applies: Applies = Field(default_factory=Applies)
    _settings: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _parse_params(self) -> "Rule":
        model = PARAMS.get(self.check)
        if model is not None:
            try:
                self._settings = model.model_validate(self.params)
            except ValidationError as exc:
                raise ValueError(_params_problem(exc)) from None
        return self

    def settings(self) -> Any:
        """The rule's `params`, validated for its kind of check."""
        return self._settings


def _params_problem(exc: ValidationError) -> str:
    return "; ".join(f"params.{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())


class TermGroup(Strict):
    terms: list[str] = Field(min_length=1)
    except_: list[str] = Field(default_factory=list, alias="except")


class Part(Strict):
    label: str
    heading: list[str] = Field(min_length=1)
    later_year: bool = False


class Marker(Strict):
    pattern: str
    weight: float
    label: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        return _regex(pattern)


class LevelRule(Strict):
    level: Level
    suffix: list[str]
    not_suffix: list[str] = Field(default_factory=list)


class DocumentSpec(Strict):
    report_title: list[str]
    other_genres: dict[str, str] = Field(default_factory=dict)
    report_markers: list[Marker] = Field(default_factory=list)
    other_markers: list[Marker] = Field(default_factory=list)
    kind_threshold: float = 3
    levels: list[LevelRule]
    self_reference: dict[Level, list[str]] = Field(default_factory=dict)


class Edition(Strict):
    id: str
    document: str
    number: str = ""
    first_year: int
    last_year: int


class BookHeader(Strict):
    """Everything in a merged rulebook except its rules."""

    id: str
    name: str
    version: str
    edition: Optional[Edition] = None
    terms: dict[str, TermGroup]
    parts: dict[PartName, Part]
    document: DocumentSpec


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


_MERGED_KEYS = ("terms", "parts", "document")


def load_rulebook(path: Union[str, Path]) -> "Rulebook":
    """Load, merge and validate one rulebook file; RulebookError lists every problem."""
    raw = _load_chain(Path(path), seen=())
    return _validate(raw, str(path))


def _load_chain(path: Path, seen: tuple[str, ...]) -> _Raw:
    key = str(path.resolve())
    if key in seen:
        raise RulebookError(str(path), [f"extends 形成循环 (extends loop): {' -> '.join(seen + (key,))}"])
    data, root = _read_yaml(path)
    parent_name = data.get("extends")
    if parent_name is not None:
        raw = _load_chain(_find_parent(path, parent_name), seen + (key,))
    else:
        raw = _Raw()
    raw.chain.append(str(path))
    for name, value in data.items():
        if name in ("extends", "rules", "defaults", "remove_rules"):
            continue
        origin = _Origin(str(path), _child(root, name))
        if name in _MERGED_KEYS and isinstance(value, dict) and isinstance(raw.header.get(name), dict):
            raw.header[name] = {**raw.header[name], **value}
        else:
            raw.header[name] = value
        raw.header_origin[name] = origin
    for category, values in (data.get("defaults") or {}).items():
        raw.defaults[category] = {**raw.defaults.get(category, {}), **(values or {})}
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


def _find_parent(path: Path, name: str) -> Path:
    file_name = name if name.endswith((".yaml", ".yml")) else f"{name}.yaml"
    for folder in (path.parent, builtin_rules_dir()):
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    raise RulebookError(str(path), [f"extends 指向的规则文件“{name}”不存在 (extended rulebook '{name}' not found)"])


def _read_yaml(path: Path) -> tuple[dict[str, Any], Optional[yaml.Node]]:
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise RulebookError(str(path), ["规则文件不存在 (file not found)"]) from None
    data, root = _parsed(str(path.resolve()), stamp)
    return copy.deepcopy(data), root


# libyaml when the PyYAML build has it: the pure-Python parser is most of a cold start.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=32)
def _parsed(path: str, stamp: int) -> tuple[dict[str, Any], Optional[yaml.Node]]:
    """One parse per file and version: the node tree (for line numbers) and the data built from it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
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
    return data, root


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


_EXPLAIN = {
    "missing": "缺少必填字段 (required field missing)",
    "extra_forbidden": "不认识的字段，可能拼写有误 (unknown field, check the spelling)",
    "literal_error": "取值不在允许范围内 (value not allowed)",
}


def _explain(error: dict[str, Any]) -> str:
    zh = _EXPLAIN.get(error["type"])
    return f"{zh}: {error['msg']}" if zh else error["msg"]


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
    for rule_id, data in raw.rules.items():
        origin = raw.rule_origin[rule_id]
        category = data.get("category")
        filled = _deep_merge(raw.defaults.get(str(category), {}), data) if category in raw.defaults else data
        try:
            rules.append(Rule.model_validate(filled))
        except ValidationError as exc:
            problems.extend(_problem(origin, (f"rules[{rule_id}]",), error) for error in exc.errors())
    if header is not None:
        problems.extend(_check_references(header, rules, raw))
    if not rules and not problems:
        problems.append(f"{raw.chain[-1]}: 没有任何规则 (the rulebook has no rules)")
    if problems:
        raise RulebookError(path, problems)
    assert header is not None
    return Rulebook(header=header, rules=rules, files=list(raw.chain))


def _as_group(value: Any) -> Any:
    return {"terms": value} if isinstance(value, list) else value


def _check_references(header: BookHeader, rules: list[Rule], raw: _Raw) -> list[str]:
    """Names a rule uses must exist: term groups, its signals, its part."""
    problems = []
    for rule in rules:
        origin = raw.rule_origin[rule.id]

        def report(loc: tuple[Any, ...], message: str, origin: _Origin = origin, rule: Rule = rule) -> None:
            problems.append(f"{_locate(origin, loc)}: 字段 rules[{rule.id}].{'.'.join(map(str, loc))}: {message}")

        for index, entry in enumerate(rule.heading):
            if entry.startswith("@") and entry[1:] not in header.terms:
                report(("heading", index), f"未定义的词组 (unknown term group) {entry}")
        for name, signal in rule.signals.items():
            for key in ("all", "any", "none"):
                for index, entry in enumerate(getattr(signal, key)):
                    if entry.startswith("@") and entry[1:] not in header.terms:
                        report(("signals", name, key, index), f"未定义的词组 (unknown term group) {entry}")
            if rule.check == "coverage" and not (signal.all or signal.any or signal.regex):
                report(("signals", name), "信号至少需要 all、any 或 regex 之一 (a signal needs all, any or regex)")
        for key in ("met", "partial"):
            for index, condition in enumerate(getattr(rule, key)):
                for name in condition.signals:
                    if name not in rule.signals:
                        report((key, index, "signals", name), f"规则中没有名为 {name} 的信号 (no such signal)")
                if condition.section is not None and rule.part is None:
                    report((key, index, "section"), "使用 section 条件的规则必须指定 part (a section condition needs `part`)")
        if rule.check == "coverage" and not rule.met:
            report(("met",), "缺少满足条件 (no `met` conditions)")
    return problems


# --------------------------------------------------------------------------- compiled form


@dataclass(frozen=True)
class TermSet:
    """Concrete terms a signal accepts, and the longer words that do not count as them."""

    terms: frozenset[str]
    excepts: frozenset[str] = frozenset()


@dataclass
class Rulebook:
    header: BookHeader
    rules: list[Rule]
    files: list[str]

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

    def termset(self, entries: list[str]) -> TermSet:
        terms: set[str] = set()
        excepts: set[str] = set()
        for entry in entries:
            if entry.startswith("@"):
                group = self.header.terms[entry[1:]]
                terms.update(group.terms)
                excepts.update(group.except_)
            else:
                terms.add(entry)
        return TermSet(frozenset(terms), frozenset(excepts))

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every term and exception any rule or part can look for."""
        words: set[str] = set()
        for group in self.header.terms.values():
            words.update(group.terms)
            words.update(group.except_)
        for part in self.header.parts.values():
            words.update(part.heading)
        for rule in self.rules:
            for entry in rule.heading:
                if not entry.startswith("@"):
                    words.add(entry)
            for signal in rule.signals.values():
                for entry in signal.all + signal.any + signal.none:
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
