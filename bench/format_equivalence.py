"""The same report as .txt, .docx, .pdf and .html: per-rule agreement and score spread.

Builds the other formats from the two real seed reports with tests/builders.py
(python-docx, reportlab) and checks all four.

    python bench/format_equivalence.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.run.engine import Checker  # noqa: E402
from tests.builders import build_docx, build_html, build_pdf, report_lines  # noqa: E402

SEEDS = ["001_7724204651865b79.txt", "003_eed9f17129c08ac0.txt"]


def main() -> int:
    checker = Checker()
    print(f"{'report':<28}{'format':<7}{'score':>7}{'agree':>9}{'seconds':>9}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for name in SEEDS:
            seed = ROOT / "seeds" / name
            lines = report_lines(seed)
            files = {
                "txt": seed,
                "docx": build_docx(lines, out / f"{seed.stem}.docx"),
                "pdf": build_pdf(lines, out / f"{seed.stem}.pdf"),
                "html": build_html(lines, out / f"{seed.stem}.html"),
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
                print(f"{seed.stem:<28}{fmt:<7}{result.score:>7.1f}{same:>5}/{len(baseline):<3}{elapsed:>9.2f}")
            print(f"{'':<28}spread {max(scores) - min(scores):.1f} points")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
