"""The output folder as a store of committed batches: atomic, crash-safe and incremental.

Layout:
    OUT/<table>/part-<batch>.parquet        one part per committed batch and table
    OUT/<table>/.part-<batch>.parquet.staged   a part written, not yet visible (see below)
    OUT/<table>/part-ingest.parquet         errors found while reading the inputs (rewritten every run)
    OUT/<table>/part-corpus.parquet         corpus-wide tables (entities, …), rebuilt at the end of a run
    OUT/_manifest/<batch>.json              one entry per committed batch: the commit itself
    OUT/_lock                               held (flock) by the run writing to OUT

A batch is committed in three steps: (1) every part is written under a staged name, which
pandas/pyarrow (leading `.`) and DuckDB's `*.parquet` glob both skip; (2) its manifest entry is
written by rename: this is the commit; (3) the staged parts are renamed to their visible names.
A reader never sees a batch before its commit. A kill after (1) leaves staged parts that the next
run removes; a kill after (2) leaves a committed batch whose parts the next run makes visible.
`select_committed` picks exactly the committed files of a listing at any instant (staged or not), for readers
that go through the manifest (`vnextract query`, the notebook, `pipeline.query.explore.open_output`).

Documents are identified by a fingerprint of their content and the pipeline's configuration: a
re-run skips documents whose fingerprint is already committed. Replacing documents (changed
content, --prune) rewrites their old batch under a new key whose manifest entry names the batch
it `replaces`; the old batch's parts go once the new entry is written, and before the new parts
become visible, so a reader never sees a document twice. Opening the store finishes any
replacement a kill interrupted.
"""
from __future__ import annotations

import errno
import fcntl
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
LOCK = "_lock"
RESERVED_PARTS = ("ingest", "corpus")
STAGED_SUFFIX = ".parquet.staged"


class OutputLocked(Exception):
    """Another run holds the output folder's lock."""

    def __init__(self, out_dir: Path, holder: str):
        super().__init__(f"another run{f' (pid {holder})' if holder else ''} is writing to {out_dir}")
        self.out_dir, self.holder = out_dir, holder


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


def visible_part(out_dir: Path, table: str, key: str) -> Path:
    return Path(out_dir) / table / f"part-{key}.parquet"


def staged_part(out_dir: Path, table: str, key: str) -> Path:
    return Path(out_dir) / table / f".part-{key}{STAGED_SUFFIX}"


def _part_key(name: str) -> str:
    return name.lstrip(".").removeprefix("part-").removesuffix(".tmp").removesuffix(".staged").removesuffix(".parquet")


def read_manifest(out_dir: Path) -> dict[str, BatchEntry] | None:
    """The committed batches of OUT (replaced ones left out), or None where OUT has no manifest."""
    manifest_dir = Path(out_dir) / MANIFEST
    if not manifest_dir.is_dir():
        return None
    texts = []
    for path in sorted(manifest_dir.glob("*.json")):
        try:
            texts.append(path.read_bytes())
        except FileNotFoundError:  # dropped by a run since the listing
            continue
    return manifest_entries(texts)


def manifest_entries(texts) -> dict[str, BatchEntry]:
    """The committed batches among the manifest files' contents: a replaced batch is left out."""
    entries = {}
    for text in texts:
        entry = BatchEntry(**json.loads(text))
        entries[entry.key] = entry
    for entry in list(entries.values()):
        if entry.replaces:
            entries.pop(entry.replaces, None)
    return entries


def select_committed(names, entries: dict[str, BatchEntry]) -> dict[str, list[str]]:
    """Table → its committed part files among NAMES (paths relative to OUT, `table/file`).

    Every committed batch's part (visible, or still staged when its commit is under way or was
    interrupted) and the per-run parts (ingest errors, corpus-wide tables); never a part of an
    uncommitted or replaced batch. Works on any listing: a local folder's or an object store's."""
    names = set(names)
    found: dict[str, list[str]] = {}
    for table in SCHEMAS:
        paths = []
        for key in [*sorted(entries), *RESERVED_PARTS]:
            for name in (f"{table}/part-{key}.parquet", f"{table}/.part-{key}{STAGED_SUFFIX}"):
                if name in names:
                    paths.append(name)
                    break
        if paths:
            found[table] = paths
    return found


def committed_parts(out_dir: Path) -> dict[str, list[Path]] | None:
    """Table → its committed part files in the local folder OUT, at this instant (see
    `select_committed`); None where OUT has no manifest."""
    entries = read_manifest(out_dir)
    if entries is None:
        return None
    out_dir = Path(out_dir)
    names = [p.relative_to(out_dir).as_posix() for p in out_dir.glob("*/*part-*")]
    return {table: [out_dir / name for name in found]
            for table, found in select_committed(names, entries).items()}


def committed_documents(out_dir: Path) -> int:
    """How many documents OUT holds, as committed (0 where it has no manifest)."""
    return sum(len(e.documents) for e in (read_manifest(out_dir) or {}).values())


class OutputStore:
    """Committed batches in `out_dir`; with a `mirror` (a remote output folder's local copy, see
    `pipeline.inputs.remote.OutputMirror`) every file written or removed is mirrored to the remote."""

    def __init__(self, out_dir: Path, mirror=None):
        self.out_dir = Path(out_dir)
        self.manifest_dir = self.out_dir / MANIFEST
        self.entries: dict[str, BatchEntry] = {}
        self.mirror = mirror
        self._lock_file = None

    def _written(self, path: Path) -> None:
        if self.mirror is not None:
            self.mirror.push(path)

    def _remove(self, path: Path) -> None:
        if path.exists():
            path.unlink()
        if self.mirror is not None:
            self.mirror.delete(path)

    # ------------------------------------------------------------------ opening and recovery

    def lock(self) -> None:
        """Hold OUT's lock for this process's lifetime (or until `close`); refuse if another run holds it.

        An flock: the system releases it when the process ends, however it ends, so a killed run
        never leaves a stale lock."""
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(self.out_dir))
        self.out_dir.mkdir(parents=True, exist_ok=True)
        handle = open(self.out_dir / LOCK, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            handle.close()
            raise OutputLocked(self.out_dir, holder) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._lock_file = handle

    def close(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()  # releases the flock
            self._lock_file = None

    def open(self, full: bool = False) -> None:
        """Take the lock, load the manifest, finish interrupted commits and replacements, remove
        uncommitted parts."""
        self.lock()
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
            for part in sorted(folder.glob("*part-*")):
                key = _part_key(part.name)
                committed = key in self.entries or (key in RESERVED_PARTS and not part.name.startswith("."))
                if part.name.endswith(".tmp") or not committed:
                    self._remove(part)  # left by a run that was killed before committing it
                elif part.name.endswith(STAGED_SUFFIX):
                    self._publish(table, key)  # committed, killed before it was made visible

    def committed_documents(self) -> int:
        return sum(len(e.documents) for e in self.entries.values())

    def index(self) -> dict[str, tuple[str, str]]:
        """doc_id -> (fingerprint, batch key) of every committed document, failed ones included."""
        found = {}
        for entry in self.entries.values():
            for doc_id, fp in {**entry.documents, **entry.failed}.items():
                found[doc_id] = (fp, entry.key)
        return found

    # ------------------------------------------------------------------ committing

    def commit(self, entry: BatchEntry, tables: dict[str, pa.Table]) -> None:
        """Staged parts, then the manifest entry (the commit), then the replaced batch dropped,
        then the parts made visible."""
        for table, data in tables.items():
            self._written(self._stage(table, entry.key, data))
        manifest = self.manifest_dir / f"{entry.key}.json"
        _atomic_write_bytes(manifest, json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True).encode())
        self._written(manifest)
        self.entries[entry.key] = entry
        if entry.replaces:
            self._drop_entry(entry.replaces)
        for table in tables:
            self._publish(table, entry.key)

    def _stage(self, table: str, key: str, data: pa.Table) -> Path:
        path = staged_part(self.out_dir, table, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".part-{key}.parquet.tmp")
        pq.write_table(data.cast(SCHEMAS[table]), tmp, compression="zstd")
        os.replace(tmp, path)
        return path

    def _rename(self, source: Path, target: Path) -> None:
        os.replace(source, target)
        if self.mirror is not None:
            self.mirror.move(source, target)

    def _publish(self, table: str, key: str) -> None:
        self._rename(staged_part(self.out_dir, table, key), visible_part(self.out_dir, table, key))

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

    def _drop_entry(self, key: str) -> None:
        """The reverse of a commit: parts hidden (staged names), manifest entry removed, parts removed.

        A kill at any step leaves either a committed batch (which `open` makes visible again) or
        staged parts of no batch (which `open` removes): never a visible part of no batch."""
        for table in SCHEMAS:
            if visible_part(self.out_dir, table, key).exists():
                self._rename(visible_part(self.out_dir, table, key), staged_part(self.out_dir, table, key))
        self._remove(self.manifest_dir / f"{key}.json")
        self.entries.pop(key, None)
        for table in SCHEMAS:
            self._remove(staged_part(self.out_dir, table, key))

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
