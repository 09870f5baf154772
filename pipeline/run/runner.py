"""Run the stages over inputs and commit the tables, batch by batch.

ingest → normalize → segment → tokenize (spaCy Doc) → the spaCy components (dates, abbreviations,
places, organizations, people, events) → tables. Documents go in batches to worker processes
(each builds its pipeline once; `engine="dask"` sends the same batch function to a
dask.distributed cluster) and come back in input order, so the output does not depend on the
worker count. Every `commit_every` documents the rows are committed atomically (`pipeline.store.commit`);
a re-run skips documents already committed with the same content and configuration.
"""
from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources as importlib_resources
from itertools import islice
from pathlib import Path

import pyarrow as pa

from pipeline import __version__
from pipeline.inputs.ingest import read_inputs
from pipeline.inputs.normalize import normalize_document
from pipeline.core.records import Document, ErrorRecord, RawDocument
from pipeline.inputs.remote import OutputMirror, is_url
from pipeline.text.segment import segment_document
from pipeline.store.commit import BatchEntry, OutputStore, batch_key
from pipeline.store.tables import corpus_tables, document_rows, error_row, to_arrow
from pipeline.text.tokenize import make_doc

DEFAULT_MAX_DOC_CHARS = 1_000_000
DEFAULT_DOC_TIMEOUT = 120


@dataclass
class RunConfig:
    stages: tuple[str, ...] | None = None
    max_doc_chars: int = DEFAULT_MAX_DOC_CHARS
    doc_timeout: float = DEFAULT_DOC_TIMEOUT

    def fingerprint(self) -> str:
        """Pipeline version, stage list, limits and every resource file: change any, reprocess all."""
        h = hashlib.sha1(f"{__version__}|{self.stages}|{self.max_doc_chars}".encode())
        root = importlib_resources.files("pipeline") / "resources"
        for path in sorted(Path(str(root)).rglob("*")):
            if path.is_file():
                h.update(path.name.encode() + path.read_bytes())
        return h.hexdigest()[:12]


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


# ---------------------------------------------------------------------- one document, one batch

class DocumentTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Raise DocumentTimeout after `seconds` (SIGALRM; only where signals can be used)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise DocumentTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_worker_nlp = {}  # stage names -> this process's pipeline, built once


def worker_nlp(stage_names: tuple[str, ...] | None):
    if stage_names not in _worker_nlp:
        from pipeline.nlp import build_nlp, select_stages

        _worker_nlp[stage_names] = build_nlp(select_stages(stage_names))
    return _worker_nlp[stage_names]


def process_document(raw: RawDocument, nlp=None, config: RunConfig = RunConfig()) -> Document | ErrorRecord:
    """Every stage on one document; any failure becomes an ErrorRecord naming the stage."""
    nlp = nlp or worker_nlp(config.stages)
    stage = "ingest"
    if len(raw.text) > config.max_doc_chars:
        return ErrorRecord(raw.source, raw.doc_id, stage, "DocumentTooLarge",
                           f"{len(raw.text):,} characters, over --max-doc-chars {config.max_doc_chars:,}")
    try:
        with time_limit(config.doc_timeout):
            stage = "normalize"
            raw = normalize_document(raw)
            if not raw.text:
                return ErrorRecord(raw.source, raw.doc_id, stage, "EmptyDocument", "no text left after normalization")
            stage = "segment"
            record = segment_document(raw)
            stage = "tokenize"
            doc = make_doc(nlp.vocab, record)
            for stage, component in nlp.pipeline:
                doc = component(doc)
        return record
    except Exception as exc:  # an extractor bug or a timeout costs one document, not the run
        return ErrorRecord(raw.source, raw.doc_id, stage, type(exc).__name__, str(exc)[:500])


@dataclass
class BatchOutput:
    tables: dict[str, pa.Table]
    processed: dict[str, str]  # doc_id -> fingerprint
    failed: dict[str, str]
    sentences: int
    tokens: int
    syllables: int


def process_batch(batch: list[tuple[RawDocument, str]], config: RunConfig = RunConfig()) -> BatchOutput:
    """The per-batch function, run in a worker process (local pool or dask)."""
    from pipeline.store.tables import PER_DOCUMENT_TABLES

    rows: dict[str, list[dict]] = {table: [] for table in PER_DOCUMENT_TABLES}
    processed, failed = {}, {}
    for raw, fp in batch:
        out = process_document(raw, config=config)
        if isinstance(out, ErrorRecord):
            rows["errors"].append(error_row(out))
            failed[raw.doc_id] = fp
            continue
        for table, table_rows in document_rows(out).items():
            rows[table].extend(table_rows)
        processed[raw.doc_id] = fp
    return BatchOutput(to_arrow(rows), processed, failed, len(rows["sentences"]), len(rows["tokens"]),
                       sum(r["n_syllables"] for r in rows["documents"]))


def _process_batch_star(args):
    return process_batch(*args)


# ---------------------------------------------------------------------- the run

def content_fingerprint(raw: RawDocument, config_hash: str) -> str:
    h = hashlib.sha1(config_hash.encode())
    for part in (raw.doc_id, raw.source, raw.title or "", str(raw.published), raw.url or "", "|".join(raw.authors),
                 raw.text):
        h.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    return h.hexdigest()[:16]


def _batches(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def _local_results(batches: Iterator[list], config: RunConfig, workers: int) -> Iterator[BatchOutput]:
    if workers <= 1:
        yield from (process_batch(b, config) for b in batches)
        return
    with mp.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_process_batch_star, ((b, config) for b in batches))


def run(inputs: Iterable[Path | str], out_dir: Path | str, workers: int = 1, batch_size: int = 32,
        commit_every: int = 1000,
        stages: tuple[str, ...] | None = None, full: bool = False, prune: bool = False,
        max_doc_chars: int = DEFAULT_MAX_DOC_CHARS, doc_timeout: float = DEFAULT_DOC_TIMEOUT,
        engine: str = "local", scheduler: str | None = None,
        on_progress: Callable[[RunSummary], None] | None = None) -> RunSummary:
    """Process every new or changed input document and commit all tables to out_dir.

    Inputs and out_dir may be local paths or fsspec URLs (s3://…, memory://…). `stages` names the
    extraction components to run (default: all; `()` stops after tokenize).
    """
    started = time.perf_counter()
    run_id = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
    config = RunConfig(stages, max_doc_chars, doc_timeout)
    config_hash = config.fingerprint()
    summary = RunSummary()
    mirror = None
    if is_url(out_dir):  # a remote output folder: work on a local copy, mirror every change
        mirror = OutputMirror(out_dir)
        mirror.pull()
        out_dir = mirror.local
    store = OutputStore(Path(out_dir), mirror)
    store.open(full=full)
    committed = store.index()
    committed_failures = {d for entry in store.entries.values() for d in entry.failed}
    ingest_errors: list[dict] = []
    seen: set[str] = set()
    worker_nlp(stages)  # fail fast on a bad stage name; forked workers inherit the pipeline

    def new_or_changed() -> Iterator[tuple[RawDocument, str]]:
        for item in read_inputs(inputs):
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

    batches = _batches(new_or_changed(), batch_size)
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
        store.remove_documents({d for d in (*processed, *failed) if d in committed})  # changed documents
        tables = {t: pa.concat_tables([b.tables[t] for b in pending]) for t in pending[0].tables}
        store.commit(BatchEntry(batch_key([*processed.values(), *failed.values()]), processed, failed,
                                {t: d.num_rows for t, d in tables.items()}, __version__, config_hash, run_id), tables)
        pending.clear()

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

    if prune:
        store.remove_documents(set(committed) - seen)
    from pipeline.store.tables import SCHEMAS

    store.write_reserved("ingest", {"errors": pa.Table.from_pylist(ingest_errors, schema=SCHEMAS["errors"])})
    store.write_reserved("corpus", corpus_tables(Path(out_dir)))
    store.ensure_every_table()
    summary.committed_documents = sum(len(e.documents) for e in store.entries.values())
    if mirror is not None:
        mirror.close()
    summary.seconds = time.perf_counter() - started
    return summary
