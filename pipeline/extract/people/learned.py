"""Short names the corpus attests as people (`resources/people_learned.tsv`, learned by
`tools/learn_person_names.py`): "Công Phượng", "Quang Hải", "Ronaldo" written with no cue.

A learned name counts where it is a whole capitalised run of a sentence ("Công Phượng ghi bàn",
"như Quang Hải, Đức Chinh"), or such a run after a capitalised function word ("Nhưng Messi ..."), and is not part of an organization's or a place's name, nor right after
a word that names a place, a street or a work ("đường Trường Chinh").
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Sequence

from pipeline.core.resource_files import read_table
from pipeline.extract.people.context import CREDIT_RE, context_words, cue_modifiers, foreign_given_names
from pipeline.extract.gazetteer import is_country
from pipeline.extract.people.names import is_foreign, is_name_word, is_place
from pipeline.text.lexical import phrase_key

_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*|\S")


@lru_cache(maxsize=1)
def learned_person_names() -> dict[tuple[str, ...], str]:
    """Syllable key -> the name as learned."""
    return {phrase_key(name): name for name, *_ in read_table("people_learned.tsv", header=True)}


def learned_name_spans(text: str, regions: Sequence[tuple[int, int]],
                       taken: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """(start, end, learned name) of each learned name standing alone in a region, outside `taken`."""
    names = learned_person_names()
    if not names:
        return
    place_words = context_words("not_person_before") | context_words("admin")
    for region_start, region_end in regions:
        words = [(m.start() + region_start, m.end() + region_start, m.group())
                 for m in _WORD_RE.finditer(text[region_start:region_end])]
        i = 0
        while i < len(words):
            j = i
            while j < len(words) and words[j][2][:1].isupper() and words[j][2][0].isalpha() \
                    and (j == i or words[j][0] == words[j - 1][1] + 1):
                j += 1
            if j == i:
                i += 1
                continue
            first = i + 1 if j - i > 1 and not is_name_word(words[i][2]) else i  # "Nhưng Messi", "Theo Ronaldo"
            start, end = words[first][0], words[j - 1][1]
            name = names.get(phrase_key(text[start:end]))
            before = words[first - 1][2].casefold() if first > 0 else ""
            modifier = any(tuple(w[2].casefold() for w in words[max(first - n, 0):first]) in cue_modifiers()
                           for n in (2, 3))
            if before in place_words and not modifier:
                name = None  # "đường Trường Chinh", "giải Quang Hải"; not "nước chủ nhà Angela Merkel"
            if name and not any(s < end and start < e for s, e in taken) and not _credit_or_address(text, start, end):
                yield start, end, name
            i = j



def _credit_or_address(text: str, start: int, end: int) -> bool:
    """A photo credit or a signature ("Ảnh: Thu Hiền", "Ngọc Huyền - Theo Asiaone", "Thế Anh/VOV"), a
    street number ("270 Trường Chinh"), or a company ("Johnson & Johnson")."""
    before, after = text[max(0, start - 24):start], text[end:end + 12]
    return bool(CREDIT_RE.search(before) or re.match(r"\s*(?:&|/|-\s*(?:Theo|Nguồn)\b)", after)
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
