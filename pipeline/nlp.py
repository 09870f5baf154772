"""The spaCy `Language` that holds the in-memory document.

underthesea is the tokenizer (registered as `vnextract.UndertheseaTokenizer.v1`); every later
stage is a custom component registered with `@Language.factory` in its own module and added here
in stage order. Abbreviations run before entities because canonical organization names and
titles need the document's own expansions ("Tổng cục CNQP" → "Tổng cục Công nghiệp quốc phòng").

    nlp = build_nlp()
    doc = nlp("Trung tướng Nguyễn Mạnh Hùng chủ trì hội nghị chiều 26/12.")
    doc._.record.appearances, doc._.record.dates
"""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.util import registry

from pipeline.text.tokenize import UndertheseaTokenizer

# Stage order (module that registers the factory, factory name).
STAGES: tuple[tuple[str, str], ...] = (
    ("pipeline.extract.dates.mentions", "vi_dates"),
    ("pipeline.extract.abbreviations.detector", "vi_abbreviations"),
    ("pipeline.extract.organizations.component", "vi_organizations"),
    ("pipeline.extract.places.component", "vi_places"),  # after organizations: reuses its analysis of the text
    ("pipeline.extract.people.component", "vi_people"),
    ("pipeline.extract.events.component", "vi_events"),
)


@registry.tokenizers("vnextract.UndertheseaTokenizer.v1")
def create_underthesea_tokenizer():
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab)

    return make


def build_nlp(stages: tuple[tuple[str, str], ...] | None = None) -> Language:
    """A blank multi-language pipeline with underthesea as tokenizer and our stage components."""
    import importlib

    stages = STAGES if stages is None else stages
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "vnextract.UndertheseaTokenizer.v1"}}})
    for module, factory in stages:
        importlib.import_module(module)  # registers the factory
        nlp.add_pipe(factory)
    return nlp


def select_stages(names: tuple[str, ...] | None) -> tuple[tuple[str, str], ...]:
    """The STAGES entries for the given component names (None: all), in pipeline order."""
    if names is None:
        return STAGES
    known = {factory for _, factory in STAGES}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return tuple(stage for stage in STAGES if stage[1] in names)
