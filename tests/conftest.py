"""Shared fixtures and helpers: the seed document (text and segmented record), one pipeline and a
harness that runs it up to one stage, the sample records, a small hand-built output, real pipeline
runs over the default input and the gold documents, the output contract, the table of bad command
lines and their one-line errors, and the checks every end-to-end test makes.

Tests that run the whole pipeline end to end are marked `slow` (here, by the fixtures they use,
or in their module): `pytest -m "not slow"` is the fast inner loop; CI runs everything.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.store.tables import SCHEMAS

from .small_output import small_output_tables

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = next((REPO / "data" / "raw").glob("000_*.txt"))
SAMPLE = REPO / "data" / "raw" / "samples" / "baomoi_sample.jsonl"
END_TO_END_FIXTURES = {"default_run", "gold_run", "hostile_run"}


# The output contract (../shared/contract.md): tables and columns a run must write.
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


# The "clear error, no traceback" table: bad command lines, the exit code and the words of the one
# line each must print on stderr ({tmp}: a fresh empty folder; {out}: a folder with no run in it).
BAD_COMMANDS = [
    (("run", "{tmp}/khong-co-thu-muc-nay", "--out", "{out}"), 2, "input not found: {tmp}/khong-co-thu-muc-nay"),
    (("run", "s3x://bucket/in", "--out", "{out}"), 2, "Protocol not known"),
    (("run", "data/raw", "--out", "{out}", "--engine", "spark"), 2, "--engine must be 'local' or 'dask', not 'spark'"),
    (("run", "data/raw", "--out", "{out}", "--stages", "vi_nothing"), 2, "unknown stage"),
    (("run", "data/raw", "--out", "{out}", "--resources", "{tmp}/khong-co"), 2, "--resources {tmp}/khong-co: not a folder"),
    (("query", "SELECT 1", "--out", "{out}"), 2, "no tables in {out}: run `vnextract run INPUT --out {out}` first"),
    (("query", "SELECT 1", "--out", "{out}", "--format", "xml"), 2, "unknown --format 'xml'; use one of table, csv"),
    (("query", "SELECT 1", "--out", "{out}", "--format", "parquet"), 2, "--format parquet needs --to FILE"),
    (("person", "nguyen manh hung", "--out", "{out}"), 2, "no tables in {out}"),
    (("show", "000_3aa00bf6687633dc", "--out", "{out}"), 2, "no tables in {out}"),
    (("stats", "--out", "{out}"), 2, "no tables in {out}"),
    (("schema", "--out", "{out}"), 2, "no tables in {out}"),
    (("schema", "--out", "{out}", "--write"), 2, "--out and --write do not go together"),
    (("export", "--out", "{out}", "--format", "xml"), 2, "unknown --format 'xml'; use one of conll, docbin, jsonl"),
    (("export", "--out", "{out}", "--format", "docbin"), 2, "--format docbin needs --to FILE.spacy"),
    (("evaluate", "{tmp}/khong-co.conll"), 2, "input not found: {tmp}/khong-co.conll"),
    (("evaluate", "README.md", "--map", "MISC"), 2, "--map takes THEIRS=OURS, not 'MISC'"),
]


def pytest_collection_modifyitems(items):
    for item in items:
        if END_TO_END_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def run_cli(*args: str, cwd: Path = REPO, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=900, **kwargs)


def run_ok(*args: str) -> str:
    """`vnextract run ARGS --quiet`, which must succeed; its stdout."""
    result = run_cli("run", *args, "--quiet")
    assert result.returncode == 0, result.stderr
    return result.stdout


def read(out: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(out / table)


def sample_records(n: int) -> list[dict]:
    """The first n records of the shipped Báo Mới sample (real Vietnamese news)."""
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    return records[:n]


def write_folder(folder: Path, records: list[dict]) -> Path:
    """One .txt file per record, named by its id."""
    folder.mkdir(parents=True, exist_ok=True)
    for r in records:
        (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    return folder


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def table_contents(out: Path) -> dict[str, list[dict]]:
    """Every table, rows sorted, as plain records: what two runs must agree on."""
    contents = {}
    for table in SCHEMAS:
        df = read(out, table)
        df = df.astype(str).sort_values(list(df.columns)).reset_index(drop=True)
        contents[table] = df.to_dict("records")
    return contents


SUMMARY_LINES = re.compile(
    r"(?P<documents>[\d,]+) documents · (?P<skipped>[\d,]+) unchanged · (?P<sentences>[\d,]+) sentences · "
    r"(?P<tokens>[\d,]+) tokens · (?P<errors>[\d,]+) errors · .*\n"
    r"(?P<input_records>[\d,]+) input records: (?P<in_documents>[\d,]+) in documents, (?P<in_errors>[\d,]+) in "
    r"errors \((?P<committed>[\d,]+) documents in the output\)(?:; (?P<warnings>[\d,]+) processed with warnings)?")


def run_summary(stdout: str) -> dict[str, int]:
    """The counts of `vnextract run`'s two summary lines, by name (warnings: 0 when not printed)."""
    match = SUMMARY_LINES.search(stdout)
    assert match, f"no run summary in: {stdout!r}"
    return {name: int((value or "0").replace(",", "")) for name, value in match.groupdict().items()}


def assert_clear_error(stderr: str, *expected: str) -> str:
    """One line on stderr, no traceback, naming everything in `expected`; the line."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr and len(lines) == 1, stderr
    for text in expected:
        assert text in lines[0], (text, lines[0])
    return lines[0]


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_record():
    """The seed article as the pipeline reads it: normalized and segmented into sentences and tokens."""
    from pipeline.core.records import RawDocument
    from pipeline.inputs.normalize import normalize_document
    from pipeline.text.segment import segment_document

    return segment_document(normalize_document(RawDocument("seed", "seed.txt", SEED.read_text(encoding="utf-8"))))


ALL_STAGES = "all"


@lru_cache(maxsize=None)
def pipeline_until(stage: str | None):
    """The pipeline of every stage up to and including STAGE (None: the tokenizer only; ALL_STAGES:
    every one), built once per session."""
    from pipeline.nlp import STAGES, build_nlp

    names = [factory for _, factory in STAGES]
    if stage not in (None, ALL_STAGES, *names):
        raise ValueError(f"unknown stage {stage!r}; stages: {', '.join(names)}")
    return build_nlp(STAGES if stage == ALL_STAGES else STAGES[:names.index(stage) + 1] if stage else ())


@pytest.fixture(scope="session")
def nlp():
    """The whole pipeline (every component), built once for the session. Tests must not change it."""
    return pipeline_until(ALL_STAGES)


@pytest.fixture(scope="session")
def run_until():
    """The spaCy-component harness: `run_until("vi_places", text)` is the doc after every stage up
    to vi_places (its `doc._.record` holds what they found)."""
    return lambda stage, text: pipeline_until(stage)(text)


@pytest.fixture(scope="session")
def small_out(tmp_path_factory) -> Path:
    """The hand-built output of tests/small_output.py, as Parquet tables (no sentences, tokens, …)."""
    out = tmp_path_factory.mktemp("small-out")
    for table, rows in small_output_tables().items():
        (out / table).mkdir()
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]), out / table / "part-00000.parquet")
    return out


SHORT_RECORDS = sorted(sample_records(20), key=lambda r: len(r["text"]))[:8]  # the 8 shortest sample articles


@pytest.fixture(scope="session")
def clean_contents(tmp_path_factory) -> dict[str, list[dict]]:
    """The tables of a clean run over SHORT_RECORDS (one .txt file each): what an interrupted run and
    the run that goes on after it must end with."""
    folder = write_folder(tmp_path_factory.mktemp("clean-run") / "in", SHORT_RECORDS)
    run_ok(str(folder), "--out", str(folder.parent / "out"), "--workers", "1")
    return table_contents(folder.parent / "out")


@pytest.fixture(scope="session")
def default_run(tmp_path_factory) -> Path:
    """The README's main job: data/raw → tables."""
    out = tmp_path_factory.mktemp("default-run")
    result = run_cli("run", "data/raw", "--out", str(out), "--quiet", "--workers", "2")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def gold_run(tmp_path_factory) -> Path:
    """The gold dev documents run through the CLI (skipped only where ../shared is absent)."""
    if not (SHARED / "gold" / "dev").exists():
        pytest.skip("../shared/gold/dev not available")
    tmp = tmp_path_factory.mktemp("gold-run")
    subprocess.run([sys.executable, str(SHARED / "tools" / "goldeval.py"), "input", "--gold",
                    str(SHARED / "gold" / "dev"), "--out", str(tmp / "gold.jsonl")], check=True, capture_output=True)
    result = run_cli("run", str(tmp / "gold.jsonl"), "--out", str(tmp / "out"), "--quiet", "--workers", "1")
    assert result.returncode == 0, result.stderr
    return tmp / "out"
