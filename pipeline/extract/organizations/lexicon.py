"""Lexicons of the organizations stage: heads, well-known names, name words (resources/*.tsv).

Loaded once per process; keys are syllable tuples of the lexical layer (`text.lexical.phrase_key`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.normal_form import is_vietnamese_syllable
from pipeline.core.resource_files import read_list, read_table
from pipeline.text.lexical import phrase_key


@dataclass(frozen=True, slots=True)
class Head:
    canonical: str
    kind: str
    flags: frozenset[str]
    short_alias: bool  # a 1–2 letter abbreviation: needs a real name after it


# ------------------------------------------------------------------ lexicons

@lru_cache(maxsize=1)
def free_name_words() -> dict[tuple[str, ...], int]:
    return {tuple(p.split()): 1 for p, free in read_table("org_name_words.tsv", header=True) if free == "1"}


@lru_cache(maxsize=1)
def heads_index() -> dict[str, list[tuple[tuple[str, ...], Head]]]:
    """first token text -> [(rest of the key, Head)], longest first. Rest compared case-folded
    for the canonical spelling, exactly for aliases."""
    index: dict[str, list[tuple[tuple[str, ...], Head]]] = {}
    for head, kind, aliases, flags in read_table("org_heads.tsv", header=True):
        flagset = frozenset(f for f in flags.split(",") if f)
        spellings = [(head, False)] + [(a, True) for a in aliases.split("|") if a]
        for spelling, is_alias in spellings:
            key = phrase_key(spelling)
            entry = Head(head, kind, flagset, is_alias and len(spelling) <= 2)
            rest = tuple(k if is_alias else k.lower() for k in key[1:])
            index.setdefault(key[0], []).append((rest, entry))
            if "lower" in flagset and not is_alias:
                index.setdefault(key[0].lower(), []).append((rest, entry))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


@lru_cache(maxsize=1)
def known_organizations() -> tuple[dict[tuple[str, ...], tuple[str, str]], dict[tuple[str, ...], str], dict[str, int]]:
    """(alias tokens -> (canonical, kind), case-folded tokens -> canonical for capital lines,
    first token (exact, and case-folded) -> longest alias starting with it)."""
    exact: dict[tuple[str, ...], tuple[str, str]] = {}
    folded: dict[tuple[str, ...], str] = {}
    for name, kind, aliases in read_table("organizations_known.tsv", header=True):
        for alias in [name, *(a.lstrip("=") for a in aliases.split("|") if a)]:
            key = phrase_key(alias)
            exact.setdefault(key, (name, kind))
            if len(key) >= 2:
                folded.setdefault(tuple(k.lower() for k in key), name)
    longest: dict[str, int] = {}
    for key in exact:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    for key in folded:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return exact, folded, longest


@lru_cache(maxsize=1)
def own_organization_names() -> dict[str, str]:
    """Aliases written "=Viettel" in organizations_known.tsv, names of their own (brands, nicknames,
    clubs' short names), case-folded -> the organization's canonical name (written_names.py)."""
    return {alias[1:].casefold(): name for name, _, aliases in read_table("organizations_known.tsv", header=True)
            for alias in aliases.split("|") if alias.startswith("=")}


def outlet_in_running_text(alias: tuple[str, ...], canonical: str) -> bool:
    """Outlet aliases such as "Tuổi Trẻ", "Nhân Dân" are ordinary words in running text; only names
    starting with a media head, long capital acronyms of agencies (TTXVN, VOV), or foreign names
    ("Reuters", "Bloomberg", "Daily Mail": no Vietnamese word) count there."""
    return alias[0] in ("Báo", "Đài", "Thông", "Tạp") or (
        len(alias) == 1 and alias[0].isupper() and len(alias[0]) >= 3 and not canonical.startswith("Báo")) or (
        len("".join(alias)) >= 3 and any(not is_vietnamese_syllable(w) for w in alias))


def surname_keys() -> frozenset[tuple[str, ...]]:
    return context_keys("name_syllable")


@lru_cache(maxsize=1)
def rank_phrases() -> frozenset[tuple[str, ...]]:
    """Military and police ranks as syllable keys, case-folded ("thượng tướng"): a rank after a name
    ("Bộ Công an Thượng tướng Tô Lâm") begins a person, never continues the organization."""
    return frozenset(tuple(w.casefold() for w in phrase_key(surface)) for surface, _ in read_table("ranks.tsv"))


@lru_cache(maxsize=1)
def position_phrases() -> frozenset[tuple[str, ...]]:
    """Position words of resources/positions.tsv as case-folded syllable keys ("ủy viên", "chủ tịch")."""
    return frozenset(tuple(w.casefold() for w in phrase_key(position)) for position, *_ in read_table("positions.tsv"))


@lru_cache(maxsize=1)
def learned_names() -> frozenset[tuple[str, ...]]:
    """Official names whose ending is written in lower case ("Cục Quản lý cạnh tranh"), learned
    from a corpus by tools/learn_organization_names.py: the syllables of each, as written."""
    return frozenset(phrase_key(name) for name, *_ in read_table("organizations_learned.tsv", header=True))


@lru_cache(maxsize=1)
def branch_attributive_before() -> frozenset[tuple[str, ...]]:
    """Words after which "hải quân Mỹ" names a thing, not the navy (resources/branch_attributive_before.txt)."""
    return frozenset(tuple(line.split()) for line in read_list("branch_attributive_before.txt"))


@lru_cache(maxsize=8)
def context_keys(wanted: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(w.split()) for w, role in read_table("place_context.tsv", header=True) if role == wanted)


@lru_cache(maxsize=1)
def head_names() -> dict[str, str]:
    return {head.lower(): head for head, *_ in read_table("org_heads.tsv", header=True)}
