"""A person referred to by title alone: "Chủ tịch Quốc hội Myanmar đã hội đàm với …" after the article
has named "ngài Mahn Win Khaing Than, Chủ tịch Thượng viện kiêm Chủ tịch Quốc hội Myanmar".

A title with its organization (three words or more, not a former post) that one person of the document
holds stands for that person where the text writes it without a name after it. Only the events stage
reads these references: they make the person a subject or an object of the sentence's event verbs,
and the people tables stay as the text names them.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from pipeline.core.records import Appearance
from pipeline.extract.people.candidates import is_former

_MIN_WORDS = 3  # "Chủ tịch Quốc hội", "Bộ trưởng Bộ Quốc phòng": a post and its organization


def title_references(appearances: Sequence[Appearance], text: str,
                     taken: Iterable[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, person's name) of each title written without a name after it, outside `taken`."""
    holders: dict[str, set[str]] = {}
    for a in appearances:
        for title in a.titles:
            if len(title.split()) >= _MIN_WORDS and not is_former(title):
                holders.setdefault(title.casefold(), set()).add(a.name)
    spans = sorted(taken)
    out: list[tuple[int, int, str]] = []
    for title, names in holders.items():
        if len(names) != 1:
            continue  # two people hold it: the title alone says nothing
        pattern = r"\s+".join(map(re.escape, title.split()))
        for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE):
            start, end = m.span()
            if re.match(r"\s*(?:,\s*)?(?:[A-ZĐ]|\()", text[end:end + 4]):
                continue  # a name (or an aside) follows: the title cues it
            if any(s < end and start < e for s, e in spans):
                continue
            out.append((start, end, next(iter(names))))
    return sorted(out)
