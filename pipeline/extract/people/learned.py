"""Short names the corpus attests as people (`resources/people_learned.tsv`, learned by
`tools/learn_person_names.py`): "Công Phượng", "Quang Hải", "Ronaldo" written with no cue.

A learned name counts where it is a whole capitalised run of a sentence ("Công Phượng ghi bàn",
"như Quang Hải, Đức Chinh"), or such a run after a capitalised function word ("Nhưng Messi ..."),
and is not part of an organization's or a place's name, nor right after a word that names a place,
a street or a work ("đường Trường Chinh"). It is read on the document's lexical layer.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterator, Sequence

from pipeline.core.resource_files import read_table
from pipeline.extract.gazetteer import is_country
from pipeline.extract.people.context import CREDIT_RE, context_words, cue_modifiers, foreign_given_names
from pipeline.extract.people.names import is_foreign, is_name_word, is_place
from pipeline.text.lexical import Syllable, adjacent, phrase_key

_JOINERS = frozenset({"-", "'", "’"})


@lru_cache(maxsize=1)
def learned_person_names() -> dict[tuple[str, ...], str]:
    """Syllable key -> the name as learned."""
    return {phrase_key(name): name for name, *_ in read_table("people_learned.tsv", header=True)}


@lru_cache(maxsize=1)
def _first_syllables() -> tuple[frozenset[str], tuple[int, ...]]:
    keys = learned_person_names()
    return frozenset(k[0] for k in keys), tuple(sorted({len(k) for k in keys}, reverse=True))


def _capitalised(s: Syllable) -> bool:
    return s.text[:1].isupper()


def _glued(a: Syllable, b: Syllable) -> bool:
    """One word goes on across a and b: "Storey-Moore", "Hydra-Matic", "Vietnam’s" (no space, and a
    hyphen, an apostrophe or a letter where they meet)."""
    return a.end == b.start and (a.text in _JOINERS or b.text in _JOINERS or (a.is_word and b.is_word))


def learned_name_spans(text: str, syllables: Sequence[Syllable], starts: Sequence[int],
                       regions: Sequence[tuple[int, int]], taken: Sequence[tuple[int, int]]
                       ) -> Iterator[tuple[int, int, str]]:
    """(start, end, learned name) of each learned name standing alone in a region, outside `taken`
    (`starts`: the syllables' start offsets, for the regions' bounds):
    syllables of the lexical layer that no capitalised word continues on either side (a function word
    may open the run: "Nhưng Messi")."""
    names = learned_person_names()
    if not names:
        return
    firsts, lengths = _first_syllables()
    place_words = context_words("not_person_before") | context_words("admin")
    for region_start, region_end in regions:
        for i in range(bisect.bisect_left(starts, region_start), bisect.bisect_left(starts, region_end)):
            if syllables[i].text not in firsts:
                continue
            prev = syllables[i - 1] if i > 0 and syllables[i - 1].start >= region_start else None
            if prev is not None and ((_capitalised(prev) and adjacent(text, prev, syllables[i])
                                      and (is_name_word(prev.text) or prev.text.isupper()))
                                     or _glued(prev, syllables[i])):
                continue  # inside a longer capitalised run ("USS Ronald Reagan": a ship), or a hyphenated word
            found = _name_at(text, syllables, i, region_end, names, lengths)
            if found is None:
                continue
            n, start, end = found
            before = [x.text.casefold() for x in syllables[max(0, i - 3):i]]
            modifier = any(tuple(before[-k:]) in cue_modifiers() for k in (2, 3) if len(before) >= k)
            if before and before[-1] in place_words and not modifier:
                continue  # "đường Trường Chinh", "giải Quang Hải"; not "nước chủ nhà Angela Merkel"
            if not any(s < end and start < e for s, e in taken) and not _credit_or_address(text, start, end):
                yield start, end, names[tuple(x.text for x in syllables[i:i + n])]


def _name_at(text: str, syllables: Sequence[Syllable], i: int, region_end: int, names, lengths
             ) -> tuple[int, int, int] | None:
    """(syllables, start, end) of the longest learned name at syllable i that ends the capitalised run."""
    for n in lengths:
        run = syllables[i:i + n]
        if len(run) < n or tuple(x.text for x in run) not in names or run[-1].end > region_end \
                or not all(adjacent(text, a, b) for a, b in zip(run, run[1:])):
            continue
        nxt = syllables[i + n] if i + n < len(syllables) else None
        if nxt is not None and ((_capitalised(nxt) and adjacent(text, run[-1], nxt)) or _glued(run[-1], nxt)):
            return None  # the run goes on: "Messi Junior", "Swift PG258Q", "Storey-Moore"
        return n, run[0].start, run[-1].end
    return None


def _credit_or_address(text: str, start: int, end: int) -> bool:
    """A photo credit or a signature ("Ảnh: Thu Hiền", "Ngọc Huyền - Theo Asiaone", "Thế Anh/VOV"), a
    street number ("270 Trường Chinh"), a company ("Johnson & Johnson"), or a vessel or a model with
    its number ("tàu lai Minh Hoàng 06")."""
    before, after = text[max(0, start - 24):start], text[end:end + 12]
    return bool(CREDIT_RE.search(before) or re.match(r"\s*(?:&|/|\d|-\s*(?:Theo|Nguồn)\b)", after)
                or re.search(r"(?:\d|&)\s$", before) or not after.strip())


def written_in_full(text: str, name: str) -> str | None:
    """The full foreign name a learned surname stands for where the document writes it, even in a run
    that a title or a country opens ("Thủ tướng Australia Malcolm Turnbull" for "Turnbull"): a known
    given name, or a full name the corpus attests, before the surname."""
    best = None
    for match in re.finditer(rf"((?:[^\W\d_][\w'’-]* ){{1,3}}){re.escape(name)}(?![\w])", text):
        words: list[str] = []
        for word in reversed(match.group(1).split()):  # the name words right before, up to a title or a place
            if not (word[:1].isupper() and not word.isupper() and is_name_word(word) and not is_place([word])
                    and not is_country(word)):
                break
            words.insert(0, word)
        for k in range(len(words)):  # the longest run of them that names the person
            full = [*words[k:], name]
            if len(full) <= 3 and is_foreign(full) and (
                    full[0] in foreign_given_names() or phrase_key(" ".join(full)) in learned_person_names()):
                if best is None or len(full) > len(best.split()):
                    best = " ".join(full)
                break
    return best
