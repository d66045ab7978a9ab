"""The one result model. The engine fills it; every renderer only reads it.

The JSON form of `CheckResult` is the `fzcheck.result/1` contract that later
tooling reads, so fields are only ever added, never renamed or removed.
"""

from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, Field, PrivateAttr

from checker.concepts import (GAPS, OPTIONAL_LABEL, OPTIONAL_TONE, STATUS_LABEL, FailOn, Kind, Level, Profile,
                              Severity, Status, severity_rank)

SCHEMA_ID = "fzcheck.result/1"


class Basis(BaseModel):
    """Where a requirement comes from: the document and the article or part."""

    document: str
    article: str = ""
    note: str = ""

    def cite(self) -> str:
        text = f"《{self.document}》"
        return f"{text}{self.article}" if self.article else text


class Evidence(BaseModel):
    section: str = ""
    line: int = 0  # the line of the file as read (SARIF and annotations point at it)
    excerpt: str = ""
    terms: list[str] = Field(default_factory=list)
    page: Optional[int] = None
    # Where a reader finds it, in the terms of the format: 第2页第3段 · 一、…, 第45行 · 一、…,
    # “一、… > （二）…”下第3段; reports print this.
    place: str = ""


class WaiverRef(BaseModel):
    """The approved exception that covers a finding (see waivers.py)."""

    reason: str
    approved_by: str
    expires: str
    file: str


class Finding(BaseModel):
    rule: str
    title: str
    short: str = ""  # a column label (Rule.short)
    category: str
    status: Status
    severity: Severity
    weight: float
    optional: bool = False  # a part the report may leave out: never a gap (see Rule.optional)
    score: float  # 1 / 0.5 / 0 for met / partial / missing
    points: float  # score x weight
    evidence: list[Evidence] = Field(default_factory=list)
    message: str
    advice: str
    basis: Basis
    waiver: Optional[WaiverRef] = None
    # For a rule the report is not asked for (not_applicable): what the text shows all the same.
    observed: Optional[Status] = None

    @property
    def is_gap(self) -> bool:
        """Needs work: partial or missing, not waived, not optional."""
        return self.status in GAPS and self.waiver is None and not self.optional

    @property
    def tone(self) -> str:
        """What colour it is shown in: its status, or neutral for an optional part not written."""
        return OPTIONAL_TONE if self.optional and self.status in GAPS else self.status

    @property
    def label(self) -> str:
        """Its status in words (可选，未写 for an optional part not written)."""
        return OPTIONAL_LABEL if self.tone == OPTIONAL_TONE else STATUS_LABEL[self.status]


class OutlineEntry(BaseModel):
    level: int
    marker: str
    heading: str
    line: int
    role: Optional[str] = None
    role_label: Optional[str] = None  # the part's name in the rulebook
    page: Optional[int] = None
    place: str = ""  # 第2页第3段 or 第45行; empty where the heading's own words are the way to find it (Word, web pages)


class DocumentMeta(BaseModel):
    title: Optional[str] = None
    year: Optional[int] = None
    issuer: Optional[str] = None
    level: Optional[Level] = None
    profile: Optional[Profile] = None
    kind: Kind = "not_annual_report"
    chars: int = 0
    addressee: Optional[str] = None
    closing_date: Optional[str] = None
    published: Optional[str] = None
    encoding: Optional[str] = None
    format: Optional[str] = None
    kind_reasons: list[str] = Field(default_factory=list)


class RulebookRef(BaseModel):
    id: str
    edition: str
    version: str
    name: str = ""


class DocumentError(BaseModel):
    code: str
    message: str


class BaselineDelta(BaseModel):
    """How a document compares with the recorded baseline (see baseline.py)."""

    known: bool  # the document was in the baseline
    score_before: Optional[float] = None
    new_gaps: list[str] = Field(default_factory=list)
    regressed: bool = False


class PolicyRef(BaseModel):
    """The policy a document was judged by (see run/judge.py)."""

    fail_under: float
    fail_on: FailOn
    ignored: list[str] = Field(default_factory=list)  # rule ids not judged


class DocumentResult(BaseModel):
    # The signatures of its passages (run/copies.py), from the worker to the run; never written out.
    _prints: Any = PrivateAttr(default=None)
    # The text as the worker read it, for the marked-up copy: an address is not fetched twice.
    _source: Any = PrivateAttr(default=None)

    path: str
    error: Optional[DocumentError] = None
    meta: Optional[DocumentMeta] = None
    rulebook: Optional[RulebookRef] = None
    score: Optional[float] = None
    passed: bool = False
    verdict: str = ""
    findings: list[Finding] = Field(default_factory=list)
    outline: list[OutlineEntry] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)
    baseline: Optional[BaselineDelta] = None
    policy: Optional[PolicyRef] = None

    def gaps(self) -> list[Finding]:
        """Findings that need work: required items first, then by how far from met, then weight."""
        todo = [f for f in self.findings if f.is_gap]
        return sorted(todo, key=lambda f: (severity_rank(f.severity), GAPS.index(f.status), -f.weight))


class CopiedPassage(BaseModel):
    """One paragraph's copied sentences and where the other report has them."""

    line: int
    place: str  # 第2页第3段 · 一、… / 第45行 · …
    excerpt: str  # the first copied sentence, as written, at most EXCERPT_CHARS characters
    other_line: int
    other_place: str
    other_excerpt: str
    similarity: float  # the lowest estimated similarity of its sentences (1.0: the same once normalised)
    sentences: int = 1  # copied sentences of this paragraph, matched in one paragraph of the other report
    chars: int = 0  # their characters, as written


class CopyLink(BaseModel):
    """What one report shares with one other unit's report (each pair appears once from each side)."""

    path: str
    issuer: Optional[str] = None
    other_path: str
    other_issuer: Optional[str] = None
    count: int  # copied passages (paragraph by paragraph)
    sentences: int  # copied sentences
    chars: int  # their characters, as written
    share: float  # of this report's body characters, 0–1
    summary: str  # 与××镇报告雷同段落 N 处，约占全文 x%
    passages: list[CopiedPassage] = Field(default_factory=list)  # the first `shown`, in reading order
    more: int = 0  # copied passages not listed


class Summary(BaseModel):
    documents: int = 0
    passed: int = 0
    failed: int = 0
    errors: int = 0
    waived: int = 0
    expired_waivers: list[str] = Field(default_factory=list)
    unused_waivers: list[str] = Field(default_factory=list)
    regressed: Optional[int] = None  # with a baseline: documents that got worse
    skipped: list[str] = Field(default_factory=list)  # files in the folders that are not reports, with why
    # Passages reports of different units share (run/copies.py), each pair once from each side.
    copies: list[CopyLink] = Field(default_factory=list)

    def add(self, document: "DocumentResult") -> None:
        """Count one more document."""
        self.documents += 1
        if document.error is not None:
            self.errors += 1
        elif document.passed:
            self.passed += 1
        else:
            self.failed += 1
        self.waived += sum(1 for f in document.findings if f.waiver is not None)

    def exit_code(self) -> int:
        """0 all passed, 1 some document failed, 2 some file could not be checked.

        Against a baseline, "failed" means got worse than the baseline.
        """
        if self.errors:
            return 2
        failing = self.regressed if self.regressed is not None else self.failed
        return 1 if failing else 0


class RunInfo(BaseModel):
    """Who checked and when: a printed report must say where it came from."""

    checked_at: str = ""  # ISO 8601 with its offset (2025-03-20T09:30:00+08:00), as the clock read it
    reviewer: Optional[str] = None  # the reviewer's name and unit, as given (张某，市司法局)

    @classmethod
    def now(cls, reviewer: Optional[str] = None) -> "RunInfo":
        """The run starting now, in local time to the second (what a reviewer reads on paper)."""
        from datetime import datetime

        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        return cls(checked_at=stamp, reviewer=(reviewer or "").strip() or None)


class CheckResult(BaseModel):
    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    tool: str = "fzcheck"
    version: str = ""
    documents: list[DocumentResult] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)
    run: Optional[RunInfo] = None  # absent in results made before it was recorded

    model_config = {"populate_by_name": True}

    def exit_code(self) -> int:
        return self.summary.exit_code()


class RuleChange(BaseModel):
    rule: str
    title: str
    before: str
    after: str
    better: bool


class Passage(BaseModel):
    part: str
    part_label: str
    old_line: int
    new_line: int
    old_text: str
    new_text: str
    similarity: float
    same: bool  # the same after figures and punctuation are taken out
    old_place: str = ""  # where, as a reader finds it (第2页第3段, “二、…”下第2段, 第45行)
    new_place: str = ""


class DiffResult(BaseModel):
    old: DocumentResult
    new: DocumentResult
    score_change: Optional[float] = None
    changes: list[RuleChange] = Field(default_factory=list)
    repeated: list[Passage] = Field(default_factory=list)

    def exit_code(self) -> int:
        """2 a file could not be read; 1 the new version is worse or repeats the old problems; else 0."""
        if self.old.error or self.new.error:
            return 2
        return 1 if self.problems() else 0

    def problems(self) -> list[str]:
        """Why the new version is not an improvement, in the reviewer's words (empty when it is)."""
        out = []
        copied = sum(1 for p in self.repeated if p.part == "shortcomings")
        if copied:
            out.append(f"“存在的不足和原因”有 {copied} 段与旧版相同或几乎相同")
        worse = [change.title for change in self.changes if not change.better]
        if worse:
            out.append(f"{len(worse)} 项变差（{'、'.join(worse[:3])}{'等' if len(worse) > 3 else ''}）")
        if (self.score_change or 0) < 0:
            out.append(f"得分下降 {-(self.score_change or 0):g} 分")
        return out

    def headline(self) -> str:
        """One line that agrees with the exit code: what a reviewer reads first."""
        if self.old.error or self.new.error:
            return "无法比较：有文件无法读取"
        problems = self.problems()
        if problems:
            return "新版需要修改：" + "；".join(problems)
        better = sum(1 for change in self.changes if change.better)
        change = f"得分变化 {self.score_change or 0:+g} 分"
        return f"新版有改进：{better} 项变好，{change}" if better or (self.score_change or 0) > 0 else f"新版与旧版相当：{change}"


def json_schema() -> dict:
    """The JSON Schema of the `fzcheck.result/1` output, as shipped in checker/schema/."""
    schema = CheckResult.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = "https://example.invalid/fzcheck/fzcheck.result-1.schema.json"
    schema["title"] = "fzcheck.result/1"
    return schema


def summarise(documents: list[DocumentResult]) -> Summary:
    summary = Summary()
    for document in documents:
        summary.add(document)
    return summary
