"""The spaCy `Language` that holds the in-memory document.

underthesea is the tokenizer (registered as `vnextract.UndertheseaTokenizer.v1`): given a string it
normalizes it as `vnextract run` does (NFC, one tone style, clean spaces), segments sentences and
words, and builds the record's lexical layer. Every later stage is a component whose factory is
registered here, in one place, as spaCy's own `pipeline/factories.py` registers spaCy's: the
components themselves import no spaCy, so a run never loads it. Each declares the record fields it
reads and sets (`pipeline/extract/stage.py`); `build_nlp` refuses an order in which a stage reads
what only a later one sets, and `select_stages` adds the stages a chosen one needs.

    nlp = build_nlp()
    doc = nlp("Trung tướng Nguyễn Mạnh Hùng chủ trì hội nghị chiều 26/12.")
    doc._.record.appearances, doc._.record.dates, doc.ents, doc.spans["vnextract"]
"""
from __future__ import annotations

from collections.abc import Mapping

import spacy
from spacy.language import Language
from spacy.util import registry

from pipeline.extract.abbreviations.detector import AbbreviationsComponent
from pipeline.extract.dates.mentions import DatesComponent
from pipeline.extract.events.component import EventsComponent
from pipeline.extract.organizations.component import OrganizationsComponent
from pipeline.extract.people.component import PeopleComponent
from pipeline.extract.places.component import PlacesComponent
from pipeline.extract.stage import STAGES, TOKENIZER_SETS, select_stages, stage_settings
from pipeline.text.spacy_doc import UndertheseaTokenizer

__all__ = ["STAGES", "build_nlp", "check_order", "select_stages", "stage_settings"]


@registry.tokenizers("vnextract.UndertheseaTokenizer.v1")
def create_underthesea_tokenizer():
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab)

    return make


# The factories: spaCy checks a config against these signatures, so each names its settings.
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()


def make_abbreviations(nlp: Language, name: str) -> AbbreviationsComponent:
    return AbbreviationsComponent()


def make_organizations(nlp: Language, name: str, max_depth: int) -> OrganizationsComponent:
    return OrganizationsComponent(max_depth=max_depth)


def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()


def make_people(nlp: Language, name: str) -> PeopleComponent:
    return PeopleComponent()


def make_events(nlp: Language, name: str, lead_sentences: int, history_years: int) -> EventsComponent:
    return EventsComponent(lead_sentences=lead_sentences, history_years=history_years)


_FACTORIES = ((make_dates, DatesComponent), (make_abbreviations, AbbreviationsComponent),
              (make_organizations, OrganizationsComponent), (make_places, PlacesComponent),
              (make_people, PeopleComponent), (make_events, EventsComponent))


def register_factories() -> None:
    """Register every stage's factory with spaCy (once), under the stage's name, its default config
    the stage's `settings`."""
    for make, component in _FACTORIES:
        if not Language.has_factory(component.factory):
            Language.factory(component.factory, default_config=dict(component.settings), func=make)


def build_nlp(stages: tuple[tuple[str, str], ...] | None = None,
              config: Mapping[str, Mapping[str, object]] | None = None) -> Language:
    """A blank multi-language pipeline with underthesea as tokenizer and our stage components.

    `config`: settings per component name, e.g. {"vi_organizations": {"max_depth": 2}}."""
    stages = STAGES if stages is None else stages
    config = config or {}
    register_factories()
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "vnextract.UndertheseaTokenizer.v1"}}})
    for _module, factory in stages:
        nlp.add_pipe(factory, config=dict(config.get(factory, {})))
    check_order(nlp)
    return nlp


def check_order(nlp: Language) -> None:
    """Every field a stage reads is set by the tokenizer or by an earlier stage, never by a later one."""
    available = set(TOKENIZER_SETS)
    later = {name: set(getattr(component, "sets", ())) for name, component in nlp.pipeline}
    for position, (name, component) in enumerate(nlp.pipeline):
        for field in getattr(component, "reads", ()):
            if field in available:
                continue
            setters = [other for other, _ in nlp.pipeline[position + 1:] if field in later[other]]
            if setters:
                raise ValueError(f"stage {name} reads {field}, which {setters[0]} sets after it: "
                                 f"put {setters[0]} before {name}")
        available.update(later[name])


register_factories()  # importing this module makes the factories known, as spaCy's decorators do
