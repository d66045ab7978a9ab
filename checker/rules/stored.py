"""Loaded rulebooks, stored between runs so that a check does not parse, validate and compile them again.

Loading the built-in rulebooks (YAML, validation, some 430 patterns compiled) is 0.15–0.2 s, a fifth of
`fzcheck check one.txt`; reading them back from a stored copy takes a few milliseconds. A stored copy is
used only when everything it was made from is as it was then:
  - every file of the rulebook's `extends:` chain, by content;
  - fzcheck's code, by each module's size and modification time (a stored copy holds its classes);
  - the Python build (the patterns' compiled code is that build's, see document/regex_codes.py).

The store is the folder $FZCHECK_CACHE_DIR, else $XDG_CACHE_HOME/fzcheck, else ~/.cache/fzcheck;
FZCHECK_CACHE_DIR set to nothing turns it off. A stored copy is a pickle, so only a file owned by
the user and writable by no one else is read. A folder that cannot be written, a damaged or stale
file: the rulebook is loaded from its YAML, as without a store, and nothing is said.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from checker import __version__
from checker.document import regex_codes

if TYPE_CHECKING:
    from checker.rules.rulebook import Rulebook

_FORMAT = 1  # the layout of a stored file; raised when it changes
_PACKAGE = Path(__file__).resolve().parent.parent


def fetch(path: Path) -> Optional["Rulebook"]:
    """The rulebook stored for `path`, when it is still what loading `path` would give; else None."""
    stored = _file_for(path)
    if stored is None:
        return None
    try:
        with open(stored, "rb") as handle:
            if not _trusted(os.fstat(handle.fileno())):
                return None
            made_from = pickle.load(handle)
            if made_from != _made_from(made_from.get("files", ()) if isinstance(made_from, dict) else ()):
                return None
            book, codes = pickle.load(handle)
    except Exception:  # damaged, cut short, or of classes that are no more: load the YAML
        return None
    regex_codes.restore(codes)
    return book


def keep(path: Path, book: "Rulebook") -> None:
    """Store `book`, just loaded from `path`, with the code of every pattern compiled so far."""
    stored = _file_for(path)
    if stored is None or regex_codes.build() is None:
        return
    made_from = _made_from(book.files)
    regex_codes.work_out_all()
    try:
        stored.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=stored.parent, prefix=".rulebook-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(made_from, out, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump((book, regex_codes.known()), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, stored)
        except BaseException:
            os.unlink(temporary)
            raise
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
    where = folder()
    if where is None:
        return None
    name = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return where / f"rulebook-{name}.pickle"


def _trusted(status: os.stat_result) -> bool:
    """A regular file of this user's that no one else can write: unpickling it runs no one else's code."""
    if not stat.S_ISREG(status.st_mode):
        return False
    user = getattr(os, "getuid", None)  # Windows has no owners here: a profile's folders are its user's
    return user is None or (status.st_uid == user() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def _made_from(files: Any) -> dict[str, Any]:
    """What a stored rulebook depends on; two equal answers mean the stored copy is still right."""
    contents = []
    for name in files if isinstance(files, (list, tuple)) else ():
        try:
            contents.append((str(name), hashlib.sha256(Path(name).read_bytes()).hexdigest()))
        except (OSError, TypeError):
            contents.append((str(name), None))
    return {"format": _FORMAT, "fzcheck": __version__, "code": _code_stamp(), "python": regex_codes.build(),
            "files": [name for name, _ in contents], "contents": contents}


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Every module of fzcheck, by name, size and modification time."""
    digest = hashlib.sha256()
    for module in sorted(_PACKAGE.rglob("*.py")):
        status = module.stat()
        digest.update(f"{module.relative_to(_PACKAGE)}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()
