"""Names of their own: a document names a body by the fullest name it writes.

Most aliases are abbreviations or spellings of one canonical name ("Bộ QP", "Bộ Công thương"), and a
mention takes the canonical name. Some are names of their own: a brand ("Viettel"), a nickname ("Lầu
Năm Góc"), a club's short name ("Barca"), a country's formal name ("Hoa Kỳ", "Vương quốc Anh"). The
gold guidelines list a body once per document "in the fullest form the document uses", and a reader
of a report on Viettel expects "Viettel", not "Tập đoàn Công nghiệp - Viễn thông Quân đội". So in one
document the mentions of a body take the longest of the names it writes among the canonical one and
its own names (resources: aliases written "=Viettel"). A mention renamed so keeps the canonical name
in `refers_to`, which the tables carry for grouping ("Hoa Kỳ" with "Mỹ"). News outlets have none:
the guidelines name them with their head ("Báo Quân đội nhân dân").
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from pipeline.core.normal_form import normalize_text
from pipeline.core.records import Mention
from pipeline.core.resource_files import read_table
from pipeline.extract.gazetteer import country_rows


@lru_cache(maxsize=1)
def _own_names() -> dict[tuple[str, str], str]:
    """(label, case-folded own name) -> canonical name of the body."""
    table = {("ORG", alias[1:].casefold()): name
             for name, _, aliases in read_table("organizations_known.tsv", header=True)
             for alias in aliases.split("|") if alias.startswith("=")}
    table.update({("LOC", own.casefold()): row.name for row in country_rows() for own in row.own_names})
    return table


def prefer_written_names(mentions: Sequence[Mention]) -> list[Mention]:
    """`mentions` with each body named by the fullest name the document writes for it."""
    own = _own_names()
    written: dict[tuple[str, str], set[str]] = {}  # (label, canonical) -> names written in the document
    for m in mentions:
        surface = normalize_text(m.text)
        key = (m.label, m.canonical)
        is_own = own.get((m.label, surface.casefold())) == m.canonical
        written.setdefault(key, set()).add(surface if is_own else m.canonical)
    chosen = {key: max(names, key=lambda n: (len(n), n != key[1], n))
              for key, names in written.items() if len(names) > 1 or key[1] not in names}
    return [replace(m, canonical=chosen[(m.label, m.canonical)], refers_to=m.canonical)
            if chosen.get((m.label, m.canonical), m.canonical) != m.canonical else m
            for m in mentions]
