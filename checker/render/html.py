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
