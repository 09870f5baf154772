"""Run the stages over inputs and write the tables.

ingest → normalize → segment → tokenize (spaCy Doc) → the spaCy components (dates, abbreviations,
places, organizations, people, events) → tables. Documents are processed in batches; with
`workers > 1` the batches go to worker processes (each builds its pipeline once) and come back in
input order, so the output is the same whatever the worker count.
"""
from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from .ingest import read_inputs
from .normalize import normalize_document
from .records import Document, ErrorRecord, RawDocument
from .segment import segment_document
from .tables import CorpusAggregates, TableWriter, document_rows, error_row
from .tokenize import make_doc


@dataclass
class RunSummary:
    documents: int = 0
    sentences: int = 0
    tokens: int = 0
    errors: int = 0
    syllables: int = 0
    seconds: float = 0.0

    @property
    def syllables_per_second(self) -> float:
        return self.syllables / self.seconds if self.seconds else 0.0


_worker_nlp = None  # this process's pipeline, built once by `_init_worker`


def _init_worker(stage_names: tuple[str, ...] | None) -> None:
    global _worker_nlp
    from .nlp import build_nlp, select_stages

    _worker_nlp = build_nlp(select_stages(stage_names))


def process_document(raw: RawDocument, nlp=None) -> Document | ErrorRecord:
    """Every stage on one document; any failure becomes an ErrorRecord naming the stage."""
    if nlp is None:
        if _worker_nlp is None:
            _init_worker(None)
        nlp = _worker_nlp
    stage = "normalize"
    try:
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
    except Exception as exc:  # an extractor bug must cost one document, not the run
        return ErrorRecord(raw.source, raw.doc_id, stage, type(exc).__name__, str(exc)[:500])


BatchResult = list[dict[str, list[dict]] | ErrorRecord]


def process_batch(batch: list[RawDocument]) -> BatchResult:
    results: BatchResult = []
    for raw in batch:
        out = process_document(raw)
        results.append(out if isinstance(out, ErrorRecord) else document_rows(out))
    return results


def _batches(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def run(inputs: Iterable[Path], out_dir: Path, workers: int = 1, batch_size: int = 32,
        stages: tuple[str, ...] | None = None,
        on_progress: Callable[[RunSummary], None] | None = None) -> RunSummary:
    """Process every input document and write all tables to out_dir; returns the run's counts.

    `stages` names the extraction components to run (default: all; `()` stops after tokenize).
    """
    started = time.perf_counter()
    summary = RunSummary()
    writer = TableWriter(out_dir)
    writer.reset()
    aggregates = CorpusAggregates()
    seen_ids: set[str] = set()

    def documents_only() -> Iterator[RawDocument]:
        for item in read_inputs(inputs):
            if isinstance(item, ErrorRecord):
                writer.add("errors", [error_row(item)])
                summary.errors += 1
            elif item.doc_id in seen_ids:
                writer.add("errors", [error_row(ErrorRecord(item.source, item.doc_id, "ingest", "DuplicateDocId",
                                                            "another document already has this doc_id"))])
                summary.errors += 1
            else:
                seen_ids.add(item.doc_id)
                yield item

    batches = _batches(documents_only(), batch_size)
    _init_worker(stages)  # fails fast on an unknown stage; forked workers inherit the pipeline
    pool = mp.get_context("fork").Pool(workers) if workers > 1 else None
    try:
        results = pool.imap(process_batch, batches) if pool else map(process_batch, batches)
        for batch_result in results:
            for result in batch_result:
                if isinstance(result, ErrorRecord):
                    writer.add("errors", [error_row(result)])
                    summary.errors += 1
                    continue
                for table, rows in result.items():
                    writer.add(table, rows)
                aggregates.add(result)
                summary.documents += 1
                summary.sentences += len(result["sentences"])
                summary.tokens += len(result["tokens"])
                summary.syllables += result["documents"][0]["n_syllables"]
            summary.seconds = time.perf_counter() - started
            if on_progress:
                on_progress(summary)
    finally:
        if pool:
            pool.close()
            pool.join()
    for table, rows in aggregates.tables().items():
        writer.add(table, rows)
    writer.close()
    summary.seconds = time.perf_counter() - started
    return summary
