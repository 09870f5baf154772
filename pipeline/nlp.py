"""The spaCy `Language` that holds the in-memory document.

underthesea is the tokenizer (registered as `vnextract.UndertheseaTokenizer.v1`): given a string it
normalizes it as `vnextract run` does (NFC, one tone style, clean spaces), segments sentences and
words, and builds the record's lexical layer. Every later stage is a component registered with
`@Language.factory` in its own module and added here in stage order. Each declares the record
fields it reads and sets (`pipeline/extract/stage.py`); `build_nlp` refuses an order in which a
stage reads what only a later one sets, and `select_stages` adds the stages a chosen one needs.

    nlp = build_nlp()
    doc = nlp("Trung tướng Nguyễn Mạnh Hùng chủ trì hội nghị chiều 26/12.")
    doc._.record.appearances, doc._.record.dates, doc.ents, doc.spans["vnextract"]
"""
from __future__ import annotations

import importlib
from collections.abc import Mapping

import spacy
from spacy.language import Language
from spacy.util import registry

from pipeline.extract.stage import TOKENIZER_SETS, stage_class
from pipeline.text.tokenize import UndertheseaTokenizer

# Stage order (module that registers the factory, factory name).
STAGES: tuple[tuple[str, str], ...] = (
    ("pipeline.extract.dates.mentions", "vi_dates"),
    ("pipeline.extract.abbreviations.detector", "vi_abbreviations"),  # before the names: they expand
    ("pipeline.extract.organizations.component", "vi_organizations"),
    ("pipeline.extract.places.component", "vi_places"),  # reads the ORG spans
    ("pipeline.extract.people.component", "vi_people"),
    ("pipeline.extract.events.component", "vi_events"),
)


@registry.tokenizers("vnextract.UndertheseaTokenizer.v1")
def create_underthesea_tokenizer():
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab)

    return make


def build_nlp(stages: tuple[tuple[str, str], ...] | None = None,
              config: Mapping[str, Mapping[str, object]] | None = None) -> Language:
    """A blank multi-language pipeline with underthesea as tokenizer and our stage components.

    `config`: settings per component name, e.g. {"vi_organizations": {"max_depth": 2}}."""
    stages = STAGES if stages is None else stages
    config = config or {}
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "vnextract.UndertheseaTokenizer.v1"}}})
    for module, factory in stages:
        importlib.import_module(module)  # registers the factory
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
        importlib.import_module(module)
        for field in stage_class(factory).sets:
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
    """The settings (factory config) of the selected stages, as the pipeline builds them: part of a
    run's fingerprint, so that a changed default reprocesses the documents."""
    settings = {}
    for module, factory in select_stages(names):
        importlib.import_module(module)
        settings[factory] = dict(Language.get_factory_meta(factory).default_config or {})
    return settings
