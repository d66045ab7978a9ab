"""Whatever lands in a report folder gets a clear, one-line error; the other files are still checked."""

from __future__ import annotations

import json
import os
import random
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import FzError
from checker.document.ingest import read_source

from checker.document.ingest.office import find_soffice

from .builders import build_blank_pdf, build_docx, build_pdf, report_lines
from .conftest import SEEDS, run_cli

GOOD = SEEDS / "001_7724204651865b79.txt"


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("docx") / "seed.docx"
    return build_docx(report_lines(GOOD), path).read_bytes()


def zip_bomb(target: Path) -> Path:
    """A few KB that would expand to 50 MB of zeros as word/document.xml."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(50):
                member.write(chunk)
    return target


OLD_OFFICE_CODE = "convert-failed" if find_soffice() else "old-word-format"


def make_bad_folder(folder: Path, seed_docx: bytes) -> dict[str, str]:
    """Every kind of bad file, each with the error code it must get."""
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "empty.docx").write_bytes(b"")
    rng = random.Random(1)
    (folder / "binary.txt").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    (folder / "truncated.docx").write_bytes(seed_docx[: len(seed_docx) // 2])
    (folder / "garbage.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    zip_bomb(folder / "bomb.docx")
    build_pdf(report_lines(GOOD)[:6], folder / "encrypted.pdf", encrypt="secret")
    build_blank_pdf(folder / "scanned.pdf")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    (folder / "draft.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    (folder / "renamed.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    (folder / "sheet.xlsx.bak").write_bytes(b"data")
    (folder / "big.txt").write_bytes(("全市办理行政复议案件206件。" * 5000).encode("utf-8"))
    (folder / "nested").mkdir()
    os.symlink("loop-b.txt", folder / "nested" / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "nested" / "loop-b.txt")
    return {
        "empty.txt": "empty",
        "empty.docx": "empty",
        "binary.txt": "not-text",
        "truncated.docx": "corrupt",
        "garbage.docx": "corrupt",
        "bomb.docx": "zip-bomb",
        "encrypted.pdf": "encrypted",
        "scanned.pdf": "needs-ocr",
        # Read through LibreOffice when it is installed (these are damaged), else the "save as .docx" message.
        "old.doc": OLD_OFFICE_CODE,
        "draft.wps": OLD_OFFICE_CODE,
        "renamed.docx": "old-word-format",
        "big.txt": "too-large",
        "loop-a.txt": "symlink-loop",
        "loop-b.txt": "symlink-loop",
    }


def test_every_bad_file_gets_its_own_clear_error(tmp_path, seed_docx):
    folder = tmp_path / "in"
    expected = make_bad_folder(folder, seed_docx)
    inputs = sorted(p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink())
    (tmp_path / "notes.xyz").write_bytes(b"data")  # named on the command line: checked, and refused
    done = run_cli("check", str(folder), str(tmp_path / "missing.txt"), str(tmp_path / "notes.xyz"),
                   "--format", "json", "--max-size", "0.1")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    data = json.loads(done.stdout)
    by_name = {Path(d["path"]).name: d for d in data["documents"]}
    assert by_name["good.txt"]["passed"] is True
    assert by_name["missing.txt"]["error"]["code"] == "not-found"
    assert by_name["notes.xyz"]["error"]["code"] == "unsupported-format"
    assert "sheet.xlsx.bak" not in by_name  # met in a folder, a file that is no report is skipped, not an error
    assert any("sheet.xlsx.bak" in skipped for skipped in data["summary"]["skipped"])
    for name, code in expected.items():
        error = by_name[name]["error"]
        assert error is not None and error["code"] == code, (name, error)
        message = error["message"]
        assert name in message and "\n" not in message
        assert "(" in message and any("\u4e00" <= ch <= "\u9fff" for ch in message)  # Chinese, then English
    # Input files are never modified.
    assert inputs == sorted(p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink())


def test_html_report_for_each_bad_file(tmp_path, seed_docx):
    folder = tmp_path / "in"
    make_bad_folder(folder, seed_docx)
    out = tmp_path / "out"
    done = run_cli("check", str(folder), "-o", str(out), "--max-size", "0.1")
    assert done.returncode == 2
    pages = list(out.rglob("*.html"))
    assert len(pages) == 15 + 1  # one per input (14 bad, 1 good; the spreadsheet is skipped) and the dashboard
    assert "无法检查" in (out / "bomb.docx.html").read_text(encoding="utf-8")
    assert (out / "nested" / "loop-a.txt.html").is_file()


def test_interrupted_write_leaves_no_half_file(tmp_path, monkeypatch):
    from checker.render import write_atomic

    target = tmp_path / "report.html"
    write_atomic(target, "old complete report")

    class Boom(Exception):
        pass

    def failing_replace(src, dst):
        raise Boom()

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(Boom):
        write_atomic(target, "new report that never lands")
    assert target.read_text() == "old complete report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


# --------------------------------------------------------------------------- fuzzing

SUFFIXES = [".txt", ".md", ".docx", ".pdf", ".html"]


def _read_or_error(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        read_source(str(path))
    except FzError as error:
        assert error.code != "internal-error" and error.zh and error.en


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_give_only_clean_errors(tmp_path, data, suffix):
    _read_or_error(tmp_path, suffix, data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 40), cut=st.floats(0.05, 1.0))
def test_mutated_docx_gives_a_result_or_a_clean_error(tmp_path, seed_docx, checker, seed, flips, cut):
    _check_mutation(checker, tmp_path / "mutated.docx", seed_docx[: max(1, int(len(seed_docx) * cut))], seed, flips)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 30))
def test_mutated_pdf_gives_a_result_or_a_clean_error(tmp_path, checker, seed, flips):
    source = tmp_path / "base.pdf"
    if not source.exists():
        build_pdf(report_lines(GOOD)[:8], source)
    _check_mutation(checker, tmp_path / "mutated.pdf", source.read_bytes(), seed, flips)


def _check_mutation(checker, path: Path, original: bytes, seed: int, flips: int) -> None:
    """Flip random bytes of `original`: the checker gives a result or a clean error, never a crash."""
    rng = random.Random(seed)
    data = bytearray(original)
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))
    result = checker.check_file(str(path))
    assert result.error is None or result.error.code != "internal-error", result.error


def test_a_lone_surrogate_in_extracted_text_is_checked_not_an_internal_error(checker):
    # A damaged PDF's text layer can hand over half a UTF-16 pair; OpenCC's folding cannot encode it.
    result = checker.check_text("青山市人民政府关于2024年度法治政府建设情况的报告\n2024年，我市\udb6c扎实推进法治政府建设。")
    assert result.error is None
    assert result.meta.year == 2024
