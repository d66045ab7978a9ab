"""Errors a user can act on: a stable code and one line in Chinese and English."""

from __future__ import annotations


class FzError(Exception):
    """A problem with one input or with the configuration, never a bug.

    `code` is stable for tooling; `zh` and `en` say the same thing for people.
    """

    def __init__(self, code: str, zh: str, en: str, path: str | None = None):
        self.code = code
        self.zh = zh
        self.en = en
        self.path = path
        super().__init__(self.message())

    def message(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.zh} ({self.en})"

    def at(self, path: str) -> "FzError":
        """The same error, naming the file it happened in."""
        return FzError(self.code, self.zh, self.en, path)


class RulebookError(FzError):
    """A rulebook that cannot be used: names the file, the line and the field."""

    def __init__(self, path: str, problems: list[str]):
        self.problems = problems
        super().__init__("rulebook-invalid", "规则文件有误", "invalid rulebook", path)

    def message(self) -> str:
        lines = [f"{self.path}: {self.zh} ({self.en}):"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)

    def at(self, path: str) -> "RulebookError":
        return RulebookError(path, self.problems)
