"""Faults of the machine (issue 20): each stops the run with one clear line on stderr and its own
exit code, says how many documents stay committed and how to go on; the committed tables are
readable; and the command it gives finishes the job to tables identical to a clean run.

Disk full and permission denied are injected by making the store's part writer raise after N
parts; an input vanishes by being moved away as it is about to be read; the rest are real.
"""
from __future__ import annotations

import errno
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.inputs import ingest
from pipeline.query.explore import open_output
from pipeline.store.commit import OutputStore, committed_documents
from pipeline.store.tables import PER_DOCUMENT_TABLES

from .conftest import REPO, SHORT_RECORDS, assert_clear_error, run_cli, table_contents, write_folder

pytestmark = pytest.mark.slow

RECORDS = SHORT_RECORDS
BATCHES = ("--workers", "1", "--batch-size", "2", "--commit-every", "2", "--quiet")
PARTS_PER_COMMIT = len(PER_DOCUMENT_TABLES)


@pytest.fixture
def corpus(tmp_path):
    return write_folder(tmp_path / "in", RECORDS), tmp_path / "out"


def invoke(monkeypatch, *args: str):
    """`vnextract run ARGS` in this process, with the command line a user would have typed."""
    monkeypatch.setattr(sys, "argv", ["vnextract", "run", *args])
    return CliRunner().invoke(app, ["run", *args])


def assert_stopped(exit_code: int, returned: int, stderr: str, out, args, *what: str) -> int:
    """The one line: what failed, the committed documents (readable, as many as it says), the command."""
    assert returned == exit_code, stderr
    line = assert_clear_error(stderr, *what)
    assert re.search("[Gg]o on with: " + re.escape(f"vnextract run {shlex.join(args)}") + "$", line), line
    committed = int(re.search(r"([\d,]+) documents are committed and readable in", line).group(1).replace(",", ""))
    assert committed == committed_documents(out)
    if committed:
        assert open_output(out).execute("SELECT count(*) FROM documents").fetchone()[0] == committed
    return committed


def assert_goes_on_to_a_clean_run(folder, out, clean_contents) -> None:
    result = run_cli("run", str(folder), "--out", str(out), *BATCHES)
    assert result.returncode == 0, result.stderr
    assert table_contents(out) == clean_contents


def fail_staging_after(monkeypatch, parts: int, error: OSError) -> None:
    original, calls = OutputStore._stage, [0]

    def stage(self, table, key, data):
        calls[0] += 1
        if calls[0] > parts:
            raise error
        return original(self, table, key, data)

    monkeypatch.setattr(OutputStore, "_stage", stage)


@pytest.mark.parametrize("error, exit_code, what", [
    (errno.ENOSPC, 4, "no space left on the device writing"),
    (errno.EACCES, 5, "permission denied:"),
], ids=["disk full", "permission denied"])
def test_a_write_failure_keeps_the_committed_batches(corpus, clean_contents, monkeypatch, error, exit_code, what):
    folder, out = corpus
    target = str(out / "tokens" / ".part-x.parquet.tmp")
    fail_staging_after(monkeypatch, 2 * PARTS_PER_COMMIT, OSError(error, os.strerror(error), target))
    args = (str(folder), "--out", str(out), *BATCHES)
    result = invoke(monkeypatch, *args)
    assert assert_stopped(exit_code, result.exit_code, result.stderr, out, args, what, target) == 4
    monkeypatch.undo()  # space freed, permissions fixed
    assert_goes_on_to_a_clean_run(folder, out, clean_contents)


def test_debug_shows_the_traceback_too(corpus, monkeypatch):
    folder, out = corpus
    fail_staging_after(monkeypatch, 0, OSError(errno.ENOSPC, "No space left on device", str(out)))
    result = invoke(monkeypatch, str(folder), "--out", str(out), *BATCHES, "--debug")
    assert result.exit_code == 4
    assert "Traceback" in result.stderr and "No space left on device" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: no space left on the device")


def test_an_input_that_vanishes_mid_run(corpus, clean_contents, monkeypatch):
    folder, out = corpus
    fifth = sorted(folder.iterdir())[4]
    original, calls = ingest.READERS[".txt"], [0]

    def vanishing(path, doc_id, source):
        calls[0] += 1
        if calls[0] == 5:
            path.rename(folder.parent / path.name)  # unmounted, deleted: gone as it is read
        return original(path, doc_id, source)

    monkeypatch.setitem(ingest.READERS, ".txt", vanishing)
    args = (str(folder), "--out", str(out), *BATCHES)
    result = invoke(monkeypatch, *args)
    assert assert_stopped(6, result.exit_code, result.stderr, out, args, f"input vanished: {fifth}") == 4
    (folder.parent / fifth.name).rename(fifth)
    monkeypatch.undo()
    assert_goes_on_to_a_clean_run(folder, out, clean_contents)


def test_sigterm_during_a_commit_lets_it_finish(corpus, clean_contents, monkeypatch):
    folder, out = corpus
    original, calls = OutputStore._stage, [0]

    def stage(self, table, key, data):
        calls[0] += 1
        if calls[0] == PARTS_PER_COMMIT // 2:  # the first commit, half-way through its parts
            os.kill(os.getpid(), signal.SIGTERM)
        return original(self, table, key, data)

    monkeypatch.setattr(OutputStore, "_stage", stage)
    args = (str(folder), "--out", str(out), *BATCHES)
    result = invoke(monkeypatch, *args)
    assert assert_stopped(143, result.exit_code, result.stderr, out, args, "interrupted by SIGTERM") == 2
    assert not list(out.glob("*/.part-*"))  # the commit finished: every part visible
    monkeypatch.undo()
    assert_goes_on_to_a_clean_run(folder, out, clean_contents)


def test_ctrl_c_with_worker_processes(corpus, clean_contents):
    folder, out = corpus
    args = (str(folder), "--out", str(out), "--workers", "2", "--batch-size", "2", "--commit-every", "2", "--quiet")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", *args], cwd=REPO, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None and not any((out / "_manifest").glob("*.json")):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the driver and its workers
    _, stderr = proc.communicate(timeout=60)
    assert "ForkPoolWorker" not in stderr
    assert assert_stopped(130, proc.returncode, stderr, out, args, "interrupted by Ctrl-C") >= 2
    assert_goes_on_to_a_clean_run(folder, out, clean_contents)


def test_out_names_a_file(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(RECORDS[0]["text"], encoding="utf-8")
    (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    for out in (tmp_path / "taken", tmp_path / "taken" / "sub"):
        result = run_cli("run", str(tmp_path / "in"), "--out", str(out), "--quiet")
        assert result.returncode == 3
        assert_clear_error(result.stderr, f"--out {out} is not a folder: {tmp_path / 'taken'} is a file",
                           "Use another --out")
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "not a folder"


def test_a_second_run_on_the_same_output_refuses_while_the_first_holds_it(corpus):
    folder, out = corpus
    first = OutputStore(out)
    first.lock()
    try:
        result = run_cli("run", str(folder), "--out", str(out), "--quiet")
    finally:
        first.close()
    assert result.returncode == 8
    assert_clear_error(result.stderr, f"another run (pid {os.getpid()}) is writing to {out}",
                       "Wait for it to end, or use another --out")
    assert committed_documents(out) == 0 and not list(out.glob("*/*.parquet"))


def test_an_unreachable_scheduler(corpus, clean_contents):
    pytest.importorskip("dask.distributed")
    folder, out = corpus
    moved = sorted(folder.iterdir())[4:]
    for path in moved:  # commit the first half with the local engine
        path.rename(folder.parent / path.name)
    assert run_cli("run", str(folder), "--out", str(out), *BATCHES).returncode == 0
    for path in moved:
        (folder.parent / path.name).rename(path)
    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    args = (str(folder), "--out", str(out), "--quiet", "--engine", "dask", "--scheduler", address)
    result = run_cli("run", *args, env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert assert_stopped(7, result.returncode, result.stderr, out, args,
                          f"cannot reach the dask scheduler at {address}") == 4
    assert_goes_on_to_a_clean_run(folder, out, clean_contents)
