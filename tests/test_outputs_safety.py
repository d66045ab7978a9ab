"""Outputs never touch inputs: names mirror the inputs, earlier outputs are not checked again, and the rest."""

from __future__ import annotations

import json
import os
import stat
import time

from checker.run import discover

from .conftest import SEEDS, run_cli

SEED = SEEDS / "001_7724204651865b79.txt"
PORTAL_PAGE = "<html><head><title>报告</title></head><body><p>青山市2024年法治政府建设年度报告</p></body></html>"


def test_output_folder_inside_the_input_folder_checks_the_same_files_every_time(tmp_path):
    (tmp_path / "报告.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "报告.html").write_text(PORTAL_PAGE, encoding="utf-8")  # an input page of the same name
    runs = [run_cli("check", str(tmp_path), "-o", str(tmp_path), "--format", "html,json", "--no-config")
            for _ in range(2)]
    assert runs[0].returncode == runs[1].returncode
    assert (tmp_path / "报告.html").read_text(encoding="utf-8") == PORTAL_PAGE
    for _ in runs:
        data = json.loads((tmp_path / "fzcheck.json").read_text(encoding="utf-8"))
        assert sorted(os.path.basename(d["path"]) for d in data["documents"]) == ["报告.html", "报告.txt"]
    assert (tmp_path / "报告.txt.html").is_file() and (tmp_path / "报告.html.html").is_file()


def test_an_output_file_that_is_an_input_is_refused(tmp_path):
    target = tmp_path / "r.json"
    target.write_text("{}", encoding="utf-8")
    done = run_cli("check", str(target), "--format", "json", "-o", str(target), "--no-config")
    assert done.returncode == 2 and "输出文件与输入文件相同" in done.stderr
    assert target.read_text(encoding="utf-8") == "{}"


def test_one_report_to_an_html_file(tmp_path):
    out = tmp_path / "检查结果.html"
    done = run_cli("check", str(SEED), "-o", str(out), "--no-config")
    assert done.returncode == 0, done.stderr
    assert out.is_file() and "fzcheck" in out.read_text(encoding="utf-8")
    several = run_cli("check", str(SEEDS), "-o", str(tmp_path / "x.html"), "--no-config")
    assert several.returncode == 2 and "只能检查一个文件" in several.stderr


def test_names_mirror_the_folders_and_keep_the_suffix(tmp_path):
    for department in ("教育局", "民政局"):
        (tmp_path / "in" / department).mkdir(parents=True)
        (tmp_path / "in" / department / "年度报告.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "in" / "教育局" / "年度报告.md").write_bytes(SEED.read_bytes())
    run_cli("check", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-config")
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.html"))
    assert written == ["index.html", "教育局/年度报告.md.html", "教育局/年度报告.txt.html", "民政局/年度报告.txt.html"]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="民政局/年度报告.txt.html"' in index


def test_outputs_are_written_with_the_users_umask_and_leftovers_are_removed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    leftover = out / ".index.html.abc123.fzcheck-tmp"
    leftover.write_text("half", encoding="utf-8")
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    run_cli("check", str(SEED), "-o", str(out), "--no-config")
    mode = stat.S_IMODE((out / "index.html").stat().st_mode)
    mask = os.umask(0)
    os.umask(mask)
    assert mode == 0o666 & ~mask
    assert not leftover.exists()


def test_checking_part_of_a_folder_keeps_the_whole_dashboard(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    run_cli("check", str(tmp_path), "-o", str(out), "--no-config")
    run_cli("check", str(tmp_path / "b.txt"), "-o", str(out), "--no-config")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}.html"' in index for name in ("a.txt", "b.txt", "c.txt"))


def test_images_spreadsheets_and_archives_are_skipped_not_errors(tmp_path):
    (tmp_path / "r.txt").write_bytes(SEED.read_bytes())
    for name in ("scan.png", "data.xlsx", "all.zip"):
        (tmp_path / name).write_bytes(b"\x00\x01binary")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)  # a report in a format we cannot read
    done = run_cli("check", str(tmp_path), "--format", "json", "--no-config")
    data = json.loads(done.stdout)
    assert sorted(os.path.basename(d["path"]) for d in data["documents"]) == ["old.doc", "r.txt"]
    assert len(data["summary"]["skipped"]) == 3
    only_skipped = run_cli("check", str(tmp_path / "r.txt"), "--format", "json", "--no-config")
    assert only_skipped.returncode == 0


def test_an_unreadable_folder_is_an_error_not_silence(tmp_path, monkeypatch):
    real_walk = os.walk

    def walk(top, **kwargs):
        for entry in real_walk(top, **kwargs):
            yield entry
        kwargs["onerror"](PermissionError(13, "Permission denied", str(tmp_path / "locked")))

    (tmp_path / "r.txt").write_bytes(SEED.read_bytes())
    monkeypatch.setattr(discover.os, "walk", walk)
    found = list(discover.expand([str(tmp_path)]))
    errors = [item for item in found if item.error is not None]
    assert len(errors) == 1 and errors[0].error.code == "unreadable-folder"
    assert errors[0].path.endswith("locked")


def test_a_file_name_that_is_not_utf8_is_checked_and_named_readably(tmp_path):
    folder = os.fsencode(str(tmp_path / "in"))
    os.mkdir(folder)
    with open(os.path.join(folder, "报告".encode("gbk") + b".txt"), "wb") as handle:  # as unzipping a Windows zip gives
        handle.write(SEED.read_bytes())
    out = tmp_path / "out"
    done = run_cli("check", str(tmp_path / "in"), "-o", str(out), "--no-config",
                   "--format", "html,json,sarif,junit,markdown,text")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "\\xb1" in done.stdout  # the raw bytes shown, not a broken line
    assert (out / "报告.txt.html").is_file()
    data = json.loads((out / "fzcheck.json").read_text(encoding="utf-8"))
    assert data["summary"]["documents"] == 1 and data["summary"]["errors"] == 0
