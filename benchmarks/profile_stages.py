"""Where the time goes: CPU seconds per stage on corpus articles, in one process.

    python benchmarks/profile_stages.py [--limit 600] [--offset 0]

Runs each document through normalize, segment, tokenize (words + POS, then the lexical layer and
the spaCy Doc) and every extraction component, timing each with the process's CPU clock, and times
`underthesea.word_tokenize` on the same texts for scale. CPU time, not wall time, so that other
work on the machine changes the figures little. Prints one JSON line, also appended to
benchmarks/results/profile.jsonl.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import time
from collections import defaultdict
from pathlib import Path

from bench_corpus import CORPUS, append_result

from pipeline.core.records import RawDocument
from pipeline.inputs.normalize import normalize_document
from pipeline.nlp import build_nlp
from pipeline.text.lexical import syllables_of
from pipeline.text.segment import segment_document
from pipeline.text.spacy_doc import make_doc
from pipeline.text.tokenize import tokenize_document


def load(limit: int, offset: int) -> list[RawDocument]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in itertools.islice(f, offset, offset + limit)]
    return [RawDocument(str(r.get("id", i)), "corpus", r["text"], r.get("title")) for i, r in enumerate(rows)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--offset", type=int, default=0)
    args = parser.parse_args()
    raws = load(args.limit, args.offset)
    nlp = build_nlp()
    nlp("Khởi động.")  # models and lexicons load once, outside the timings
    clock = time.process_time
    seconds: dict[str, float] = defaultdict(float)
    for raw in raws:
        t = clock()
        raw = normalize_document(raw)
        seconds["normalize"] += clock() - t
        t = clock()
        record = segment_document(raw)
        seconds["segment"] += clock() - t
        t = clock()
        record.tokens = tokenize_document(record)
        seconds["tokenize: words and POS"] += clock() - t
        t = clock()
        record.syllables = syllables_of(record.text)
        seconds["tokenize: lexical layer"] += clock() - t
        t = clock()
        doc = make_doc(nlp.vocab, record)
        seconds["tokenize: spaCy Doc"] += clock() - t
        for name, component in nlp.pipeline:
            t = clock()
            doc = component(doc)
            seconds[name] += clock() - t
    from underthesea import word_tokenize

    t = clock()
    for raw in raws:
        word_tokenize(normalize_document(raw).text)
    baseline = clock() - t
    total = sum(seconds.values())
    append_result("profile", {
        "when": time.strftime("%Y-%m-%d %H:%M"), "documents": len(raws), "offset": args.offset,
        "cpu_seconds": {k: round(v, 2) for k, v in seconds.items()}, "pipeline_cpu_seconds": round(total, 2),
        "word_tokenize_cpu_seconds": round(baseline, 2), "ratio_vs_word_tokenize": round(baseline / total, 3),
    })


if __name__ == "__main__":
    main()
