"""Compiling the rulebook's patterns: each character class is worked out once per process.

CPython's regex compiler (`re._compiler`) turns a class reaching beyond Latin-1, such as
[\u4e00-\u9fff], into a bitmap of the whole BMP, setting the range's code points one by one in a
Python loop: about 2 ms for the CJK block, again in every pattern that holds the class. The
rulebook's patterns hold a handful of such classes some 1,200 times, which made working them out
60% of compiling the rulebook and a tenth of a one-file check's start-up.

What the compiler makes of a class depends on the class alone when no case is folded, so that
result is remembered, keyed by the class. Classes compiled with IGNORECASE (none in the rulebook)
are left to the compiler. Where the compiler's internals are not what this expects (another Python
version), nothing is changed: patterns compile as before, only slower.
"""

from __future__ import annotations

import inspect
from functools import lru_cache
from re import _compiler  # the stdlib's regex compiler: the step memoised lives there

_STEP = "_optimize_charset"
_PARAMETERS = ["charset", "iscased", "fixup", "fixes"]  # its signature in CPython 3.8 to 3.13
_CLASSES_REMEMBERED = 2048  # distinct classes: the rulebook's patterns hold about 300


def remember_character_classes() -> bool:
    """Have the regex compiler work each case-sensitive character class out once. True when it does."""
    step = getattr(_compiler, _STEP, None)
    if step is None:
        return False
    if getattr(step, "remembered", False):
        return True
    try:
        parameters = list(inspect.signature(step).parameters)
    except (TypeError, ValueError):
        return False
    if parameters != _PARAMETERS:
        return False
    setattr(_compiler, _STEP, _remembering(step))
    return True


def _remembering(step):
    @lru_cache(maxsize=_CLASSES_REMEMBERED)
    def worked_out(charset: tuple) -> tuple[tuple, bool]:
        out, cased = step(list(charset))
        return tuple(out), cased

    def optimise(charset, iscased=None, fixup=None, fixes=None):
        if fixup is not None or iscased is not None:  # case folded: the result depends on more than the class
            return step(charset, iscased, fixup, fixes)
        try:
            out, cased = worked_out(tuple(charset))
        except TypeError:  # an item that cannot be a key: not expected of the parser, left to the compiler
            return step(charset, iscased, fixup, fixes)
        return list(out), cased  # the compiler only reads it, but a list is what it was given

    optimise.remembered = True
    optimise.original = step
    return optimise
