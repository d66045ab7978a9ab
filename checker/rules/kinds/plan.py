"""Plan: the next-year part lists enough tasks, and they have a target or a date."""

from __future__ import annotations

from pydantic import Field

from checker.document.conventions import Regex, Strict, compiled
from checker.rules.kinds.base import Kind, Outcome
from checker.rules.kinds.evidence import Match, best_evidence
from checker.rules.kinds.listing import listed_points
from checker.rules.reading import Reading
from checker.rules.schema import Rule


class PlanParams(Strict):
    min_tasks: int = Field(3, ge=1)
    target_pattern: Regex  # a task with a target or a date says one of these
    task_terms: list[str] = Field(default_factory=lambda: ["@task_verb"])



def check_plan(rule: Rule, reading: Reading) -> Outcome:
    settings = rule.settings()
    items, content = listed_points(reading, rule, "next_year")
    if not content:
        return "missing", [], " 未找到下一年度安排的具体内容。"
    task_verbs = reading.terms(settings.task_terms)
    target = compiled(settings.target_pattern)
    tasks = [item for item in items if any(reading.found(i, task_verbs) for i in item)]
    targeted = [item for item in tasks if any(target.search(reading.text_of(reading.sentences[i])) for i in item)]
    detail = f" 统计：列出{len(tasks)}项任务，其中{len(targeted)}项写明了目标或时限。"
    evidence = best_evidence(reading, [Match(item[0], [], True, True) for item in tasks])
    if len(tasks) >= settings.min_tasks and targeted:
        return "met", evidence, detail
    if tasks:
        return "partial", evidence, detail
    return "missing", evidence, detail


KIND = Kind(
    name="plan",
    judge=check_plan,
    summary="number of next-year tasks and whether they have a target or a date",
    params=PlanParams,
    needs_part=True,
    term_params=("task_terms",),
    example="""\
- id: quality.plan
  check: plan
  part: next_year
  scope: {include: [next_year]}
  params: {min_tasks: 3, target_pattern: '\\d|年底|完成'}
""",
)
