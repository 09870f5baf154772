"""Explore a run's output without Python: SQL over the tables, person lookup and corpus statistics.

Every table folder under the output directory becomes a DuckDB view with its contract name, so
`SELECT name, rank FROM appearances` works as written. Tables the run did not write (an older
output, a stage that was switched off) are registered empty with their Arrow schema, so saved
queries keep working. Errors the user can fix (no output yet, bad SQL, unknown name) are raised
as `ExploreError` with a one-line message; the CLI prints it and exits with `exit_code`.
"""
from __future__ import annotations

import csv
import difflib
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.inputs.remote import LocationError, filesystem, is_url, location_url
from pipeline.store.commit import MANIFEST, manifest_entries, select_committed
from pipeline.store.tables import SCHEMAS

_IDENTIFIER_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
FORMATS = ("table", "csv", "json", "parquet")


class ExploreError(Exception):
    """A problem the user can fix; `str(err)` is the message to print."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


# ---------------------------------------------------------------------------------------------
# Opening the output


def _listing(out_dir: str | Path) -> tuple[object, str, list[str]]:
    """(filesystem, root, every file under OUT as a path relative to it, sorted)."""
    fs, root = _output_filesystem(out_dir)
    try:
        fs.invalidate_cache(root)  # a long-lived session (notebook) must see the parts of later runs
        if not fs.isdir(root):
            return fs, root, []
        files = fs.find(root)  # one recursive listing: a single round of requests on an object store
    except Exception as exc:  # the backend's own errors (botocore's are not OSErrors): unreachable, denied
        raise ExploreError(f"cannot read {out_dir}: {type(exc).__name__}: {exc}", exit_code=2) from None
    root = root.rstrip("/")
    return fs, root, sorted(path[len(root):].strip("/") for path in files)


def _visible_parts(fs, root: str, files: list[str]) -> dict[str, list[str]]:
    """Table → a glob over its folder, for every sub-folder of the listing that holds Parquet parts."""
    folders = {}
    for name in files:
        table, _, part = name.partition("/")
        if _IDENTIFIER_RE.match(table) and "/" not in part and part.endswith(".parquet"):
            folders.setdefault(table, [location_url(fs, f"{root}/{table}") + "/*.parquet"])
    return folders


def _committed_parts(fs, root: str, files: list[str]) -> dict[str, list[str]] | None:
    """Table → the committed part files of the listing (paths or URLs), read through its manifest, so
    never a batch before its commit, and a committed batch even while its parts are still staged;
    None where OUT has no manifest (not a run's output: every visible part counts)."""
    manifests = [name for name in files if name.startswith(f"{MANIFEST}/") and name.endswith(".json")]
    if not manifests:
        return None if not any(name.startswith(f"{MANIFEST}/") for name in files) else {}
    texts = []
    for name in manifests:
        try:
            texts.append(fs.cat_file(f"{root}/{name}"))
        except FileNotFoundError:  # dropped by a run since the listing
            continue
    selected = select_committed(files, manifest_entries(texts))
    return {table: [location_url(fs, f"{root}/{name}") for name in names] for table, names in selected.items()}


def _output_filesystem(out_dir: str | Path):
    try:
        return filesystem(out_dir)
    except LocationError as exc:
        raise ExploreError(str(exc), exit_code=2) from None


def open_output(out_dir: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per table of OUT (read-only over the Parquet).

    OUT may be an fsspec URL (s3://…): DuckDB then reads through the same fsspec filesystem, so no
    DuckDB extension (httpfs) is needed, and none is downloaded."""
    fs, root, listing = _listing(out_dir)  # one listing serves the manifest and the parts
    committed = _committed_parts(fs, root, listing)
    folders = _visible_parts(fs, root, listing) if committed is None else committed
    if not folders:
        raise ExploreError(f"no tables in {out_dir}: run `vnextract run INPUT --out {out_dir}` first",
                           exit_code=2)
    con = duckdb.connect(":memory:")
    if is_url(out_dir):
        con.execute("SET autoinstall_known_extensions = false")  # the machines may have no internet
        con.register_filesystem(fs)
    for name, files in folders.items():
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        con.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet([{listed}], union_by_name = true)")
    for name, schema in SCHEMAS.items():
        if name not in folders:
            con.register(name, pa.table({f.name: pa.array([], f.type) for f in schema}, schema=schema))
    return con


def tables_written(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables OUT holds: views over its Parquet parts (the ones `open_output` registers empty
    are temporary views)."""
    return sorted(row[0] for row in con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND NOT temporary").fetchall())


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    return sorted(row[0] for row in con.execute(
        "SELECT table_name FROM information_schema.tables UNION SELECT view_name FROM duckdb_views() "
        "WHERE NOT internal").fetchall())


def fetch_rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


# ---------------------------------------------------------------------------------------------
# query


def run_query(con: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    """The result of SQL as an Arrow table; DuckDB's complaint becomes a readable ExploreError."""
    if not sql.strip():
        raise ExploreError("empty query; e.g. vnextract query \"SELECT name, rank FROM appearances LIMIT 10\"")
    try:
        relation = con.sql(sql)
        if relation is None:  # a statement without a result (SET, CREATE VIEW …)
            return pa.table({})
        return relation.to_arrow_table()
    except duckdb.Error as exc:
        message = str(exc).strip()
        hint = ""
        if isinstance(exc, duckdb.CatalogException):
            hint = f"\ntables: {', '.join(table_names(con))}"
        elif isinstance(exc, duckdb.BinderException):
            hint = "\nsee docs/schema.md (or `vnextract schema`) for the columns of every table"
        raise ExploreError(f"{message}{hint}") from None


def _plain(value):
    """A JSON/CSV-friendly Python value (dates as ISO strings, lists kept)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def to_csv(table: pa.Table) -> str:
    """CSV with a header; list and struct cells as JSON so they stay machine-readable."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in table.to_pylist():
        writer.writerow([json.dumps(_plain(v), ensure_ascii=False) if isinstance(v, (list, dict)) else
                         ("" if v is None else _plain(v)) for v in row.values()])
    return buffer.getvalue()


def to_json(table: pa.Table) -> str:
    """A JSON array of row objects (UTF-8, dates as ISO strings)."""
    return json.dumps([_plain(r) for r in table.to_pylist()], ensure_ascii=False, indent=2)


def write_parquet(table: pa.Table, path: Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="zstd")


# ---------------------------------------------------------------------------------------------
# person


def fold(text: str) -> str:
    """Accent- and case-insensitive key: "Nguyễn Mạnh Hùng" → "nguyen manh hung"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def name_score(query: str, name: str, floor: float = 0.0) -> float:
    """How well a folded query matches a folded name, 0..1 (1: same letters once accents are gone).

    Whole-name similarity catches typos ("nguyen man hung"); a query whose words all occur in the
    name, in order, ("manh hung", "hung") still matches, a little below a full-name match.
    Scores under FLOOR are only upper bounds: the cheap bounds skip the full comparison, which
    keeps a lookup over a whole corpus's people interactive.
    """
    if query == name:
        return 1.0
    score = 0.0
    query_words, name_words = query.split(), name.split()
    position = 0
    for word in query_words:  # every query word, in order, among the name's words
        try:
            position = name_words.index(word, position) + 1
        except ValueError:
            break
    else:
        score = 0.75 + 0.2 * len(query_words) / len(name_words)
    matcher = difflib.SequenceMatcher(None, query, name, autojunk=False)
    for bound in (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio):
        similarity = bound()
        if similarity < floor:
            break
    return max(score, similarity)


@dataclass
class PersonCandidate:
    entity_id: str
    name: str
    n_docs: int
    score: float


@dataclass
class PersonReport:
    """A person (possibly several entity ids whose names differ only in accents) and their appearances."""

    name: str
    entity_ids: list[str]
    aliases: list[str]
    ranks: list[dict]  # rank, n_docs, first_seen, last_seen, order (seniority; None when unknown)
    appearances: list[dict]  # newest first: published, doc_id, title, rank, titles, events
    other_candidates: list[PersonCandidate] = field(default_factory=list)
    n_events: int = 0  # real events taken part in: clusters of reports (`event_cluster_members`)
    n_reports: int = 0  # `events` rows (reports) taken part in

    @property
    def promotions(self) -> list[tuple[dict, dict]]:
        """(from, to) ranks, in the order first seen, where seniority rises: "Đại tá → Thiếu tướng".
        A rank seen later but lower (a reporting slip, or another man of the same name) is none."""
        seen = sorted((r for r in self.ranks if r.get("order") is not None and r.get("first_seen")),
                      key=lambda r: (r["first_seen"], r["order"]))
        steps, highest = [], None
        for rank in seen:
            if highest is not None and rank["order"] > highest["order"]:
                steps.append((highest, rank))
            if highest is None or rank["order"] > highest["order"]:
                highest = rank
        return steps


def person_candidates(con: duckdb.DuckDBPyConnection, query: str, min_score: float = 0.8,
                      limit: int = 10) -> list[PersonCandidate]:
    """PERSON entities (and appearance names) matching QUERY, best first."""
    folded_query = fold(query)
    if not folded_query:
        return []
    rows = fetch_rows(con, """
        SELECT entity_id, any_value(name) AS name, max(n_docs) AS n_docs FROM (
            SELECT entity_id, name, n_docs FROM entities WHERE label = 'PERSON'
            UNION ALL
            SELECT entity_id, any_value(name), count(DISTINCT doc_id) FROM appearances GROUP BY entity_id)
        GROUP BY entity_id""")
    scored = []
    for row in rows:
        score = name_score(folded_query, fold(row["name"] or ""), floor=min_score)
        if score >= min_score:
            scored.append(PersonCandidate(row["entity_id"], row["name"], int(row["n_docs"] or 0), score))
    scored.sort(key=lambda c: (-c.score, -c.n_docs, c.name))
    return scored[:limit]


def find_person(con: duckdb.DuckDBPyConnection, query: str) -> PersonReport:
    """The best match for QUERY with every appearance (rank, titles, events and roles), newest first."""
    candidates = person_candidates(con, query)
    if not candidates:
        raise ExploreError(f"no person matching {query!r}; try part of the name, e.g. the given name, "
                           "or `vnextract stats` for the most frequent people")
    best = candidates[0]
    same = [c for c in candidates if fold(c.name) == fold(best.name)]
    others = [c for c in candidates if c not in same]
    ids = [c.entity_id for c in same]
    aliases = sorted({a for row in fetch_rows(con, "SELECT aliases FROM entities WHERE entity_id IN "
                                               "(SELECT unnest(?))", [ids]) for a in (row["aliases"] or [])})
    ranks = fetch_rows(con, """
        SELECT p.rank, sum(p.n_docs) AS n_docs, min(p.first_seen) AS first_seen, max(p.last_seen) AS last_seen,
               min(r."order") AS "order"
        FROM person_ranks p LEFT JOIN ranks r USING (rank) WHERE p.entity_id IN (SELECT unnest(?))
        GROUP BY p.rank ORDER BY last_seen DESC NULLS LAST, n_docs DESC""", [ids])
    appearances = fetch_rows(con, """
        WITH ev AS (
            SELECT p.doc_id, p.entity_id,
                   list(coalesce(e.type, '?') || ' · ' || coalesce(p.role, '?')
                        || coalesce(' · ' || e.date_value, '') ORDER BY e.start) AS events
            FROM event_participants p LEFT JOIN events e USING (doc_id, event_id)
            WHERE p.entity_id IN (SELECT unnest(?)) GROUP BY p.doc_id, p.entity_id)
        SELECT d.published, a.doc_id, d.title, a.name, a.rank, a.titles, coalesce(ev.events, []) AS events,
               a.n_mentions
        FROM appearances a
        LEFT JOIN documents d USING (doc_id)
        LEFT JOIN ev ON ev.doc_id = a.doc_id AND ev.entity_id = a.entity_id
        WHERE a.entity_id IN (SELECT unnest(?))
        ORDER BY d.published DESC NULLS LAST, a.doc_id DESC""", [ids, ids])
    # five papers reporting one visit are one event: events are counted as clusters; an event
    # without a cluster row (an output written before clusters existed) is its own
    n_events, n_reports = con.execute("""
        SELECT count(DISTINCT coalesce(m.cluster_id, p.event_id)), count(DISTINCT p.event_id)
        FROM event_participants p LEFT JOIN event_cluster_members m USING (doc_id, event_id)
        WHERE p.entity_id IN (SELECT unnest(?))""", [ids]).fetchone()
    return PersonReport(best.name, ids, aliases, ranks, appearances, others, int(n_events), int(n_reports))


# ---------------------------------------------------------------------------------------------
# stats


@dataclass
class Stats:
    rows: dict[str, int]  # table → row count
    top: dict[str, list[dict]]  # "people" / "organizations" / "places" / "abbreviations" → rows
    errors_by_stage: list[dict]  # stage, error, n


def corpus_stats(con: duckdb.DuckDBPyConnection, top_n: int = 10) -> Stats:
    """Rows per table, the most frequent people, organizations, places and abbreviations, errors by stage."""
    rows = {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in table_names(con)}
    top = {}
    for key, label in (("people", "PERSON"), ("organizations", "ORG"), ("places", "LOC")):
        top[key] = fetch_rows(con, "SELECT name, n_docs, n_mentions, entity_id FROM entities WHERE label = ? "
                               "ORDER BY n_docs DESC, n_mentions DESC, name LIMIT ?", [label, top_n])
    top["abbreviations"] = fetch_rows(con, """
        SELECT short, long, n_docs, n_defined, source FROM abbreviation_lexicon
        ORDER BY n_docs DESC, n_defined DESC, short LIMIT ?""", [top_n])
    errors = fetch_rows(con, "SELECT stage, error, count(*) AS n FROM errors GROUP BY stage, error "
                         "ORDER BY n DESC, stage, error")
    return Stats(rows, top, errors)
