"""One synthetic result, built in code, that takes every renderer through every branch it has.

The golden files in tests/golden/ are the renderers' output for this result,
so they change only when a renderer changes, never when a rule, a seed or the
engine does. Nothing here runs the checker: every value is written out and
only the result model is used. The texts are short but plausible, so the
golden files read like real reports.

What is covered, and where:

- 甲市 (.docx, places “一、… > （二）…”下第N段): an annual report that fails
  on a missing required item; met / partial / missing, error / warning / info,
  categories item / area / quality, evidence with and without `page` (kept in
  the JSON; reports print `place`), a waived finding, a notice, a baseline
  delta, an outline with part roles and no places (a Word heading is found by
  its words).
- 乙县 (.txt, places 第N行): an annual report that passes; a not_applicable
  finding, an info gap, evidence and outline with line places.
- 县司法局 news item (.txt): not an annual report, with kind_reasons and a
  notice, no outline.
- 丙镇 (.docx): a file that could not be checked (DocumentError).
- the summary: one waived finding, an expired and an unused waiver, a
  regressed count.
- the run: a fixed check time and reviewer (RUN), so pages that print them stay the same.
- `diff_result()`: last year's and this year's 乙县 report, with rules that
  got better and worse and passages repeated word for word and nearly.
- `many()`: any number of plain rows for the dashboard (a thousand, to see it scale).
"""

from __future__ import annotations

from checker.model import DiffResult, Passage, RuleChange
from checker.concepts import STATUS_VALUE
from checker.model import (
    BaselineDelta,
    Basis,
    CheckResult,
    DocumentError,
    DocumentMeta,
    DocumentResult,
    Evidence,
    Finding,
    OutlineEntry,
    PolicyRef,
    RulebookRef,
    RunInfo,
    WaiverRef,
    summarise,
)

VERSION = "0.0.0-golden"  # the version every golden file shows, whatever the package's version

DUCHA = "法治政府建设与责任落实督察工作规定"
GANGYAO = "法治政府建设实施纲要（2021-2025年）"
RULEBOOK = RulebookRef(id="edition-2021-2025", edition="2021-2025", version="2026.11", name=GANGYAO)
RUN = RunInfo(checked_at="2025-03-20T09:30:00+08:00", reviewer="甲市司法局 李某")

# rule id -> (title, category, severity, weight, basis, advice)
RULES: dict[str, tuple[str, str, str, float, Basis, str]] = {
    "item.measures": (
        "上一年度推进法治政府建设的主要举措和成效", "item", "error", 15.0,
        Basis(document=DUCHA, article="第二十三条（年度报告内容第一项）", note="条款号据官方目录转述，待核对全文"),
        "单列“一、20XX年度推进法治政府建设的主要举措和成效”，分条写明做了什么、取得了哪些可量化的成效。",
    ),
    "item.shortcomings": (
        "上一年度推进法治政府建设存在的不足和原因", "item", "error", 10.0,
        Basis(document=DUCHA, article="第二十三条（年度报告内容第二项）", note="要求写明“不足”和“原因”两方面"),
        "逐条写明具体问题，并紧跟“主要原因是……”分析其主客观原因，避免套话。",
    ),
    "item.first-responsible": (
        "党政主要负责人履行推进法治建设第一责任人职责情况", "item", "error", 10.0,
        Basis(document=DUCHA, article="第二十三条（年度报告内容第三项）"),
        "写明主要负责同志本人主持召开常务会议、带头述法、出庭应诉等具体行动和次数。",
    ),
    "item.next-year": (
        "下一年度推进法治政府建设的主要安排", "item", "error", 10.0,
        Basis(document=DUCHA, article="第二十三条（年度报告内容第四项）"),
        "单列“下一年度主要安排”，分条列出三项以上具体任务，与查找出的不足相对应。",
    ),
    "item.other": (
        "其他需要报告的情况", "item", "info", 0.0,
        Basis(document=DUCHA, article="第二十三条（年度报告内容第五项）", note="实践中可选，无其他情况可不写"),
        "如有示范创建、督察整改等需要专门说明的情况，可单列“其他需要报告的情况”。",
    ),
    "area.disputes": (
        "健全社会矛盾纠纷行政预防调处化解体系（复议、应诉、调解、裁决、信访）", "area", "warning", 4.0,
        Basis(document=GANGYAO, article="第七部分"),
        "写明行政复议收案、审结和纠错情况，行政机关负责人出庭应诉率，调解和信访工作的数据。",
    ),
    "area.digital": (
        "健全法治政府建设科技保障体系（数字法治政府）", "area", "warning", 4.0,
        Basis(document=GANGYAO, article="第九部分"),
        "写明政务服务平台和行政执法监督平台建设、“互联网+监管”和非现场执法的进展和数据。",
    ),
    "quality.title": (
        "标题规范并写明年度", "quality", "warning", 3.0,
        Basis(document="党政机关公文格式（GB/T 9704-2012）", article="标题由发文机关、事由和文种组成"),
        "标题写作“××人民政府关于20××年度法治政府建设情况的报告”。",
    ),
    "quality.numbers": (
        "举措和成效有数据和具体事例支撑", "quality", "warning", 4.0,
        Basis(document=GANGYAO, article="第十部分（三十三）"),
        "补充可核实的数字（办理件数、培训人次、出庭应诉率等）和具体事例，每千字宜有六处以上。",
    ),
    "quality.publication": (
        "按时向社会公开", "quality", "error", 3.0,
        Basis(document=DUCHA, article="第二十四条（每年4月1日之前向社会公开）"),
        "在次年4月1日之前通过政府网站向社会公开年度报告。",
    ),
}


OPTIONAL = {"item.other"}  # as the rulebook marks it (optional: true)
# Column labels as the rulebook gives them (short:); quality.publication has none, as a local rule may not.
SHORT = {"item.measures": "举措和成效", "item.shortcomings": "不足和原因", "item.first-responsible": "第一责任人",
         "item.next-year": "下一年度安排", "item.other": "其他情况", "area.disputes": "矛盾纠纷",
         "area.digital": "数字法治", "quality.title": "标题", "quality.numbers": "数据和事例"}


def _finding(rule: str, status: str, message: str, evidence: tuple[Evidence, ...] = (),
             waiver: WaiverRef | None = None) -> Finding:
    title, category, severity, weight, basis, advice = RULES[rule]
    score = STATUS_VALUE.get(status, 0.0)
    return Finding(rule=rule, title=title, short=SHORT.get(rule, ""), category=category, status=status,
                   severity=severity, weight=weight, score=score, points=score * weight, evidence=list(evidence),
                   message=message, advice=advice, basis=basis, waiver=waiver, optional=rule in OPTIONAL)


# --------------------------------------------------------------------------- 甲市: fails, .docx


JIA_PATH = "reports/甲市/甲市人民政府关于2024年度法治政府建设情况的报告.docx"
JIA_WAIVERS = "reports/甲市/fzcheck-waivers.yaml"


def jia() -> DocumentResult:
    measures = "一、2024年度法治政府建设主要举措和成效"
    findings = [
        _finding("item.measures", "met", "已写明上一年度的主要举措和成效。", (
            Evidence(section=measures, line=5, excerpt="2024年度法治政府建设主要举措和成效",
                     terms=["主要举措", "成效"], page=1, place=f"第4段 · {measures}"),
            Evidence(section=f"{measures} > （二）深化“放管服”改革", line=12,
                     excerpt="全年取消和下放行政许可事项23项，政务服务事项网上可办率达98%。",
                     terms=["23项", "98%"], page=2, place=f"“{measures} > （二）深化“放管服”改革”下第1段"),
        )),
        _finding("item.shortcomings", "partial",
                 "列出了问题或差距，但没有分析原因。 还缺少：原因分析（原因、主要是、究其原因等）。", (
                     Evidence(section="二、存在的不足", line=31, excerpt="一是基层执法人员力量仍显不足。",
                              terms=["不足"], page=3, place="“二、存在的不足”下第1段"),
                 )),
        _finding("item.first-responsible", "met", "已写明党政主要负责人履行第一责任人职责的具体情况。", (
            Evidence(section=f"{measures} > （一）加强党的领导", line=7,
                     excerpt="市政府主要负责同志主持召开常务会议6次，专题研究法治政府建设。",
                     terms=["主要负责同志", "主持召开"], page=1, place=f"“{measures} > （一）加强党的领导”下第1段"),
        )),
        _finding("item.next-year", "missing",
                 "未找到下一年度推进法治政府建设的主要安排。 还缺少：单列的“下一年度主要安排”部分。"),
        _finding("item.other", "missing", "未单列“其他需要报告的情况”（无其他情况时可不写，此项不扣分）。"),
        _finding("area.disputes", "partial", "仅简略提及行政复议或应诉，缺少具体数据。", (
            Evidence(section=f"{measures} > （四）化解行政争议", line=20,
                     excerpt="行政机关负责人出庭应诉率达100%。", terms=["出庭应诉"],
                     place=f"“{measures} > （四）化解行政争议”下第2段"),
        )),
        _finding("area.digital", "missing", "未写数字法治政府建设方面的工作。",
                 waiver=WaiverRef(reason="数字政府建设情况另行专项报告", approved_by="市司法局 王某",
                                  expires="2026-06-30", file=JIA_WAIVERS)),
        _finding("quality.title", "met", "标题规范，写明了发文机关、年度和文种。", (
            Evidence(section="标题", line=1, excerpt="甲市人民政府关于2024年度法治政府建设情况的报告",
                     terms=["2024年度", "报告"], page=1, place="第1段 · 标题"),
        )),
        _finding("quality.numbers", "partial", "举措和成效部分数据或具体事例偏少。 统计：约 1800 字，含数据 7 处。"),
        _finding("quality.publication", "met", "在规定期限内公开。 发布日期 2025-03-05，期限为 2025-03-31 前（含当日）。"),
    ]
    return DocumentResult(
        path=JIA_PATH,
        meta=DocumentMeta(
            title="甲市人民政府关于2024年度法治政府建设情况的报告", year=2024, issuer="甲市人民政府", level="city",
            profile="government", kind="annual_report", chars=4210, addressee="省人民政府",
            closing_date="2025-02-18", published="2025-03-05", encoding=None, format="docx",
            kind_reasons=["标题是年度报告的格式", "有“现将……报告如下”的报告用语", "有3个年度报告的法定部分"],
        ),
        rulebook=RULEBOOK,
        score=67.8,
        passed=False,
        verdict="未通过：缺少必备内容“下一年度推进法治政府建设的主要安排”",
        findings=findings,
        outline=[
            OutlineEntry(level=1, marker="一、", heading="2024年度法治政府建设主要举措和成效", line=5,
                         role="measures", page=1),
            OutlineEntry(level=2, marker="（一）", heading="加强党的领导", line=6, role="first_responsible", page=1),
            OutlineEntry(level=2, marker="（二）", heading="深化“放管服”改革", line=11, page=2),
            OutlineEntry(level=1, marker="二、", heading="存在的不足", line=30, role="shortcomings", page=3),
        ],
        notices=["豁免已过期（2024-12-31），未予适用：quality.numbers（上年度统计数据尚未公布）"],
        baseline=BaselineDelta(known=True, score_before=72.4, new_gaps=["item.next-year"], regressed=True),
    )


# --------------------------------------------------------------------------- 乙县: passes, .txt


YI_PATH = "reports/乙县/乙县2024年法治政府建设年度报告.txt"


def yi() -> DocumentResult:
    findings = [
        _finding("item.measures", "met", "已写明上一年度的主要举措和成效。", (
            Evidence(section="一、主要举措和成效", line=4, excerpt="主要举措和成效", terms=["主要举措", "成效"],
                     place="第4行 · 一、主要举措和成效"),
        )),
        _finding("item.shortcomings", "met", "已写明存在的不足，并分析了原因。", (
            Evidence(section="二、存在的不足和原因", line=33,
                     excerpt="一是部分执法人员办案不够规范，主要原因是培训覆盖面不足。", terms=["主要原因"],
                     place="第33行 · 二、存在的不足和原因"),
        )),
        _finding("item.first-responsible", "met", "已写明党政主要负责人履行第一责任人职责的具体情况。", (
            Evidence(section="一、主要举措和成效 > （一）压实第一责任人职责", line=6,
                     excerpt="县长带头出庭应诉3次，会前学法12次。", terms=["县长", "出庭应诉"],
                     place="第6行 · 一、主要举措和成效 > （一）压实第一责任人职责"),
        )),
        _finding("item.next-year", "met", "已列出下一年度的主要工作安排。", (
            Evidence(section="三、2025年工作安排", line=42, excerpt="2025年工作安排", terms=["2025年"],
                     place="第42行 · 三、2025年工作安排"),
            Evidence(section="三、2025年工作安排", line=44,
                     excerpt="2025年，我县将持续深化行政执法体制改革，6月底前完成乡镇综合执法队伍培训全覆盖。",
                     terms=["6月底前"], place="第44行 · 三、2025年工作安排"),
        )),
        _finding("item.other", "missing", "未单列“其他需要报告的情况”（无其他情况时可不写，此项不扣分）。"),
        _finding("area.disputes", "met", "已写明行政复议、应诉、调解、信访等化解矛盾纠纷方面的工作。", (
            Evidence(section="一、主要举措和成效 > （三）化解行政争议", line=18,
                     excerpt="全年办理行政复议案件56件，纠错率12.5%。", terms=["行政复议", "56件"],
                     place="第18行 · 一、主要举措和成效 > （三）化解行政争议"),
        )),
        _finding("area.digital", "partial", "仅简略提及信息化，缺少数字法治政府建设的具体做法。", (
            Evidence(section="一、主要举措和成效", line=25, excerpt="推进执法信息化建设。", terms=["信息化"],
                     place="第25行 · 一、主要举措和成效"),
        )),
        _finding("quality.title", "partial", "有标题，但缺少年度、报告文种或发文机关。 问题：标题未写明发文机关全称。"),
        _finding("quality.publication", "not_applicable", "未能确定发布日期（可从网页读取，或用 --published 指定）。"),
        _finding("quality.numbers", "ignored", "已按配置忽略此项（ignore）。举措和成效部分数据或具体事例偏少。"),
    ]
    return DocumentResult(
        path=YI_PATH,
        policy=PolicyRef(fail_under=60, fail_on="error", ignored=["quality.numbers"]),
        meta=DocumentMeta(
            title="乙县2024年法治政府建设年度报告", year=2024, issuer="乙县人民政府", level="county",
            profile="government", kind="annual_report", chars=3120, encoding="utf-8", format="txt",
            kind_reasons=["标题是年度报告的格式", "以本机关第一人称叙述", "有4个年度报告的法定部分"],
        ),
        rulebook=RULEBOOK,
        score=93.8,
        passed=True,
        verdict="通过：得分 93.8，无缺失的必备内容",
        findings=findings,
        outline=[
            OutlineEntry(level=1, marker="一、", heading="主要举措和成效", line=4, role="measures", place="第4行"),
            OutlineEntry(level=2, marker="（一）", heading="压实第一责任人职责", line=5, role="first_responsible",
                         place="第5行"),
            OutlineEntry(level=2, marker="（三）", heading="化解行政争议", line=17, place="第17行"),
            OutlineEntry(level=1, marker="二、", heading="存在的不足和原因", line=32, role="shortcomings",
                         place="第32行"),
            OutlineEntry(level=1, marker="三、", heading="2025年工作安排", line=42, role="next_year", place="第42行"),
        ],
    )


# --------------------------------------------------------------------------- not an annual report, .txt


NEWS_PATH = "reports/乙县/县司法局召开法治政府建设推进会.txt"
NEWS_REASONS = ["标题表明是新闻", "新闻报道用语", "未写明所报告的年度"]


def news() -> DocumentResult:
    findings = [
        _finding("item.measures", "partial", "有工作情况的表述，但篇幅过短或未写明是哪一年度的工作。", (
            Evidence(section="开头部分", line=3, excerpt="会议通报了今年以来全县法治政府建设工作情况。", terms=["工作情况"],
                     place="第3行 · 开头部分"),
        )),
        _finding("item.next-year", "missing", "未找到下一年度推进法治政府建设的主要安排。"),
        _finding("quality.title", "partial", "有标题，但缺少年度、报告文种或发文机关。 问题：标题表明是新闻，不是年度报告。"),
        _finding("quality.publication", "not_applicable", "未能识别报告年度，无法判断是否按时公开。"),
    ]
    return DocumentResult(
        path=NEWS_PATH,
        meta=DocumentMeta(title="县司法局召开法治政府建设推进会", kind="not_annual_report", chars=860,
                          encoding="gb18030", format="txt", kind_reasons=NEWS_REASONS),
        rulebook=RULEBOOK,
        score=32.1,
        passed=False,
        verdict=f"不是法治政府建设年度报告（{'；'.join(NEWS_REASONS)}），未按年度报告评判",
        findings=findings,
        notices=[f"未能识别报告所属年度，按《{GANGYAO}》检查。"],
    )


# --------------------------------------------------------------------------- could not be checked, .docx


BROKEN_PATH = "reports/丙镇/丙镇2024年度报告.docx"
BROKEN_ZH = "docx 文件已损坏或不完整，无法打开；请在 Word/WPS 中重新保存后再检查"


def broken() -> DocumentResult:
    return DocumentResult(
        path=BROKEN_PATH,
        error=DocumentError(code="corrupt", message=f"{BROKEN_PATH}: {BROKEN_ZH} "
                            "(the docx file is damaged or truncated and cannot be opened; re-save it and try again)"),
        verdict=f"无法检查：{BROKEN_ZH}",
    )


# --------------------------------------------------------------------------- the run


def check_result() -> CheckResult:
    """Four documents in the order a run would report them, and the run's summary."""
    documents = [jia(), yi(), news(), broken()]
    summary = summarise(documents)
    summary.expired_waivers = [f"{JIA_WAIVERS}#2 quality.numbers 甲市人民政府关于2024年度法治政府建设情况的报告.docx"]
    summary.unused_waivers = ["reports/fzcheck-waivers.yaml#1 item.other 乙县*.txt"]
    summary.regressed = 1
    return CheckResult(version=VERSION, documents=documents, summary=summary, run=RUN)


def diff_result() -> DiffResult:
    """乙县's report for 2023 against the one for 2024: two rules better, one worse, two passages repeated."""
    new = yi()
    old = new.model_copy(update={
        "path": "reports/乙县/乙县2023年法治政府建设年度报告.txt",
        "meta": new.meta.model_copy(update={"title": "乙县2023年法治政府建设年度报告", "year": 2023}),
        "score": 84.0,
        "verdict": "通过：得分 84，无缺失的必备内容",
        "findings": [],
        "outline": [],
    })
    changes = [
        RuleChange(rule="item.shortcomings", title=RULES["item.shortcomings"][0], before="partial", after="met",
                   better=True),
        RuleChange(rule="area.digital", title=RULES["area.digital"][0], before="met", after="partial", better=False),
        RuleChange(rule="quality.title", title=RULES["quality.title"][0], before="missing", after="partial",
                   better=True),
    ]
    repeated = [
        Passage(part="shortcomings", part_label="存在的不足和原因", old_line=31, new_line=33,
                old_text="一是部分执法人员办案不够规范，主要原因是培训覆盖面不足。",
                new_text="一是部分执法人员办案不够规范，主要原因是培训覆盖面不足。", similarity=1.0, same=True,
                old_place="第31行 · 三、存在的不足和原因", new_place="第33行 · 三、存在的不足和原因"),
        Passage(part="next_year", part_label="下一年度安排", old_line=40, new_line=44,
                old_text="2024年，我县将持续深化行政执法体制改革，年底前完成乡镇综合执法队伍培训全覆盖。",
                new_text="2025年，我县将持续深化行政执法体制改革，6月底前完成乡镇综合执法队伍培训全覆盖。",
                similarity=0.93, same=False, old_place="第40行 · 四、下一年度安排", new_place="第44行 · 四、下一年度安排"),
    ]
    return DiffResult(old=old, new=new, score_change=9.8, changes=changes, repeated=repeated)


# --------------------------------------------------------------------------- many rows, for the dashboard


LEVELS = ("province", "city", "county", "township", "department")
# Statuses a row's rule takes in turn; the step between rows and between rules keeps neighbours different.
CYCLE = ("met", "met", "partial", "missing", "met", "not_applicable", "met")


def many(count: int, rules: list[tuple[str, str, str, bool]] | None = None) -> list[DocumentResult]:
    """`count` annual reports with every rule of `rules` (id, title, short, optional), statuses spread evenly.

    Every 97th file could not be checked and every 89th is not an annual report, as in a real run.
    """
    rules = rules or [(rule, spec[0], SHORT.get(rule, ""), rule in OPTIONAL) for rule, spec in RULES.items()]
    out = []
    for index in range(count):
        path = f"reports/样例{index:04d}/样例{index:04d}县人民政府{2021 + index % 4}年度法治政府建设情况的报告.txt"
        if index % 97 == 96:
            out.append(DocumentResult(path=path, error=DocumentError(code="corrupt", message=BROKEN_ZH),
                                      verdict=f"无法检查：{BROKEN_ZH}"))
            continue
        findings = [_plain(rule, title, short, CYCLE[(index * 3 + column) % len(CYCLE)], optional)
                    for column, (rule, title, short, optional) in enumerate(rules)]
        out.append(_row(index, path, findings))
    return out


def _plain(rule: str, title: str, short: str, status: str, optional: bool) -> Finding:
    score = STATUS_VALUE.get(status, 0.0)
    severity = "error" if rule.startswith("item.") else "warning"  # the five items are required, the rest count
    return Finding(rule=rule, title=title, short=short, category=rule.split(".")[0], status=status, severity=severity,
                   weight=5.0, score=score, points=score * 5.0, message="", advice="按要求补充。",
                   basis=Basis(document=DUCHA), optional=optional)


def _row(index: int, path: str, findings: list[Finding]) -> DocumentResult:
    judged = [f for f in findings if f.status in STATUS_VALUE and not f.optional]
    score = round(100 * sum(f.score for f in judged) / max(len(judged), 1), 1)
    passed = score >= 60 and not any(f.is_gap and f.status == "missing" and f.severity == "error" for f in findings)
    kind = "not_annual_report" if index % 89 == 88 else "annual_report"
    year = 2021 + index % 4  # four years in turn, as in the file name
    meta = DocumentMeta(title=f"样例{index:04d}县人民政府关于{year}年度法治政府建设情况的报告", year=year,
                        issuer=f"样例{index:04d}县人民政府", level=LEVELS[index % len(LEVELS)],
                        profile="government", kind=kind, chars=3000, format="txt", encoding="utf-8")
    passed = passed and kind == "annual_report"
    return DocumentResult(path=path, meta=meta, rulebook=RULEBOOK, score=score, passed=passed,
                          verdict="通过" if passed else "未通过：缺少必备内容", findings=findings)
