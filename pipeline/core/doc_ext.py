"""The spaCy `Doc` extension that carries the typed record through the pipeline.

Every stage component reads `doc._.record` (a `pipeline.core.records.Document`: normalized text,
sentences, tokens, published date, and what earlier stages found) and fills its own field of it.
Offsets in the record are character offsets into `doc.text == doc._.record.text`.
"""
from __future__ import annotations

from spacy.tokens import Doc

if not Doc.has_extension("record"):
    Doc.set_extension("record", default=None)
