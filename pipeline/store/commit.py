"""The output folder as a store of committed batches: atomic, crash-safe and incremental.

Layout:
    OUT/<table>/part-<batch>.parquet   one part per committed batch and table
    OUT/<table>/part-ingest.parquet    errors found while reading the inputs (rewritten every run)
    OUT/<table>/part-corpus.parquet    corpus-wide tables (entities, …), rebuilt at the end of a run
    OUT/_manifest/<batch>.json         one entry per committed batch (written last, by rename)

A batch is committed by writing every part to a temporary name, renaming it into place, then
writing its manifest entry (also by rename). A part without a manifest entry was left by a killed
run and is removed when the store is opened, so readers and the next run see exactly the committed
batches. Documents are identified by a fingerprint of their content and the pipeline's
configuration: a re-run skips documents whose fingerprint is already committed.

Replacing documents (changed content, --prune) rewrites their old batch under a new key whose
manifest entry names the batch it `replaces`; opening the store finishes any replacement a kill
interrupted, so no document is ever committed twice.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.store.tables import SCHEMAS, write_part

MANIFEST = "_manifest"
RESERVED_PARTS = ("ingest", "corpus")


@dataclass
class BatchEntry:
    key: str
    documents: dict[str, str]  # doc_id -> fingerprint, processed
    failed: dict[str, str] = field(default_factory=dict)  # doc_id -> fingerprint, ended in `errors`
    counts: dict[str, int] = field(default_factory=dict)
    pipeline_version: str = ""
    config_hash: str = ""
    run_id: str = ""  # the run that committed the batch (time-ordered, for audits)
    replaces: str | None = None


def batch_key(fingerprints: list[str]) -> str:
    return hashlib.sha1("|".join(sorted(fingerprints)).encode()).hexdigest()[:16]


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class OutputStore:
    """Committed batches in `out_dir`; with a `mirror` (a remote output folder's local copy, see
    `pipeline.inputs.remote.OutputMirror`) every file written or removed is mirrored to the remote."""

    def __init__(self, out_dir: Path, mirror=None):
        self.out_dir = Path(out_dir)
        self.manifest_dir = self.out_dir / MANIFEST
        self.entries: dict[str, BatchEntry] = {}
        self.mirror = mirror

    def _written(self, path: Path) -> None:
        if self.mirror is not None:
            self.mirror.push(path)

    def _remove(self, path: Path) -> None:
        if path.exists():
            path.unlink()
        if self.mirror is not None:
            self.mirror.delete(path)

    # ------------------------------------------------------------------ opening and recovery

    def open(self, full: bool = False) -> None:
        """Load the manifest, finish interrupted replacements, remove uncommitted parts."""
        if full:
            for path in sorted(self.out_dir.glob("*/*part-*")) + sorted(self.manifest_dir.glob("*.json")):
                if path.parent.name in SCHEMAS or path.parent == self.manifest_dir:
                    self._remove(path)
        self.manifest_dir.mkdir(parents=True, exist_ok=True)
        for path in sorted(self.manifest_dir.glob("*.json")):
            entry = BatchEntry(**json.loads(path.read_text(encoding="utf-8")))
            self.entries[entry.key] = entry
        for entry in list(self.entries.values()):
            if entry.replaces and entry.replaces in self.entries:
                self._drop_entry(entry.replaces)
        for path in self.manifest_dir.glob("*.tmp"):
            self._remove(path)
        for table in SCHEMAS:
            folder = self.out_dir / table
            if not folder.exists():
                continue
            for part in folder.glob("*part-*"):
                key = part.name.removeprefix("part-").removesuffix(".parquet")
                if part.name.endswith(".tmp") or (key not in self.entries and key not in RESERVED_PARTS):
                    self._remove(part)  # left by a run that was killed before committing it

    def index(self) -> dict[str, tuple[str, str]]:
        """doc_id -> (fingerprint, batch key) of every committed document, failed ones included."""
        found = {}
        for entry in self.entries.values():
            for doc_id, fp in {**entry.documents, **entry.failed}.items():
                found[doc_id] = (fp, entry.key)
        return found

    # ------------------------------------------------------------------ committing

    def commit(self, entry: BatchEntry, tables: dict[str, pa.Table]) -> None:
        """Parts first, manifest entry last: the batch exists once its entry does."""
        for table, data in tables.items():
            self._written(write_part(self.out_dir, table, entry.key, data))
        manifest = self.manifest_dir / f"{entry.key}.json"
        _atomic_write_bytes(manifest, json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True).encode())
        self._written(manifest)
        self.entries[entry.key] = entry

    def remove_documents(self, doc_ids: set[str]) -> None:
        """Take documents out of their committed batches (before their new rows are committed)."""
        by_batch: dict[str, set[str]] = {}
        for doc_id, (_, key) in self.index().items():
            if doc_id in doc_ids:
                by_batch.setdefault(key, set()).add(doc_id)
        for key, removed in sorted(by_batch.items()):
            old = self.entries[key]
            kept_docs = {d: fp for d, fp in old.documents.items() if d not in removed}
            kept_failed = {d: fp for d, fp in old.failed.items() if d not in removed}
            if not kept_docs and not kept_failed:
                self._drop_entry(key)
                continue
            tables = {}
            for table in SCHEMAS:
                path = self.out_dir / table / f"part-{key}.parquet"
                if path.exists():
                    data = pq.read_table(path)
                    mask = pc.invert(pc.is_in(data["doc_id"], pa.array(sorted(removed))))
                    tables[table] = data.filter(mask)
            new_key = hashlib.sha1(f"{key}|{'|'.join(sorted(removed))}".encode()).hexdigest()[:16]
            counts = {t: d.num_rows for t, d in tables.items()}
            self.commit(BatchEntry(new_key, kept_docs, kept_failed, counts, old.pipeline_version,
                                   old.config_hash, old.run_id, replaces=key), tables)
            self._drop_entry(key)

    def _drop_entry(self, key: str) -> None:
        self._remove(self.manifest_dir / f"{key}.json")
        self.entries.pop(key, None)
        for table in SCHEMAS:
            self._remove(self.out_dir / table / f"part-{key}.parquet")

    def write_reserved(self, name: str, tables: dict[str, pa.Table]) -> None:
        """Parts that are rebuilt every run (ingest errors, corpus-wide tables)."""
        assert name in RESERVED_PARTS
        for table, data in tables.items():
            self._written(write_part(self.out_dir, table, name, data))

    def ensure_every_table(self) -> None:
        """An empty part for any table with none, so every reader finds every table."""
        for table, schema in SCHEMAS.items():
            folder = self.out_dir / table
            if not folder.exists() or not any(folder.glob("*.parquet")):
                self._written(write_part(self.out_dir, table, "corpus", schema.empty_table()))
