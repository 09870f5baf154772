"""The lexical layer: a document's syllables with their kinds, computed once and read by every scanner.

underthesea's words (`text/tokenize.py`) shift with context, so the entity scanners match lexicons
on syllables instead: "Tổng cục Công nghiệp quốc phòng" is six syllables whatever the segmenter
makes of it. A syllable is a word of letters or digits, an abbreviation with inner & . - /
("GD&ĐT", "TP.HCM", "PC45") or one punctuation mark. Joined parts that are not all upper case are
split again ("Rịa-Vũng" → "Rịa", "-", "Vũng"; "hóa-Thể" likewise).

Each syllable has a coarse kind (CAP "Hà", ABBR "CNQP", NUM "26", LOWER "tướng", MIXED "iPhone",
PUNCT ",") and knows whether it stands in an ALL-CAPS line (a headline), where letter case says
nothing. The tokenize stage stores the layer on the record (`Document.syllables`); scanners given a
bare string (a test, a phrase) compute it with `syllables_of`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from pipeline.core.normal_form import fold_tones, normalize_text
from pipeline.core.resource_files import read_table
from pipeline.text.models import tokenizer_models

_SYLLABLE_RE = re.compile(r"\w+(?:[&.\-/]\w+)*|[^\w\s]")
_JOIN_RE = re.compile(r"[&.\-/]")
_PIECE_RE = re.compile(r"\w+|[^\w\s]")

# Syllable kinds
CAP, ABBR, NUM, LOWER, MIXED, PUNCT = "CAP", "ABBR", "NUM", "LOWER", "MIXED", "PUNCT"


class Syllable(NamedTuple):  # a tuple: a document has thousands, built far faster than a dataclass
    start: int
    end: int
    text: str
    kind: str
    caps_line: bool  # inside an ALL-CAPS line (headline): letter case says nothing there

    @property
    def is_word(self) -> bool:
        """Letters or digits, not punctuation."""
        return self.kind != PUNCT


@lru_cache(maxsize=200_000)  # the same words come back in every document
def syllable_kind(word: str) -> str:
    if not word[0].isalnum():
        return PUNCT
    if word.isdigit():
        return NUM
    if word.islower():
        return LOWER
    if word[0].isupper() and (len(word) == 1 or word[1:].islower()):
        return CAP
    if word.isupper() and len(word) >= 2:
        return ABBR
    return MIXED


# Lower-case Latin letters (Vietnamese included): a C-level count that rules most lines out
_LOWER_LATIN_RE = re.compile("[a-zß-öø-ÿ" + "".join(chr(c) for c in range(0x100, 0x250) if chr(c).islower())
                             + "".join(chr(c) for c in range(0x1E00, 0x1F00) if chr(c).islower()) + "]")


def caps_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines written mostly in capitals (at least 3 words, under 15% lower-case letters)."""
    spans, pos = [], 0
    lower_letters = _LOWER_LATIN_RE.findall
    for line in text.split("\n"):
        needed = 0.15 * len(line)
        # plainly lower case: at least 15% of all its characters; a prefix twice as long as that count
        # settles most lines without reading them whole
        if len(lower_letters(line, 0, int(2 * needed) + 1)) >= needed or len(lower_letters(line)) >= needed:
            pos += len(line) + 1
            continue
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 12 and line.count(" ") >= 2:
            lower = sum(c.islower() for c in letters)
            if lower < 0.15 * len(letters):
                spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def syllables_of(text: str) -> tuple[Syllable, ...]:
    """The lexical layer of `text`, left to right."""
    caps = caps_lines(text)
    syllables: list[Syllable] = []
    # findall + find beat finditer's match objects; tuple.__new__ skips Syllable's Python-level __new__
    append, kind_of, find, new_syllable = syllables.append, syllable_kind, text.find, tuple.__new__
    end = ci = 0
    for word in _SYLLABLE_RE.findall(text):
        start = find(word, end)  # the pattern skips white space only: the next match starts at its first hit
        end = start + len(word)
        in_caps = False
        if caps:
            while ci < len(caps) and caps[ci][1] < start:
                ci += 1
            in_caps = ci < len(caps) and caps[ci][0] <= start < caps[ci][1]
        kind = kind_of(word)
        if (kind != PUNCT and not word.isalnum() and _JOIN_RE.search(word)
                and not all(p.isupper() or p.isdigit() for p in _JOIN_RE.split(word))):
            for p in _PIECE_RE.finditer(word):
                append(Syllable(start + p.start(), start + p.end(), p.group(), kind_of(p.group()), in_caps))
        else:
            append(new_syllable(Syllable, (start, end, word, kind, in_caps)))
    return tuple(syllables)


# Inside a word, between letters and with no space: "O'Brien", "Kim Jong-un", "Rịa-Vũng", "T.Ư", "R&D"
_WORD_JOINERS = frozenset(".'’&-")
_NAME_WORD_RE = re.compile(r"\w+(?:[.'’&-]\w+)*|[^\w\s]")


def joined_words(text: str, syllables: Sequence[Syllable], starts: Sequence[int], start: int, end: int) -> list[Syllable]:
    """The words of text[start:end] as a name is read: the layer's syllables joined again across
    ' ’ . & - with no space ("O'Brien", "Kim Jong-un", "Rịa-Vũng"), and split at "/" ("PV/VOV.VN"
    is "PV", "/", "VOV.VN"). `starts`: the syllables' start offsets (for the search). Equal to
    splitting text[start:end] with the `_NAME_WORD_RE` pattern, without splitting it again."""
    first = bisect_left(starts, start)
    last = bisect_left(starts, end, first)
    if (first > 0 and syllables[first - 1].end > start) or (last > first and syllables[last - 1].end > end):
        return _split_words(text, start, end)  # a syllable runs over the edge: read the span itself
    words: list[Syllable] = []
    for syllable in syllables[first:last]:
        pieces = _split_words(syllable.text, 0, len(syllable.text), syllable.start, syllable.caps_line) \
            if "/" in syllable.text and len(syllable.text) > 1 else (syllable,)
        for piece in pieces:
            if (piece.kind != PUNCT and len(words) >= 2 and words[-1].text in _WORD_JOINERS
                    and words[-2].kind != PUNCT and words[-2].end == words[-1].start
                    and words[-1].end == piece.start):
                joined = words[-2]
                words[-2:] = [Syllable(joined.start, piece.end, text[joined.start:piece.end], joined.kind,
                                       joined.caps_line)]
            else:
                words.append(piece)
    return words


def name_word_texts(phrase: str) -> list[str]:
    """The words of a lexicon phrase as `joined_words` reads a document ("Không quân" → two)."""
    return _NAME_WORD_RE.findall(phrase)


def _split_words(text: str, start: int, end: int, offset: int = 0, caps_line: bool = False) -> list[Syllable]:
    return [Syllable(offset + m.start(), offset + m.end(), m.group(), syllable_kind(m.group()), caps_line)
            for m in _NAME_WORD_RE.finditer(text, start, end)]


def adjacent(text: str, a: Syllable, b: Syllable) -> bool:
    """b follows a within the same line, separated by at most one space."""
    gap = text[a.end:b.start]
    return gap == "" or gap == " "


@lru_cache(maxsize=8192)  # lexicon entries and short phrases, never documents
def phrase_key(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as the syllable texts a document would show: the key every lexicon uses."""
    return tuple(s.text for s in syllables_of(normalize_text(phrase)))


def phrase_alternation(phrases: Iterable[str], joiner: str = r"\s+") -> str:
    """A regex alternation of lexicon phrases, the longest first (so "hội nghị thượng đỉnh" wins over
    "hội nghị"), their words joined by `joiner` (any spacing, by default)."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(joiner.join(map(re.escape, p.split())) for p in ordered)


@lru_cache(maxsize=1)
def vietnamese_words() -> frozenset[str]:
    """Multi-syllable Vietnamese words (lower case), from underthesea's word-segmentation dictionary
    plus the organization name words; tells "Giáo dục" (one word) from "Bộ trưởng"."""
    words = set(tokenizer_models().dictionary_words)  # folded once, kept in the model cache
    words.update(p for p, _ in read_table("org_name_words.tsv", header=True))
    return frozenset(words)
