"""Cluster statistics of an output folder and 30 random multi-report clusters to check by eye.

    python benchmarks/check_event_clusters.py /tmp/corpus_out [--sample 30] [--seed 22]

Reads `event_clusters` / `event_cluster_members` when the output has them; otherwise computes them from
its events, event_participants and event_years with pipeline/store/event_clusters.py (the output
folder is only read). Each drawn cluster is printed with, for every report, the document's title and
the words around the event, so that a reader can say whether the reports are of one real event.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

import duckdb
import pyarrow as pa

from pipeline.store.corpus import event_cluster_tables
from pipeline.store.tables import SCHEMAS

CONTEXT = 160  # characters shown around an event


def _parts(out: Path, table: str) -> list[str]:
    return sorted(p.as_posix() for p in (out / table).glob("*.parquet"))


def load_clusters(con: duckdb.DuckDBPyConnection, out: Path) -> str:
    """Register `clusters` and `members`; say where they come from."""
    if _parts(out, "event_clusters") and _parts(out, "event_cluster_members"):
        con.sql(f"CREATE VIEW clusters AS SELECT * FROM read_parquet({_parts(out, 'event_clusters')!r})")
        con.sql(f"CREATE VIEW members AS SELECT * FROM read_parquet({_parts(out, 'event_cluster_members')!r})")
        return "read from the output"
    sources = {t: f"read_parquet({_parts(out, t)!r})" for t in ("events", "event_participants")}
    years = _parts(out, "event_years")
    event_years = (con.sql(f"SELECT * FROM read_parquet({years!r})").arrow() if years
                   else SCHEMAS["event_years"].empty_table())
    if isinstance(event_years, pa.RecordBatchReader):
        event_years = event_years.read_all()
    tables = event_cluster_tables(con, sources, event_years.cast(SCHEMAS["event_years"]))
    con.register("clusters", tables["event_clusters"])
    con.register("members", tables["event_cluster_members"])
    return "computed from events and event_participants"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()
    con = duckdb.connect()
    origin = load_clusters(con, args.out)
    n_events, n_clusters, multi, in_multi = con.execute("""
        SELECT sum(n_events), count(*), count(*) FILTER (WHERE n_events > 1),
               sum(n_events) FILTER (WHERE n_events > 1) FROM clusters""").fetchone()
    print(f"clusters {origin}: {n_events:,} events in {n_clusters:,} clusters; "
          f"{multi:,} clusters of several reports hold {in_multi or 0:,} events")
    print("reports per cluster:", ", ".join(f"{n}: {c}" for n, c in con.execute(
        "SELECT n_events, count(*) FROM clusters GROUP BY 1 ORDER BY 1").fetchall()))
    print("multi-report clusters by family:", ", ".join(f"{f} {c}" for f, c in con.execute(
        "SELECT family, count(*) FROM clusters WHERE n_events > 1 GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()))

    ids = [r[0] for r in con.execute("SELECT cluster_id FROM clusters WHERE n_events > 1 ORDER BY cluster_id").fetchall()]
    drawn = sorted(random.Random(args.seed).sample(ids, min(args.sample, len(ids))))
    docs = f"read_parquet({_parts(args.out, 'documents')!r})"
    events = f"read_parquet({_parts(args.out, 'events')!r})"
    parts = f"read_parquet({_parts(args.out, 'event_participants')!r})"
    for i, cid in enumerate(drawn, 1):
        family, date_value, location, names = con.execute(
            "SELECT family, date_value, location, names FROM clusters WHERE cluster_id = ?", [cid]).fetchone()
        print(f"\n#{i} {cid} · {family} · {date_value} · {location or '-'} · {', '.join(names)}")
        rows = con.execute(f"""
            SELECT e.doc_id, e.type, e.date_value, e.location, d.title,
                   substr(d.text, greatest(1, e.start + 1 - {CONTEXT}), e."end" - e.start + 2 * {CONTEXT}),
                   (SELECT string_agg(p.name || ' (' || p.role || ')', ', ' ORDER BY p.name) FROM {parts} p
                     WHERE p.doc_id = e.doc_id AND p.event_id = e.event_id)
            FROM members m JOIN {events} e USING (doc_id, event_id) JOIN {docs} d USING (doc_id)
            WHERE m.cluster_id = ? ORDER BY e.doc_id""", [cid]).fetchall()
        for doc_id, typ, day, loc, title, around, people in rows:
            print(f"  - {doc_id} [{typ} · {day} · {loc or '-'}] {title}")
            print(f"      people: {people}")
            print(f"      …{' '.join(around.split())}…")


if __name__ == "__main__":
    main()
