"""Vietnamese surnames (resources/surnames_vi.txt): read by the people scanner, which starts an
untriggered name only at a surname, and by the organization parser, which ends a name where a
person's begins ("Bộ Công an Tô Lâm")."""
from __future__ import annotations

from functools import lru_cache

from pipeline.core.resource_files import read_list


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Case-folded surnames."""
    return frozenset(line.casefold() for line in read_list("surnames_vi.txt"))


def is_surname(word: str) -> bool:
    return word.casefold() in surnames()
