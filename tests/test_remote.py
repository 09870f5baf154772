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


def test_readers_of_a_remote_output_go_through_its_manifest():
    """A run killed between its commit (the manifest entry) and the renames that make the parts
    visible: the committed batch is read from its staged parts; a batch without an entry is not."""
    from pipeline.query.explore import open_output
    from pipeline.store.commit import STAGED_SUFFIX

    fs = fsspec.filesystem("memory")
    records = sample_records(4)
    for r in records:
        fs.pipe_file(f"/vnx-staged/in/{r['id']}.txt", r["text"].encode("utf-8"))
    run(["memory://vnx-staged/in"], "memory://vnx-staged/out", workers=1, batch_size=2, commit_every=2)
    entries = sorted(fs.glob("/vnx-staged/out/_manifest/*.json"))
    assert len(entries) == 2
    committed, uncommitted = (json.loads(fs.cat_file(p)) for p in entries)
    for part in fs.glob("/vnx-staged/out/*/part-*.parquet"):
        folder, name = part.rsplit("/", 1)
        key = name.removeprefix("part-").removesuffix(".parquet")
        if key in (committed["key"], uncommitted["key"]):  # both hidden, as a kill would leave them
            fs.mv(part, f"{folder}/.part-{key}{STAGED_SUFFIX}")
    fs.rm(entries[1])  # the second batch never reached its commit

    con = open_output("memory://vnx-staged/out")
    seen = sorted(row[0] for row in con.execute("SELECT doc_id FROM documents").fetchall())
    assert seen == sorted(committed["documents"]) and len(seen) == 2
    mentioned = {row[0] for row in con.execute("SELECT DISTINCT doc_id FROM mentions").fetchall()}
    assert mentioned and mentioned <= set(committed["documents"])
    fs.rm("/vnx-staged", recursive=True)
