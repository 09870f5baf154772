"""Typed records that flow between the stages.

Every offset (`start`, `end`) is a Python string index into the document's *normalized* text
(`Document.text`), end exclusive, so `text[start:end]` is always the record's surface text.
Records are plain frozen dataclasses (tokens, one per word, are named tuples): cheap to build, easy
to test, trivially turned into rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class InputAnnotation:
    """A span the input itself labels (a CoNLL file's gold IOB tags); row of `input_annotations`."""

    start: int
    end: int
    text: str
    label: str  # as the input writes it: "PER", "NAME", "ORGANIZATION", …
    layer: int = 0  # which tag column: 0 = the first (flat NER), 1 = the next (nested), …


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input record as read from disk, before any cleaning."""

    doc_id: str
    source: str  # path of the input file (relative to the INPUT it was found under)
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    annotations: tuple[InputAnnotation, ...] = ()  # offsets into `text`


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """Input that could not be processed; becomes a row of the `errors` table."""

    source: str
    doc_id: str | None
    stage: str
    error: str  # short machine-readable kind, e.g. "EmptyDocument", "JSONDecodeError"
    message: str


@dataclass(frozen=True, slots=True)
class Sentence:
    sent_id: int
    start: int
    end: int
    kind: str  # headline | body | caption | byline


class Token(NamedTuple):  # a tuple: a document has a token per word, built far faster than a dataclass
    sent_id: int
    tok_id: int  # running index within the document
    start: int
    end: int
    text: str
    pos: str


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None  # ISO / TIMEX: "2022-12-26", "2022-12", "2022", "2023-Q1", "2022/2025", "XXXX-12-26"
    part_of_day: str | None = None  # sáng / trưa / chiều / tối / đêm
    kind: str = "date"  # date | range | period | relative
    value_note: str | None = None  # why `value` is null though a date is written: "impossible date"
    year_source: str = "none"  # where the year comes from: text | publication | corpus | none


@dataclass(frozen=True, slots=True)
class LegalRef:
    """A legal document number such as "Nghị định 100/2019/NĐ-CP" (never a date)."""

    start: int
    end: int
    text: str
    doc_type: str | None
    number: str


@dataclass(frozen=True, slots=True)
class Abbreviation:
    short: str
    long: str | None
    defined: bool  # the document itself gives the expansion
    start: int  # first occurrence of `short` in the document
    end: int
    source: str = "document"  # document | lexicon
    domain: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A PERSON / ORG / LOC / RANK / TITLE mention with its canonical name."""

    start: int
    end: int
    text: str
    label: str
    canonical: str  # full name, abbreviations expanded, one tone style
    refers_to: str | None = None  # a name of its own ("Hoa Kỳ", "Viettel"): the body's canonical name ("Mỹ")


@dataclass(frozen=True, slots=True)
class Appearance:
    """A person in one document: canonical name, rank and titles (position + organization)."""

    name: str
    rank: str | None
    titles: tuple[str, ...]
    mention_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class PersonRole:
    """The words that gave a person a rank or a title in one document: the evidence behind
    Appearance.rank and Appearance.titles. text[start:end] is the rank ("Trung tướng") or the
    position with the organization written after it ("Chính ủy Tổng cục Công nghiệp quốc phòng")."""

    name: str  # the person's canonical name, as in Appearance.name
    kind: str  # rank | title
    value: str  # canonical rank, or the title "position + organization" as in Appearance.titles
    position: str | None  # titles: the position word ("Chính ủy"); ranks: None
    organization: str | None  # titles: the organization's canonical name, when the text gives one
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    event_key: int  # index within the document
    type: str
    text: str
    start: int
    end: int
    date_value: str | None
    location: str | None
    organizer: str | None = None
    historical: bool = False  # a past event the text recounts, dated years before the report
    mention: str = ""  # the words naming the event ("Hội nghị tổng kết …", "tiếp"); text is their clause
    mention_start: int = 0
    mention_end: int = 0


@dataclass(frozen=True, slots=True)
class Participant:
    event_key: int
    name: str  # canonical person name, as in Appearance.name
    role: str  # the one resolved role (pipeline/extract/events/role_choice.py)
    roles: tuple[str, ...] = ()  # every distinct role of the person in the event, in text order


@dataclass(slots=True)
class Document:
    """A normalized document and everything the stages have found in it."""

    doc_id: str
    source: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    source_prefix: str | None = None  # dateline such as "CNQP&KT-" or "(QĐND) -"
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    # The lexical layer (`pipeline.text.lexical.Syllable` tuples), set with the tokens: every
    # entity scanner reads it, none splits the text again. Not written to any table.
    syllables: tuple = ()
    dates: list[DateMention] = field(default_factory=list)
    legal_refs: list[LegalRef] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    appearances: list[Appearance] = field(default_factory=list)
    person_roles: list[PersonRole] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    annotations: list[InputAnnotation] = field(default_factory=list)  # the input's own labels, if any
