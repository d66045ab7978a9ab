"""`pip install .` (not only editable) ships the rulebooks and templates inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_wheel_contains_rulebooks_and_loads_them(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("fzcheck-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    rulebooks = {path.name for path in (ROOT / "rules").glob("*.yaml")}
    assert {f"checker/rulebooks/{name}" for name in rulebooks} <= names
    assert "checker/render/templates/report.html.j2" in names
    # The unpacked wheel alone, without the checkout, finds its rulebooks.
    probe = subprocess.run(
        [sys.executable, "-c",
         "import checker.rules.rulebook as r; print(r.builtin_rules_dir()); print(len(r.builtin_editions()))"],
        cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "site")}, capture_output=True, text=True, timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    location, count = probe.stdout.split()
    assert location.startswith(str(tmp_path / "site")) and int(count) >= 1
