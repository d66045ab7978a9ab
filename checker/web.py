"""`fzcheck serve`: a local web page where staff drop a draft and see what is missing.

One page (no external assets: intranets have no internet) posts the file to
/api/check and shows the gap report with downloads of the HTML and JSON. The
upload is limited in size before the body is read, kept in memory or a
temporary folder that is deleted after the response, and saved under a name
of our own making, so a crafted file name cannot write anywhere else. Checks
run on a bounded number of threads, so a burst of uploads queues instead of
exhausting memory.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Optional

from checker.concepts import PROFILE_LABEL, STATUS_LABEL, profile_named
from checker.errors import FzError
from checker.run.engine import Checker, Settings, failed
from checker.document.ingest import supported_suffixes

UPLOAD_FIELD = "file"
_SAFE = re.compile(r"[^\w\u4e00-\u9fff.-]+")
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the small fields around the file


def safe_name(filename: Optional[str]) -> str:
    """A file name to save an upload under: the last component only, harmless characters only."""
    name = Path((filename or "").replace("\\", "/")).name
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    stem = _SAFE.sub("_", stem).strip("._")[:80] or "upload"
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix or "") else ""
    return f"{stem}{suffix}"


def _error(status: int, code: str, zh: str, en: str):
    from starlette.responses import JSONResponse

    return JSONResponse({"ok": False, "error": {"code": code, "message": f"{zh} ({en})"}}, status_code=status)


class BodyLimit:
    """ASGI middleware: refuse a request body over `limit` bytes, before and while it is read."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._too_large(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await self._too_large(scope, receive, send)

    async def _too_large(self, scope, receive, send):
        await _too_large(self.limit - FORM_OVERHEAD)(scope, receive, send)


class _TooLarge(Exception):
    pass


def _too_large(limit: int):
    megabytes = limit / 1048576
    return _error(413, "too-large", f"上传的文件超过 {megabytes:g} MB 上限",
                  f"the upload exceeds the {megabytes:g} MB limit")


def create_app(settings: Optional[Settings] = None, concurrency: int = 2):
    import anyio
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse
    from starlette.routing import Route

    settings = settings or Settings()
    checker = Checker(settings)
    checker.warm_up()
    limiter = anyio.CapacityLimiter(concurrency)
    page = _page(settings.max_bytes, [b.edition_id for b in checker.books if b.edition_id])

    async def index(request: Request):
        return HTMLResponse(page)

    async def check(request: Request):
        try:
            async with request.form(max_files=1, max_fields=8) as form:
                upload = form.get(UPLOAD_FIELD)
                if upload is None or not hasattr(upload, "read"):
                    return _error(400, "no-file", "没有收到文件", "no file was uploaded")
                edition = _choice(form.get("edition"), [b.edition_id for b in checker.books])
                profile = profile_named(form.get("profile") if isinstance(form.get("profile"), str) else None)
                with tempfile.TemporaryDirectory(prefix="fzcheck-upload-") as folder:
                    target = Path(folder) / safe_name(upload.filename)
                    if target.resolve().parent != Path(folder).resolve():
                        return _error(400, "bad-name", "文件名不合法", "invalid file name")
                    with open(target, "wb") as out:
                        while chunk := await upload.read(1 << 16):
                            out.write(chunk)
                    document = await anyio.to_thread.run_sync(
                        _check_one, checker, str(target), safe_name(upload.filename), edition, profile, limiter=limiter
                    )
        except _TooLarge:
            return _too_large(settings.max_bytes)
        except Exception as exc:  # a malformed form is the client's problem, never a traceback
            if type(exc).__name__ in ("MultiPartException", "ClientDisconnect"):
                return _error(400, "bad-form", "上传的表单不完整或格式不正确", "the upload form is malformed")
            raise
        return JSONResponse(_payload(document))

    async def health(request: Request):
        return JSONResponse({"ok": True})

    app = Starlette(routes=[Route("/", index), Route("/api/check", check, methods=["POST"]),
                            Route("/health", health)])
    return BodyLimit(app, settings.max_bytes + FORM_OVERHEAD)


def _choice(value, allowed: list[str]) -> Optional[str]:
    return value if isinstance(value, str) and value in allowed else None


def _check_one(checker: Checker, path: str, name: str, edition: Optional[str], profile: Optional[str]):
    """Check one upload, reported under its own `name`, with the choices made on the page.

    A fresh checker is built only when the choices differ from the server's settings.
    """
    if edition or profile:
        try:
            checker = Checker(replace(checker.settings, edition=edition, profile=profile))
        except FzError as error:
            return failed(name, error)
    return checker.check_file(path, name=name)


def _payload(document) -> dict:
    from checker.render.html import render_document_html

    return {
        "ok": document.error is None,
        "error": document.error.model_dump() if document.error else None,
        "result": document.model_dump(mode="json", by_alias=True),
        "report_html": render_document_html(document),
    }


def _page(max_bytes: int, editions: list[str]) -> str:
    from checker.render.html import render_page

    return render_page(
        "serve.html.j2", max_mb=max_bytes / 1048576, suffixes="、".join(supported_suffixes()),
        accept=",".join(supported_suffixes()), editions=editions, status_label=STATUS_LABEL,
        profile_label=PROFILE_LABEL,
    )


def serve(host: str, port: int, settings: Settings, concurrency: int) -> None:  # pragma: no cover - runs forever
    import uvicorn

    app = create_app(settings, concurrency)
    print(f"fzcheck 网页版已启动：http://{host}:{port}/ （在浏览器中打开；按 Ctrl+C 停止）", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
