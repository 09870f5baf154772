"""The spaCy side of the tokenizer: a `Doc` over a tokenized record, and the tokenizer `nlp` uses.

The `Doc` reproduces the text exactly (`doc.text == record.text`): whitespace other than a single
space becomes whitespace tokens, as spaCy's own tokenizer does. `doc._.record` carries the record
(`pipeline/core/doc_ext.py`). Kept apart from `tokenize.py` so that a run, which reads the records
alone, never imports spaCy (a second of start-up in every run).
"""
from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.core import doc_ext  # noqa: F401  (registers doc._.record)
from pipeline.core.records import Document, RawDocument
from pipeline.inputs.normalize import normalize_document
from pipeline.text.segment import segment_document
from pipeline.text.tokenize import add_tokens


def make_doc(vocab: Vocab, record: Document) -> Doc:
    """A spaCy Doc over record.text with record.tokens as its words (`add_tokens` first)."""
    add_tokens(record)
    text = record.text
    words, spaces, tags, sent_starts = [], [], [], []
    sentence_first_tokens = {}
    for tok in record.tokens:
        sentence_first_tokens.setdefault(tok.sent_id, tok.tok_id)
    starts = set(sentence_first_tokens.values())

    def add_gap(gap: str) -> None:
        if not gap:
            return
        if gap[0] == " " and words and not spaces[-1]:
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
            tags.append("_SP" if gap.isspace() else "X")
            sent_starts.append(False if words[:-1] else True)

    cursor = 0
    for tok in record.tokens:
        add_gap(text[cursor:tok.start])
        words.append(tok.text)
        spaces.append(False)
        tags.append(tok.pos)
        sent_starts.append(tok.tok_id in starts)
        cursor = tok.end
    add_gap(text[cursor:])
    if sent_starts:
        sent_starts[0] = True
    doc = Doc(vocab, words=words, spaces=spaces, tags=tags, sent_starts=sent_starts)
    doc._.record = record
    return doc


class UndertheseaTokenizer:
    """spaCy tokenizer: str → Doc. It normalizes the string as `vnextract run` does (so `doc.text` is
    the normalized text, like `documents.text`), then segments sentences and words: `nlp("...")`
    gives the same answers as a run over the same text."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        raw = normalize_document(RawDocument(doc_id="text", source="<string>", text=text))
        return make_doc(self.vocab, segment_document(raw))

    # spaCy serializes tokenizers with the pipeline; ours has no state of its own.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "UndertheseaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, **kwargs) -> "UndertheseaTokenizer":
        return self
