"""The command end to end: tables, offsets, summary, errors and the user's mistakes."""
import re

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.store.tables import SCHEMAS

from .conftest import (BAD_COMMANDS, CONTRACT, REPO, assert_clear_error, read, run_cli, run_summary,
                       sample_records)


def test_every_contract_table_and_column_exists(default_run):
    for table, columns in CONTRACT.items():
        df = read(default_run, table)
        assert set(columns) <= set(df.columns), table
        for part in (default_run / table).glob("*.parquet"):
            assert pq.read_schema(part).equals(SCHEMAS[table], check_metadata=False)


def test_default_run_reads_every_sample_format(default_run):
    docs = read(default_run, "documents")
    sources = set(docs["source"])
    assert any(s.endswith(".txt") for s in sources) and any(s.endswith(".md") for s in sources)
    assert any(s.endswith(".html") for s in sources) and any(s.endswith(".csv") for s in sources)
    assert any(s.endswith(".parquet") for s in sources) and "baomoi" in sources  # the JSONL records
    samples = REPO / "data" / "raw" / "samples"
    records = {".csv": len(pd.read_csv(samples / "baomoi_sample.csv")), ".parquet": len(pd.read_parquet(
        samples / "baomoi_sample.parquet")), ".txt": 1, ".md": 1, ".html": 1}
    assert {suffix: sum(s.endswith(suffix) for s in docs["source"]) for suffix in records} == records
    assert len(docs) == sum(records.values()) + len(sample_records(1000)) and docs["doc_id"].is_unique
    assert read(default_run, "errors").empty


def test_offsets_are_exact_in_every_table(default_run):
    texts = dict(zip(*[read(default_run, "documents")[c] for c in ("doc_id", "text")]))
    for table, text_column in [("tokens", "text"), ("mentions", "text"), ("dates", "text")]:
        df = read(default_run, table)
        for row in df.itertuples():
            assert texts[row.doc_id][row.start:row.end] == getattr(row, text_column), (table, row)
    for row in read(default_run, "sentences").itertuples():
        assert texts[row.doc_id][row.start:row.end].strip()


def test_gold_documents_keep_offsets(gold_run):
    docs = read(gold_run, "documents")
    texts = dict(zip(docs["doc_id"], docs["text"]))
    assert any(d.startswith("seed-") for d in texts)
    for table in ("tokens", "mentions", "dates"):
        for row in read(gold_run, table).itertuples():
            assert texts[row.doc_id][row.start:row.end] == row.text


def test_summary_and_bad_input_errors(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tin.txt").write_text("Sáng 6/2, Công an tỉnh Đồng Nai khám nghiệm hiện trường.", encoding="utf-8")
    (tmp_path / "in" / "rong.txt").write_bytes(b"")
    (tmp_path / "in" / "hong.jsonl").write_text('{"id": "x", "text": "Hà Nội mưa."}\n{hỏng\n', encoding="utf-8")
    result = run_cli("run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "syllables/s" in result.stdout
    out = tmp_path / "out"
    errors = read(out, "errors")
    assert sorted(errors["error"]) == ["EmptyDocument", "JSONDecodeError"]
    # The summary's counts are the tables' row counts.
    assert run_summary(result.stdout) == {
        "documents": len(read(out, "documents")), "skipped": 0, "sentences": len(read(out, "sentences")),
        "tokens": len(read(out, "tokens")), "errors": len(errors), "input_records": 4,
        "in_documents": len(read(out, "documents")), "in_errors": len(errors),
        "committed": len(read(out, "documents")), "warnings": 0}
    assert len(read(out, "documents")) == 2 and len(read(out, "sentences")) >= 2 and len(read(out, "tokens")) > 10


@pytest.mark.parametrize("args, code, message", BAD_COMMANDS, ids=[" ".join(c[0][:3]) for c in BAD_COMMANDS])
def test_bad_command_line_is_one_clear_line(tmp_path, args, code, message):
    fill = {"tmp": str(tmp_path / "a-long-folder-name-so-the-message-is-wider-than-80-columns"),
            "out": str(tmp_path / "a-long-folder-name-so-the-message-is-wider-than-80-columns" / "out")}
    result = run_cli(*(a.format(**fill) for a in args))
    assert result.returncode == code, result.stderr
    line = assert_clear_error(result.stderr, message.format(**fill))
    assert line.startswith("error: ")


def test_help_documents_every_option():
    import typer.main

    from pipeline.cli import app

    help_text = run_cli("run", "--help").stdout
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    [run] = [c for name, c in typer.main.get_command(app).commands.items() if name == "run"]
    options = [o for p in run.params for o in (*p.opts, *p.secondary_opts) if o.startswith("--") and o != "--help"]
    assert len(options) >= 17, options
    for option in options:
        assert option in help_text, option
        assert re.search(rf"`[^`]*{re.escape(option)}\b[^`]*`", readme), f"README.md does not document {option}"

