"""Old Word (.doc) and WPS (.wps) files read through LibreOffice, when it is installed.

`make test` installs LibreOffice Writer the way it installs Chromium; CI sets
FZCHECK_REQUIRE_OFFICE=1 so these tests fail rather than skip without it.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from checker.document.ingest.office import find_soffice
from checker.run.engine import Checker

from .builders import build_docx, report_lines
from .conftest import SEEDS, run_cli

SEED = SEEDS / "001_7724204651865b79.txt"


@pytest.fixture(scope="module")
def soffice():
    found = find_soffice()
    if found is None:
        if os.environ.get("FZCHECK_REQUIRE_OFFICE") == "1":
            pytest.fail("LibreOffice is required (FZCHECK_REQUIRE_OFFICE=1) but not installed; run `make office`")
        pytest.skip("LibreOffice is not installed")
    return found


@pytest.fixture(scope="module")
def as_doc(soffice, tmp_path_factory):
    """Seed 001 as a .docx and, converted by LibreOffice, as an old Word .doc."""
    folder = tmp_path_factory.mktemp("office")
    docx = folder / "report.docx"
    build_docx(report_lines(SEED), docx)
    profile = (folder / "profile").as_uri()
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", "doc",
                    "--outdir", str(folder), str(docx)], check=True, capture_output=True, timeout=120)
    assert (folder / "report.doc").is_file()
    return docx, folder / "report.doc"


def test_an_old_word_file_reads_like_its_docx(as_doc):
    docx, doc = as_doc
    checker = Checker()
    expected = checker.check_file(str(docx))
    got = checker.check_file(str(doc))
    assert got.error is None, got.error
    assert got.meta.format == "doc"
    assert [(f.rule, f.status) for f in got.findings] == [(f.rule, f.status) for f in expected.findings]


def test_a_wps_file_is_read_too(as_doc, tmp_path):
    _docx, doc = as_doc
    wps = tmp_path / "draft.wps"  # WPS writes the same compound-file format as old Word
    shutil.copy(doc, wps)
    result = Checker().check_file(str(wps))
    assert result.error is None, result.error
    assert result.meta.kind == "annual_report"


def test_a_damaged_doc_gets_a_clear_error(soffice, tmp_path):
    bad = tmp_path / "bad.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2048))
    done = run_cli("check", str(bad), "--format", "json", "--no-config")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "另存为 .docx" in done.stdout and "save" in done.stdout


def test_without_libreoffice_the_message_says_what_to_do(as_doc):
    _docx, doc = as_doc
    done = run_cli("check", str(doc), "--format", "json", "--no-config", env={"FZCHECK_SOFFICE": "/nonexistent/soffice"})
    assert done.returncode == 2
    assert "另存为" in done.stdout
