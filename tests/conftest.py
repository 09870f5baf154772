"""Shared fixtures and helpers: the seed document, one pipeline, the sample records, real pipeline
runs over the default input and the gold documents, and the checks every end-to-end test makes.

Tests that run the whole pipeline end to end are marked `slow` (here, by the fixtures they use,
or in their module): `pytest -m "not slow"` is the fast inner loop; CI runs everything.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.store.tables import SCHEMAS

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = next((REPO / "data" / "raw").glob("000_*.txt"))
SAMPLE = REPO / "data" / "raw" / "samples" / "baomoi_sample.jsonl"
END_TO_END_FIXTURES = {"default_run", "gold_run", "hostile_run"}


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
def nlp():
    """The whole pipeline (every component), built once for the session."""
    from pipeline.nlp import build_nlp

    return build_nlp()


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
