"""The run: a path in, judged results out. It never prints and never decides exit codes.

    document layer (file → Document) → rules layer (Document → findings)
    → judge (findings + policy, waivers, baseline → judged result)
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from checker import __version__
from checker.concepts import DEFAULT_FAIL_ON, DEFAULT_PROFILE, PASS_SCORE, PROFILE_OF_LEVEL, profile_choices, profile_named
from checker.document import Document, read, read_outline
from checker.document.facts import year_statements
from checker.document.ingest import DEFAULT_MAX_BYTES, Source, load_readers, read_source
from checker.document.segment import tokenizer
from checker.errors import FzError
from checker.model import CheckResult, DocumentError, DocumentMeta, DocumentResult, OutlineEntry, Summary, summarise
from checker.rules.evaluate import evaluate
from checker.rules.kinds.evidence import heading_place
from checker.rules.reading import Reading
from checker.rules.rulebook import Rulebook, load_rulebook, rulebook_file_for
from checker.run.baseline import Ratchet
from checker.run.discover import expand
from checker.run.judge import Policy, judge
from checker.run.parallel import Limits, PageSeen, memory_error, run_isolated
from checker.run.waivers import Waivers, today_from_env


@dataclass
class Settings:
    rulebook: Optional[str] = None
    edition: Optional[str] = None  # force an edition ("2015-2020") instead of choosing by year
    profile: Optional[str] = None  # force government / township / department
    published: Optional[str] = None  # the publication date, when the documents do not say
    year: Optional[int] = None  # force the reported year instead of reading it from the text
    waivers: Optional[str] = None  # a waiver file; otherwise fzcheck-waivers.yaml beside the reports
    baseline: Optional[str] = None  # a baseline file to compare with (recorded when it does not exist)
    update_baseline: bool = False  # record the baseline even when it exists
    today: Optional[date] = None  # for waiver expiry; defaults to today
    pass_score: float = PASS_SCORE  # fail_under: a lower score fails
    fail_on: str = DEFAULT_FAIL_ON  # a missing rule of this severity or stricter fails the document
    ignore: tuple[str, ...] = ()  # rule ids not to judge
    exclude: tuple[str, ...] = ()  # globs of files not to check in folders
    jobs: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES
    time_limit: float = 60.0  # seconds per file, in a folder run
    memory_limit: int = 1024  # MB per worker process, in a folder run
    copies: bool = False  # sign each report's passages, to find those different units share (run/copies.py)
    keep_source: bool = False  # hand the text read on with the result (the marked-up copy is made from it)

    def shown(self) -> dict:
        """The settings a reader of the results should know, by the names the flags use (the notes of
        the spreadsheet list those that are set)."""
        return {"profile": self.profile, "edition": self.edition, "year": self.year, "fail_under": self.pass_score,
                "fail_on": self.fail_on, "ignore": list(self.ignore), "published": self.published,
                "rulebook": self.rulebook, "waivers": self.waivers, "baseline": self.baseline}

    def policy(self) -> Policy:
        return Policy(pass_score=self.pass_score, fail_on=self.fail_on, ignore=frozenset(self.ignore))


class Checker:
    def __init__(self, settings: Optional[Settings] = None):
        self.settings = settings or Settings()
        if self.settings.profile is not None:
            profile = profile_named(self.settings.profile)
            if profile is None:
                raise FzError("unknown-profile", f"报告主体应为 {profile_choices()}，而不是“{self.settings.profile}”",
                              f"the profile must be one of government, township, department (or a level), not '{self.settings.profile}'")
            self.settings = replace(self.settings, profile=profile)
        self.books = [load_rulebook(path) for path in rulebook_file_for(self.settings.rulebook)]
        # The rulebooks whose reading conventions are the first's, compared once: equal models compare field by field.
        self._reads_alike = {id(book) for book in self.books if book.spec == self.books[0].spec}
        self.waivers = Waivers(today=self.settings.today or today_from_env(), explicit=self.settings.waivers)
        self.skipped: list[str] = []  # files met in folders that are not reports, with why
        self.roots: dict[str, str] = {}
        self.baseline = Ratchet(Path(self.settings.baseline), self.settings.update_baseline) if self.settings.baseline else None
        if self.settings.edition and not any(b.edition_id == self.settings.edition for b in self.books):
            known = "、".join(b.edition_id for b in self.books if b.edition_id)
            raise FzError("unknown-edition", f"没有版本“{self.settings.edition}”的规则（可用：{known}）",
                          f"no rulebook for edition '{self.settings.edition}' (known: {known})")
        known_rules = {rule.id for book in self.books for rule in book.rules}
        unknown = [rule for rule in self.settings.ignore if rule not in known_rules]
        if unknown:
            raise FzError("unknown-rule", f"要忽略的规则不存在：{'、'.join(unknown)}",
                          f"rules to ignore do not exist: {', '.join(unknown)}")

    def warm_up(self, paths: Iterable[str] = ()) -> None:
        """Load what checking `paths` needs: the segmenter with every rulebook's words, the readers of
        their kinds of file and, when copies are looked for, the signing of passages. Done before
        forking workers, so they share it rather than each loading it again (numpy alone takes
        0.1 s) and the run's end does not wait for it."""
        tokenizer(frozenset().union(*(book.vocabulary for book in self.books)))
        load_readers(paths)
        if self.settings.copies:
            import checker.run.copies  # noqa: F401

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
        if editions and year < min(e.first_year for e in editions):
            earliest = min((b for b in self.books if b.header.edition), key=lambda b: b.header.edition.first_year)
            first = earliest.header.edition.first_year
            return earliest, (f"报告年度 {year} 年早于法治政府建设年度报告制度（{first} 年度起），"
                              f"按最早的《{earliest.header.name}》检查，结果仅供参考。")
        if editions and year > max(e.last_year for e in editions):
            return latest, f"{year}年尚无对应的新版法治政府建设实施纲要，暂按最近一版《{name}》检查，规则需待新纲要发布后更新。"
        return latest, f"没有适用于{year}年的纲要版本，按《{name}》检查。"

    # ------------------------------------------------------------------ one document

    def check_file(self, path: str, root: Optional[str] = None, name: Optional[str] = None) -> DocumentResult:
        """Check one file; whatever goes wrong becomes an error result, never an exception.

        `root` is the folder the user named, up to which waiver files are looked for;
        `name` is what to call the file in the result (an upload's own name), by default its path.
        """
        return self.finish(self.analyse_file(path, name), root)

    def check_text(self, text: str, name: str = "text.txt") -> DocumentResult:
        """Check text already in memory (tests, the web page)."""
        from checker.document.ingest.wrapped import paragraphs_from_text

        return self.check_source(Source(path=name, format="txt", lines=paragraphs_from_text(text), encoding="utf-8"))

    def check_source(self, source: Source) -> DocumentResult:
        return self.finish(self._guarded(source.path, lambda: self._findings(source)[0]))

    def analyse_file(self, path: str, name: Optional[str] = None) -> DocumentResult:
        """The findings for one file, not yet judged: the part of a run that can go to a worker.

        With `copies` set it carries its passages' signatures too, for finding copies across the run.
        """
        shown = name or path

        def work() -> DocumentResult:
            source = self._source(path, shown)
            result, document = self._findings(source)
            if self.settings.keep_source:
                result._source = source
            if self.settings.copies and document is not None and result.error is None:
                from checker.run.copies import passage_prints

                result._prints = passage_prints(document)
            return result

        return self._guarded(shown, work)

    def inspect(self, path: str) -> tuple[DocumentResult, Optional[Document]]:
        """The judged result and the document it was read from (None when the file cannot be read)."""
        kept: dict[str, Document] = {}

        def work() -> DocumentResult:
            result, kept["document"] = self._findings(self._source(path, path))
            return result

        return self.finish(self._guarded(path, work)), kept.get("document")

    def finish(self, result: DocumentResult, root: Optional[str] = None) -> DocumentResult:
        """Judge findings by the run's policy, the document's waivers and its baseline entry."""
        if result.error is not None:
            return result
        try:
            waivers = self.waivers.for_document(result.path, root)
        except FzError as error:
            return failed(result.path, error)
        entry = self.baseline.entry(result.path) if self.baseline is not None else None
        judged = judge(result, self.settings.policy(), waivers, entry)
        self.waivers.record(judged)
        if self.baseline is not None:
            self.baseline.record(judged)
        return judged

    def _source(self, path: str, shown: str) -> Source:
        source = read_source(path, self.settings.max_bytes)
        return source if shown == path else replace(source, path=shown)

    def _guarded(self, path: str, work: Callable[[], DocumentResult]) -> DocumentResult:
        try:
            return work()
        except FzError as error:
            return failed(path, error)
        except MemoryError:  # past the worker's memory limit: this file only
            return failed(path, memory_error())
        except Exception as exc:  # a bug must not stop the other files in a folder
            return failed(path, _internal(exc))

    def _findings(self, source: Source) -> tuple[DocumentResult, Document]:
        document, book, notice = self.read(source)
        profile = self.settings.profile or PROFILE_OF_LEVEL.get(document.level or "", DEFAULT_PROFILE)
        reading = Reading(document, book, profile)
        return DocumentResult(
            path=source.path,
            meta=_meta(document, profile),
            rulebook=book.ref(),
            findings=[evaluate(rule, reading) for rule in book.rules],
            outline=_outline(document, book),
            notices=[n for n in [notice, *document.notices, _unfinished(document)] if n],
        ), document

    def read(self, source: Source) -> tuple[Document, Rulebook, Optional[str]]:
        """Read `source` by the rulebook for its year; a notice when no edition fits exactly."""
        spec = self.books[0].spec
        outline = read_outline(source, spec)
        statements = year_statements(outline, spec, self.books[0].lexicon.look_ahead)
        year = self.settings.year or (statements[0].year if statements else None)
        book, notice = self.choose(year)
        if id(book) not in self._reads_alike:  # a rulebook with conventions of its own reads the text again
            outline, statements = None, None
        # The year only if the user gave it: read() tells a stated year from one it infers.
        document = read(source, book.lexicon, self.settings.year, self.settings.published, outline, statements)
        return document, book, notice

    # ------------------------------------------------------------------ many documents

    def check_paths(self, paths: Iterable[str], progress: Optional[Progress] = None) -> CheckResult:
        documents = list(self.iter_results(paths, progress))
        return CheckResult(version=__version__, documents=documents, summary=self.summary(documents))

    def iter_results(
        self, paths: Iterable[str], progress: Optional[Progress] = None, avoid: Iterable[str] = (),
        on_page: Optional[PageSeen] = None,
    ) -> Iterator[DocumentResult]:
        """Results in input order, each file analysed in a limited worker process, judged here.

        Folders in `avoid` (the output folder) are not walked; files that are not reports are skipped.
        """
        found = list(expand(paths, self.settings.exclude, avoid))
        self.skipped.extend(f"{item.path}（{item.skipped}）" for item in found if item.skipped)
        found = [item for item in found if item.skipped is None]
        self.roots.update({item.path: item.root for item in found if item.root})
        files = [item.path for item in found if item.error is None]
        limits = Limits(seconds=self.settings.time_limit, memory_mb=self.settings.memory_limit)
        analysed = run_isolated(self, partial(Checker, self.settings), files, self.settings.jobs, limits, failed,
                                on_page)
        for done, item in enumerate(found, start=1):
            if item.error is not None:
                result = failed(item.path, item.error)
            else:
                result = self.finish(next(analysed), item.root)
            if progress is not None:
                progress(done, len(found), item.path)
            yield result

    def root_of(self, path: str) -> Optional[str]:
        """The folder named on the command line that `path` was found in, if any."""
        return self.roots.get(path)

    def summary(self, documents: list[DocumentResult]) -> Summary:
        summary = summarise(documents)
        self.close(summary)
        return summary

    def close(self, summary: Summary) -> None:
        """What the run as a whole adds to the summary: waivers not used or expired, regressions."""
        summary.expired_waivers = self.waivers.expired()
        summary.unused_waivers = self.waivers.unused()
        summary.skipped = list(self.skipped)
        if self.baseline is not None:
            summary.regressed = self.baseline.regressed


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


def _unfinished(document: Document) -> Optional[str]:
    if document.unfinished is None:
        return None
    tail = document.unfinished[-20:]
    return f"文本似不完整：最后一句“…{tail}”没有写完，后面的内容未能检查，相应各项按未写处理。"


def _meta(document: Document, profile: str) -> DocumentMeta:
    outline = document.outline
    return DocumentMeta(
        title=outline.title,
        year=document.year,
        issuer=document.issuer,
        level=document.level,  # type: ignore[arg-type]
        profile=profile,  # type: ignore[arg-type]
        kind=document.kind,  # type: ignore[arg-type]
        chars=outline.body_chars,
        addressee=outline.addressee,
        closing_date=outline.closing_date,
        published=document.published,
        encoding=document.encoding,
        format=document.format,
        kind_reasons=list(document.kind_reasons),
    )


def _outline(document: Document, book: Rulebook) -> list[OutlineEntry]:
    outline = document.outline
    entries = []
    for section in outline.sections:
        role = next(iter(sorted(section.own_parts)), None)
        entries.append(OutlineEntry(
            level=section.depth(),
            marker=section.marker,
            heading=section.heading,
            line=outline.file_line(section.line, section.heading_span[0]),
            role=role,
            role_label=book.header.parts[role].label if role else None,
            page=outline.pages[section.line - 1] if section.line - 1 < len(outline.pages) else None,
            place=heading_place(document, section),
        ))
    return entries
