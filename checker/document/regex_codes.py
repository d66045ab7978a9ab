"""The rulebook's patterns, compiled once and then restored from what the compiler made of them.

CPython compiles a regular expression in Python (its parser, then its code generator) and hands the
result, a list of integers, to the C engine (`_sre.compile`). The rulebook's 430-odd patterns take
60–100 ms to compile and as long again to parse for what is read from them (the literals they need,
their alternatives), a fifth of `fzcheck check one.txt`. All of it depends on the pattern and the
Python build alone, so it is kept here and stored with the loaded rulebook between runs
(rules/stored.py); a pattern whose code is known is handed to the engine directly. The engine checks
the code it is given, so code that does not fit is an error, never a crash, and that pattern is
compiled as usual. Where the compiler's internals are not what this expects (another Python
version), every pattern is compiled as usual.
"""

from __future__ import annotations

import re
import sys
from array import array
from functools import wraps
from typing import Any, Callable, Optional, TypeVar

try:
    import _sre
    from re import _compiler, _constants, _parser
except ImportError:  # another implementation of Python
    _sre = _compiler = _constants = _parser = None

_Code = tuple[int, bytes, int, dict, tuple]  # flags, code (as machine words), groups, group index, index group
_CODES: dict[str, _Code] = {}  # a pattern's code
_ALTERNATIVES: dict[str, tuple[_Code, ...]] = {}  # the codes of a pattern's top-level alternatives; () when it has none
_WORKED_OUT: dict[tuple[str, str], Any] = {}  # (what, pattern): plain data read from a pattern (see `kept`)
_KEPT: list[Callable[[str], Any]] = []  # the functions `kept` remembers
_UNFIT = (RuntimeError, TypeError, ValueError, OverflowError)  # what the engine says of code it does not take

Result = TypeVar("Result")


def build() -> Optional[tuple]:
    """What a stored code depends on besides its pattern: None when codes cannot be kept here."""
    if _sre is None or not hasattr(_compiler, "_code") or array("I").itemsize != getattr(_sre, "CODESIZE", 0):
        return None
    return (sys.version, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode)


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """`re.compile(pattern)`, from its known code when there is one; the code is kept for next time."""
    known = _CODES.get(pattern)
    if known is not None:
        try:
            return _restored(pattern, known)
        except _UNFIT:
            del _CODES[pattern]
    if build() is None:
        return re.compile(pattern)
    made = _code(_parser.parse(pattern, 0), 0)
    compiled = _restored(pattern, made)
    _CODES[pattern] = made
    return compiled


def compile_alternatives(pattern: str) -> tuple[re.Pattern[str], ...]:
    """The top-level alternatives of `pattern`, each compiled alone; the pattern itself when it has none."""
    known = _ALTERNATIVES.get(pattern)
    if known is not None:
        try:
            return tuple(_restored(None, made) for made in known) or (compile_pattern(pattern),)
        except _UNFIT:
            del _ALTERNATIVES[pattern]
    parsed = _parser.parse(pattern)
    if len(parsed) != 1 or parsed[0][0] is not _constants.BRANCH:
        _ALTERNATIVES[pattern] = ()
        return (compile_pattern(pattern),)
    branches = parsed[0][1][1]
    if build() is None:
        return tuple(_compiler.compile(branch, parsed.state.flags) for branch in branches)
    made = tuple(_code(branch, parsed.state.flags) for branch in branches)
    _ALTERNATIVES[pattern] = made
    return tuple(_restored(None, code) for code in made)


def kept(work: Callable[[str], Result]) -> Callable[[str], Result]:
    """`work`, a function of a pattern returning plain data, remembered and stored with the codes."""
    what = work.__qualname__

    @wraps(work)
    def remembered(pattern: str) -> Result:
        key = (what, pattern)
        if key not in _WORKED_OUT:
            _WORKED_OUT[key] = work(pattern)
        return _WORKED_OUT[key]

    _KEPT.append(remembered)
    return remembered


def work_out_all() -> None:
    """For every pattern compiled so far, work out now what a check would later: its alternatives and
    what the `kept` functions read from it, so that all of it is stored."""
    for pattern in list(_CODES):
        compile_alternatives(pattern)
        for work in _KEPT:
            work(pattern)


def _code(parsed: Any, flags: int) -> _Code:
    """What `_compiler.compile` hands the engine for a parsed pattern (its code as machine words)."""
    state = parsed.state
    names = [None] * state.groups
    for name, number in state.groupdict.items():
        names[number] = name
    code = array("I", _compiler._code(parsed, flags)).tobytes()
    return int(flags | state.flags), code, state.groups - 1, dict(state.groupdict), tuple(names)


def _restored(pattern: Optional[str], made: _Code) -> re.Pattern[str]:
    flags, code, groups, index, names = made
    return _sre.compile(pattern, flags, array("I", code).tolist(), groups, index, names)


def known() -> dict[str, Any]:
    """Everything worked out from patterns so far, to store."""
    return {"codes": dict(_CODES), "alternatives": dict(_ALTERNATIVES), "worked_out": dict(_WORKED_OUT)}


def restore(stored: Any) -> None:
    """Take what `known` gave in an earlier run of this build (the store checks the build)."""
    if not isinstance(stored, dict):
        return
    for mine, theirs in ((_CODES, stored.get("codes")), (_ALTERNATIVES, stored.get("alternatives")),
                         (_WORKED_OUT, stored.get("worked_out"))):
        if isinstance(theirs, dict):
            for key, value in theirs.items():
                mine.setdefault(key, value)
