"""Reading the lexicon files under `pipeline/resources/`: the file conventions in one place.

Every file is UTF-8 text. Lines starting with "#" are comments; blank lines are skipped. A list
(`.txt`) has one entry per line; a table (`.tsv`) has tab-separated cells and, where the caller
says so, a first row naming the columns. Entries are normalized with `normalize_text` (NFC, the
traditional tone placement, plain spaces), so lexicon spellings compare equal to document text.
Names are paths relative to the resources folder: "ranks.tsv", "dates/weekdays.tsv".
"""
from __future__ import annotations

from pathlib import Path

from pipeline.core.normal_form import normalize_text

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def content_lines(name: str) -> list[str]:
    """The file's lines without comments and blank lines (empty trailing cells kept)."""
    lines = (RESOURCES / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def read_list(name: str) -> list[str]:
    """One normalized entry per line."""
    return [normalize_text(line.strip()) for line in content_lines(name)]


def read_table(name: str, header: bool = False, width: int | None = None) -> list[list[str]]:
    """Rows of normalized cells; `header`: drop the first row (column names); `width`: pad or cut
    each row to that many cells, for files whose last columns may be left empty."""
    lines = content_lines(name)[1 if header else 0:]
    rows = [[normalize_text(cell) for cell in line.split("\t")] for line in lines]
    if width is not None:
        rows = [(row + [""] * width)[:width] for row in rows]
    return rows
