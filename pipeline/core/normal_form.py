"""The one normal form of Vietnamese text that every offset, lexicon entry and query compares in.

- Unicode NFC (Windows-1258 and macOS text arrive with combining tone marks).
- One tone-mark placement: the traditional one the seed uses ("hòa", "thủy", "ủy", "khỏe"), so old
  and new spellings of a word compare equal.
- Non-breaking, zero-width and other odd spaces; horizontal whitespace collapsed; newlines kept.
  A zero-width space or joiner between two syllables is a word boundary, so it becomes a space
  ("Đại\u200btá" → "Đại tá", not "Đạitá"); inside one syllable ("Ng\u200buyễn": "Ng" has no
  vowel) and anywhere else it is deleted, as are BOMs and soft hyphens.

Used by the normalize stage on documents and by the lexicon reader on every resource entry.
`name_key` is the form a person's name is compared and keyed in: the same, case-folded, with the
accents of its non-Vietnamese words dropped.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng


def _tone_moves() -> dict[str, str]:
    """New-style "oà, oé, uỷ" (tone on the second vowel) → traditional "òa, óe, ủy"."""
    moves = {}
    for pair in ("oa", "oe", "uy"):
        for tone in _TONES:
            for first, second in ((pair[0], pair[1]), (pair[0].upper(), pair[1].upper()),
                                  (pair[0].upper(), pair[1])):
                new = unicodedata.normalize("NFC", first + second + tone)
                old = unicodedata.normalize("NFC", first + tone + second)
                moves[new] = old
    return moves


_TONE_MOVES = _tone_moves()
# Only word-final pairs move ("hoàng", "khuyến" are the same in both styles); after "q" the "u"
# is part of the consonant ("quý", "quà"), so the tone already sits on the right vowel.
# (The look-ahead for the first letter lets the search pass over the other positions quickly.)
_TONE_RE = re.compile(r"(?=[oOuU])(?<![qQ])(" + "|".join(map(re.escape, _TONE_MOVES)) + r")(?!\w)")

_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# letters, zero-width space/joiner(s), letters: a boundary when both sides hold a vowel (a syllable)
_ZERO_WIDTH_BETWEEN_RE = re.compile("([^\\W\\d_]+)[\u200b\u200c\u200d\u2060]+(?=([^\\W\\d_]+))")
_ODD_SPACE_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_MULTI_SPACE_RE = re.compile(r" {2,}")
_LINE_EDGES_RE = re.compile(r"(?=[ \n])[ ]*\n[ ]*")
_MANY_NEWLINES_RE = re.compile(r"\n{4,}")
# Anything one of the steps below would change (NFC and the tone placement are checked apart): most
# short strings normalized are lexicon entries, names and keys already in normal form, and one
# search tells so in a third of the time the steps take. Whole documents never are (none of 1,000
# corpus articles): they go through the steps at once.
_NOT_NORMAL_RE = re.compile("[\r\u2028\u2029\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f"
                            "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]|  | \n|\n |\n\n\n\n")

def fold_tones(text: str) -> str:
    """Move word-final tone marks to the traditional vowel ("hoà" → "hòa", "thuỷ" → "thủy")."""
    return _TONE_RE.sub(lambda m: _TONE_MOVES[m.group(1)], text)


def _has_vowel(letters: str) -> bool:
    return any(unicodedata.normalize("NFD", ch.lower())[0] in "aeiouy" for ch in letters)  # "ư" = u + horn


def _syllable_boundary(m: re.Match) -> str:
    return m.group(1) + (" " if _has_vowel(m.group(1)) and _has_vowel(m.group(2)) else "")


def _in_normal_form(text: str) -> bool:
    """True when every step of `normalize_text` would leave text as it is."""
    return (not (text[:1].isspace() or text[-1:].isspace()) and unicodedata.is_normalized("NFC", text)
            and not _NOT_NORMAL_RE.search(text) and not _TONE_RE.search(text))


def normalize_text(text: str) -> str:
    """NFC, one tone style, clean whitespace. Safe for lexicon entries and queries too."""
    if len(text) < 500 and _in_normal_form(text):
        return text
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    if _ZERO_WIDTH_RE.search(text):
        text = _ZERO_WIDTH_RE.sub("", _ZERO_WIDTH_BETWEEN_RE.sub(_syllable_boundary, text))
    text = _CONTROL_RE.sub("", text)
    text = _ODD_SPACE_RE.sub(" ", text)
    text = fold_tones(text)
    text = _MULTI_SPACE_RE.sub(" ", text)
    text = _LINE_EDGES_RE.sub("\n", text)
    text = _MANY_NEWLINES_RE.sub("\n\n\n", text)
    return text.strip()


# ------------------------------------------------------------------ spelling of names

_ONSETS = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
_VIET_SYLLABLE_RE = re.compile(r"^" + _ONSETS + r"[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$")
_VIET_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}


@lru_cache(maxsize=65536)
def is_vietnamese_syllable(word: str) -> bool:
    """Spelled like a Vietnamese syllable ("Nguyễn", "Hùng"), unlike "Trump", "Putin", "Abe"."""
    if "-" in word or "'" in word or "’" in word:
        return False
    letters = []
    for ch in unicodedata.normalize("NFD", word.casefold()):
        if unicodedata.combining(ch):
            if ch not in _VIET_MARKS:
                return False
            continue
        letters.append("d" if ch == "đ" else ch)
    return _VIET_SYLLABLE_RE.match("".join(letters)) is not None


def name_key(name: str) -> str:
    """The key a person's name is compared by: normal form, case-folded, and the accents of its
    non-Vietnamese words dropped ("Rául Castro" = "Raul Castro"); a Vietnamese syllable keeps every
    mark, since "Thành" and "Thanh" are two names."""
    words = normalize_text(name).casefold().split(" ")
    return " ".join(w if is_vietnamese_syllable(w) else _without_accents(w) for w in words)


def _without_accents(word: str) -> str:
    return unicodedata.normalize("NFC", "".join(ch for ch in unicodedata.normalize("NFD", word)
                                                if not unicodedata.combining(ch)))
