"""Event trigger nouns and the names that follow them (resources/event_types.tsv).

A trigger names an event ("hội nghị", "lễ trao", "chuyến thăm", "khởi tố", "vụ tai nạn"); the words
after it, up to a stop word, a person or a dated day, are its name: "Hội nghị tổng kết công tác
Đảng, công tác chính trị năm 2022 ... của Tổng cục CNQP" | "do X chủ trì". A trigger right after a
quantifier or inside a compound is no event: "các hội nghị", "Nghị quyết Hội nghị", "Đại hội đồng".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.resource_files import read_kinds
from pipeline.extract.events.roles import trie_pattern
from pipeline.text.lexical import phrase_alternation

_NAME_WORD_RE = re.compile(r"\w+(?:[./&'-]\w+)*")
_NAME_TRAILING_RE = re.compile(r"(?:\s+(?:và|của|với|cho|các|tại|về|năm|lần|thứ))+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TriggerType:
    type: str
    family: str


@dataclass(frozen=True, slots=True)
class EventLexicon:
    trigger_re: re.Pattern[str]
    triggers: dict[str, TriggerType]
    stop_re: re.Pattern[str]
    continue_re: re.Pattern[str]
    skip_before: tuple[str, ...]
    skip_after: dict[str, frozenset[str]]
    quiet_families: frozenset[str]
    ceremony_families: frozenset[str]
    distinct_families: frozenset[str]
    speaking_families: frozenset[str]
    roster_families: frozenset[str]
    trip_types: frozenset[str]


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    kinds = read_kinds("event_types.tsv", width=4)

    def phrases(kind: str) -> list[str]:
        return [phrase.lower() for phrase, _, _ in kinds.get(kind, [])]

    triggers = {phrase.lower(): TriggerType(typ, family or typ) for phrase, typ, family in kinds.get("trigger", [])}
    after: dict[str, set[str]] = {}
    for phrase, typ, _ in kinds.get("skip_after", []):
        after.setdefault(phrase.lower(), set()).add(typ.lower())
    return EventLexicon(
        trigger_re=re.compile(rf"(?<!\w){trie_pattern(triggers)}(?!\w)", re.IGNORECASE),
        triggers=triggers,
        stop_re=re.compile(rf"(?:{phrase_alternation(phrases('name_stop'))})(?!\w)"),
        continue_re=re.compile(rf"\s*(?:{phrase_alternation(phrases('name_continue'))})(?!\w)"),
        skip_before=tuple(sorted(phrases("skip_before"), key=len, reverse=True)),
        skip_after={k: frozenset(v) for k, v in after.items()},
        quiet_families=frozenset(phrases("quiet_family")),
        ceremony_families=frozenset(phrases("ceremony_family")),
        distinct_families=frozenset(phrases("distinct_family")),
        speaking_families=frozenset(phrases("speaking_family")),
        roster_families=frozenset(phrases("roster_family")),
        trip_types=frozenset(phrases("trip_type")),
    )


def squeeze(s: str) -> str:
    return " ".join(s.split()).lower()


def name_end(text: str, pos: int, limit: int, lex: EventLexicon, stops_at: set[int]) -> int:
    """End of the event name that starts at `pos` (== pos when the mention is a bare reference)."""
    name_start = end = pos
    words = 0
    while words < 30:
        i = pos
        while i < limit and text[i] == " ":
            i += 1
        if i >= limit or i in stops_at:
            break
        ch = text[i]
        if ch == "," and lex.continue_re.match(text, i + 1, limit) and text[i + 1:i + 3].strip()[:1].islower():
            pos = i + 1
            continue
        if ch == "(":
            close = text.find(")", i, min(limit, i + 25))
            if close > 0 and text[i + 1:close].strip()[:1].isupper():
                end = pos = close + 1
                continue
            break
        if ch in "-–" and text[i + 1:i + 3].strip()[:1].isupper():
            pos = i + 1
            continue
        m = _NAME_WORD_RE.match(text, i, limit)
        if not m or (ch.islower() and lex.stop_re.match(text, i, limit)):
            break
        end = pos = m.end()
        words += 1
    cut = _NAME_TRAILING_RE.search(text, name_start, end)
    return cut.start() if cut else end


def skip_trigger(text: str, m: re.Match[str], sent_start: int, lex: EventLexicon) -> bool:
    before = text[max(sent_start, m.start() - 24):m.start()].lower().rstrip()
    if re.search(r"(?<![\d/.:-])\d+$", before):
        return True  # a count, not one event: "sau 12 trận đấu", "cả 5 hội nghị"
    for word in lex.skip_before:
        if before.endswith(word) and (len(before) == len(word) or not before[-len(word) - 1].isalnum()):
            return True
    follow = lex.skip_after.get(squeeze(m.group(0)))
    if follow:
        nxt = re.match(r"\s*(\w+)", text[m.end():m.end() + 20])
        if nxt and nxt.group(1).lower() in follow:
            return True
    return False


def similar_names(a: str, b: str) -> bool:
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / max(1, len(wa | wb)) >= 0.5
