"""Agreement between the checker and the labelled corpus in ../shared/corpus, with a two-fold check.

Balanced agreement (the mean of per-class recall) for kind, year, level and
the item / area statuses, as the corpus README asks; items and areas are
scored on annual reports only. The texts are split into two fixed halves (by
a hash of the file name): work on the checker looks at the mistakes of one
half only (`--misses A`), and the other half's figures are the ones that say
how it will do on texts it has not seen. Skips cleanly when the corpus is not
there.

    python bench/corpus_agreement.py [--corpus DIR] [--misses A|B|all] [--classes] [--second FILE]

With `--second`, a second reviewer's labels of the same texts (same format): how far the two
reviewers agree with each other, and the checker against the labels they agree on (the consensus),
whole and per half. Where reviewers split, neither is the truth: the consensus figures say more.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.run.engine import Checker  # noqa: E402

STATUS = {"met": "present", "partial": "partial", "missing": "absent"}
ITEMS = {"measures": "item.measures", "shortcomings": "item.shortcomings",
         "first_responsible": "item.first-responsible", "next_year": "item.next-year"}
AREAS = ["leadership", "functions", "rules", "decisions", "enforcement", "emergencies", "disputes", "oversight", "digital"]
FOLDS = ("A", "B")


def fold_of(name: str) -> str:
    """A fixed half for each text: the same on every machine and run."""
    return FOLDS[hashlib.sha1(name.encode("utf-8")).digest()[0] % 2]


def recalls(pairs: list[tuple[object, object]]) -> dict[object, tuple[int, int]]:
    """Per label class: (predicted correctly, how many)."""
    by_class: dict[object, list[int]] = defaultdict(lambda: [0, 0])
    for label, predicted in pairs:
        by_class[label][0] += label == predicted
        by_class[label][1] += 1
    return {label: (hit, total) for label, (hit, total) in by_class.items()}


def balanced(pairs: list[tuple[object, object]]) -> float:
    """Mean over label classes of the share of that class predicted correctly."""
    classes = recalls(pairs)
    return sum(hit / total for hit, total in classes.values()) / len(classes) if classes else float("nan")


def corpus_file(corpus: Path, name: str) -> Path:
    return ROOT / name if name.startswith("seeds/") else corpus / name


def compare(label: dict, result) -> tuple[dict[str, list[tuple[object, object]]], list[str]]:
    """The (label, prediction) pairs of one text, by measure, and what it got wrong."""
    pairs: dict[str, list[tuple[object, object]]] = defaultdict(list)
    meta = result.meta
    kind = meta.kind == "annual_report"
    pairs["kind"].append((label["is_annual_report"], kind))
    wrong = [f"kind {label['is_annual_report']}->{kind}"] if label["is_annual_report"] != kind else []
    if not label["is_annual_report"]:
        return pairs, wrong
    if label["year"] is not None:
        pairs["year"].append((label["year"], meta.year))
        if label["year"] != meta.year:
            wrong.append(f"year {label['year']}->{meta.year}")
    if label["level"] is not None:
        pairs["level"].append((label["level"], meta.level))
        if label["level"] != meta.level:
            wrong.append(f"level {label['level']}->{meta.level}")
    # A rule this report is not asked for (its edition, year or profile) still says what the text shows.
    statuses = {f.rule: STATUS[f.status] for f in result.findings if f.status in STATUS}
    statuses.update({f.rule: STATUS[f.observed] for f in result.findings if f.observed in STATUS})
    wanted = [("items", f"item.{key}", label["items"][key], rule) for key, rule in ITEMS.items()]
    wanted += [("areas", f"area.{key}", label["areas"][key], f"area.{key}") for key in AREAS]
    for group, name, expected, rule in wanted:
        if expected is not None and rule in statuses:
            pairs[group].append((expected, statuses[rule]))
            pairs[name].append((expected, statuses[rule]))
            if expected != statuses[rule]:
                wrong.append(f"{name} {expected}->{statuses[rule]}")
    return pairs, wrong


def reviewer_pairs(first: dict, second: dict) -> dict[str, list[tuple[object, object]]]:
    """The (first, second) label pairs of one text, by measure: items and areas where both call it a report."""
    pairs: dict[str, list[tuple[object, object]]] = defaultdict(list)
    pairs["kind"].append((first["is_annual_report"], second["is_annual_report"]))
    if not (first["is_annual_report"] and second["is_annual_report"]):
        return pairs
    for field in ("year", "level"):
        pairs[field].append((first[field], second[field]))
    for group, keys in (("items", ITEMS), ("areas", AREAS)):
        for key in keys:
            pair = (first[group][key], second[group][key])
            pairs[group].append(pair)
            pairs[f"{group[:-1]}.{key}"].append(pair)
    return pairs


def consensus(first: dict, second: dict) -> Optional[dict]:
    """The labels both reviewers gave (None where they differ); None when they differ on the kind."""
    if first["is_annual_report"] != second["is_annual_report"]:
        return None
    agreed = {**first}
    for field in ("year", "level"):
        agreed[field] = first[field] if first[field] == second[field] else None
    for group in ("items", "areas"):
        # (a non-report's items and areas may be left null: they are not scored)
        theirs = second[group] or {}
        agreed[group] = {key: value if value == theirs.get(key) else None for key, value in (first[group] or {}).items()}
    return agreed


def table(title: str, pairs: dict[str, list[tuple[object, object]]], classes: bool) -> None:
    print(f"\n{title}")
    print(f"{'measure':<24}{'balanced':>10}{'raw':>8}{'n':>5}   per class (right/all)" if classes else
          f"{'measure':<24}{'balanced':>10}{'raw':>8}{'n':>5}")
    for name, values in pairs.items():
        raw = sum(a == b for a, b in values) / len(values)
        line = f"{name:<24}{balanced(values):>10.3f}{raw:>8.3f}{len(values):>5}"
        if classes:
            line += "   " + "  ".join(f"{c}:{h}/{t}" for c, (h, t) in sorted(recalls(values).items(), key=str))
        print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--misses", choices=["A", "B", "all", "none"], default="none",
                        help="print the mistakes on this half (look at one half only while improving the checker)")
    parser.add_argument("--classes", action="store_true", help="print the recall of every label class")
    parser.add_argument("--second", help="a second reviewer's labels of the same texts (labels.jsonl format)")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    labels_path = corpus / "labels.jsonl"
    if not labels_path.is_file():
        print(f"skipped: no labelled corpus at {corpus}")
        return 0
    checker = Checker()
    whole: dict[str, list[tuple[object, object]]] = defaultdict(list)
    by_fold: dict[str, dict[str, list[tuple[object, object]]]] = {fold: defaultdict(list) for fold in FOLDS}
    misses: list[str] = []
    second = {}
    if args.second:
        second = {label["file"]: label for label in map(json.loads, Path(args.second).read_text(encoding="utf-8").splitlines())}
    reviewers: dict[str, list[tuple[object, object]]] = defaultdict(list)
    agreed: dict[str, dict[str, list[tuple[object, object]]]] = {"whole": defaultdict(list), **{f: defaultdict(list) for f in FOLDS}}
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        fold = fold_of(label["file"])
        result = checker.check_file(str(corpus_file(corpus, label["file"])))
        if result.error:
            misses.append(f"[{fold}] {label['file']}: error {result.error.message}")
            continue
        pairs, wrong = compare(label, result)
        for name, values in pairs.items():
            whole[name].extend(values)
            by_fold[fold][name].extend(values)
        if wrong and args.misses in (fold, "all"):
            misses.append(f"[{fold}] {label['file']}: " + "; ".join(wrong))
        other = second.get(label["file"])
        if other is not None:
            for name, values in reviewer_pairs(label, other).items():
                reviewers[name].extend(values)
            both = consensus(label, other)
            if both is not None:
                for name, values in compare(both, result)[0].items():
                    agreed["whole"][name].extend(values)
                    agreed[fold][name].extend(values)
    sizes = {fold: len(by_fold[fold]["kind"]) for fold in FOLDS}
    print(f"texts: {len(whole['kind'])} (half A {sizes['A']}, half B {sizes['B']}); "
          "items and areas scored on annual reports only; a rule a report is not asked for is scored on what it observed")
    table("whole corpus", whole, args.classes)
    for fold in FOLDS:
        table(f"half {fold} alone", by_fold[fold], args.classes)
    if second:
        table("the second reviewer against the first", reviewers, args.classes)
        table("the checker against the labels both reviewers gave", agreed["whole"], args.classes)
        for fold in FOLDS:
            table(f"…half {fold} alone", agreed[fold], args.classes)
    for miss in misses:
        print("  ", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
