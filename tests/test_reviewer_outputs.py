"""What a reviewer takes away from one command: marked-up Word copies, the spreadsheet, reports that
say who checked them and when, and published reports checked by their addresses."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

import pytest

from .conftest import SEEDS, run_cli

REVIEWER = "青山市司法局 张三"
SEED = SEEDS / "001_7724204651865b79.txt"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    done = run_cli("check", str(SEED), str(SEEDS / "003_eed9f17129c08ac0.txt"), "-f", "html,docx,xlsx,csv,json",
                   "--reviewer", REVIEWER, "-o", str(out))
    return done, out


def test_every_output_asked_for_is_written_into_the_folder(batch):
    done, out = batch
    assert done.returncode == 0, done.stderr
    names = {path.name for path in out.iterdir()}
    assert {"index.html", "fzcheck.xlsx", "fzcheck.csv", "fzcheck.json"} <= names
    assert {f"{SEED.name}.html", f"{SEED.name}.审核意见.docx"} <= names


def test_the_marked_up_copy_is_signed_by_the_reviewer(batch):
    import docx

    _, out = batch
    document = docx.Document(str(out / f"{SEED.name}.审核意见.docx"))
    authors = {comment.author for comment in document.comments}
    assert authors == {REVIEWER}
    assert len(list(document.comments)) >= 2  # the summary and at least one gap


def test_the_spreadsheet_has_a_row_per_report_and_names_the_reviewer(batch):
    import openpyxl

    _, out = batch
    book = openpyxl.load_workbook(out / "fzcheck.xlsx")
    assert book.sheetnames[:2] == ["汇总", "问题清单"]
    assert book["汇总"].max_row == 3  # the header and two reports
    notes = " ".join(str(cell.value) for row in book["说明"].iter_rows() for cell in row if cell.value)
    assert REVIEWER in notes
    assert (out / "fzcheck.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8


def test_reports_and_json_say_who_checked_and_when(batch):
    _, out = batch
    assert REVIEWER in (out / f"{SEED.name}.html").read_text(encoding="utf-8")
    run = json.loads((out / "fzcheck.json").read_text(encoding="utf-8"))["run"]
    assert run["reviewer"] == REVIEWER and run["checked_at"][:2] == "20"


class _Portal(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_published_reports_are_checked_by_their_addresses(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    body = "".join(f"<p>{line}</p>" for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip())
    (site / "report.html").write_text(
        f'<html><head><meta charset="utf-8"><meta name="PubDate" content="2025-03-20"></head><body>{body}</body></html>',
        encoding="utf-8")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *args: _Portal(*args, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# 各单位报告\n{base}/report.html\n\n{base}/gone.html\n", encoding="utf-8")
    try:
        done = run_cli("check", "--urls", str(listing), "-f", "json", "-o", str(tmp_path / "r.json"))
    finally:
        server.shutdown()
    assert done.returncode == 2  # one address could not be opened
    documents = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"]
    assert [d["path"] for d in documents] == [f"{base}/report.html", f"{base}/gone.html"]
    assert documents[0]["meta"]["published"] == "2025-03-20" and documents[0]["score"] > 60
    assert documents[1]["error"]["code"] == "http-status" and "404" in documents[1]["error"]["message"]


def test_a_list_of_addresses_that_holds_something_else_is_refused(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("报告.docx\n", encoding="utf-8")
    done = run_cli("check", "--urls", str(listing))
    assert done.returncode == 2 and "不是 http/https 网址" in done.stderr


def test_the_marked_up_copy_of_an_address_is_made_from_what_was_checked(tmp_path):
    """The page is fetched once: a second download could be another text than the one scored."""
    served = []
    body = "".join(f"<p>{line}</p>" for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip())
    page = f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'.encode("utf-8")

    class Once(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server API)
            served.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Once)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        done = run_cli("check", f"http://127.0.0.1:{server.server_address[1]}/report.html", "-f", "docx",
                       "--reviewer", REVIEWER, "-o", str(tmp_path / "out"))
    finally:
        server.shutdown()
    assert done.returncode in (0, 1), done.stderr
    assert served == ["/report.html"]
    assert (tmp_path / "out" / "report.html.审核意见.docx").is_file()


def test_an_address_with_a_password_is_refused_without_repeating_it():
    done = run_cli("check", "http://user:s3cret@127.0.0.1:9/report.html")
    assert done.returncode == 2 and "用户名或密码" in done.stderr
    assert "s3cret" not in done.stderr + done.stdout
