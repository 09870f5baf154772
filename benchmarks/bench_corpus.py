"""End-to-end benchmark over the shared corpus: wall time, syllables/s, peak RSS, errors.

    python benchmarks/bench_corpus.py                       # whole corpus, all stages, all cores
    python benchmarks/bench_corpus.py --limit 2000 --stages none
    python benchmarks/bench_corpus.py --baseline            # also time underthesea.word_tokenize alone
    python benchmarks/bench_corpus.py --limit 2000 --baseline --repeat 3   # best of 3 alternating rounds

Runs `vnextract run` under /usr/bin/time -v (`peak_rss_mb`: the largest single process) while
sampling the whole process tree four times a second (`peak_tree_rss_mb`: main process and workers
together, the figure to compare with a memory budget), and prints one JSON line, also
appended to benchmarks/results/corpus.jsonl. `--baseline` times `underthesea.word_tokenize` on the
same documents with the same number of processes, for the ratio the scale issue asks for; with
`--repeat N` the two alternate N times and the best time of each counts (a shared machine's slow
spells only ever add time).
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import multiprocessing as mp
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "baomoi.jsonl.gz"


def _tokenize_texts(texts: list[str]) -> int:
    from underthesea import word_tokenize

    for text in texts:
        word_tokenize(text)
    return len(texts)


def append_result(name: str, result: dict) -> None:
    """Print one result as a JSON line and append it to benchmarks/results/<name>.jsonl."""
    line = json.dumps(result, ensure_ascii=False)
    print(line)
    with open(REPO / "benchmarks" / "results" / f"{name}.jsonl", "a", encoding="utf-8") as f:
        f.write(line + "\n")


def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in stat.read_text().splitlines() if ":" in line)
        except OSError:  # the process ended meanwhile
            continue
        pid = int(stat.parent.name)
        children.setdefault(int(fields["PPid"]), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def word_tokenize_baseline(path: Path, limit: int | None, workers: int) -> float:
    """Seconds for underthesea.word_tokenize alone over the same documents, same process count."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in itertools.islice(f, limit)]
    chunks = [texts[i:i + 64] for i in range(0, len(texts), 64)]
    started = time.perf_counter()
    with mp.get_context("fork").Pool(workers) as pool:
        sum(pool.imap(_tokenize_texts, chunks))
    return time.perf_counter() - started


def timed_run(source: Path, out_dir: Path, workers: int, stages: str) -> dict:
    """One `vnextract run` into a fresh `out_dir`: wall seconds, peak memory, its summary line."""
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "pipeline", "run", str(source), "--out", str(out_dir),
           "--workers", str(workers), "--stages", stages, "--quiet"]
    started = time.perf_counter()
    popen = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_total_kb = [0]
    finished = threading.Event()

    def sample_tree() -> None:  # the whole process tree: main process and its workers together
        while not finished.wait(0.25):
            peak_total_kb[0] = max(peak_total_kb[0], tree_rss_kb(popen.pid))

    sampler = threading.Thread(target=sample_tree, daemon=True)
    sampler.start()
    stdout, stderr = popen.communicate()  # the wall time ends when the run does, not at a sampling tick
    wall = time.perf_counter() - started
    finished.set()
    sampler.join()
    if popen.returncode != 0:
        sys.exit(stderr[-3000:])
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr).group(1))
    return {"wall": wall, "rss_kb": rss_kb, "tree_kb": peak_total_kb[0], "summary": stdout.strip()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--stages", default="all")
    ap.add_argument("--baseline", action="store_true", help="also time word_tokenize alone")
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds of pipeline then baseline, alternating; the best time of each counts")
    ap.add_argument("--out", type=Path, default=None, help="output folder (default: a temporary one)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="vnx-bench-"))
    source = args.corpus
    if args.limit:
        source = tmp / "input.jsonl"
        with gzip.open(args.corpus, "rt", encoding="utf-8") as f, open(source, "w", encoding="utf-8") as out:
            out.writelines(itertools.islice(f, args.limit))
    runs, bases = [], []
    for round_ in range(args.repeat):  # alternating, so that a slow spell on a shared machine hits both
        out_dir = args.out if args.out and round_ == 0 else tmp / f"out{round_}"
        runs.append(timed_run(source, out_dir, args.workers, args.stages))
        if args.baseline:
            bases.append(word_tokenize_baseline(args.corpus, args.limit, args.workers))
    wall = min(r["wall"] for r in runs)
    docs = pd.read_parquet(out_dir / "documents", columns=["n_syllables", "n_tokens"])
    errors = pd.read_parquet(out_dir / "errors")
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M"), "input": str(args.corpus.name), "limit": args.limit,
        "stages": args.stages, "workers": args.workers, "documents": len(docs), "errors": len(errors),
        "syllables": int(docs["n_syllables"].sum()), "wall_seconds": round(wall, 1),
        "syllables_per_second": round(docs["n_syllables"].sum() / wall),
        "peak_rss_mb": round(max(r["rss_kb"] for r in runs) / 1024),
        "peak_tree_rss_mb": round(max(r["tree_kb"] for r in runs) / 1024),
        "summary": runs[-1]["summary"],
    }
    if args.repeat > 1:
        result["wall_seconds_each"] = [round(r["wall"], 1) for r in runs]
    if args.baseline:
        result["word_tokenize_seconds"] = round(min(bases), 1)
        result["ratio_vs_word_tokenize"] = round(min(bases) / wall, 3)
        if args.repeat > 1:
            result["word_tokenize_seconds_each"] = [round(b, 1) for b in bases]
    append_result("corpus", result)


if __name__ == "__main__":
    main()
