"""`fzcheck serve` for a pile of drafts: the marked-up copy in each answer, /api/bundle, and the page.

The server side runs through Starlette's TestClient against `create_app` (one app for the
module: each app forks its own helper process); the page runs in headless Chromium
(skipped without it, unless FZCHECK_REQUIRE_BROWSER=1) against a live server.
"""

from __future__ import annotations

import base64
import io
import json
import shutil
import zipfile
from html import escape
from pathlib import Path
from urllib.parse import unquote

import pytest

from checker import web
from checker.model import DocumentResult
from checker.render import report_name
from checker.review import review_name

from .builders import build_docx, report_lines
from .conftest import SEEDS
from .livesite import browser, live_server  # noqa: F401 (browser: a fixture)

SEED = SEEDS / "001_7724204651865b79.txt"
OTHER = SEEDS / "003_eed9f17129c08ac0.txt"
BROKEN = b"PK\x03\x04 not really a zip"
REVIEWER = "市司法局 张某"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The chosen files are listed once the page has read their first bytes (asynchronously).
CHOSEN = "text => document.getElementById('chosen').textContent.includes(text)"


@pytest.fixture(scope="module")
def client():
    from starlette.testclient import TestClient

    from checker.run.engine import Settings

    with TestClient(web.create_app(Settings(max_bytes=1024 * 1024), concurrency=2)) as running:
        yield running


def check(client, name: str, data: bytes, **fields) -> dict:
    response = client.post("/api/check", files={"file": (name, data)}, data=fields)
    assert response.status_code == 200, response.text
    return response.json()


def comments(data: bytes) -> list:
    import docx

    return list(docx.Document(io.BytesIO(data)).comments)


# ---------------------------------------------------------------------------- the marked-up copy in /api/check


@pytest.fixture(scope="module")
def checked(client):
    """The seed checked with a reviewer whose name hides control and bidi characters."""
    return check(client, "克拉玛依.txt", SEED.read_bytes(), reviewer=f"  市司法局\u202e\x07 张某\n ")


def test_a_check_comes_with_the_marked_up_word_copy(checked, checker):
    assert checked["ok"] and checked["review_name"] == "克拉玛依.txt.审核意见.docx"
    data = base64.b64decode(checked["review_docx"])
    marked = comments(data)
    gaps = checker.check_file(str(SEED)).gaps()
    assert len(marked) >= len(gaps) + 1  # a comment at each gap and the summary on the title
    assert any(gaps[0].title in c.text for c in marked)


def test_the_reviewer_is_cleaned_and_signs_the_comments_and_the_report(checked):
    authors = {c.author for c in comments(base64.b64decode(checked["review_docx"]))}
    assert authors == {REVIEWER}
    assert f"审核人：{REVIEWER}" in checked["report_html"]


def test_the_reviewer_is_cut_to_60_characters(client):
    body = check(client, "r.txt", SEED.read_bytes(), reviewer="长" * 100)
    assert {c.author for c in comments(base64.b64decode(body["review_docx"]))} == {"长" * 60}


@pytest.mark.parametrize("given,kept", [
    ("  市司法局\u202e 张某\x00\r\n", REVIEWER), ("\u200b\t ", None), (None, None), (["x"], None),
    ("a" * 61, "a" * 60), ("张\u2028三", "张三"),
])
def test_clean_reviewer(given, kept):
    assert web.clean_reviewer(given) == kept


def test_a_file_that_cannot_be_read_has_no_copy(client):
    body = check(client, "坏文件.docx", BROKEN)
    assert body["ok"] is False and body["error"]["code"] == "corrupt"
    assert body["review_docx"] is None and body["review_name"] == "坏文件.docx.审核意见.docx"


def test_a_word_draft_comes_back_as_itself_with_comments(client, tmp_path):
    draft = build_docx(report_lines(SEED), tmp_path / "草稿.docx")
    body = check(client, "草稿.docx", draft.read_bytes())
    import docx

    copy = docx.Document(io.BytesIO(base64.b64decode(body["review_docx"])))
    original = docx.Document(str(draft))
    assert [p.text for p in copy.paragraphs] == [p.text for p in original.paragraphs]
    assert len(list(copy.comments)) > 1


def test_the_folder_a_file_came_from_names_it(client):
    body = check(client, "报告.txt", SEED.read_bytes(), folder="../2024年/教育局\\..\\/.hidden")
    assert body["result"]["path"] == "2024年/教育局/hidden/报告.txt"
    assert body["review_name"] == "2024年/教育局/hidden/报告.txt.审核意见.docx"


@pytest.mark.parametrize("folder,filename,label", [
    (None, "a.txt", "a.txt"), ("", "../../x.txt", "x.txt"), ("/etc/", "passwd.txt", "etc/passwd.txt"),
    ("a/b/c/d/e/f/g/h", "r.pdf", "c/d/e/f/g/h/r.pdf"), ("科 室", "报告 (终稿).DOCX", "科_室/报告_终稿.docx"),
])
def test_display_names(folder, filename, label):
    assert web.display_name(folder, filename) == label


def test_the_copy_is_placed_by_the_checker_that_made_the_result(monkeypatch):
    """With an edition chosen on the page, the copy is made with that edition's checker, not the server's.

    The stand-in for review_copy is in place before the app forks its helper, so the check processes have it.
    """
    import checker.review as review_module
    from starlette.testclient import TestClient

    from checker.run.engine import Settings

    def stand_in(path, result, reviewer=None, when=None, *, checker=None, source=None):
        return f"PK {checker.settings.edition} {checker.settings.profile} {result.rulebook.edition} {reviewer}".encode()

    monkeypatch.setattr(review_module, "review_copy", stand_in)
    with TestClient(web.create_app(Settings(max_bytes=1024 * 1024))) as fresh:
        body = check(fresh, "r.txt", SEED.read_bytes(), edition="2015-2020", profile="department", reviewer="张某")
    assert base64.b64decode(body["review_docx"]) == b"PK 2015-2020 department 2015-2020 \xe5\xbc\xa0\xe6\x9f\x90"


def test_the_copy_is_made_with_the_checker_the_choices_made(checker):
    """`_check_one` returns the checker it used: a chosen edition has rulebooks of its own."""
    document, used = web._check_one(checker, str(SEED), "r.txt", "2015-2020", "department")
    assert used is not checker and used.settings.edition == "2015-2020" and used.settings.profile == "department"
    assert document.rulebook.edition == "2015-2020"
    same, unchanged = web._check_one(checker, str(SEED), "r.txt", None, None)
    assert unchanged is checker and same.error is None


# ---------------------------------------------------------------------------- /api/bundle


@pytest.fixture(scope="module")
def documents(checker, tmp_path_factory) -> list[dict]:
    broken = tmp_path_factory.mktemp("bundle") / "坏.docx"
    broken.write_bytes(BROKEN)
    results = [checker.check_file(str(SEED), name="教育局/报告.txt"), checker.check_file(str(OTHER), name="公安局/报告.txt"),
               checker.check_file(str(broken), name="坏.docx")]
    assert results[2].error is not None
    return [r.model_dump(mode="json", by_alias=True) for r in results]


def bundle(client, payload) -> "object":
    body = payload if isinstance(payload, (bytes, str)) else json.dumps(payload, ensure_ascii=False)
    return client.post("/api/bundle", content=body, headers={"content-type": "application/json"})


def download_name(response) -> str:
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=\"fzcheck")
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert encoded.isascii()
    return unquote(encoded)


def refused(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert response.json()["ok"] is False and error["code"] == code
    assert any("\u4e00" <= c <= "\u9fff" for c in error["message"]) and "(" in error["message"]  # Chinese (English)
    return error["message"]


def test_the_summary_page(client, documents):
    response = bundle(client, {"kind": "dashboard", "documents": documents})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    name = download_name(response)
    assert name.startswith("检查汇总-") and name.endswith(".html")
    page = response.text
    assert "共 3 份" in page and "无法检查 1" in page
    for document in documents:
        assert document["path"] in page
    assert ".txt.html" not in page  # on its own, the summary links to no report


def test_everything_in_a_zip(client, documents):
    copy = base64.b64encode(b"PK\x03\x04 a marked-up copy").decode()
    reviews = {"教育局/报告.txt.审核意见.docx": copy, "坏.docx.审核意见.docx": copy, "别的.docx.审核意见.docx": copy,
               "网页.审核意见.docx": copy}
    documents = [*documents, dict(documents[0], path="网页.html")]
    response = bundle(client, {"kind": "zip", "documents": documents, "reviews": reviews, "reviewer": REVIEWER + "\x1b"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    assert download_name(response).startswith("检查结果-") and download_name(response).endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    taken = {"index.html", web.XLSX_NAME}
    reports = [report_name(d["path"], taken, ".") for d in documents]
    assert reports == ["教育局/报告.txt.html", "公安局/报告.txt.html", "坏.docx.html", "网页.html.html"]
    # no copy for the document that failed, nor for one with none sent; a web page's is found by review_name
    expected = {"index.html", *reports, review_name(reports[0]), "网页.html.审核意见.docx"}
    if web._xlsx() is not None:
        expected.add(web.XLSX_NAME)
    assert set(names) == expected
    assert archive.read("教育局/报告.txt.审核意见.docx") == base64.b64decode(copy)
    assert all(info.flag_bits & 0x800 for info in archive.infolist() if not info.filename.isascii())  # UTF-8 names
    index = archive.read("index.html").decode("utf-8")
    assert all(f'href="{name}"' in index for name in reports)
    report = archive.read(reports[0]).decode("utf-8")
    assert f"审核人：{REVIEWER}" in report and "存在的不足和原因" in report
    assert "已损坏" in archive.read("坏.docx.html").decode("utf-8")


def test_names_in_the_zip_cannot_leave_its_folder(client, documents):
    hostile = [dict(documents[0], path="../../etc/passwd"), dict(documents[1], path="/tmp/x.txt"),
               dict(documents[1], path="C:\\Windows\\..\\win.ini"), dict(documents[1], path="index")]
    archive = zipfile.ZipFile(io.BytesIO(bundle(client, {"kind": "zip", "documents": hostile}).content))
    for name in archive.namelist():
        assert not name.startswith("/") and ".." not in name.split("/") and ":" not in name and "\\" not in name
    assert {"etc/passwd.html", "tmp/x.txt.html", "Windows/win.ini.html", "index-2.html", "index.html"} <= set(archive.namelist())


def test_the_excel_summary(client, documents):
    pytest.importorskip("checker.render.xlsx")
    import openpyxl

    response = bundle(client, {"kind": "xlsx", "documents": documents, "reviewer": REVIEWER})
    assert response.status_code == 200 and "spreadsheetml" in response.headers["content-type"]
    assert download_name(response).endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    files = [row[0] for row in book["汇总"].iter_rows(min_row=2, values_only=True)]
    assert files == [d["path"] for d in documents]


def test_without_the_excel_module_xlsx_is_501_and_the_zip_goes_without(client, documents, monkeypatch):
    monkeypatch.setattr(web, "_xlsx", lambda: None)
    refused(bundle(client, {"kind": "xlsx", "documents": documents}), 501, "no-xlsx")
    archive = zipfile.ZipFile(io.BytesIO(bundle(client, {"kind": "zip", "documents": documents}).content))
    assert web.XLSX_NAME not in archive.namelist() and "index.html" in archive.namelist()


@pytest.mark.parametrize("payload,status,code", [
    (b"{not json", 400, "bad-json"),
    (b"\xff\xfe", 400, "bad-json"),
    ("[" * 100_000 + "]" * 100_000, 400, "bad-json"),
    ([], 400, "bad-bundle"),
    ({"kind": "pdf", "documents": []}, 400, "bad-kind"),
    ({"kind": "zip"}, 400, "no-documents"),
    ({"kind": "zip", "documents": []}, 400, "no-documents"),
    ({"kind": "zip", "documents": {"path": "a"}}, 400, "no-documents"),
    ({"kind": "dashboard", "documents": [{"path": "a.txt"}, {"path": "b.txt", "score": "high"}]}, 400, "bad-document"),
    ({"kind": "dashboard", "documents": [{"score": 3}]}, 400, "bad-document"),
    ({"kind": "zip", "documents": [{"path": "a.txt"}], "reviews": ["x"]}, 400, "bad-reviews"),
    ({"kind": "zip", "documents": [{"path": "a.txt"}], "reviews": {"a.txt.审核意见.docx": "not base64!"}}, 400, "bad-review"),
    ({"kind": "zip", "documents": [{"path": "a.txt"}], "reviews": {"a": base64.b64encode(b"MZ").decode()}}, 400,
     "bad-review"),
    ({"kind": "zip", "documents": [{"path": f"{n}.txt"} for n in range(web.BUNDLE_DOCUMENTS + 1)]}, 413,
     "too-many-documents"),
])
def test_bad_bundle_requests_get_a_clear_answer(client, payload, status, code):
    message = refused(bundle(client, payload), status, code)
    if code == "bad-document":
        assert "第 " in message and " 份" in message
    if code == "too-many-documents":
        assert str(web.BUNDLE_DOCUMENTS) in message


def test_a_valid_bundle_of_the_most_documents_allowed_is_made(client):
    documents = [{"path": f"{n}.txt"} for n in range(200)]
    response = bundle(client, {"kind": "dashboard", "documents": documents})
    assert response.status_code == 200 and "199.txt" in response.text
    assert DocumentResult.model_validate(documents[0]).path == "0.txt"


def test_a_bundle_over_its_size_limit_is_refused_before_it_is_read():
    from starlette.testclient import TestClient

    from checker.run.engine import Settings

    with TestClient(web.create_app(Settings(max_bytes=1024 * 1024), bundle_bytes=64 * 1024)) as small:
        response = bundle(small, {"kind": "zip", "documents": [{"path": "a.txt" * 20_000}]})
        refused(response, 413, "too-large")
        assert "分批" in response.json()["error"]["message"]
        upload = small.post("/api/check", files={"file": ("r.txt", SEED.read_bytes())})
        assert upload.status_code == 200  # uploads keep their own limit


def test_content_disposition_for_chinese_names():
    header = web.attachment("检查结果 2025.zip")
    assert header == ("attachment; filename=\"fzcheck-2025.zip\"; "
                      "filename*=UTF-8''%E6%A3%80%E6%9F%A5%E7%BB%93%E6%9E%9C%202025.zip")
    assert web.attachment("汇总.html").startswith('attachment; filename="fzcheck.html"; ')
    header.encode("latin-1")  # a header must be


def test_the_page_offers_many_files_a_folder_a_reviewer_and_the_downloads(client):
    page = client.get("/").text
    assert 'type="file" accept=' in page and "multiple" in page and "webkitdirectory" in page
    assert "审核人（单位 姓名）" in page and 'maxlength="60"' in page
    for label in ("下载汇总页（HTML）", "下载全部（zip）", "取消"):
        assert label in page
    assert ("下载 Excel 汇总" in page) == (web._xlsx() is not None)
    assert '"parallel": 2' in page and "innerHTML" not in page
    assert "<script src" not in page and "<link" not in page


# ---------------------------------------------------------------------------- the page, in a browser


@pytest.fixture(scope="module")
def site():
    with live_server(max_bytes=5 * 1024 * 1024) as url:
        yield url


# Counts the checks the page has in flight, and the most at once.
COUNT_FLIGHTS = """
(() => {
  const fetch = window.fetch;
  window.flights = {now: 0, most: 0};
  window.fetch = function (url, options) {
    if (String(url).indexOf("/api/check") < 0) { return fetch.apply(this, arguments); }
    flights.now++; flights.most = Math.max(flights.most, flights.now);
    const done = () => { flights.now--; };
    return fetch.apply(this, arguments).then(r => { done(); return r; }, e => { done(); throw e; });
  };
})();
"""
FINISHED = """n => document.querySelectorAll('#files tbody tr[data-state=done], #files tbody tr[data-state=failed]').length === n"""


def drafts(folder: Path, count: int = 2, html: bool = False) -> list[Path]:
    """Copies of seeds under names that would be markup; with `html`, the second as a web page."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [SEED, OTHER, *sorted(SEEDS.glob("*.txt"))][:count]
    paths = []
    for number, seed in enumerate(seeds, 1):
        if html and number == 2:
            paths.append(folder / f"第{number}区县<b>报告.html")
            lines = "".join(f"<p>{escape(line)}</p>" for line in seed.read_text(encoding="utf-8").splitlines())
            paths[-1].write_text(f"<html><body>{lines}</body></html>", encoding="utf-8")
        else:
            paths.append(folder / f"第{number}区县<b>报告.txt")
            shutil.copy(seed, paths[-1])
    return paths


def rows(page) -> list[dict]:
    return page.eval_on_selector_all("#files tbody tr", """rows => rows.map(r => ({
        state: r.getAttribute('data-state'), cells: [...r.cells].map(c => c.textContent)}))""")


def test_three_files_a_table_a_report_and_everything_in_a_zip(browser, site, checker, tmp_path):
    files = drafts(tmp_path / "in", html=True)  # an HTML draft: its copy is named without .html
    broken = tmp_path / "in" / "损坏的报告.docx"
    broken.write_bytes(BROKEN)
    page = browser.new_page(accept_downloads=True)
    page.add_init_script(COUNT_FLIGHTS)
    page.goto(site)
    page.fill("#reviewer", REVIEWER)
    page.set_input_files("#file", [str(p) for p in [*files, broken]])
    page.wait_for_function(CHOSEN, arg="已选择 3 个文件", timeout=10000)
    assert page.inner_text("#chosen") == "已选择 3 个文件"
    page.click("#submit")
    page.wait_for_function(FINISHED, arg=3, timeout=60000)
    table = rows(page)
    assert len(table) == 3
    by_name = {row["cells"][0]: row for row in table}
    assert by_name["损坏的报告.docx"]["state"] == "failed" and "无法检查" in by_name["损坏的报告.docx"]["cells"][1]
    assert "已损坏" in by_name["损坏的报告.docx"]["cells"][1]
    for path in files:
        row = by_name[path.name]  # the tag-like name is text, not markup
        expected = checker.check_file(str(path))
        assert row["state"] == "done" and row["cells"][4] == f"{expected.score:g}"
        assert row["cells"][5] == ("通过" if expected.passed else "未通过")
    assert page.locator("#files b").count() == 0
    assert page.inner_text("#progress").startswith("已完成 3 / 3")
    assert page.evaluate("flights.most") <= 2

    with page.context.expect_page() as opened:
        page.locator("#files tbody tr").filter(has_text=files[0].name).locator("a.view-report").click()
    report = opened.value
    report.wait_for_load_state()
    assert "需要补充或修改的内容" in report.inner_text("body") and f"审核人：{REVIEWER}" in report.inner_text("body")
    report.close()

    page.locator("#files tbody tr").filter(has_text=files[1].name).click()  # a row shows its detail
    assert page.inner_text("#detail-name") == files[1].name
    assert page.inner_text("#score") == f"{checker.check_file(str(files[1])).score:g}"

    with page.expect_download() as single:
        page.locator("#files tbody tr").filter(has_text=files[0].name).locator("a.review").click()
    assert single.value.suggested_filename.startswith("第1区县") and single.value.suggested_filename.endswith(".审核意见.docx")
    assert {c.author for c in comments(Path(single.value.path()).read_bytes())} == {REVIEWER}

    with page.expect_download() as everything:
        page.click("#bundle-zip")
    assert everything.value.suggested_filename.startswith("检查结果-")
    archive = zipfile.ZipFile(everything.value.path())
    names = archive.namelist()
    reports = [n for n in names if n.endswith(".html") and n != "index.html"]
    copies = [n for n in names if n.endswith(".审核意见.docx")]
    assert "index.html" in names and len(copies) == 2
    gap_reports = [n for n in reports if "存在的不足和原因" in archive.read(n).decode("utf-8")]
    assert len(gap_reports) == 2  # and the third report says why the broken file could not be checked
    assert any("已损坏" in archive.read(n).decode("utf-8") for n in reports if n not in gap_reports)
    index = archive.read("index.html").decode("utf-8")
    assert "共 3 份" in index and all(f'href="{n}"' in index for n in reports)
    page.close()


def test_one_file_still_shows_its_detail_at_once(browser, site, checker):
    page = browser.new_page()
    page.goto(site)
    page.set_input_files("#file", str(SEED))
    page.click("#submit")
    page.wait_for_selector("#result", state="visible", timeout=60000)
    assert page.inner_text("#score") == f"{checker.check_file(str(SEED)).score:g}"
    assert page.is_visible("#download-review") and len(rows(page)) == 1
    page.close()


def test_a_folder_keeps_only_reports_and_names_them_by_folder(browser, site, tmp_path):
    root = tmp_path / "2024年报告"
    drafts(root / "教育局", 1)
    drafts(root / "公安局", 1)
    (root / "公安局" / "公章.png").write_bytes(b"\x89PNG")
    (root / "公安局" / "~$草稿.docx").write_bytes(b"lock")
    (root / ".git").mkdir()
    (root / ".git" / "config.txt").write_text("x")
    (root / "index.html").write_text("<p>old dashboard</p>")
    (root / "旧报告.docx.html").write_text('<meta name="generator" content="fzcheck 0.1.0">', encoding="utf-8")
    page = browser.new_page()
    page.goto(site)
    page.set_input_files("#folder", str(root))
    page.wait_for_function("document.querySelectorAll('#files tbody tr').length === 2", timeout=10000)
    assert [row["cells"][0] for row in rows(page)] == ["2024年报告/公安局/第1区县<b>报告.txt",
                                                      "2024年报告/教育局/第1区县<b>报告.txt"]
    skipped = page.inner_text("#skipped")
    assert "已跳过 4 个文件" in skipped and "公章.png（不支持的文件类型）" in skipped
    assert "fzcheck 生成的检查报告" in skipped
    page.click("#submit")
    page.wait_for_function(FINISHED, arg=2, timeout=60000)
    paths = page.evaluate("[...document.querySelectorAll('#files tbody tr')].length")
    assert paths == 2
    page.close()


def test_dropped_folders_are_read_through(browser, site):
    """A dropped folder comes as a directory entry: the page reads it with readEntries, in batches."""
    page = browser.new_page()
    page.goto(site)
    text = SEED.read_text(encoding="utf-8")
    page.evaluate(
        """(text) => {
            const file = (path) => ({isFile: true, isDirectory: false, name: path.split('/').pop(), fullPath: path,
                                     file: (ok) => ok(new File([text], path.split('/').pop(), {type: 'text/plain'}))});
            const folder = (path, children) => ({isFile: false, isDirectory: true, name: path.split('/').pop(),
                fullPath: path, createReader: () => { let batches = [children.slice(0, 1), children.slice(1), []];
                                                      return {readEntries: (ok) => ok(batches.shift())}; }});
            const tree = folder('/区县', [file('/区县/甲.txt'), folder('/区县/乙局', [file('/区县/乙局/乙.txt')]),
                                          file('/区县/图片.jpg'), folder('/区县/.hidden', [file('/区县/.hidden/丙.txt')])]);
            const loose = new File([text], '单独.txt', {type: 'text/plain'});
            const transfer = {items: [
                {kind: 'file', webkitGetAsEntry: () => tree, getAsFile: () => null},
                {kind: 'file', webkitGetAsEntry: () => null, getAsFile: () => loose},
                {kind: 'string', webkitGetAsEntry: () => null, getAsFile: () => null}], files: []};
            const event = new Event('drop', {bubbles: true, cancelable: true});
            Object.defineProperty(event, 'dataTransfer', {value: transfer});
            document.getElementById('drop').dispatchEvent(event);
        }""",
        text,
    )
    page.wait_for_function("document.querySelectorAll('#files tbody tr').length === 3", timeout=10000)
    assert [row["cells"][0] for row in rows(page)] == ["区县/乙局/乙.txt", "区县/甲.txt", "单独.txt"]
    assert "图片.jpg（不支持的文件类型）" in page.inner_text("#skipped")
    page.click("#submit")
    page.wait_for_function(FINISHED, arg=3, timeout=60000)
    page.close()


def test_a_busy_server_is_asked_again_not_reported_as_a_failure(browser, site):
    page = browser.new_page()
    answered = []

    def busy_once(route):
        if not answered:
            answered.append(503)
            route.fulfill(status=503, content_type="application/json", body=json.dumps(
                {"ok": False, "error": {"code": "busy", "message": "服务器正忙 (busy)"}}, ensure_ascii=False))
        else:
            answered.append("sent")
            route.continue_()

    page.route("**/api/check", busy_once)
    page.goto(site)
    page.set_input_files("#file", str(SEED))
    page.click("#submit")
    page.wait_for_selector("#files tbody tr[data-state=busy]", timeout=10000)
    assert "服务器忙" in page.inner_text("#files tbody tr")
    page.wait_for_selector("#result", state="visible", timeout=60000)
    assert answered == [503, "sent"] and rows(page)[0]["state"] == "done"
    page.close()


def test_cancel_stops_the_queue_and_aborts_what_is_in_flight(browser, site, tmp_path):
    files = drafts(tmp_path / "many", 5)
    page = browser.new_page()
    page.add_init_script(COUNT_FLIGHTS)
    held = []
    page.route("**/api/check", lambda route: held.append(route))  # never answered: in flight until cancelled
    page.goto(site)
    page.set_input_files("#file", [str(p) for p in files])
    page.click("#submit")
    page.wait_for_function("flights.now === 2", timeout=10000)
    assert [row["state"] for row in rows(page)] == ["checking", "checking", "waiting", "waiting", "waiting"]
    page.click("#cancel")
    page.wait_for_function("flights.now === 0", timeout=10000)
    assert [row["state"] for row in rows(page)] == ["cancelled"] * 5
    assert page.inner_text("#error") == "已取消检查。" and page.is_hidden("#cancel")
    assert len(held) == 2 and page.is_enabled("#submit")  # 开始检查 again takes up the cancelled files
    page.close()


def test_file_names_never_become_markup(browser, site, tmp_path):
    page = browser.new_page()
    page.goto(site)
    hostile = tmp_path / '<img src=x onerror="window.pwned=1">.txt'
    shutil.copy(SEED, hostile)
    page.set_input_files("#file", str(hostile))
    page.click("#submit")
    page.wait_for_selector("#result", state="visible", timeout=60000)
    assert page.evaluate("window.pwned") is None and page.locator("main img").count() == 0
    assert hostile.name in page.inner_text("#files")
    page.close()
