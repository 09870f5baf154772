"""Stage: events a document reports and the people taking part in them.

1. Event mentions (triggers.py): trigger nouns from resources/event_types.tsv ("hội nghị", "lễ trao",
   "chuyến thăm", "vụ án", "bắt giữ" ...), each with the name that follows it ("Hội nghị tổng kết công
   tác Đảng, công tác chính trị năm 2022 ... của Tổng cục CNQP"). Bare references ("tại hội nghị",
   "Hội nghị do X chủ trì") are the event being reported, so they merge into the latest event of the
   same family; incidents (family "vụ án") merge only by type: the crime, the arrest and the trial of
   one story are separate events.
2. Participants (roles.py) link persons to role phrases sentence by sentence. A link belongs to the
   event named in its sentence, else to the event the text is reporting (captions and the headline:
   the document's main event), else to an event the verb itself reports: "Thủ tướng X tiếp Đại sứ Y"
   is a "buổi tiếp", "X đến thăm và làm việc với ..." a "chuyến thăm", "Công an bắt X" a "bắt giữ"
   (an incident verb does so even in a sentence naming another incident), "đối tượng X" a "vụ án".
3. Date (dating.py): its own sentence, else its paragraph, else the lead; a date years before the
   report's frame makes a recounted event `historical`; a ceremony never takes the day it remembers.
   Location after "tại"; organizer.
Events nobody takes part in, not dated by their own sentence or paragraph, outside the lead are
dropped: background mentions.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence


from pipeline.extract.events.clauses import clause_span
from pipeline.extract.events.dating import DAY_VALUE_RE, HISTORY_YEARS, EventDater
from pipeline.extract.events.role_choice import RoleEvidence, resolve_roles
from pipeline.extract.events.roles import PersonSpan, RoleHit, find_role_hits, link_roles
from pipeline.extract.events.title_refs import title_references
from pipeline.extract.events.triggers import (EventLexicon, TriggerType, event_lexicon, name_end, similar_names,
                                             skip_trigger, squeeze)
from pipeline.extract.people.names import UPPER
from pipeline.core.resource_files import read_table
from pipeline.core.records import Appearance, DateMention, Document, Event, Mention, Participant, Sentence
from pipeline.extract.stage import Stage
from pipeline.text.lexical import phrase_alternation

_LOCATION_CUE_RE = re.compile(r"(?<!\w)(?:tại|ở)\s+$", re.IGNORECASE)
_LOCATION_PHRASE_RE = re.compile(r"(?<!\w)(?<!tồn )tại\s+(\w[^,.;:()\n]{0,60})")
_ORGANIZER_AFTER_RE = re.compile(r"\s*(?:đã |vừa |sẽ |cũng )?(?:phối hợp[^,.;]{0,60}?)?tổ chức(?!\w)")
# "tại hội nghị", "trong buổi làm việc", "Phát biểu kết luận Hội nghị": the sentence speaks AT the event.
_AT_EVENT_RE = re.compile(r"(?:tại|trong|ở|bên lề|khai mạc|bế mạc|kết luận|phát biểu|chỉ đạo|chủ trì|dự)\s+(?:\w+\s+)?$",
                          re.IGNORECASE)
_HABITUAL_RE = re.compile(r"(?<!\w)(?:vẫn|từng|thường|hay|luôn|đã nhiều lần)\s+(?:\w+\s+)?$", re.IGNORECASE)
_SENTENCE_SPLIT_RE = re.compile(r"[^\n.!?]*(?:[.!?]+|\n|$)")
LEAD_SENTENCES = 3  # a named event in the headline or first sentences is the news itself


@dataclass(slots=True)
class _Draft:
    """An event while the document is being read."""

    type: str
    family: str
    start: int
    end: int
    name: str  # words after the trigger, "" for a bare reference
    refs: list[tuple[int, int, int]] = field(default_factory=list)  # (sentence index, start, end)
    roles: dict[str, list[RoleEvidence]] = field(default_factory=dict)  # person -> links in text order
    implied: bool = False


def _fallback_sentences(text: str) -> list[Sentence]:
    out = []
    for m in _SENTENCE_SPLIT_RE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(len(out), s, e, "headline" if not out else "body"))
    return out


@lru_cache(maxsize=1)
def _commemoration_re() -> re.Pattern[str]:
    cue = phrase_alternation(row[0] for row in read_table("commemorations.tsv", header=True))
    # the cue (any case), then perhaps a title of up to three syllables, capitalised ("Chủ tịch",
    # "Đại tướng", "Bác"), then the name
    return re.compile(rf"(?<!\w)(?i:{cue})\s+(?:[{UPPER}][\w.]*(?:\s+[\w.]+){{0,2}}\s+)?$")


def _person_spans(appearances: Sequence[Appearance], text: str) -> list[PersonSpan]:
    """The mentions of people that may take part in events, and the titles that stand for them
    (title_refs.py): not "Khu di tích Chủ tịch Hồ Chí Minh"."""
    named = [(s, e, a.name) for a in appearances for s, e in a.mention_spans]
    titled = title_references(appearances, text, [(s, e) for s, e, _ in named])  # "Chủ tịch Quốc hội Myanmar đã …"
    spans = sorted(named + titled, key=lambda x: (x[0], -x[1]))
    commemoration = _commemoration_re()
    out: list[PersonSpan] = []
    for s, e, name in spans:
        if out and s < out[-1].end:
            continue  # nested or overlapping: keep the longer, earlier span
        if commemoration.search(text, max(0, s - 60), s):
            continue
        out.append(PersonSpan(s, e, name))
    return out


class _Reader:
    """Reads one document: builds event drafts, then attaches participants."""

    def __init__(self, text, sentences, dates, persons, lead_sentences: int = LEAD_SENTENCES,
                 history_years: int = HISTORY_YEARS):
        self.text = text
        self.sentences = sentences
        self.sentence_starts = [s.start for s in sentences]
        self.dater = EventDater(text, sentences, dates, lead_sentences, history_years)
        self.lead_sentences = lead_sentences
        self.persons = persons
        self.person_starts = [p.start for p in persons]
        self.drafts: list[_Draft] = []
        self.refs: list[tuple[int, int]] = []  # (offset, draft index), in text order
        self.by_sentence: dict[int, list[tuple[int, int, int]]] = {}  # sent -> (start, end, draft)

    # ---------------------------------------------------------------- events
    def read_mentions(self) -> None:
        lex = event_lexicon()
        day_starts = {d.start for d in self.dater.dates if DAY_VALUE_RE.match(d.value)}
        stops_at = day_starts | set(self.person_starts)
        for si, sent in enumerate(self.sentences):
            for m in lex.trigger_re.finditer(self.text, sent.start, sent.end):
                if skip_trigger(self.text, m, sent.start, lex):
                    continue
                kind = lex.triggers[squeeze(m.group(0))]
                end = name_end(self.text, m.end(), sent.end, lex, stops_at)
                name = squeeze(self.text[m.end():end])
                # "Hội nghị X" is a proper name; "hội nghị bàn về X" describes the event being reported.
                proper = self.text[m.start()].isupper()
                self._add_reference(si, m.start(), max(end, m.end()), kind, name, proper=proper)

    def _current(self, pos: int, family: str | None = None) -> int | None:
        for offset, idx in reversed(self.refs):
            if offset < pos and (family is None or self.drafts[idx].family == family):
                return idx
        return None

    def _add_reference(self, si, start, end, kind: TriggerType, name: str, implied=False, proper=True) -> int:
        idx = None
        if name and not proper:
            idx = self._current(start, kind.family)
            if idx is not None and self.drafts[idx].type != kind.type:
                idx = None
        if name and idx is None:
            same = [i for i, d in enumerate(self.drafts) if d.type == kind.type]
            idx = next((i for i in reversed(same) if not self.drafts[i].name
                        or similar_names(self.drafts[i].name, name)), None)
        else:
            idx = self._current(start, kind.family)
            if idx is not None and implied and kind.family in event_lexicon().distinct_families \
                    and self.drafts[idx].type != kind.type:
                idx = None  # "đối tượng X" after an arrest: the crime, not the arrest again
        if idx is None:
            idx = len(self.drafts)
            self.drafts.append(_Draft(kind.type, kind.family, start, end, name, implied=implied))
        draft = self.drafts[idx]
        if name and not draft.name:  # a bare reference came first; the named mention defines it
            draft.name, draft.start, draft.end = name, start, end
        draft.refs.append((si, start, end))
        bisect.insort(self.refs, (start, idx))
        self.by_sentence.setdefault(si, []).append((start, end, idx))
        return idx

    def main_event(self) -> int | None:
        if not self.drafts:
            return None
        return max(range(len(self.drafts)), key=lambda i: (len(self.drafts[i].refs), -self.drafts[i].start))

    # ---------------------------------------------------------------- participants
    def read_participants(self) -> None:
        main = self.main_event()
        lex = event_lexicon()
        for si, sent in enumerate(self.sentences):
            lo = bisect.bisect_left(self.person_starts, sent.start)
            hi = bisect.bisect_left(self.person_starts, sent.end)
            persons = [p for p in self.persons[lo:hi] if p.end <= sent.end]
            if not persons:
                continue
            hits = find_role_hits(self.text, sent.start, sent.end)
            in_sentence = self.by_sentence.get(si, [])
            if not in_sentence:
                self._read_roster(persons, hits, lex)
            # Speakers take part only in events of a sentence that names one they could attend.
            loud = any(self.drafts[i].family not in lex.quiet_families
                       and _AT_EVENT_RE.search(self.text, max(sent.start, s - 24), s) for s, _, i in in_sentence)
            # "Ông X cho biết …" in the report of a press conference, not "X vẫn nói" (what he always says)
            # (the main event so far: a verb of the lead may have reported it, "làm việc với …")
            spoken_at = None if in_sentence or loud else self._speaking_event(si, sent, self.main_event(), lex)
            speaking = spoken_at is not None
            links = [lk for lk in link_roles(self.text, sent.start, sent.end, persons, hits)
                     if loud or not lk.hit.phrase.needs_event
                     or (speaking and not self._habitual(sent, lk.hit))]
            if not links:
                continue
            # "Thủ tướng X tiếp Đại sứ Y", "Công an bắt X": the verb reports its own event when someone does
            # it; an incident verb does even in a sentence that names another incident ("bắt X trong vụ án").
            own: dict[RoleHit, int] = {}
            for lk in links:
                hit = lk.hit
                if (hit in own or not hit.phrase.implies or hit.phrase.attach_any
                        or (lk.is_object and not lk.role.startswith("bị"))):
                    continue
                kind = lex.triggers.get(hit.phrase.implies)
                named = [i for _, _, i in self.by_sentence.get(si, [])
                         if self.drafts[i].type == (kind.type if kind else hit.phrase.implies)]
                if not in_sentence and not own:  # one event for the sentence's verbs: "đến thăm và làm việc"
                    own[hit] = self._implied_event(si, hit, lex)
                elif (in_sentence and hit.phrase.kind == "verb" and not named and kind is not None
                      and kind.family in lex.distinct_families):
                    own[hit] = self._implied_event(si, hit, lex)  # the arrest, apart from the crime it is for
            dated = any(DAY_VALUE_RE.match(d.value) for d in self.dater.dates_in(sent.start, sent.end))
            for link in links:
                idx = own.get(link.hit)
                if idx is None and speaking and link.hit.phrase.needs_event:
                    idx = spoken_at  # what the speaker said, he said at the event the document reports
                if idx is None:
                    idx = self._event_for(si, sent, link.hit, main, lex, dated)
                if idx is not None:
                    self.drafts[idx].roles.setdefault(link.name, []).append(
                        RoleEvidence(link.role, link.distance, link.is_object))

    def _read_roster(self, persons: list[PersonSpan], hits: list[RoleHit], lex: EventLexicon) -> None:
        """In the report of a contest, the people named after a contestant or judge noun of a
        sentence ("Cùng với em, hai thí sinh khác được chọn là Gia Bảo và Thiên Khôi") take part in
        it, however far the noun stands from them; not those before it ("HLV X chia sẻ: … làm khó thí
        sinh của mình": a coach speaking of his contestants)."""
        main = self.main_event()
        if main is None or self.drafts[main].family not in lex.roster_families:
            return
        family = self.drafts[main].family
        nouns = [h for h in hits if h.phrase.kind == "noun" and h.phrase.implies
                 and getattr(lex.triggers.get(h.phrase.implies), "family", None) == family]
        if not nouns:
            return
        for person in persons:
            before = [h for h in nouns if h.end <= person.start]
            if before:
                noun = before[-1]
                self.drafts[main].roles.setdefault(person.name, []).append(
                    RoleEvidence(noun.phrase.role, person.start - noun.end, False))

    def _habitual(self, sent: Sentence, hit: RoleHit) -> bool:
        return bool(_HABITUAL_RE.search(self.text, max(sent.start, hit.start - 12), hit.start))

    def _speaking_event(self, si: int, sent: Sentence, main: int | None, lex: EventLexicon) -> int | None:
        """The event a speaker of this sentence spoke at: the document's main event when it is one
        people speak at (a meeting, talks, a press conference), the lead names it (it is the news,
        not a source: "theo Diễn đàn Doanh nghiệp") and the text has named it already."""
        if main is None or sent.kind in ("headline", "caption"):
            return None
        draft = self.drafts[main]
        first = min(r[0] for r in draft.refs)
        if draft.family not in lex.speaking_families or first >= si:
            return None
        if first >= self.lead_sentences and len(draft.refs) < 2:
            return None
        return main

    def _implied_event(self, si: int, hit: RoleHit, lex: EventLexicon) -> int:
        typ = hit.phrase.implies or ""
        kind = lex.triggers.get(typ) or TriggerType(typ, typ)
        same = [i for i, d in enumerate(self.drafts) if d.type == kind.type
                or (d.family == kind.family and kind.family not in lex.distinct_families)]
        if same:  # "Thủ tướng tiếp ..." in the headline and again in the lead: one event
            idx = same[-1]
            d = self.drafts[idx]
            d.refs.append((si, hit.start, hit.end))
            bisect.insort(self.refs, (hit.start, idx))
            self.by_sentence.setdefault(si, []).append((hit.start, hit.end, idx))
            return idx
        return self._add_reference(si, hit.start, hit.end, TriggerType(kind.type, kind.family), "", implied=True)

    def _event_for(self, si, sent: Sentence, hit: RoleHit, main, lex, dated: bool) -> int | None:
        in_sentence = self.by_sentence.get(si)
        if in_sentence:
            return min(in_sentence, key=lambda r: min(abs(r[0] - hit.end), abs(hit.start - r[1])))[2]
        if not hit.phrase.attach_any:
            return None
        current = main if sent.kind in ("caption", "headline") else self._current(sent.start)
        if current is None:
            current = main
        if current is None and hit.phrase.implies and dated:  # "Ngày 5/2, ông X trao quà cho ..."
            return self._implied_event(si, hit, lex)
        return current

    # ---------------------------------------------------------------- attributes
    def event_date(self, d: _Draft) -> tuple[str | None, bool, str]:
        order = sorted(d.refs, key=lambda r: (r[1] != d.start, r[1]))
        lex = event_lexicon()
        # "Chiều 31/5, X tiếp đoàn Y đang thăm Việt Nam": the lead's day is the reception's, one day
        # of the visit that the text later calls "chuyến thăm"
        lead = self.dater.lead_sentence
        idx = self.drafts.index(d)
        lead_taken = lead is not None and any(i != idx for _, _, i in self.by_sentence.get(lead, []))
        return self.dater.event_date(order, (d.start, d.end), ceremony=d.family in lex.ceremony_families,
                                     several_days=d.type in lex.trip_types and not d.implied and lead_taken,
                                     trip=d.type in lex.trip_types)

    def event_location(self, d: _Draft, places: Sequence[Mention]) -> str | None:
        for sent in self._ref_sentences(d):
            for p in places:
                if sent.start <= p.start < sent.end and _LOCATION_CUE_RE.search(self.text, max(sent.start, p.start - 6), p.start):
                    return p.canonical or p.text
        for sent in self._ref_sentences(d):
            for m in _LOCATION_PHRASE_RE.finditer(self.text, sent.start, sent.end):
                phrase = m.group(1).strip()
                words = phrase.split()
                if (len(words) >= 2 and all(w[0].isupper() or w.isdigit() for w in words[:2])
                        and not event_lexicon().trigger_re.match(phrase)):
                    return phrase
        return None

    def event_organizer(self, d: _Draft, organizations: Sequence[Mention]) -> str | None:
        inside = [o for o in organizations if d.start <= o.start and o.end <= d.end
                  and re.search(r"(?<!\w)của\s+$", self.text[max(d.start, o.start - 6):o.start])]
        if inside:
            return inside[-1].canonical or inside[-1].text
        for sent in self._ref_sentences(d):
            for o in organizations:
                if sent.start <= o.start and o.end <= sent.end and _ORGANIZER_AFTER_RE.match(self.text, o.end, sent.end):
                    return o.canonical or o.text
        return None

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[i] if i >= 0 and pos < self.sentences[i].end else None

    def _ref_sentences(self, d: _Draft) -> list[Sentence]:
        """The sentences mentioning an event, the one that names it first."""
        order = sorted(d.refs, key=lambda r: (r[1] != d.start, r[1]))
        return [self.sentences[si] for si in dict.fromkeys(si for si, _, _ in order)]


def find_events(text: str, sentences: Sequence[Sentence], dates: Sequence[DateMention],
                appearances: Sequence[Appearance], places: Sequence[Mention] = (),
                organizations: Sequence[Mention] = (), lead_sentences: int = LEAD_SENTENCES,
                history_years: int = HISTORY_YEARS) -> tuple[list[Event], list[Participant]]:
    """Events reported in `text` (its text: the clause that reports it, clauses.py) and the persons
    taking part (one Participant per event and person, its roles resolved by role_choice.py). `lead_sentences`: a named event in this
    many first sentences is the news itself; `history_years`: dates this much older than the
    document's frame year are history."""
    sents = sorted(sentences, key=lambda s: s.start) if sentences else _fallback_sentences(text)
    reader = _Reader(text, list(sents), dates, _person_spans(appearances, text), lead_sentences, history_years)
    reader.read_mentions()
    reader.read_participants()
    places = sorted((p for p in places if p.label == "LOC"), key=lambda p: p.start)
    organizations = sorted((o for o in organizations if o.label == "ORG"), key=lambda o: o.start)

    events: list[Event] = []
    participants: list[Participant] = []
    for d in sorted(reader.drafts, key=lambda d: min(r[1] for r in d.refs)):
        date_value, historical, dated_by = reader.event_date(d)
        in_lead = any(si < lead_sentences for si, _, _ in d.refs) and bool(d.name)
        own_day = dated_by in ("sentence", "paragraph") and bool(date_value and DAY_VALUE_RE.match(date_value))
        if not d.roles and not own_day and not in_lead:
            continue
        key = len(events)
        sent = reader.sentence_at(d.start)
        start, end = clause_span(text, sent.start, sent.end, d.start, d.end) if sent else (d.start, d.end)
        events.append(Event(
            event_key=key, type=d.type, text=text[start:end], start=start, end=end,
            mention=text[d.start:d.end], mention_start=d.start, mention_end=d.end,
            date_value=date_value, location=reader.event_location(d, places),
            organizer=reader.event_organizer(d, organizations), historical=historical))
        for name, evidence in d.roles.items():
            role, roles = resolve_roles(evidence)
            participants.append(Participant(key, name, role, roles))
    return events, participants


class EventsComponent(Stage):
    """Reads sentences, dates, appearances and the ORG / LOC mentions; sets events and participants."""

    factory = "vi_events"
    reads = ("sentences", "dates", "appearances", "mentions[ORG]", "mentions[LOC]")
    sets = ("events", "participants")
    settings = {"lead_sentences": LEAD_SENTENCES, "history_years": HISTORY_YEARS}

    def __init__(self, *, lead_sentences: int = LEAD_SENTENCES, history_years: int = HISTORY_YEARS):
        self.lead_sentences = lead_sentences
        self.history_years = history_years

    def process(self, record: Document) -> None:
        places = [m for m in record.mentions if m.label == "LOC"]
        orgs = [m for m in record.mentions if m.label == "ORG"]
        record.events, record.participants = find_events(record.text, record.sentences, record.dates,
                                                         record.appearances, places, orgs,
                                                         self.lead_sentences, self.history_years)
