"""Stage: people, their ranks and titles (appositions), one Appearance per person per document.

`people/scanner.py` reads candidates off each sentence: a chain of ranks, positions
(with their organizations), honorifics and academic titles, then a name, then appositions.
Here the candidates become people: full names are keys, short references ("ông Hùng",
"Đại tướng Lịch", "ông Trump") are linked to the full name in the same document, further
occurrences of a known name are mentions too, and each person gets one Appearance.
underthesea's POS tags (Np) are one signal for names without a chain; tokens=() works too.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Mapping, Sequence


from pipeline.core.normal_form import is_vietnamese_syllable, name_key
from pipeline.core.records import Appearance, Document, Mention, PersonRole, Sentence, Token
from pipeline.core.resource_files import read_list
from pipeline.extract.abbreviations.detector import definitions_of
from pipeline.extract.organizations.component import find_organizations
from pipeline.extract.people.names import dedupe_titles, is_foreign, link_short_reference
from pipeline.extract.people.candidates import Candidate, TitleItem, title_of
from pipeline.extract.people.context import context_words, folk_figures, one_word_name_cues
from pipeline.extract.people.learned import learned_name_spans, written_in_full
from pipeline.extract.people.scanner import PersonScanner
from pipeline.extract.people.titles import MAX_WORDS, lookup
from pipeline.extract.stage import Stage, labels_set, replace_mentions
from pipeline.extract.surnames import is_surname
from pipeline.text.lexical import Syllable, joined_words, syllables_of


# ------------------------------------------------------------------ linking and assembly

_GRADED_FIRST = "Tướng"  # "tướng" without a grade only counts when no graded rank is seen


def find_people(text: str, sentences: Sequence[Sentence] = (), tokens: Sequence[Token] = (),
                definitions: Mapping[str, str] | None = None, other_names: Sequence[tuple[int, int]] = (),
                place_names: Sequence[tuple[int, int]] = (),
                organizations: Sequence[Mention] | None = None,
                syllables: tuple[Syllable, ...] | None = None,
                ) -> tuple[list[Mention], list[Appearance], list[PersonRole]]:
    """PERSON mentions (canonical = full name), one Appearance per person in the document, and the
    PersonRole evidence (the words) behind each appearance's rank and titles.

    `other_names`: spans of organization and place names; a person's name repeated inside one
    ("Thành phố Hồ Chí Minh", "Học viện Chính trị quốc gia Hồ Chí Minh") is not a mention.
    `place_names`: spans of places; a name found inside one is not a person at all.
    `organizations`: the document's ORG mentions, which titles name (found here when not given).
    `syllables`: the text's lexical layer, when the caller has it."""
    if organizations is None:
        organizations = find_organizations(text, definitions or None, syllables)
    np_starts = {t.start for t in tokens if t.pos == "Np"} if tokens else None
    syllables = syllables_of(text) if syllables is None else syllables
    starts = [s.start for s in syllables]
    regions = person_regions(text, sentences)
    candidates: list[Candidate] = []
    thing_names: set[tuple[str, ...]] = set()
    for start, end in regions:
        words = joined_words(text, syllables, starts, start, end)
        scanner = PersonScanner(text, words, definitions or {}, np_starts, organizations)
        scanner.scan(candidates)
        thing_names.update(scanner.thing_names)
    candidates.sort(key=lambda c: c.start)
    if tokens:  # "Heng Samrin Củng cố quan hệ": a heading glued to a foreign name, its first word cut
        word_ends = {t.start: t.end for t in tokens}
        candidates = [_without_glued_word(c, word_ends) for c in candidates]
    if thing_names:  # "tàu sân bay Đô đốc Kuznetsov ... Đô đốc Kuznetsov đã ..." is the ship throughout
        candidates = [c for c in candidates if not _part_of_a_thing_name(c.words, thing_names)]
    if place_names:  # "Bà Rịa-Vũng Tàu" is a province, not Mrs "Rịa-Vũng Tàu"
        candidates = [c for c in candidates if not any(s <= c.start and c.end <= e for s, e in place_names)]
    # a name read without a title inside an organization's name is that name ("Hoàng Anh Gia Lai" the club)
    candidates = [c for c in candidates if c.triggered or not any(
        o.start <= c.start and c.end <= o.end for o in organizations)]

    people: dict[str, dict] = {}  # name_key of the full name -> person
    order: list[str] = []

    def add(p: dict, cand: Candidate) -> None:
        p["spans"].append((cand.start, cand.end))
        if cand.rank:
            p["ranks"].append(cand.rank)
        p["titles"].extend(cand.titles)
        p["evidence"].extend(cand.evidence)

    short: list[Candidate] = []
    given_only: list[Candidate] = []
    for cand in candidates:
        if len(cand.words) >= 2 and (is_surname(cand.words[0]) or is_foreign(cand.words) or len(cand.words) >= 3):
            add(_person(people, order, name_key(" ".join(cand.words)), cand.words), cand)
        else:
            short.append(cand)
    for cand in short:
        key = link_short_reference(cand.words, cand.start, people, order)
        # a new person: a name of two words or more after a title, or one foreign word after a rank or
        # a role ("Trung tá Douglas", "HLV Enrique"); one Vietnamese word ("ông Hùng") stands for someone
        # named in full elsewhere
        if key is None and cand.triggered and len(cand.words) == 1 and _known_by_given_name(cand, text, other_names):
            given_only.append(cand)  # decided once every full name is known
            continue
        if key is None and cand.triggered and (len(cand.words) >= 2
                                                  or _one_foreign_word_named(cand, text, other_names)):
            key = name_key(" ".join(cand.words))
            _person(people, order, key, cand.words)
        if key is not None:
            add(people[key], cand)
    _learned_people(text, syllables, starts, regions, people, order, other_names, thing_names)
    _more_mentions(text, regions, people, order, other_names)
    for cand in given_only:  # "chị Lan": the document's "Nguyễn Thị Lan" if it names her, else "Lan"
        key = link_short_reference(cand.words, cand.start, people, order) or name_key(cand.words[0])
        add(_person(people, order, key, cand.words), cand)
    return _results(text, people, order)


def _without_glued_word(cand: Candidate, word_ends: dict[int, int]) -> Candidate:
    """A foreign name whose last word is Vietnamese and begins a longer word of the segmenter ("Củng"
    of "Củng cố") ends before it: the text ran into the next sentence without its full stop."""
    last = cand.words[-1] if cand.words else ""
    if len(cand.words) < 3 or not is_foreign(cand.words[:-1]) or is_foreign([last]) or last.isascii():
        return cand  # an unaccented last word ("Trinh", "Pen") may be the foreign name's own
    last_start = cand.end - len(cand.words[-1])
    if word_ends.get(last_start, cand.end) <= cand.end:
        return cand
    return replace(cand, end=last_start - 1, words=cand.words[:-1])  # runs are single-space separated


@lru_cache(maxsize=1)
def _name_particles() -> frozenset[str]:
    return frozenset(read_list("name_particles.txt"))


_KIN_HONORIFICS = frozenset({"anh", "chị", "em", "cháu", "bé", "cô", "chú", "bác", "cụ", "ông", "bà"})


def _known_by_given_name(cand: Candidate, text: str, other_names: Sequence[tuple[int, int]]) -> bool:
    """"chị Lan cho biết", "theo anh Tuấn": a person the document names only by the given name after
    an honorific (the guidelines list them so, "anh Tuấn" → "Tuấn"). Not a word of a place or body the
    document names ("bà Rịa"), not before another capitalised word, not after "các" / "những"."""
    word = cand.words[0]
    if cand.cue != "honorific" or (cand.cue_text or "").casefold() not in _KIN_HONORIFICS \
            or not is_vietnamese_syllable(word) or not word[:1].isupper() or word.isupper():
        return False
    following = re.match(r" (\S+)", text[cand.end:cand.end + 30])
    if following and following.group(1)[:1].isupper():
        return False
    cue_start = cand.start - len(cand.cue_text or "") - 1
    before = text[max(0, cue_start - 12):cue_start].split()
    if text[cue_start:cue_start + 1].isupper() and before and not before[-1].endswith((".", ":", "!", "?")):
        return False  # "Bác Hồ", "Hai Bà Trưng", "Trương Bác Thụ": a capitalised word mid-sentence is a name's
    if before and (before[-1].casefold() in ("các", "những") or before[-1].casefold() in context_words("not_person_before")):
        return False  # "các anh", "chợ Bà Chiểu", "cầu Bà Tỵ"
    if f"{(cand.cue_text or '').casefold()} {word.casefold()}" in folk_figures():
        return False  # "ông Địa", "bà Nguyệt"
    if word in ("Phó", "Quyền", "Trưởng", "Tổng") or lookup(text[cand.start:cand.start + 40].split()[:MAX_WORDS]):
        return False  # "Ông Phó ban trọng tài Dương Văn Hiền": a position, the name comes after
    rest = text[cand.end:].strip()
    if len(rest.split()) <= 3 and "." not in rest:
        return False  # "Anh Thư theo Phonearena" at the end: the byline
    line_start = text.rfind("\n", 0, cand.start) + 1
    if text.count("“", line_start, cand.start) > text.count("”", line_start, cand.start):
        return False  # "Túp lều bác Tôm": inside a quoted title
    return not any(word in text[s:e].split() for s, e in other_names)


def _one_foreign_word_named(cand: Candidate, text: str, other_names: Sequence[tuple[int, int]]) -> bool:
    """"HLV Conte", "giám khảo Isaac", "Trung tá Douglas": one foreign word after a rank or after a
    role of `one_word_name_cues.txt` names a person on its own. Not when the name goes on with a
    capitalised or a foreign word ("Tổng Giám đốc Trungnam Group", "HLV Louis van Gaal"), nor when
    the word is part of an organization or place the document names."""
    word = cand.words[0]
    cued = cand.rank or (cand.cue_text or "").casefold() in one_word_name_cues()
    if not (cued and is_foreign(cand.words) and len(word) >= 3 and not word.isupper()):
        return False
    following = re.match(r" (\S+)", text[cand.end:cand.end + 30])
    if following:
        nxt = following.group(1).rstrip(",.;:")
        if nxt[:1].isupper() or nxt in _name_particles() or not is_vietnamese_syllable(nxt):
            return False
    cue_start = cand.start - len(cand.cue_text or "") - 1
    if text[max(0, cue_start - 7):cue_start].rstrip().casefold().endswith(("các", "những")):
        return False  # "các HLV Barca": the staff of a club
    return not any(word in text[s:e].split() for s, e in other_names)


def _learned_people(text: str, syllables, starts: list[int], regions, people: dict, order: list[str], other_names,
                    thing_names: set[tuple[str, ...]]) -> None:
    """A name the corpus attests as a person's, written with no cue ("Công Phượng ghi bàn"): the person
    of the document it refers to ("Ronaldo" after "Cristiano Ronaldo"), else a new person."""
    taken = [*other_names, *(span for key in order for span in people[key]["spans"])]
    for start, end, name in list(learned_name_spans(text, syllables, starts, regions, taken)):
        if _part_of_a_thing_name(name.split(), thing_names):
            continue  # "tàu sân bay Đô đốc Kuznetsov"
        name = (written_in_full(text, name) or name) if " " not in name else name
        words = name.split()
        key = link_short_reference(words, start, people, order) or name_key(name)
        _person(people, order, key, words)["spans"].append((start, end))


def _person(people: dict, order: list[str], key: str, words: list[str]) -> dict:
    """The document's person under `key`, made from its name words the first time."""
    if key not in people:
        people[key] = {"name": " ".join(words), "ranks": [], "titles": [], "spans": [], "words": words,
                       "evidence": []}
        order.append(key)
    return people[key]


def _part_of_a_thing_name(words: list[str], thing_names: set[tuple[str, ...]]) -> bool:
    """The name begins or ends the name of a ship or a film role ("Yoo" of "Yoo Shi Jin")."""
    folded = tuple(w.casefold() for w in words)
    return any(folded == name[:len(folded)] or folded == name[-len(folded):] for name in thing_names)


def _more_mentions(text: str, regions, people: dict, order: list[str], other_names=()) -> None:
    """Every further occurrence of a known full name (and of a foreign surname) is a mention too,
    unless it is part of an organization's or a place's name."""
    taken = sorted(span for key in order for span in people[key]["spans"])
    occupied = set()
    for s, e in [*taken, *other_names]:
        occupied.update(range(s, e))
    for key in order:
        p = people[key]
        needles = [p["name"]]
        if is_foreign(p["words"]) and len(p["words"][-1]) > 2:
            needles.append(p["words"][-1])
        for needle in needles:
            for start, end in regions:
                pos = text.find(needle, start, end)
                while pos >= 0:
                    stop = pos + len(needle)
                    if (pos == 0 or not text[pos - 1].isalnum()) and (stop >= len(text) or not text[stop].isalnum()) \
                            and pos not in occupied and stop - 1 not in occupied:
                        p["spans"].append((pos, stop))
                        occupied.update(range(pos, stop))
                    pos = text.find(needle, stop, end)


def person_regions(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """The spans read for people: every sentence but bylines (lines, without sentences)."""
    if sentences:
        return [(s.start, s.end) for s in sentences if s.kind != "byline"]
    regions, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            regions.append((start, start + len(line)))
        start += len(line) + 1
    return regions


def _results(text: str, people: dict, order: list[str]
             ) -> tuple[list[Mention], list[Appearance], list[PersonRole]]:
    mentions, appearances, roles = [], [], []
    for key in order:
        p = people[key]
        spans = sorted(set(p["spans"]))
        graded = [r for r in p["ranks"] if r != _GRADED_FIRST]
        rank = graded[0] if graded else (p["ranks"][0] if p["ranks"] else None)
        titles = dedupe_titles(p["titles"])
        appearances.append(Appearance(p["name"], rank, tuple(titles), tuple(spans)))
        mentions.extend(Mention(s, e, text[s:e], "PERSON", p["name"]) for s, e in spans)
        roles.extend(_role_evidence(p["name"], p["evidence"], titles))
    mentions.sort(key=lambda m: m.start)
    roles.sort(key=lambda r: (r.start, r.end, r.kind, r.name))
    return mentions, appearances, roles


def _role_evidence(name: str, items: list[TitleItem], titles: list[str]) -> list[PersonRole]:
    """One PersonRole per rank and title item read for the person. A title that `dedupe_titles`
    folded into a fuller one ("Chính ủy" into "Chính ủy Tổng cục X") is evidence for the fuller one."""
    roles = []
    kept = {t.casefold(): t for t in titles}
    for item in items:
        if item.start < 0:
            continue
        if item.kind == "rank":
            roles.append(PersonRole(name, "rank", item.value, None, None, item.start, item.end))
            continue
        title = title_of(item)
        value = kept.get(title.casefold()) or next((t for t in titles if title.casefold() in t.casefold()), None)
        if value is None:
            continue
        organization = item.org
        if organization is None and value != title:  # the fuller title names the organization
            organization = value[len(item.value):].strip() if value.startswith(item.value) else None
        roles.append(PersonRole(name, "title", value, item.value, organization or None, item.start, item.end))
    return roles


# ------------------------------------------------------------------ spaCy component

class PeopleComponent(Stage):
    """Reads sentences, tokens (POS), abbreviations and the ORG / LOC mentions; sets the PERSON
    mentions and the appearances."""

    factory = "vi_people"
    reads = ("sentences", "tokens", "syllables", "abbreviations", "mentions[ORG]", "mentions[LOC]")
    sets = ("mentions[PERSON]", "appearances", "person_roles")

    def process(self, record: Document) -> None:
        organizations = [m for m in record.mentions if m.label == "ORG"]
        other_names = [(m.start, m.end) for m in record.mentions if m.label in ("ORG", "LOC")]
        place_names = [(m.start, m.end) for m in record.mentions if m.label == "LOC"]
        mentions, appearances, roles = find_people(record.text, record.sentences, record.tokens,
                                            definitions_of(record.abbreviations), other_names, place_names,
                                            organizations, record.syllables or None)
        replace_mentions(record, labels_set(self.sets), mentions)
        record.appearances = appearances
        record.person_roles = roles
