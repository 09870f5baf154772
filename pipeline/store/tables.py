"""Stage: the output tables. This module owns every Arrow schema and all Parquet writing.

Each table is a folder `OUT/<table>/` of zstd-compressed Parquet part files, readable by
`pandas.read_parquet("OUT/<table>")`, `pyarrow.dataset` and DuckDB's `read_parquet('OUT/<table>/*.parquet')`.
Per-document rows come from `document_rows` and travel as Arrow tables (`to_arrow`);
`pipeline.store.commit` commits them batch by batch. Corpus-wide tables (entities, abbreviation_lexicon,
person_ranks, event_clusters, person_identities, affiliations, …) come from
`pipeline.store.corpus.corpus_tables`, computed with DuckDB over what is committed, and are written here too.
"""
from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.core.normal_form import name_key, normalize_text
from pipeline.core.records import Document, ErrorRecord
from pipeline.extract.abbreviations.learned import unexpanded_uses

_str, _i32, _bool = pa.string(), pa.int32(), pa.bool_()
_list_str = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", _str), ("source", _str), ("title", _str), ("text", _str), ("published", pa.date32()),
        ("authors", _list_str), ("n_sentences", _i32), ("n_tokens", _i32), ("url", _str),
        ("source_prefix", _str), ("n_syllables", _i32), ("date_estimate", pa.date32())]),
    "sentences": pa.schema([
        ("doc_id", _str), ("sent_id", _i32), ("start", _i32), ("end", _i32), ("kind", _str)]),
    "tokens": pa.schema([
        ("doc_id", _str), ("sent_id", _i32), ("tok_id", _i32), ("start", _i32), ("end", _i32),
        ("text", _str), ("pos", _str)]),
    "mentions": pa.schema([
        ("doc_id", _str), ("mention_id", _str), ("start", _i32), ("end", _i32), ("text", _str),
        ("label", _str), ("entity_id", _str), ("name", _str), ("refers_to", _str)]),
    "appearances": pa.schema([
        ("doc_id", _str), ("entity_id", _str), ("name", _str), ("rank", _str), ("titles", _list_str),
        ("n_mentions", _i32), ("starts", pa.list_(_i32)), ("ends", pa.list_(_i32))]),
    "person_roles": pa.schema([
        ("doc_id", _str), ("entity_id", _str), ("name", _str), ("kind", _str), ("value", _str), ("position", _str),
        ("organization", _str), ("organization_id", _str), ("start", _i32), ("end", _i32), ("text", _str)]),
    "dates": pa.schema([
        ("doc_id", _str), ("mention_id", _str), ("start", _i32), ("end", _i32), ("text", _str),
        ("value", _str), ("part_of_day", _str), ("kind", _str), ("value_note", _str), ("year_source", _str)]),
    "legal_refs": pa.schema([
        ("doc_id", _str), ("start", _i32), ("end", _i32), ("text", _str), ("doc_type", _str), ("number", _str)]),
    "abbreviations": pa.schema([
        ("doc_id", _str), ("short", _str), ("long", _str), ("defined", _bool), ("start", _i32), ("end", _i32),
        ("source", _str), ("domain", _str)]),
    "abbreviation_uses": pa.schema([
        ("doc_id", _str), ("short", _str), ("start", _i32), ("end", _i32)]),
    "events": pa.schema([
        ("doc_id", _str), ("event_id", _str), ("type", _str), ("text", _str), ("date_value", _str),
        ("location", _str), ("start", _i32), ("end", _i32), ("organizer", _str), ("historical", _bool),
        ("year_source", _str), ("mention", _str), ("mention_start", _i32), ("mention_end", _i32)]),
    "event_participants": pa.schema([
        ("doc_id", _str), ("event_id", _str), ("entity_id", _str), ("name", _str), ("role", _str),
        ("roles", _list_str)]),
    "input_annotations": pa.schema([
        ("doc_id", _str), ("annotation_id", _str), ("start", _i32), ("end", _i32), ("text", _str),
        ("label", _str), ("layer", _i32)]),
    "errors": pa.schema([
        ("source", _str), ("doc_id", _str), ("stage", _str), ("error", _str), ("message", _str)]),
    "entities": pa.schema([
        ("entity_id", _str), ("label", _str), ("name", _str), ("aliases", _list_str), ("n_docs", _i32),
        ("n_mentions", _i32), ("refers_to", _str)]),
    "abbreviation_lexicon": pa.schema([
        ("short", _str), ("long", _str), ("n_docs", _i32), ("n_defined", _i32), ("source", _str)]),
    "event_years": pa.schema([
        ("doc_id", _str), ("event_id", _str), ("date_value", _str), ("year_source", _str), ("n_docs", _i32)]),
    "person_ranks": pa.schema([
        ("entity_id", _str), ("name", _str), ("rank", _str), ("n_docs", _i32), ("first_seen", pa.date32()),
        ("last_seen", pa.date32()), ("doc_ids", _list_str)]),
    "ranks": pa.schema([("rank", _str), ("branch", _str), ("order", _i32), ("grade", _str)]),
    "event_clusters": pa.schema([
        ("cluster_id", _str), ("family", _str), ("type", _str), ("date_value", _str), ("location", _str),
        ("n_events", _i32), ("n_docs", _i32), ("doc_ids", _list_str), ("event_ids", _list_str),
        ("entity_ids", _list_str), ("names", _list_str)]),
    "event_cluster_members": pa.schema([("doc_id", _str), ("event_id", _str), ("cluster_id", _str)]),
    "affiliations": pa.schema([
        ("person_id", _str), ("person", _str), ("position", _str), ("organization_id", _str), ("organization", _str),
        ("rank_at_first", _str), ("rank_at_last", _str), ("first_seen", pa.date32()), ("last_seen", pa.date32()),
        ("n_docs", _i32), ("n_docs_former", _i32), ("doc_ids", _list_str)]),
    "person_identities": pa.schema([
        ("doc_id", _str), ("entity_id", _str), ("name", _str), ("identity_id", _str), ("identity_evidence", _str)]),
}
CORPUS_TABLES = ("entities", "abbreviation_lexicon", "person_ranks", "event_years", "ranks", "event_clusters",
                 "event_cluster_members", "person_identities", "affiliations")
PER_DOCUMENT_TABLES = tuple(t for t in SCHEMAS if t not in CORPUS_TABLES)
# A table's rows: a list of dicts, or, for the tokens table, a dict of columns (`token_columns`)
Rows = list[dict] | dict[str, list]
LABEL_PREFIX = {"PERSON": "per", "ORG": "org", "LOC": "loc"}


def entity_id(label: str, name: str) -> str:
    """Stable id of a canonical entity: same label and (case/tone-folded) name, same id, every run;
    a person's foreign words compare without accents ("Rául Castro" is "Raul Castro")."""
    key = f"{label}|{name_key(name) if label == 'PERSON' else normalize_text(name).casefold()}"
    return f"{LABEL_PREFIX.get(label, label.lower()[:3])}-{hashlib.sha1(key.encode()).hexdigest()[:12]}"


def date_estimate(dates) -> date | None:
    """When an undated document's news happened: its first full date (day, month and year) that is
    not history (within 5 years of the newest full date: "kỷ niệm … 21/6/1925" is recalled, not news)."""
    full = []
    for d in dates:
        if d.value and d.value[:4].isdigit() and len(d.value) >= 10 and d.value[10:11] in ("", "T"):
            try:
                full.append(date.fromisoformat(d.value[:10]))
            except ValueError:  # a range such as "2022-12-26/…" or an impossible day
                continue
    if not full:
        return None
    newest = max(f.year for f in full)
    return next(f for f in full if f.year >= newest - 5)


def event_year_source(date_value: str | None, dates) -> str:
    """Where an event's year comes from: that of the date mention giving its value (text,
    publication), else none."""
    if not date_value or not date_value[:4].isdigit():
        return "none"
    day = date_value[:10]
    return next((d.year_source for d in dates if d.value and d.value[:10] == day), "text")


def document_rows(doc: Document) -> dict[str, Rows]:
    """All per-document rows of one processed document, keyed by table name."""
    d = doc.doc_id
    rows: dict[str, list[dict]] = {}
    rows["documents"] = [{
        "doc_id": d, "source": doc.source, "title": doc.title, "text": doc.text, "published": doc.published,
        "authors": doc.authors, "n_sentences": len(doc.sentences), "n_tokens": len(doc.tokens),
        "url": doc.url, "source_prefix": doc.source_prefix, "n_syllables": len(doc.text.split()),
        "date_estimate": doc.published or date_estimate(doc.dates)}]
    rows["sentences"] = [{"doc_id": d, "sent_id": s.sent_id, "start": s.start, "end": s.end, "kind": s.kind}
                         for s in doc.sentences]
    rows["tokens"] = token_columns(doc)
    rows["mentions"] = [{"doc_id": d, "mention_id": f"{d}#m{i}", "start": m.start, "end": m.end, "text": m.text,
                         "label": m.label, "entity_id": entity_id(m.label, m.canonical), "name": m.canonical,
                         "refers_to": m.refers_to}
                        for i, m in enumerate(sorted(doc.mentions, key=lambda m: (m.start, m.end, m.label)))]
    person_ids = {a.name: entity_id("PERSON", a.name) for a in doc.appearances}
    rows["appearances"] = [{"doc_id": d, "entity_id": person_ids[a.name], "name": a.name, "rank": a.rank,
                            "titles": list(a.titles), "n_mentions": len(a.mention_spans),
                            "starts": [s for s, _ in a.mention_spans], "ends": [e for _, e in a.mention_spans]}
                           for a in doc.appearances]
    rows["person_roles"] = person_role_rows(doc, person_ids)
    rows["dates"] = [{"doc_id": d, "mention_id": f"{d}#t{i}", "start": x.start, "end": x.end, "text": x.text,
                      "value": x.value, "part_of_day": x.part_of_day, "kind": x.kind, "value_note": x.value_note,
                      "year_source": x.year_source} for i, x in enumerate(doc.dates)]
    rows["legal_refs"] = [{"doc_id": d, "start": x.start, "end": x.end, "text": x.text, "doc_type": x.doc_type,
                           "number": x.number} for x in doc.legal_refs]
    rows["abbreviations"] = [{"doc_id": d, "short": a.short, "long": a.long, "defined": a.defined, "start": a.start,
                              "end": a.end, "source": a.source, "domain": a.domain} for a in doc.abbreviations]
    rows["abbreviation_uses"] = [{"doc_id": d, **use} for use in unexpanded_uses(doc.text, doc.abbreviations)]
    rows["events"] = [{"doc_id": d, "event_id": f"{d}#e{e.event_key}", "type": e.type, "text": e.text,
                       "date_value": e.date_value, "location": e.location, "start": e.start, "end": e.end,
                       "organizer": e.organizer, "historical": e.historical,
                       "year_source": event_year_source(e.date_value, doc.dates), "mention": e.mention,
                       "mention_start": e.mention_start, "mention_end": e.mention_end} for e in doc.events]
    rows["event_participants"] = [{"doc_id": d, "event_id": f"{d}#e{p.event_key}",
                                   "entity_id": person_ids.get(p.name, entity_id("PERSON", p.name)),
                                   "name": p.name, "role": p.role, "roles": list(p.roles or (p.role,))}
                                  for p in doc.participants]
    rows["input_annotations"] = [{"doc_id": d, "annotation_id": f"{d}#g{i}", "start": a.start, "end": a.end,
                                  "text": a.text, "label": a.label, "layer": a.layer}
                                 for i, a in enumerate(doc.annotations)]
    return rows


def person_role_rows(doc: Document, person_ids: dict[str, str]) -> list[dict]:
    """The words behind each appearance's rank and titles. A title's organization gets its entity id
    when the document names that organization (an ORG mention of the same canonical name)."""
    org_names = {normalize_text(m.canonical).casefold() for m in doc.mentions if m.label == "ORG"}
    rows = []
    for r in doc.person_roles:
        org_id = None
        if r.organization and normalize_text(r.organization).casefold() in org_names:
            org_id = entity_id("ORG", r.organization)
        rows.append({"doc_id": doc.doc_id, "entity_id": person_ids.get(r.name, entity_id("PERSON", r.name)),
                     "name": r.name, "kind": r.kind, "value": r.value, "position": r.position,
                     "organization": r.organization, "organization_id": org_id, "start": r.start, "end": r.end,
                     "text": doc.text[r.start:r.end]})
    return rows


def error_row(err: ErrorRecord) -> dict:
    return {"source": err.source, "doc_id": err.doc_id, "stage": err.stage, "error": err.error,
            "message": err.message}


def token_columns(doc: Document) -> dict[str, list]:
    """The tokens table's rows of one document, column by column: a document has a row per word, and
    pyarrow converts columns several times faster than as many dicts."""
    tokens = doc.tokens
    sent_ids, tok_ids, starts, ends, texts, tags = (list(column) for column in zip(*tokens)) if tokens \
        else ([], [], [], [], [], [])
    return {"doc_id": [doc.doc_id] * len(tokens), "sent_id": sent_ids, "tok_id": tok_ids, "start": starts,
            "end": ends, "text": texts, "pos": tags}


def empty_rows(table: str) -> Rows:
    """A batch's rows of a table before any document: columns for the tokens table, else a list."""
    return {column: [] for column in SCHEMAS[table].names} if table == "tokens" else []


def extend_rows(rows: Rows, more: Rows) -> None:
    """Append one document's rows of a table to a batch's (both as rows, or both as columns)."""
    if isinstance(rows, dict):
        for column, values in more.items():
            rows[column].extend(values)
    else:
        rows.extend(more)


def count_rows(rows: Rows) -> int:
    return len(next(iter(rows.values()), ())) if isinstance(rows, dict) else len(rows)


def to_arrow(rows_by_table: dict[str, Rows]) -> dict[str, pa.Table]:
    """Rows → Arrow tables with the contract's schemas (done in the worker: compact to send back)."""
    return {table: pa.Table.from_pydict(rows, schema=SCHEMAS[table]) if isinstance(rows, dict)
            else pa.Table.from_pylist(rows, schema=SCHEMAS[table]) for table, rows in rows_by_table.items()}


def write_part(out_dir: Path, table: str, key: str, data: pa.Table) -> Path:
    """One Parquet part, written under a temporary name and renamed (never half-visible)."""
    folder = out_dir / table
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"part-{key}.parquet"
    tmp = folder / f".part-{key}.parquet.tmp"
    pq.write_table(data.cast(SCHEMAS[table]), tmp, compression="zstd")
    os.replace(tmp, path)
    return path
