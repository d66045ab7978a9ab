"""The engine: a path in, results out. It never prints and never decides exit codes.

ingest (file → lines) → outline (lines → parts and sentences) → analysis
(terms, parts, year, kind) → evaluate (rules → findings) → score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable, Iterator, Optional

from . import __version__
from .analysis import Analysis, analyse
from .errors import FzError
from .evaluate import evaluate
from .ingest import DEFAULT_MAX_BYTES, Source, read_source
from .meta import report_year
from .model import CheckResult, DocumentError, DocumentMeta, DocumentResult, Finding, OutlineEntry, Summary, summarise
from .outline import parse
from .discover import expand
from .parallel import run_parallel
from .rulebook import Rulebook, load_rulebook, rulebook_file_for
from .segment import tokenizer
from .waivers import Waivers, today_from_env

PASS_SCORE = 60.0


@dataclass
class Settings:
    rulebook: Optional[str] = None
    edition: Optional[str] = None  # force an edition ("2015-2020") instead of choosing by year
    profile: Optional[str] = None  # force government / township / department
    published: Optional[str] = None  # the publication date, when the documents do not say
    year: Optional[int] = None  # force the reported year instead of reading it from the text
    waivers: Optional[str] = None  # a waiver file; otherwise fzcheck-waivers.yaml beside the reports
    today: Optional[date] = None  # for waiver expiry; defaults to today
    pass_score: float = PASS_SCORE  # fail_under: a lower score fails
    fail_on: str = "error"  # a missing rule of this severity or worse fails the document
    ignore: tuple[str, ...] = ()  # rule ids not to judge
    exclude: tuple[str, ...] = ()  # globs of files not to check in folders
    jobs: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES


class Checker:
    def __init__(self, settings: Optional[Settings] = None):
        self.settings = settings or Settings()
        self.books = [load_rulebook(path) for path in rulebook_file_for(self.settings.rulebook)]
        self.waivers = Waivers(today=self.settings.today or today_from_env(), explicit=self.settings.waivers)
        if self.settings.edition and not any(b.edition_id == self.settings.edition for b in self.books):
            known = "、".join(b.edition_id for b in self.books if b.edition_id)
            raise FzError("unknown-edition", f"没有版本“{self.settings.edition}”的规则（可用：{known}）",
                          f"no rulebook for edition '{self.settings.edition}' (known: {known})")
        known_rules = {rule.id for book in self.books for rule in book.rules}
        unknown = [rule for rule in self.settings.ignore if rule not in known_rules]
        if unknown:
            raise FzError("unknown-rule", f"要忽略的规则不存在：{'、'.join(unknown)}",
                          f"rules to ignore do not exist: {', '.join(unknown)}")

    def warm_up(self) -> None:
        """Load the segmenter with every rulebook's words (before forking workers, so they share it)."""
        tokenizer(frozenset().union(*(book.vocabulary for book in self.books)))

    # ------------------------------------------------------------------ choosing the edition

    def choose(self, year: Optional[int]) -> tuple[Rulebook, Optional[str]]:
        """The rulebook for a report on `year`, and a notice when none fits exactly."""
        if self.settings.edition:
            book = next(b for b in self.books if b.edition_id == self.settings.edition)
            if year is not None and not book.covers(year):
                return book, f"按指定的《{book.header.name}》检查（报告年度为{year}年）。"
            return book, None
        if len(self.books) == 1 and self.settings.rulebook:
            return self.books[0], None
        for book in self.books:
            if book.covers(year):
                return book, None
        latest = max(self.books, key=lambda b: b.header.edition.last_year if b.header.edition else 0)
        name = latest.header.name
        if year is None:
            return latest, f"未能识别报告所属年度，按《{name}》检查。"
        editions = [b.header.edition for b in self.books if b.header.edition]
        if editions and year > max(e.last_year for e in editions):
            return latest, f"{year}年尚无对应的新版法治政府建设实施纲要，暂按最近一版《{name}》检查，规则需待新纲要发布后更新。"
        return latest, f"没有适用于{year}年的纲要版本，按《{name}》检查。"

    # ------------------------------------------------------------------ one document

    def check_file(self, path: str, root: Optional[str] = None) -> DocumentResult:
        """Check one file; whatever goes wrong becomes an error result, never an exception.

        `root` is the folder the user named, up to which waiver files are looked for.
        """
        return self.finish(self.analyse_file(path), root)

    def check_text(self, text: str, name: str = "text.txt") -> DocumentResult:
        """Check text already in memory (tests, the web page)."""
        from .ingest.source import lines_from_text

        return self.check_source(Source(path=name, format="txt", lines=lines_from_text(text), encoding="utf-8"))

    def check_source(self, source: Source) -> DocumentResult:
        return self.finish(self._guarded(source.path, lambda: self._findings(source.path, source)))

    def analyse_file(self, path: str) -> DocumentResult:
        """The findings for one file, not yet judged: the part of a run that can go to a worker."""
        return self._guarded(path, lambda: self._findings(path, read_source(path, self.settings.max_bytes)))

    def finish(self, result: DocumentResult, root: Optional[str] = None) -> DocumentResult:
        """Apply ignored rules and waivers, then score and judge."""
        if result.error is not None:
            return result
        try:
            self.waivers.discover(result.path, root)
        except FzError as error:
            return failed(result.path, error)
        for finding in result.findings:
            if finding.rule in self.settings.ignore:
                finding.status, finding.score, finding.points = "not_applicable", 0.0, 0.0
                finding.message = f"已按配置忽略此项（ignore）。{finding.message}"
        self.waivers.apply(result)
        return judge(result, self.settings.pass_score, self.settings.fail_on)

    def _guarded(self, path: str, work) -> DocumentResult:
        try:
            return work()
        except FzError as error:
            return failed(path, error)
        except Exception as exc:  # a bug must not stop the other files in a folder
            return failed(path, _internal(exc))

    def examine(self, path: str) -> tuple[DocumentResult, Optional[Analysis]]:
        """The judged result and the analysis behind it (for `fzcheck diff`); no analysis on error."""
        kept: dict[str, Analysis] = {}

        def work() -> DocumentResult:
            result, kept["analysis"] = self._analysed(path, read_source(path, self.settings.max_bytes))
            return result

        return self.finish(self._guarded(path, work)), kept.get("analysis")

    def _findings(self, path: str, source: Source) -> DocumentResult:
        return self._analysed(path, source)[0]

    def _analysed(self, path: str, source: Source) -> tuple[DocumentResult, Analysis]:
        outline = parse(source)
        year = self.settings.year or report_year(outline)
        book, notice = self.choose(year)
        analysis = analyse(outline, book, year, self.settings.profile, self.settings.published)
        return DocumentResult(
            path=path,
            meta=_meta(analysis, source.encoding, source.format),
            rulebook=book.ref(),
            findings=[evaluate(rule, analysis) for rule in book.rules],
            outline=_outline(analysis),
            notices=[n for n in [notice, *source.notices] if n],
        ), analysis

    # ------------------------------------------------------------------ many documents

    def check_paths(self, paths: Iterable[str], progress: Optional[Progress] = None) -> CheckResult:
        documents = list(self.iter_results(paths, progress))
        return CheckResult(version=__version__, documents=documents, summary=self.summary(documents))

    def iter_results(self, paths: Iterable[str], progress: Optional[Progress] = None) -> Iterator[DocumentResult]:
        """Results in input order, computed on `settings.jobs` processes, judged here."""
        found = list(expand(paths, self.settings.exclude))
        files = [item.path for item in found if item.error is None]
        analysed = run_parallel(self, files, self.settings.jobs)
        for done, item in enumerate(found, start=1):
            if item.error is not None:
                result = failed(item.path, item.error)
            else:
                result = self.finish(next(analysed), item.root)
            if progress is not None:
                progress(done, len(found), item.path)
            yield result

    def summary(self, documents: list[DocumentResult]) -> Summary:
        summary = summarise(documents)
        summary.expired_waivers = self.waivers.expired()
        summary.unused_waivers = self.waivers.unused()
        return summary


Progress = Callable[[int, int, str], None]


def _internal(exc: Exception) -> FzError:
    return FzError(
        "internal-error",
        f"检查时出现内部错误（{type(exc).__name__}），请将此文件反馈给维护人员",
        f"internal error while checking ({type(exc).__name__}: {exc}); please report this file",
    )


def failed(path: str, error: FzError) -> DocumentResult:
    located = error.at(path)
    return DocumentResult(
        path=path,
        error=DocumentError(code=error.code, message=located.message()),
        verdict=f"无法检查：{error.zh}",
    )


# --------------------------------------------------------------------------- results


def _meta(analysis: Analysis, encoding: Optional[str], fmt: str) -> DocumentMeta:
    outline = analysis.outline
    return DocumentMeta(
        title=outline.title,
        year=analysis.year,
        issuer=analysis.issuer,
        level=analysis.level,  # type: ignore[arg-type]
        profile=analysis.profile,  # type: ignore[arg-type]
        kind=analysis.kind,  # type: ignore[arg-type]
        chars=outline.body_chars,
        addressee=outline.addressee,
        closing_date=outline.closing_date,
        published=analysis.published,
        encoding=encoding,
        format=fmt,
        kind_reasons=analysis.kind_reasons,
    )


def _outline(analysis: Analysis) -> list[OutlineEntry]:
    outline = analysis.outline
    return [
        OutlineEntry(
            level=_depth(section),
            marker=section.marker,
            heading=section.heading,
            line=section.line,
            role=next(iter(sorted(section.own_parts)), None),
            page=outline.pages[section.line - 1] if section.line - 1 < len(outline.pages) else None,
        )
        for section in outline.sections
    ]


def _depth(section) -> int:
    depth, node = 1, section.parent
    while node is not None:
        depth, node = depth + 1, node.parent
    return depth


def score_of(findings: list[Finding]) -> float:
    """Points earned over points at stake; rules that do not apply or are waived are not at stake."""
    counted = [f for f in findings if f.status != "not_applicable" and f.waiver is None and f.weight > 0]
    total = sum(f.weight for f in counted)
    return round(100 * sum(f.points for f in counted) / total, 1) if total else 0.0


_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def judge(result: DocumentResult, pass_score: float, fail_on: str = "error") -> DocumentResult:
    """Score, pass or fail, and the verdict in words."""
    result.score = score_of(result.findings)
    blocking = [
        f for f in result.findings
        if f.status == "missing" and f.waiver is None and _SEVERITY_RANK[f.severity] <= _SEVERITY_RANK[fail_on]
    ]
    assert result.meta is not None
    if result.meta.kind != "annual_report":
        result.passed = False
        why = "；".join(result.meta.kind_reasons[:3])
        result.verdict = f"不是法治政府建设年度报告（{why}），未按年度报告评判"
    elif blocking:
        result.passed = False
        result.verdict = "未通过：缺少" + ("必备" if fail_on == "error" else "") + "内容“" + "”“".join(f.title for f in blocking) + "”"
    elif result.score < pass_score:
        result.passed = False
        result.verdict = f"未通过：得分 {result.score:g} 低于及格线 {pass_score:g} 分"
    else:
        result.passed = True
        result.verdict = f"通过：得分 {result.score:g}，无缺失的必备内容"
    return result


