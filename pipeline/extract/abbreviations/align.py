"""Letter alignment between a short form and a candidate long form, adapted to Vietnamese.

Starts from Schwartz & Hearst (2003, "A simple algorithm for identifying abbreviation definitions
in biomedical text"): the long form ends right before the short form's parenthesis, its first word
starts with the short form's first letter, and the short form's letters are found in order in the
long form. What changes for Vietnamese:

- Vietnamese acronyms take one letter per syllable, so an UPPERCASE letter of the short form must
  match the first letter of a syllable (S&H also accept letters inside words, which in Vietnamese
  text lets almost any syllable run "define" a short form). A lowercase letter ("ThS", "TTg") may
  also match a later letter of the syllable the previous letter started.
- Letters compare on their base form: diacritics stripped, "Đ"/"đ" equal to "D" (and to "Đ").
  "W" also matches a syllable starting with "ư"/"u" ("TW" = "Trung ương").
- "&" in the short form stands for "và" / "&" / "and"; ".", "-" and "/" are separators.
- Syllables the short form leaves out may only be function words ("và", "của", "các", ...); the
  long form neither starts nor ends with one. Words before the first matched syllable stay outside
  ("Tổng cục Công nghiệp quốc phòng (CNQP)" defines CNQP = "Công nghiệp quốc phòng").
- A relaxed mode (any syllable may be skipped) is used only after an explicit cue such as
  "viết tắt là", where the document states that a definition follows.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

FUNCTION_WORDS = frozenset(
    "và của các những về với cho trong tại ở trên dưới the of and for in on to de la".split()
)
AND_WORDS = frozenset(("và", "&", "and"))

# Syllables (letters and digits) and a bare "&"; everything else is punctuation or space.
WORD_RE = re.compile(r"[^\W_]+|&")
# A well-formed Roman numeral ("II", "XIV", "XXI"): a congress or plenum number, not an acronym.
ROMAN_RE = re.compile(r"(?=[MDCLXVI])M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


class Word(NamedTuple):
    text: str
    start: int
    end: int


class Unit(NamedTuple):
    letter: str  # base letter ("d" for Đ), or "&"
    upper: bool


@lru_cache(maxsize=4096)
def base_letter(ch: str) -> str:
    """Lowercase letter without diacritics; "đ" → "d"."""
    if ch in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0].lower()


@lru_cache(maxsize=8192)
def short_units(short: str) -> tuple[Unit, ...] | None:
    """The letters of a short form, or None when it cannot be aligned (digits, too short)."""
    units = []
    for ch in short:
        if ch in ".-/ ":
            continue
        if ch == "&":
            units.append(Unit("&", True))
        elif ch.isalpha():
            units.append(Unit(base_letter(ch), ch.isupper()))
        else:
            return None
    if sum(u.letter != "&" for u in units) < 2 or units[0].letter == "&":
        return None
    return tuple(units)


def words_of(text: str, offset: int = 0) -> list[Word]:
    return [Word(m.group(), m.start() + offset, m.end() + offset) for m in WORD_RE.finditer(text)]


def _initial_matches(unit: Unit, word: str) -> bool:
    first = base_letter(word[0])
    if unit.letter == "w":
        return first in "uw"
    return first == unit.letter


def _align(units: tuple[Unit, ...], words: list[str], u: int, w: int, relaxed: bool) -> bool:
    """Do units[u:] account for words[w:] exactly (every word matched or skippable)?"""
    if w == len(words):
        return u == len(units)
    word = words[w]
    lower = word.lower()
    last_word = w == len(words) - 1
    if u < len(units):
        unit = units[u]
        if unit.letter == "&":
            if lower in AND_WORDS and _align(units, words, u + 1, w + 1, relaxed):
                return True
        elif _initial_matches(unit, word):
            # Lowercase units that follow may be letters inside the same syllable ("ThS", "TTg").
            if _align(units, words, u + 1, w + 1, relaxed):
                return True
            pos, k = 1, u + 1
            base = [base_letter(c) for c in word]
            while k < len(units) and not units[k].upper:
                try:
                    pos = base.index(units[k].letter, pos) + 1
                except ValueError:
                    break
                k += 1
                if _align(units, words, k, w + 1, relaxed):
                    return True
    skippable = (lower in FUNCTION_WORDS and not last_word) or (relaxed and not last_word)
    return skippable and _align(units, words, u, w + 1, relaxed)


def align_before(short: str, words: list[Word], relaxed: bool = False) -> int | None:
    """Index of the first word of the long form that ends with words[-1], or None.

    The nearest start that aligns wins (S&H's shortest long form): words before it stay outside.
    """
    units = short_units(short)
    if units is None or not words or ROMAN_RE.fullmatch(short):
        return None
    texts = [w.text for w in words]
    if texts[-1].lower() in FUNCTION_WORDS:
        return None
    n_letters = len(units)
    window = max(0, len(texts) - (2 * n_letters + 4 if relaxed else n_letters + 4))
    for s in range(len(texts) - 1, window - 1, -1):
        first = texts[s]
        if first.lower() in FUNCTION_WORDS or not _initial_matches(units[0], first):
            continue
        if _align(units, texts[s:], 0, 0, relaxed):
            return s
    return None


def align_whole(short: str, words: list[Word]) -> bool:
    """Does the whole word list spell the short form ("CTCP (Công ty cổ phần)")?"""
    units = short_units(short)
    if units is None or not words or ROMAN_RE.fullmatch(short):
        return False
    texts = [w.text for w in words]
    if texts[0].lower() in FUNCTION_WORDS or texts[-1].lower() in FUNCTION_WORDS:
        return False
    return _align(units, texts, 0, 0, False)


def fold_key(text: str) -> str:
    """Comparison key for long forms: casefold, no diacritics, single spaces, no punctuation."""
    return " ".join(
        "".join(base_letter(c) for c in m.group()) for m in WORD_RE.finditer(text.casefold())
    )
