"""The most frequent organizations and places of an output, to check by eye that none is glued or
cut short (issue 17): "Bộ X và Ủy viên …", "Bộ X 2", "Cục Quản lý" for "Cục Quản lý cạnh tranh".

    python benchmarks/top_entities.py --out DIR [--top 50]

Prints, per label, the entities by number of documents, with a flag on names that look glued (a
position word, a number or "và" at the end) or cut (ending on a word that never ends a name).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.query.explore import fetch_rows, open_output  # noqa: E402

# A name ends on none of these: a connector, a bare number, a head left without its name
SUSPECT_END_RE = re.compile(r"(?: và| của| tại| \d+| Ủy viên| Bộ trưởng| Chủ tịch| Giám đốc| -)$")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="a run's output folder")
    ap.add_argument("--top", type=int, default=50)
    args = ap.parse_args()
    con = open_output(args.out)
    for label in ("ORG", "LOC"):
        rows = fetch_rows(con, "SELECT name, n_docs, n_mentions FROM entities WHERE label = ? "
                               "ORDER BY n_docs DESC, name LIMIT ?", [label, args.top])
        suspect = [r for r in rows if SUSPECT_END_RE.search(r["name"])]
        print(f"== {label}: top {len(rows)} by documents; {len(suspect)} look glued or cut")
        for r in rows:
            flag = "  ?" if r in suspect else "   "
            print(f"{flag} {r['n_docs']:>6} {r['n_mentions']:>7}  {r['name']}")


if __name__ == "__main__":
    main()
