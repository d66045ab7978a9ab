"""The kinds of check a rule can be, by the name its `check:` field gives."""

from __future__ import annotations

from typing import Callable

from ..analysis import Analysis
from ..rulebook import Rule
from .coverage import check_coverage, check_forbidden
from .dates import check_outdated, check_publication, check_title, check_years
from .evidence import Outcome
from .substance import check_density, check_plan, check_problems

CHECKS: dict[str, Callable[[Rule, Analysis], Outcome]] = {
    "coverage": check_coverage,
    "forbidden": check_forbidden,
    "density": check_density,
    "title": check_title,
    "problems": check_problems,
    "plan": check_plan,
    "years": check_years,
    "outdated": check_outdated,
    "publication": check_publication,
}
