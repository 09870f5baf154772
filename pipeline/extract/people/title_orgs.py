"""The organization part of a title: where it ends, and a diplomat's country and post.

- `trim_organization`: a person's name is cut off the organization read after a position ("Bộ Công
  an Tô Lâm"; "Phó Thủ tướng Campuchia Men Sam An"; "Chủ tịch UBND TP Nguyễn Đức Chung"), a well-known
  name is kept whole ("Chủ tịch Alibaba Jack Ma").
- `posting_after`: the place or body a diplomat is posted to (" tại Mỹ", " tại Liên hợp quốc").
- `diplomat_country`: the country a diplomat serves, written " của Việt Nam" before the post.
- `bracketed_parent`: the parent written in brackets after a unit and its code: "Trưởng Phòng cảnh sát
  hình sự (PC45, Công an tỉnh Hưng Yên)" is the head of that department of that provincial police.
"""
from __future__ import annotations

import re

from pipeline.extract.abbreviations.unit_codes import code_re
from pipeline.extract.gazetteer import is_country
from pipeline.extract.organizations.component import organization_at
from pipeline.extract.organizations.lexicon import known_organizations
from pipeline.extract.people.context import context_words
from pipeline.extract.people.names import is_foreign, is_place, name_start_in_run, words_of
from pipeline.extract.people.titles import expand
from pipeline.extract.surnames import is_surname
from pipeline.text.lexical import phrase_key


def diplomat_country(scanner, end: int) -> tuple[int, int, str] | None:
    """(start, end, name) of the country a diplomat serves, written " của Việt Nam" and followed by
    the post (" tại Liên hợp quốc"), which the caller adds."""
    if not scanner.text.startswith(" của ", end):
        return None
    pos = end + len(" của ")
    words = words_of(scanner.text, pos, min(len(scanner.text), pos + 30))[:3]
    for n in range(len(words), 0, -1):
        country_end = words[n - 1][1]
        if scanner.text.startswith(" tại ", country_end) and is_country(scanner.text[pos:country_end]):
            return pos, country_end, scanner.text[pos:country_end]
    return None


def posting_after(scanner, end: int) -> tuple[int, str] | None:
    """(end, name) of the place or organization a diplomat is posted to: " tại Mỹ", " tại Liên hợp quốc"."""
    if not scanner.text.startswith(" tại ", end):
        return None
    pos = end + len(" tại ")
    clause = re.match(r"[^,.;:()\n]*", scanner.text[pos:pos + 60]).group(0).rstrip()
    words = words_of(scanner.text, pos, pos + len(clause))[:4] if clause else []
    for n in range(len(words), 0, -1):
        place_end = words[n - 1][1]
        if is_place(scanner.text[pos:place_end].split(" ")):
            return place_end, scanner.text[pos:place_end]
    mention = organization_at(scanner.text, scanner.organizations, pos)
    if mention is not None and mention.start == pos:
        return mention.end, mention.canonical
    return None


def trim_organization(scanner, start: int, end: int, canonical: str, k: int):
    """Cut a person's name (and what follows it) off an organization ("Bộ Công an Tô Lâm"); a
    well-known name as a whole ("Chủ tịch Alibaba Jack Ma") holds no person's name."""
    if known_organizations()[0].get(phrase_key(scanner.text[start:end])):
        return start, end, canonical
    i = scanner.index_at(start, k)
    j = i
    while j < len(scanner.toks) and scanner.toks[j].end <= end:
        j += 1
    # "Phó Thủ tướng Campuchia Men Sam An", "Chủ tịch Thượng viện Myanmar Mahn Win Khaing Than":
    # after a country, two or more capitalised words to the end are the person's name
    words_end = j
    while words_end > i and not scanner.toks[words_end - 1].is_word:
        words_end -= 1  # "... Men Sam An." at the end of the sentence
    for c in range(i, words_end - 2):
        for n in (3, 2, 1):
            if c + n + 2 <= words_end and is_country(" ".join(t.text for t in scanner.toks[c:c + n])) \
                    and all(t.is_word and t.text[:1].isupper() for t in scanner.toks[c + n:words_end]):
                country_end = scanner.toks[c + n - 1].end
                return start, country_end, expand(scanner.text[start:country_end], scanner.defs)
    r = i
    while r < j:
        full_end = scanner.title_run(r)  # the run may go on past the organization: "Công Thương Trần Tuấn | Anh"
        run_end = min(full_end, j)
        if run_end == r:
            r += 1
            continue
        words = [t.text for t in scanner.toks[r:full_end]]
        split = name_start_in_run(words, after_trigger=False)
        if split is not None and r + split < j \
                and not is_country(" ".join(t.text for t in scanner.toks[r + split:j])):  # "Quốc hội Myanmar"
            name = words[split:]
            cut = r + split
            before = scanner.toks[cut - 1].text.casefold() if cut > i else ""
            # after "TP" / "huyện" a place may bear a person's name, but not a full one no gazetteer
            # knows: "Chủ tịch UBND TP Nguyễn Đức Chung"
            admin_place = before in context_words("admin") and not (len(name) >= 3 and is_surname(name[0]))
            if is_foreign(name) or not (is_place(name) or admin_place
                                        or (len(name) == 2 and (split > 0 or cut == i))):
                if cut == i:
                    return None
                new_end = scanner.toks[cut - 1].end
                return start, new_end, expand(scanner.text[start:new_end], scanner.defs)
        r = run_end
    return start, end, canonical


def bracketed_parent(scanner, end: int) -> tuple[int, str] | None:
    """(end after the closing bracket, parent's name) of " (PC45, Công an tỉnh Hưng Yên)" at `end`."""
    code = code_re().match(scanner.text, end + 2) if scanner.text.startswith(" (", end) else None
    if code is None or not scanner.text.startswith(", ", code.end()):
        return None
    parent = organization_at(scanner.text, scanner.organizations, code.end() + 2)
    if parent is None or parent.start != code.end() + 2 or not scanner.text.startswith(")", parent.end):
        return None
    return parent.end + 1, parent.canonical
