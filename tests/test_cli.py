"""The command end to end: tables, offsets, summary, errors and the user's mistakes."""
import pyarrow.parquet as pq

from pipeline.store.tables import SCHEMAS

from .conftest import read, run_cli

CONTRACT = {
    "documents": ["doc_id", "source", "title", "text", "published", "authors", "n_sentences", "n_tokens"],
    "sentences": ["doc_id", "sent_id", "start", "end", "kind"],
    "tokens": ["doc_id", "sent_id", "tok_id", "start", "end", "text", "pos"],
    "mentions": ["doc_id", "mention_id", "start", "end", "text", "label", "entity_id"],
    "entities": ["entity_id", "label", "name", "aliases", "n_docs", "n_mentions"],
    "appearances": ["doc_id", "entity_id", "name", "rank", "titles", "n_mentions"],
    "dates": ["doc_id", "mention_id", "start", "end", "text", "value", "part_of_day"],
    "abbreviations": ["doc_id", "short", "long", "defined", "start", "end"],
    "events": ["doc_id", "event_id", "type", "text", "date_value", "location", "start", "end"],
    "event_participants": ["doc_id", "event_id", "entity_id", "name", "role"],
    "errors": ["source", "doc_id", "stage", "error", "message"],
}


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
    assert len(docs) >= 24 and docs["doc_id"].is_unique
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
    assert "2 documents" in result.stdout and "2 errors" in result.stdout and "syllables/s" in result.stdout
    errors = read(tmp_path / "out", "errors")
    assert sorted(errors["error"]) == ["EmptyDocument", "JSONDecodeError"]


def test_missing_input_is_one_line_error_with_exit_code_2(tmp_path):
    result = run_cli("run", str(tmp_path / "khong-co"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "input not found" in result.stderr and "Traceback" not in result.stderr


def test_help_documents_every_option():
    result = run_cli("run", "--help")
    for option in ("--out", "--workers", "--batch-size", "--quiet"):
        assert option in result.stdout


def test_unknown_url_protocol_is_one_line_error(tmp_path):
    result = run_cli("run", "s3x://bucket/in", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Protocol not known" in result.stderr and "Traceback" not in result.stderr
