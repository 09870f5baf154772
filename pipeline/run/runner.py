"""Run the stages over inputs and commit the tables, batch by batch.

ingest → normalize → segment → tokenize (spaCy Doc) → the spaCy components (dates, abbreviations,
places, organizations, people, events) → tables. Documents go in batches to worker processes
(each builds its pipeline once and runs `pipeline.run.batch.process_batch`; `engine="dask"` sends
the same function to a dask.distributed cluster) and come back in input order, so the output does
not depend on the worker count. Every `commit_every` documents the rows are committed atomically
(`pipeline.store.commit`); a re-run skips documents already committed with the same content and
configuration. A fault of the machine (`pipeline.run.faults`) stops the run with `RunStopped`,
which says how many documents stay committed; SIGINT and SIGTERM let a commit in progress finish.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from pipeline import __version__
from pipeline.core.records import ErrorRecord, RawDocument
from pipeline.inputs.ingest import read_inputs
from pipeline.inputs.remote import OutputMirror, exists, is_url
from pipeline.run.batch import (DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_DOC_CHARS, BatchOutput, RunConfig,
                                process_batch, process_batch_args, worker_stages)
from pipeline.run.faults import InputVanished, Interrupted, RunStopped
from pipeline.store.commit import BatchEntry, OutputStore, batch_key
from pipeline.store.corpus import corpus_tables
from pipeline.store.tables import SCHEMAS, error_row


@dataclass
class RunSummary:
    documents: int = 0  # processed in this run
    skipped: int = 0  # unchanged since a committed run
    errors: int = 0  # input records that ended in `errors` in this run
    sentences: int = 0
    tokens: int = 0
    syllables: int = 0
    seconds: float = 0.0
    input_records: int = 0
    warnings: int = 0  # documents processed despite a reported problem (e.g. bytes replaced)
    committed_documents: int = 0  # in the output after the run (all runs)

    @property
    def syllables_per_second(self) -> float:
        return self.syllables / self.seconds if self.seconds else 0.0


# ---------------------------------------------------------------------- the run

def content_fingerprint(raw: RawDocument, config_hash: str) -> str:
    h = hashlib.sha1(config_hash.encode())
    for part in (raw.doc_id, raw.source, raw.title or "", str(raw.published), raw.url or "", "|".join(raw.authors),
                 raw.text, *([repr(raw.annotations)] if raw.annotations else [])):
        h.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    return h.hexdigest()[:16]


def _batches(items: Iterator, size: int, workers: int = 1) -> Iterator[list]:
    """Batches of `size` items, except the last `workers` batches' worth: cut four times smaller, so
    that the workers finish together instead of one of them running a whole batch alone at the end
    (on 2,000 articles the last two workers ended 0.1-0.7 s apart with batches of 32)."""
    tail = size * workers if workers > 1 else 0
    buffered: deque = deque()
    for item in items:
        buffered.append(item)
        if len(buffered) >= tail + size:
            yield [buffered.popleft() for _ in range(size)]
    small = max(1, size // 4) if tail else size
    while buffered:
        yield [buffered.popleft() for _ in range(min(small, len(buffered)))]


def _quiet_worker() -> None:
    """A pool worker leaves SIGINT to the driver (Ctrl-C reaches the whole process group) and dies
    on the SIGTERM that `Pool.terminate` sends, without a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _local_results(batches: Iterator[list], config: RunConfig, workers: int) -> Iterator[BatchOutput]:
    if workers <= 1:
        yield from (process_batch(b, config) for b in batches)
        return
    # pyarrow imports pandas the first time it builds a table: once here, before the fork, and the
    # workers inherit it instead of each importing it again (the driver needs it for its commits anyway)
    import pandas  # noqa: F401

    # Frozen, the objects the workers inherit (modules, components, lexicons) are never scanned by
    # their cycle collector: a full collection cost a worker ~0.2 s per 1,000 documents, and its
    # writes to those objects copied their memory pages into every worker.
    gc.freeze()
    try:
        pool = mp.get_context("fork").Pool(workers, initializer=_quiet_worker)
    finally:
        gc.unfreeze()  # the driver's own collections go on as before
    with pool:
        yield from pool.imap(process_batch_args, ((b, config) for b in batches))


class _StopSignals:
    """SIGINT and SIGTERM raise `Interrupted` at once, except during a commit: that one finishes
    first (a second signal does not wait; the commit protocol survives a kill anyway)."""

    def __init__(self):
        self.committing = False
        self.pending: int | None = None

    def on_signal(self, signum, frame):
        if self.committing and self.pending is None:
            self.pending = signum
            return
        raise Interrupted(signum)

    @contextmanager
    def installed(self):
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {s: signal.signal(s, self.on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)

    @contextmanager
    def commit(self):
        self.committing = True
        try:
            yield
        finally:
            self.committing = False
        if self.pending is not None:
            raise Interrupted(self.pending)


def run(inputs: Iterable[Path | str], out_dir: Path | str, workers: int = 1, batch_size: int = 32,
        commit_every: int = 1000,
        stages: tuple[str, ...] | None = None, full: bool = False, prune: bool = False,
        max_doc_chars: int = DEFAULT_MAX_DOC_CHARS, doc_timeout: float = DEFAULT_DOC_TIMEOUT,
        engine: str = "local", scheduler: str | None = None, pretokenized: bool | None = None,
        follow_symlinks: bool = False,
        on_progress: Callable[[RunSummary], None] | None = None) -> RunSummary:
    """Process every new or changed input document and commit all tables to out_dir.

    Inputs and out_dir may be local paths or fsspec URLs (s3://…, memory://…). `stages` names the
    extraction components to run (default: all; `()` stops after tokenize). `pretokenized`: True
    reads every text as word-segmented/tokenized, False never, None detects it per document.
    Symbolic links that lead outside the inputs are reported in `errors`, not read, unless
    `follow_symlinks`. Any exception, a fault
    of the machine or Ctrl-C, comes out as `RunStopped(cause, committed_documents)`.
    """
    started = time.perf_counter()
    run_id = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
    config = RunConfig(stages, max_doc_chars, doc_timeout)
    config_hash = config.fingerprint()
    summary = RunSummary()
    mirror = None
    if is_url(out_dir):  # a remote output folder: work on a local copy, mirror every change
        mirror = OutputMirror(out_dir)
    store = OutputStore(Path(mirror.local if mirror else out_dir), mirror)
    stop = _StopSignals()
    try:
        with stop.installed():
            if mirror is not None:
                mirror.pull()
            store.open(full=full)
            _run_batches(inputs, store, config, config_hash, run_id, summary, started, stop, workers,
                         batch_size, commit_every, prune, engine, scheduler, on_progress,
                         pretokenized, follow_symlinks)
    except (Exception, Interrupted) as exc:
        raise RunStopped(exc, store.committed_documents()) from exc
    finally:
        store.close()
        if mirror is not None:
            mirror.close()
    summary.committed_documents = store.committed_documents()
    summary.seconds = time.perf_counter() - started
    return summary


def _run_batches(inputs, store: OutputStore, config: RunConfig, config_hash: str, run_id: str,
                 summary: RunSummary, started: float, stop: _StopSignals, workers: int, batch_size: int,
                 commit_every: int, prune: bool, engine: str, scheduler: str | None, on_progress,
                 pretokenized: bool | None, follow_symlinks: bool) -> None:
    inputs = list(inputs)
    committed = store.index()
    committed_failures = {d for entry in store.entries.values() for d in entry.failed}
    ingest_errors: list[dict] = []
    seen: set[str] = set()
    worker_stages(config.stages)  # fail fast on a bad stage name; forked workers inherit the components

    def new_or_changed() -> Iterator[tuple[RawDocument, str]]:
        for item in read_inputs(inputs, pretokenized, follow_symlinks):
            if isinstance(item, ErrorRecord) and item.error == "FileNotFoundError":
                raise InputVanished(item.message.split(": ", 1)[-1].strip("'") or item.source)
            if isinstance(item, ErrorRecord) and item.error == "DecodedWithReplacement":
                ingest_errors.append(error_row(item))  # a warning: the document itself follows
                summary.warnings += 1
                continue
            summary.input_records += 1
            if isinstance(item, ErrorRecord):
                ingest_errors.append(error_row(item))
                summary.errors += 1
            elif item.doc_id in seen:
                ingest_errors.append(error_row(ErrorRecord(item.source, item.doc_id, "ingest", "DuplicateDocId",
                                                           "another input record already has this doc_id")))
                summary.errors += 1
            else:
                seen.add(item.doc_id)
                fp = content_fingerprint(item, config_hash)
                if committed.get(item.doc_id, (None,))[0] == fp:
                    if item.doc_id in committed_failures:
                        summary.errors += 1  # failed before, unchanged: its error row stays
                    else:
                        summary.skipped += 1
                else:
                    yield item, fp
        vanished = [str(p) for p in inputs if not exists(p)]  # a folder gone mid-walk ends the walk quietly
        if vanished:
            raise InputVanished(", ".join(vanished))

    batches = _batches(new_or_changed(), batch_size, workers)
    if engine == "dask":
        from pipeline.run.dask_engine import dask_results

        results = dask_results(batches, config, workers, scheduler)
    else:
        results = _local_results(batches, config, workers)

    pending: list[BatchOutput] = []

    def commit_pending() -> None:
        if not pending:
            return
        processed = {k: v for b in pending for k, v in b.processed.items()}
        failed = {k: v for b in pending for k, v in b.failed.items()}
        tables = {t: pa.concat_tables([b.tables[t] for b in pending]) for t in pending[0].tables}
        with stop.commit():
            store.remove_documents({d for d in (*processed, *failed) if d in committed})  # changed documents
            store.commit(BatchEntry(batch_key([*processed.values(), *failed.values()]), processed, failed,
                                    {t: d.num_rows for t, d in tables.items()}, __version__, config_hash, run_id),
                         tables)
        pending.clear()

    try:
        for output in results:
            pending.append(output)
            summary.documents += len(output.processed)
            summary.errors += len(output.failed)
            summary.sentences += output.sentences
            summary.tokens += output.tokens
            summary.syllables += output.syllables
            if sum(len(b.processed) + len(b.failed) for b in pending) >= commit_every:
                commit_pending()
            summary.seconds = time.perf_counter() - started
            if on_progress:
                on_progress(summary)
        commit_pending()
    finally:
        results.close()  # stops the workers now, whatever ended the loop

    with stop.commit():
        if prune:
            store.remove_documents(set(committed) - seen)
        store.write_reserved("ingest", {"errors": pa.Table.from_pylist(ingest_errors, schema=SCHEMAS["errors"])})
        store.write_reserved("corpus", corpus_tables(store.out_dir))
        store.ensure_every_table()
