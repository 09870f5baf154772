"""Can an analyst trust and trace the tables? The whole-output checks of issue 22.

    python benchmarks/check_trust.py --out DIR [--show 5]

1. False ranks: `person_roles` rank rows whose words stand inside "Thủ tướng" (however spaced or
   misspelt), inside another word ("lão tướng"), glued to the letters before them, or right after a
   vessel or role word ("tàu sân bay Đô đốc Kuznetsov", "vai đại úy"). 0 expected.
2. Evidence: the share of derived rows that point at what they were derived from. 100 % expected.
   - appearances: every mention offset, the rank and each title (a `person_roles` row of the same
     person, document and value);
   - person_ranks and affiliations: their documents (`doc_ids`) hold that rank / that post;
   - event_participants: their event exists, with its offsets; event_clusters: their reports;
   - person_identities: the evidence for each appearance's identity;
   - entities: at least one mention.
3. Event clusters, when the output has them: `benchmarks/check_event_clusters.py`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_ranks import false_rank_reason  # noqa: E402

from pipeline.query.explore import open_output  # noqa: E402

# (what, SQL giving n rows and n with evidence)
EVIDENCE_SQL = {
    "appearances: mention offsets": """
        SELECT count(*), count(*) FILTER (WHERE len(starts) = n_mentions AND len(ends) = n_mentions)
        FROM appearances""",
    "appearances: rank": """
        SELECT count(*), count(*) FILTER (WHERE EXISTS (
            SELECT 1 FROM person_roles r WHERE r.doc_id = a.doc_id AND r.entity_id = a.entity_id
                AND r.kind = 'rank' AND r.value = a.rank))
        FROM appearances a WHERE a.rank IS NOT NULL""",
    "appearances: titles": """
        WITH t AS (SELECT doc_id, entity_id, unnest(titles) AS title FROM appearances)
        SELECT count(*), count(*) FILTER (WHERE EXISTS (
            SELECT 1 FROM person_roles r WHERE r.doc_id = t.doc_id AND r.entity_id = t.entity_id
                AND r.kind = 'title' AND r.value = t.title))
        FROM t""",
    "person_ranks": """
        SELECT count(*), count(*) FILTER (WHERE len(doc_ids) > 0 AND len(doc_ids) = (
            SELECT count(DISTINCT a.doc_id) FROM appearances a
            WHERE a.entity_id = p.entity_id AND a.rank = p.rank AND list_contains(p.doc_ids, a.doc_id)))
        FROM person_ranks p""",
    "affiliations": """
        SELECT count(*), count(*) FILTER (WHERE len(doc_ids) > 0 AND len(doc_ids) = (
            SELECT count(DISTINCT r.doc_id) FROM person_roles r
            LEFT JOIN person_identities i ON i.doc_id = r.doc_id AND i.entity_id = r.entity_id
            WHERE coalesce(i.identity_id, r.entity_id) = f.person_id AND r.kind = 'title'
              AND list_contains(f.doc_ids, r.doc_id)
              AND regexp_replace(r.position, '^(nguyên|cựu) ', '') = f.position))
        FROM affiliations f""",
    "event_participants": """
        SELECT count(*), count(*) FILTER (WHERE EXISTS (
            SELECT 1 FROM events e WHERE e.doc_id = p.doc_id AND e.event_id = p.event_id AND e."end" > e.start))
        FROM event_participants p""",
    "event_clusters": """
        SELECT count(*), count(*) FILTER (WHERE len(event_ids) = n_events AND n_events > 0) FROM event_clusters""",
    "person_identities": """
        SELECT count(*), count(*) FILTER (WHERE identity_evidence IS NOT NULL AND identity_evidence <> '')
        FROM person_identities""",
    "entities": """
        SELECT count(*), count(*) FILTER (WHERE n_mentions > 0) FROM entities""",
}


def false_ranks(con, show: int) -> int:
    rows = con.sql("""
        SELECT r.doc_id, r.name, r.value, r.start, r.text, substr(d.text, greatest(r.start - 59, 1),
               least(r.start, 60)) AS before
        FROM person_roles r JOIN documents d USING (doc_id) WHERE r.kind = 'rank'""").fetchall()
    flagged: dict[str, list[str]] = {}
    for doc_id, name, rank, start, words, before in rows:
        reason = false_rank_reason(before, rank, glued=True)
        if reason:
            flagged.setdefault(reason, []).append(f"{doc_id}  {name!r}  …{before[-30:]}[{words}]…")
    total = sum(len(v) for v in flagged.values())
    print(f"1. rank words: {len(rows):,}; false ranks: {total} (0 expected)")
    for reason, examples in sorted(flagged.items()):
        print(f"   {reason}: {len(examples)}")
        for example in examples[:show]:
            print(f"     {example}")
    return total


def evidence(con) -> float:
    print("2. derived rows with evidence (100 % expected)")
    n_all = n_with = 0
    for what, sql in EVIDENCE_SQL.items():
        [(n, with_evidence)] = con.sql(sql).fetchall()
        n_all, n_with = n_all + n, n_with + with_evidence
        print(f"   {what:32} {with_evidence:>9,} / {n:<9,} {100 * with_evidence / max(n, 1):6.2f} %")
    share = 100 * n_with / max(n_all, 1)
    print(f"   {'all':32} {n_with:>9,} / {n_all:<9,} {share:6.2f} %")
    return share


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="output folder of `vnextract run`")
    ap.add_argument("--show", type=int, default=5, help="examples to print per reason")
    args = ap.parse_args()
    con = open_output(args.out)
    false_ranks(con, args.show)
    evidence(con)
    clusters = Path(__file__).resolve().parent / "check_event_clusters.py"
    if clusters.is_file():
        print("3. event clusters")
        import runpy

        sys.argv = [str(clusters), args.out]
        runpy.run_path(str(clusters), run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
