"""Metamorphic benchmark: change a report in a known way and see whether the findings follow.

Eleven kinds of change, on the two real seed reports:
  delete   remove one required part (and every sentence on its topic elsewhere);
           the rule for that part must get worse, and no unrelated rule may move;
  rename   give headings synonymous names; nothing may move;
  unnumber strip 一、（一）1. 一是 from the start of lines; nothing may move.
  wrap     break every line at 28 characters wide (56 columns), as text copied out of a PDF
           arrives; nothing may move.
  spaced   a space between every two characters (法 治 政 府, a justified PDF's text); nothing may move.
  stamped  a copy site's stamp (words and a web address) ahead of the text and every 400 characters, inside
           sentences too, as content farms print them; nothing may move.
  entities quotes and indents as HTML character references (&ldquo; &rdquo; &nbsp;), as a page's text saved
           undecoded has them; nothing may move.
  traditional  the text in Traditional characters (a portal's 繁體 button); nothing may move.
  compatible   digits full-width (２０２４) and ideographs as compatibility characters (⼈, 年), as Word
           files and PDFs printed from a browser write them; nothing may move.
  halfwidth    ，（）：；！？ as , ( ) : ; ! ? (a web copy); nothing may move.
  paged    wrapped as above, with a page's number (— 3 —) after every 22 lines and the title again at the top
           of every page after the first, as a copy out of a PDF carries them; nothing may move.
These changes also run on the annual reports of ../shared/corpus/
(skipped when it is absent).

Prints the detection rate (deletions the checker flagged) and the false-alarm
rate (rules that moved although the change had nothing to do with them).

    python bench/metamorphic.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.run.engine import Checker  # noqa: E402
from tests.builders import wrap_text  # noqa: E402

RANK = {"met": 2, "partial": 1, "missing": 0}
CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass
class Deletion:
    name: str
    target: str
    lines: tuple[int, int] | None = None  # 1-based, inclusive
    topic: list[str] = field(default_factory=list)  # sentences mentioning these go too
    replace: list[tuple[str, str]] = field(default_factory=list)  # headings that named the part
    allowed: set[str] = field(default_factory=set)  # rules that read the same text and may move


# The parts of the two real reports, found by reading them, not by running the checker.
DIGITAL = ["数字", "信息化", "网上", "网办", "一网", "平台", "互联网", "掌上", "线上", "APP", "小程序", "数据", "智慧", "电子", "系统"]
EMERGENCY = ["应急", "突发", "演练", "救援", "灾", "安全生产", "预警"]
DISPUTES = ["复议", "应诉", "调解", "信访", "纠纷", "矛盾", "争议", "诉讼", "裁决", "法律援助", "公证", "枫桥", "法律服务", "律师"]
FUNCTIONS = ["审批", "权责", "权力清单", "责任清单", "放管服", "简政放权", "放管结合", "营商环境", "政务服务", "中介服务",
             "下放", "职能", "随机抽查", "事中事后", "公平竞争", "机构改革", "一站式", "窗口", "政务公开", "市场准入"]
DECISIONS = ["决策", "法律顾问", "公职律师", "合同", "协议", "专家论证", "风险评估"]
LEADERS = ["主要负责", "第一责任人", "一把手", "主要领导", "述法", "常务会"]
MEASURES_QUALITY = {"quality.numbers"}
AREAS = {f"area.{a}" for a in ("leadership", "functions", "rules", "decisions", "enforcement", "emergencies",
                               "disputes", "oversight", "digital")}

DELETIONS = {
    "001_7724204651865b79.txt": [
        Deletion("删去“三、存在的问题”", "item.shortcomings", (37, 40), allowed={"quality.problems"}),
        Deletion("删去“四、2025年重点工作”", "item.next-year", (41, 44), allowed={"quality.plan", "quality.year-consistency"}),
        Deletion("删去第一责任人内容", "item.first-responsible", (7, 8), LEADERS,
                 allowed={"area.leadership"} | MEASURES_QUALITY),
        Deletion("删去“一、二、”两部分工作", "item.measures", (2, 36),
                 allowed=AREAS | MEASURES_QUALITY | {"item.first-responsible"}),
        Deletion("删去“（六）突发事件应对”", "area.emergencies", (31, 33), EMERGENCY, allowed=MEASURES_QUALITY),
        Deletion("删去“（七）数字法治政府”", "area.digital", (34, 36), DIGITAL,
                 allowed=MEASURES_QUALITY | {"area.functions", "area.oversight", "area.enforcement"}),
        Deletion("删去复议应诉调解内容", "area.disputes", (28, 28), DISPUTES,
                 allowed=MEASURES_QUALITY | {"area.oversight", "area.enforcement", "area.leadership", "item.shortcomings", "quality.problems"}),
    ],
    "003_eed9f17129c08ac0.txt": [
        Deletion("删去不足（九、的前半段）", "item.shortcomings", None, ["还存在一定差距", "意识淡薄"],
                 [("九、存在的问题和今后的打算", "九、今后的打算")], allowed={"quality.problems"}),
        Deletion("删去今后的打算", "item.next-year", (66, 74), ["今后,我们将"], allowed={"quality.plan"}),
        Deletion("删去“一、健全领导体制”", "item.first-responsible", (14, 14), LEADERS,
                 allowed={"area.leadership", "area.decisions"} | MEASURES_QUALITY),
        Deletion("删去“七、简政放权”", "area.functions", (34, 50), FUNCTIONS,
                 allowed=MEASURES_QUALITY | {"area.oversight", "area.rules", "area.enforcement", "area.digital"}),
        Deletion("删去“四、依法决策”", "area.decisions", (20, 20), DECISIONS,
                 allowed=MEASURES_QUALITY | {"area.rules", "area.oversight", "area.leadership", "item.first-responsible"}),
    ],
}

RENAMES = [
    ("主要举措及成效", "主要做法和成效"), ("主要举措和成效", "主要做法及成效"), ("存在的问题和今后的打算", "存在的不足和下一步工作"),
    ("存在的问题", "问题与不足"), ("存在的不足和原因", "存在的问题及原因"), ("重点工作", "工作打算"), ("下一步工作打算", "下一年度主要安排"),
    ("纵深推进法治建设第一责任人职责", "切实履行推进法治建设第一责任人职责"), ("健全突发事件应对体系", "依法做好突发事件应对工作"),
    ("加快推进数字法治政府建设", "提升数字法治政府建设水平"), ("工作情况", "工作开展情况"),
]
NUMBER = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]{1,3}是)\s*")


def delete(text: str, deletion: Deletion) -> str:
    lines = text.split("\n")
    if deletion.lines:
        first, last = deletion.lines
        lines = lines[: first - 1] + lines[last:]
    if deletion.topic:
        lines = [_drop_sentences(line, deletion.topic) for line in lines]
    text = "\n".join(lines)
    for old, new in deletion.replace:
        text = text.replace(old, new)
    return text


def _drop_sentences(line: str, words: list[str]) -> str:
    parts = re.findall(r"[^。；;]*[。；;]?", line)
    return "".join(part for part in parts if not any(word in part for word in words))


def rename(text: str) -> str:
    out = []
    for line in text.split("\n"):
        if NUMBER.match(line) and len(line) < 60:
            for old, new in RENAMES:
                line = line.replace(old, new)
        out.append(line)
    return "\n".join(out)


def unnumber(text: str) -> str:
    return "\n".join(NUMBER.sub("", line) for line in text.split("\n"))


WRAP_COLUMNS = 56  # an A4 page of 仿宋 at 16 points holds 28 characters a line


def wrap(text: str) -> str:
    return wrap_text(text, WRAP_COLUMNS)


PAGE_LINES = 22  # lines of 28 characters on an A4 page of 仿宋 at 16 points


def paged(text: str) -> str:
    lines, out = wrap(text).split("\n"), []
    title = lines[0] if len(lines[0]) < WRAP_COLUMNS // 2 else None  # a title shorter than a line, as titles are
    for k, line in enumerate(lines, start=1):
        out.append(line)
        if k % PAGE_LINES == 0:
            out += [f"— {k // PAGE_LINES} —"] + ([title] if title else [])
    return "\n".join(out)


STAMP = "文库之家—海量文档每日更新www.wenkuzj.com"  # made up: real ones vary
STAMP_EVERY = 400


def stamped(text: str) -> str:
    return STAMP + STAMP.join(text[k:k + STAMP_EVERY] for k in range(0, len(text), STAMP_EVERY))


def entities(text: str) -> str:
    quoted = text.replace("“", "&ldquo;").replace("”", "&rdquo;")
    return "\n".join("&nbsp;&nbsp;" + line if line.strip() else line for line in quoted.split("\n"))


def spaced(text: str) -> str:
    return _BETWEEN_CHARACTERS.sub(" ", text)


_BETWEEN_CHARACTERS = re.compile(r"(?<=\S)(?=\S)")


def traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def _compatibility_forms() -> dict[str, str]:
    """Each ideograph and digit that has one, with a character NFKC folds to it (人 → ⼈, 2 → ２)."""
    forms = {str(digit): chr(0xFF10 + digit) for digit in range(10)}
    for start, end in ((0x2F00, 0x2FD6), (0xF900, 0xFADA)):  # Kangxi radicals, compatibility ideographs
        for code in range(start, end):
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code):
                forms.setdefault(folded, chr(code))
    return forms


_COMPATIBLE = str.maketrans(_compatibility_forms())


def compatible(text: str) -> str:
    return text.translate(_COMPATIBLE)


_HALF_WIDTH = str.maketrans("，（）：；！？", ",():;!?")


def halfwidth(text: str) -> str:
    return text.translate(_HALF_WIDTH)


def statuses(checker: Checker, text: str, name: str) -> dict[str, str]:
    """Each rule's status, and the kind, year, level and issuer read (a change of form must not move them either)."""
    result = checker.check_text(text, name=name)
    meta = result.meta
    read = {"meta.kind": meta.kind, "meta.year": meta.year, "meta.level": meta.level, "meta.issuer": meta.issuer}
    return {f.rule: f.status for f in result.findings} | {key: str(value) for key, value in read.items()}


def compare(before: dict[str, str], after: dict[str, str], ignore: set[str]) -> list[str]:
    return [f"{rule}: {before[rule]}→{after.get(rule)}" for rule in before if rule not in ignore and after.get(rule) != before[rule]]


CHANGES = (("rename", rename), ("unnumber", unnumber), ("wrap", wrap), ("spaced", spaced), ("paged", paged), ("stamped", stamped), ("entities", entities),
           ("traditional", traditional),
           ("compatible", compatible), ("halfwidth", halfwidth))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    checker = Checker()
    detected = deletions = alarms = compared = 0
    invariance: dict[str, list[int]] = {kind: [0, 0] for kind, _ in CHANGES}
    for name, cases in DELETIONS.items():
        text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
        base = statuses(checker, text, name)
        for case in cases:
            after = statuses(checker, delete(text, case), name)
            deletions += 1
            hit = after[case.target] in RANK and RANK[after[case.target]] < RANK.get(base[case.target], -1)
            detected += hit
            moved = compare(base, after, {case.target} | case.allowed)
            alarms += len(moved)
            compared += len(base) - 1 - len(case.allowed & set(base))
            print(f"{name[:3]} {case.name:<22} {case.target:<24} {base[case.target]}→{after[case.target]:<8}"
                  f"{'flagged' if hit else 'MISSED ':<8} unrelated moved: {moved or 'none'}")
        for kind, change in CHANGES:
            moved = compare(base, statuses(checker, change(text), name), set())
            invariance[kind][0] += len(moved)
            invariance[kind][1] += len(base)
            print(f"{name[:3]} {kind:<22} moved: {moved or 'none'}")
    corpus_lines = []
    if (CORPUS / "labels.jsonl").is_file():
        for line in (CORPUS / "labels.jsonl").read_text(encoding="utf-8").splitlines():
            label = json.loads(line)
            if not label["is_annual_report"] or label["file"].startswith("seeds/"):
                continue
            text = (CORPUS / label["file"]).read_text(encoding="utf-8")
            base = statuses(checker, text, label["file"])
            for kind, change in CHANGES:
                moved = compare(base, statuses(checker, change(text), label["file"]), set())
                invariance[kind][0] += len(moved)
                invariance[kind][1] += len(base)
                if moved and args.verbose:
                    corpus_lines.append(f"   corpus {label['file']} {kind}: {moved}")
    print("\n".join(corpus_lines))
    all_alarms = alarms + sum(v[0] for v in invariance.values())
    all_compared = compared + sum(v[1] for v in invariance.values())
    print(f"\ndetection rate (deleted part flagged): {detected}/{deletions} = {detected / deletions:.2f}")
    print(f"false alarms on deletions (unrelated rules moved): {alarms}/{compared} = {alarms / compared:.3f}")
    for kind, (moved, total) in invariance.items():
        print(f"false alarms on {kind} (seeds + corpus reports): {moved}/{total} = {moved / total:.3f}")
    print(f"false-alarm rate overall: {all_alarms}/{all_compared} = {all_alarms / all_compared:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
