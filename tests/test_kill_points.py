"""A run killed in every phase of a commit leaves tables that every reader sees as of the last
commit, and the next run finishes the job to tables identical to a clean run.

Each kill point patches the store in a child process that SIGKILLs itself there (a kill, not an
exception: no clean-up code runs); runs with 2 workers and with the dask engine are killed, the
whole process group at once, right after their first commit. Every test checks that the kill
happened, that the readers (`open_output`, which the CLI and the notebook use, and pandas over the folder, as a user's glob
would) agree with the manifest at that instant, and that a re-run equals a clean run.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys

import pytest

from pipeline.query.explore import open_output
from pipeline.store.commit import read_manifest
from pipeline.store.tables import PER_DOCUMENT_TABLES

from .conftest import REPO, SHORT_RECORDS, read, run_ok, table_contents, write_folder

pytestmark = pytest.mark.slow

# Runs the CLI with one store operation replaced by a SIGKILL on its Nth call (KILL_AT, KILL_CALL).
KILLING_CLI = """
import os, signal, sys
import pipeline.store.commit as commit

where, at_call = os.environ["KILL_AT"], int(os.environ["KILL_CALL"])
calls = [0]

def killing(function, when=lambda *a, **k: True):
    def wrapper(*args, **kwargs):
        if when(*args, **kwargs):
            calls[0] += 1
            if calls[0] == at_call:
                os.kill(os.getpid(), signal.SIGKILL)
        return function(*args, **kwargs)
    return wrapper

def killing_all_after(function):  # the driver and every worker it started, once the Nth call returned
    def wrapper(*args, **kwargs):
        result = function(*args, **kwargs)
        calls[0] += 1
        if calls[0] == at_call:
            os.killpg(os.getpgrp(), signal.SIGKILL)
        return result
    return wrapper

if where == "manifest":  # the batch's parts are written, its manifest entry is not
    commit._atomic_write_bytes = killing(commit._atomic_write_bytes)
elif where == "publish":  # the manifest entry is written, the parts are not yet visible
    commit.OutputStore._publish = killing(commit.OutputStore._publish)
elif where == "replacement":  # the replacing batch is committed, the replaced one not yet dropped
    commit.OutputStore._drop_entry = killing(commit.OutputStore._drop_entry)
elif where == "corpus":  # the corpus-wide tables half rewritten
    commit.write_part = killing(commit.write_part, lambda out, table, key, data: key == "corpus")
elif where == "after commit":  # a whole run, workers included, killed at once after a commit
    commit.OutputStore.commit = killing_all_after(commit.OutputStore.commit)
from pipeline.cli import app
sys.argv = ["vnextract", *sys.argv[1:]]
app()
"""

RECORDS = SHORT_RECORDS  # 8 documents: 4 commits of 2
ARGS = ("--workers", "1", "--batch-size", "2", "--commit-every", "2", "--quiet")


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    return write_folder(tmp_path_factory.mktemp("kill-input") / "in", RECORDS)


def run_killed_at(where: str, call: int, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KILL_AT": where, "KILL_CALL": str(call)}
    # a session of its own: a kill of the process group reaches the run's processes and nothing else
    return subprocess.run([sys.executable, "-c", KILLING_CLI, "run", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600, start_new_session=True)


def committed_ids(out) -> set[str]:
    return {d for entry in read_manifest(out).values() for d in entry.documents}


def assert_readers_see_the_last_commit(out) -> set[str]:
    """The committed documents, as every reader sees them now; each table's rows are theirs only."""
    committed = committed_ids(out)
    con = open_output(out)
    assert sorted(r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()) == sorted(committed)
    for table in PER_DOCUMENT_TABLES:
        if table != "errors":
            assert {r[0] for r in con.execute(f"SELECT DISTINCT doc_id FROM {table}").fetchall()} <= committed, table
    if (out / "documents").is_dir():  # a glob reader: never an uncommitted or a doubled document (while a
        seen = list(read(out, "documents")["doc_id"])  # replacement is under way: the batch it replaces)
        ever_committed = {d for path in (out / "_manifest").glob("*.json")
                          for d in json.loads(path.read_text(encoding="utf-8"))["documents"]}
        assert len(seen) == len(set(seen)) and set(seen) <= ever_committed
    return committed


@pytest.mark.parametrize("where, call, commits_left", [
    ("manifest", 3, 2),  # parts of the 3rd batch written, its entry not: readers see 2 batches
    # 3rd batch committed, half its parts made visible: readers see 3 batches
    ("publish", 2 * len(PER_DOCUMENT_TABLES) + len(PER_DOCUMENT_TABLES) // 2, 3),
])
def test_killed_inside_a_commit(tmp_path, source, clean_contents, where, call, commits_left):
    out = tmp_path / "out"
    killed = run_killed_at(where, call, str(source), "--out", str(out), *ARGS)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert len(read_manifest(out)) == commits_left
    assert len(assert_readers_see_the_last_commit(out)) == 2 * commits_left
    run_ok(str(source), "--out", str(out), *ARGS)
    assert table_contents(out) == clean_contents


def test_killed_during_an_incremental_replacement(tmp_path, source, clean_contents):
    out = tmp_path / "out"
    run_ok(str(source), "--out", str(out), *ARGS)
    first = sorted(source.iterdir())[0]
    changed_source = shutil.copytree(source, tmp_path / "changed")
    (changed_source / first.name).write_text(first.read_text(encoding="utf-8") + "\nHà Nội, ngày 6/2/2017.",
                                             encoding="utf-8")
    killed = run_killed_at("replacement", 1, str(changed_source), "--out", str(out), *ARGS)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    entries = read_manifest(out)
    assert len(entries) == len(RECORDS) // 2  # the replaced batch is hidden by its replacement
    assert any(e.replaces for e in entries.values())
    assert assert_readers_see_the_last_commit(out) == {r["id"] for r in RECORDS} - {first.stem}
    run_ok(str(source), "--out", str(out), *ARGS)  # back to the original text: equal to a clean run
    assert table_contents(out) == clean_contents


def test_killed_while_writing_the_corpus_tables(tmp_path, source, clean_contents):
    out = tmp_path / "out"
    killed = run_killed_at("corpus", 2, str(source), "--out", str(out), *ARGS)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert len(assert_readers_see_the_last_commit(out)) == len(RECORDS)
    assert "0 documents · 8 unchanged" in run_ok(str(source), "--out", str(out), *ARGS)
    assert table_contents(out) == clean_contents


@pytest.mark.parametrize("engine_args", [("--workers", "2"), ("--workers", "2", "--engine", "dask")],
                         ids=["2 workers", "dask"])
def test_killed_with_several_worker_processes(tmp_path, source, clean_contents, engine_args):
    if "dask" in engine_args:
        pytest.importorskip("dask.distributed")
    out = tmp_path / "out"
    args = [str(source), "--out", str(out), "--batch-size", "2", "--commit-every", "2", "--quiet", *engine_args]
    killed = run_killed_at("after commit", 1, *args)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert len(read_manifest(out)) == 1
    assert len(assert_readers_see_the_last_commit(out)) == 2
    run_ok(*args[:-len(engine_args) - 1], "--workers", "1")
    assert table_contents(out) == clean_contents
