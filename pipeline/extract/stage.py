"""What every extraction component shares: what it reads and sets, its settings, the stage order.

Each stage is a spaCy component around a pure `find_*` function; `pipeline/nlp.py` registers the
factories, as spaCy's own `pipeline/factories.py` does, so that this module and the components
import no spaCy: a run (`pipeline.run`) calls `Stage.process` on records alone. Like spaCy's
factories (`assigns`, `requires`), a stage declares the record fields it reads and the ones it
sets, so `select_stages` adds a stage that a selected one needs and `pipeline.nlp.check_order`
checks an order. A labelled part of the mentions list is written "mentions[ORG]". A stage's
tuning constants are its `settings` (the factory's default config, part of a run's fingerprint).

A stage *owns* what it sets: running it twice leaves the record as running it once (spaCy's
`overwrite`), because `replace_mentions` drops the stage's own labels before adding its new ones.
`set_spans` mirrors the record's mentions, dates and person roles (RANK, TITLE) into `doc.spans["vnextract"]` and `doc.ents`, so
displaCy and spaCy's scorers read the result in spaCy's own terms.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from pipeline.core.records import Document, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

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
    settings: ClassVar[Mapping[str, object]] = {}  # keyword arguments of __init__, with their defaults

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


def loaded_stage_class(module: str, factory: str) -> type[Stage]:
    """`stage_class(factory)`, its defining module imported first (a STAGES entry)."""
    importlib.import_module(module)
    return _STAGE_CLASSES[factory]


# Stage order (module that defines the component, factory name).
STAGES: tuple[tuple[str, str], ...] = (
    ("pipeline.extract.dates.mentions", "vi_dates"),
    ("pipeline.extract.abbreviations.detector", "vi_abbreviations"),  # before the names: they expand
    ("pipeline.extract.organizations.component", "vi_organizations"),
    ("pipeline.extract.places.component", "vi_places"),  # reads the ORG spans
    ("pipeline.extract.people.component", "vi_people"),
    ("pipeline.extract.events.component", "vi_events"),
)


def select_stages(names: tuple[str, ...] | None) -> tuple[tuple[str, str], ...]:
    """The STAGES entries for the given component names (None: all), in pipeline order, with every
    stage they need: `("vi_people",)` also runs abbreviations, organizations and places."""
    if names is None:
        return STAGES
    known = {factory: module for module, factory in STAGES}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    setters = {}
    for module, factory in STAGES:
        for field in loaded_stage_class(module, factory).sets:
            setters.setdefault(field, factory)
    wanted, todo = set(), list(names)
    while todo:
        factory = todo.pop()
        if factory in wanted:
            continue
        wanted.add(factory)
        todo.extend(setters[f] for f in stage_class(factory).reads if f in setters)
    return tuple(stage for stage in STAGES if stage[1] in wanted)


def stage_settings(names: tuple[str, ...] | None) -> dict[str, dict]:
    """The settings of the selected stages, as the pipeline builds them: part of a run's
    fingerprint, so that a changed default reprocesses the documents."""
    settings = {}
    for module, factory in select_stages(names):
        settings[factory] = dict(loaded_stage_class(module, factory).settings)
    return settings


def build_stages(stages: tuple[tuple[str, str], ...]) -> list[tuple[str, Stage]]:
    """(factory name, component with its default settings) for each stage, in order: what
    `build_nlp` puts in a spaCy pipeline, without spaCy."""
    return [(factory, loaded_stage_class(module, factory)()) for module, factory in stages]


def labels_set(stage_sets: Iterable[str]) -> set[str]:
    """{"ORG"} for ("mentions[ORG]",): the mention labels a stage owns."""
    return {field[len("mentions["):-1] for field in stage_sets if field.startswith("mentions[")}


def replace_mentions(record: Document, labels: set[str], new: Sequence[Mention]) -> None:
    """The record's mentions with `labels` replaced by `new` (other stages' mentions kept, in order)."""
    record.mentions = [m for m in record.mentions if m.label not in labels] + list(new)


def set_spans(doc: Doc) -> None:
    """`doc.spans["vnextract"]`: every mention, date, rank and title as a spaCy Span (token-aligned, expanded to
    whole tokens); `doc.ents`: the longest non-overlapping PERSON / ORG / LOC / DATE spans."""
    from spacy.util import filter_spans  # here: only a spaCy Doc needs spaCy

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
