"""`fzcheck diff` as text for the terminal or as a self-contained HTML page."""

from __future__ import annotations

from checker.model import DiffResult, DocumentResult
from checker.render import STATUS_LABEL, verdict_label


def _line(document: DocumentResult) -> str:
    if document.error is not None:
        return f"{document.path}：{document.error.message}"
    meta = document.meta
    year = f"{meta.year}年度" if meta and meta.year else "年度未识别"
    return f"{document.path}（{year}，{verdict_label(document)}，{document.score:g} 分）"


def render_diff_text(result: DiffResult) -> str:
    out = [f"旧版：{_line(result.old)}", f"新版：{_line(result.new)}"]
    if result.score_change is None:
        return "\n".join(out) + "\n"
    out.append(result.headline())
    out.append(f"得分变化：{result.score_change:+g} 分")
    if result.changes:
        out.append("检查项变化：")
        for change in result.changes:
            arrow = "改善" if change.better else "退步"
            out.append(f"  [{arrow}] {change.rule} {change.title}：{STATUS_LABEL[change.before]} → {STATUS_LABEL[change.after]}")
    else:
        out.append("检查项变化：无")
    if result.repeated:
        out.append("与旧版相同或几乎相同的段落：")
        for passage in result.repeated:
            kind = "相同" if passage.same else f"相似度 {passage.similarity:.0%}"
            out.append(f"  [{passage.part_label}] 新版{passage.new_place} ≈ 旧版{passage.old_place}（{kind}）")
            out.append(f"    新：{passage.new_text}")
            out.append(f"    旧：{passage.old_text}")
    else:
        out.append("“存在的不足和原因”和“下一年度安排”中没有与旧版相同的段落。")
    return "\n".join(out) + "\n"


def render_diff_html(result: DiffResult) -> str:
    from checker.render.html import render_page

    return render_page("diff.html.j2", r=result, status_label=STATUS_LABEL, old_line=_line(result.old),
                       new_line=_line(result.new))
