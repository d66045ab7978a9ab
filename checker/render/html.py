"""The HTML gap report: one self-contained file per document, in Chinese, for A4.

No external fonts, scripts or styles (government intranets have no internet),
and every piece of document text goes through Jinja's autoescape.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

from .. import __version__
from ..model import CheckResult, DocumentResult, Finding
from ..textnorm import normalize
from . import CATEGORY_LABEL, KIND_LABEL, LEVEL_LABEL, SEVERITY_LABEL, STATUS_LABEL, line_unit, verdict_label

PART_LABEL = {
    "measures": "举措和成效",
    "shortcomings": "不足和原因",
    "first_responsible": "第一责任人",
    "next_year": "下一年度安排",
    "other": "其他情况",
}


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("checker.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["highlight"] = highlight
    return env


def highlight(text: str, terms: list[str]) -> Markup:
    """`text` escaped, with each of `terms` wrapped in <mark>."""
    wanted = sorted({t for t in terms if t}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile("|".join(re.escape(normalize(t)) for t in wanted))
    plain, out, last = normalize(text), [], 0
    for match in pattern.finditer(plain):
        out.append(escape(text[last:match.start()]))
        out.append(Markup("<mark>") + escape(text[match.start():match.end()]) + Markup("</mark>"))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def render_document_html(document: DocumentResult) -> str:
    gaps = document.gaps()
    counts = {status: sum(1 for f in document.findings if f.status == status) for status in STATUS_LABEL}
    by_category: dict[str, list[Finding]] = {}
    for finding in document.findings:
        by_category.setdefault(finding.category, []).append(finding)
    return _environment().get_template("report.html.j2").render(
        doc=document,
        verdict=verdict_label(document),
        unit=line_unit(document),
        gaps=gaps,
        counts=counts,
        by_category=by_category,
        status_label=STATUS_LABEL,
        severity_label=SEVERITY_LABEL,
        category_label=CATEGORY_LABEL,
        level_label=LEVEL_LABEL,
        kind_label=KIND_LABEL,
        part_label=PART_LABEL,
        version=__version__,
    )


def render_html_pages(result: CheckResult) -> list[tuple[DocumentResult, str]]:
    return [(document, render_document_html(document)) for document in result.documents]


_MARK = {"met": "✓", "partial": "◐", "missing": "✗", "not_applicable": "–"}
_RANK = {"missing": 0, "partial": 1, "met": 2, "not_applicable": 3}
_VERDICT_CLASS = {"通过": "v-pass", "未通过": "v-fail", "无法检查": "v-fail"}


def render_index(result: CheckResult, links: dict[str, str]) -> str:
    """The dashboard: every document a row, every rule a column, and where a region is weakest."""
    rules: dict[str, str] = {}
    optional: set[str] = set()
    for document in result.documents:
        for finding in document.findings:
            rules.setdefault(finding.rule, finding.title)
            if finding.severity == "info":
                optional.add(finding.rule)
    rows = [_index_row(document, list(rules), links) for document in result.documents]
    # The chart counts annual reports only, and leaves out optional items.
    checked = [d for d in result.documents if d.error is None and d.meta and d.meta.kind == "annual_report"]
    bars = []
    for rule, title in rules.items():
        if rule in optional:
            continue
        statuses = [next((f.status for f in d.findings if f.rule == rule), None) for d in checked]
        missing, partial = statuses.count("missing"), statuses.count("partial")
        total = max(len(checked), 1)
        bars.append({"rule": rule, "title": title, "missing": missing, "partial": partial,
                     "missing_pct": round(100 * missing / total, 1), "partial_pct": round(100 * partial / total, 1)})
    bars.sort(key=lambda b: (-b["missing"], -b["partial"], b["rule"]))
    columns = [{"id": rule, "title": title, "short": _short(rule, title)} for rule, title in rules.items()]
    return _environment().get_template("index.html.j2").render(
        summary=result.summary,
        rules=columns,
        rows=rows,
        bars=bars,
        reports=len(checked),
        verdicts=sorted({row["verdict"] for row in rows}),
        levels=sorted({row["level"] for row in rows if row["level"]}),
        version=__version__,
    )


def _index_row(document: DocumentResult, rules: list[str], links: dict[str, str]) -> dict:
    verdict = verdict_label(document)
    meta = document.meta
    by_rule = {f.rule: f for f in document.findings}
    cells = []
    for rule in rules:
        finding = by_rule.get(rule)
        status = finding.status if finding else "not_applicable"
        cells.append({
            "status": status,
            "mark": _MARK[status],
            "rank": _RANK[status],
            "waived": bool(finding and finding.waiver),
            "title": f"{finding.title}：{STATUS_LABEL[status]}" if finding else "",
        })
    return {
        "name": document.path,
        "link": links.get(document.path),
        "issuer": (meta.issuer or "") if meta else "",
        "level": LEVEL_LABEL.get(meta.level or "", "") if meta else "",
        "year": (meta.year or "") if meta else "",
        "score": f"{document.score:g}" if meta and meta.kind == "annual_report" and document.score is not None else "",
        "verdict": verdict,
        "verdict_class": _VERDICT_CLASS.get(verdict, "v-other"),
        "cells": cells,
    }


def _short(rule: str, title: str) -> str:
    """A column label: the title up to its first punctuation, at most ten characters."""
    head = re.split(r"[，、（(：:]", title)[0]
    return head if len(head) <= 10 else head[:9] + "…"
