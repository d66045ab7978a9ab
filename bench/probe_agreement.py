"""Agreement with passage probes: short passages written from the labelling rules, each judged on one rule.

The corpus holds report openings, which rarely reach the later parts of a report or the turns that decide
a status in context (a leader named once and then sentences without a subject, counts in the next sentence,
a sub-heading over a body on another topic, an act of an earlier year, a part heading over a body that is
not about it). The probes in bench/data/probes do: each passage is the whole body of one part of a city
report (on 2023, or on the probe's own `year`), and names the rule it tests and the status the labelling
rules (../shared/corpus/README.md) give it.
Writers who saw neither the checker nor its rules wrote them (see bench/data/probes/README.md for which sets
have been used for tuning). The rest of the report around a passage is neutral filler that touches no rule.

    python bench/probe_agreement.py [SET.jsonl ...] [--misses] [--classes]

Prints, per set, the share of passages whose status is the writer's, the balanced agreement (the mean of
the recall of met, partial and missing) and, with --classes, each rule's share. --misses lists the passages
the checker judges otherwise: for the sets used for tuning only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from checker.run.engine import Checker  # noqa: E402
from corpus_agreement import balanced  # noqa: E402

PROBES = ROOT / "bench" / "data" / "probes"
YEAR = 2023  # the report's year, unless a probe gives its own (`year`)
TITLE = "青山市人民政府{year}年法治政府建设年度报告"
PREAMBLE = "现将青山市{year}年度有关工作情况报告如下。"
CLOSING = ["青山市人民政府", "{next}年3月20日"]
# The parts in the order reports give them, each with its heading and the filler that stands in for its body
# when the passage is elsewhere (None: the part is left out, so that it adds nothing to the rule tested).
PARTS = {
    "measures": ("一、{year}年推进法治政府建设的主要举措和成效", "全年各项工作有序推进，取得了一定成效。"),
    "shortcomings": ("二、存在的不足和原因",
                     "一是工作推进还不够平衡，个别单位进展较慢。二是部分工作质量有待提高。"
                     "主要原因是人员力量不足，业务能力有待提升。"),
    "first_responsible": ("三、党政主要负责人履行推进法治建设第一责任人职责情况", None),
    "next_year": ("四、{next}年推进法治政府建设的主要安排",
                  "一是继续抓好各项工作落实，确保年度任务按期完成。二是进一步提升工作质量和水平。"
                  "三是加强队伍建设，提高履职能力。"),
}


def report_for(probe: dict) -> str:
    """The neutral report, of the probe's year, with the probe's passage as the body of its part."""
    year = probe.get("year", YEAR)
    dated = {"year": year, "next": year + 1}
    lines = [TITLE.format(**dated), "", PREAMBLE.format(**dated)]
    for part, (heading, filler) in PARTS.items():
        body = probe["passage"].replace("\\n", "\n") if part == probe["part"] else filler
        if body is not None:
            lines += [heading.format(**dated), body]
    return "\n".join([*lines, "", *(line.format(**dated) for line in CLOSING)]) + "\n"


def judged(checker: Checker, probe: dict) -> str:
    result = checker.check_text(report_for(probe), name=f"{probe['id']}.txt")
    found = next((f for f in result.findings if f.rule == probe["rule"]), None)
    if found is None:
        return "none"
    # A rule the report's edition does not ask for (突发事件 before 2021) still says what the text shows.
    return found.observed or found.status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="*", type=Path, help="probe files (default: every set in bench/data/probes)")
    parser.add_argument("--misses", action="store_true", help="list the passages judged otherwise")
    parser.add_argument("--classes", action="store_true", help="each rule's share")
    args = parser.parse_args()
    checker = Checker()
    for path in args.sets or sorted(PROBES.glob("set_*.jsonl")):
        probes = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        pairs, right, total = [], Counter(), Counter()
        for probe in probes:
            status = judged(checker, probe)
            pairs.append((probe["expected"], status))
            right[probe["rule"]] += status == probe["expected"]
            total[probe["rule"]] += 1
            if args.misses and status != probe["expected"]:
                passage = probe["passage"][:120]
                print(f"  {probe['id']} {probe['rule']}: {probe['expected']}, checker {status}: {passage}")
        agree = sum(right.values())
        print(f"{path.name}: {agree} of {len(probes)} ({agree / len(probes):.3f}), balanced {balanced(pairs):.3f}")
        if args.classes:
            for rule in sorted(total):
                print(f"  {rule:26s} {right[rule]:3d} of {total[rule]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
