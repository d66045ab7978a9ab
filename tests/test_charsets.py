"""Character classes worked out once (checker/document/charsets.py): the compiled programs do not change."""

import re
from re import _compiler, _parser

from hypothesis import given, settings, strategies as st

from checker.document import charsets, regex_codes
from checker.document.charsets import remember_character_classes
from checker.rules.rulebook import load_rulebook, rulebook_file_for


def _original():
    step = _compiler._optimize_charset
    return getattr(step, "original", step)


def _program(pattern: str, flags: int = 0) -> list[int]:
    """The compiler's program for `pattern` (what `re.compile` hands the matching engine)."""
    return _compiler._code(_parser.parse(pattern, flags), flags)


def _program_by_the_compiler_alone(pattern: str, flags: int = 0) -> list[int]:
    remembering = _compiler._optimize_charset
    _compiler._optimize_charset = _original()
    try:
        return _program(pattern, flags)
    finally:
        _compiler._optimize_charset = remembering


def _rulebook_patterns() -> list[str]:
    """Every pattern of the rulebooks: those validated at load, or restored with a stored rulebook."""
    for path in rulebook_file_for(None):
        load_rulebook(path)
    return list(regex_codes.known()["codes"])


def test_loading_a_rulebook_has_the_compiler_remember_classes():
    load_rulebook(rulebook_file_for(None)[0])
    assert getattr(_compiler._optimize_charset, "remembered", False)
    assert remember_character_classes()  # a second call finds it done and does not wrap it twice
    assert not getattr(_original(), "remembered", False)


def test_the_rulebooks_patterns_compile_to_the_same_programs():
    patterns = _rulebook_patterns()
    assert len(patterns) > 200
    with_classes = [p for p in patterns if "[" in p]
    assert with_classes
    for pattern in with_classes:
        assert _program(pattern) == _program_by_the_compiler_alone(pattern), pattern


def test_a_class_met_again_is_not_worked_out_again():
    calls = []
    original = _original()

    def counting(*args):
        calls.append(args)
        return original(*args)

    remembering = _compiler._optimize_charset
    _compiler._optimize_charset = charsets._remembering(counting)
    try:
        _program("[\u4e00-\u9fff]{2}法")
        _program("(?:全面)[\u4e00-\u9fff]{0,4}建设")
        _program("[^\u4e00-\u9fff]")
    finally:
        _compiler._optimize_charset = remembering
    assert len(calls) == 2  # the CJK block once, its negation once


def test_case_folded_classes_are_left_to_the_compiler():
    remember_character_classes()
    pattern = "[a-zа-я\u4e00-\u9fff]+"
    assert _program(pattern, re.IGNORECASE) == _program_by_the_compiler_alone(pattern, re.IGNORECASE)
    assert re.compile(pattern, re.IGNORECASE).fullmatch("AbЯ法治")


_CHARACTERS = st.sampled_from(list("az]^\\、，。法治\u4e00\u9fff\U00020000") + ["\\d", "\\s", "\\w", "\\u4e00-\\u9fff",
                                                                              "a-z", "\\u3000-\\u303f"])


@settings(max_examples=300, deadline=None)
@given(negated=st.booleans(), items=st.lists(_CHARACTERS, min_size=1, max_size=6))
def test_any_class_compiles_to_the_same_program(negated, items):
    remember_character_classes()
    pattern = "[" + ("^" if negated else "") + "".join(items) + "]"
    try:
        expected = _program_by_the_compiler_alone(pattern)
    except re.error:
        return
    assert _program(pattern) == expected
    assert _program(pattern) == expected  # the second time, from what was remembered
