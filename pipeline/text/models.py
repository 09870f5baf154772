"""underthesea's bundled models and rules, as the tokenizer and the lexical layer use them, read from
the model cache (`model_cache.py`) after the first build.

- the word segmenter's and the POS tagger's CRFs (`CRFModel`: weights and template tables);
- the text rules applied before the segmenter (`text_rules.py`);
- the segmenter's dictionary of multi-syllable words, tones folded (`lexical.vietnamese_words`).

Building them (CRFsuite's string tables, joblib's pure-Python unpickler, the template tables, the
dictionary folded word by word) takes about 4 s; a later process loads the cached tables in about
0.3 s and never imports underthesea.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pipeline.core.normal_form import fold_tones
from pipeline.text.model_cache import cached_models
from pipeline.text.text_rules import TextRules, rule_sources, underthesea_folder


class CRFModel:
    """One of underthesea's bundled CRFs: its feature templates and its weights."""

    def __init__(self, directory: Path):
        # imported here, as unpickling a cached model imports them: importing this module (the
        # lexical layer does) stays light, without numba's 0.4 s
        import joblib

        from pipeline.text.crf_model import LinearChainCRF
        from pipeline.text.crf_rows import TemplateRows

        self.crf = LinearChainCRF.load(directory / "models.bin")
        self.dictionary = joblib.load(directory / "dictionary.bin")
        self.template_rows = TemplateRows(joblib.load(directory / "features.bin"), self.dictionary, self.crf)

    def __getstate__(self) -> dict:
        return {"crf": self.crf, "template_rows": self.template_rows}  # the dictionary is not needed after

    def tag(self, tokens: list[str]) -> list[str]:
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: list[list[str]]) -> list[list[str]]:
        """Labels for several non-empty sentences, computed in one pass (a document at a time)."""
        if not sentences:
            return []
        return self.crf.decode_many(self.template_rows.rows_many(sentences), [len(s) for s in sentences])


class TokenizerModels(NamedTuple):
    segmenter: CRFModel
    tagger: CRFModel
    text_rules: TextRules
    dictionary_words: frozenset[str]  # the segmenter's multi-syllable words, tones folded


def model_directories() -> tuple[Path, Path]:
    """The folders of the models `underthesea.word_tokenize` and `pos_tag` use."""
    models = underthesea_folder() / "pipeline"
    return (models / "word_tokenize" / "models" / "ws_crf_vlsp2013_20230727",
            models / "pos_tag" / "models" / "pos_crf_vlsp2013_20230303")


def build_models() -> TokenizerModels:
    segmenter, tagger = (CRFModel(d) for d in model_directories())
    words = frozenset(fold_tones(w) for w in segmenter.dictionary if " " in w)
    return TokenizerModels(segmenter, tagger, TextRules.from_underthesea(), words)


@lru_cache(maxsize=1)
def tokenizer_models() -> TokenizerModels:
    """The models, from the cache when it holds them for these files and this code."""
    return cached_models((*model_directories(), *rule_sources()), build_models)
