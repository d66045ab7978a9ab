"""JSON: the `fzcheck.result/1` contract."""

from __future__ import annotations

from ..model import CheckResult


def render_json(result: CheckResult) -> str:
    return result.model_dump_json(by_alias=True, indent=2) + "\n"
