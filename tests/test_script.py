"""Traditional characters and compatibility characters read as the Simplified text they stand for."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from checker.document.script import ScriptFolder

from .conftest import conventions


def folder() -> ScriptFolder:
    return ScriptFolder(conventions().radicals)


def test_traditional_characters_become_simplified():
    text = "臺灣省人民政府關於2023年度法治政府建設情況的報告：堅持黨的領導，推進嚴格規範公正文明執法。"
    assert folder().fold(text) == "台湾省人民政府关于2023年度法治政府建设情况的报告：坚持党的领导，推进严格规范公正文明执法。"


def test_compatibility_characters_from_a_printed_pdf_become_unified_ideographs():
    kangxi_person = "\u2f08"  # ⼈ KANGXI RADICAL MAN
    supplement_civilian = "\u2ea0"  # ⺠ CJK RADICAL CIVILIAN
    assert folder().fold(f"{kangxi_person}{supplement_civilian}政府") == "人民政府"
    assert folder().fold("\uf9dc") == unicodedata.normalize("NFKC", "\uf9dc")  # a compatibility ideograph


def test_simplified_text_and_ascii_are_unchanged():
    text = "2024年，青山市司法局办理行政复议案件206件，ABC-123。"
    assert folder().fold(text) == text


@given(st.text(alphabet=st.sampled_from("臺灣關於發揮著頭髮乾淨瞭解後面裏面為了歷史⼈⺠⽂2024年，。（）abc "), max_size=60))
def test_folding_keeps_every_offset(text):
    assert len(folder().fold(text)) == len(text)


def test_every_radical_the_rulebook_lists_is_one_character_for_one():
    for source, target in conventions().radicals.items():
        assert len(source) == len(target) == 1 and 0x2E80 <= ord(source) < 0x2F00, source
