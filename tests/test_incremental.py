"""Incremental runs, determinism and the dask engine (issue: scale)."""
import json
import shutil

import pandas as pd
import pytest

from pipeline.store.tables import SCHEMAS

from .conftest import REPO, read, run_cli

SAMPLE = REPO / "data" / "raw" / "samples" / "baomoi_sample.jsonl"


def sample_records(n):
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    return records[:n]


def write_folder(folder, records):
    folder.mkdir(parents=True, exist_ok=True)
    for r in records:
        (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")


def table_contents(out):
    """Every table, rows sorted, as plain records: what two runs must agree on."""
    contents = {}
    for table in SCHEMAS:
        df = read(out, table)
        df = df.astype(str).sort_values(list(df.columns)).reset_index(drop=True)
        contents[table] = df.to_dict("records")
    return contents


def run_ok(*args):
    result = run_cli("run", *args, "--quiet")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_rerun_processes_only_changed_documents(tmp_path):
    records = sample_records(5)
    write_folder(tmp_path / "in", records)
    out = tmp_path / "out"
    assert "5 documents · 0 unchanged" in run_ok(str(tmp_path / "in"), "--out", str(out), "--workers", "1")
    assert "0 documents · 5 unchanged" in run_ok(str(tmp_path / "in"), "--out", str(out), "--workers", "1")

    changed = tmp_path / "in" / f"{records[2]['id']}.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nHà Nội, ngày 6/2/2017.", encoding="utf-8")
    assert "1 documents · 4 unchanged" in run_ok(str(tmp_path / "in"), "--out", str(out), "--workers", "1")
    docs = read(out, "documents")
    assert len(docs) == 5 and docs["doc_id"].is_unique
    assert docs.set_index("doc_id").loc[records[2]["id"], "text"].endswith("Hà Nội, ngày 6/2/2017.")

    # corpus-wide counts stay right: same as a full run over the same input
    fresh = tmp_path / "fresh"
    run_ok(str(tmp_path / "in"), "--out", str(fresh), "--workers", "1")
    assert table_contents(out) == table_contents(fresh)


def test_disappeared_documents_are_kept_unless_pruned(tmp_path):
    records = sample_records(3)
    write_folder(tmp_path / "in", records)
    out = tmp_path / "out"
    run_ok(str(tmp_path / "in"), "--out", str(out), "--workers", "1")
    (tmp_path / "in" / f"{records[0]['id']}.txt").unlink()
    run_ok(str(tmp_path / "in"), "--out", str(out), "--workers", "1")
    assert len(read(out, "documents")) == 3
    run_ok(str(tmp_path / "in"), "--out", str(out), "--workers", "1", "--prune")
    docs = read(out, "documents")
    assert sorted(docs["doc_id"]) == sorted(r["id"] for r in records[1:])
    assert records[0]["id"] not in set(read(out, "mentions")["doc_id"])


def test_two_runs_give_identical_tables_whatever_the_worker_count(tmp_path):
    write_folder(tmp_path / "in", sample_records(8))
    run_ok(str(tmp_path / "in"), "--out", str(tmp_path / "a"), "--workers", "1", "--batch-size", "3")
    run_ok(str(tmp_path / "in"), "--out", str(tmp_path / "b"), "--workers", "2", "--batch-size", "5",
           "--commit-every", "2")
    assert table_contents(tmp_path / "a") == table_contents(tmp_path / "b")


def test_full_reprocesses_everything(tmp_path):
    write_folder(tmp_path / "in", sample_records(2))
    run_ok(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "1")
    assert "2 documents · 0 unchanged" in run_ok(str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                                 "--workers", "1", "--full")


def test_dask_engine_matches_local_engine(tmp_path):
    pytest.importorskip("dask.distributed")
    write_folder(tmp_path / "in", sample_records(6))
    run_ok(str(tmp_path / "in"), "--out", str(tmp_path / "local"), "--workers", "2")
    run_ok(str(tmp_path / "in"), "--out", str(tmp_path / "dask"), "--workers", "2", "--engine", "dask",
           "--batch-size", "2")
    assert table_contents(tmp_path / "local") == table_contents(tmp_path / "dask")
