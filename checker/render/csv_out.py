"""CSV: the 汇总 sheet of the workbook (checker/render/xlsx.py) as comma-separated text.

`render_csv` returns bytes, not text: Excel on a Chinese Windows reads a CSV without a
byte-order mark as GBK and shows mojibake, so the encoding (`CSV_ENCODING`, UTF-8 with BOM)
is part of the format and no caller can forget it. Rows end in CRLF, as Excel writes them.

A cell of user text that starts with = + - @ (or a tab or carriage return, which Excel skips
before looking) would run as a formula when the file is opened, so it gets a leading
apostrophe (OWASP's advice for CSV injection). Scores and years are our own numbers and stay
numbers.
"""

from __future__ import annotations

import csv
import io

from checker.model import CheckResult
from checker.render.xlsx import ScoreBook, book_of, safe_text

CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark, so Excel reads it as UTF-8
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def render_csv(result: CheckResult) -> bytes:
    """The 汇总 sheet of `result` as CSV bytes, BOM first."""
    return csv_of(book_of(result))


def csv_of(book: ScoreBook) -> bytes:
    """The 汇总 sheet of a book gathered document by document (what the CLI holds)."""
    header, rows = book.summary_table()
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(value) for value in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return out.getvalue().encode(CSV_ENCODING)


def csv_cell(value) -> str:
    """A value as a CSV field: numbers as written, text made safe to open in a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int):
        return str(value)
    text = safe_text(value)
    return "'" + text if text.startswith(_TRIGGERS) else text
