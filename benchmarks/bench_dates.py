"""Benchmark of the dates stage.

1. Throughput: `find_dates` over the first N corpus documents (normalized beforehand, not timed),
   in syllables per second of CPU time on one core.
2. Quality on the gold documents: span P/R/F1 and value accuracy of `find_dates` and of
   `dateparser.search.search_dates(text, languages=["vi"])`, with goldeval's own matching rule
   (same digits, and one normalized text contains the other).

    .venv/bin/python benchmarks/bench_dates.py [--docs 3000] [--gold ../shared/gold/dev] [--no-dateparser]
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import itertools
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.extract.dates.mentions import find_dates  # noqa: E402
from pipeline.core.normal_form import normalize_text  # noqa: E402

SHARED = ROOT.parent / "shared"
GOLDEVAL = SHARED / "tools" / "goldeval.py"


def load_goldeval():
    spec = importlib.util.spec_from_file_location("goldeval", GOLDEVAL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def throughput(n_docs: int) -> tuple[int, float, int]:
    with gzip.open(SHARED / "corpus" / "baomoi.jsonl.gz", "rt", encoding="utf-8") as f:
        texts = [normalize_text(json.loads(line)["text"]) for line in itertools.islice(f, n_docs)]
    syllables = sum(len(t.split()) for t in texts)
    find_dates("warm-up: sáng 26/12")  # compiles the patterns
    start = time.process_time()
    n_mentions = sum(len(find_dates(t)) for t in texts)
    return syllables, time.process_time() - start, n_mentions


def gold_texts(gold_dir: Path) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "gold.jsonl"
        subprocess.run([sys.executable, str(GOLDEVAL), "input", "--gold", str(gold_dir), "--out", str(out)],
                       check=True, capture_output=True)
        return {r["id"]: r["text"] for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def dateparser_predict(text: str) -> list[dict]:
    from dateparser.search import search_dates

    found = search_dates(text, languages=["vi"]) or []
    return [{"text": t, "value": dt.date().isoformat()} for t, dt in found]


def ours_predict(text: str) -> list[dict]:
    return [{"text": d.text, "value": d.value} for d in find_dates(normalize_text(text))]


def score(goldeval, gold: dict, texts: dict, predict) -> dict:
    counts = goldeval.Counts()
    right = total = 0
    for doc_id, g in gold.items():
        g_dates = g.get("dates", [])
        p_dates = [d for d in predict(texts[doc_id]) if re.search(r"\d", d["text"])]
        pairs = goldeval.greedy_match(
            g_dates, p_dates,
            lambda a, b: goldeval.digits(a["text"]) == goldeval.digits(b["text"])
            and (goldeval.norm(a["text"]) in goldeval.norm(b["text"])
                 or goldeval.norm(b["text"]) in goldeval.norm(a["text"])))
        counts.add(len(pairs), len(p_dates) - len(pairs), len(g_dates) - len(pairs))
        for gi, pi in pairs:
            if g_dates[gi].get("value") is not None:
                total += 1
                right += goldeval.value_ok(g_dates[gi]["value"], p_dates[pi]["value"], strict=True)
    res = counts.prf()
    res["value_acc"] = round(right / total, 4) if total else 0.0
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "dev")
    ap.add_argument("--no-dateparser", action="store_true")
    args = ap.parse_args(argv)

    syllables, seconds, n_mentions = throughput(args.docs)
    print(f"throughput: {args.docs} docs, {syllables:,} syllables, {seconds:.2f} s CPU, "
          f"{syllables / seconds:,.0f} syllables/s, {n_mentions:,} mentions")

    goldeval = load_goldeval()
    gold = goldeval.load_gold(args.gold)
    texts = gold_texts(args.gold)
    systems = [("find_dates", ours_predict)]
    if not args.no_dateparser:
        systems.append(("dateparser.search_dates", dateparser_predict))
    print(f"\ngold: {args.gold} ({len(gold)} documents, {sum(len(g.get('dates', [])) for g in gold.values())} dates)")
    print(f"{'system':26} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'value_acc':>9} {'sec':>6}")
    for name, predict in systems:
        start = time.perf_counter()
        r = score(goldeval, gold, texts, predict)
        sec = time.perf_counter() - start
        print(f"{name:26} {r['p']:6.3f} {r['r']:6.3f} {r['f1']:6.3f} {r['tp']:4d} {r['fp']:4d} {r['fn']:4d} "
              f"{r['value_acc']:9.3f} {sec:6.2f}")


if __name__ == "__main__":
    main()
