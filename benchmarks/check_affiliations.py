"""Whole-output check of the `affiliations` table (issue 18).

    python benchmarks/check_affiliations.py --out DIR [--sample 10] [--seed 18]

Prints: how many affiliations, how many link their organization to an entity, how many of those
ids are missing from `entities` (0 expected); the 10 organizations with the most affiliated people;
and SAMPLE random affiliations with an organization, each with the words that gave the title in its
first document, for a check by eye.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.query.explore import open_output  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="output folder of `vnextract run`")
    ap.add_argument("--sample", type=int, default=10)
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args()
    con = open_output(args.out)
    [(n, linked, dangling, people)] = con.sql("""
        SELECT count(*), count(organization_id),
               count(*) FILTER (WHERE organization_id IS NOT NULL
                                  AND organization_id NOT IN (SELECT entity_id FROM entities)),
               count(DISTINCT person_id) FROM affiliations""").fetchall()
    print(f"affiliations: {n:,} ({people:,} people); organization linked to an entity: {linked:,}; "
          f"linked ids missing from entities: {dangling} (0 expected)")
    print("\norganizations with the most affiliated people:")
    for name, org_id, n_people, positions in con.sql("""
            SELECT any_value(organization), organization_id, count(DISTINCT person_id) AS n,
                   list(DISTINCT position ORDER BY position)[:6]
            FROM affiliations WHERE organization_id IS NOT NULL
            GROUP BY organization_id ORDER BY n DESC, 1 LIMIT 10""").fetchall():
        print(f"  {n_people:4d}  {name}  ({org_id})  posts: {', '.join(positions)}")
    print(f"\n{args.sample} random affiliations (seed {args.seed}), with the words that gave the title:")
    con.execute(f"SELECT setseed({args.seed / 1000})").fetchall()
    rows = con.sql(f"""
        WITH picked AS (SELECT * FROM affiliations WHERE organization IS NOT NULL ORDER BY random()
                        LIMIT {args.sample})
        SELECT p.person, p.position, p.organization, p.rank_at_last, p.n_docs, p.doc_ids[1] AS doc_id,
               (SELECT substr(d.text, greatest(r.start - 39, 1), r."end" - r.start + 80)
                FROM person_roles r JOIN documents d USING (doc_id)
                WHERE r.doc_id = p.doc_ids[1] AND r.kind = 'title' AND r.name = p.person
                ORDER BY r.start LIMIT 1) AS words
        FROM picked p ORDER BY p.person""").fetchall()
    for i, (person, position, organization, rank, n_docs, doc_id, words) in enumerate(rows, 1):
        print(f"{i:2d}. {person} · {position} · {organization} · {rank or '-'} · {n_docs} doc(s) · {doc_id}")
        print(f"    …{' '.join((words or '').split())}…")
    return 0


if __name__ == "__main__":
    sys.exit(main())
