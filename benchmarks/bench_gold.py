"""Score the pipeline on annotated sets with ../shared/tools/goldeval.py.

    python benchmarks/bench_gold.py                          # ../shared/gold/dev and benchmarks/gold_internal
    python benchmarks/bench_gold.py --gold some/other/gold

For each gold folder: write its texts as JSONL, run `vnextract run` over them into a temporary
folder, and print goldeval's table.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLDEVAL = REPO.parent / "shared" / "tools" / "goldeval.py"
DEFAULT_SETS = [REPO.parent / "shared" / "gold" / "dev", REPO / "benchmarks" / "gold_internal"]


def score(gold: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        inputs, out = Path(tmp) / "gold.jsonl", Path(tmp) / "out"
        subprocess.run([sys.executable, str(GOLDEVAL), "input", "--gold", str(gold), "--out", str(inputs)],
                       check=True, capture_output=True)
        subprocess.run([sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(out), "--quiet"],
                       cwd=REPO, check=True, capture_output=True)
        return subprocess.run([sys.executable, str(GOLDEVAL), "score", "--gold", str(gold), "--pred", str(out)],
                              check=True, capture_output=True, text=True).stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, action="append", help="gold folder(s); default: dev and internal")
    for gold in ap.parse_args().gold or DEFAULT_SETS:
        print(f"== {gold}")
        print(score(gold))


if __name__ == "__main__":
    main()
