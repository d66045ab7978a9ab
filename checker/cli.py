"""The `fzcheck` command. It alone chooses formats, writes files and sets the exit code.

Exit codes: 0 every document passed; 1 some document failed; 2 some file could
not be checked, or the arguments or the rulebook are bad. They never depend
on the output format.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from .errors import FzError

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
MACHINE_FORMATS = ("json", "text")
ALL_FORMATS = ("html", *MACHINE_FORMATS)
DEFAULT_OUTPUT = "reports"
RUN_FILES = {"json": "fzcheck.json", "text": "fzcheck.txt"}

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="fzcheck：法治政府建设年度报告合规检查工具 (a compliance checker for annual rule-of-law government reports).",
)
rules_app = typer.Typer(no_args_is_help=True, help="查看和检查规则文件 (list, show and lint rulebooks).")
app.add_typer(rules_app, name="rules")


def _fail(message: str) -> "typer.Exit":
    typer.echo(message, err=True)
    return typer.Exit(EXIT_ERROR)


PROFILE_NAMES = ("government", "township", "department")


def _choice(value: Optional[str], allowed: tuple[str, ...], flag: str) -> Optional[str]:
    if value is not None and value not in allowed:
        raise _fail(f"{flag} 只能是 {', '.join(allowed)} ({flag} must be one of {', '.join(allowed)})：{value}")
    return value


def _date(value: Optional[str]) -> Optional[str]:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise _fail(f"--published 应为 YYYY-MM-DD 格式的日期 (--published must be a date YYYY-MM-DD)：{value}")


def _formats(value: Optional[str]) -> list[str]:
    if not value:
        return ["html"]
    formats = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [f for f in formats if f not in ALL_FORMATS]
    if unknown or not formats:
        raise _fail(
            f"不支持的输出格式：{', '.join(unknown) or value}；可用 {', '.join(ALL_FORMATS)} "
            f"(unknown format; use {', '.join(ALL_FORMATS)})"
        )
    return list(dict.fromkeys(formats))


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="报告文件或文件夹 (report files or folders)", show_default=False),
    format: Optional[str] = typer.Option(
        None, "--format", "-f", help="输出格式，可用逗号组合：html、json、text（默认 html 并在终端显示摘要）"
    ),
    output: Optional[str] = typer.Option(
        None, "--output", "-o", help="输出位置：单一 json/text 格式时为文件，否则为文件夹（默认 reports/）"
    ),
    rulebook: Optional[str] = typer.Option(None, "--rulebook", help="使用指定的规则文件 (a rulebook YAML file)"),
    edition: Optional[str] = typer.Option(
        None, "--edition", help="指定纲要版本，如 2015-2020、2021-2025（默认按报告年度选择）"
    ),
    profile: Optional[str] = typer.Option(
        None, "--profile", help="指定报告主体类型：government（政府）、township（乡镇街道）、department（政府部门）"
    ),
    published: Optional[str] = typer.Option(None, "--published", help="报告公开日期 YYYY-MM-DD（文件中没有时使用）"),
    waivers: Optional[str] = typer.Option(None, "--waivers", help="豁免文件（默认使用报告旁的 fzcheck-waivers.yaml）"),
    max_size: float = typer.Option(50, "--max-size", min=0.001, help="单个文件大小上限，单位 MB"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不在终端显示摘要"),
) -> None:
    """检查年度报告并生成差距报告 (check reports and write gap reports)."""
    formats = _formats(format)
    from .engine import Checker, Settings
    from .render import renderers, write_atomic

    settings = Settings(
        rulebook=rulebook,
        edition=edition,
        profile=_choice(profile, PROFILE_NAMES, "--profile"),
        published=_date(published),
        waivers=waivers,
        max_bytes=int(max_size * 1024 * 1024),
    )
    try:
        checker = Checker(settings)
    except FzError as error:
        raise _fail(error.message())
    result = checker.check_paths(paths)
    machine = [f for f in formats if f in MACHINE_FORMATS]
    to_stdout = len(machine) == 1 and "html" not in formats and output is None
    folder = Path(output or DEFAULT_OUTPUT)
    single_file = len(machine) == 1 and "html" not in formats and output is not None
    try:
        for fmt in machine:
            text = renderers()[fmt](result)
            if to_stdout:
                sys.stdout.write(text)
            else:
                target = Path(output) if single_file else folder / RUN_FILES[fmt]
                write_atomic(target, text)
                _note(f"{fmt.upper()} 结果已写入：{target}", quiet, to_stdout)
        if "html" in formats:
            written = _write_html(result, folder)
            for path in written:
                _note(f"HTML 报告：{path}", quiet, to_stdout)
    except OSError as exc:
        raise _fail(f"无法写入输出（cannot write output）：{exc.filename or ''} {exc.strerror}")
    if not quiet:
        from .render.text import render_summary

        typer.echo(render_summary(result), nl=False, err=to_stdout)
    raise typer.Exit(result.exit_code())


def _write_html(result, folder: Path) -> list[Path]:
    from .render import report_name, write_atomic
    from .render.html import render_html_pages

    taken: set[str] = set()
    written = []
    for document, page in render_html_pages(result):
        target = folder / report_name(document.path, taken)
        write_atomic(target, page)
        written.append(target)
    return written


def _note(message: str, quiet: bool, stdout_busy: bool) -> None:
    if not quiet:
        typer.echo(message, err=stdout_busy)


# --------------------------------------------------------------------------- rules


def _books(rulebook: Optional[str]):
    from .engine import Checker, Settings

    try:
        return Checker(Settings(rulebook=rulebook)).books
    except FzError as error:
        raise _fail(error.message())


@rules_app.command("list")
def rules_list(
    rulebook: Optional[str] = typer.Option(None, "--rulebook", help="规则文件（默认列出内置各版本）"),
) -> None:
    """列出规则 (list the rules)."""
    from .render import SEVERITY_LABEL

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


@rules_app.command("lint")
def rules_lint(
    files: Optional[List[str]] = typer.Argument(None, help="规则文件（默认检查内置规则）"),
) -> None:
    """检查规则文件是否有误 (validate rulebook files)."""
    from .rulebook import builtin_editions, load_rulebook

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
def version() -> None:
    """显示版本 (show the version)."""
    from . import __version__

    typer.echo(f"fzcheck {__version__}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
