"""The HTML gap report: one self-contained file per document, in Chinese, for A4.

No external fonts, scripts or styles (government intranets have no internet),
and every piece of document text goes through Jinja's autoescape. A finished
page goes through `html_page`, so control characters and names that were not
UTF-8 (lone surrogates) show as visible escapes and the page always encodes.

Against a baseline the gap report opens with a banner comparing the document
with the baseline, and the dashboard has a column that marks regressions.

Staff print the gap report and act on the paper: printed, it says who checked
and when, and keeps rule ids, file paths and the tool's name to one small
technical line at the end (`_technical_line`).
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache
from typing import Optional

from markupsafe import Markup, escape

from checker import __version__
from checker.concepts import GAPS, JUDGED, OPTIONAL_LABEL, OPTIONAL_TONE
from checker.model import CheckResult, DocumentResult, Finding, RunInfo, Summary
from checker.document.textnorm import normalize
from checker.render.labels import column_labels
from checker.render import (
    CATEGORY_LABEL, KIND_LABEL, LEVEL_LABEL, SEVERITY_LABEL, STATUS_LABEL, verdict_label, verdict_tone,
)
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


def render_document_html(document: DocumentResult, run: Optional[RunInfo] = None) -> str:
    """The gap report of one document; `run` says who checked it and when (left out when not known)."""
    gaps = document.gaps()
    counts = {tone: sum(1 for f in document.findings if f.tone == tone) for tone in (*STATUS_LABEL, OPTIONAL_TONE)}
    by_category: dict[str, list[Finding]] = {}
    for finding in document.findings:
        by_category.setdefault(finding.category, []).append(finding)
    delta = document.baseline
    titles = {f.rule: f.title for f in document.findings}
    return html_page(_environment().get_template("report.html.j2").render(
        doc=document,
        run=_run_view(run),
        technical=_technical_line(document),
        notices=[_rule_ids_named(notice, titles) for notice in document.notices],
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


def _run_view(run: Optional[RunInfo]) -> dict:
    """The check time in words and the reviewer, for the header of a page ('' when not known)."""
    return {"when": _in_words(run.checked_at) if run else "", "reviewer": (run.reviewer or "") if run else ""}


def _in_words(stamp: str) -> str:
    """2025-03-20T09:30:00+08:00 as 2025年3月20日 09:30: the local time it was taken in, as a reader writes it."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    day = f"{moment.year}年{moment.month}月{moment.day}日"
    return day if len(stamp) <= len("2025-03-20") else f"{day} {moment:%H:%M}"


def _technical_line(document: DocumentResult) -> str:
    """What only a technician needs, on one line: the tool and its version, the rulebook id, the file.

    Printed, this line is the only place for rule ids, paths and English words.
    """
    parts = [f"fzcheck {__version__}"]
    book = document.rulebook
    if book is not None:
        parts.append(f"rules {book.id} {book.version}")
    meta = document.meta
    kind = " ".join(x for x in ((meta.format or "") if meta else "", (meta.encoding or "") if meta else "") if x)
    parts.append(document.path + (f" ({kind})" if kind else ""))
    return " · ".join(parts)


_RULE_ID = re.compile(r"\b[a-z]+\.[a-z0-9-]+\b")


def _rule_ids_named(text: str, titles: dict[str, str]) -> str:
    """`text` with each rule id it quotes replaced by the rule's title: a reader knows rules by their titles."""
    return _RULE_ID.sub(lambda m: f"“{titles[m.group()]}”" if m.group() in titles else m.group(), text)


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
# The dashboard's status filter: each status as a label and the mark its cells show, the gaps first.
_STATUS_CHOICES = [*((STATUS_LABEL[s], _MARK[s]) for s in (*GAPS, *(s for s in STATUS_LABEL if s not in GAPS))),
                   (OPTIONAL_LABEL, _MARK[OPTIONAL_TONE])]
_GAP_MARKS = "".join(_MARK[s] for s in GAPS)
# What a cell's mark means, for the page's script: a cell carries only its mark, and its tooltip and its
# place in a sort are looked up from it (a thousand rows of 20 rules stay about a megabyte).
_MARK_MEANING = {_MARK[tone]: {"label": OPTIONAL_LABEL if tone == OPTIONAL_TONE else STATUS_LABEL[tone],
                               "rank": rank} for tone, rank in _RANK.items()}


class Dashboard:
    """The run's dashboard, built from a compact row per document (no document is kept)."""

    def __init__(self) -> None:
        self.rules: dict[str, str] = {}
        self.shorts: dict[str, str] = {}  # the rulebook's column label (Rule.short), where it gives one
        self.optional: set[str] = set()
        self.rows: list[dict] = []
        self.statuses: list[Optional[dict[str, str]]] = []  # per annual report, for the chart

    def add(self, document: DocumentResult, link: Optional[str]) -> None:
        for finding in document.findings:
            self.rules.setdefault(finding.rule, finding.title)
            if finding.short:
                self.shorts.setdefault(finding.rule, finding.short)
            if finding.optional:
                self.optional.add(finding.rule)
        self.rows.append(_index_row(document, link))
        reported = document.error is None and document.meta is not None and document.meta.kind == "annual_report"
        if reported:
            self.statuses.append({f.rule: f.status for f in document.findings})

    def render(self, summary: Summary, run: Optional[RunInfo] = None) -> str:
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
        labels = column_labels(self.rules, self.shorts)
        columns = [{"id": rule, "title": title, "short": labels[rule], "optional": rule in self.optional}
                   for rule, title in self.rules.items()]
        rows = [dict(row, cells=[_cell(row["findings"].get(rule)) for rule in self.rules]) for row in self.rows]
        shared: dict[str, list[str]] = {}
        for link in summary.copies:
            shared.setdefault(link.path, []).append(link.summary)
        for row in rows:  # the statuses in one attribute, a mark per column: the filter reads no cell
            row["marks"] = "".join(cell["mark"] for cell in row["cells"])
            row["copies"] = shared.get(row["name"], [])
        with_baseline = summary.regressed is not None or any(row["baseline"] for row in self.rows)
        return html_page(_environment().get_template("index.html.j2").render(
            summary=summary,
            run=_run_view(run),
            with_baseline=with_baseline,
            baseline_headline=baseline_totals(summary),
            rules=columns,
            rows=rows,
            bars=bars,
            reports=len(self.statuses),
            verdicts=sorted({row["verdict"] for row in rows}),
            levels=sorted({row["level"] for row in rows if row["level"]}),
            years=sorted({row["year"] for row in rows if row["year"]}, reverse=True),
            copies=[link for link in summary.copies if link.path < link.other_path],  # each pair once
            statuses=_STATUS_CHOICES,
            gap_marks=_GAP_MARKS,
            marks=_MARK_MEANING,
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
        "verdict_class": "v-" + verdict_tone(document),
        "findings": {f.rule: (f.tone, f.waiver is not None) for f in document.findings},
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


def _cell(found: Optional[tuple[str, bool]]) -> dict:
    tone, waived = found if found else ("not_applicable", False)
    return {"status": tone, "mark": _MARK[tone], "waived": waived}


