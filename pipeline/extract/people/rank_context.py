"""When a rank word is no person's rank: what is written right before it says so.

resources/not_rank_before.tsv lists three kinds of context:
- inside: the rank word ends another word ("Thủ tướng" is the Prime Minister, not a general),
  matched however the text spaces or misspells it ("Bình.Thủ tướng", "T hủ tướng", "Phó Trủ tướng");
- vessel: a ship named after an officer ("tàu sân bay Đô đốc Kuznetsov"), optionally with one
  modifier between ("tàu chống ngầm lớn Phó Đô đốc Kulakov", "khinh hạm lớp Đô đốc Grigorovich"),
  unless the words name no ship ("doanh nghiệp đóng tàu Đại tá X": a caption run into a sentence);
- role: a film or stage part ("vai đại úy", "nhân vật đại tá Yoo").
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.core.resource_files import read_table
from pipeline.text.lexical import phrase_alternation

_LOOKBACK = 60  # characters before a rank word that the contexts are looked for in


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, re.Pattern], re.Pattern, re.Pattern, re.Pattern]:
    """(rank first word -> the word(s) before it that it ends, vessel, not a vessel, role context);
    each anchored at the end of the text before the rank word."""
    by_kind: dict[str, list[str]] = {}
    for phrase, kind in read_table("not_rank_before.tsv"):
        by_kind.setdefault(kind, []).append(phrase.casefold())
    inside: dict[str, list[str]] = {}
    for phrase in by_kind.get("inside", []):
        *before, last = phrase.split()
        inside.setdefault(last, []).append(" ".join(before))
    # Inside a word: any spacing, even none, between its syllables; no letter before it.
    inside_res = {last: re.compile(r"(?<!\w)(?:" + phrase_alternation(prefixes, r"\s*") + r")\s*$", re.IGNORECASE)
                  for last, prefixes in inside.items()}
    vessel_re = re.compile(r"(?<!\w)(?:" + phrase_alternation(by_kind.get("vessel", []), " ") + r")"
                           r"(?: (?:" + phrase_alternation(by_kind.get("vessel_modifier", []), " ") + r"))? $",
                           re.IGNORECASE)
    not_vessel_re, role_re = (re.compile(r"(?<!\w)(?:" + phrase_alternation(by_kind.get(kind, []), " ") + r") $",
                                         re.IGNORECASE) for kind in ("not_vessel", "role"))
    return inside_res, vessel_re, not_vessel_re, role_re


def inside_a_word(text: str, start: int, first_word: str) -> bool:
    """The rank word at `start` (its first word `first_word`) ends another word: "Thủ tướng"."""
    pattern = _patterns()[0].get(first_word.casefold())
    return pattern is not None and pattern.search(text, max(0, start - _LOOKBACK), start) is not None


def names_a_thing(text: str, start: int) -> bool:
    """The rank word at `start` begins the name of a ship or of a film role, not a person's rank."""
    _, vessel_re, not_vessel_re, role_re = _patterns()
    window = max(0, start - _LOOKBACK)
    if vessel_re.search(text, window, start) is not None and not_vessel_re.search(text, window, start) is None:
        return True
    return role_re.search(text, window, start) is not None
