"""Incremental re-runs: nothing changed, then N changed documents.

    python benchmarks/bench_corpus.py --out /tmp/corpus_out           # a full run first
    python benchmarks/bench_incremental.py --out /tmp/corpus_out --change 100

Re-runs `vnextract run` on the same input and output twice: unchanged (every document is
fingerprinted and skipped), then with N documents edited (a copy of the input with one sentence
appended to N evenly spaced records). Prints wall times, documents processed and peak RSS as one
JSON line, also appended to benchmarks/results/incremental.jsonl.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_corpus import append_result  # run as a script: benchmarks/ is on sys.path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "baomoi.jsonl.gz"


def timed_run(source: Path, out: Path, workers: int) -> dict:
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "pipeline", "run", str(source), "--out", str(out),
           "--workers", str(workers), "--quiet"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(proc.stderr[-3000:])
    counts = re.search(r"([\d,]+) documents · ([\d,]+) unchanged", proc.stdout).groups()
    processed, unchanged = (int(c.replace(",", "")) for c in counts)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    return {"wall_seconds": round(wall, 1), "processed": processed, "unchanged": unchanged,
            "peak_rss_mb": round(rss_kb / 1024)}


def edited_copy(source: Path, change: int, dest: Path) -> int:
    """The input with `change` evenly spaced records edited; returns the number of records."""
    with gzip.open(source, "rt", encoding="utf-8") as f:
        total = sum(1 for _ in f)
    step = max(1, total // change)
    edited = 0
    with gzip.open(source, "rt", encoding="utf-8") as f, gzip.open(dest, "wt", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i % step == 0 and edited < change:
                rec = json.loads(line)
                rec["text"] += "\nBài viết được cập nhật lúc 9 giờ sáng cùng ngày."
                line = json.dumps(rec, ensure_ascii=False) + "\n"
                edited += 1
            out.write(line)
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, required=True, help="output folder of a full run over --input")
    ap.add_argument("--change", type=int, default=100)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    result = {"when": time.strftime("%Y-%m-%d %H:%M"), "input": args.input.name, "change": args.change}
    result["unchanged_rerun"] = timed_run(args.input, args.out, args.workers)
    with tempfile.TemporaryDirectory() as tmp:
        edited = Path(tmp) / args.input.name  # same file name: same `source` for records without one
        result["records"] = edited_copy(args.input, args.change, edited)
        result["changed_rerun"] = timed_run(edited, args.out, args.workers)
    append_result("incremental", result)


if __name__ == "__main__":
    main()
