"""Throughput of the places and organizations stages on the first N corpus documents (one core).

    .venv/bin/python benchmarks/bench_organizations_places.py [N]
"""
from __future__ import annotations

import gzip
import json
import re
import sys
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.core.normal_form import normalize_text  # noqa: E402
from pipeline.extract.organizations.component import find_organizations  # noqa: E402
from pipeline.text.lexical import syllables_of, vietnamese_words  # noqa: E402
from pipeline.extract.places.component import find_places, gazetteer  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "baomoi.jsonl.gz"


def main(n: int = 3000) -> None:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        texts = [normalize_text(json.loads(line)["text"]) for line in islice(f, n)]
    syllables = sum(len(re.findall(r"\w+", t)) for t in texts)
    vietnamese_words(), gazetteer()  # lexicon loading is a one-off cost, reported apart
    layers = [syllables_of(t) for t in texts]  # the lexical layer, computed once per document
    t0 = time.perf_counter()
    n_org = sum(len(find_organizations(t, syllables=s)) for t, s in zip(texts, layers))
    t1 = time.perf_counter()
    n_both = 0
    for t, s in zip(texts, layers):  # as in the pipeline: organizations, then places reading its spans
        organizations = find_organizations(t, syllables=s)
        n_both += len(organizations) + len(find_places(t, s, organizations))
    t2 = time.perf_counter()
    print(f"{len(texts)} docs, {syllables} syllables")
    print(f"organizations alone: {n_org} mentions, {t1 - t0:.1f}s, {syllables / (t1 - t0):,.0f} syllables/s")
    print(f"organizations + places: {n_both} mentions, {t2 - t1:.1f}s, {syllables / (t2 - t1):,.0f} syllables/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
