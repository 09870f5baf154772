"""What a person's name looks like: capitalised syllables, a Vietnamese surname, foreign spelling.

A "run" is a maximal sequence of Title-case words separated by single spaces (hyphens and
apostrophes stay inside a word: "Kim Jong-un", "O'Brien"). ALL-CAPS words (abbreviations,
shouted headlines) never belong to a run, so an upper-case headline yields no names.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.core.normal_form import is_vietnamese_syllable, name_key
from pipeline.core.resource_files import read_table
from pipeline.extract.gazetteer import country_names
from pipeline.extract.surnames import is_surname


def _letters(test) -> str:
    """Latin letters (Basic, Latin-1, Extended-A/B, Vietnamese block) passing `test`, for a regex class."""
    ranges = (range(0x41, 0x250), range(0x1E00, 0x1F00))
    return "".join(re.escape(chr(c)) for r in ranges for c in r if chr(c).isalpha() and test(chr(c)))


UPPER = _letters(str.isupper)  # for use inside [...]
LOWER = _letters(str.islower)
_UP, _LOW = UPPER, LOWER
# Title-case word: one capital then lower-case letters (inner capital allowed: "McCain", "DeSantis"),
# or a single capital letter ("Nguyễn Văn A"). Unicode ranges cover Vietnamese letters.
NAME_WORD = (r"(?:[" + _UP + r"](?:[" + _LOW + r"]+(?:[" + _UP + r"][" + _LOW + r"]+)?)?"
             r"(?:['’-][" + _UP + _LOW + r"][" + _LOW + r"]*)*)")
RUN_RE = re.compile(r"(?<![\w@#/.-])" + NAME_WORD + r"(?: " + NAME_WORD + r")*(?![\w@/-])")
WORD_RE = re.compile(NAME_WORD)



@lru_cache(maxsize=1)
def _not_names() -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    phrases, words = set(), set()
    for text, kind in read_table("not_person_names.txt"):
        if kind == "phrase":
            phrases.add(tuple(text.casefold().split()))
        else:
            words.add(text)  # case-sensitive: "Theo" at a sentence start, not "theo"
    return frozenset(phrases), frozenset(words)


def is_name_word(word: str) -> bool:
    """False for capitalised function and company words that end a name run ("Theo", "Group")."""
    return word not in _not_names()[1]


def starts_with_non_name(words: list[str]) -> bool:
    """The run begins with a known non-person phrase: "Thái Bình Dương", "Đinh Dậu", "La Mã"."""
    folded = tuple(w.casefold() for w in words)
    return any(folded[:k] in _not_names()[0] for k in (2, 3, 4) if len(folded) >= k)


def is_foreign(words: list[str]) -> bool:
    return any(not is_vietnamese_syllable(w) for w in words)


def words_of(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the words of a run text[start:end] (runs are single-space separated)."""
    spans, i = [], start
    for w in text[start:end].split(" "):
        spans.append((i, i + len(w)))
        i += len(w) + 1
    return spans


def name_start_in_run(words: list[str], after_trigger: bool) -> int | None:
    """Index of the word where a person's name begins inside a capitalised run.

    The run may start with an organization or country that a position named first
    ("Quốc phòng Mỹ James Mattis", "UBND TP Hà Nội Nguyễn Đức Chung" leaves "Hà Nội Nguyễn Đức Chung").
    A foreign tail wins; otherwise the surname that leaves a 2–4 word name, preferring 3 words.
    None when no plausible split exists.
    """
    n = len(words)
    if n == 0:
        return None
    for k in (3, 2, 1):  # a country or province before the name: "Iran Hossein Dehqan", "Cà Mau Nguyễn Văn A"
        if n - k >= 2 and is_place(words[:k]):
            inner = name_start_in_run(words[k:], after_trigger)
            return None if inner is None else k + inner
    foreign = [not is_vietnamese_syllable(w) for w in words]
    if foreign[-1]:
        i = n - 1
        while i > 0 and foreign[i - 1] and n - i < 4:
            i -= 1
        if i > 0 and n - i == 1 and len(words[i - 1]) <= 4 and words[i - 1].isascii():
            i -= 1  # "Han Min-koo", "Moon Jae-in", "Park Hang-seo": short ascii given word
        elif i > 0 and n - i == 1 and is_surname(words[i - 1]):
            i -= 1  # "Điểu Kré", "Rơ Chăm Long": an ethnic-minority surname before a non-Kinh given name
        return i
    best, best_score = None, None
    for i, w in enumerate(words):
        length = n - i
        if not (2 <= length <= 4) or not is_surname(w):
            continue
        score = {3: 0, 4: 1, 2: 2}[length]
        if length == 4 and is_surname(words[i + 1]) and w.casefold() not in _honorific_words():
            score = 0  # two surnames: "Nguyễn Trần Duy Nhất", "Lê Hoàng Ngọc Phương", not "Trần Duy Nhất"
        if best_score is None or score < best_score:
            best, best_score = i, score
    if best is not None:
        return best
    if after_trigger and 1 <= n <= 4:
        return 0
    return None


@lru_cache(maxsize=1)
def _honorific_words() -> frozenset[str]:
    """One-word honorifics ("Ông", also a surname, starts "Ông Nguyễn Thiện Nhân" but is not part of it)."""
    return frozenset(surface.casefold() for surface, kind in read_table("honorifics.tsv")
                     if kind == "honorific" and " " not in surface)


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Place names from the places stage's lexicons (read only), to tell "Hà Nam" from a name."""
    names = set(country_names())
    for cells in read_table("places_vn.tsv", header=True):
        names.add(cells[0].casefold())
        names.update(a.strip().casefold() for a in cells[5].split("|") if a.strip())
    return frozenset(names)


def is_place(words: list[str]) -> bool:
    return " ".join(words).casefold() in _places()


# ------------------------------------------------------------------ linking within a document

def link_short_reference(name_words: list[str], start: int, people: dict, order: list[str]) -> str | None:
    """The full name a short reference ("ông Hùng", "Mạnh Hùng", "ông Trump", "ông Tập") at `start`
    stands for."""
    words = [name_key(w) for w in name_words]  # "ông Raul" stands for "Rául Castro"
    best = None
    for match_first in (False, True):
        for key in order:
            full = [name_key(w) for w in people[key]["words"]]
            if len(full) <= len(words):
                continue
            part = full[:len(words)] if match_first else full[-len(words):]
            if part != words:
                continue
            if match_first and is_surname(full[0]) and not is_foreign(people[key]["words"]) \
                    and len(full) > 2 and len(words) == 1 and full[0] not in ("tập",):
                continue  # "ông Nguyễn" is too vague for a Vietnamese name
            earlier = [s for s, _ in people[key]["spans"] if s < start]
            score = (bool(earlier), max(earlier) if earlier else -min(s for s, _ in people[key]["spans"]))
            if best is None or score > best[0]:
                best = (score, key)
        if best is not None:
            return best[1]
    return None


def _said_short(title: str) -> str:
    """"Chủ tịch tỉnh Yên Bái" is how headlines say "Chủ tịch Ủy ban nhân dân tỉnh Yên Bái"."""
    return title.casefold().replace("ủy ban nhân dân ", "")


_Y_AS_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")


def _within(short: list[str], long: list[str]) -> bool:
    """The words of `short` stand in `long` in order, from its first: "Đại sứ Israel" in "Đại sứ đặc mệnh
    toàn quyền Israel tại Việt Nam", one post written short and in full."""
    if len(short) < 3 or len(short) >= len(long) or short[0] != long[0]:
        return False
    rest = iter(long)
    return all(word in rest for word in short)


def dedupe_titles(titles: list[str]) -> list[str]:
    """Distinct titles in order of first appearance. A title goes when a fuller one says the same post:
    "Chính ủy" beside "Chính ủy Tổng cục X", "Chủ tịch tỉnh X" beside "Chủ tịch Ủy ban nhân dân tỉnh X",
    "Đại sứ Israel" beside "Đại sứ đặc mệnh toàn quyền Israel tại Việt Nam"; of two spellings ("Thượng
    nghị sỹ", "Thượng nghị sĩ") the first stays."""
    out: list[str] = []
    folded = [t.casefold().translate(_Y_AS_I) for t in titles]
    short = [_said_short(t) for t in folded]
    words = [f.split() for f in folded]
    for t, f, s, w in zip(titles, folded, short, words):
        fuller = any(f != g and (f in g or (s == h and len(f) < len(g)) or _within(w, v))
                     for g, h, v in zip(folded, short, words))
        if fuller or f in (o.casefold().translate(_Y_AS_I) for o in out):
            continue
        out.append(t)
    return out
