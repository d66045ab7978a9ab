"""What a reader hands on is bounded: far more text than any report is refused, not analysed.

An annual rule-of-law report is 5,000 to 50,000 characters in a few hundred lines; the longest
seen are under 100,000. The analysis after the readers needs about 400 bytes of memory per
character of text (one million characters: about 450 MB), so a file holding far more than a report
is refused with a clear message instead of being analysed for minutes in gigabytes.
"""

from __future__ import annotations

from checker.errors import FzError

# Characters of text a reader hands on: five times the longest report, about 200 MB of analysis.
MAX_TEXT_CHARS = 500_000
# Lines a reader hands on (blank ones included): a report has a few hundred to a few thousand;
# reading 50,000 empty Word paragraphs takes about 2 s.
MAX_LINES = 50_000


def too_long(chars: int, limit: int = MAX_TEXT_CHARS, at_least: bool = False) -> FzError:
    """Far more text than a report; `at_least` when reading stopped before the end."""
    about, over = ("至少 ", "at least ") if at_least else ("约 ", "")
    return FzError(
        "too-long",
        f"文件中的文字过多（{about}{_wan(chars)}字，上限 {_wan(limit)}字），远超一份报告的篇幅，已拒绝检查；请只提交报告本身",
        f"the file holds far more text than a report ({over}{chars:,} characters; the limit is {limit:,}); "
        "check the report on its own",
    )


def too_many_lines(lines: int, limit: int = MAX_LINES, at_least: bool = False) -> FzError:
    about, over = ("至少 ", "at least ") if at_least else ("", "")
    return FzError(
        "too-long",
        f"文件的行数过多（{about}{lines:,} 行，上限 {limit:,} 行），远超一份报告，已拒绝检查；请只提交报告本身",
        f"the file has far more lines than a report ({over}{lines:,} lines; the limit is {limit:,}); "
        "check the report on its own",
    )


def too_complex(zh: str, en: str) -> FzError:
    """A file whose structure would take unbounded time or memory to read (named by `zh`/`en`)."""
    return FzError(
        "too-complex",
        f"文件结构异常复杂（{zh}），疑似畸形或恶意文件，已停止读取；请重新导出后再检查",
        f"the file's structure is abnormally complex ({en}); it looks malformed or hostile and reading stopped; "
        "export it again and retry",
    )


class TextTally:
    """The text a reader has handed on so far: refused the moment it passes either limit, before the
    rest of a far too long file is read."""

    def __init__(self) -> None:
        self.chars = self.lines = 0

    def add(self, lines: list) -> None:
        self.chars += sum(len(line.text) for line in lines)
        self.lines += len(lines)
        if self.chars > MAX_TEXT_CHARS:
            raise too_long(self.chars, at_least=True)
        if self.lines > MAX_LINES:
            raise too_many_lines(self.lines, at_least=True)


def check_text_size(text: str) -> None:
    """Refuse text far longer than a report, before it is split into lines."""
    if len(text) > MAX_TEXT_CHARS:
        raise too_long(len(text))
    lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    if lines > MAX_LINES:
        raise too_many_lines(lines)


def _wan(count: int) -> str:
    return f"{count / 10000:.0f} 万" if count >= 10000 else str(count)
