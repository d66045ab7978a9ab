"""Rulebooks stored between runs (checker/rules/stored.py) and patterns restored from their code
(checker/document/regex_codes.py): a stored copy is used only while it is what loading would give."""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from checker.document import regex_codes
from checker.errors import RulebookError
from checker.rules import rulebook as rulebook_module, stored
from checker.rules.rulebook import builtin_rules_dir, load_rulebook, rulebook_file_for
from tests.conftest import SEEDS, run_cli

EDITION = "edition-2021-2025.yaml"


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "store"
    monkeypatch.setenv("FZCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    """The built-in rulebooks in a folder of the test's own, to edit."""
    folder = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), folder)
    return folder / EDITION


@pytest.fixture
def yaml_loads(monkeypatch) -> list[str]:
    """The rulebooks loaded from their YAML (not from the store), by path."""
    loaded: list[str] = []
    original = rulebook_module._load_chain

    def noting(path, seen):
        if not seen:
            loaded.append(str(path))
        return original(path, seen)

    monkeypatch.setattr(rulebook_module, "_load_chain", noting)
    return loaded


def _same(one, other) -> bool:
    return (one.header.model_dump() == other.header.model_dump() and one.files == other.files
            and [rule.model_dump() for rule in one.rules] == [rule.model_dump() for rule in other.rules]
            and [rule.settings() for rule in one.rules] == [rule.settings() for rule in other.rules])


def test_a_stored_rulebook_is_the_one_loaded_from_yaml(store, rules_copy, yaml_loads):
    first = load_rulebook(rules_copy)
    assert len(list(store.glob("rulebook-*.pickle"))) == 1
    second = load_rulebook(rules_copy)
    assert yaml_loads == [str(rules_copy)]  # the second came from the store
    assert second is not first and _same(first, second)


def test_editing_any_file_of_the_chain_loads_the_yaml_again(store, rules_copy, yaml_loads):
    load_rulebook(rules_copy)
    base = rules_copy.with_name("base.yaml")  # the edition extends it
    text = base.read_text(encoding="utf-8")
    assert "weight: 3" in text
    base.write_text(text.replace("weight: 3", "weight: 4", 1), encoding="utf-8")
    edited = load_rulebook(rules_copy)
    assert len(yaml_loads) == 2
    assert 4 in {rule.weight for rule in edited.rules}
    load_rulebook(rules_copy)
    assert len(yaml_loads) == 2  # the edited one was stored in turn


def test_a_change_to_fzcheck_code_loads_the_yaml_again(store, rules_copy, yaml_loads, monkeypatch):
    load_rulebook(rules_copy)
    monkeypatch.setattr(stored, "_code_stamp", lambda: "another version of the code")
    load_rulebook(rules_copy)
    assert len(yaml_loads) == 2


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", b"\x80\x05K\x01."])
def test_a_damaged_store_is_passed_over_and_written_again(store, rules_copy, yaml_loads, damage):
    book = load_rulebook(rules_copy)
    [kept] = store.glob("rulebook-*.pickle")
    kept.write_bytes(damage)
    assert _same(load_rulebook(rules_copy), book)
    assert kept.stat().st_size > 1000
    load_rulebook(rules_copy)
    assert len(yaml_loads) == 2


def test_a_stored_copy_cut_short_is_passed_over(store, rules_copy, yaml_loads):
    load_rulebook(rules_copy)
    [kept] = store.glob("rulebook-*.pickle")
    kept.write_bytes(kept.read_bytes()[: kept.stat().st_size // 2])
    load_rulebook(rules_copy)
    assert len(yaml_loads) == 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="owners and modes are POSIX")
def test_a_stored_copy_others_can_write_is_not_read(store, rules_copy, yaml_loads):
    load_rulebook(rules_copy)
    [kept] = store.glob("rulebook-*.pickle")
    kept.chmod(0o666)
    load_rulebook(rules_copy)
    assert len(yaml_loads) == 2


def test_no_store_when_turned_off_or_unwritable(tmp_path, rules_copy, yaml_loads, monkeypatch):
    monkeypatch.setenv("FZCHECK_CACHE_DIR", "")
    book = load_rulebook(rules_copy)
    load_rulebook(rules_copy)
    assert len(yaml_loads) == 2
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("FZCHECK_CACHE_DIR", str(blocked / "store"))
    assert _same(load_rulebook(rules_copy), book)
    assert blocked.read_text(encoding="utf-8") == "x"
    assert not list(tmp_path.rglob("*.pickle")) and not list(tmp_path.rglob(".rulebook-*"))


def _rulebook(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


_NAMED = "id: {id}\nname: {name}\nextends: {parent}\n"


def test_a_parent_that_appears_beside_the_rulebook_is_read(store, tmp_path):
    """`extends:` looks beside the rulebook before the built-in files: a copy made when nothing stood
    there does not hold once something does."""
    mine = _rulebook(tmp_path / "mine", "my.yaml", _NAMED.format(id="my", name="本地规则", parent="edition-2021-2025"))
    assert load_rulebook(mine).header.name == "本地规则"
    _rulebook(tmp_path / "mine", "edition-2021-2025.yaml", "id: broken\nrules: [\n")  # shadows the built-in one
    with pytest.raises(RulebookError):
        load_rulebook(mine)


def test_a_rulebook_named_by_a_relative_path_keeps_its_own_files(store, tmp_path, monkeypatch):
    text = _NAMED.format(id="my", name="第一版", parent="edition-2021-2025")
    first, second = _rulebook(tmp_path / "a", "my.yaml", text), _rulebook(tmp_path / "b", "my.yaml", text)
    monkeypatch.chdir(tmp_path / "a")
    load_rulebook(Path("my.yaml"))
    first.write_text(text.replace("第一版", "第二版"), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "b")  # where my.yaml is still the first version
    assert load_rulebook(first).header.name == "第二版"
    assert load_rulebook(Path("my.yaml")).header.name == "第一版" == load_rulebook(second).header.name


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_one_file_reached_from_two_folders_finds_each_folders_parent(store, tmp_path):
    shared = _rulebook(tmp_path / "shared", "my.yaml", "id: my\nextends: parent\n")
    for folder, name in (("shared", "共享上级"), ("project", "项目上级")):
        _rulebook(tmp_path / folder, "parent.yaml", _NAMED.format(id="parent", name=name, parent="edition-2021-2025"))
    (tmp_path / "project" / "my.yaml").symlink_to(shared)
    assert load_rulebook(tmp_path / "project" / "my.yaml").header.name == "项目上级"
    assert load_rulebook(shared).header.name == "共享上级"
    assert load_rulebook(tmp_path / "project" / "my.yaml").header.name == "项目上级"


def test_a_rulebook_edited_while_it_loads_is_not_stored_as_the_new_one(store, tmp_path, monkeypatch):
    mine = _rulebook(tmp_path / "mine", "my.yaml", _NAMED.format(id="my", name="旧版", parent="edition-2021-2025"))
    validate = rulebook_module._validate

    def edited_meanwhile(raw, path):
        mine.write_text(_NAMED.format(id="my", name="新版", parent="edition-2021-2025"), encoding="utf-8")
        return validate(raw, path)

    monkeypatch.setattr(rulebook_module, "_validate", edited_meanwhile)
    assert load_rulebook(mine).header.name == "旧版"  # what was parsed
    monkeypatch.setattr(rulebook_module, "_validate", validate)
    assert load_rulebook(mine).header.name == "新版"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_rulebook_read_from_a_pipe_is_loaded_once_and_not_stored(store, tmp_path):
    pipe = tmp_path / "rules.yaml"
    os.mkfifo(pipe)
    text = _NAMED.format(id="piped", name="管道", parent="edition-2021-2025")
    writer = threading.Thread(target=pipe.write_text, args=(text,), kwargs={"encoding": "utf-8"}, daemon=True)
    writer.start()
    loaded: list = []
    reader = threading.Thread(target=lambda: loaded.append(load_rulebook(pipe)), daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert loaded and loaded[0].header.name == "管道"  # (a store that read the pipe again would wait for ever)
    assert not list(store.glob("*.pickle"))


def test_a_stored_copy_serves_only_the_path_it_was_made_for(store, tmp_path, yaml_loads):
    old = shutil.copy(builtin_rules_dir() / "edition-2015-2020.yaml", tmp_path / "old.yaml")
    new = shutil.copy(builtin_rules_dir() / "edition-2021-2025.yaml", tmp_path / "new.yaml")
    shutil.copy(builtin_rules_dir() / "base.yaml", tmp_path / "base.yaml")
    load_rulebook(Path(old)), load_rulebook(Path(new))
    copies = {path: path.read_bytes() for path in store.glob("rulebook-*.pickle")}
    (one, one_bytes), (other, other_bytes) = copies.items()
    one.write_bytes(other_bytes), other.write_bytes(one_bytes)  # each file now holds the other's copy
    assert load_rulebook(Path(old)).edition_id == "2015-2020" and load_rulebook(Path(new)).edition_id == "2021-2025"
    assert len(yaml_loads) == 4


def test_a_changed_byte_in_a_stored_copy_is_noticed(store, rules_copy, yaml_loads):
    book = load_rulebook(rules_copy)
    [kept] = store.glob("rulebook-*.pickle")
    content = bytearray(kept.read_bytes())
    at = content.index("行政复议".encode("utf-8"), content.index(b"\n"))  # in the pickled rulebook, after the header
    content[at + 3] ^= 1
    kept.write_bytes(bytes(content))
    assert _same(load_rulebook(rules_copy), book)
    assert len(yaml_loads) == 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="owners and modes are POSIX")
def test_a_store_folder_others_can_write_is_neither_read_nor_written(store, rules_copy, yaml_loads):
    load_rulebook(rules_copy)
    store.chmod(0o777)
    load_rulebook(rules_copy)
    assert len(yaml_loads) == 2
    for kept in store.glob("rulebook-*.pickle"):
        kept.unlink()
    load_rulebook(rules_copy)
    assert not list(store.glob("rulebook-*.pickle"))


def test_modules_shipped_without_source_are_in_the_code_stamp(tmp_path, monkeypatch):
    compiled = tmp_path / "checker" / "engine.pyc"
    compiled.parent.mkdir()
    compiled.write_bytes(b"one version")
    monkeypatch.setattr(stored, "_PACKAGE", compiled.parent)
    before = stored._code_stamp.__wrapped__()
    compiled.write_bytes(b"another version, longer")
    assert stored._code_stamp.__wrapped__() != before


def test_copies_not_written_for_a_month_are_removed(store, rules_copy, tmp_path):
    store.mkdir(mode=0o700)
    stale, abandoned = store / "rulebook-0123456789abcdef0123.pickle", store / ".rulebook-x.tmp"
    stale.write_bytes(b"x"), abandoned.write_bytes(b"x")
    long_ago = time.time() - 40 * 86400
    os.utime(stale, (long_ago, long_ago)), os.utime(abandoned, (long_ago, long_ago))
    load_rulebook(rules_copy)
    assert not stale.exists() and not abandoned.exists()
    assert len(list(store.glob("rulebook-*.pickle"))) == 1


def test_the_store_is_in_the_users_cache_folder_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("FZCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert stored.folder() == tmp_path / "fzcheck"


def test_restored_patterns_are_the_compiled_ones():
    """Every rulebook pattern, rebuilt from its kept code, is what re.compile makes and matches alike."""
    for path in rulebook_file_for(None):
        load_rulebook(path)
    known = regex_codes.known()
    assert len(known["codes"]) > 200
    text = "\n".join(seed.read_text(encoding="utf-8") for seed in sorted(SEEDS.glob("*.txt")))
    for pattern, code in known["codes"].items():
        restored, fresh = regex_codes._restored(pattern, code), re.compile(pattern)
        assert (restored.pattern, restored.flags, restored.groups, restored.groupindex) == \
               (fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex), pattern
        assert [m.span() for m in restored.finditer(text)] == [m.span() for m in fresh.finditer(text)], pattern
    branching = [p for p, codes in known["alternatives"].items() if codes]
    assert branching
    for pattern in branching:
        alternatives = regex_codes.compile_alternatives(pattern)
        assert any(a.search(text) for a in alternatives) == bool(re.search(pattern, text)), pattern


_PIECES = st.sampled_from(["法治", "政府", "(?:年|月)", "[\u4e00-\u9fff]{1,3}", r"\d+", "(?P<n>件|个)", "(?<!副)",
                           "(?=书记)", "^", "$", "|", "[^，。]*?", r"\s*", "(?:a|b)+", "."])


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(_PIECES, min_size=1, max_size=6), text=st.text("法治政府年月件个副书记12 ，。ab", max_size=30))
def test_any_pattern_restored_from_its_code_matches_as_compiled(pieces, text):
    pattern = "".join(pieces)
    try:
        fresh = re.compile(pattern)
    except re.error:
        return
    regex_codes.compile_pattern(pattern)
    restored = regex_codes._restored(pattern, regex_codes.known()["codes"][pattern])
    assert [(m.span(), m.groupdict()) for m in restored.finditer(text)] == \
           [(m.span(), m.groupdict()) for m in fresh.finditer(text)]


def test_code_the_engine_refuses_is_compiled_again(monkeypatch):
    pattern = "(?:依法|科学)行政[\u4e00-\u9fff]{0,2}"
    monkeypatch.setitem(regex_codes._CODES, pattern, (0, b"\x00\x01\x02\x03" * 3, 0, {}, (None,)))
    assert regex_codes.compile_pattern(pattern).search("坚持依法行政工作").group() == "依法行政工作"
    assert regex_codes._CODES[pattern][1] != b"\x00\x01\x02\x03" * 3


def _result(run) -> dict:
    result = json.loads(run.stdout)
    result["run"].pop("checked_at", None)
    return result


def test_a_check_gives_the_same_result_with_and_without_the_store(tmp_path):
    seed = str(SEEDS / "001_7724204651865b79.txt")
    store = tmp_path / "store"
    args = ("check", seed, "--format", "json", "--no-config")
    without = run_cli(*args, env={"FZCHECK_CACHE_DIR": ""})
    filling = run_cli(*args, env={"FZCHECK_CACHE_DIR": str(store)})
    kept = {path: path.stat().st_mtime_ns for path in store.glob("rulebook-*.pickle")}
    assert len(kept) == 2  # both editions
    reading = run_cli(*args, env={"FZCHECK_CACHE_DIR": str(store)})
    assert {path: path.stat().st_mtime_ns for path in store.glob("rulebook-*.pickle")} == kept  # read, not written
    assert without.returncode == filling.returncode == reading.returncode == 0, without.stderr
    assert _result(without) == _result(filling) == _result(reading)
