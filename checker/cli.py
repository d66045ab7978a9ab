"""The `fzcheck` command. It alone chooses formats, writes files and sets the exit code.

Exit codes: 0 every document passed; 1 some document failed; 2 some file could
not be checked, or the arguments or the rulebook are bad. They never depend
on the output format.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from pathlib import Path
from typing import List, Optional

import typer

from checker.errors import FzError

# fzcheck has no pydantic plugins: looking for them reads the metadata of every installed package,
# 17 ms of each start-up. A user's own setting stands.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

EXIT_OK, EXIT_ERROR = 0, 2
ALL_FORMATS = ("html", "docx", "json", "sarif", "junit", "github", "markdown", "text", "xlsx", "csv")
# Written per document, into the output folder (a gap report; the reviewer's marked-up copy).
PER_DOCUMENT = ("html", "docx")
# Spreadsheets of the whole batch, always files in the output folder.
BOOK_FILES = {"xlsx": "fzcheck.xlsx", "csv": "fzcheck.csv"}
DEFAULT_OUTPUT = "reports"
# Where each run-level format goes when it is not the only one on stdout.
RUN_FILES = {"json": "fzcheck.json", "text": "fzcheck.txt", "sarif": "fzcheck.sarif",
             "junit": "fzcheck-junit.xml", "markdown": "fzcheck.md"}

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="fzcheck：法治政府建设年度报告合规检查工具 (a compliance checker for annual rule-of-law government reports).",
)
rules_app = typer.Typer(no_args_is_help=True, help="查看和检查规则文件 (list, show and lint rulebooks).")
app.add_typer(rules_app, name="rules")
config_app = typer.Typer(no_args_is_help=True, help="查看生效的设置 (show the settings in effect).")
app.add_typer(config_app, name="config")


def _fail(message: str) -> "typer.Exit":
    typer.echo(message, err=True)
    return typer.Exit(EXIT_ERROR)


def _settings(paths: list[str], flags: dict, config: Optional[str], no_config: bool):
    from checker.run.config import resolve

    try:
        resolved = resolve(paths[0] if paths else ".", flags, config_file=config, use_config=not no_config)
    except FzError as error:
        raise _fail(error.message()) from None
    options = resolved.options
    unknown = [f for f in options.format if f not in ALL_FORMATS]
    if unknown or not options.format:
        raise _fail(
            f"不支持的输出格式：{', '.join(unknown) or '（空）'}；可用 {', '.join(ALL_FORMATS)} "
            f"(unknown format; use {', '.join(ALL_FORMATS)})"
        )
    return resolved


@app.command()
def check(
    paths: Optional[List[str]] = typer.Argument(
        None, help="报告文件、文件夹或网址 https://… (report files, folders or addresses)", show_default=False),
    format: Optional[str] = typer.Option(
        None, "--format", "-f", help=f"输出格式，可用逗号组合：{'、'.join(ALL_FORMATS)}（默认 html 并在终端显示摘要）"
    ),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", help="输出位置：只有一种 json/text/sarif/junit/markdown 格式时为文件，否则为文件夹（默认 reports/）"
    ),
    urls: Optional[str] = typer.Option(None, "--urls", help="网址清单文件：每行一个已发布报告的网址（# 开头为注释）"),
    reviewer: Optional[str] = typer.Option(
        None, "--reviewer", help="审核人（单位 姓名），写在检查报告上，也是 Word 审核意见（--format docx）的批注人"),
    rulebook: Optional[str] = typer.Option(None, "--rulebook", help="使用指定的规则文件 (a rulebook YAML file)"),
    edition: Optional[str] = typer.Option(None, "--edition", help="指定纲要版本，如 2015-2020、2021-2025（默认按报告年度选择）"),
    profile: Optional[str] = typer.Option(
        None, "--profile", help="指定报告主体类型：government（政府，也可写 province/city/county）、township（乡镇街道，也可写 street）、department（政府部门）"
    ),
    published: Optional[str] = typer.Option(None, "--published", help="报告公开日期，如 2025-03-20、2025年3月20日、2025/3/20（文件中没有时使用）"),
    waivers: Optional[str] = typer.Option(None, "--waivers", help="豁免文件（默认使用报告旁的 fzcheck-waivers.yaml）"),
    baseline: Optional[str] = typer.Option(
        None, "--baseline", help="基线文件：不存在时记录本次结果；存在时只在出现新缺项或得分下降时判为未通过"
    ),
    update_baseline: bool = typer.Option(False, "--update-baseline", help="用本次结果覆盖基线文件"),
    fail_under: Optional[str] = typer.Option(None, "--fail-under", help="及格线（默认 60 分）"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="error：缺少必备项才不通过（默认）；warning：缺少重要项也不通过"),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="不评判的规则编号，逗号分隔"),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="文件夹中不检查的文件（通配符，可重复）"),
    jobs: Optional[str] = typer.Option(None, "--jobs", "-j", help="并行进程数（默认：全部 CPU 核）"),
    max_size: Optional[str] = typer.Option(None, "--max-size", help="单个文件大小上限，单位 MB（默认 50）"),
    timeout: Optional[str] = typer.Option(None, "--timeout", help="单个文件的检查时间上限，单位秒（默认 60）"),
    memory_limit: Optional[str] = typer.Option(None, "--memory-limit", help="检查进程的内存上限，单位 MB（默认 1024）"),
    config: Optional[str] = typer.Option(None, "--config", help="配置文件（默认向上查找 fzcheck.toml 或 pyproject.toml）"),
    no_config: bool = typer.Option(False, "--no-config", help="不读取配置文件"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示进度和摘要"),
) -> None:
    """检查年度报告并生成差距报告 (check reports and write gap reports)."""
    flags = {
        "format": format, "output": output, "rulebook": rulebook, "edition": edition, "profile": profile,
        "published": published, "waivers": waivers, "baseline": baseline, "fail_under": fail_under,
        "fail_on": fail_on, "ignore": ignore, "exclude": exclude or None, "jobs": jobs, "max_size": max_size,
        "timeout": timeout, "memory_limit": memory_limit, "reviewer": reviewer,
    }
    paths = list(paths or []) + (_addresses(urls) if urls else [])
    _refuse_credentials(paths)
    if not paths:
        raise _fail("请给出要检查的报告文件、文件夹或网址（或用 --urls 给出网址清单）"
                    "(give report files, folders or addresses, or --urls)")
    resolved = _settings(paths, flags, config, no_config)
    options = resolved.options
    from checker.run.engine import Checker

    settings = resolved.settings(update_baseline=update_baseline)
    if len(paths) > 1 or any(os.path.isdir(path) for path in paths):  # a batch: look for copied passages
        from dataclasses import replace

        settings = replace(settings, copies=True)
    if "docx" in (resolved.options.format or []):  # the marked-up copies are made from the text the check read
        from dataclasses import replace

        settings = replace(settings, keep_source=True)
    try:
        checker = Checker(settings)
    except FzError as error:
        raise _fail(error.message()) from None
    code = _run(checker, paths, options, update_baseline, quiet)
    raise typer.Exit(code)


def _refuse_credentials(paths: list[str]) -> None:
    """An address with a user name or password would carry it into every report: not taken."""
    from urllib.parse import urlsplit

    from checker.document.ingest.fetch import is_url

    for path in paths:
        parts = urlsplit(path) if is_url(path) else None
        if parts is not None and (parts.username or parts.password):
            shown = parts._replace(netloc=parts.hostname or "").geturl()
            raise _fail(f"网址中含有用户名或密码，检查报告会把它写出来，已停止：{shown} "
                        "(an address with a user name or password would be written into the reports; stopped)")


def _addresses(listing: str) -> list[str]:
    """The addresses in a --urls file: one per line, blank lines and # comments skipped."""
    from checker.document.ingest import read_bytes
    from checker.document.ingest.fetch import is_url
    from checker.document.ingest.text import decode_bytes

    try:
        text, _ = decode_bytes(read_bytes(listing, 1024 * 1024))
    except FzError as error:
        raise _fail(f"{listing}: {error.message()}") from None
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    wrong = [line for line in lines if not is_url(line)]
    if wrong:
        raise _fail(f"{listing}: 不是 http/https 网址：{wrong[0]} (not an http(s) address)")
    return lines


def _run(checker, paths: list[str], options, update_baseline: bool, quiet: bool) -> int:
    """Check, and write every output as each document finishes. What is held per document is small: a
    dashboard row, a spreadsheet row and, in a batch, its passages' signatures (about 20 KB)."""
    from checker.model import Summary
    from checker.render import remove_leftovers, report_name, write_atomic, write_atomic_pieces
    from checker.render.stream import Spooled
    from checker.render.text import SummaryWriter

    from checker.model import RunInfo

    formats = list(dict.fromkeys(options.format))
    run_formats = [f for f in formats if f not in (*PER_DOCUMENT, "github", *BOOK_FILES)]
    in_folder = any(f in formats for f in (*PER_DOCUMENT, *BOOK_FILES))  # outputs that are always files
    to_stdout = len(run_formats) == 1 and not in_folder and options.output is None and "github" not in formats
    single_file = len(run_formats) == 1 and not in_folder and options.output is not None
    single_html = _single_html(formats, options.output, paths)
    folder = Path(options.output or DEFAULT_OUTPUT) if not single_html else Path(options.output).parent
    _refuse_overwriting_inputs(paths, [Path(options.output)] if (single_file or single_html) else
                               [folder / name for name in (*RUN_FILES.values(), *BOOK_FILES.values())]
                               + [folder / "index.html"])
    run = RunInfo.now(options.reviewer)
    busy = to_stdout or "github" in formats  # stdout carries machine output: notes go to stderr
    progress = _progress() if not quiet and sys.stderr.isatty() else None
    streams = {fmt: Spooled(_writer(fmt, options.fail_on, run)) for fmt in run_formats + [f for f in formats if f == "github"]}
    scorebook = _scorebook(formats)
    summary_lines = Spooled(SummaryWriter())
    summary = Summary()
    dashboard = None
    if "html" in formats:
        from checker.render.html import Dashboard, render_document_html

        dashboard = None if single_html else Dashboard()
    taken: set[str] = {"index.html"}  # the dashboard's name
    prints = []  # each report's passage signatures, for the copies across the batch
    try:
        remove_leftovers(folder)
        pages = progress.page if progress is not None else None
        for document in checker.iter_results(paths, progress, avoid=[folder], on_page=pages):
            summary.add(document)
            prints.append(document._prints)
            if not quiet:
                summary_lines.add(document)
            elif document.error is not None:  # --quiet hides the summary, never an error
                from checker.render.escape import visible

                sys.stderr.write(visible(document.error.message) + "\n")
            for stream in streams.values():
                stream.add(document)
            if scorebook is not None:
                scorebook.add(document)
            if single_html:
                write_atomic(Path(options.output), render_document_html(document, run))
                continue
            name = report_name(document.path, taken, checker.root_of(document.path)) \
                if dashboard is not None or "docx" in formats else ""
            if dashboard is not None:
                write_atomic(folder / name, render_document_html(document, run))
                _keep_for_dashboard(folder, name, document)
                dashboard.add(document, name)
            if "docx" in formats:
                _write_review(checker, document, folder, name, run, quiet, busy)
        if progress is not None:
            progress.finish()
        checker.close(summary)
        summary.copies = _copies(prints)
        ratchet = checker.baseline
        if ratchet is not None:
            if ratchet.recording:
                write_atomic(ratchet.path, ratchet.text(_version()))
                _note(f"基线已{'更新' if update_baseline else '记录'}：{ratchet.path}（{len(ratchet.recorded)} 份）", quiet, busy)
        for fmt in run_formats:
            pieces = streams[fmt].pieces(summary)
            if to_stdout:
                sys.stdout.writelines(pieces)
            else:
                target = Path(options.output) if single_file else folder / RUN_FILES[fmt]
                write_atomic_pieces(target, pieces)
                _note(f"{fmt.upper()} 结果已写入：{target}", quiet, busy)
        if "github" in streams:
            sys.stdout.writelines(streams["github"].pieces(summary))
        if single_html:
            _note(f"HTML 报告：{options.output}", quiet, busy)
        if dashboard is not None:
            index = folder / "index.html"
            earlier = _earlier_documents(folder, taken, dashboard)
            write_atomic(index, dashboard.render(_with(summary, earlier), run))
            kept = f"，其中 {len(earlier)} 份是此前检查的" if earlier else ""
            _note(f"HTML 报告：{folder}/（{len(dashboard.rows)} 份{kept}），汇总页：{index}", quiet, busy)
        if scorebook is not None:
            _write_books(scorebook, formats, folder, summary, checker.settings, run, quiet, busy)
        if summary.skipped:
            _note(f"已跳过 {len(summary.skipped)} 个不是报告的文件（如图片、表格、压缩包、此前的检查结果）：" +
                  "；".join(summary.skipped[:5]) + ("…" if len(summary.skipped) > 5 else ""), quiet, busy)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _fail(f"无法写入输出（cannot write output）：{exc.filename or ''} {exc.strerror}") from None
    except FzError as error:
        raise _fail(error.message()) from None
    if not quiet:
        stream = sys.stderr if busy else sys.stdout
        stream.writelines(summary_lines.pieces(summary))
        stream.flush()
    return summary.exit_code()


def _copies(prints: list) -> list:
    """Passages that reports of different units share (none when the run is not a batch)."""
    if sum(1 for item in prints if item is not None) < 2:
        return []
    from checker.run.copies import find_copies

    return find_copies(prints).links


def _scorebook(formats: list[str]):
    """The batch spreadsheet's rows, gathered as documents finish (None when no spreadsheet is asked for)."""
    if not any(fmt in BOOK_FILES for fmt in formats):
        return None
    from checker.render.xlsx import ScoreBook

    return ScoreBook()


def _write_books(scorebook, formats: list[str], folder: Path, summary, settings, run, quiet: bool, busy: bool) -> None:
    from checker.render.csv_out import csv_of
    from checker.render import write_atomic_bytes

    make = {"xlsx": lambda: scorebook.xlsx(summary, settings.shown(), None, run.reviewer),
            "csv": lambda: csv_of(scorebook)}
    for fmt in (f for f in formats if f in BOOK_FILES):
        target = folder / BOOK_FILES[fmt]
        write_atomic_bytes(target, make[fmt]())
        _note(f"{fmt.upper()} 汇总已写入：{target}", quiet, busy)


def _write_review(checker, document, folder: Path, name: str, run, quiet: bool, busy: bool) -> None:
    """The reviewer's marked-up Word copy (审核意见) beside the gap report; a file that failed gets none."""
    if document.error is not None:
        return
    from checker.render import write_atomic_bytes
    from checker.review import review_copy, review_name

    try:
        data = review_copy(document.path, document, run.reviewer, checker=checker, source=document._source)
    except FzError as error:
        _note(f"未生成审核意见：{document.path}：{error.message()}", quiet, busy)
        return
    write_atomic_bytes(folder / review_name(name), data)


# Each document's result beside its gap report, so that checking part of a folder later keeps the
# dashboard of the whole folder.
KEPT_RESULTS = ".fzcheck/results"


def _keep_for_dashboard(folder: Path, name: str, document) -> None:
    from checker.render import write_atomic
    from checker.render.escape import json_dumps

    write_atomic(folder / KEPT_RESULTS / f"{name}.json", json_dumps(document.model_dump(mode="json", by_alias=True)))


def _earlier_documents(folder: Path, taken: set[str], dashboard) -> list:
    """Documents an earlier run checked into this folder and this run did not: they stay on the dashboard."""
    from checker.model import DocumentResult

    kept = folder / KEPT_RESULTS
    earlier = []
    for stored in sorted(kept.rglob("*.html.json")) if kept.is_dir() else []:
        name = stored.relative_to(kept).as_posix()[: -len(".json")]
        if name in taken or not (folder / name).is_file():
            continue
        try:
            document = DocumentResult.model_validate_json(stored.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        dashboard.add(document, name)
        earlier.append(document)
    return earlier


def _with(summary, documents: list):
    """The summary with earlier documents counted too (for the dashboard of the whole folder)."""
    if not documents:
        return summary
    merged = summary.model_copy(deep=True)
    for document in documents:
        merged.add(document)
    return merged


def _single_html(formats: list[str], output: Optional[str], paths: list[str]) -> bool:
    """`-o 报告.html` for one file: write its gap report to that file (no folder, no dashboard)."""
    if formats != ["html"] or not output or not output.lower().endswith((".html", ".htm")):
        return False
    if len(paths) != 1 or not Path(paths[0]).is_file():
        raise _fail("-o 为 .html 文件时只能检查一个文件；检查多个文件或文件夹时请给出输出文件夹 "
                    "(-o FILE.html takes one input file; give a folder for several)")
    return True


def _refuse_overwriting_inputs(paths: list[str], targets: list[Path]) -> None:
    inputs = {Path(p).resolve() for p in paths if Path(p).is_file()}
    clash = [t for t in targets if t.resolve() in inputs]
    if clash:
        raise _fail(f"输出文件与输入文件相同，已停止以免覆盖：{clash[0]} (an output would overwrite an input)")


def _writer(fmt: str, fail_on: str, run=None):
    """The writer of one run-level format. Only its own module is imported: junit's alone pulls in xml and http."""
    from importlib import import_module

    def load(module: str, name: str):
        return getattr(import_module(f"checker.render.{module}"), name)

    return {
        "json": lambda: load("json_out", "JsonWriter")(_version(), run),
        "sarif": lambda: load("sarif", "SarifWriter")(_version()),
        "junit": lambda: load("junit", "JunitWriter")(fail_on),
        "markdown": lambda: load("markdown", "MarkdownWriter")(),
        "text": lambda: load("text", "TextWriter")(),
        "github": lambda: load("github", "GithubWriter")(),
    }[fmt]()


def _version() -> str:
    from checker import __version__

    return __version__


class _progress:
    """A progress bar on one terminal line (only when stderr is a terminal)."""

    WIDTH = 24

    def __call__(self, done: int, total: int, path: str) -> None:
        filled = self.WIDTH * done // max(total, 1)
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        from checker.render.escape import visible

        name = visible(Path(path).name)
        sys.stderr.write(f"\r检查中 {bar} {done}/{total}  {name[:30]:<30}")
        sys.stderr.flush()

    def page(self, path: str, page: int, seconds: float) -> None:
        """A scanned page recognised (OCR takes seconds a page): said on the same line."""
        from checker.render.escape import visible

        name = visible(Path(path).name)
        sys.stderr.write(f"\r文字识别 {name[:30]} 第 {page} 页（{seconds:.1f} 秒）" + " " * 20)
        sys.stderr.flush()

    def finish(self) -> None:
        sys.stderr.write("\r" + " " * (self.WIDTH + 50) + "\r")
        sys.stderr.flush()


def _note(message: str, quiet: bool, stdout_busy: bool) -> None:
    if not quiet:
        typer.echo(message, err=stdout_busy)


@config_app.command("show")
def config_show(
    path: str = typer.Argument(".", help="从这里向上查找配置文件"),
    config: Optional[str] = typer.Option(None, "--config", help="配置文件"),
) -> None:
    """显示生效的设置及其来源 (show each setting and where it comes from)."""
    resolved = _settings([path], {}, config, False)
    typer.echo(f"配置文件：{resolved.config_file or '（未找到）'}")
    for name, value in resolved.options.model_dump().items():
        typer.echo(f"{name:<12} = {value!r:<40} ← {resolved.sources[name]}")


# --------------------------------------------------------------------------- rules


def _books(rulebook: Optional[str]):
    from checker.run.engine import Checker, Settings

    try:
        return Checker(Settings(rulebook=rulebook)).books
    except FzError as error:
        raise _fail(error.message()) from None


@rules_app.command("list")
def rules_list(
    rulebook: Optional[str] = typer.Option(None, "--rulebook", help="规则文件（默认列出内置各版本）"),
) -> None:
    """列出规则 (list the rules)."""
    from checker.render import SEVERITY_LABEL

    for book in _books(rulebook):
        typer.echo(f"# {book.header.name}（{book.id}，版本 {book.header.version}）")
        for rule in book.rules:
            typer.echo(f"{rule.id:<26} {SEVERITY_LABEL[rule.severity]:<3} 权重{rule.weight:>4g}  {rule.title}")
        typer.echo("")


@rules_app.command("show")
def rules_show(
    rule_id: str = typer.Argument(..., help="规则编号，如 item.shortcomings"),
    rulebook: Optional[str] = typer.Option(None, "--rulebook", help="规则文件"),
) -> None:
    """显示一条规则的全部内容 (show one rule)."""
    import yaml

    for book in _books(rulebook):
        rule = book.rule(rule_id)
        if rule is None:
            continue
        typer.echo(f"# {book.header.name}（{book.id}）")
        data = rule.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        typer.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
        raise typer.Exit(EXIT_OK)
    raise _fail(f"没有编号为 {rule_id} 的规则 (no rule with id {rule_id})；用 fzcheck rules list 查看全部规则")


@rules_app.command("kinds")
def rules_kinds() -> None:
    """列出检查方式及其参数 (list the kinds of check a rule can use, with their parameters)."""
    from checker.rules.kinds import KINDS

    for kind in KINDS.values():
        typer.echo(f"# {kind.name}: {kind.summary}")
        needs = [label for label, flag in (("signals", kind.signals), ("met/partial", kind.conditions),
                                            ("part", kind.needs_part)) if flag]
        if needs:
            typer.echo(f"  使用 (uses): {', '.join(needs)}")
        if kind.params is not None:
            for name, field in kind.params.model_fields.items():
                default = "必填 (required)" if field.is_required() else f"默认 {field.get_default(call_default_factory=True)!r}"
                typer.echo(f"  params.{name}: {default}")
        typer.echo("  示例 (example):")
        typer.echo("".join(f"    {line}\n" for line in kind.example.splitlines()))


@rules_app.command("lint")
def rules_lint(
    files: Optional[List[str]] = typer.Argument(None, help="规则文件（默认检查内置规则）"),
) -> None:
    """检查规则文件是否有误 (validate rulebook files)."""
    from checker.rules.rulebook import builtin_editions, load_rulebook

    targets = files or [str(path) for path in builtin_editions()]
    status = EXIT_OK
    for target in targets:
        try:
            book = load_rulebook(target)
        except FzError as error:
            status = EXIT_ERROR
            typer.echo(f"有误 (invalid): {target}", err=True)
            for problem in getattr(error, "problems", [error.message()]):
                typer.echo(f"  {problem}", err=True)
            continue
        typer.echo(f"通过 (ok): {target}：{len(book.rules)} 条规则，基于 {' → '.join(Path(f).name for f in book.files)}")
    raise typer.Exit(status)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址（默认只允许本机访问）"),
    port: int = typer.Option(8000, "--port", help="端口"),
    max_size: float = typer.Option(20, "--max-size", help="上传文件大小上限，单位 MB"),
    concurrency: int = typer.Option(2, "--concurrency", min=1, help="同时检查的文件数"),
    timeout: float = typer.Option(60, "--timeout", min=1, help="每个文件最长检查时间，单位秒"),
    memory_limit: int = typer.Option(1024, "--memory-limit", min=256, help="每个检查进程的内存上限，单位 MB"),
    queue: int = typer.Option(16, "--queue", min=0, help="排队等待检查的文件数上限"),
    rulebook: Optional[str] = typer.Option(None, "--rulebook", help="规则文件"),
) -> None:
    """启动本机网页版：拖入报告即可检查 (a local web page to check drafts)."""
    from checker.run.engine import Settings
    from checker.web import serve as run

    settings = Settings(rulebook=rulebook, max_bytes=int(max_size * 1024 * 1024), time_limit=timeout,
                        memory_limit=memory_limit)
    try:
        run(host, port, settings, concurrency, queue=queue)
    except FzError as error:
        raise _fail(error.message()) from None


@app.command()
def diff(
    old: str = typer.Argument(..., help="旧版（或上一年度）报告"),
    new: str = typer.Argument(..., help="新版（或本年度）报告"),
    format: str = typer.Option("text", "--format", "-f", help="text 或 html"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="写入文件（默认输出到终端）"),
    rulebook: Optional[str] = typer.Option(None, "--rulebook", help="规则文件"),
) -> None:
    """对比两个版本的报告 (compare two versions of a report).

    退出码：0 无退步；1 有检查项退步、得分下降或“不足”部分照搬旧版；2 文件无法读取。
    """
    from checker.diff import diff_reports
    from checker.run.engine import Checker, Settings
    from checker.render import write_atomic
    from checker.render.diff import render_diff_html, render_diff_text

    if format not in ("text", "html"):
        raise _fail(f"--format 只能是 text 或 html (--format must be text or html)：{format}")
    try:
        checker = Checker(Settings(rulebook=rulebook))
    except FzError as error:
        raise _fail(error.message()) from None
    result = diff_reports(checker, old, new)
    text = render_diff_html(result) if format == "html" else render_diff_text(result)
    if output:
        write_atomic(Path(output), text)
        typer.echo(f"对比结果已写入：{output}")
    else:
        sys.stdout.write(text)
    raise typer.Exit(result.exit_code())


@app.command()
def template(
    year: Optional[int] = typer.Option(None, "--year", help="报告所属年度（默认：上一年）"),
    profile: str = typer.Option("government", "--profile", help="government（政府，也可写 province/city/county）、township（乡镇街道，也可写 street）、department（政府部门）"),
    edition: Optional[str] = typer.Option(None, "--edition", help="纲要版本（默认按年度选择）"),
    rulebook: Optional[str] = typer.Option(None, "--rulebook", help="规则文件"),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", help="输出：.docx 或 .md 文件；不带扩展名时同时写出两种（默认 reports/法治政府建设年度报告模板-年度）"
    ),
) -> None:
    """生成年度报告起草模板 (write a starting outline, .docx and .md)."""
    from datetime import date

    from checker import template as drafting
    from checker.run.engine import Checker, Settings
    from checker.render import write_atomic

    from checker.concepts import profile_choices, profile_named

    chosen = profile_named(profile)
    if chosen is None:
        raise _fail(f"--profile 应为 {profile_choices()} (--profile must be one of these)：{profile}")
    profile = chosen
    year = year or date.today().year - 1
    try:
        checker = Checker(Settings(rulebook=rulebook, edition=edition))
    except FzError as error:
        raise _fail(error.message()) from None
    book, notice = checker.choose(year)
    outline = drafting.build(book, year, profile)
    for target in drafting.targets(output, year):
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix.lower() == ".docx":
            drafting.to_docx(outline, target)
        else:
            write_atomic(target, drafting.to_markdown(outline))
        typer.echo(f"模板已写入：{target}")
    typer.echo(f"依据《{book.header.name}》，报告主体：{drafting.profile_label(profile)}。" + (notice or ""))
    typer.echo("【请填写：…】处是需要替换的提示，未替换时检查会报告“未填写的模板占位符”。")


@app.command()
def schema() -> None:
    """输出 JSON 结果的 JSON Schema (print the JSON Schema of --format json)."""
    typer.echo((Path(__file__).with_name("schema") / "fzcheck.result-1.schema.json").read_text(encoding="utf-8"), nl=False)


@app.command()
def version() -> None:
    """显示版本 (show the version)."""
    from checker import __version__

    typer.echo(f"fzcheck {__version__}")


def main() -> None:
    try:
        app()
        code: object = EXIT_OK
    except BrokenPipeError:  # `fzcheck … | head`: the reader went away; say nothing more
        _silence_stdout()
        code = EXIT_OK
    except SystemExit as done:
        code = done.code
    _leave(code)


def _leave(code: object) -> None:
    """End the process once everything is written, without tearing the interpreter down.

    Freeing every object one by one (the rulebooks, the segmenter's dictionary, the modules) took
    70–90 ms, a sixth of `fzcheck check one.txt`, for memory the system takes back at once anyway.
    The exit handlers still run (they clean temporary folders and end worker processes), and the
    standard streams are flushed; with other threads still running, or a stream that cannot be
    flushed (a full disk), the exit is the ordinary one, with what Python says then.
    """
    if code is None:  # as SystemExit reads its code: None is success, a message is printed and fails
        code = EXIT_OK
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    if threading.active_count() > 1:
        raise SystemExit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with the stream closed
            continue
        try:
            stream.flush()
        except BrokenPipeError:  # `fzcheck … | head`, as above
            _silence_stdout()
        except (OSError, ValueError):  # a full disk, a closed file: the ordinary exit says so, as it always did
            raise SystemExit(code) from None
    os._exit(code)


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    main()
