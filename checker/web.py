"""`fzcheck serve`: a local web page where staff drop drafts and see what is missing.

One page (no external assets: intranets have no internet) takes one file, many, or a
folder, posts them to /api/check one request per file (at most `concurrency` at a time),
and shows a row per file, each with its gap report and the marked-up Word copy (审核意见);
/api/bundle turns the results the page holds into the summary page, the Excel summary or
a zip of everything. Each upload is limited in size before the body is read, kept in a
temporary folder that is deleted after the response, and saved under a name of our own
making, so a crafted file name cannot write anywhere else.

The server holds against slow or hostile input:

- Each upload is checked in a fresh process of its own, forked from a small
  helper process (the "zygote") that holds the warmed checker, so a check
  costs a fork rather than a start-up. The process is killed when the time
  limit passes or when the client goes away; its address space is limited
  (RLIMIT_AS) to `memory_limit` MB more than the checker it starts from.
  A thread could not be stopped; a process can.
- At most `concurrency` checks run at once; up to `queue` more uploads wait
  for a turn, and any beyond that are told the server is busy (503).
- A request's headers must arrive within `header_timeout` seconds and its
  body at `min_rate` bytes a second after a grace of `body_timeout` seconds,
  so a client that sends one byte a second is cut off.
- SIGINT and SIGTERM stop the server: running checks are killed, their
  clients told so, the upload folders removed, and the process exits with 0.
- The port is bound before anything is printed; a busy port is a clear
  message and exit code 2, and `--port 0` prints the port chosen.
"""

from __future__ import annotations

import base64
import binascii
import errno
import gc
import io
import itertools
import json
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import time
import traceback
import unicodedata
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Optional

from checker.concepts import PROFILE_LABEL, STATUS_LABEL, profile_named
from checker.errors import FzError
from checker.model import CheckResult, DocumentResult, RunInfo, summarise
from checker.run.engine import Checker, Settings, failed
from checker.run.parallel import MEMORY_CODE
from checker.document.ingest import supported_suffixes

UPLOAD_FIELD = "file"
_SAFE = re.compile(r"[^\w\u4e00-\u9fff.-]+")
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the small fields around the file
TEMP_PREFIX = "fzcheck-upload-"
MB = 1024 * 1024

DEFAULT_QUEUE = 16  # uploads that may wait for a turn, beyond those being checked
BODY_TIMEOUT = 30.0  # seconds of grace for a request body ...
MIN_RATE = 16 * 1024  # ... after which it must have come at this many bytes a second
HEADER_TIMEOUT = 10.0  # seconds for a request's headers to arrive
KEEP_ALIVE = 5  # seconds an idle keep-alive connection stays open
MAX_HEADER_BYTES = 16 * 1024  # request line and headers
GRACEFUL_SECONDS = 3  # on SIGINT/SIGTERM, how long answers being sent may take

REVIEWER_CHARS = 60  # the reviewer's unit and name, as the page's text box allows
# Characters a name never needs and that could hide or reorder text in a Word comment's author:
# control and format characters (bidi overrides, zero-width), surrogates, unassigned, line breaks.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})
MAX_FOLDERS = 6  # folder levels kept in a file's name on the page (教育局/2024/报告.docx)

BUNDLE_BYTES = 100 * MB  # a bundle request carries every result and marked-up copy the page holds
BUNDLE_DOCUMENTS = 2000  # documents in one bundle: more is several downloads
BUNDLE_QUEUE = 2  # bundles admitted at once (one renders, one waits); more are told to wait
BUNDLE_KINDS = ("dashboard", "xlsx", "zip")
XLSX_NAME = "fzcheck.xlsx"  # the Excel summary inside the zip

_EXIT_MEMORY = 3  # a check process's exit codes: out of memory ...
_EXIT_CRASH = 4  # ... or a bug


def safe_name(filename: Optional[str]) -> str:
    """A file name to save an upload under: the last component only, harmless characters only."""
    name = Path((filename or "").replace("\\", "/")).name
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    stem = _SAFE.sub("_", stem).strip("._")[:80] or "upload"
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix or "") else ""
    return f"{stem}{suffix}"


def display_name(folder: Optional[str], filename: Optional[str]) -> str:
    """What to call an upload in its result: its folder within what the reviewer chose, then its name.

    The page sends the folder (教育局/2024) so that two 报告.docx from two folders stay apart;
    each part is made harmless like a file name and only the last MAX_FOLDERS are kept. The
    upload is still saved as `safe_name(filename)`: this is a label, never a path.
    """
    parts = re.split(r"[\\/]+", folder) if isinstance(folder, str) else []
    kept = [_SAFE.sub("_", part).strip("._")[:80] for part in parts if part not in ("", ".", "..")]
    return "/".join([part for part in kept if part][-MAX_FOLDERS:] + [safe_name(filename)])


def clean_reviewer(value) -> Optional[str]:
    """The reviewer as typed (单位 姓名), without invisible characters, at most REVIEWER_CHARS; None if blank.

    It becomes the author of every Word comment and is printed on the reports.
    """
    if not isinstance(value, str):
        return None
    shown = "".join(c for c in value if unicodedata.category(c) not in _INVISIBLE)
    shown = " ".join(shown.split())[:REVIEWER_CHARS].strip()
    return shown or None


def _error(status: int, code: str, zh: str, en: str, headers: Optional[dict] = None):
    from starlette.responses import JSONResponse

    return JSONResponse({"ok": False, "error": {"code": code, "message": f"{zh} ({en})"}}, status_code=status,
                        headers=headers)


# ---------------------------------------------------------------------------- the request body


class BodyLimit:
    """ASGI middleware: refuse a request body over `limit` bytes, or one that comes too slowly.

    The size is refused before the body is read (by its declared length) and while it is read.
    The body must arrive within `timeout` seconds plus one second for every `min_rate` bytes
    received, so a large upload on a slow line gets through and a client that sends a byte a
    second is cut off after about `timeout` seconds.
    """

    def __init__(self, app, limit: int, timeout: float = BODY_TIMEOUT, min_rate: float = MIN_RATE,
                 paths: Optional[dict[str, tuple[int, Callable]]] = None):
        self.app, self.limit, self.timeout, self.min_rate = app, limit, timeout, min_rate
        # Routes whose bodies are not uploads (the bundle of results): their own limit and answer.
        self.paths = paths or {}

    async def __call__(self, scope, receive, send):
        import anyio

        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit, refuse = self.paths.get(scope.get("path"), (self.limit, self._too_large))
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return await refuse()(scope, receive, send)
        seen, started, complete = 0, time.monotonic(), False

        async def limited():
            nonlocal seen, complete
            if complete:  # after the body, only a disconnect is left to hear, however late
                return await receive()
            allowed = started + self.timeout + seen / self.min_rate - time.monotonic()
            if allowed <= 0:
                raise _TooSlow()
            try:
                with anyio.fail_after(allowed):
                    message = await receive()
            except TimeoutError:
                raise _TooSlow() from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge()
                complete = not message.get("more_body", False)
            else:
                complete = True
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await refuse()(scope, receive, send)
        except _TooSlow:
            await _too_slow()(scope, receive, send)

    def _too_large(self):
        return _too_large(self.limit - FORM_OVERHEAD)


class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


_CLOSE = {"connection": "close"}  # the rest of the body is not wanted: do not wait for it


def _too_large(limit: int):
    megabytes = limit / MB
    return _error(413, "too-large", f"上传的文件超过 {megabytes:g} MB 上限",
                  f"the upload exceeds the {megabytes:g} MB limit", _CLOSE)


def _bundle_too_large(limit: int):
    megabytes = limit / MB
    return _error(413, "too-large", f"要打包的检查结果超过 {megabytes:g} MB 上限，请分批下载",
                  f"the results to bundle exceed the {megabytes:g} MB limit; download them in parts", _CLOSE)


def _too_slow():
    return _error(408, "too-slow", "上传太慢，连接已断开，请重新上传",
                  "the upload arrived too slowly and was cut off; please try again", _CLOSE)


def _timed_out(seconds: float):
    return _error(422, "timeout", f"检查超时（超过{seconds:g}秒），请检查文件是否过大或损坏",
                  f"the check timed out after {seconds:g} s; the file may be too large or damaged")


def _out_of_memory(megabytes: int):
    return _error(422, MEMORY_CODE, f"内存超限（超过 {megabytes} MB），请检查文件是否过大或损坏",
                  f"the check ran out of memory (over {megabytes} MB); the file may be too large or damaged")


def _crashed():
    return _error(500, "worker-died", "检查进程意外退出（文件可能过大或已损坏），此文件未能检查",
                  "the checking process died (the file may be too large or damaged); the file was not checked")


def _busy(waiting: int):
    return _error(503, "busy", f"服务器正忙（已有 {waiting} 个文件在检查或排队），请稍后再试",
                  "the server is busy; please try again shortly", {"retry-after": "10", **_CLOSE})


def _bundle_busy():
    return _error(503, "busy", "服务器正在生成其他汇总，请稍后再试",
                  "the server is making other summaries; please try again shortly", {"retry-after": "10"})


def _stopping():
    return _error(503, "stopping", "服务器正在停止，此文件未能检查，请稍后再试",
                  "the server is shutting down; the file was not checked", {"retry-after": "10", **_CLOSE})


# ---------------------------------------------------------------------------- the application


def create_app(settings: Optional[Settings] = None, concurrency: int = 2, *, time_limit: Optional[float] = None,
               memory_limit: Optional[int] = None, queue: int = DEFAULT_QUEUE, body_timeout: float = BODY_TIMEOUT,
               min_rate: float = MIN_RATE, bundle_bytes: int = BUNDLE_BYTES):
    """The ASGI app. `time_limit` (seconds) and `memory_limit` (MB) are per check; by default the settings'.
    `bundle_bytes` bounds a request to /api/bundle (every result and marked-up copy the page holds).

    The returned app has `.checks`, whose `close()` kills running checks and removes upload folders.
    """
    from contextlib import asynccontextmanager
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    settings = settings or Settings()
    time_limit = settings.time_limit if time_limit is None else time_limit
    memory_limit = settings.memory_limit if memory_limit is None else memory_limit
    settings = replace(settings, keep_source=True)  # each marked-up copy is made from the text its check read
    checker = Checker(settings)
    checker.warm_up()
    _warm(settings)
    _sweep_folders()
    checks = _Checks(checker, concurrency, queue, time_limit, memory_limit)
    checks.start()  # forked now, before the server has threads
    bundles = _Bundles()
    page = _page(settings.max_bytes, [b.edition_id for b in checker.books if b.edition_id], time_limit, concurrency)

    async def index(request: Request):
        return HTMLResponse(page)

    async def check(request: Request):
        if checks.closing:
            return _stopping()
        if checks.admitted >= checks.capacity:
            return _busy(checks.admitted)
        checks.admitted += 1
        try:
            return await check_upload(request)
        finally:
            checks.admitted -= 1

    async def check_upload(request: Request):
        try:
            with checks.folder() as folder:
                async with request.form(max_files=1, max_fields=8) as form:
                    upload = form.get(UPLOAD_FIELD)
                    if upload is None or not hasattr(upload, "read"):
                        return _error(400, "no-file", "没有收到文件", "no file was uploaded")
                    edition = _choice(form.get("edition"), [b.edition_id for b in checker.books])
                    profile = profile_named(form.get("profile") if isinstance(form.get("profile"), str) else None)
                    reviewer = clean_reviewer(form.get("reviewer"))
                    name = safe_name(upload.filename)
                    target = folder / name
                    if target.resolve().parent != folder.resolve():
                        return _error(400, "bad-name", "文件名不合法", "invalid file name")
                    with open(target, "wb") as out:
                        while chunk := await upload.read(1 << 16):
                            out.write(chunk)
                    label = display_name(form.get("folder"), upload.filename)
                job = _Job(str(target), label, edition, profile, str(folder / "result.json"), reviewer)
                outcome = await _unless_gone(request, lambda: checks.run(job))
        except _TooLarge:
            return _too_large(settings.max_bytes)
        except _TooSlow:
            return _too_slow()
        except Exception as exc:  # a malformed form is the client's problem, never a traceback
            if type(exc).__name__ in ("MultiPartException", "ClientDisconnect") or getattr(exc, "status_code", 0) == 400:
                return _error(400, "bad-form", "上传的表单不完整或格式不正确", "the upload form is malformed")
            raise
        if outcome is None:  # the client went away; nobody reads this
            return Response(status_code=499)
        kind, body = outcome
        if kind == "ok":
            return Response(body, media_type="application/json")
        return {"timeout": lambda: _timed_out(time_limit), "memory": lambda: _out_of_memory(memory_limit),
                "stopping": _stopping}.get(kind, _crashed)()

    async def bundle(request: Request):
        if checks.closing:
            return _stopping()
        if bundles.admitted >= BUNDLE_QUEUE:
            return _bundle_busy()
        bundles.admitted += 1
        try:
            return await bundle_results(request)
        finally:
            bundles.admitted -= 1

    async def bundle_results(request: Request):
        import anyio

        try:
            body = await request.body()
        except _TooLarge:
            return _bundle_too_large(bundle_bytes)
        except _TooSlow:
            return _too_slow()
        except Exception as exc:
            if type(exc).__name__ == "ClientDisconnect":
                return Response(status_code=499)
            raise
        try:
            async with bundles.turn:  # rendering is CPU work in this process: one bundle at a time
                made = await anyio.to_thread.run_sync(make_bundle, body, settings)
        except _Refused as refused:
            return _error(refused.status, refused.code, refused.zh, refused.en)
        except Exception:  # a bug: the operator sees the traceback, the reviewer a sentence
            traceback.print_exc()
            return _error(500, "bundle-failed", "生成汇总时出错，请重试或分批下载",
                          "the summary could not be made; try again or download in parts")
        data, media_type, filename = made
        return Response(data, media_type=media_type, headers={"content-disposition": attachment(filename)})

    async def health(request: Request):
        return JSONResponse({"ok": True})

    @asynccontextmanager
    async def lifespan(app):
        yield
        checks.close()

    app = Starlette(routes=[Route("/", index), Route("/api/check", check, methods=["POST"]),
                            Route("/api/bundle", bundle, methods=["POST"]), Route("/health", health)],
                    lifespan=lifespan)
    guarded = BodyLimit(app, settings.max_bytes + FORM_OVERHEAD, body_timeout, min_rate,
                        {"/api/bundle": (bundle_bytes, lambda: _bundle_too_large(bundle_bytes))})
    guarded.checks = checks
    return guarded


async def _unless_gone(request, work):
    """`await work()`, cancelled when the client disconnects; None then."""
    import anyio

    done = None
    async with anyio.create_task_group() as group:

        async def watch():
            while (await request.receive())["type"] != "http.disconnect":
                pass
            group.cancel_scope.cancel()

        group.start_soon(watch)
        done = await work()
        group.cancel_scope.cancel()
    return done


_READERS = ("docx", "docx.table", "docx.text.paragraph", "lxml.html", "pypdfium2",
            "charset_normalizer")
_SAMPLE = ("某市人民政府关于2024年法治政府建设情况的报告\n一、主要举措和成效\n"
           "（一）深化“放管服”改革。全年办理行政许可1200件。\n")


def _warm(settings: Settings) -> None:
    """Import the readers and render one small result now, so that no check process has to.

    Every check process starts from what the server holds here (shared, not copied); without
    this each would import the PDF and Word libraries and compile the templates again.
    """
    import importlib

    for module in _READERS:
        try:
            importlib.import_module(module)
        except ImportError:
            pass
    throwaway = Checker(replace(settings, baseline=None, update_baseline=False))  # keeps no state of the sample
    with tempfile.TemporaryDirectory(prefix="fzcheck-warm-") as folder:
        sample = Path(folder, "sample.txt")
        sample.write_text(_SAMPLE, encoding="utf-8")
        document = throwaway.check_file(str(sample), name=sample.name)
        _payload(document, RunInfo.now())
        _review(throwaway, str(sample), sample.name, document, None)  # the Word library and its template


def _choice(value, allowed: list[str]) -> Optional[str]:
    return value if isinstance(value, str) and value in allowed else None


def _check_one(checker: Checker, path: str, name: str, edition: Optional[str],
               profile: Optional[str]) -> tuple[DocumentResult, Checker]:
    """Check one upload, reported under its own `name`, with the choices made on the page.

    A fresh checker is built only when the choices differ from the server's settings; the one
    used is returned too, since the marked-up copy must be placed by the same rulebooks.
    """
    if edition or profile:
        try:
            checker = Checker(replace(checker.settings, edition=edition, profile=profile))
        except FzError as error:
            return failed(name, error), checker
    return checker.check_file(path, name=name), checker


def _payload(document: DocumentResult, run: Optional[RunInfo] = None) -> dict:
    from checker.render import verdict_label, verdict_tone
    from checker.render.html import render_document_html

    return {
        "ok": document.error is None,
        "error": document.error.model_dump() if document.error else None,
        "result": document.model_dump(mode="json", by_alias=True),
        "report_html": render_document_html(document, run),
        "verdict": {"label": verdict_label(document), "tone": verdict_tone(document)},
    }


def _review(checker: Checker, path: str, name: str, document: DocumentResult, reviewer: Optional[str]) -> dict:
    """The marked-up Word copy (审核意见) of a checked upload, base64, with its file name.

    None when the document could not be checked, or when the copy cannot be made: the check's
    result is worth having without it, so a failure here costs the copy only (and says why).
    """
    from checker.review import review_copy, review_name

    copy, why = None, None
    if document.error is None:
        try:
            made = review_copy(path, document, reviewer, checker=checker, source=document._source)
            copy = base64.b64encode(made).decode("ascii")
        except FzError as error:
            why = error.message()
        except Exception:  # a bug in the marking-up; MemoryError too, when the copy is what did not fit
            traceback.print_exc()
            why = "生成审核意见时出错 (the marked-up copy could not be made)"
    return {"review_docx": copy, "review_name": review_name(name), "review_error": why}


def _page(max_bytes: int, editions: list[str], time_limit: float = 60.0, concurrency: int = 2) -> str:
    from checker.render.html import render_page
    from checker.review import SUFFIX
    from checker.run.discover import NOT_REPORTS, OUR_HTML_MARK, SNIFF_BYTES

    config = {  # what the page's script needs to know; written as JSON, so nothing in it is markup
        "suffixes": supported_suffixes(), "notReports": sorted(NOT_REPORTS), "reviewSuffix": SUFFIX,
        "ourHtmlMark": OUR_HTML_MARK.decode("ascii"), "sniffBytes": SNIFF_BYTES, "parallel": max(1, concurrency),
        "maxBytes": max_bytes, "maxMb": f"{max_bytes / MB:g}", "reviewerChars": REVIEWER_CHARS,
        "maxFiles": BUNDLE_DOCUMENTS,
    }
    return render_page(
        "serve.html.j2", max_mb=max_bytes / MB, suffixes="、".join(supported_suffixes()),
        accept=",".join(supported_suffixes()), editions=editions, status_label=STATUS_LABEL,
        profile_label=PROFILE_LABEL, time_limit=time_limit, config=config, xlsx=_xlsx() is not None,
        reviewer_chars=REVIEWER_CHARS,
    )


# ---------------------------------------------------------------------------- bundles of results


class _Bundles:
    """Bundles admitted (BUNDLE_QUEUE at most) and the turn to render one."""

    def __init__(self):
        import anyio

        self.admitted = 0
        self.turn = anyio.Lock()


class _Refused(Exception):
    """A bundle request that cannot be answered, with what to tell the reviewer."""

    def __init__(self, status: int, code: str, zh: str, en: str):
        super().__init__(en)
        self.status, self.code, self.zh, self.en = status, code, zh, en


def _xlsx():
    """The Excel renderer, or None in a build without it."""
    try:
        from checker.render.xlsx import render_xlsx
    except ImportError:
        return None
    return render_xlsx


def make_bundle(body: bytes, settings: Settings) -> tuple[bytes, str, str]:
    """(data, media type, file name) for a bundle request's JSON body; _Refused when it is not one.

    {"kind": "dashboard" | "xlsx" | "zip", "documents": [results as /api/check returns them],
     "reviews": {review_name: base64 .docx}, "reviewer": "单位 姓名"}: runs in a worker thread.
    """
    request = _bundle_request(body)
    kind = request["kind"]
    documents = _documents(request.get("documents"))
    run = RunInfo.now(clean_reviewer(request.get("reviewer")))
    result = CheckResult(version=_version(), documents=documents, summary=summarise(documents), run=run)
    stamp = time.strftime("%Y%m%d-%H%M")
    if kind == "dashboard":  # on its own: no reports beside it to link to
        return _dashboard(result, [None] * len(documents)).encode("utf-8"), "text/html; charset=utf-8", \
            f"检查汇总-{stamp}.html"
    render_xlsx = _xlsx()
    if kind == "xlsx":
        if render_xlsx is None:
            raise _Refused(501, "no-xlsx", "此版本不能生成 Excel 汇总", "this build cannot make the Excel summary")
        return render_xlsx(result, settings.shown()), \
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"检查汇总-{stamp}.xlsx"
    reviews = _reviews(request.get("reviews"))
    xlsx = render_xlsx(result, settings.shown()) if render_xlsx is not None else None
    return _zip(result, reviews, xlsx), "application/zip", f"检查结果-{stamp}.zip"


def _bundle_request(body: bytes) -> dict:
    try:
        request = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: nested a million deep
        raise _Refused(400, "bad-json", "汇总请求不是有效的 JSON", "the request body is not valid JSON") from None
    if not isinstance(request, dict):
        raise _Refused(400, "bad-bundle", "汇总请求应为 JSON 对象", "the request must be a JSON object")
    if request.get("kind") not in BUNDLE_KINDS:
        raise _Refused(400, "bad-kind", "汇总类型（kind）应为 dashboard、xlsx 或 zip",
                       "kind must be dashboard, xlsx or zip")
    return request


def _documents(items) -> list[DocumentResult]:
    from pydantic import ValidationError

    if not isinstance(items, list) or not items:
        raise _Refused(400, "no-documents", "没有可汇总的检查结果（documents 应为非空列表）",
                       "there are no results to bundle (documents must be a non-empty list)")
    if len(items) > BUNDLE_DOCUMENTS:
        raise _Refused(413, "too-many-documents", f"一次最多汇总 {BUNDLE_DOCUMENTS} 份检查结果，请分批下载",
                       f"at most {BUNDLE_DOCUMENTS} results can be bundled at once; download them in parts")
    documents = []
    for number, item in enumerate(items, 1):
        try:
            documents.append(DocumentResult.model_validate(item))
        except ValidationError as error:
            where = ".".join(str(part) for part in error.errors()[0]["loc"]) or "—"
            raise _Refused(400, "bad-document", f"第 {number} 份检查结果格式不正确（{where}）",
                           f"result {number} is not a valid check result ({where})") from None
    return documents


def _reviews(items) -> dict[str, bytes]:
    """The marked-up copies by name, decoded; each must be a Word file (a zip)."""
    if items is None:
        return {}
    if not isinstance(items, dict) or len(items) > BUNDLE_DOCUMENTS:
        raise _Refused(400, "bad-reviews", "reviews 应为“文件名: base64”的对象",
                       "reviews must be an object of name: base64")
    copies = {}
    for name, data in items.items():
        try:
            copies[name] = base64.b64decode(data, validate=True) if isinstance(data, str) else b""
        except (binascii.Error, ValueError):
            copies[name] = b""
        if not copies[name].startswith(b"PK"):
            shown = name[:80]
            raise _Refused(400, "bad-review", f"审核意见“{shown}”不是有效的 Word 文件",
                           f"the review copy '{shown}' is not a valid Word file")
    return copies


def _dashboard(result: CheckResult, links: list[Optional[str]]) -> str:
    from checker.render.html import Dashboard

    dashboard = Dashboard()
    for document, link in zip(result.documents, links):
        dashboard.add(document, link)
    return dashboard.render(result.summary)


def _zip(result: CheckResult, reviews: dict[str, bytes], xlsx: Optional[bytes]) -> bytes:
    """index.html (the dashboard), a gap report per document, its marked-up copy beside it, fzcheck.xlsx.

    Names come from `report_name` (harmless parts, unique), never from the request as given:
    a document called ../../x cannot unpack outside the folder.
    """
    from checker.render import report_name
    from checker.render.html import render_document_html
    from checker.review import review_name

    buffer = io.BytesIO()
    taken = {"index.html", XLSX_NAME}
    links = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for document in result.documents:
            name = report_name(_relative(document.path), taken, ".")
            links.append(name)
            _add(archive, name, render_document_html(document, result.run).encode("utf-8"))
            copy = reviews.get(review_name(document.path))
            if copy and document.error is None:
                _add(archive, review_name(name), copy)
        _add(archive, "index.html", _dashboard(result, links).encode("utf-8"))
        if xlsx is not None:
            _add(archive, XLSX_NAME, xlsx)
    return buffer.getvalue()


def _relative(path: str) -> str:
    """A document's name as a relative path (教育局/报告.docx): no root, no drive, no way up."""
    parts = [part for part in re.split(r"[\\/]+", path) if part not in ("", ".", "..") and not part.endswith(":")]
    # A name that is not valid Unicode (a lone surrogate) cannot be a zip entry: its bad characters go.
    return "/".join(parts).encode("utf-8", "replace").decode("utf-8") or "report"


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    entry = zipfile.ZipInfo(name, time.localtime()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16  # a plain file anyone may read, once unpacked
    archive.writestr(entry, data)


def _version() -> str:
    from checker import __version__

    return __version__


def attachment(filename: str) -> str:
    """Content-Disposition for a download with a Chinese name: RFC 6266's filename* (UTF-8), and an
    ASCII filename for clients that do not read it."""
    from urllib.parse import quote

    plain = re.sub(r"[^A-Za-z0-9._-]+", "", Path(filename).stem).strip("._-")
    fallback = f"fzcheck-{plain}{Path(filename).suffix}" if plain else f"fzcheck{Path(filename).suffix}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


# ---------------------------------------------------------------------------- checks in processes


@dataclass(frozen=True)
class _Job:
    path: str  # the upload, saved
    name: str  # what to call it in the result
    edition: Optional[str]
    profile: Optional[str]
    result: str  # where the check process writes the response body
    reviewer: Optional[str] = None  # who reviews (单位 姓名): the comments' author, printed on the report


class _Checks:
    """A bounded number of checks at once, each in a process of its own with a time and memory limit."""

    def __init__(self, checker: Checker, concurrency: int, queue: int, time_limit: float, memory_limit: int):
        import anyio

        self.time_limit, self.memory_limit = time_limit, memory_limit
        self.capacity = concurrency + max(0, queue)  # uploads admitted at once: checking or waiting
        self.admitted = 0
        self.slots = anyio.Semaphore(concurrency)
        self.closing = False
        self.folders: set[Path] = set()
        forking = hasattr(os, "fork") and "fork" in _start_methods()
        self.runner = _Zygote(checker, memory_limit) if forking else _Spawned(checker.settings, memory_limit)

    def start(self) -> None:
        self.runner.start()

    async def run(self, job: _Job) -> tuple[str, bytes]:
        """("ok", response body), or ("timeout" | "memory" | "crash" | "stopping", b"")."""
        import anyio

        async with self.slots:
            if self.closing:
                return "stopping", b""
            code: Optional[int] = None
            with anyio.move_on_after(self.time_limit) as clock:
                code = await self.runner.run(job)
        if self.closing and code != 0:
            return "stopping", b""
        try:  # written as soon as the check answered: the marked-up copy that follows may fail or run out of time
            return "ok", Path(job.result).read_bytes()
        except OSError:
            pass
        if clock.cancelled_caught:
            return "timeout", b""
        return ("memory" if code == _EXIT_MEMORY else "crash"), b""

    @contextmanager
    def folder(self):
        """A temporary folder for one upload, removed afterwards (and by `close` if still there)."""
        with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-", ignore_cleanup_errors=True) as name:
            path = Path(name)
            self.folders.add(path)
            try:
                yield path
            finally:
                self.folders.discard(path)

    def stop(self) -> None:
        """The server is stopping: kill running checks (their clients are told) and start no more."""
        self.closing = True
        self.runner.kill_all()

    def close(self) -> None:
        """Kill every check process and the helper; remove the upload folders left."""
        self.closing = True
        self.runner.close()
        for folder in list(self.folders):
            shutil.rmtree(folder, ignore_errors=True)
        self.folders.clear()


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


class _Zygote:
    """The server's side of the helper process that forks one check process per upload.

    The helper is forked once, at start-up before the server has threads (only if it dies is
    another forked from the running server), and stays single-threaded, so forking from it is
    safe; the server talks to it over a pipe:
    ("run", id, job) and ("kill", id) one way, ("done", id, exit code) the other.
    """

    def __init__(self, checker: Checker, memory_limit: int):
        self.checker, self.memory_limit = checker, memory_limit
        self.process = None
        self.connection = None
        self.listening = None  # (loop, fd) the reader is registered with
        self.waiting: dict[int, list] = {}  # id -> [event, exit code]
        self.ids = itertools.count(1)

    def start(self) -> None:
        import multiprocessing

        if self.process is not None:
            return
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        self.process = context.Process(target=_zygote_main, args=(theirs, self.checker, self.memory_limit),
                                       name="fzcheck-zygote", daemon=True)
        self.process.start()
        theirs.close()
        self.connection = ours

    async def run(self, job: _Job) -> Optional[int]:
        """The exit code of the check process for `job` (None when the helper died); killed if cancelled."""
        import anyio

        self.start()
        self._listen()
        number = next(self.ids)
        event = anyio.Event()
        slot = self.waiting[number] = [event, None]
        try:
            self._send(("run", number, job))
            await event.wait()
            return slot[1]
        finally:
            if not event.is_set():
                self._send(("kill", number))
                with anyio.CancelScope(shield=True), anyio.move_on_after(5):
                    await event.wait()  # dead before its folder is removed
            del self.waiting[number]

    def kill_all(self) -> None:
        for number, (event, _code) in list(self.waiting.items()):
            if not event.is_set():
                self._send(("kill", number))

    def close(self) -> None:
        if self.process is None:
            return
        self._unlisten()
        self.connection.close()  # the helper kills its check processes and exits
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.process = self.connection = None
        for event, _code in self.waiting.values():
            event.set()

    def _listen(self) -> None:
        import asyncio

        loop = asyncio.get_running_loop()
        if self.listening != (loop, self.connection.fileno()):
            self._unlisten()
            loop.add_reader(self.connection.fileno(), self._readable)
            self.listening = (loop, self.connection.fileno())

    def _unlisten(self) -> None:
        if self.listening is not None:
            loop, fd = self.listening
            self.listening = None
            try:
                loop.remove_reader(fd)
            except Exception:  # the loop is closed already
                pass

    def _readable(self) -> None:
        try:
            while self.connection.poll():
                _kind, number, code = self.connection.recv()
                slot = self.waiting.get(number)
                if slot is not None:
                    slot[1] = code
                    slot[0].set()
        except (EOFError, OSError):
            self._lost()

    def _send(self, message) -> None:
        try:
            self.connection.send(message)
        except (OSError, AttributeError):
            self._lost()

    def _lost(self) -> None:
        """The helper died: its checks fail, and the next upload starts a fresh one."""
        self._unlisten()
        if self.connection is not None:
            self.connection.close()
        if self.process is not None:
            self.process.kill()
            self.process.join(timeout=5)
        self.process = self.connection = None
        for event, _code in self.waiting.values():
            event.set()


def _zygote_main(connection, checker: Checker, memory_limit: int) -> None:
    """The helper: fork a check process for each job, kill one when asked, report each one's exit."""
    from multiprocessing.connection import wait

    gc.freeze()  # what the server left behind is never collected here, nor copied by the children
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole terminal group: the server decides
    keep = connection.fileno()
    os.closerange(3, keep)  # the listening socket and the clients' connections are the server's
    os.closerange(keep + 1, _max_fd())
    wake, woken = os.pipe()
    os.set_blocking(wake, False)
    os.set_blocking(woken, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.signal(signal.SIGTERM, _exit_now)
    signal.set_wakeup_fd(woken)
    running: dict[int, int] = {}  # pid -> job id
    pids: dict[int, int] = {}  # job id -> pid
    try:
        while True:
            ready = wait([connection, wake])
            if wake in ready:
                while _drain(wake):
                    pass
            _reap(connection, running, pids)
            if connection in ready:
                while connection.poll():
                    message = connection.recv()
                    if message[0] == "run":
                        _kind, number, job = message
                        pid = os.fork()
                        if pid == 0:
                            _child(job, checker, memory_limit, (connection, wake, woken))
                        try:
                            os.setpgid(pid, pid)
                        except OSError:
                            pass
                        running[pid], pids[number] = number, pid
                    elif message[0] == "kill" and pids.get(message[1]) in running:
                        _kill(pids[message[1]])
    except (EOFError, OSError, SystemExit):  # the server has gone or stopped us
        pass
    finally:
        for pid in list(running):
            _kill(pid)
        for pid in list(running):
            try:
                os.waitpid(pid, 0)
            except OSError:
                pass


def _exit_now(*_args) -> None:
    raise SystemExit(0)


def _drain(fd: int) -> bool:
    try:
        return bool(os.read(fd, 4096))
    except BlockingIOError:
        return False


def _max_fd() -> int:
    try:
        return max(256, os.sysconf("SC_OPEN_MAX"))
    except (AttributeError, ValueError, OSError):
        return 4096


def _reap(connection, running: dict[int, int], pids: dict[int, int]) -> None:
    while running:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        number = running.pop(pid, None)
        if number is not None:
            pids.pop(number, None)
            connection.send(("done", number, os.waitstatus_to_exitcode(status)))


def _kill(pid: int) -> None:
    """Kill a check process and anything it started (its process group)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _child(job: _Job, checker: Checker, memory_limit: int, inherited) -> None:
    """A check process, just forked from the helper: check `job` and exit, never return."""
    code = _EXIT_CRASH
    try:
        os.setpgid(0, 0)
        signal.set_wakeup_fd(-1)
        for number in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT):
            signal.signal(number, signal.SIG_DFL)
        connection, *fds = inherited
        connection.close()
        for fd in fds:
            os.close(fd)
        code = _run_job(checker, job, memory_limit)
    finally:
        try:
            sys.stderr.flush()
        finally:
            os._exit(code)


def _run_job(checker: Checker, job: _Job, memory_limit: int) -> int:
    """In a check process: write the response body for `job`; the exit code says how it went."""
    try:
        _limit_memory(memory_limit)
        document, used = _check_one(checker, job.path, job.name, job.edition, job.profile)
        if document.error is not None and document.error.code == MEMORY_CODE:
            return _EXIT_MEMORY
        payload = _payload(document, RunInfo.now(job.reviewer))
        _write_body(job.result, payload)  # the check's answer stands even if the copy below runs out of time
        payload.update(_review(used, job.path, job.name, document, job.reviewer))
        _write_body(job.result, payload)
        return 0
    except MemoryError:
        return _EXIT_MEMORY
    except BaseException:
        traceback.print_exc()
        return _EXIT_CRASH


def _write_body(target: str, payload: dict) -> None:
    """The response body, replaced whole: the server never reads half of one."""
    body = json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    partial = f"{target}.part"
    with open(partial, "wb") as out:
        out.write(body.encode("utf-8"))
    os.replace(partial, target)


def _limit_memory(memory_limit: int) -> None:
    """Let this process's address space grow by at most `memory_limit` MB beyond what it has now.

    The limit counts from the checker the process was forked with (shared with the server,
    not copied), so what it bounds is what one upload can take.
    """
    try:
        import resource
    except ImportError:  # not on this platform: the time limit still holds
        return
    limit = memory_limit * MB + _address_space()
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class _Spawned:
    """Where fork is not available (Windows): each check in a freshly started process (slower)."""

    def __init__(self, settings: Settings, memory_limit: int):
        self.settings, self.memory_limit = settings, memory_limit
        self.running: set = set()

    def start(self) -> None:
        pass

    async def run(self, job: _Job) -> Optional[int]:
        import anyio
        import multiprocessing

        process = multiprocessing.get_context("spawn").Process(
            target=_spawned_job, args=(self.settings, job, self.memory_limit), daemon=True)
        process.start()
        self.running.add(process)
        try:
            while process.exitcode is None:
                await anyio.sleep(0.05)
            return process.exitcode
        finally:
            if process.exitcode is None:
                process.kill()
                process.join(timeout=5)
            self.running.discard(process)

    def kill_all(self) -> None:
        for process in list(self.running):
            process.kill()

    def close(self) -> None:
        self.kill_all()
        for process in list(self.running):
            process.join(timeout=5)


def _spawned_job(settings: Settings, job: _Job, memory_limit: int) -> None:
    checker = Checker(settings)
    checker.warm_up()
    sys.exit(_run_job(checker, job, memory_limit))


def _sweep_folders() -> None:
    """Remove upload folders left by a server that was killed outright (its process is gone)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*-*"):
        owner = folder.name[len(TEMP_PREFIX):].split("-", 1)[0]
        if not owner.isdigit() or int(owner) == os.getpid():
            continue
        try:
            os.kill(int(owner), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # alive, another user's
            pass


# ---------------------------------------------------------------------------- serving


def serve(host: str, port: int, settings: Settings, concurrency: int, *, time_limit: Optional[float] = None,
          memory_limit: Optional[int] = None, queue: int = DEFAULT_QUEUE, body_timeout: float = BODY_TIMEOUT,
          min_rate: float = MIN_RATE, header_timeout: float = HEADER_TIMEOUT) -> None:
    """Serve until SIGINT or SIGTERM, then return (exit code 0). A port that cannot be bound is an FzError."""
    import uvicorn

    stop = _Signals()
    stop.install()
    try:
        listener = _bind(host, port)  # before the slow start, and before anything is printed
        app = None
        try:
            app = create_app(settings, concurrency, time_limit=time_limit, memory_limit=memory_limit, queue=queue,
                             body_timeout=body_timeout, min_rate=min_rate)
            config = uvicorn.Config(
                app, host=host, port=listener.getsockname()[1], log_level="warning", lifespan="on", http=_protocol(header_timeout),
                timeout_keep_alive=KEEP_ALIVE, h11_max_incomplete_event_size=MAX_HEADER_BYTES,
                limit_concurrency=max(64, 4 * app.checks.capacity), timeout_graceful_shutdown=GRACEFUL_SECONDS,
            )
            server = _server_class()(config, app.checks, _url(host, listener))
            if stop.attach(server):
                server.run(sockets=[listener])
        finally:
            listener.close()
            if app is not None:
                app.checks.close()
    finally:
        stop.restore()


def _bind(host: str, port: int) -> socket.socket:
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError):
        raise FzError("bad-host", f"无法识别监听地址“{host}”，请检查 --host",
                      f"cannot resolve the address '{host}'; check --host") from None
    listener = socket.socket(family, kind, proto)
    try:
        if os.name != "nt":  # restart at once after a stop; on Windows this would let others share the port
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(2048)
    except OSError as error:
        listener.close()
        if error.errno == errno.EADDRINUSE:
            raise FzError("port-in-use", f"端口 {port} 已被占用，请用 --port 指定其他端口",
                          f"port {port} is in use; choose another with --port") from None
        if error.errno == errno.EACCES:
            raise FzError("port-denied",
                          f"没有权限使用端口 {port}（1024 以下的端口需要管理员权限），请用 --port 指定其他端口",
                          f"no permission to use port {port} (ports below 1024 need administrator rights); "
                          "choose another with --port") from None
        raise FzError("cannot-listen", f"无法在 {host}:{port} 上监听（{error.strerror}），请检查 --host 和 --port",
                      f"cannot listen on {host}:{port} ({error.strerror}); check --host and --port") from None
    return listener


_WILDCARDS = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "[::1]"}  # all addresses: this machine's is one


def _url(host: str, listener: socket.socket) -> str:
    port = listener.getsockname()[1]
    shown = _WILDCARDS.get(host) or (f"[{host}]" if ":" in host else host)
    return f"http://{shown}:{port}/"


def _protocol(header_timeout: float):
    """uvicorn's h11 protocol, with a deadline for a request's headers (uvicorn has none).

    The clock starts when a connection opens, or when the first bytes of a new request come on an
    idle one, and stops when the headers are complete; a connection past it is closed.
    """
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Protocol(H11Protocol):
        header_timer = None

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            before = self.cycle
            if before is None or before.response_complete:
                self._arm()
            super().data_received(data)
            if self.cycle is not before:
                self._disarm()

        def connection_lost(self, exc) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            if self.header_timer is None:
                self.header_timer = self.loop.call_later(header_timeout, self._headers_too_slow)

        def _disarm(self) -> None:
            if self.header_timer is not None:
                self.header_timer.cancel()
                self.header_timer = None

        def _headers_too_slow(self) -> None:
            self.header_timer = None
            if (self.cycle is None or self.cycle.response_complete) and not self.transport.is_closing():
                try:
                    self.conn.send(h11.ConnectionClosed())
                except h11.LocalProtocolError:
                    pass
                self.transport.close()

    return Protocol


def _server_class():
    import uvicorn

    class Server(uvicorn.Server):
        """uvicorn's server, with our signal handling (no re-raised signal: exit code 0) and start message."""

        def __init__(self, config, checks: _Checks, url: str):
            super().__init__(config)
            self.checks, self.url = checks, url
            self.note = "；其他电脑用本机的 IP 地址访问" if config.host in _WILDCARDS else ""

        @contextmanager
        def capture_signals(self):  # `_Signals` has them
            yield

        async def startup(self, sockets=None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                print(f"fzcheck 网页版已启动：{self.url} （在浏览器中打开；按 Ctrl+C 停止{self.note}）", flush=True)

        async def shutdown(self, sockets=None) -> None:
            self.checks.stop()  # running checks are killed now; their clients get an answer
            await super().shutdown(sockets=sockets)

    return Server


class _Signals:
    """SIGINT, SIGTERM (and SIGHUP) stop the server; a second SIGINT stops it without waiting."""

    NAMES = ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK")

    def __init__(self):
        self.server = None
        self.requested = False
        self.previous: dict = {}

    def install(self) -> None:
        import threading

        if threading.current_thread() is not threading.main_thread():
            return
        for name in self.NAMES:
            number = getattr(signal, name, None)
            if number is not None:
                self.previous[number] = signal.signal(number, self.handle)

    def handle(self, number, _frame) -> None:
        if self.server is None:
            self.requested = True
        elif self.server.should_exit and number == signal.SIGINT:
            self.server.force_exit = True
        else:
            self.server.should_exit = True

    def attach(self, server) -> bool:
        """Whether to run `server`: not when a stop was asked for while starting."""
        self.server = server
        return not self.requested

    def restore(self) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, handler)
        self.previous.clear()
