"""Throughput of the abbreviations stage on the first N corpus documents (one core).

    .venv/bin/python benchmarks/bench_abbreviations.py [N]
"""
from __future__ import annotations

import gzip
import json
import sys
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.extract.abbreviations.detector import find_abbreviations  # noqa: E402
from pipeline.core.normal_form import normalize_text  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "baomoi.jsonl.gz"


def main(n: int = 3000) -> None:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        texts = [normalize_text(json.loads(line)["text"]) for line in islice(f, n)]
    syllables = sum(len(t.split()) for t in texts)
    find_abbreviations(texts[0])  # load the lexicon outside the timing
    cpu, wall = time.process_time(), time.perf_counter()
    rows = sum(len(find_abbreviations(t)) for t in texts)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"{len(texts)} docs, {syllables:,} syllables, {rows:,} rows: "
          f"{cpu:.2f}s CPU ({syllables / cpu:,.0f} syllables/s), {wall:.2f}s wall")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
