"""Kill a run at ten seed-fixed random moments; each time the next run finishes the job exactly once.

Schedule: a clean run leaves N files in its output (Parquet parts and manifest entries). Each kill
moment is drawn with `random.Random(19)`: a number k of files in 0…N-1 and a delay of 0–300 ms; the
run is killed that long after its output first holds k files (temporary files count). Moments
measured in the run's own progress, not in seconds, land in the same places however loaded the
machine is: while batches are processed, parts written, manifests renamed, and the corpus tables
rebuilt. Each killed run starts on an empty output folder; after the SIGKILL a new run completes it,
and then every input document is in `documents` exactly once (and in one manifest entry), and
every table equals the clean run's.

The runs are forked from a forkserver that has already imported the pipeline, so a kill costs the
run's own work rather than Python's start-up; the run is `pipeline.run.runner.run`, the function
the CLI calls.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from pipeline.run.runner import run

from .conftest import read, sample_records, table_contents

KILLS = 10
SEED = 19
RUN_OPTIONS = {"workers": 1, "batch_size": 2, "commit_every": 4}


def _context():
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.run.runner", "pipeline.nlp"])
    return ctx


def _start(ctx, source: Path, out: Path):
    proc = ctx.Process(target=run, args=([source], out), kwargs=RUN_OPTIONS)
    proc.start()
    return proc


def _manifest_entries(out: Path) -> list[dict]:
    folder = out / "_manifest"
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))] if folder.exists() else []


def _files(out: Path) -> int:
    return sum(1 for p in out.rglob("*") if p.is_file()) if out.exists() else 0


def _kill_at(ctx, source: Path, out: Path, files: int, delay: float) -> bool:
    """Run, and SIGKILL the run `delay` s after its output holds `files` files; False if it ended first."""
    proc = _start(ctx, source, out)
    while proc.is_alive() and _files(out) < files:
        time.sleep(0.005)
    time.sleep(delay)
    killed = proc.is_alive()
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.join()
    return killed


@pytest.mark.slow
def test_ten_kills_at_random_moments_each_completed_exactly_once(tmp_path):
    records = sample_records(12)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    ids = sorted(r["id"] for r in records)
    ctx = _context()
    clean = tmp_path / "clean"
    proc = _start(ctx, source, clean)  # also starts the forkserver
    proc.join()
    assert proc.exitcode == 0
    expected = table_contents(clean)
    n_files = _files(clean)
    rng = random.Random(SEED)
    schedule = [(rng.randrange(n_files), rng.uniform(0, 0.3)) for _ in range(KILLS)]
    states = Counter()
    for i, (files, delay) in enumerate(schedule):
        out = tmp_path / f"killed-{i}"
        killed = _kill_at(ctx, source, out, files, delay)
        committed = sum(len(e["documents"]) for e in _manifest_entries(out))
        states["finished before the kill" if not killed else
               "nothing committed" if committed == 0 else
               "every batch committed" if committed == len(ids) else "part committed"] += 1
        run([source], out, **RUN_OPTIONS)  # the next run finishes the job
        docs = read(out, "documents")
        assert sorted(docs["doc_id"]) == ids, f"kill {i} at {files} files + {delay:.2f} s"  # none lost, none twice
        in_entries = Counter(d for e in _manifest_entries(out) for d in e["documents"])
        assert sorted(in_entries) == ids and set(in_entries.values()) == {1}
        assert table_contents(out) == expected, f"kill {i} at {files} files + {delay:.2f} s"
    print(f"\nkill schedule (seed {SEED}, {len(ids)} documents, clean output {n_files} files): kills at "
          f"{', '.join(f'{f} files + {d:.2f} s' for f, d in schedule)}; states {dict(states)}")
    assert states["part committed"] + states["every batch committed"] >= KILLS // 2  # most kills land mid-run
