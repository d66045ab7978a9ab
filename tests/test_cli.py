"""End-to-end: `fzcheck` run as a user runs it, exit codes included."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT, SEEDS, run_cli

PASSING = SEEDS / "001_7724204651865b79.txt"
NOT_A_REPORT = SEEDS / "000_3cd4e8562be4d342.txt"


def test_passing_report_exits_0_and_writes_html(tmp_path):
    done = run_cli("check", str(PASSING), "-o", str(tmp_path))
    assert done.returncode == 0, done.stderr
    page = tmp_path / "001_7724204651865b79.txt.html"
    assert page.is_file()
    assert "HTML 报告" in done.stdout and "通过" in done.stdout


def test_folder_with_a_failing_document_exits_1(tmp_path):
    done = run_cli("check", str(SEEDS), "-o", str(tmp_path))
    assert done.returncode == 1, done.stderr
    assert len(list(tmp_path.glob("*.html"))) == 5 + 1  # a report each, and the dashboard
    assert (tmp_path / "index.html").is_file()
    assert "共 5 份：通过 2，未通过 3，无法检查 0" in done.stdout


def test_json_to_stdout_is_the_contract():
    done = run_cli("check", str(PASSING), str(NOT_A_REPORT), "--format", "json")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert data["schema"] == "fzcheck.result/1"
    assert {k: data["summary"][k] for k in ("documents", "passed", "failed", "errors")} == {
        "documents": 2, "passed": 1, "failed": 1, "errors": 0}
    first = data["documents"][0]
    assert set(first) >= {"path", "error", "meta", "rulebook", "score", "passed", "findings"}
    assert set(first["meta"]) >= {"title", "year", "issuer", "level", "kind", "chars"}
    assert set(first["rulebook"]) >= {"id", "edition", "version"}
    finding = first["findings"][0]
    assert set(finding) >= {"rule", "status", "severity", "score", "weight", "evidence", "message", "advice", "basis"}
    assert data["documents"][1]["meta"]["kind"] == "not_annual_report"


def test_missing_file_exits_2_but_the_others_are_checked(tmp_path):
    done = run_cli("check", str(PASSING), str(tmp_path / "nope.txt"), "--format", "json")
    assert done.returncode == 2
    data = json.loads(done.stdout)
    assert data["documents"][0]["passed"] is True
    error = data["documents"][1]["error"]
    assert error["code"] == "not-found" and "nope.txt" in error["message"]
    assert "Traceback" not in done.stderr


def test_bad_files_in_a_folder_do_not_stop_the_others(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PASSING, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    done = run_cli("check", str(folder), "--format", "json")
    assert done.returncode == 2
    data = json.loads(done.stdout)
    by_name = {d["path"].rsplit("/", 1)[-1]: d for d in data["documents"]}
    assert by_name["good.txt"]["passed"] is True
    assert by_name["empty.txt"]["error"]["code"] == "empty"
    assert by_name["binary.txt"]["error"]["code"] == "not-text"
    # A damaged .doc: LibreOffice cannot make text of it, or (without LibreOffice) "save it as .docx".
    assert by_name["old.doc"]["error"]["code"] in ("convert-failed", "old-word-format")
    assert data["summary"]["errors"] == 3


def test_empty_folder_is_an_error(tmp_path):
    done = run_cli("check", str(tmp_path), "--format", "json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["documents"][0]["error"]["code"] == "no-reports"


def test_input_files_are_not_modified(tmp_path):
    copy = tmp_path / "r.txt"
    shutil.copy(PASSING, copy)
    before = (copy.read_bytes(), copy.stat().st_mtime_ns)
    run_cli("check", str(copy), "-o", str(tmp_path / "out"))
    assert (copy.read_bytes(), copy.stat().st_mtime_ns) == before


def test_unknown_format_and_bad_rulebook_exit_2(tmp_path):
    done = run_cli("check", str(PASSING), "--format", "pdfx")
    assert done.returncode == 2 and "pdfx" in done.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nextends: edition-2021-2025\nname: n\nversion: '1'\nrules:\n  - id: area.digital\n    weight: -3\n", encoding="utf-8")
    done = run_cli("check", str(PASSING), "--rulebook", str(bad))
    assert done.returncode == 2
    assert f"{bad}:7" in done.stderr and "weight" in done.stderr
    assert "Traceback" not in done.stderr


def test_text_format_to_a_file(tmp_path):
    target = tmp_path / "result.txt"
    done = run_cli("check", str(PASSING), "--format", "text", "-o", str(target))
    assert done.returncode == 0
    text = target.read_text(encoding="utf-8")
    assert "item.shortcomings" in text and "建议：" in text


def test_several_formats_at_once(tmp_path):
    done = run_cli("check", str(PASSING), "--format", "html,json", "-o", str(tmp_path))
    assert done.returncode == 0
    assert (tmp_path / "fzcheck.json").is_file() and (tmp_path / "001_7724204651865b79.txt.html").is_file()


def test_rules_commands(tmp_path):
    listed = run_cli("rules", "list")
    assert listed.returncode == 0 and "item.shortcomings" in listed.stdout
    shown = run_cli("rules", "show", "item.shortcomings")
    assert shown.returncode == 0 and "存在的不足和原因" in shown.stdout and "basis" in shown.stdout
    assert run_cli("rules", "show", "no.such-rule").returncode == 2
    linted = run_cli("rules", "lint")
    assert linted.returncode == 0 and "通过" in linted.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nextends: base\nname: n\nversion: '1'\nrules:\n  - id: BAD ID\n", encoding="utf-8")
    linted = run_cli("rules", "lint", str(bad))
    assert linted.returncode == 2 and f"{bad}:6" in linted.stderr


def test_no_arguments_shows_help():
    done = run_cli()
    assert "check" in (done.stdout + done.stderr)


def test_rules_kinds_lists_every_kind_with_its_parameters():
    from checker.rules.kinds import KINDS

    done = run_cli("rules", "kinds")
    assert done.returncode == 0, done.stderr
    for name, kind in KINDS.items():
        assert f"# {name}: " in done.stdout
        for field_name in (kind.params.model_fields if kind.params else {}):
            assert f"params.{field_name}:" in done.stdout
    assert "params.target_pattern: 必填" in done.stdout


_LEAVING = """
import atexit, sys, threading, time
from checker.cli import _leave
atexit.register(lambda: print("exit handlers ran", file=sys.stderr))
if sys.argv[1] == "thread":
    threading.Thread(target=time.sleep, args=(0.3,)).start()  # not a daemon: the ordinary exit waits for it
sys.stdout.write("报" * 200_000)
sys.stdout.write("完")  # what is still in the buffer
_leave(int(sys.argv[2]) if sys.argv[2].isdigit() else (None if sys.argv[2] == "none" else sys.argv[2]))
"""


_BUFFERED = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}  # as users run it


@pytest.mark.parametrize("threads", ["alone", "thread"])
@pytest.mark.parametrize("code, status", [("0", 0), ("1", 1), ("2", 2), ("none", 0), ("a message", 1)])
def test_leaving_flushes_everything_runs_exit_handlers_and_keeps_the_exit_code(threads, code, status):
    done = subprocess.run([sys.executable, "-c", _LEAVING, threads, code], capture_output=True, cwd=ROOT,
                          env={**_BUFFERED, "PYTHONIOENCODING": "utf-8"}, timeout=60)
    assert done.returncode == status
    assert done.stdout.decode("utf-8") == "报" * 200_000 + "完"
    assert "exit handlers ran" in done.stderr.decode("utf-8")
    assert ("a message" in done.stderr.decode("utf-8")) == (code == "a message")


_LEAVING_QUIETLY = """
import atexit, sys
from checker.cli import _leave
atexit.register(lambda: sys.stderr and print("exit handlers ran", file=sys.stderr))
print("报告")
_leave(int(sys.argv[1]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell closes the stream")
@pytest.mark.parametrize("closed", [">&-", "2>&-"])
def test_leaving_with_a_standard_stream_closed_keeps_the_exit_code(closed):
    done = subprocess.run(f'"{sys.executable}" -c \'{_LEAVING_QUIETLY}\' 2 {closed}', shell=True, capture_output=False,
                          cwd=ROOT, env=_BUFFERED, timeout=60, stdout=None if closed == ">&-" else subprocess.PIPE)
    assert done.returncode == 2


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="a device that is always full")
def test_output_that_cannot_be_written_is_said_as_python_says_it():
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", _LEAVING_QUIETLY, "0"], stdout=full, stderr=subprocess.PIPE,
                              cwd=ROOT, env=_BUFFERED, timeout=60)
    assert done.returncode == 120  # what Python exits with when it cannot flush what was printed
    assert "No space left" in done.stderr.decode("utf-8", "replace")
