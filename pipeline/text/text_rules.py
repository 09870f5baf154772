"""underthesea's text rules, the ones its `word_tokenize` applies before the CRF: a character map,
a token map and the syllable pattern, read once and kept with the CRF tables in the model cache.

Importing `underthesea` itself costs about 0.75 s in every process (its `__init__` loads joblib,
requests and every pipeline it offers), and the tokenizer needs three small objects from it. With
the rules in the cache, a run never imports underthesea: `from_underthesea` reads them only when the
cache is built. The methods do what underthesea's `normalize_characters_in_text` and
`token_normalize` do, step for step.
"""
from __future__ import annotations

import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path


def underthesea_folder() -> Path:
    """Where the underthesea package is installed, found without importing it."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("underthesea is not installed")
    return Path(spec.submodule_search_locations[0])


def rule_sources() -> tuple[Path, ...]:
    """The files the rules come from: a new underthesea release that changes one rebuilds the cache."""
    package = underthesea_folder() / "pipeline"
    return package / "text_normalize", package / "word_tokenize" / "regex_tokenize.py"


@dataclass(frozen=True)
class TextRules:
    character_map: tuple[tuple[str, str], ...]  # (non-standard, standard), replaced in this order
    token_map: dict[str, str]  # short tokens (six characters or fewer) spelled another way
    syllable_pattern: re.Pattern

    @classmethod
    def from_underthesea(cls) -> TextRules:
        from underthesea.pipeline.text_normalize.text_normalizer import character_map, token_map
        from underthesea.pipeline.word_tokenize.regex_tokenize import patterns

        return cls(tuple(character_map.items()), dict(token_map), patterns)

    def normalize_characters(self, text: str) -> str:
        """underthesea's `normalize_characters_in_text`: NFC, then the character map."""
        text = unicodedata.normalize("NFC", text)
        for non_standard, standard in self.character_map:
            text = text.replace(non_standard, standard)
        return text

    def normalize_token(self, token: str) -> str:
        """underthesea's `token_normalize`: a token longer than six characters stays as it is."""
        if len(token) > 6:
            return token
        token = self.normalize_characters(token)
        return self.token_map.get(token, token)
