"""Agreement between the checker and the labelled corpus in ../shared/corpus.

Balanced agreement (the mean of per-class recall) for kind, year, level and
the item / area statuses, as the corpus README asks. Skips cleanly when the
corpus is not there.

    python bench/corpus_agreement.py [--corpus DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.run.engine import Checker  # noqa: E402

STATUS = {"met": "present", "partial": "partial", "missing": "absent"}
ITEMS = {"measures": "item.measures", "shortcomings": "item.shortcomings",
         "first_responsible": "item.first-responsible", "next_year": "item.next-year"}
WATCHED = {"measures", "shortcomings", "first-responsible", "next-year", "leadership", "functions", "rules",
           "decisions", "enforcement", "emergencies", "disputes", "oversight", "digital"}
AREAS = ["leadership", "functions", "rules", "decisions", "enforcement", "emergencies", "disputes", "oversight", "digital"]


def balanced(pairs: list[tuple[object, object]]) -> float:
    """Mean over label classes of the share of that class predicted correctly."""
    by_class: dict[object, list[bool]] = defaultdict(list)
    for label, predicted in pairs:
        by_class[label].append(label == predicted)
    return sum(sum(v) / len(v) for v in by_class.values()) / len(by_class) if by_class else float("nan")


def corpus_file(corpus: Path, name: str) -> Path:
    if name.startswith("seeds/"):
        return ROOT / name
    return corpus / name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    labels_path = corpus / "labels.jsonl"
    if not labels_path.is_file():
        print(f"skipped: no labelled corpus at {corpus}")
        return 0
    checker = Checker()
    pairs: dict[str, list[tuple[object, object]]] = defaultdict(list)
    misses: list[str] = []
    skipped = 0
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        result = checker.check_file(str(corpus_file(corpus, label["file"])))
        if result.error:
            misses.append(f"{label['file']}: error {result.error.message}")
            continue
        meta = result.meta
        # A rule that does not apply to this report (its edition, year or profile) makes no claim.
        statuses = {f.rule: STATUS[f.status] for f in result.findings if f.status in STATUS}
        skipped += sum(1 for f in result.findings if f.status == "not_applicable" and f.rule.split(".")[1] in WATCHED)
        kind = meta.kind == "annual_report"
        pairs["kind"].append((label["is_annual_report"], kind))
        pairs["year"].append((label["year"], meta.year))
        if label["level"] is not None:
            pairs["level"].append((label["level"], meta.level))
        for key, rule in ITEMS.items():
            if rule in statuses:
                pairs["items"].append((label["items"][key], statuses[rule]))
                pairs[f"item.{key}"].append((label["items"][key], statuses[rule]))
        for key in AREAS:
            if f"area.{key}" in statuses:
                got = statuses[f"area.{key}"]
                pairs["areas"].append((label["areas"][key], got))
                pairs[f"area.{key}"].append((label["areas"][key], got))
        if args.verbose:
            wrong = [f"kind {label['is_annual_report']}->{kind}"] if label["is_annual_report"] != kind else []
            if label["year"] != meta.year:
                wrong.append(f"year {label['year']}->{meta.year}")
            if label["level"] is not None and label["level"] != meta.level:
                wrong.append(f"level {label['level']}->{meta.level}")
            wrong += [f"{k} {label['items'][k]}->{statuses[r]}" for k, r in ITEMS.items()
                      if r in statuses and label["items"][k] != statuses[r]]
            wrong += [f"{k} {label['areas'][k]}->{statuses['area.' + k]}" for k in AREAS
                      if "area." + k in statuses and label["areas"][k] != statuses["area." + k]]
            if wrong:
                misses.append(f"{label['file']}: " + "; ".join(wrong))
    print(f"texts: {len(pairs['kind'])}; item/area labels skipped as not applicable to the report: {skipped}")
    print(f"{'measure':<24}{'balanced':>10}{'raw':>8}{'n':>5}")
    for name, values in pairs.items():
        raw = sum(a == b for a, b in values) / len(values)
        print(f"{name:<24}{balanced(values):>10.3f}{raw:>8.3f}{len(values):>5}")
    for miss in misses:
        print("  ", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
