"""What every extraction component shares: what it reads and sets, and how it writes its result.

Each stage is a spaCy component (registered with `@Language.factory` in its own module) around a
pure `find_*` function. Like spaCy's own factories (`assigns`, `requires`), a stage declares the
record fields it reads and the ones it sets, so `pipeline.nlp.build_nlp` can check the order and
add a stage that a selected one needs. A labelled part of the mentions list is written
"mentions[ORG]".

A stage *owns* what it sets: running it twice leaves the record as running it once (spaCy's
`overwrite`), because `replace_mentions` drops the stage's own labels before adding its new ones.
`set_spans` mirrors the record's mentions, dates and person roles (RANK, TITLE) into `doc.spans["vnextract"]` and `doc.ents`, so
displaCy and spaCy's scorers read the result in spaCy's own terms.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.core import doc_ext  # noqa: F401  (registers doc._.record)
from pipeline.core.records import Document, Mention

# What the tokenizer (normalize, segment, tokenize) puts on every record before any stage runs.
TOKENIZER_SETS: tuple[str, ...] = ("text", "published", "sentences", "tokens", "syllables")
SPANS_KEY = "vnextract"
ENTITY_LABELS = ("PERSON", "ORG", "LOC", "DATE")


class Stage:
    """Base of the extraction components: `process` fills the record, `__call__` is spaCy's entry.

    A subclass names its spaCy factory (`factory`) and is then found by `stage_class(factory)`."""

    factory: ClassVar[str] = ""
    reads: ClassVar[tuple[str, ...]] = ()
    sets: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.factory:
            _STAGE_CLASSES[cls.factory] = cls

    def process(self, record: Document) -> None:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        self.process(doc._.record)
        set_spans(doc)
        return doc


_STAGE_CLASSES: dict[str, type[Stage]] = {}


def stage_class(factory: str) -> type[Stage]:
    """The component class registered for a factory name (its module must be imported)."""
    return _STAGE_CLASSES[factory]


def labels_set(stage_sets: Iterable[str]) -> set[str]:
    """{"ORG"} for ("mentions[ORG]",): the mention labels a stage owns."""
    return {field[len("mentions["):-1] for field in stage_sets if field.startswith("mentions[")}


def replace_mentions(record: Document, labels: set[str], new: Sequence[Mention]) -> None:
    """The record's mentions with `labels` replaced by `new` (other stages' mentions kept, in order)."""
    record.mentions = [m for m in record.mentions if m.label not in labels] + list(new)


def set_spans(doc: Doc) -> None:
    """`doc.spans["vnextract"]`: every mention, date, rank and title as a spaCy Span (token-aligned, expanded to
    whole tokens); `doc.ents`: the longest non-overlapping PERSON / ORG / LOC / DATE spans."""
    record = doc._.record
    spans = []
    for start, end, label in [*((m.start, m.end, m.label) for m in record.mentions),
                              *((d.start, d.end, "DATE") for d in record.dates),
                              *((r.start, r.end, r.kind.upper()) for r in record.person_roles)]:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    spans.sort(key=lambda s: (s.start, s.end, s.label_))
    doc.spans[SPANS_KEY] = spans
    doc.ents = filter_spans([s for s in spans if s.label_ in ENTITY_LABELS and not _is_whitespace(s)])


def _is_whitespace(span: Span) -> bool:
    return not span.text.strip()
