"""fsspec URLs as inputs and output folder (the dask engine's s3://… case, here with memory://)."""
import io
import json

import fsspec
import pandas as pd
import pyarrow.parquet as pq

from pipeline.run.runner import run

from .conftest import sample_records, table_contents, write_folder


def read_remote(fs, root, table):
    parts = sorted(fs.glob(f"{root}/{table}/*.parquet"))
    return pd.concat([pq.read_table(io.BytesIO(fs.cat_file(p))).to_pandas() for p in parts], ignore_index=True)


def test_remote_input_and_output_match_a_local_run(tmp_path):
    fs = fsspec.filesystem("memory")
    records = sample_records(4)
    for r in records:
        fs.pipe_file(f"/vnx-test/in/{r['id']}.txt", r["text"].encode("utf-8"))
    fs.pipe_file("/vnx-test/in/more.jsonl", "".join(
        json.dumps({**r, "id": r["id"] + "-j"}, ensure_ascii=False) + "\n" for r in records[:2]).encode())
    summary = run(["memory://vnx-test/in"], "memory://vnx-test/out", workers=1)
    assert summary.documents == 6 and summary.errors == 0

    write_folder(tmp_path / "in", records)
    (tmp_path / "in" / "more.jsonl").write_bytes(fs.cat_file("/vnx-test/in/more.jsonl"))
    run([tmp_path / "in"], tmp_path / "out", workers=1)
    local = table_contents(tmp_path / "out")
    for table in ("documents", "mentions", "appearances", "dates", "entities"):
        remote = read_remote(fs, "/vnx-test/out", table)
        remote = remote.astype(str).sort_values(list(remote.columns)).reset_index(drop=True)
        assert remote.to_dict("records") == local[table], table
    assert fs.glob("/vnx-test/out/_manifest/*.json")

    # a re-run reads the remote manifest: nothing changed, nothing processed
    again = run(["memory://vnx-test/in"], "memory://vnx-test/out", workers=1)
    assert again.documents == 0 and again.skipped == 6
    fs.rm("/vnx-test", recursive=True)
