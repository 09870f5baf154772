"""Shared fixtures: one real pipeline run over the default input and one over the gold documents."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = next((REPO / "data" / "raw").glob("000_*.txt"))


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=900)


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


def read(out: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(out / table)
