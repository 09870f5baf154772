"""Stage: word segmentation and POS tags with underthesea, on the document record.

underthesea's CRF word segmenter gives one token per word ("Trung tướng", "Nguyễn Mạnh Hùng");
its bundled VLSP-2013 CRF POS model tags them. Both models ship with the package, so nothing is
downloaded. We run those models ourselves (`crf_model.py` reads their weights, `crf_rows.py` finds
each token's attributes without building feature strings): the words and tags are
`underthesea.word_tokenize`'s and `pos_tag`'s, in about 60 % of `word_tokenize`'s own time
(underthesea's feature builder dominated the cost of the whole pipeline).

Tokens are aligned back to the document text so `text[start:end] == token.text` always holds,
and `spacy_doc.make_doc` builds the spaCy `Doc` from them. This module imports no spaCy: a run
(`pipeline.run`) works on records alone.
"""
from __future__ import annotations

from functools import lru_cache

# The code the cached models run (numba's kernels among it), imported with the stage that runs them:
# a run's driver loads it once, before its workers fork, and they share it.
from pipeline.text import crf_model, crf_rows  # noqa: F401
from pipeline.text.models import tokenizer_models
from pipeline.core.records import Document, Token
from pipeline.text.lexical import syllables_of


@lru_cache(maxsize=500_000)
def _normalize_short_token(token: str) -> str:
    return tokenizer_models().text_rules.normalize_token(token)


def split_syllables(sentence: str) -> list[str]:
    """underthesea's `regex_tokenize.tokenize(sentence)`, about 2.5 times as fast.

    Its regular expression tries some twenty patterns at every position, and none of them takes in
    whitespace, so the text's whitespace-separated chunks tokenize one by one. A chunk of letters
    alone ("tướng") is always one token (only the `\\w+` pattern matches it, and takes it whole).
    Any other chunk ("Hùng,", "26/12", "(CNQP)") tokenizes the same wherever it stands, except at
    the very end of the text, where one pattern (`[A-ZĐ]+\\.(?!$)`) reads differently: its tokens
    are memoized by (chunk, at the end). underthesea then normalizes every token of six characters
    or fewer again on its own (NFC plus a character map); that depends on the token alone, and
    short tokens repeat, so it is memoized too.
    """
    return _syllables_at(sentence)[0]


@lru_cache(maxsize=200_000)
def _chunk_tokens(chunk: str, at_end: bool) -> tuple[tuple[int, str], ...]:
    """(offset, token) of underthesea's tokens in a chunk with no letters-only shape. Its neighbours
    are white space (or the text's edges), which every look-around of the patterns reads alike,
    except `$`: true after the chunk only at the end of the text."""
    patterns = tokenizer_models().text_rules.syllable_pattern
    return tuple((m.start(), m.group()) for m in patterns.finditer(chunk if at_end else chunk + " ")
                 if m.start() < len(chunk))


def _syllables_at(sentence: str) -> tuple[list[str], list[int] | None]:
    """`split_syllables(sentence)`, and where each syllable starts in the sentence: None when
    underthesea's normalization rewrote the sentence or a syllable (then `_align` finds them)."""
    text = tokenizer_models().text_rules.normalize_characters(sentence)
    tokens: list[str] = []
    starts: list[int] = []
    append_token, append_start, find = tokens.append, starts.append, text.find
    cursor, size = 0, len(text)
    for chunk in text.split():
        at = find(chunk, cursor)
        cursor = at + len(chunk)
        if chunk.isalpha():
            append_token(chunk)
            append_start(at)
        else:  # "$" also holds before a final newline
            for offset, token in _chunk_tokens(chunk, cursor == size or (cursor == size - 1 and text[cursor] == "\n")):
                append_token(token)
                append_start(at + offset)
    # underthesea's token_normalize returns longer tokens unchanged
    normalized = [_normalize_short_token(token) if len(token) <= 6 else token for token in tokens]
    return normalized, (starts if text == sentence and normalized == tokens else None)


def segment_words(sentence: str) -> list[str]:
    """`underthesea.word_tokenize(sentence)`, word for word, with the faster featurizer."""
    return segment_many([sentence])[0]


def segment_many(sentences: list[str]) -> list[list[str]]:
    """`segment_words` for each sentence, the CRF run once over all of them."""
    return [words for words, _ in _segment(sentences)]


def _segment(sentences: list[str]) -> list[tuple[list[str], list[tuple[int, int]] | None]]:
    """Each sentence's words, and their spans in the sentence (None: `_align` finds them)."""
    split = [_syllables_at(sentence) for sentence in sentences]
    tags = iter(tokenizer_models().segmenter.tag_many([syllables for syllables, _ in split if syllables]))
    segmented = []
    for syllables, starts in split:
        words: list[str] = []
        spans: list[tuple[int, int]] = []
        for k, (tag, syllable) in enumerate(zip(next(tags) if syllables else (), syllables)):
            if tag == "I-W" and words:
                words[-1] += " " + syllable
                if starts is not None:
                    spans[-1] = (spans[-1][0], starts[k] + len(syllable))
            else:
                words.append(syllable)
                if starts is not None:
                    spans.append((starts[k], starts[k] + len(syllable)))
        segmented.append((words, spans if starts is not None else None))
    return segmented


def _align(text: str, words: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of underthesea's words inside text[start:end]."""
    spans, cursor = [], start
    for word in words:
        word_start = word_end = None
        for syllable in word.split(" "):
            found = text.find(syllable, cursor, end)
            if found < 0 or text[cursor:found].strip():
                # underthesea rewrote the syllable (rare): take the same number of characters
                while cursor < end and text[cursor].isspace():
                    cursor += 1
                found = cursor
            if word_start is None:
                word_start = found
            cursor = word_end = min(found + len(syllable), end)
        if word_start is not None and word_end > word_start:
            spans.append((word_start, word_end))
    return spans


def tokenize_sentence(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, POS) for each word of text[start:end]."""
    words = segment_words(text[start:end])
    if not words:
        return []
    tags = tokenizer_models().tagger.tag(words)
    return [(s, e, _pos(tag)) for (s, e), tag in zip(_align(text, words, start, end), tags)]


def _pos(tag: str) -> str:
    """The model's "B-Np" is the POS tag "Np" (every word is one chunk)."""
    return tag[2:] if tag.startswith(("B-", "I-")) else tag


def tokenize_document(record: Document) -> list[Token]:
    """Tokens for every sentence of the document, tok_id running over the document.

    Both CRFs run once per document over all its sentences (see `LinearChainCRF.decode_many`);
    words and tags are those of processing each sentence alone."""
    text = record.text
    sentence_words = _segment([text[sentence.start:sentence.end] for sentence in record.sentences])
    segmented = [(sentence, words, spans) for sentence, (words, spans) in zip(record.sentences, sentence_words)
                 if words]
    pos_tagger = tokenizer_models().tagger
    all_tags = pos_tagger.tag_many([words for _, words, _ in segmented])
    pos_of = {label: _pos(label) for label in pos_tagger.crf.labels}
    tokens: list[Token] = []
    append, new_token = tokens.append, tuple.__new__  # Token's own __new__ is a Python call: twice slower
    for (sentence, words, spans), tags in zip(segmented, all_tags):
        offset, sent_id = sentence.start, sentence.sent_id
        if spans is None:
            spans, offset = _align(text, words, sentence.start, sentence.end), 0
        for (s, e), tag in zip(spans, tags):
            s, e = s + offset, e + offset
            append(new_token(Token, (sent_id, len(tokens), s, e, text[s:e], pos_of[tag])))
    return tokens


def add_tokens(record: Document) -> Document:
    """The record's words and POS tags (unless the input gave them) and its lexical layer
    (`record.syllables`), computed once for every scanner."""
    if not record.tokens and record.sentences:
        record.tokens = tokenize_document(record)
    if not record.syllables:
        record.syllables = syllables_of(record.text)
    return record
