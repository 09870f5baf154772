"""Reading the lexicon files under `pipeline/resources/`: the file conventions in one place.

Every file is UTF-8 text. Lines starting with "#" are comments; blank lines are skipped. A list
(`.txt`) has one entry per line; a table (`.tsv`) has tab-separated cells and, where the caller
says so, a first row naming the columns. Entries are normalized with `normalize_text` (NFC, the
traditional tone placement, plain spaces), so lexicon spellings compare equal to document text.
Names are paths relative to the resources folder: "ranks.tsv", "dates/weekdays.tsv".

A user's own folder can stand over the packaged one (`vnextract run --resources DIR`, or the
environment variable VNEXTRACT_RESOURCES, read when a lexicon is first loaded in a process): a file
there replaces the packaged file of the same name, the others stay as shipped. The run's
fingerprint covers the files in use, so a changed lexicon reprocesses the documents.
"""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.core.normal_form import normalize_text

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
USER_RESOURCES_VARIABLE = "VNEXTRACT_RESOURCES"


def user_resources() -> Path | None:
    folder = os.environ.get(USER_RESOURCES_VARIABLE)
    return Path(folder) if folder else None


def resource_path(name: str) -> Path:
    """The file in use for `name`: the user's, when their folder has it, else the packaged one."""
    user = user_resources()
    if user is not None and (user / name).is_file():
        return user / name
    return RESOURCES / name


def files_in_use() -> list[tuple[str, Path]]:
    """(name, path) of every resource file in use, sorted by name: what a run's fingerprint covers."""
    names = {str(p.relative_to(RESOURCES)) for p in RESOURCES.rglob("*") if p.is_file()}
    user = user_resources()
    if user is not None and user.is_dir():
        names |= {str(p.relative_to(user)) for p in user.rglob("*") if p.is_file()}
    return [(name, resource_path(name)) for name in sorted(names)]


def content_lines(name: str) -> list[str]:
    """The file's lines without comments and blank lines (empty trailing cells kept)."""
    lines = resource_path(name).read_text(encoding="utf-8").splitlines()
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


def read_kinds(name: str, width: int) -> dict[str, list[list[str]]]:
    """A table whose first column says what each row is (its header dropped): kind -> the rows of
    that kind in file order, each without its kind, `width` - 1 cells."""
    kinds: dict[str, list[list[str]]] = {}
    for kind, *cells in read_table(name, header=True, width=width):
        kinds.setdefault(kind, []).append(cells)
    return kinds
