"""Hostile input, kills mid-run, time limits under every engine, and the reconciliation of input
records (issues: reliability, 23)."""
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from .conftest import REPO, read, run_cli, run_summary, sample_records, table_contents, write_jsonl

BAD_INPUTS = REPO / "tests" / "data" / "bad_inputs"
SCRIPT_IN_TEXT = ('Sáng 6/2, Công an tỉnh Đồng Nai cho biết <script>document.title="pwned"</script> và '
                  '<img src=x onerror="alert(1)"> đã được ghi nhận tại Hà Nội.\n')


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "in"
    shutil.copytree(BAD_INPUTS, folder)
    (folder / "loop").mkdir()
    os.symlink("..", folder / "loop" / "back-up")  # a symlink loop
    (folder / "huge_one_line.txt").write_text("Hà Nội " * 3_000_000, encoding="utf-8")  # ~21 MB, one line
    (folder / "script_in_text.txt").write_text(SCRIPT_IN_TEXT, encoding="utf-8")
    out = folder.parent / "out"
    result = run_cli("run", str(folder), "--out", str(out), "--quiet", "--workers", "2")
    assert result.returncode == 0, result.stderr
    return result, out


def test_hostile_inputs_never_crash_and_are_each_accounted_for(hostile_run):
    result, out = hostile_run
    docs, errors = read(out, "documents"), read(out, "errors")
    by_source = {**{s: "document" for s in docs["source"]}, **{s: "error" for s in errors["source"]}}
    expected_errors = {"empty.txt": "EmptyDocument", "binary.txt": "UndecodableBytes",
                       "no_text_column.csv": "MissingTextColumn", "no_article.html": "NoArticleText",
                       "script_only.html": "NoArticleText", "huge_one_line.txt": "DocumentTooLarge"}
    for source, error in expected_errors.items():
        assert set(errors.loc[errors["source"] == source, "error"]) == {error}, source
    for source in ("ok.md", "utf16.txt", "windows1258.txt", "invalid_utf8.txt", "nul_bytes.txt"):
        assert source in set(docs["source"]), source
        text = docs.loc[docs["source"] == source, "text"].iloc[0]
        assert "Công an tỉnh Đồng Nai" in text
    assert sorted(errors.loc[errors["error"] == "DecodedWithReplacement", "source"]) == [
        "invalid_utf8.txt", "nul_bytes.txt"]
    assert by_source["deeply_nested.html"] == "error"  # 5,000 nested <div>s hold no article
    assert set(errors.loc[errors["source"] == "deeply_nested.html", "error"]) == {"NoArticleText"}
    assert "Traceback" not in result.stderr


def test_broken_jsonl_lines_are_reported_with_line_numbers(hostile_run):
    _, out = hostile_run
    docs, errors = read(out, "documents"), read(out, "errors")
    assert sorted(docs.loc[docs["source"] == "broken_lines.jsonl", "doc_id"]) == ["ok-1", "ok-2"]
    broken = errors[errors["source"] == "broken_lines.jsonl"]
    assert sorted(broken["doc_id"]) == ["broken_lines:2", "broken_lines:4"]
    messages = dict(zip(broken["doc_id"], broken["message"]))
    assert messages["broken_lines:2"].startswith("line 2") and messages["broken_lines:4"].startswith("line 4")
    truncated = errors[errors["source"] == "truncated.jsonl.gz"]
    assert list(truncated["error"]) == ["EOFError"]
    assert truncated["message"].iloc[0].startswith("stopped reading after line 110: ")
    kept = docs.loc[docs["source"] == "truncated.jsonl.gz", "doc_id"]
    assert sorted(kept) == sorted(f"gz-{i}" for i in range(110))  # every complete line before the cut


def test_summary_reconciles_input_records_with_the_tables(hostile_run):
    result, out = hostile_run
    errors, n_docs = read(out, "errors"), len(read(out, "documents"))
    warnings = int((errors["error"] == "DecodedWithReplacement").sum())  # the document itself is in `documents`
    failed = len(errors) - warnings
    assert warnings == 2 and failed >= 8
    assert run_summary(result.stdout) == {
        "documents": n_docs, "skipped": 0, "sentences": len(read(out, "sentences")), "tokens": len(read(out, "tokens")),
        "errors": failed, "input_records": n_docs + failed, "in_documents": n_docs, "in_errors": failed,
        "committed": n_docs, "warnings": warnings}
    assert f"; {warnings} processed with warnings (see errors)" in result.stdout


def test_show_html_escapes_markup_in_the_text(hostile_run, tmp_path):
    _, out = hostile_run
    page = tmp_path / "page.html"
    result = run_cli("show", "script_in_text", "--out", str(out), "--html", str(page))
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html  # nothing in an input can run in the page
    assert "&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def _kill_after_commits(args, manifest, commits):
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", *args], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if manifest.exists() and len(list(manifest.glob("*.json"))) >= commits:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.mark.slow
@pytest.mark.parametrize("commits_before_kill", [0, 1, 3])
def test_killed_run_is_completed_exactly_once_by_the_next(tmp_path, commits_before_kill):
    records = [{**r, "id": f"{r['id']}-{k}"} for k in range(2) for r in sample_records(20)]
    source = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out"
    args = [str(source), "--out", str(out), "--workers", "1", "--batch-size", "4", "--commit-every", "8", "--quiet"]
    _kill_after_commits(args, out / "_manifest", commits_before_kill)
    result = run_cli("run", *args)
    assert result.returncode == 0, result.stderr
    docs = read(out, "documents")
    assert sorted(docs["doc_id"]) == sorted(r["id"] for r in records)  # none lost, none twice
    clean = tmp_path / "clean"
    assert run_cli("run", str(source), "--out", str(clean), "--workers", "1", "--quiet").returncode == 0
    assert table_contents(out) == table_contents(clean)


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["local", "dask"])
def test_document_time_limit_holds_under_every_engine(tmp_path, engine):
    if engine == "dask":
        pytest.importorskip("dask.distributed")  # dask runs tasks in threads, where SIGALRM cannot fire
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(sample_records(1)[0]["text"], encoding="utf-8")
    result = run_cli("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "1", "--quiet",
                     "--doc-timeout", "0.001", "--engine", engine)
    assert result.returncode == 0, result.stderr
    errors = read(tmp_path / "out", "errors")
    assert list(zip(errors["doc_id"], errors["error"], errors["message"])) == [
        ("a", "DocumentTimeout", "took longer than 0.001 s")]
    assert read(tmp_path / "out", "documents").empty


def test_time_limit_interrupts_work_in_a_worker_thread():
    import threading

    from pipeline.run.batch import DocumentTimeout, time_limit

    outcome = []

    def spin():
        try:
            with time_limit(0.05):
                while True:
                    pass
        except DocumentTimeout as exc:
            outcome.append(str(exc))
        with time_limit(0.05):  # a limit that is not reached raises nothing, now or later
            pass
        threading.Event().wait(0.2)
        outcome.append("no stray timeout")

    worker = threading.Thread(target=spin)
    worker.start()
    worker.join(timeout=10)
    assert outcome == ["took longer than 0.05 s", "no stray timeout"]
