"""The HTML gap report: one self-contained file per document, in Chinese, for A4.

No external fonts, scripts or styles (government intranets have no internet),
and every piece of document text goes through Jinja's autoescape. A finished
page goes through `html_page`, so control characters and names that were not
UTF-8 (lone surrogates) show as visible escapes and the page always encodes.

Against a baseline the gap report opens with a banner comparing the document
with the baseline, and the dashboard has a column that marks regressions.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from markupsafe import Markup, escape

from checker import __version__
from checker.concepts import JUDGED, OPTIONAL_TONE
from checker.model import CheckResult, DocumentResult, Finding, Summary
from checker.document.textnorm import normalize
from checker.render import CATEGORY_LABEL, KIND_LABEL, LEVEL_LABEL, SEVERITY_LABEL, STATUS_LABEL, verdict_label
from checker.render.escape import html_page
from checker.render.text import baseline_totals, new_gap_titles, score_drop

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
    return html_page(_environment().get_template(template).render(version=__version__, **context))


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
    counts = {tone: sum(1 for f in document.findings if f.tone == tone) for tone in (*STATUS_LABEL, OPTIONAL_TONE)}
    by_category: dict[str, list[Finding]] = {}
    for finding in document.findings:
        by_category.setdefault(finding.category, []).append(finding)
    delta = document.baseline
    return html_page(_environment().get_template("report.html.j2").render(
        doc=document,
        baseline=_baseline_banner(document),
        new_gaps=set(delta.new_gaps) if delta is not None and delta.known else set(),
        verdict=verdict_label(document),
        gaps=gaps,
        counts=counts,
        by_category=by_category,
        status_label=STATUS_LABEL,
        severity_label=SEVERITY_LABEL,
        category_label=CATEGORY_LABEL,
        level_label=LEVEL_LABEL,
        kind_label=KIND_LABEL,
        version=__version__,
    ))


def _baseline_banner(document: DocumentResult) -> Optional[dict]:
    """What the gap report says about the baseline: a heading, a class and a few lines; None without one."""
    delta = document.baseline
    if delta is None or document.error is not None:
        return None
    if not delta.known:
        outcome = "未通过" if delta.regressed else "通过"
        return {"cls": "b-worse" if delta.regressed else "b-new", "head": "对照基线：基线中没有此文件",
                "lines": [f"这是基线之后新加入的文件，按本次结果判定：{outcome}。"]}
    lines = []
    titles = new_gap_titles(document)
    if titles:
        lines.append("新增缺项：" + "；".join(titles))
    before = f"{delta.score_before:g}" if delta.score_before is not None else "（未记录）"
    now = f"{document.score:g}" if document.score is not None else "—"
    drop = score_drop(document)
    lines.append(f"得分：基线 {before} → 本次 {now}" + (f"（{drop:+g}）" if drop is not None else ""))
    if delta.regressed:
        return {"cls": "b-worse", "head": "对照基线：较基线退步", "lines": lines}
    if not document.passed:
        lines.append("本报告仍未通过，但这些问题在基线中已有，没有新的退步，不影响按基线判定的结论。")
    return {"cls": "b-same", "head": "对照基线：没有退步", "lines": lines}


_MARK = {"met": "✓", "partial": "◐", "missing": "✗", "not_applicable": "–", "ignored": "·", OPTIONAL_TONE: "○"}
# Worst first, for sorting a column of the dashboard: the judged statuses from missing up, then the rest.
_RANK = {tone: rank for rank, tone in
         enumerate([*reversed(JUDGED), *(s for s in STATUS_LABEL if s not in JUDGED), OPTIONAL_TONE])}
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
            if finding.optional:
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
        with_baseline = summary.regressed is not None or any(row["baseline"] for row in self.rows)
        return html_page(_environment().get_template("index.html.j2").render(
            summary=summary,
            with_baseline=with_baseline,
            baseline_headline=baseline_totals(summary),
            rules=columns,
            rows=rows,
            bars=bars,
            reports=len(self.statuses),
            verdicts=sorted({row["verdict"] for row in rows}),
            levels=sorted({row["level"] for row in rows if row["level"]}),
            version=__version__,
        ))


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
        "findings": {f.rule: (f.tone, f.label, f.title, f.waiver is not None) for f in document.findings},
        "baseline": _baseline_mark(document),
    }


def _baseline_mark(document: DocumentResult) -> str:
    """The dashboard's word for a document against the baseline: 退步, 未退步, 新文件, or '' without one."""
    delta = document.baseline
    if delta is None:
        return ""
    if delta.regressed:
        return "退步"
    return "未退步" if delta.known else "新文件"


def _cell(found: Optional[tuple[str, str, str, bool]]) -> dict:
    tone, label, title, waived = found if found else ("not_applicable", "", "", False)
    return {
        "status": tone,
        "mark": _MARK[tone],
        "rank": _RANK[tone],
        "waived": waived,
        "title": f"{title}：{label}" if title else "",
    }


def _short(rule: str, title: str) -> str:
    """A column label: the title up to its first punctuation, at most ten characters."""
    head = re.split(r"[，、（(：:]", title)[0]
    return head if len(head) <= 10 else head[:9] + "…"
