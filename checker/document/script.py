"""Fold a text into the script the rulebook is written in, one character for one.

Reports arrive in Traditional characters (portals have a 繁體 button), and
PDFs printed from a browser carry compatibility characters (⼈⺠ for 人民:
Kangxi radicals, CJK radical supplements, compatibility ideographs). Matching
runs on a folded copy of the same length, so a position in the copy is the
same position in the original and evidence still quotes the text as written.

Traditional → Simplified is OpenCC's `t2s` (its dictionaries ship in the
wheel). Where a phrase conversion would change the length of a line, the
line is converted character by character instead, which keeps every offset.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Callable, Mapping

from checker.document.textnorm import OneForOne

# Blocks whose characters NFKC maps to a unified ideograph: Kangxi radicals and compatibility ideographs.
# (Their ends are Unicode's block bounds; moving one onto an unassigned code point changes nothing.)
_COMPATIBILITY_BLOCKS = ((0x2F00, 0x2FE0), (0xF900, 0xFB00), (0x2F800, 0x2FA20))  # pragma: no mutate


@lru_cache(maxsize=1)
def _compatibility_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for start, end in _COMPATIBILITY_BLOCKS:
        for code in range(start, end):
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code):
                table[code] = folded
    return table


@lru_cache(maxsize=1)
def _simplifier() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


class ScriptFolder:
    """Traditional → Simplified and compatibility → unified ideographs, keeping every offset.

    `radicals` maps the CJK radical supplement characters that stand for whole characters in
    extracted text (⺠ → 民) — NFKC leaves them alone; the rulebook lists them.
    """

    def __init__(self, radicals: Mapping[str, str]):
        table = dict(_compatibility_table())
        table.update({ord(source): target for source, target in radicals.items() if len(source) == len(target) == 1})
        self.table = table
        self._unified = OneForOne(table)

    def unify(self, text: str) -> str:
        """`text` with compatibility characters as the ideographs they stand for (⼈⺠ → 人民), nothing else changed."""
        return self._unified(text)

    def fold(self, text: str) -> str:
        """`text` in Simplified, unified ideographs; the same length as `text`."""
        unified = self.unify(text)
        if unified.isascii():
            return unified
        simplify = _simplifier()
        simplified = simplify(unified)
        if len(simplified) == len(unified):
            return simplified
        return "".join(_one_for_one(simplify, char) for char in unified)


def _one_for_one(simplify: Callable[[str], str], char: str) -> str:
    converted = simplify(char)
    return converted if len(converted) == 1 else char


def folder_for(spec) -> ScriptFolder:
    """The folder for a rulebook's `document:` section (built once per radical table)."""
    return _folder(tuple(sorted(spec.radicals.items())))


@lru_cache(maxsize=8)
def _folder(radicals: tuple[tuple[str, str], ...]) -> ScriptFolder:
    return ScriptFolder(dict(radicals))
