"""Names of their own: a document names a body by the fullest name it writes.

Most aliases are abbreviations or spellings of one canonical name ("Bộ QP", "Bộ Công thương"), and a
mention takes the canonical name. Some are names of their own: a brand ("Viettel"), a nickname ("Lầu
Năm Góc"), a club's short name ("Barca"), a country's formal name ("Hoa Kỳ", "Vương quốc Anh"). The
gold guidelines list a body once per document "in the fullest form the document uses", and a reader
of a report on Viettel expects "Viettel", not "Tập đoàn Công nghiệp - Viễn thông Quân đội". So in one
document the mentions of a body take the longest of the names it writes among the canonical one and
its own names (aliases written "=Viettel" in the resources, read by each stage's lexicon). A mention
renamed so keeps the canonical name in `refers_to`, which the tables carry for grouping ("Hoa Kỳ"
with "Mỹ"). News outlets have none: the guidelines name them with their head ("Báo Quân đội nhân
dân").
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from pipeline.core.normal_form import normalize_text
from pipeline.core.records import Mention


def prefer_written_names(mentions: Sequence[Mention], own_names: Mapping[str, str]) -> list[Mention]:
    """`mentions` with each body named by the fullest name the document writes for it. `own_names`:
    the stage's names of their own, case-folded -> the canonical name they stand for."""
    written: dict[tuple[str, str], set[str]] = {}  # (label, canonical) -> names written in the document
    for m in mentions:
        surface = normalize_text(m.text)
        is_own = own_names.get(surface.casefold()) == m.canonical
        written.setdefault((m.label, m.canonical), set()).add(surface if is_own else m.canonical)
    chosen = {key: max(names, key=lambda n: (len(n), n != key[1], n))
              for key, names in written.items() if len(names) > 1 or key[1] not in names}
    renamed = {key: name for key, name in chosen.items() if name != key[1]}
    return [_renamed(m, renamed) for m in mentions]


def _renamed(m: Mention, renamed: Mapping[tuple[str, str], str]) -> Mention:
    """`m` under the document's own name of its body, or of the body its name ends with: "Ban Chấp
    hành Trung ương Đoàn" in a document that writes "Trung ương Đoàn" and never the long form."""
    if (m.label, m.canonical) in renamed:
        return replace(m, canonical=renamed[(m.label, m.canonical)], refers_to=m.canonical)
    for (label, canonical), name in renamed.items():
        if label == m.label and m.canonical.endswith(" " + canonical) and name in normalize_text(m.text):
            return replace(m, canonical=m.canonical[:-len(canonical)] + name)
    return m
