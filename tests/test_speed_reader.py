"""The PDF reader child that stays for many files, and the quicker row arithmetic of the copy finder."""

from __future__ import annotations

import os

import numpy as np
import pytest

from checker.document.ingest import pdf
from checker.errors import FzError
from checker.run.copies import unique_rows

from . import hostile
from .builders import build_pdf, report_lines
from .conftest import SEEDS

SEED = SEEDS / "001_7724204651865b79.txt"


@pytest.fixture
def report(tmp_path) -> bytes:
    return build_pdf(report_lines(SEED)[:12], tmp_path / "r.pdf").read_bytes()


def test_one_child_reads_one_pdf_after_another(report):
    first = pdf.read_pdf("a.pdf", report)
    reader = pdf._READER
    second = pdf.read_pdf("b.pdf", report)
    assert reader is pdf._READER and reader.open and reader.pid != os.getpid()
    assert [line.text for line in first.lines] == [line.text for line in second.lines]


def test_a_child_killed_by_its_limits_is_a_clear_error_and_the_next_file_reads(report):
    pdf.read_pdf("a.pdf", report)
    before = pdf._READER.pid
    with pytest.raises(FzError) as caught:
        pdf.read_pdf("bomb.pdf", hostile.pdf_flate_bomb())
    assert caught.value.code == "too-complex"
    assert [line.text for line in pdf.read_pdf("b.pdf", report).lines]
    assert pdf._READER.pid != before


def test_a_child_gone_while_idle_is_replaced(report):
    pdf.read_pdf("a.pdf", report)
    os.kill(pdf._READER.pid, 9)
    os.waitpid(pdf._READER.pid, 0)
    assert [line.text for line in pdf.read_pdf("b.pdf", report).lines]


def test_an_error_leaves_the_child_reading(report):
    pdf.read_pdf("a.pdf", report)
    reader = pdf._READER
    with pytest.raises(FzError) as caught:
        pdf.read_pdf("bad.pdf", b"%PDF-1.4 not a pdf at all")
    assert caught.value.code == "corrupt" and pdf._READER is reader and reader.open


def test_a_forked_process_does_not_use_its_parents_child(report):
    pdf.read_pdf("a.pdf", report)
    parent_reader = pdf._READER.pid
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            lines = pdf.read_pdf("b.pdf", report).lines
            status = 0 if lines and pdf._READER.pid != parent_reader else 2
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0
    assert pdf._READER.pid == parent_reader and [line.text for line in pdf.read_pdf("c.pdf", report).lines]


def test_unique_rows_is_numpys_unique_of_rows():
    rng = np.random.default_rng(3)
    for rows in (rng.integers(0, 50, size=(2000, 2)), rng.integers(0, 2**40, size=(500, 2)), np.zeros((0, 2), np.int64),
                 np.array([[2**62, 3], [1, 2**62], [2**62, 3]])):
        assert np.array_equal(unique_rows(rows), np.unique(rows, axis=0))
