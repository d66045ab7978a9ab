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


def test_phrases_are_converted_as_phrases_when_the_length_allows():
    # 瞭解 is 了解, though 瞭 alone stays 瞭; 乾隆 keeps its 乾, though 乾 alone is 干.
    assert folder().fold("深入瞭解基層執法情況") == "深入了解基层执法情况"
    assert folder().fold("乾隆年間") == "乾隆年间"


def test_kangxi_radicals_from_the_first_of_the_block_on_become_unified_ideographs():
    # ⼀ (U+2F00, the first Kangxi radical) and ⼿ in 一把手, as a browser's PDF writes them.
    assert folder().fold("\u2f00把\u2f3f") == "一把手"


def test_the_compatibility_table_starts_at_the_first_character_of_each_block():
    # OpenCC also unifies these two, so the table is looked at directly: folding must not depend on it.
    table = folder().table
    for code in (0xF900, 0x2F800):
        assert table[code] == unicodedata.normalize("NFKC", chr(code)) != chr(code)
    # Every entry changes its character into exactly one other: nothing is mapped to itself.
    assert all(len(target) == 1 and target != chr(code) for code, target in table.items())


def test_a_line_whose_phrase_conversion_would_change_its_length_is_converted_character_by_character(monkeypatch):
    from checker.document import script

    real = script._simplifier()

    def simplify(text: str) -> str:
        """OpenCC, with a phrase whose conversion is longer and a character converted to two."""
        if text == "著":
            return "着了"
        return real(text).replace("后来", "后来了")

    monkeypatch.setattr(script, "_simplifier", lambda: simplify)
    assert simplify("後來著") == "后来了著"  # the whole line would grow by one
    # Character by character: 後 and 來 convert, 著 (two characters) is kept as written.
    assert folder().fold("後來著") == "后来著"


def test_unify_shows_compatibility_characters_as_ideographs_and_leaves_traditional_alone():
    shown = folder().unify("\u2f08\u2ea0政府關於")  # ⼈⺠ from a printed PDF, then Traditional
    assert shown == "人民政府關於"
