"""End-to-end benchmark over the shared corpus: wall time, syllables/s, peak RSS, errors.

    python benchmarks/bench_corpus.py                       # whole corpus, all stages, all cores
    python benchmarks/bench_corpus.py --limit 2000 --stages none
    python benchmarks/bench_corpus.py --baseline            # also time underthesea.word_tokenize alone

Runs `vnextract run` under /usr/bin/time -v (`peak_rss_mb`: the largest single process) while
sampling the whole process tree every second (`peak_tree_rss_mb`: main process and workers
together, the figure to compare with a memory budget), and prints one JSON line, also
appended to benchmarks/results/corpus.jsonl. `--baseline` times `underthesea.word_tokenize` on the
same documents with the same number of processes, for the ratio the scale issue asks for.
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--stages", default="all")
    ap.add_argument("--baseline", action="store_true", help="also time word_tokenize alone")
    ap.add_argument("--out", type=Path, default=None, help="output folder (default: a temporary one)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="vnx-bench-"))
    source = args.corpus
    if args.limit:
        source = tmp / "input.jsonl"
        with gzip.open(args.corpus, "rt", encoding="utf-8") as f, open(source, "w", encoding="utf-8") as out:
            out.writelines(itertools.islice(f, args.limit))
    out_dir = args.out or tmp / "out"
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "pipeline", "run", str(source), "--out", str(out_dir),
           "--workers", str(args.workers), "--stages", args.stages, "--quiet"]
    started = time.perf_counter()
    popen = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_total_kb = 0
    while popen.poll() is None:  # the whole process tree: main process and its workers together
        peak_total_kb = max(peak_total_kb, tree_rss_kb(popen.pid))
        time.sleep(1.0)
    stdout, stderr = popen.communicate()
    proc = subprocess.CompletedProcess(cmd, popen.returncode, stdout, stderr)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(proc.stderr[-3000:])
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    docs = pd.read_parquet(out_dir / "documents", columns=["n_syllables", "n_tokens"])
    errors = pd.read_parquet(out_dir / "errors")
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M"), "input": str(args.corpus.name), "limit": args.limit,
        "stages": args.stages, "workers": args.workers, "documents": len(docs), "errors": len(errors),
        "syllables": int(docs["n_syllables"].sum()), "wall_seconds": round(wall, 1),
        "syllables_per_second": round(docs["n_syllables"].sum() / wall), "peak_rss_mb": round(rss_kb / 1024),
        "peak_tree_rss_mb": round(peak_total_kb / 1024),
        "summary": proc.stdout.strip(),
    }
    if args.baseline:
        base = word_tokenize_baseline(args.corpus, args.limit, args.workers)
        result["word_tokenize_seconds"] = round(base, 1)
        result["ratio_vs_word_tokenize"] = round(base / wall, 3)
    append_result("corpus", result)


if __name__ == "__main__":
    main()
