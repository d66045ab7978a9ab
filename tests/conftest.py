"""Shared fixtures. The checker is built once per session: jieba takes a second to load."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Rulebooks stored between runs (checker/rules/stored.py) go to this session's folder, not the user's;
# every `fzcheck` the tests start inherits it.
_STORE = tempfile.mkdtemp(prefix="fzcheck-store-")
os.environ.setdefault("FZCHECK_CACHE_DIR", _STORE)


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_STORE, ignore_errors=True)


@pytest.fixture(scope="session")
def checker():
    from checker.run.engine import Checker

    return Checker()


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def run_cli(*args: str, cwd: Path | None = None, input_text: str | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `fzcheck` as a user would, in a separate process."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd or ROOT,
        env=env,
        input=input_text,
        capture_output=True,
        text=True,
        timeout=120,
    )


@lru_cache(maxsize=1)
def conventions():
    """The writing conventions of the built-in rulebooks (their `document:` section)."""
    from checker.rules.rulebook import builtin_editions, load_rulebook

    return load_rulebook(builtin_editions()[-1]).spec


def finding(result, rule_id: str):
    return next(f for f in result.findings if f.rule == rule_id)
