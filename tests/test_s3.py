"""Outputs on S3, end to end through the CLI, against a real S3 server (moto's `moto_server`).

The server speaks the S3 protocol over HTTP on a free loopback port; every command runs as a user
runs it, in a subprocess that finds the server through FSSPEC_S3_ENDPOINT_URL and dummy AWS
credentials. Covered: `run` into s3:// and an incremental re-run (unchanged, then one changed
document), a run killed after its first commit and resumed, and query, person, show and stats on
the result, which must print exactly what they print for the same run on a local folder. The
README's S3 example runs here as written.
"""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

pytest.importorskip("s3fs", reason="s3fs (dev extra) is needed for s3:// URLs")
pytest.importorskip("moto.server", reason="moto[server] (dev extra) runs the local S3 server")

import s3fs  # noqa: E402

from pipeline.store.tables import SCHEMAS  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "raw" / "samples" / "baomoi_sample.jsonl"
RECORDS = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
KEY = SECRET = "testing"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_listening(endpoint: str, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the S3 server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            no_proxy.open(endpoint, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the S3 server did not answer on {endpoint} within {seconds} s")


def s3_environment(endpoint: str) -> dict[str, str]:
    """The variables the README names, with dummy credentials; nothing else of the caller's AWS setup."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "FSSPEC_"))}
    env.update(FSSPEC_S3_ENDPOINT_URL=endpoint, AWS_ACCESS_KEY_ID=KEY, AWS_SECRET_ACCESS_KEY=SECRET,
               AWS_DEFAULT_REGION="us-east-1", AWS_EC2_METADATA_DISABLED="true",
               NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    return env


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    """(endpoint, filesystem of the test process) of a moto S3 server started for this module."""
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("moto") / "server.log"  # a file: a pipe nobody reads would fill and block it
    with open(log, "wb") as sink:
        server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                                  stdout=sink, stderr=subprocess.STDOUT)
    try:
        wait_until_listening(endpoint, server, log)
        fs = s3fs.S3FileSystem(endpoint_url=endpoint, key=KEY, secret=SECRET, skip_instance_cache=True)
        yield endpoint, fs
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def vnextract(endpoint: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=REPO, env=s3_environment(endpoint),
                            capture_output=True, text=True, timeout=600)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def put_corpus(fs, bucket: str, records: list[dict]) -> str:
    """The records as one JSONL object in a new bucket; its s3:// URL."""
    fs.makedirs(bucket, exist_ok=True)
    fs.pipe_file(f"{bucket}/corpus.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n"
                                                   for r in records).encode("utf-8"))
    return f"s3://{bucket}/corpus.jsonl"


def s3_table(fs, root: str, table: str) -> pd.DataFrame:
    fs.invalidate_cache()
    parts = sorted(fs.glob(f"{root}/{table}/*.parquet"))
    return pd.concat([pq.read_table(io.BytesIO(fs.cat_file(p))).to_pandas() for p in parts], ignore_index=True)


def contents(read) -> dict[str, list[dict]]:
    """Every table, rows sorted, as plain records: what two runs must agree on."""
    found = {}
    for table in SCHEMAS:
        df = read(table).astype(str)
        found[table] = df.sort_values(list(df.columns)).reset_index(drop=True).to_dict("records")
    return found


def manifest_entries(fs, root: str) -> list[str]:
    fs.invalidate_cache()
    return fs.glob(f"{root}/_manifest/*.json")


@pytest.fixture(scope="module")
def s3_run(s3_server, tmp_path_factory):
    """The sample corpus run into s3://out/run1 (and, for comparison, into a local folder)."""
    endpoint, fs = s3_server
    url = put_corpus(fs, "corpus", RECORDS)
    result = vnextract(endpoint, "run", url, "--out", "s3://out/run1", "--workers", "1", "--quiet")
    local = tmp_path_factory.mktemp("s3-reference") / "out"
    local_input = local.parent / "corpus.jsonl"
    local_input.write_bytes(fs.cat_file("corpus/corpus.jsonl"))
    vnextract(endpoint, "run", str(local_input), "--out", str(local), "--workers", "1", "--quiet")
    return endpoint, fs, result.stdout, local


@pytest.mark.slow
def test_run_writes_every_table_to_s3_as_a_local_run_does(s3_run):
    _, fs, stdout, local = s3_run
    assert f"{len(RECORDS)} documents · 0 unchanged" in stdout and "→  s3://out/run1" in stdout
    fs.invalidate_cache()
    assert {Path(p).name for p in fs.ls("out/run1")} == {*SCHEMAS, "_manifest"}
    assert sorted(s3_table(fs, "out/run1", "documents")["doc_id"]) == sorted(r["id"] for r in RECORDS)
    assert contents(lambda t: s3_table(fs, "out/run1", t)) == contents(lambda t: pd.read_parquet(local / t))


@pytest.mark.slow
def test_incremental_rerun_on_s3(s3_server):
    endpoint, fs = s3_server
    records = [dict(r) for r in RECORDS[:5]]  # few: three runs
    url = put_corpus(fs, "incremental", records)
    out = "s3://incremental-out/run"
    assert f"{len(records)} documents · 0 unchanged" in vnextract(endpoint, "run", url, "--out", out, "--workers", "1",
                                                                  "--quiet").stdout
    again = vnextract(endpoint, "run", url, "--out", out, "--workers", "1", "--quiet").stdout
    assert f"0 documents · {len(records)} unchanged" in again, again

    records[3]["text"] += "\nHà Nội, ngày 6/2/2017."
    put_corpus(fs, "incremental", records)
    changed = vnextract(endpoint, "run", url, "--out", out, "--workers", "1", "--quiet").stdout
    assert f"1 documents · {len(records) - 1} unchanged" in changed, changed
    documents = s3_table(fs, "incremental-out/run", "documents").set_index("doc_id")
    assert documents.index.is_unique and len(documents) == len(records)
    assert documents.loc[records[3]["id"], "text"].endswith("Hà Nội, ngày 6/2/2017.")
    assert len(manifest_entries(fs, "incremental-out/run")) == 2  # the first commit, rewritten without doc 3, + doc 3


@pytest.mark.slow
def test_a_run_killed_after_its_first_commit_resumes_on_s3(s3_server, s3_run):
    endpoint, fs = s3_server
    _, _, _, local = s3_run
    url = put_corpus(fs, "killed", RECORDS)
    root = "killed-out/run"
    command = [sys.executable, "-m", "pipeline", "run", url, "--out", f"s3://{root}", "--workers", "1",
               "--batch-size", "1", "--commit-every", "1", "--quiet"]
    # A session of its own, so that the kill reaches the run and nothing else.
    run = subprocess.Popen(command, cwd=REPO, env=s3_environment(endpoint), start_new_session=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 300
        while not manifest_entries(fs, root) and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate(timeout=60)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    assert run.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    committed = len(manifest_entries(fs, root))
    assert 1 <= committed < len(RECORDS)

    # what was committed is readable at once
    count = vnextract(endpoint, "query", "SELECT count(DISTINCT doc_id) AS n FROM documents", "--out", f"s3://{root}",
                      "--format", "csv").stdout
    assert int(count.splitlines()[1]) >= committed

    resumed = vnextract(endpoint, "run", url, "--out", f"s3://{root}", "--workers", "1", "--quiet").stdout
    # one document per commit: exactly the uncommitted ones are processed, the committed ones skipped
    assert f"{len(RECORDS) - committed} documents · {committed} unchanged" in resumed, resumed
    assert f"({len(RECORDS)} documents in the output)" in resumed
    documents = s3_table(fs, root, "documents")
    assert sorted(documents["doc_id"]) == sorted(r["id"] for r in RECORDS)  # every document, once
    assert contents(lambda t: s3_table(fs, root, t)) == contents(lambda t: pd.read_parquet(local / t))


def same_output_on_s3_and_local(s3_run, *args: str) -> str:
    """The command's stdout on s3://out/run1, checked equal to its stdout on the local run's folder."""
    endpoint, _, _, local = s3_run
    remote = vnextract(endpoint, *args, "--out", "s3://out/run1").stdout
    assert remote == vnextract(endpoint, *args, "--out", str(local)).stdout
    return remote


@pytest.mark.slow
def test_query_on_s3(s3_run):
    out = same_output_on_s3_and_local(s3_run, "query", "SELECT doc_id, title FROM documents ORDER BY doc_id",
                                      "--format", "json")
    assert [row["doc_id"] for row in json.loads(out)] == sorted(r["id"] for r in RECORDS)


@pytest.mark.slow
def test_person_on_s3(s3_run):
    fs = s3_run[1]
    people = s3_table(fs, "out/run1", "entities").query("label == 'PERSON'")
    best = people.sort_values(["n_docs", "n_mentions", "name"], ascending=[False, False, True]).iloc[0]
    out = same_output_on_s3_and_local(s3_run, "person", best["name"])
    assert best["name"] in out and best["entity_id"] in out and "document(s)" in out


@pytest.mark.slow
def test_show_on_s3(s3_run, tmp_path):
    endpoint, fs, _, _ = s3_run
    doc_id = RECORDS[0]["id"]
    out = same_output_on_s3_and_local(s3_run, "show", doc_id)
    assert RECORDS[0]["text"].splitlines()[0] in out and f"doc_id {doc_id}" in out
    page = tmp_path / "doc.html"
    result = vnextract(endpoint, "show", doc_id, "--out", "s3://out/run1", "--html", str(page)).stdout
    spans = int(re.search(r"(\d+) highlighted span\(s\)", result).group(1))
    assert spans > 0 and spans == len(set(re.findall(r'data-span="(\d+)"', page.read_text(encoding="utf-8"))))


@pytest.mark.slow
def test_stats_on_s3(s3_run):
    out = same_output_on_s3_and_local(s3_run, "stats", "--top", "3")
    assert re.search(rf"documents\s+│\s+{len(RECORDS)}\s+│", out) and "Top people" in out


@pytest.mark.slow
def test_a_missing_s3_output_keeps_its_url_in_the_message(s3_run):
    endpoint = s3_run[0]
    for command in (["stats"], ["query", "SELECT count(*) FROM documents"]):
        result = vnextract(endpoint, *command, "--out", "s3://out/no-such-run", check=False)
        assert result.returncode == 2
        assert "no tables in s3://out/no-such-run:" in result.stderr, result.stderr


def test_every_out_option_keeps_a_url_a_string():
    """A command whose --out were a Path would fold s3://out/run1 into s3:/out/run1 (commands added later too)."""
    import inspect

    from pipeline.cli import app

    out_types = {}
    for command in app.registered_commands:
        for param in inspect.signature(command.callback, eval_str=True).parameters.values():
            if "--out" in (getattr(param.default, "param_decls", None) or ()):
                out_types[command.name or command.callback.__name__] = param.annotation
    assert {"run", "query", "person", "show", "stats"} <= out_types.keys()
    assert {name: t for name, t in out_types.items() if t is not str} == {}


@pytest.mark.slow
def test_duckdb_reads_s3_through_fsspec_without_an_extension(s3_run, monkeypatch):
    import fsspec

    from pipeline.query.explore import open_output

    endpoint = s3_run[0]
    monkeypatch.setitem(fsspec.config.conf, "s3", {"endpoint_url": endpoint, "key": KEY, "secret": SECRET})
    con = open_output("s3://out/run1")
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(RECORDS)
    assert not con.execute("SELECT loaded FROM duckdb_extensions() WHERE extension_name = 'httpfs'").fetchone()[0]


def readme_s3_example() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    # fenced `sh`, not `bash`: its server and `export` need one shell, so the README test, which runs
    # each bash line on its own, leaves it to this module
    block = re.search(r"<!-- s3-example:[^\n]*-->\n```sh\n(.*?)```", readme, re.S)
    assert block, "README.md has no S3 example block"
    return block.group(1)


@pytest.mark.slow
def test_the_readme_s3_example_runs_as_written():
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"  # this interpreter's commands first
    if shutil.which("vnextract", path=path) is None or shutil.which("moto_server", path=path) is None:
        pytest.skip("the README example needs the vnextract and moto_server commands (pip install -e '.[dev]')")
    script = readme_s3_example()
    port = str(free_port())  # the README's port may be taken here: the same commands on a free one
    script, replaced = re.subn(r"(127\.0\.0\.1:|-p )9321\b", rf"\g<1>{port}", script)
    assert replaced == 2, "the README example should name its port twice: the server's and the endpoint's"
    # The README sets the endpoint and credentials itself; none of the caller's may leak in.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "FSSPEC_"))}
    env.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", PATH=path)
    shell = subprocess.Popen(["bash", "-e", "-c", script], cwd=REPO, env=env, start_new_session=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = shell.communicate(timeout=600)
    finally:
        try:
            os.killpg(shell.pid, signal.SIGTERM)  # the example's server, if a command failed before `kill %1`
        except ProcessLookupError:
            pass
    assert shell.returncode == 0, stderr
    assert f"{len(RECORDS)} documents · 0 unchanged" in stdout and "→  s3://out/run1" in stdout
    assert re.search(rf"│ {len(RECORDS)}\s+│", stdout) and "Rows per table" in stdout
