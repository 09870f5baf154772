"""Foreign organization names after a lower-case description (`resources/foreign_name_cues.txt`):
"tờ Daily Record", "báo Süddeutsche Zeitung", "hãng tin Associated Press", "các công ty như Samsung,
Toyota và Honda". The name is the run of capitalised words with no Vietnamese syllable (1 to 4 words,
not followed by another capitalised word); the description is not part of it, as in "Theo Reuters".
A well-known name (`organizations_known.tsv`) keeps what the stage read for it ("báo Infonet").
A list after "như", "là" or "gồm" (", " and "và" between names) shares the description. A company's
description may go on in lower case before its name ("công ty bảo hiểm điện tử SquareTrade", "công ty
cung cấp dịch vụ sửa điện thoại Fruit Fixed"), never across a function word ("công ty này cho biết X")."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.core.normal_form import is_vietnamese_syllable
from pipeline.core.records import Mention
from pipeline.core.resource_files import read_list
from pipeline.extract.gazetteer import is_country
from pipeline.extract.organizations.lexicon import known_organizations
from pipeline.text.lexical import phrase_alternation, phrase_key, vietnamese_words

_WORD = r"[A-Z][\w'’.&-]*"
_NAME = rf"{_WORD}(?: {_WORD}){{0,3}}"


@lru_cache(maxsize=1)
def _cue_re() -> re.Pattern[str]:
    alternation = phrase_alternation(line.casefold() for line in read_list("foreign_name_cues.txt"))
    return re.compile(rf"(?<![\w])(?P<cue>{alternation})\s+(?:(?P<listed>như|là|gồm)\s+)?(?P<name>{_NAME})(?![\w])")


def _foreign(name: str) -> bool:
    words = [w.rstrip(".") for w in name.split()]
    return bool(words) and all(w and not is_vietnamese_syllable(w) for w in words) and not name.isupper()


def _mention(text: str, start: int, name: str) -> Mention | None:
    name = name.rstrip(".")
    end = start + len(name)
    if not _foreign(name) or (end < len(text) and re.match(r" [A-ZĐ]", text[end:end + 2])) or is_country(name):
        return None  # a Vietnamese word in it, the run goes on, or a country ("công ty Singapore này")
    known = _known(name)
    return Mention(start, end, name, "ORG", known[0] if known else name)


def _known(name: str) -> tuple[str, str] | None:
    """(canonical, kind) of a well-known name of organizations_known.tsv, else None."""
    return known_organizations()[0].get(phrase_key(name))


def is_known(mention: Mention) -> bool:
    return _known(mention.text) is not None


_COMPANY_RE = re.compile(rf"(?<![\w])(?:[Cc]ông ty|[Tt]ập đoàn|[Hh]ãng)(?P<words>(?: \w+){{1,8}}?) (?P<name>{_NAME})(?![\w])")
_NOT_IN_DESCRIPTION = frozenset("của cho là và với đã được sẽ đang nói biết này đó theo tại ở như các những tin "
                                "thông tấn truyền hình từ vào khi mà thì rằng".split())


def _described_companies(text: str) -> list[Mention]:
    out = []
    for m in _COMPANY_RE.finditer(text):
        words = m.group("words").split()
        if all(w.islower() and is_vietnamese_syllable(w) and w not in _NOT_IN_DESCRIPTION for w in words):
            found = _mention(text, m.start("name"), m.group("name"))
            if found is not None:
                out.append(found)
    return out


def foreign_names(text: str) -> list[Mention]:
    out: list[Mention] = _described_companies(text)
    for m in _cue_re().finditer(text):
        before = re.search(r"(\w+)\s+$", text[max(0, m.start() - 12):m.start()])
        if before and f"{before.group(1).casefold()} {m.group('cue').split()[0]}" in vietnamese_words():
            continue  # "nhà báo Graham Hunter", "lâu đài Windsor", "giấy tờ": the cue is part of a word
        first = _mention(text, m.start("name"), m.group("name"))
        if first is None:
            continue
        out.append(first)
        pos = first.end  # "các công ty như Samsung, Toyota và Honda"
        while m.group("listed") and (nxt := re.match(rf"(?:, | và )({_NAME})(?![\w])", text[pos:pos + 60])) is not None:
            listed = _mention(text, pos + nxt.start(1), nxt.group(1))
            if listed is None:
                break
            out.append(listed)
            pos = listed.end
    return out
