"""The checker's shared vocabulary, defined once: every other module imports it from here.

Each concept is an ordered table (order matters: strictest first, best first)
of its values and the Chinese label a reviewer sees. `Literal` types for the
models are spelled next to their tables so the two cannot drift apart: a test
checks that every literal has a label.
"""

from __future__ import annotations

from typing import Literal, Optional, get_args

# ----------------------------------------------------------------------------- statuses

Status = Literal["met", "partial", "missing", "not_applicable", "ignored"]
# Best first. `ignored` is a rule the run was told not to judge (--ignore).
STATUS_LABEL: dict[str, str] = {
    "met": "满足",
    "partial": "部分满足",
    "missing": "未满足",
    "not_applicable": "不适用",
    "ignored": "已忽略",
}
# The share of a rule's weight each judged status earns.
STATUS_VALUE: dict[str, float] = {"met": 1.0, "partial": 0.5, "missing": 0.0}
JUDGED = tuple(STATUS_VALUE)  # statuses that carry a score
GAPS = ("missing", "partial")  # statuses that need work, the worse first
# An optional rule (Rule.optional) that is not met: shown in a neutral colour with this label, never a gap.
OPTIONAL_TONE = "optional"
OPTIONAL_LABEL = "可选，未写"
WAIVED_LABEL = "已豁免"  # a finding an approved waiver covers (run/waivers.py)


def status_rank(status: str) -> int:
    """Higher is better, among the judged statuses (met 2, partial 1, missing 0)."""
    return len(JUDGED) - 1 - JUDGED.index(status)


def is_judged(status: str) -> bool:
    return status in STATUS_VALUE


# ----------------------------------------------------------------------------- severities

Severity = Literal["error", "warning", "info"]
# Strictest first: a missing `error` rule fails a report, `fail_on` can extend that to `warning`.
SEVERITY_LABEL: dict[str, str] = {"error": "必备", "warning": "重要", "info": "提示"}
SEVERITIES = tuple(SEVERITY_LABEL)


def severity_rank(severity: str) -> int:
    """0 for the strictest severity."""
    return SEVERITIES.index(severity)


def at_least(severity: str, threshold: str) -> bool:
    """Is `severity` as strict as `threshold` or stricter?"""
    return severity_rank(severity) <= severity_rank(threshold)


# ----------------------------------------------------------------------------- rule categories

Category = Literal["item", "area", "quality"]
CATEGORY_LABEL: dict[str, str] = {"item": "督察规定法定内容", "area": "纲要各方面工作", "quality": "质量要求"}

# ----------------------------------------------------------------------------- report parts and roles

# The five items of the 督察规定, as parts of a report.
PartName = Literal["measures", "shortcomings", "first_responsible", "next_year", "other"]
PARTS = get_args(PartName)
# Where a sentence sits: in one of the parts, before the first heading, or in the body outside any part. `lead` is
# added to the text a part of the year's work opens on before its first sub-section (一、工作情况 / 2023年，我局坚持…):
# a summary of the part, read as the opening summary is.
Role = Literal["measures", "shortcomings", "first_responsible", "next_year", "other", "preamble", "body", "lead"]
ROLES = get_args(Role)
SUMMARY_ROLES = frozenset({"preamble", "lead"})  # the opening summary and a part's: quoted last
PLACE_LABEL: dict[str, str] = {"preamble": "开头部分", "body": "正文"}
# Evidence read from a page image by OCR says so where it says where it is: 第2页（识别文字）第3段.
RECOGNISED_LABEL = "识别文字"

# What a clause of a report does (checker/document/clauses.py): only an act of the year meets a rule.
# An agenda is a meeting or a study of topics (研究, 学习, 听取): an act of leadership, not in those topics.
# A past act is one of an earlier year (2022年，我市出台《…》 in a report on 2023): named, not the year's work.
# A received act is another body's on the report's or in its place (县人大常委会对我乡…开展执法检查; 市应急管理局在园区
# 组织开展…演练): the body was inspected or hosted, did nothing itself.
Mood = Literal["act", "agenda", "intention", "plan", "instruction", "heading", "past", "received"]
MOODS = get_args(Mood)

# ----------------------------------------------------------------------------- issuers

Level = Literal["province", "city", "county", "township", "department"]
LEVEL_LABEL: dict[str, str] = {
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "township": "乡镇（街道）",
    "department": "政府部门",
}

# Which rules apply is decided by the issuer's profile.
Profile = Literal["government", "township", "department"]
PROFILE_LABEL: dict[str, str] = {"government": "政府（省、市、县）", "township": "乡镇（街道）", "department": "政府部门"}
PROFILES = tuple(PROFILE_LABEL)
DEFAULT_PROFILE = "government"
PROFILE_OF_LEVEL: dict[str, str] = {
    "province": "government",
    "city": "government",
    "county": "government",
    "township": "township",
    "department": "department",
}
# What users type for a profile besides its own name.
PROFILE_ALIASES: dict[str, str] = {
    **PROFILE_OF_LEVEL,
    "street": "township",
    "subdistrict": "township",
    "town": "township",
}


def profile_named(name: Optional[str]) -> Optional[str]:
    """The profile a user means by `name` (county → government), or None when unknown or empty."""
    if not name:
        return None
    key = name.strip().lower()
    return key if key in PROFILE_LABEL else PROFILE_ALIASES.get(key)


def profile_choices() -> str:
    """The names a profile may be given by, for help texts and error messages."""
    return "、".join(PROFILES) + "（也可写 " + "、".join(PROFILE_ALIASES) + "）"


# ----------------------------------------------------------------------------- kinds of text

Kind = Literal["annual_report", "not_annual_report"]
KIND_LABEL: dict[str, str] = {"annual_report": "法治政府建设年度报告", "not_annual_report": "不是年度报告"}

# ----------------------------------------------------------------------------- run policy

PASS_SCORE = 60.0  # the default pass mark (fail_under)
FailOn = Literal["error", "warning"]
DEFAULT_FAIL_ON = "error"
