"""Waivers: an approved, dated exception to a rule for a document, kept in a sidecar file.

Staff cannot put lint comments into a .docx, so exceptions live in
`fzcheck-waivers.yaml` beside the reports (or a file given with --waivers):

    waivers:
      - rule: area.emergencies
        document: 教育局/*.docx        # a file name or a glob, relative to this file
        reason: 本局不承担突发事件应对职责
        approved_by: 市委依法治市办 张三
        expires: 2026-12-31

A waived finding keeps its real status, is shown as waived and counted, and
does not count against the score or the verdict. An expired waiver is not
applied and is reported; so is a waiver that matched nothing.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from checker.errors import FzError
from checker.model import DocumentResult, WaiverRef
from checker.run.judge import DocumentWaivers

WAIVER_FILE = "fzcheck-waivers.yaml"


class Waiver(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: str = Field(min_length=1)
    document: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    approved_by: str = Field(min_length=1)
    expires: date


class WaiverFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    waivers: list[Waiver] = Field(default_factory=list)


@dataclass
class _Entry:
    waiver: Waiver
    folder: Path
    label: str
    used: int = 0


@dataclass
class Waivers:
    """Every waiver file in play during one run, and which waivers were used."""

    today: date
    explicit: Optional[str] = None
    entries: list[_Entry] = field(default_factory=list)
    loaded: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.explicit:
            self._load(Path(self.explicit))

    def discover(self, document: str, root: Optional[str]) -> None:
        """Load `fzcheck-waivers.yaml` from the document's folder up to the folder the user named."""
        if self.explicit:
            return
        folder = Path(document).resolve().parent
        stop = Path(root).resolve() if root else folder
        while True:
            candidate = folder / WAIVER_FILE
            if candidate.is_file():
                self._load(candidate)
            if folder == stop or folder.parent == folder or stop not in folder.parents:
                break
            folder = folder.parent

    def _load(self, path: Path) -> None:
        key = str(path.resolve())
        if key in self.loaded:
            return
        self.loaded.add(key)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            book = WaiverFile.model_validate(data)
        except FileNotFoundError:
            raise FzError("waivers-invalid", "豁免文件不存在", "waiver file not found", str(path)) from None
        except (yaml.YAMLError, OSError, UnicodeDecodeError) as exc:
            raise FzError("waivers-invalid", f"豁免文件无法读取：{exc}", f"cannot read the waiver file: {exc}", str(path)) from None
        except ValidationError as exc:
            detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise FzError("waivers-invalid", f"豁免文件有误：{detail}", f"invalid waiver file: {detail}", str(path)) from None
        for index, waiver in enumerate(book.waivers):
            self.entries.append(_Entry(waiver, path.parent, f"{path}#{index + 1} {waiver.rule} {waiver.document}"))

    def for_document(self, path: str, root: Optional[str] = None) -> DocumentWaivers:
        """The waivers that name the document at `path`, loading waiver files up to `root` first."""
        self.discover(path, root)
        live: dict[str, WaiverRef] = {}
        expired: dict[str, tuple[str, str]] = {}
        for entry in self.entries:
            rule = entry.waiver.rule
            if rule in live or not _matches(entry, path):
                continue
            if entry.waiver.expires < self.today:
                expired.setdefault(rule, (entry.waiver.expires.isoformat(), entry.waiver.reason))
            else:
                live[rule] = WaiverRef(
                    reason=entry.waiver.reason,
                    approved_by=entry.waiver.approved_by,
                    expires=entry.waiver.expires.isoformat(),
                    file=str(entry.folder / WAIVER_FILE) if not self.explicit else self.explicit,
                )
        return DocumentWaivers(live=live, expired={r: e for r, e in expired.items() if r not in live})

    def record(self, document: DocumentResult) -> None:
        """Count the waivers a judged document used (for the list of unused ones)."""
        used = {f.rule for f in document.findings if f.waiver is not None}
        for entry in self.entries:
            if entry.waiver.rule in used and entry.waiver.expires >= self.today and _matches(entry, document.path):
                entry.used += 1

    def expired(self) -> list[str]:
        return [e.label for e in self.entries if e.waiver.expires < self.today]

    def unused(self) -> list[str]:
        return [e.label for e in self.entries if e.used == 0 and e.waiver.expires >= self.today]


def _matches(entry: _Entry, path: str) -> bool:
    target = Path(path).resolve()
    try:
        relative = target.relative_to(entry.folder.resolve()).as_posix()
    except ValueError:
        relative = target.name
    pattern = entry.waiver.document
    return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(target.name, pattern) or relative == pattern


def today_from_env() -> date:
    """Today, or FZCHECK_TODAY (YYYY-MM-DD) so that expiry can be tested."""
    value = os.environ.get("FZCHECK_TODAY")
    if value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise FzError("bad-date", f"FZCHECK_TODAY 不是日期：{value}", f"FZCHECK_TODAY is not a date: {value}") from None
    return date.today()
