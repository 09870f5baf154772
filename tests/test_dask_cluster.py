"""The dask engine on a real cluster: a scheduler and two worker processes started on their own,
as on a cluster (issue 20). The tables equal the local engine's; a worker killed mid-run costs no
document; a scheduler lost mid-run stops the run with one line, keeping what is committed."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from pipeline.store.commit import committed_documents, read_manifest

from .conftest import REPO, SHORT_RECORDS, assert_clear_error, read, run_cli, table_contents, write_folder

pytest.importorskip("dask.distributed")
pytestmark = pytest.mark.slow


def _started(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", *args], cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """(scheduler address, scheduler process, [worker processes]); stopped after the module."""
    folder = tmp_path_factory.mktemp("dask-cluster")
    scheduler_file = folder / "scheduler.json"
    scheduler = _started(["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                          "--no-dashboard", "--scheduler-file", str(scheduler_file)])
    deadline = time.time() + 120
    while not scheduler_file.exists() and time.time() < deadline:
        time.sleep(0.2)
    import json

    address = json.loads(scheduler_file.read_text())["address"]
    workers = [_started(["distributed.cli.dask_worker", address, "--nthreads", "1", "--no-nanny",
                         "--no-dashboard"]) for _ in range(2)]
    from dask.distributed import Client

    with Client(address) as client:
        client.wait_for_workers(2, timeout=120)
    yield address, scheduler, workers
    for process in (*workers, scheduler):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def corpus(tmp_path):
    return write_folder(tmp_path / "in", SHORT_RECORDS), tmp_path / "out"


def _run_until_first_commit(args: tuple[str, ...], out, env=None) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None and not any((out / "_manifest").glob("*.json")):
        time.sleep(0.05)
    return proc


def test_two_separately_started_workers_give_the_local_engines_tables(cluster, corpus, clean_contents):
    address, _, _ = cluster
    folder, out = corpus
    result = run_cli("run", str(folder), "--out", str(out), "--quiet", "--engine", "dask", "--scheduler", address,
                     "--batch-size", "1")
    assert result.returncode == 0, result.stderr
    assert table_contents(out) == clean_contents


def test_a_worker_killed_mid_run_costs_no_document(cluster, corpus, clean_contents):
    address, _, workers = cluster
    folder, out = corpus
    proc = _run_until_first_commit((str(folder), "--out", str(out), "--quiet", "--engine", "dask", "--scheduler",
                                    address, "--batch-size", "1", "--commit-every", "1"), out)
    os.killpg(workers[0].pid, signal.SIGKILL)
    workers[0].wait()
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    assert 1 <= len(read_manifest(out)) and committed_documents(out) == len(SHORT_RECORDS)
    assert sorted(read(out, "documents")["doc_id"]) == sorted(r["id"] for r in SHORT_RECORDS)  # each once
    assert table_contents(out) == clean_contents


def test_a_scheduler_lost_mid_run(cluster, corpus, clean_contents):
    address, scheduler, _ = cluster
    folder, out = corpus
    args = (str(folder), "--out", str(out), "--quiet", "--engine", "dask", "--scheduler", address,
            "--batch-size", "1", "--commit-every", "1")
    proc = _run_until_first_commit(args, out, env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"})
    os.killpg(scheduler.pid, signal.SIGKILL)
    scheduler.wait()
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 7, stderr
    line = assert_clear_error(stderr, f"lost the dask scheduler {address}")
    committed = committed_documents(out)
    assert f"{committed:,} documents are committed and readable in {out}" in line and committed >= 1
    result = run_cli("run", str(folder), "--out", str(out), "--quiet", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert table_contents(out) == clean_contents
