"""Stage: the output tables. This module owns every Arrow schema and all Parquet writing.

Each table is a folder `OUT/<table>/` of zstd-compressed Parquet part files, readable by
`pandas.read_parquet("OUT/<table>")`, `pyarrow.dataset` and DuckDB's `read_parquet('OUT/<table>/*.parquet')`.
Rows are buffered and flushed in parts, so memory does not grow with the corpus. Per-document rows
come from `document_rows`; corpus-wide tables (entities, abbreviation_lexicon, person_ranks) from
`CorpusAggregates`, written once at the end of a run.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .normalize import normalize_text
from .records import Document, ErrorRecord

_str, _i32, _bool = pa.string(), pa.int32(), pa.bool_()
_list_str = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", _str), ("source", _str), ("title", _str), ("text", _str), ("published", pa.date32()),
        ("authors", _list_str), ("n_sentences", _i32), ("n_tokens", _i32), ("url", _str),
        ("source_prefix", _str), ("n_syllables", _i32)]),
    "sentences": pa.schema([
        ("doc_id", _str), ("sent_id", _i32), ("start", _i32), ("end", _i32), ("kind", _str)]),
    "tokens": pa.schema([
        ("doc_id", _str), ("sent_id", _i32), ("tok_id", _i32), ("start", _i32), ("end", _i32),
        ("text", _str), ("pos", _str)]),
    "mentions": pa.schema([
        ("doc_id", _str), ("mention_id", _str), ("start", _i32), ("end", _i32), ("text", _str),
        ("label", _str), ("entity_id", _str), ("name", _str)]),
    "appearances": pa.schema([
        ("doc_id", _str), ("entity_id", _str), ("name", _str), ("rank", _str), ("titles", _list_str),
        ("n_mentions", _i32)]),
    "dates": pa.schema([
        ("doc_id", _str), ("mention_id", _str), ("start", _i32), ("end", _i32), ("text", _str),
        ("value", _str), ("part_of_day", _str), ("kind", _str)]),
    "legal_refs": pa.schema([
        ("doc_id", _str), ("start", _i32), ("end", _i32), ("text", _str), ("doc_type", _str), ("number", _str)]),
    "abbreviations": pa.schema([
        ("doc_id", _str), ("short", _str), ("long", _str), ("defined", _bool), ("start", _i32), ("end", _i32),
        ("source", _str), ("domain", _str)]),
    "events": pa.schema([
        ("doc_id", _str), ("event_id", _str), ("type", _str), ("text", _str), ("date_value", _str),
        ("location", _str), ("start", _i32), ("end", _i32), ("organizer", _str)]),
    "event_participants": pa.schema([
        ("doc_id", _str), ("event_id", _str), ("entity_id", _str), ("name", _str), ("role", _str)]),
    "errors": pa.schema([
        ("source", _str), ("doc_id", _str), ("stage", _str), ("error", _str), ("message", _str)]),
    "entities": pa.schema([
        ("entity_id", _str), ("label", _str), ("name", _str), ("aliases", _list_str), ("n_docs", _i32),
        ("n_mentions", _i32)]),
    "abbreviation_lexicon": pa.schema([
        ("short", _str), ("long", _str), ("n_docs", _i32), ("n_defined", _i32), ("source", _str)]),
    "person_ranks": pa.schema([
        ("entity_id", _str), ("name", _str), ("rank", _str), ("n_docs", _i32), ("first_seen", pa.date32()),
        ("last_seen", pa.date32())]),
}
PER_DOCUMENT_TABLES = tuple(t for t in SCHEMAS if t not in ("entities", "abbreviation_lexicon", "person_ranks"))
LABEL_PREFIX = {"PERSON": "per", "ORG": "org", "LOC": "loc"}


def entity_id(label: str, name: str) -> str:
    """Stable id of a canonical entity: same label and (case/tone-folded) name, same id, every run."""
    key = f"{label}|{normalize_text(name).casefold()}"
    return f"{LABEL_PREFIX.get(label, label.lower()[:3])}-{hashlib.sha1(key.encode()).hexdigest()[:12]}"


def document_rows(doc: Document) -> dict[str, list[dict]]:
    """All per-document rows of one processed document, keyed by table name."""
    d = doc.doc_id
    rows: dict[str, list[dict]] = {}
    rows["documents"] = [{
        "doc_id": d, "source": doc.source, "title": doc.title, "text": doc.text, "published": doc.published,
        "authors": doc.authors, "n_sentences": len(doc.sentences), "n_tokens": len(doc.tokens),
        "url": doc.url, "source_prefix": doc.source_prefix, "n_syllables": len(doc.text.split())}]
    rows["sentences"] = [{"doc_id": d, "sent_id": s.sent_id, "start": s.start, "end": s.end, "kind": s.kind}
                         for s in doc.sentences]
    rows["tokens"] = [{"doc_id": d, "sent_id": t.sent_id, "tok_id": t.tok_id, "start": t.start, "end": t.end,
                       "text": t.text, "pos": t.pos} for t in doc.tokens]
    rows["mentions"] = [{"doc_id": d, "mention_id": f"{d}#m{i}", "start": m.start, "end": m.end, "text": m.text,
                         "label": m.label, "entity_id": entity_id(m.label, m.canonical), "name": m.canonical}
                        for i, m in enumerate(sorted(doc.mentions, key=lambda m: (m.start, m.end, m.label)))]
    person_ids = {a.name: entity_id("PERSON", a.name) for a in doc.appearances}
    rows["appearances"] = [{"doc_id": d, "entity_id": person_ids[a.name], "name": a.name, "rank": a.rank,
                            "titles": list(a.titles), "n_mentions": len(a.mention_spans)} for a in doc.appearances]
    rows["dates"] = [{"doc_id": d, "mention_id": f"{d}#t{i}", "start": x.start, "end": x.end, "text": x.text,
                      "value": x.value, "part_of_day": x.part_of_day, "kind": x.kind} for i, x in enumerate(doc.dates)]
    rows["legal_refs"] = [{"doc_id": d, "start": x.start, "end": x.end, "text": x.text, "doc_type": x.doc_type,
                           "number": x.number} for x in doc.legal_refs]
    rows["abbreviations"] = [{"doc_id": d, "short": a.short, "long": a.long, "defined": a.defined, "start": a.start,
                              "end": a.end, "source": a.source, "domain": a.domain} for a in doc.abbreviations]
    rows["events"] = [{"doc_id": d, "event_id": f"{d}#e{e.event_key}", "type": e.type, "text": e.text,
                       "date_value": e.date_value, "location": e.location, "start": e.start, "end": e.end,
                       "organizer": e.organizer} for e in doc.events]
    rows["event_participants"] = [{"doc_id": d, "event_id": f"{d}#e{p.event_key}",
                                   "entity_id": person_ids.get(p.name, entity_id("PERSON", p.name)),
                                   "name": p.name, "role": p.role} for p in doc.participants]
    return rows


def error_row(err: ErrorRecord) -> dict:
    return {"source": err.source, "doc_id": err.doc_id, "stage": err.stage, "error": err.error,
            "message": err.message}


@dataclass
class CorpusAggregates:
    """Corpus-wide counts gathered document by document (memory: one entry per distinct entity)."""

    entity_docs: dict = field(default_factory=lambda: defaultdict(int))
    entity_mentions: dict = field(default_factory=lambda: defaultdict(int))
    entity_aliases: dict = field(default_factory=lambda: defaultdict(set))
    entity_names: dict = field(default_factory=dict)
    abbreviations: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, set()]))
    ranks: dict = field(default_factory=dict)

    def add(self, rows: dict[str, list[dict]]) -> None:
        """Count one document's rows (rows only, so worker processes need send nothing else)."""
        seen = set()
        for row in rows["mentions"]:
            eid = row["entity_id"]
            self.entity_names.setdefault(eid, (row["label"], row["name"]))
            self.entity_mentions[eid] += 1
            self.entity_aliases[eid].add(row["text"])
            seen.add(eid)
        for eid in seen:
            self.entity_docs[eid] += 1
        for a in rows["abbreviations"]:
            entry = self.abbreviations[(a["short"], a["long"])]
            entry[0] += 1
            entry[1] += int(a["defined"])
            entry[2].add(a["source"])
        published = rows["documents"][0]["published"]
        for row in rows["appearances"]:
            if row["rank"]:
                key = (row["entity_id"], row["rank"])
                name, n, first, last = self.ranks.get(key, (row["name"], 0, None, None))
                first = min(filter(None, (first, published)), default=None)
                last = max(filter(None, (last, published)), default=None)
                self.ranks[key] = (name, n + 1, first, last)

    def tables(self) -> dict[str, list[dict]]:
        entities = [{"entity_id": eid, "label": label, "name": name,
                     "aliases": sorted(self.entity_aliases[eid] - {name}),
                     "n_docs": self.entity_docs[eid], "n_mentions": self.entity_mentions[eid]}
                    for eid, (label, name) in sorted(self.entity_names.items())]
        lexicon = [{"short": short, "long": long, "n_docs": n, "n_defined": nd,
                    "source": "document" if "document" in sources else "lexicon"}
                   for (short, long), (n, nd, sources) in sorted(self.abbreviations.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))]
        ranks = [{"entity_id": eid, "name": name, "rank": rank, "n_docs": n, "first_seen": first, "last_seen": last}
                 for (eid, rank), (name, n, first, last) in sorted(self.ranks.items())]
        return {"entities": entities, "abbreviation_lexicon": lexicon, "person_ranks": ranks}


class TableWriter:
    """Buffers rows per table and writes them as numbered Parquet parts (write to .tmp, then rename)."""

    def __init__(self, out_dir: Path, flush_rows: int = 200_000):
        self.out_dir = Path(out_dir)
        self.flush_rows = flush_rows
        self.buffers: dict[str, list[dict]] = defaultdict(list)
        self.part_numbers: dict[str, int] = defaultdict(int)

    def reset(self) -> None:
        """Start a fresh output: remove the previous run's table folders (only ours)."""
        for table in SCHEMAS:
            shutil.rmtree(self.out_dir / table, ignore_errors=True)
        self.out_dir.mkdir(parents=True, exist_ok=True)

    def add(self, table: str, rows: list[dict]) -> None:
        buffer = self.buffers[table]
        buffer.extend(rows)
        if len(buffer) >= self.flush_rows:
            self.flush(table)

    def flush(self, table: str) -> None:
        rows = self.buffers.pop(table, [])
        folder = self.out_dir / table
        folder.mkdir(parents=True, exist_ok=True)
        if not rows and self.part_numbers[table] > 0:
            return
        arrow_table = pa.Table.from_pylist(rows, schema=SCHEMAS[table])
        path = folder / f"part-{self.part_numbers[table]:05d}.parquet"
        tmp = path.with_suffix(".parquet.tmp")
        pq.write_table(arrow_table, tmp, compression="zstd")
        os.replace(tmp, path)
        self.part_numbers[table] += 1

    def close(self) -> None:
        """Flush everything; every table gets at least one (possibly empty) part so readers never fail."""
        for table in SCHEMAS:
            self.flush(table)
