"""Published reports checked by their address, against a local server serving saved portal pages."""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import pytest

from checker.document.ingest import fetch as fetching
from checker.document.ingest import read_source
from checker.errors import FzError

SEED = next(Path(__file__).resolve().parent.parent.glob("seeds/001_*.txt"))
BODY = SEED.read_text(encoding="utf-8")
PORTAL = """<html><head>{meta}<title>{title}_某市人民政府门户网站</title>
<meta name="PubDate" content="2025-03-20 09:30"></head>
<body><div class="nav">首页 | 政务公开 | 政务服务 | 互动交流</div>
<div class="article"><h1>{title}</h1>{paragraphs}</div>
<div class="footer">版权所有：某市人民政府 网站标识码 1234567890</div></body></html>"""


def _page(meta: str = '<meta charset="utf-8">') -> str:
    lines = [line for line in BODY.splitlines() if line.strip()]
    paragraphs = "".join(f"<p>{line}</p>" for line in lines[1:])
    return PORTAL.format(meta=meta, title=lines[0], paragraphs=paragraphs)


class _Portal(http.server.BaseHTTPRequestHandler):
    seen_cookies: list[str] = []

    def do_GET(self):  # noqa: N802 (the http.server API)
        route = {
            "/utf8.html": lambda: self._send(_page().encode("utf-8"), "text/html; charset=utf-8"),
            "/gbk.html": lambda: self._send(_page('<meta charset="gb2312">').encode("gbk"), "text/html"),
            # A server whose header names no charset and a page that names none either: detected.
            "/bare-gbk.html": lambda: self._send(_page("").encode("gbk"), "text/html"),
            # The header names GBK, the page says nothing: the header is believed.
            "/header-gbk.html": lambda: self._send(_page("").encode("gbk"), "text/html; charset=GBK"),
            "/moved": lambda: self._redirect("/utf8.html", cookie=True),
            "/loop": lambda: self._redirect("/loop"),
            "/slow": self._slow,
            "/drip": self._drip,
            "/huge": lambda: self._send(b"<p>" + "法治".encode() * 400_000 + b"</p>", "text/html"),
            "/report.pdf": lambda: self._send(b"%PDF-1.4 not really", "application/octet-stream"),
            "/data.zip": lambda: self._send(b"\x00\x01binary", "application/zip"),
            # An OFD is a zip like a .docx: served without a type, its name says which it is.
            "/report.ofd": lambda: self._send(_ofd_bytes(), "application/octet-stream"),
        }.get(self.path)
        if "Cookie" in self.headers:
            _Portal.seen_cookies.append(self.headers["Cookie"])
        try:
            if route is None:
                self._send(b"<h1>404</h1>", "text/html", status=404)
            else:
                route()
        except (BrokenPipeError, ConnectionResetError):  # the checker hung up, as it should
            pass

    def _send(self, body: bytes, kind: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str, cookie: bool = False) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        if cookie:
            self.send_header("Set-Cookie", "session=abc; Path=/")
        self.end_headers()

    def _slow(self) -> None:
        time.sleep(3)
        self._send(b"<p>late</p>", "text/html")

    def _drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(40):
            self.wfile.write(b"<p>x</p>")
            self.wfile.flush()
            time.sleep(0.1)

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture(scope="module")
def portal():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("page", ["/utf8.html", "/gbk.html", "/bare-gbk.html", "/header-gbk.html"])
def test_a_portal_page_reads_like_the_saved_page_in_any_encoding(portal, page):
    source = read_source(portal + page)
    text = source.text
    assert source.format == "html"
    assert source.published == "2025-03-20"
    assert "全面依法治国" in text or "法治政府" in text
    assert "版权所有" not in text and "首页" not in text
    assert source.lines[-1].text.strip() == [line for line in BODY.splitlines() if line.strip()][-1].strip()


def test_a_redirect_is_followed_and_its_cookie_never_sent_back(portal):
    _Portal.seen_cookies.clear()
    source = read_source(portal + "/moved")
    assert source.published == "2025-03-20"
    assert _Portal.seen_cookies == []


@pytest.mark.parametrize("page, code", [
    ("/missing.html", "http-status"),
    ("/loop", "too-many-redirects"),
    ("/huge", "too-large"),
    ("/data.zip", "unsupported-format"),
])
def test_addresses_that_cannot_be_checked_say_why(portal, page, code):
    with pytest.raises(FzError) as caught:
        read_source(portal + page, max_bytes=512 * 1024)
    assert caught.value.code == code
    assert caught.value.zh and caught.value.en


def test_a_page_that_does_not_answer_in_time_is_given_up(portal, monkeypatch):
    monkeypatch.setattr(fetching, "FETCH_SECONDS", 1.0)
    for page in ("/slow", "/drip"):
        started = time.monotonic()
        with pytest.raises(FzError) as caught:
            read_source(portal + page)
        assert caught.value.code == "timeout"
        assert time.monotonic() - started < 2.5


def test_a_pdf_is_read_as_a_pdf_whatever_the_server_calls_it(portal):
    with pytest.raises(FzError) as caught:
        read_source(portal + "/report.pdf")
    assert caught.value.code not in ("unsupported-format", "http-status")  # the PDF reader saw it


def _ofd_bytes() -> bytes:
    import tempfile

    from . import ofd_builder

    lines = [line for line in BODY.splitlines() if line.strip()][:12]
    with tempfile.TemporaryDirectory() as folder:
        return ofd_builder.build_ofd(ofd_builder.layout_report(lines), Path(folder) / "r.ofd").read_bytes()


def test_an_ofd_without_a_content_type_is_read_as_an_ofd_not_as_word(portal):
    source = read_source(portal + "/report.ofd")
    assert source.format == "ofd" and "法治" in source.text


def test_nobody_listens_there():
    with pytest.raises(FzError) as caught:
        read_source("http://127.0.0.1:9/")
    assert caught.value.code in ("unreachable", "timeout")


def test_only_web_addresses_are_fetched():
    with pytest.raises(FzError) as caught:
        fetching.fetch("http:///nohost", 1024)
    assert caught.value.code == "bad-url"
    assert not fetching.is_url("ftp://example.com/a.html") and fetching.is_url("HTTPS://example.com")
