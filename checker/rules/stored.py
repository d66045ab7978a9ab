"""Loaded rulebooks, stored between runs so that a check does not parse, validate and compile them again.

Loading the built-in rulebooks (YAML, validation, some 430 patterns compiled) is 0.15–0.2 s, a fifth of
`fzcheck check one.txt`; reading them back from a stored copy takes a few milliseconds. A stored copy is
used only for the path it was made for, and only when everything it was made from is as it was then:
  - every file of the rulebook's `extends:` chain, by a digest of the bytes that were parsed, and no
    parent file now standing where none stood (a file beside the rulebook comes before a built-in one);
  - fzcheck's code, by each module's size and modification time (a stored copy holds its classes), and
    the versions of the libraries whose objects it holds;
  - the Python build (the patterns' compiled code is that build's, see document/regex_codes.py).

The store is the folder $FZCHECK_CACHE_DIR, else $XDG_CACHE_HOME/fzcheck, else ~/.cache/fzcheck;
FZCHECK_CACHE_DIR set to nothing turns it off. A stored copy holds a pickle, so it is read only from a
folder and a file of the user's own that no one else can write, and only when the digest of its
contents is the one it was written with. Rulebooks that are not plain files (a pipe) are not stored.
A folder that cannot be written, a damaged, cut short or stale file: the rulebook is loaded from its
YAML, as without a store, and nothing is said. Copies not written for a month are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Sequence

from checker import __version__
from checker.document import regex_codes

if TYPE_CHECKING:
    from checker.rules.rulebook import Rulebook

_FORMAT = 2  # the layout of a stored file; raised when it changes
_PACKAGE = Path(__file__).resolve().parent.parent
_HEADER_BYTES = 1 << 20  # a header line longer than this is no header of ours
_KEPT_DAYS = 30  # a copy not written again for this long goes (the next run that needs it writes it anew)
_ABANDONED_HOURS = 1  # a temporary file this old is a write that was killed half-way


def digest(content: bytes) -> str:
    """What a stored copy records of bytes it depends on."""
    return hashlib.sha256(content).hexdigest()


def fetch(path: Path) -> Optional["Rulebook"]:
    """The rulebook stored for `path`, when it is still what loading `path` would give; else None."""
    stored = _file_for(path)
    if stored is None or not _plain_file(path):
        return None
    try:
        if not _trusted(os.stat(stored.parent)):
            return None
        with open(stored, "rb") as handle:
            if not _trusted(os.fstat(handle.fileno())):
                return None
            header = json.loads(handle.readline(_HEADER_BYTES))
            if not _still_holds(header, path):
                return None
            payload = handle.read()
        if digest(payload) != header["payload"]:
            return None
        book, codes = pickle.loads(payload)
    except Exception:  # damaged, cut short, or of classes that are no more: load the YAML
        return None
    regex_codes.restore(codes)
    return book


def keep(path: Path, book: "Rulebook", sources: Sequence[tuple[str, str]], passed_over: Sequence[str]) -> None:
    """Store `book`, just loaded from `path` (its chain read from `sources`, its parents looked for first in
    `passed_over`), with what was worked out from its patterns."""
    stored = _file_for(path)
    if stored is None or regex_codes.build() is None or not all(_plain_file(Path(name)) for name, _ in sources):
        return
    try:
        stored.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted(os.stat(stored.parent)):  # a copy there would never be read
            return
        regex_codes.work_out_all()
        payload = pickle.dumps((book, regex_codes.known()), protocol=pickle.HIGHEST_PROTOCOL)
        header = {**_made_by(), "path": os.path.abspath(path), "sources": [list(source) for source in sources],
                  "passed_over": list(passed_over), "payload": digest(payload)}
        handle, temporary = tempfile.mkstemp(dir=stored.parent, prefix=".rulebook-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
                out.write(payload)
            os.replace(temporary, stored)
        except BaseException:
            os.unlink(temporary)
            raise
        _tidy(stored.parent)
    except Exception:  # a folder that cannot be written, a full disk: the next run loads the YAML again
        return


def folder() -> Optional[Path]:
    """Where rulebooks are stored; None when the store is turned off."""
    chosen = os.environ.get("FZCHECK_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "fzcheck"


def _file_for(path: Path) -> Optional[Path]:
    """The stored copy for `path` as given, made absolute: the same file reached by another way (a symbolic
    link in another folder) may find other parents beside it, so it has a copy of its own."""
    where = folder()
    if where is None:
        return None
    name = digest(os.path.abspath(path).encode("utf-8", "surrogatepass"))[:20]
    return where / f"rulebook-{name}.pickle"


def _still_holds(header: Any, path: Path) -> bool:
    """Is the stored copy with this header the one for `path`, made by this code from what is there now?"""
    if not isinstance(header, dict) or header.get("path") != os.path.abspath(path):
        return False
    if any(header.get(key) != value for key, value in _made_by().items()):
        return False
    sources, passed_over = header.get("sources"), header.get("passed_over")
    if not isinstance(sources, list) or not sources or not isinstance(passed_over, list):
        return False
    for name, expected in sources:
        if not _plain_file(Path(name)) or digest(Path(name).read_bytes()) != expected:
            return False
    return not any(Path(name).is_file() for name in passed_over)


def _plain_file(path: Path) -> bool:
    """A regular file (read twice, once to check the copy and once to load, where a pipe can be read once)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _trusted(status: os.stat_result) -> bool:
    """The user's own file or folder, that no one else can write: unpickling from it runs no one else's code."""
    user = getattr(os, "getuid", None)  # Windows has no owners here: a profile's folders are its user's
    return user is None or (status.st_uid == user() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def _made_by() -> dict[str, Any]:
    """What reads a stored copy: it must be what wrote it."""
    import pydantic
    import pydantic_core

    return {"format": _FORMAT, "fzcheck": __version__, "code": _code_stamp(), "python": list(regex_codes.build() or ()),
            "libraries": [pydantic.VERSION, pydantic_core.__version__]}


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Every module of fzcheck, by name, size and modification time (its .py, or its .pyc where it ships
    without source)."""
    stamp = hashlib.sha256()
    for module in sorted(_PACKAGE.rglob("*.py*")):
        if module.suffix in (".py", ".pyc") and "__pycache__" not in module.parts:
            status = module.stat()
            stamp.update(f"{module.relative_to(_PACKAGE)}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return stamp.hexdigest()


def _tidy(where: Path) -> None:
    """Remove the copies not written for a month and the temporary files of writes that were killed."""
    now = time.time()
    for pattern, age in (("rulebook-*.pickle", _KEPT_DAYS * 86400), (".rulebook-*.tmp", _ABANDONED_HOURS * 3600)):
        for old in where.glob(pattern):
            try:
                if now - old.stat().st_mtime > age:
                    old.unlink()
            except OSError:
                continue
