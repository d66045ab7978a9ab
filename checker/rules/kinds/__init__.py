"""The kinds of check a rule can be, by the name its `check:` field gives: one module each."""

from __future__ import annotations

from checker.rules.kinds import coverage, density, forbidden, outdated, plan, problems, publication, title, years
from checker.rules.kinds.base import Kind, Outcome

KINDS: dict[str, Kind] = {
    module.KIND.name: module.KIND
    for module in (coverage, forbidden, density, problems, plan, title, years, outdated, publication)
}

__all__ = ["KINDS", "Kind", "Outcome"]
