"""Throughput of the abbreviations stage on the first N corpus documents (one core), and the
lexicon the corpus teaches.

    .venv/bin/python benchmarks/bench_abbreviations.py [N]            # throughput
    .venv/bin/python benchmarks/bench_abbreviations.py N --learned    # + the learned lexicon: size, 20 random entries

`--learned` applies `pipeline.extract.abbreviations.learned.learn_lexicon` to the definitions
found in the N documents (the rule the run applies with SQL to the committed tables) and counts
the undefined uses it would expand.
"""
from __future__ import annotations

import gzip
import json
import random
import sys
import time
from collections import defaultdict
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.extract.abbreviations.detector import find_abbreviations, short_key  # noqa: E402
from pipeline.extract.abbreviations.learned import learn_lexicon, unexpanded_uses  # noqa: E402
from pipeline.core.normal_form import normalize_text  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "baomoi.jsonl.gz"


def main(n: int = 3000, learned: bool = False) -> None:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        texts = [normalize_text(json.loads(line)["text"]) for line in islice(f, n)]
    syllables = sum(len(t.split()) for t in texts)
    find_abbreviations(texts[0])  # load the lexicon outside the timing
    cpu, wall = time.process_time(), time.perf_counter()
    found = [find_abbreviations(t) for t in texts]
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"{len(texts)} docs, {syllables:,} syllables, {sum(map(len, found)):,} rows: "
          f"{cpu:.2f}s CPU ({syllables / cpu:,.0f} syllables/s), {wall:.2f}s wall")
    if not learned:
        return
    definitions: dict[str, list[str]] = defaultdict(list)
    for abbreviations in found:
        for a in {a.short: a for a in abbreviations if a.defined}.values():
            definitions[a.short].append(a.long)
    lexicon = learn_lexicon(definitions)
    uses = sum(1 for text, abbreviations in zip(texts, found)
               for u in unexpanded_uses(text, abbreviations) if u["short"] in lexicon)
    defined_shorts = len(definitions)
    print(f"defined short forms: {defined_shorts:,}; learned (2+ consistent documents): {len(lexicon):,}; "
          f"undefined uses it expands: {uses:,}")
    rng = random.Random(16)
    for short in sorted(rng.sample(sorted(lexicon), min(20, len(lexicon))), key=short_key):
        print(f"  {short}\t{lexicon[short]}\t({len(definitions[short])} definitions)")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(args[0]) if args else 3000, "--learned" in sys.argv)
