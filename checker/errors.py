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


# What a validation error means, in Chinese, by pydantic's error type; the English message follows.
_VALIDATION_ZH = {
    "missing": "缺少必填项",
    "extra_forbidden": "不认识的设置或字段，可能拼写有误",
    "literal_error": "取值不在允许范围内",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "finite_number": "应为有限的数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "string_type": "应为文字",
    "list_type": "应为列表",
    "dict_type": "应为键值对",
    "greater_than": "数值太小",
    "greater_than_equal": "数值太小",
    "less_than": "数值太大",
    "less_than_equal": "数值太大",
    "too_short": "项数太少",
    "too_long": "项数太多",
    "string_pattern_mismatch": "格式不对",
    "date_from_datetime_parsing": "应为日期（如 2025-03-20）",
    "date_parsing": "应为日期（如 2025-03-20）",
    "value_error": "取值有误",
}


def explain(error: dict) -> str:
    """One pydantic error in Chinese and English: 应为数字 (Input should be a valid number…)."""
    zh = _VALIDATION_ZH.get(error.get("type", ""), "取值有误")
    message = error.get("msg", "")
    if error.get("type") == "value_error":  # our own validators already speak both languages
        return message.removeprefix("Value error, ")
    return f"{zh} ({message})"
