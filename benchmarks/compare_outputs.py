"""Compare two output folders table by table: are the tables of two runs identical?

    python benchmarks/compare_outputs.py BEFORE_DIR AFTER_DIR [--show 5]

For every table in either folder: row counts, and the rows only one side has (the whole row
compared, list columns included; run-dependent columns such as timings are left out). Exit status 0
when every table is identical, 1 otherwise. Used to check that a refactoring changes no answer
(issue 14: the tables on 1,000 corpus articles before and after the move).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import duckdb

IGNORED_COLUMNS = {"processed_at", "run_id", "seconds"}


def table_rows(folder: Path, table: str) -> list[str]:
    """Every row of a table as a canonical JSON string, sorted."""
    files = sorted((folder / table).glob("*.parquet"))
    if not files:
        return []
    relation = duckdb.read_parquet([str(f) for f in files])
    columns = [c for c in relation.columns if c not in IGNORED_COLUMNS]
    rows = relation.select(", ".join(f'"{c}"' for c in columns)).fetchall()
    return sorted(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str, sort_keys=True)
                  for row in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--show", type=int, default=5, help="differing rows to print per table and side")
    args = parser.parse_args()
    tables = sorted({p.name for d in (args.before, args.after) for p in d.iterdir()
                     if p.is_dir() and not p.name.startswith(("_", "."))})
    identical = True
    for table in tables:
        before, after = table_rows(args.before, table), table_rows(args.after, table)
        only_before = sorted(set(before) - set(after))
        only_after = sorted(set(after) - set(before))
        same = not only_before and not only_after and len(before) == len(after)
        identical &= same
        print(f"{table:24s} {len(before):>9,} → {len(after):>9,} rows  "
              + ("identical" if same else f"{len(only_before):,} only before, {len(only_after):,} only after"))
        for label, rows in (("-", only_before), ("+", only_after)):
            for row in rows[:args.show]:
                print(f"    {label} {row[:300]}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
