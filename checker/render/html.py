"""The HTML gap report: one self-contained file per document, in Chinese, for A4.

No external fonts, scripts or styles (government intranets have no internet),
and every piece of document text goes through Jinja's autoescape.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from markupsafe import Markup, escape

from checker import __version__
from checker.concepts import JUDGED
from checker.model import CheckResult, DocumentResult, Finding, Summary
from checker.document.textnorm import normalize
from checker.render import CATEGORY_LABEL, KIND_LABEL, LEVEL_LABEL, SEVERITY_LABEL, STATUS_LABEL, line_unit, verdict_label

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


def render_page(template: str, **context) -> str:
    """One of the package's HTML templates, rendered with the version stamped in."""
    return _environment().get_template(template).render(version=__version__, **context)


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
        version=__version__,
    )


_MARK = {"met": "✓", "partial": "◐", "missing": "✗", "not_applicable": "–", "ignored": "·"}
# Worst first, for sorting a column of the dashboard: the judged statuses from missing up, then the rest.
_RANK = {status: rank for rank, status in enumerate([*reversed(JUDGED), *(s for s in STATUS_LABEL if s not in JUDGED)])}
_VERDICT_CLASS = {"通过": "v-pass", "未通过": "v-fail", "无法检查": "v-fail"}


class Dashboard:
    """The run's dashboard, built from a compact row per document (no document is kept)."""

    def __init__(self) -> None:
        self.rules: dict[str, str] = {}
        self.optional: set[str] = set()
        self.rows: list[dict] = []
        self.statuses: list[Optional[dict[str, str]]] = []  # per annual report, for the chart

    def add(self, document: DocumentResult, link: Optional[str]) -> None:
        for finding in document.findings:
            self.rules.setdefault(finding.rule, finding.title)
            if finding.severity == "info":
                self.optional.add(finding.rule)
        self.rows.append(_index_row(document, link))
        reported = document.error is None and document.meta is not None and document.meta.kind == "annual_report"
        if reported:
            self.statuses.append({f.rule: f.status for f in document.findings})

    def render(self, summary: Summary) -> str:
        bars = []
        total = max(len(self.statuses), 1)
        for rule, title in self.rules.items():
            if rule in self.optional:  # the chart leaves out optional items
                continue
            statuses = [row.get(rule) for row in self.statuses]
            missing, partial = statuses.count("missing"), statuses.count("partial")
            bars.append({"rule": rule, "title": title, "missing": missing, "partial": partial,
                         "missing_pct": round(100 * missing / total, 1), "partial_pct": round(100 * partial / total, 1)})
        bars.sort(key=lambda b: (-b["missing"], -b["partial"], b["rule"]))
        columns = [{"id": rule, "title": title, "short": _short(rule, title)} for rule, title in self.rules.items()]
        rows = [dict(row, cells=[_cell(row["findings"].get(rule)) for rule in self.rules]) for row in self.rows]
        return _environment().get_template("index.html.j2").render(
            summary=summary,
            rules=columns,
            rows=rows,
            bars=bars,
            reports=len(self.statuses),
            verdicts=sorted({row["verdict"] for row in rows}),
            levels=sorted({row["level"] for row in rows if row["level"]}),
            version=__version__,
        )


def render_index(result: CheckResult, links: dict[str, str]) -> str:
    """The dashboard: every document a row, every rule a column, and where a region is weakest."""
    dashboard = Dashboard()
    for document in result.documents:
        dashboard.add(document, links.get(document.path))
    return dashboard.render(result.summary)


def _index_row(document: DocumentResult, link: Optional[str]) -> dict:
    verdict = verdict_label(document)
    meta = document.meta
    return {
        "name": document.path,
        "link": link,
        "issuer": (meta.issuer or "") if meta else "",
        "level": LEVEL_LABEL.get(meta.level or "", "") if meta else "",
        "year": (meta.year or "") if meta else "",
        "score": f"{document.score:g}" if meta and meta.kind == "annual_report" and document.score is not None else "",
        "verdict": verdict,
        "verdict_class": _VERDICT_CLASS.get(verdict, "v-other"),
        "findings": {f.rule: (f.status, f.title, f.waiver is not None) for f in document.findings},
    }


def _cell(found: Optional[tuple[str, str, bool]]) -> dict:
    status, title, waived = found if found else ("not_applicable", "", False)
    return {
        "status": status,
        "mark": _MARK[status],
        "rank": _RANK[status],
        "waived": waived,
        "title": f"{title}：{STATUS_LABEL[status]}" if title else "",
    }


def _short(rule: str, title: str) -> str:
    """A column label: the title up to its first punctuation, at most ten characters."""
    head = re.split(r"[，、（(：:]", title)[0]
    return head if len(head) <= 10 else head[:9] + "…"
