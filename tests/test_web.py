"""`fzcheck serve` over HTTP: checks, clear errors, size limit, file names, bursts."""

from __future__ import annotations

import concurrent.futures
import time
from pathlib import Path

import httpx
import pytest

from checker.web import safe_name

from .builders import build_docx, report_lines
from .conftest import ROOT, SEEDS
from .livesite import live_server

SEED = SEEDS / "001_7724204651865b79.txt"


@pytest.fixture(scope="module")
def site():
    with live_server(max_bytes=1024 * 1024) as url:
        yield url


def upload(url: str, name: str, data: bytes, **fields) -> httpx.Response:
    return httpx.post(f"{url}/api/check", files={"file": (name, data)}, data=fields, timeout=60)


def test_page_is_self_contained_and_in_chinese(site):
    page = httpx.get(site, timeout=30).text
    assert "法治政府建设年度报告检查" in page and "拖入报告文件" in page
    assert "<script src" not in page and "<link" not in page and "http://" not in page.split("</head>")[0]


def test_check_a_report(site, checker):
    expected = checker.check_file(str(SEED))  # what the library says about the same file
    response = upload(site, "克拉玛依.txt", SEED.read_bytes())
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] and 0 <= body["result"]["score"] <= 100
    assert (body["result"]["score"], body["result"]["passed"]) == (expected.score, expected.passed)
    assert body["result"]["verdict"] == expected.verdict
    assert body["verdict"] == {"label": "通过" if expected.passed else "未通过", "tone": "pass" if expected.passed else "fail"}
    assert "<html" in body["report_html"] and "存在的不足和原因" in body["report_html"]


def test_choices_on_the_page_are_used(site):
    body = upload(site, "r.txt", SEED.read_bytes(), edition="2015-2020", profile="department").json()
    assert body["result"]["rulebook"]["edition"] == "2015-2020"
    assert body["result"]["meta"]["profile"] == "department"


def test_bad_file_gets_the_same_message_as_the_command_line(site):
    body = upload(site, "坏文件.txt", bytes(range(256)) * 10).json()
    assert body["ok"] is False and body["error"]["code"] == "not-text"
    assert body["verdict"] == {"label": "无法检查", "tone": "fail"}
    assert "坏文件.txt" in body["error"]["message"] and "not readable text" in body["error"]["message"]


def test_a_text_that_is_no_annual_report_is_told_apart_in_its_own_colour(site):
    speech = "在法治政府建设推进会议上的讲话\n同志们：刚才，会议通报了全县法治政府建设工作情况。下面，我讲三点意见。\n"
    body = upload(site, "讲话.txt", speech.encode("utf-8")).json()
    assert body["verdict"] == {"label": "不是年度报告", "tone": "other"}


def test_the_page_says_how_long_a_check_may_take(site):
    assert "每个文件最多检查 60 秒" in httpx.get(site, timeout=30).text


def test_a_malformed_form_gets_a_clear_message(site):
    response = httpx.post(f"{site}/api/check", content=b"--b\r\nnot a part header\r\n",
                          headers={"content-type": "multipart/form-data; boundary=b"}, timeout=30)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad-form" and "表单" in response.json()["error"]["message"]


def test_size_limit_is_enforced_before_reading_the_body(site):
    response = upload(site, "big.txt", b"a" * (2 * 1024 * 1024))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too-large"


def test_a_crafted_file_name_cannot_write_outside_the_upload_folder(site, tmp_path):
    marker = tmp_path / "escaped.txt"
    name = f"../../../../{tmp_path}/escaped.txt".replace("//", "/")
    body = upload(site, name, SEED.read_bytes()).json()
    assert body["ok"] and not marker.exists()
    assert body["result"]["path"] == "escaped.txt"


@pytest.mark.parametrize(
    "given,saved",
    [("../../etc/passwd.txt", "passwd.txt"), ("..\\..\\win.ini", "win.ini"), ("报告 (终稿).DOCX", "报告_终稿.docx"),
     ("", "upload"), ("a\x00b.txt", "a_b.txt")],
)
def test_safe_names(given, saved):
    assert safe_name(given) == saved


def test_a_burst_of_parallel_uploads(tmp_path, checker):
    """Eight uploads at once, four kinds of file, on a server that checks two at a time."""
    draft = build_docx(report_lines(SEED), tmp_path / "r.docx")
    docx = draft.read_bytes()
    files = [("r.txt", SEED.read_bytes()), ("r.docx", docx)] * 4
    expected = {"r.txt": checker.check_file(str(SEED)).score, "r.docx": checker.check_file(str(draft)).score}
    with live_server(max_bytes=5 * 1024 * 1024, concurrency=2) as url:
        rss_before = _rss()
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(files)) as pool:
            responses = list(pool.map(lambda f: upload(url, *f), files))
        elapsed = time.perf_counter() - started
        growth = _rss() - rss_before
    assert all(r.status_code == 200 and r.json()["ok"] for r in responses)
    # every upload gets the score the library gives the same file, however many run at once
    assert [r.json()["result"]["score"] for r in responses] == [expected[name] for name, _ in files]
    assert growth < 200
    figures = f"burst of {len(files)} uploads, concurrency 2: {elapsed:.2f} s, server memory growth {growth:.0f} MB\n"
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "serve-burst.txt").write_text(figures, encoding="utf-8")


def _rss() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
