"""Score an output's `person_identities` against the hand-checked identity set
(`benchmarks/identity_gold/identities.json`).

Pairwise, within each gold name, over the appearances (doc_id, canonical name) the set assigns to
a person:
- splits: pairs of appearances of one name; a positive is a pair put in two identities. Precision:
  of the pairs the pipeline splits, how many are two people; recall: of the pairs that are two
  people, how many it splits.
- merges: pairs of a short form and its full form ("Trần Hiếu" / "Trần Văn Hiếu"); a positive is a
  pair put in one identity. Precision: of the pairs it merges, how many are one person; recall: of
  the pairs that are one person, how many it merges.
- same person: every pair; a positive is a pair in one identity (the usual pairwise clustering
  score).

    python benchmarks/check_identities.py OUT [--gold benchmarks/identity_gold/identities.json] [--list]
"""
from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

import pyarrow.dataset as ds

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pipeline.extract.people.candidates import is_former  # noqa: E402

GOLD = Path(__file__).parent / "identity_gold" / "identities.json"


def predicted_identities(out: Path) -> dict[tuple[str, str], str]:
    table = ds.dataset(out / "person_identities", format="parquet").to_table(columns=["doc_id", "name", "identity_id"])
    return {(d, n): i for d, n, i in zip(*(table[c].to_pylist() for c in ("doc_id", "name", "identity_id")))}


def with_evidence(out: Path) -> set[tuple[str, str]]:
    """Appearances with a rank or a current title: what the split rule can judge (the others join
    the largest identity by rule)."""
    table = ds.dataset(out / "appearances", format="parquet").to_table(columns=["doc_id", "name", "rank", "titles"])
    return {(d, n) for d, n, r, t in zip(*(table[c].to_pylist() for c in ("doc_id", "name", "rank", "titles")))
            if r or any(not is_former(x) for x in t or ())}


def score(gold: dict, predicted: dict[tuple[str, str], str], only: set | None = None) -> tuple[dict, list[str], int]:
    """(counts per measure, the wrong pairs in words, appearances missing from the output);
    `only`: score the pairs whose two appearances are both in it."""
    counts = {m: {"tp": 0, "fp": 0, "fn": 0} for m in ("splits", "merges", "same person")}
    wrong, missing = [], 0
    for entry in gold["names"]:
        labelled = [(tuple(a), p["person"]) for p in entry["people"] for a in p["appearances"]]
        present = [(a, p) for a, p in labelled if a in predicted]
        missing += len(labelled) - len(present)
        if only is not None:
            present = [(a, p) for a, p in present if a in only]
        for (a, pa), (b, pb) in combinations(present, 2):
            same_gold, same_pred = pa == pb, predicted[a] == predicted[b]
            measures = ["same person", "splits" if a[1] == b[1] else "merges"]
            for m in measures:
                positive_gold = (not same_gold) if m == "splits" else same_gold
                positive_pred = (not same_pred) if m == "splits" else same_pred
                if positive_pred and positive_gold:
                    counts[m]["tp"] += 1
                elif positive_pred:
                    counts[m]["fp"] += 1
                elif positive_gold:
                    counts[m]["fn"] += 1
            if same_gold != same_pred:
                wrong.append(f"{entry['name']}: {a} ({pa}) and {b} ({pb}) are "
                             f"{'one person' if same_gold else 'two people'}, put in "
                             f"{'one identity' if same_pred else 'two identities'}")
    return counts, wrong, missing


def ratio(n: int, d: int) -> float:
    return n / d if d else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--list", action="store_true", help="print every wrongly placed pair")
    args = parser.parse_args()
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    predicted = predicted_identities(args.out)
    counts, wrong, missing = score(gold, predicted)
    evidenced, _, _ = score(gold, predicted, with_evidence(args.out))
    print(f"{len(gold['names'])} names; {missing} labelled appearances missing from the output")
    print(f"{'pairs':<26} {'measure':<12} {'gold +':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for scope, table in (("all", counts), ("both with rank or title", evidenced)):
        for measure, c in table.items():
            p, r = ratio(c["tp"], c["tp"] + c["fp"]), ratio(c["tp"], c["tp"] + c["fn"])
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            print(f"{scope:<26} {measure:<12} {c['tp'] + c['fn']:>6} {p:>6.2f} {r:>6.2f} {f1:>6.2f}")
    if args.list:
        print("\n".join(wrong))


if __name__ == "__main__":
    main()
