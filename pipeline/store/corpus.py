"""The corpus-wide tables, computed with DuckDB over the committed per-document tables after every
run, so that they are right after any incremental run: entities, abbreviation_lexicon, person_ranks,
event_years, ranks, event_clusters, event_cluster_members, person_identities, affiliations, and the
corpus-learned `abbreviations` rows. `pipeline.store.tables` owns their schemas and writes them.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa

from pipeline.core.resource_files import read_table
from pipeline.extract.abbreviations.learned import LEARNED_SQL, glossed_otherwise, misread_expansion
from pipeline.extract.abbreviations.lexicon import load_lexicon
from pipeline.store.affiliations import AFFILIATIONS_SQL, organization_keys
from pipeline.store.event_clusters import (EVENT_REPORTS_SQL, PARTICIPANT_NAMES_SQL, cluster_events, cluster_rows,
                                           reports_from_rows)
from pipeline.store.identities import SIGHTINGS_SQL, person_identities
from pipeline.store.tables import SCHEMAS, entity_id

# `{t}` is replaced by the relation of table t's committed parts (`committed_relations`).
_CORPUS_SQL = {
    # an entity is named by its most frequent canonical name ("Bộ Tài chính", not a headline's
    # "Bộ Tài Chính"), ties broken alphabetically so that the choice is deterministic
    "entities": """
        WITH names AS (SELECT entity_id, name, count(*) AS n FROM {mentions} GROUP BY entity_id, name)
        SELECT m.entity_id, min(m.label) AS label, any_value(b.name) AS name,
               list_sort(list_distinct(list(m.text))) AS aliases,
               count(DISTINCT m.doc_id) AS n_docs, count(*) AS n_mentions, max(m.refers_to) AS refers_to
        FROM {mentions} m
        JOIN (SELECT entity_id, first(name ORDER BY n DESC, name) AS name FROM names GROUP BY entity_id) b
          USING (entity_id)
        GROUP BY m.entity_id ORDER BY m.entity_id""",
    # the per-document rows and the corpus-learned ones (`abbreviations` part "corpus", see
    # pipeline.extract.abbreviations.learned), one row per short form and meaning:
    # - case variants of a short form are one ("Tp.HCM", "TP.HCM"): the lexicon's spelling, else the
    #   one most documents use;
    # - long forms equal without case, diacritics and punctuation are one ("Bảo hiểm xã hội", "bảo
    #   hiểm xã hội"), and so is a typo of a more frequent one (at most 2 letters, 1 in 10, apart:
    #   "Cục An ninh Tài chính tiền tệ đầu tư"); each is written as most documents write it.
    "abbreviation_lexicon": """
        WITH rows AS (
            SELECT doc_id, short, long, defined, source FROM {abbreviations}
            UNION ALL SELECT doc_id, short, long, defined, source FROM learned_abbreviations
        ), spellings AS (
            SELECT upper(short) AS u, short, count(DISTINCT doc_id) AS n,
                   bool_or(short IN (SELECT short FROM lexicon_shorts)) AS curated
            FROM rows GROUP BY upper(short), short
        ), canonical AS (
            SELECT u, first(short ORDER BY curated DESC, n DESC, short) AS short FROM spellings GROUP BY u
        ), keyed AS (
            SELECT c.short, r.doc_id, r.long, r.defined, r.source,
                   regexp_replace(strip_accents(replace(replace(lower(r.long), 'đ', 'd'), 'Đ', 'd')), '[^a-z0-9]+', ' ', 'g') AS k
            FROM rows r JOIN canonical c ON upper(r.short) = c.u
        ), per_key AS (
            SELECT short, k, count(DISTINCT doc_id) AS n FROM keyed GROUP BY short, k
        ), merged AS (
            SELECT a.short, a.k, coalesce((
                SELECT first(b.k ORDER BY b.n DESC, b.k) FROM per_key b
                WHERE b.short = a.short AND b.k <> a.k AND b.n > a.n
                  AND levenshtein(a.k, b.k) <= least(2, greatest(1, length(a.k) // 10))), a.k) AS into_k
            FROM per_key a
        ), wordings AS (
            SELECT m.short, m.into_k, r.long, count(DISTINCT r.doc_id) AS n
            FROM keyed r JOIN merged m ON r.short = m.short AND r.k IS NOT DISTINCT FROM m.k
            GROUP BY m.short, m.into_k, r.long
        )
        SELECT m.short, (SELECT first(w.long ORDER BY w.n DESC, w.long) FROM wordings w
                         WHERE w.short = m.short AND w.into_k IS NOT DISTINCT FROM m.into_k) AS long,
               count(DISTINCT r.doc_id) AS n_docs, sum(CAST(r.defined AS INTEGER)) AS n_defined,
               CASE WHEN bool_or(r.source = 'document') THEN 'document'
                    WHEN bool_or(r.source = 'lexicon') THEN 'lexicon' ELSE 'corpus' END AS source
        FROM keyed r JOIN merged m ON r.short = m.short AND r.k IS NOT DISTINCT FROM m.k
        GROUP BY m.short, m.into_k ORDER BY m.short, long NULLS FIRST""",
    # An event whose document leaves the year open ("XXXX-06-22") takes the year other documents
    # state for the same story: same event type, same day and month, a participant in common,
    # one year among them, and at least two such documents (one is often itself a guess). An
    # estimate: `year_source` is "corpus".
    "event_years": """
        WITH ev AS (
            SELECT e.doc_id, e.event_id, e.type, e.date_value, p.entity_id
            FROM {events} e JOIN {event_participants} p USING (doc_id, event_id)
            WHERE regexp_matches(e.date_value, '^([0-9]{{4}}|XXXX)-[0-9][0-9]-[0-9][0-9]')
        ), candidates AS (
            SELECT u.doc_id, u.event_id, u.date_value, substr(k.date_value, 1, 4) AS year, k.doc_id AS other
            FROM ev u JOIN ev k ON k.type = u.type AND substr(k.date_value, 6, 5) = substr(u.date_value, 6, 5)
                               AND k.entity_id = u.entity_id AND k.doc_id <> u.doc_id
            WHERE u.date_value LIKE 'XXXX-%' AND k.date_value NOT LIKE 'XXXX-%'
        )
        SELECT doc_id, event_id, replace(min(date_value), 'XXXX', min(year)) AS date_value, 'corpus' AS year_source,
               count(DISTINCT other) AS n_docs
        FROM candidates GROUP BY doc_id, event_id HAVING count(DISTINCT year) = 1 AND count(DISTINCT other) >= 2
        ORDER BY doc_id, event_id""",
    "person_ranks": """
        SELECT a.entity_id, min(a.name) AS name, a.rank, count(DISTINCT a.doc_id) AS n_docs,
               min(coalesce(d.published, d.date_estimate)) AS first_seen,
               max(coalesce(d.published, d.date_estimate)) AS last_seen,
               list(DISTINCT a.doc_id ORDER BY a.doc_id) AS doc_ids
        FROM {appearances} a JOIN {documents} d USING (doc_id)
        WHERE a.rank IS NOT NULL GROUP BY a.entity_id, a.rank ORDER BY a.entity_id, a.rank""",
}


def rank_table() -> pa.Table:
    """Every rank with its branch, seniority order and grade (resources/rank_order.tsv), so that a
    promotion is a query: `JOIN ranks USING (rank) … WHERE order rises`."""
    rows = read_table("rank_order.tsv", header=True, width=4)
    return pa.table({"rank": [r[0] for r in rows], "branch": [r[1] for r in rows],
                     "order": [int(r[2]) if r[2] else None for r in rows], "grade": [r[3] for r in rows]},
                    schema=SCHEMAS["ranks"])


def committed_relations(con, out_dir: Path) -> dict[str, str]:
    """Table name -> the SQL relation of its committed parts, for one DuckDB connection."""
    sources = {}
    for table in ("mentions", "abbreviations", "appearances", "documents", "abbreviation_uses", "events",
                  "event_participants", "person_roles"):
        # the committed batches' parts, not a previous run's corpus-wide part
        parts = sorted(p.as_posix() for p in (Path(out_dir) / table).glob("part-*.parquet")
                       if p.name != "part-corpus.parquet")
        if parts:
            sources[table] = f"read_parquet({parts!r})"
        else:  # nothing committed yet: an empty relation with the right columns
            con.register(f"empty_{table}", SCHEMAS[table].empty_table())
            sources[table] = f"empty_{table}"
    return sources


def identity_table(out_dir: Path) -> pa.Table:
    """`person_identities` over everything committed in out_dir (its own DuckDB connection)."""
    import duckdb

    con = duckdb.connect()
    sightings = _arrow(con, SIGHTINGS_SQL.format(**committed_relations(con, out_dir)))
    return pa.Table.from_pylist(person_identities(sightings), schema=SCHEMAS["person_identities"])


def corpus_tables(out_dir: Path) -> dict[str, pa.Table]:
    """entities, abbreviation_lexicon, person_ranks, event_years, ranks, event_clusters,
    event_cluster_members, person_identities, affiliations and the corpus-learned `abbreviations` rows
    over everything committed in out_dir.

    The person identities (mostly Python: ~0.4 s per 2,000 articles) are computed in a second
    thread while DuckDB, which releases the GIL, answers the other queries in this one: the run's
    serial tail is shorter by about that much."""
    import duckdb

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="identities") as pool:
        identities = pool.submit(identity_table, out_dir)
        con = duckdb.connect()
        sources = committed_relations(con, out_dir)
        learned = _arrow(con, LEARNED_SQL.format(**sources))
        keep = [not glossed_otherwise(short, long, window) for short, long, window in zip(
            learned["short"].to_pylist(), learned["long"].to_pylist(), learned["gloss_window"].to_pylist())]
        learned = learned.filter(pa.array(keep, type=pa.bool_())).drop_columns(["gloss_window"])
        learned = learned.cast(SCHEMAS["abbreviations"])
        con.register("learned_abbreviations", learned)
        con.register("lexicon_shorts", pa.table({"short": sorted({s.short for senses in load_lexicon().values()
                                                                   for s in senses})}))
        result = {"abbreviations": learned, "ranks": rank_table()}
        for table, sql in _CORPUS_SQL.items():
            data = _arrow(con, sql.format(**sources))
            entities_names = data
            if table == "entities":  # aliases exclude the canonical name itself
                aliases = [[a for a in row_aliases if a != name] for row_aliases, name in
                           zip(data["aliases"].to_pylist(), data["name"].to_pylist())]
                entities_names = data.set_column(data.schema.get_field_index("aliases"), "aliases",
                                                 pa.array(aliases, type=SCHEMAS["entities"].field("aliases").type))
            if table == "abbreviation_lexicon":
                entities_names = _without_misread_expansions(data)
            result[table] = entities_names.cast(SCHEMAS[table])
        result.update(event_cluster_tables(con, sources, result["event_years"]))
        result["person_identities"] = identities.result()
        result["affiliations"] = _affiliations(con, sources, result["entities"], result["person_identities"])
        return result


def _without_misread_expansions(lexicon: pa.Table) -> pa.Table:
    """Drops the expansions one document gave that misread the short form beside its usual one
    (`learned.misread_expansion`); the document's own `abbreviations` row keeps what it said."""
    rows = lexicon.to_pylist()
    usual: dict[str, tuple[int, str]] = {}
    for row in rows:
        if row["long"] and (row["short"] not in usual or row["n_docs"] > usual[row["short"]][0]):
            usual[row["short"]] = (row["n_docs"], row["long"])
    keep = [not (row["n_docs"] == 1 and row["n_defined"] == 1 and row["short"] in usual
                 and usual[row["short"]][0] > 1 and misread_expansion(row["short"], row["long"], usual[row["short"]][1]))
            for row in rows]
    return lexicon.filter(pa.array(keep, type=pa.bool_()))


def event_cluster_tables(con, sources: dict[str, str], event_years: pa.Table) -> dict[str, pa.Table]:
    """`event_clusters` and `event_cluster_members` (pipeline/store/event_clusters.py) over the
    relations named in `sources` ("events", "event_participants")."""
    con.register("event_years_table", event_years)
    reports = reports_from_rows(con.sql(EVENT_REPORTS_SQL.format(**sources)).fetchall())
    names = dict(con.sql(PARTICIPANT_NAMES_SQL.format(**sources)).fetchall())
    summary, membership = cluster_rows(cluster_events(reports), names)
    return {"event_clusters": pa.Table.from_pylist(summary, schema=SCHEMAS["event_clusters"]),
            "event_cluster_members": pa.Table.from_pylist(membership, schema=SCHEMAS["event_cluster_members"])}


def _affiliations(con, sources: dict[str, str], entities: pa.Table, identities: pa.Table) -> pa.Table:
    organizations = con.sql(f"SELECT DISTINCT organization FROM {sources['person_roles']}").fetchall()
    con.register("organization_keys", organization_keys([o for (o,) in organizations], entity_id))
    con.register("corpus_entities", entities)
    con.register("corpus_identities", identities)
    return _arrow(con, AFFILIATIONS_SQL.format(**sources)).cast(SCHEMAS["affiliations"])


def _arrow(con, sql: str) -> pa.Table:
    """A query's result as one Arrow table (newer DuckDB hands `.arrow()` back as a batch reader)."""
    data = con.sql(sql).arrow()
    return data.read_all() if isinstance(data, pa.RecordBatchReader) else data
