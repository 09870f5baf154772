"""The per-batch function: every stage on each document of a batch, in a worker process.

`process_batch` is what the local engine's worker processes and the dask engine's workers run; it
returns the batch's rows as Arrow tables for the driver (`pipeline.run.runner`) to commit. Each
document runs alone: an exception in any stage, a document over `max_doc_chars` or one slower
than `doc_timeout` seconds becomes an `errors` row naming the stage, under every engine.
"""
from __future__ import annotations

import ctypes
import gc
import hashlib
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass

import pyarrow as pa

from pipeline import __version__
from pipeline.core.records import Document, ErrorRecord, RawDocument
from pipeline.core.resource_files import files_in_use
from pipeline.extract.stage import Stage, build_stages, select_stages, stage_settings
from pipeline.inputs.conll import fit_annotations
from pipeline.inputs.normalize import normalize_document
from pipeline.store.tables import (PER_DOCUMENT_TABLES, Rows, count_rows, document_rows, empty_rows, error_row,
                                   extend_rows, to_arrow)
from pipeline.text.segment import segment_document
from pipeline.text.tokenize import add_tokens

DEFAULT_MAX_DOC_CHARS = 1_000_000
DEFAULT_DOC_TIMEOUT = 120


@dataclass
class RunConfig:
    stages: tuple[str, ...] | None = None
    max_doc_chars: int = DEFAULT_MAX_DOC_CHARS
    doc_timeout: float = DEFAULT_DOC_TIMEOUT

    def fingerprint(self) -> str:
        """Pipeline version, stage list, limits, the stages' settings and every resource file in
        use: change any, reprocess all."""
        h = hashlib.sha1(f"{__version__}|{self.stages}|{self.max_doc_chars}".encode())
        for name, path in files_in_use():  # the packaged lexicons, or the user's where they replace them
            h.update(name.encode() + path.read_bytes())
        h.update(repr(stage_settings(self.stages)).encode())
        return h.hexdigest()[:12]


# ---------------------------------------------------------------------- the time limit

class DocumentTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Raise DocumentTimeout in this thread after `seconds`.

    In the main thread a SIGALRM interrupts the work; in any other thread (dask runs tasks in
    worker threads, where signals cannot be used) a timer thread raises the exception
    asynchronously in this one, which Python delivers at the next bytecode.
    """
    if not seconds:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _async_raise_after(seconds):
            yield


@contextmanager
def _alarm(seconds: float):
    def on_alarm(signum, frame):
        raise DocumentTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _async_raise_after(seconds: float):
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire():
        with lock:
            if not state["done"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(DocumentTimeout))
                state["fired"] = True

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except DocumentTimeout as exc:
        if exc.args:
            raise
        raise DocumentTimeout(f"took longer than {seconds:g} s") from None
    finally:
        with lock:
            state["done"] = True
            if state["fired"]:  # fired as the work ended: take back an exception not yet delivered
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)  # NULL clears
        timer.cancel()


# ---------------------------------------------------------------------- one document, one batch

_worker_stages: dict = {}  # stage names -> this process's components, built once


def worker_stages(stage_names: tuple[str, ...] | None) -> list[tuple[str, Stage]]:
    """The selected stages' components with their default settings, as `build_nlp` makes them,
    without spaCy: a run reads the records alone."""
    if stage_names not in _worker_stages:
        _worker_stages[stage_names] = build_stages(select_stages(stage_names))
    return _worker_stages[stage_names]


def process_document(raw: RawDocument, nlp=None, config: RunConfig = RunConfig()) -> Document | ErrorRecord:
    """Every stage on one document; any failure becomes an ErrorRecord naming the stage. `nlp`: a
    spaCy pipeline of your own (`build_nlp` and more components) instead of the selected stages."""
    components = nlp.pipeline if nlp is not None else worker_stages(config.stages)
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
            if raw.annotations:  # the input's own labels (a CoNLL file's tags), offsets in record.text
                shift = len(record.text) - len(raw.text) if record.text.endswith(raw.text) else 0
                record.annotations = fit_annotations(raw.annotations, record.text, shift)
            stage = "tokenize"
            add_tokens(record)
            if all(isinstance(component, Stage) for _, component in components):
                # the tables read the record alone: no spaCy Doc and spans to build (`nlp(text)` builds them)
                for stage, component in components:
                    component.process(record)
            else:  # a component of the user's own takes a spaCy Doc
                from pipeline.text.spacy_doc import make_doc

                doc = make_doc(nlp.vocab, record)
                for stage, component in components:
                    doc = component(doc)
        return record
    except Exception as exc:  # an extractor bug or a timeout costs one document, not the run
        message = str(exc)
        if isinstance(exc, DocumentTimeout) and not message:  # delivered to the thread as a bare class,
            message = f"took longer than {config.doc_timeout:g} s"  # just as the work was ending
        return ErrorRecord(raw.source, raw.doc_id, stage, type(exc).__name__, message[:500])


@dataclass
class BatchOutput:
    tables: dict[str, pa.Table]
    processed: dict[str, str]  # doc_id -> fingerprint
    failed: dict[str, str]
    sentences: int
    tokens: int
    syllables: int


# A document allocates hundreds of thousands of small tuples (syllables, tokens, rows) that are never
# cyclic garbage. At CPython's default threshold (700) the cycle collector ran ~2,000 times per 1,000
# documents and took 1.4-2 s of their ~21 s of CPU; at 20,000 it takes ~0.01 s. Memory is unchanged:
# reference counting frees all this at once, the collector only ever finds the rare cycle.
BATCH_GC_THRESHOLD = (20_000, 20, 20)


@contextmanager
def _fewer_collections():
    previous = gc.get_threshold()
    gc.set_threshold(*BATCH_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def process_batch(batch: list[tuple[RawDocument, str]], config: RunConfig = RunConfig()) -> BatchOutput:
    """The per-batch function, run in a worker process (local pool or dask)."""
    with _fewer_collections():
        return _process_batch(batch, config)


def _process_batch(batch: list[tuple[RawDocument, str]], config: RunConfig) -> BatchOutput:
    rows: dict[str, Rows] = {table: empty_rows(table) for table in PER_DOCUMENT_TABLES}
    processed, failed = {}, {}
    for raw, fp in batch:
        out = process_document(raw, config=config)
        if isinstance(out, ErrorRecord):
            rows["errors"].append(error_row(out))
            failed[raw.doc_id] = fp
            continue
        for table, table_rows in document_rows(out).items():
            extend_rows(rows[table], table_rows)
        processed[raw.doc_id] = fp
    return BatchOutput(to_arrow(rows), processed, failed, len(rows["sentences"]), count_rows(rows["tokens"]),
                       sum(r["n_syllables"] for r in rows["documents"]))


def process_batch_args(args: tuple) -> BatchOutput:
    """`process_batch(*args)`, for `Pool.imap`."""
    return process_batch(*args)
