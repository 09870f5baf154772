"""Incremental runs, what invalidates a committed document, determinism and the dask engine."""

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.core.resource_files import RESOURCES, USER_RESOURCES_VARIABLE
from pipeline.run import batch
from pipeline.store.commit import read_manifest

from .conftest import read, run_ok, sample_records, table_contents, write_folder

pytestmark = pytest.mark.slow


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


def test_the_last_batches_are_smaller_so_the_workers_finish_together():
    from pipeline.run.runner import _batches

    batches = list(_batches(iter(range(100)), 32, workers=2))
    assert [d for batch in batches for d in batch] == list(range(100))  # every document once, in order
    assert [len(batch) for batch in batches] == [32, 8, 8, 8, 8, 8, 8, 8, 8, 4]
    assert [len(batch) for batch in _batches(iter(range(70)), 32, workers=1)] == [32, 32, 6]


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


# ---------------------------------------------------------------------- what invalidates a document

def run_in_process(*args: str) -> str:
    """`vnextract run ARGS` in this process (so that a test can patch the configuration); its stdout."""
    result = CliRunner().invoke(app, ["run", *args, "--quiet", "--workers", "1"])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


@pytest.fixture
def committed_three(tmp_path):
    records = sample_records(3)
    folder, out = write_folder(tmp_path / "in", records), tmp_path / "out"
    assert "3 documents · 0 unchanged" in run_in_process(str(folder), "--out", str(out))
    return folder, out, sorted(r["id"] for r in records)


def _edit_a_resource_file(tmp_path, monkeypatch) -> list[str]:
    """A user's resources folder whose ranks.tsv differs from the packaged one by a comment."""
    user = tmp_path / "resources"
    user.mkdir()
    ranks = user / "ranks.tsv"
    ranks.write_text((RESOURCES / "ranks.tsv").read_text(encoding="utf-8") + "\n# một dòng chú thích\n",
                     encoding="utf-8")
    monkeypatch.setenv(USER_RESOURCES_VARIABLE, str(user))
    return []


def _bump_the_version(tmp_path, monkeypatch) -> list[str]:
    monkeypatch.setattr(batch, "__version__", batch.__version__ + ".post1")
    return []


CONFIGURATION_CHANGES = {
    "a resource file": _edit_a_resource_file,
    "the version": _bump_the_version,
    "--stages": lambda tmp_path, monkeypatch: ["--stages", "vi_dates,vi_abbreviations"],
    "--max-doc-chars": lambda tmp_path, monkeypatch: ["--max-doc-chars", "999999"],
}


@pytest.mark.parametrize("change", CONFIGURATION_CHANGES)
def test_a_changed_configuration_reprocesses_every_document_once(committed_three, tmp_path, monkeypatch, change):
    folder, out, ids = committed_three
    before = {e.config_hash for e in read_manifest(out).values()}
    options = CONFIGURATION_CHANGES[change](tmp_path, monkeypatch)
    assert "3 documents · 0 unchanged" in run_in_process(str(folder), "--out", str(out), *options)
    assert "0 documents · 3 unchanged" in run_in_process(str(folder), "--out", str(out), *options)
    after = {e.config_hash for e in read_manifest(out).values()}
    assert len(after) == 1 and after != before
    assert sorted(read(out, "documents")["doc_id"]) == ids  # replaced, not added


def test_an_unchanged_failed_document_keeps_its_error_row(tmp_path):
    records = sorted(sample_records(4), key=lambda r: len(r["text"]))[1:3]
    limit = (len(records[0]["text"]) + len(records[1]["text"])) // 2  # the shorter passes, the longer fails
    folder, out = write_folder(tmp_path / "in", records), tmp_path / "out"
    args = (str(folder), "--out", str(out), "--max-doc-chars", str(limit))
    assert "1 documents · 0 unchanged · " in run_in_process(*args)
    again = run_in_process(*args)
    assert "0 documents · 1 unchanged · " in again and " · 1 errors · " in again
    errors = read(out, "errors")
    assert list(zip(errors["doc_id"], errors["error"])) == [(records[1]["id"], "DocumentTooLarge")]
    assert list(read(out, "documents")["doc_id"]) == [records[0]["id"]]
