"""Shortened names: a body named in full once is often named by the start of that name later.

"Sở Văn hóa Thể thao TP.Hà Nội" in the lead, then "lãnh đạo Sở Văn hóa" and "Sở Văn hóa Thể thao" in
the body; "Bệnh viện Đa khoa tỉnh Hòa Bình", then "Bệnh viện Đa khoa" and "Bệnh viện đa khoa Hòa Bình".
The guidelines list a body once, "the fullest form the document uses", so these mentions take the full
name. Two readings are safe enough to apply:
- a name with and without the administrative word before its place ("… Hòa Bình" / "… tỉnh Hòa Bình")
  is one name, the one with the word;
- a name that is the start of exactly one longer name of the document, the longer one going on to a
  Vietnamese place ("Sở Văn hóa" → "Sở Văn hóa Thể thao thành phố Hà Nội"), is that name. A longer name
  ending in a foreign country is another body ("Bộ Quốc phòng" / "Bộ Quốc phòng Mỹ"), and with two
  longer names ("Bệnh viện đa khoa Quế Võ", "Bệnh viện đa khoa tỉnh Bắc Ninh") the short one stays.
  A well-known body keeps its name ("VNPT" is not its branch "VNPT Đà Nẵng"), and so does a name with
  no organization head ("Samsung" is not "Samsung Việt Nam").
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from pipeline.core.records import Mention
from pipeline.extract.gazetteer import ADMINISTRATIVE_WORDS, gazetteer
from pipeline.extract.organizations.lexicon import head_names, known_organizations
from pipeline.text.lexical import phrase_key

def _without_admin_words(name: str) -> str:
    """"bệnh viện đa khoa tỉnh hòa bình" -> "bệnh viện đa khoa hòa bình" (case-folded)."""
    words = name.casefold().split()
    out: list[str] = []
    i = 0
    while i < len(words):
        two = " ".join(words[i:i + 2])
        if two in ADMINISTRATIVE_WORDS and i + 2 < len(words):
            i += 2
            continue
        if words[i] in ADMINISTRATIVE_WORDS and i + 1 < len(words):
            i += 1
            continue
        out.append(words[i])
        i += 1
    return " ".join(out)


def _ends_with_vietnamese_place(words: list[str]) -> bool:
    free, prefixed = gazetteer()
    for n in range(min(4, len(words)), 0, -1):
        entry = free.get(phrase_key(" ".join(words[-n:]))) or prefixed.get(phrase_key(" ".join(words[-n:])))
        if entry is not None:
            return entry.domestic or entry.canonical == "Việt Nam"
    return False


def _may_be_short(name: str) -> bool:
    """A name that may stand for a longer one: it starts with a head and is no well-known body."""
    words = name.casefold().split()
    has_head = any(" ".join(words[:n]) in head_names() for n in range(1, min(4, len(words)) + 1))
    return has_head and name not in _known_names()


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    return frozenset(canonical for canonical, _ in known_organizations()[0].values())


def complete_short_forms(mentions: Sequence[Mention]) -> list[Mention]:
    """`mentions` with the ORG mentions of a shortened name given the document's full name."""
    names = sorted({m.canonical for m in mentions if m.label == "ORG"}, key=lambda n: (-len(n), n))
    # one name with and without its administrative word: the fuller spelling
    with_admin: dict[str, set[str]] = {}
    for name in names:
        key = _without_admin_words(name)
        if key != name.casefold():
            with_admin.setdefault(key, set()).add(name.casefold())
    full_of = {}
    for name in names:  # only a name without the word takes it, and only one way ("tỉnh" or "thành phố")
        spelled = with_admin.get(name.casefold(), set())
        full_of[name] = next(n for n in names if n.casefold() == min(spelled)) if len(spelled) == 1 else name
    distinct = sorted(set(full_of.values()), key=lambda n: (-len(n), n))
    for name in distinct:
        if not _may_be_short(name):
            continue
        longer = [other for other in distinct
                  if other.casefold().startswith(name.casefold() + " ")
                  and _ends_with_vietnamese_place(other[len(name):].split())]
        if len({other.casefold() for other in longer}) == 1:  # one name, however it is capitalised
            for short, full in full_of.items():
                if full == name:
                    full_of[short] = full_of[longer[0]]  # longer names were settled first
    # "Phòng CSGT Công an tỉnh Sơn La": a short name right before another name is that one's unit
    starts = {m.start for m in mentions if m.label in ("ORG", "LOC")}
    return [replace(m, canonical=full_of[m.canonical])
            if m.label == "ORG" and full_of.get(m.canonical, m.canonical) != m.canonical
            and not starts & {m.end + 1, m.end + 2} else m
            for m in mentions]
