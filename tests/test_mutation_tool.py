"""tools/mutation.py on a throwaway project: it counts the right mutants, names the survivors, and
leaves the project as it found it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

TOOL = Path(__file__).resolve().parent.parent / "tools" / "mutation.py"

CALC = textwrap.dedent('''\
    """A tiny module."""


    def clamp(x, lo, hi):
        if x < lo:
            return lo
        if x > hi:
            return hi
        return x
    ''')

# Checks the lower bound and the middle, never the upper bound.
TEST_CALC = textwrap.dedent('''\
    from calc import clamp


    def test_clamp():
        assert clamp(-5, 0, 10) == 0
        assert clamp(5, 0, 10) == 5
    ''')


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "tests").mkdir(parents=True)
    (root / "calc.py").write_text(CALC, encoding="utf-8")
    (root / "tests" / "test_calc.py").write_text(TEST_CALC, encoding="utf-8")
    (root / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() if p.is_file() else b"/" for p in root.rglob("*")}


def _run(root: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(TOOL), "--project-root", str(root), "--module", "calc.py",
         "--tests", "tests/test_calc.py", "--jobs", "2", *extra],
        capture_output=True, text=True, timeout=60,
    )


def test_reports_score_and_survivors_without_touching_the_project(tmp_path):
    root = _project(tmp_path)
    before = _snapshot(root)
    run = _run(root, "--min-score", "50")
    assert run.returncode == 0, run.stdout + run.stderr
    # Mutants: x < lo → <=, negated; return lo → None; x > hi → >=, negated; return hi → None;
    # return x → None. The test never reaches the upper bound and never sits on the lower one.
    assert "calc.py: 4/7 = 57.1%" in run.stdout, run.stdout
    assert "calc.py:5  [cmp]  if x < lo:  →  if x <= lo:" in run.stdout
    assert "calc.py:7  [cmp]  if x > hi:  →  if x >= hi:" in run.stdout
    assert "calc.py:8  [return]  return hi  →  return None" in run.stdout
    assert "[negate]" not in run.stdout.split("surviving mutants:")[1]
    assert _snapshot(root) == before  # no mutant, cache or __pycache__ left behind

    low = _run(root, "--min-score", "60")
    assert low.returncode == 1, low.stdout + low.stderr


def test_list_and_a_failing_clean_run(tmp_path):
    root = _project(tmp_path)
    listed = _run(root, "--list")
    assert listed.returncode == 0
    assert "calc.py: 7 mutants" in listed.stdout

    (root / "tests" / "test_calc.py").write_text(TEST_CALC + "    assert clamp(50, 0, 10) == 11\n",
                                                 encoding="utf-8")
    broken = _run(root)
    assert broken.returncode == 2
    assert "the tests fail without any mutant" in broken.stdout
