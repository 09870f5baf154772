"""Execute notebooks/who_appears_where.ipynb headless on an output folder and time it.

    python benchmarks/run_notebook.py /tmp/corpus_out

The figures land in <out>/figures/; the executed notebook is written next to them.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "data" / "processed").resolve()
    os.environ["VNEXTRACT_OUT"] = str(out)
    nb = nbformat.read(REPO / "notebooks" / "who_appears_where.ipynb", as_version=4)
    started = time.perf_counter()
    NotebookClient(nb, timeout=3600, kernel_name="python3", resources={"metadata": {"path": str(REPO)}}).execute()
    seconds = time.perf_counter() - started
    (out / "figures").mkdir(exist_ok=True)
    nbformat.write(nb, out / "figures" / "who_appears_where.executed.ipynb")
    figures = sorted(p.name for p in (out / "figures").glob("*.png"))
    print(f"notebook ran in {seconds:.1f} s on {out}; figures: {', '.join(figures)}")


if __name__ == "__main__":
    main()
