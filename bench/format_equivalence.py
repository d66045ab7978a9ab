"""The same report as .txt, .docx, .pdf and .html: per-rule agreement and score spread.

Builds the other formats from the two real seed reports with tests/builders.py
(python-docx, reportlab) and checks all four; then the PDFs people make of a report:
Chromium printing the .txt (with its date, address and page numbers in the margins) and a
web page of it, LibreOffice converting the .txt and the .docx (rows left out when the
program is not installed).

    python bench/format_equivalence.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.document.ingest.office import find_soffice  # noqa: E402
from checker.run.engine import Checker  # noqa: E402
from tests.builders import build_docx, build_html, build_pdf, report_lines  # noqa: E402
from tests.test_pdf_reader import convert_with_office, print_with_chromium, report_page  # noqa: E402

SEEDS = ["001_7724204651865b79.txt", "003_eed9f17129c08ac0.txt"]


def main() -> int:
    checker = Checker()
    print(f"{'report':<28}{'format':<18}{'score':>7}{'agree':>9}{'seconds':>9}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for name in SEEDS:
            seed = ROOT / "seeds" / name
            lines = report_lines(seed)
            docx = build_docx(lines, out / f"{seed.stem}.docx")
            files = {
                "txt": seed,
                "docx": docx,
                "pdf": build_pdf(lines, out / f"{seed.stem}.pdf"),
                "html": build_html(lines, out / f"{seed.stem}.html"),
                **printed_pdfs(seed, lines, docx, out),
            }
            baseline = None
            scores = []
            for fmt, path in files.items():
                started = time.perf_counter()
                result = checker.check_file(str(path))
                elapsed = time.perf_counter() - started
                statuses = {f.rule: f.status for f in result.findings}
                baseline = baseline or statuses
                same = sum(statuses.get(rule) == status for rule, status in baseline.items())
                scores.append(result.score or 0.0)
                print(f"{seed.stem:<28}{fmt:<18}{result.score:>7.1f}{same:>5}/{len(baseline):<3}{elapsed:>9.2f}")
            print(f"{'':<28}spread {max(scores) - min(scores):.1f} points")
    return 0


def printed_pdfs(seed: Path, lines: list[str], docx: Path, out: Path) -> dict[str, Path]:
    """The report printed to PDF by Chromium and converted by LibreOffice, where they are installed."""
    made = {}
    if os.environ.get("FZCHECK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser"):
        made["pdf chromium txt"] = print_with_chromium(seed, out / f"{seed.stem}.chromium-txt.pdf", headers=True)
        page = report_page(lines, out / f"{seed.stem}.page.html")
        made["pdf chromium html"] = print_with_chromium(page, out / f"{seed.stem}.chromium-page.pdf")
    if find_soffice():
        text = out / "office-txt" / seed.name
        text.parent.mkdir(exist_ok=True)
        shutil.copy(seed, text)
        made["pdf office txt"] = convert_with_office([text], out / "office-txt")[0]
        made["pdf office docx"] = convert_with_office([docx], out / "office-docx")[0]
    return made


if __name__ == "__main__":
    raise SystemExit(main())
