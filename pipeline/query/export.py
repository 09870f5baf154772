"""`vnextract export`: a run's extraction in the formats researchers train and score with.

Labels: PER, ORG, LOC (from `mentions`: PERSON, ORG, LOC), DATE (from `dates`), and RANK and TITLE:
a person's rank and titles (`appearances`) where the text writes them as they are, in the
mention's sentence ("Trung tướng" right before "Nguyễn Mạnh Hùng"; "Chính ủy Tổng cục Công nghiệp
quốc phòng"; a title the pipeline wrote with an abbreviation expanded is not in the text, so it
has no span).

- `conll`: IOB over the project's tokens, one token per line, multi-syllable words written with "_"
  ("Trung_tướng"), a token split where a span starts or ends inside it. Tag column 1 holds PER,
  ORG, LOC and DATE; column 2 RANK, TITLE and any span that overlaps one in column 1 (a place inside
  an organization's name); `layers` sets how many tag columns there are, and a span that fits in
  none is counted in `ExportSummary.unplaced`. "# doc_id = …" and "# text = …" comment lines
  (CoNLL-U style) keep the document and the sentence's running text, so
  `pipeline.inputs.conll` reads the file back to the same sentences and spans; without comments,
  "-DOCSTART-" lines separate documents, as in CoNLL-2003.
- `docbin`: a spaCy `DocBin` (`.spacy`) for `spacy train`: one Doc per document whose text is
  `documents.text` exactly, `ents` = the PER/ORG/LOC/DATE spans that do not overlap, and
  `spans["sc"]` = every span, RANK and TITLE included; `user_data` holds doc_id, title, published.
- `jsonl`: one line per document: id, title, published, text and `entities`
  ({start, end, label, text}, character offsets into text); `vnextract run` reads it back, with
  the entities in `input_annotations`.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

FORMATS = ("conll", "docbin", "jsonl")
MENTION_LABELS = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC"}
ENTITY_LABELS = ("PER", "ORG", "LOC", "DATE")  # column 1 of the CoNLL file, the DocBin's ents
SPANS_KEY = "sc"  # spaCy's default span group for the spancat component
BATCH_DOCUMENTS = 500


@dataclass(frozen=True, order=True)
class LabelledSpan:
    start: int
    end: int
    label: str


@dataclass
class ExportDocument:
    doc_id: str
    title: str | None
    published: object
    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[tuple[int, int]] = field(default_factory=list)  # (start, end), in text order
    spans: list[LabelledSpan] = field(default_factory=list)


@dataclass
class ExportSummary:
    documents: int = 0
    spans: int = 0
    unplaced: int = 0  # spans the format could not hold (no free tag column; across sentences)


# ---------------------------------------------------------------------------------------------
# Reading the output


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[tuple]:
    return con.execute(sql, params).fetchall()


def _near_person(text: str, sentence: tuple[int, int], phrase: str, mention: tuple[int, int],
                 right_before: bool) -> tuple[int, int] | None:
    """Where the sentence writes `phrase` (any case), nearest the person's mention; a rank only
    when it ends right before the name."""
    if not phrase:
        return None
    s, e = sentence
    if right_before:
        before = text[s:mention[0]].rstrip()
        start = s + len(before) - len(phrase)
        return (start, start + len(phrase)) if start >= s and before[-len(phrase):].casefold() == phrase.casefold() else None
    found = [m.span() for m in re.finditer(re.escape(phrase), text[s:e], re.IGNORECASE)]
    found = [(s + a, s + b) for a, b in found if s + b <= mention[0] or s + a >= mention[1]]
    return min(found, key=lambda sp: min(abs(sp[0] - mention[1]), abs(mention[0] - sp[1])), default=None)


def rank_and_title_spans(text: str, sentences: list[tuple[int, int]], persons: list[tuple[int, int, str]],
                         appearances: dict[str, tuple[str | None, list[str]]]) -> set[LabelledSpan]:
    """RANK and TITLE spans of the people mentioned (persons: (start, end, canonical name))."""
    spans = set()
    for start, end, name in persons:
        rank, titles = appearances.get(name, (None, []))
        sentence = next(((s, e) for s, e in sentences if s <= start < e), None)
        if sentence is None:
            continue
        for label, phrase, right_before in [("RANK", rank, True)] + [("TITLE", t, False) for t in titles]:
            found = _near_person(text, sentence, phrase or "", (start, end), right_before)
            if found:
                spans.add(LabelledSpan(*found, label))
    return spans


def iter_documents(con: duckdb.DuckDBPyConnection) -> Iterator[ExportDocument]:
    """Every document of the output, in doc_id order, with its sentences, tokens and spans."""
    doc_ids = [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()]
    for i in range(0, len(doc_ids), BATCH_DOCUMENTS):
        batch = doc_ids[i:i + BATCH_DOCUMENTS]
        where = "WHERE doc_id IN (SELECT unnest(?))"
        sentences, tokens, persons, spans = (defaultdict(list) for _ in range(4))
        appearances = defaultdict(dict)
        for d, s, e in _rows(con, f'SELECT doc_id, start, "end" FROM sentences {where} ORDER BY doc_id, start', [batch]):
            sentences[d].append((s, e))
        for d, s, e in _rows(con, f'SELECT doc_id, start, "end" FROM tokens {where} ORDER BY doc_id, start', [batch]):
            tokens[d].append((s, e))
        for d, s, e, label, name in _rows(con, f'SELECT doc_id, start, "end", label, name FROM mentions {where}',
                                          [batch]):
            if label in MENTION_LABELS:
                spans[d].append(LabelledSpan(s, e, MENTION_LABELS[label]))
            if label == "PERSON":
                persons[d].append((s, e, name))
        for d, s, e in _rows(con, f'SELECT doc_id, start, "end" FROM dates {where}', [batch]):
            spans[d].append(LabelledSpan(s, e, "DATE"))
        for d, name, rank, titles in _rows(con, f"SELECT doc_id, name, rank, titles FROM appearances {where}",
                                           [batch]):
            appearances[d][name] = (rank, list(titles or []))
        for d, title, published, text in _rows(
                con, f"SELECT doc_id, title, published, text FROM documents {where} ORDER BY doc_id", [batch]):
            text = text or ""
            found = set(spans[d]) | rank_and_title_spans(text, sentences[d], persons[d], appearances[d])
            yield ExportDocument(d, title, published, text, sentences[d], tokens[d],
                                 sorted(sp for sp in found if 0 <= sp.start < sp.end <= len(text)))


# ---------------------------------------------------------------------------------------------
# Spans in layers, tokens split at span edges


def assign_layers(spans: list[LabelledSpan], layers: int) -> tuple[list[list[LabelledSpan]], list[LabelledSpan]]:
    """Spans in non-overlapping layers: PER/ORG/LOC/DATE from layer 0, RANK/TITLE from layer 1,
    each in the first layer where it overlaps nothing (longer spans first); and those that fit nowhere."""
    placed: list[list[LabelledSpan]] = [[] for _ in range(layers)]
    unplaced = []
    for span in sorted(spans, key=lambda s: (s.label not in ENTITY_LABELS, s.start, -(s.end - s.start), s.label)):
        first = 0 if span.label in ENTITY_LABELS else min(1, layers - 1)
        for layer in placed[first:]:
            if all(span.end <= o.start or o.end <= span.start for o in layer):
                layer.append(span)
                break
        else:
            unplaced.append(span)
    return [sorted(layer) for layer in placed], unplaced


def split_tokens(text: str, tokens: list[tuple[int, int]], spans: list[LabelledSpan]) -> list[tuple[int, int]]:
    """The tokens, each cut where a span starts or ends inside it ("Vinh Quang" → "Vinh", "Quang"
    when a span ends after "Vinh"); the pieces lose the spaces at their edges."""
    edges = sorted({e for s in spans for e in (s.start, s.end)})
    out = []
    for start, end in tokens:
        cuts = [e for e in edges if start < e < end]
        bounds = [start, *cuts, end]
        for a, b in zip(bounds, bounds[1:]):
            piece = text[a:b]
            a, b = a + len(piece) - len(piece.lstrip()), b - len(piece) + len(piece.rstrip())
            if a < b:
                out.append((a, b))
    return out


def iob_tags(tokens: list[tuple[int, int]], spans: list[LabelledSpan]) -> list[str]:
    tags = ["O"] * len(tokens)
    for span in spans:
        inside = [i for i, (a, b) in enumerate(tokens) if span.start <= a and b <= span.end]
        for n, i in enumerate(inside):
            tags[i] = f"{'B' if n == 0 else 'I'}-{span.label}"
    return tags


# ---------------------------------------------------------------------------------------------
# Writers


def conll_lines(documents: Iterator[ExportDocument], summary: ExportSummary, layers: int = 2,
                comments: bool = True) -> Iterator[str]:
    """The CoNLL file, line by line (see the module doc)."""
    for doc in documents:
        summary.documents += 1
        summary.spans += len(doc.spans)
        yield f"# doc_id = {doc.doc_id}" if comments else "-DOCSTART-"
        if not comments:
            yield ""
        by_sentence = defaultdict(list)
        for span in doc.spans:
            sentence = next((i for i, (s, e) in enumerate(doc.sentences) if s <= span.start and span.end <= e), None)
            if sentence is None:
                summary.unplaced += 1
            else:
                by_sentence[sentence].append(span)
        for i, (s, e) in enumerate(doc.sentences):
            placed, unplaced = assign_layers(by_sentence[i], layers)
            summary.unplaced += len(unplaced)
            tokens = split_tokens(doc.text, [(a, b) for a, b in doc.tokens if s <= a and b <= e],
                                  [sp for layer in placed for sp in layer])
            if not tokens:
                continue
            columns = [iob_tags(tokens, layer) for layer in placed]
            if comments:
                yield f"# text = {doc.text[s:e]}"
            for k, (a, b) in enumerate(tokens):
                word = re.sub(r"\s+", "_", doc.text[a:b])
                yield "\t".join([word, *(column[k] for column in columns)])
            yield ""


def jsonl_lines(documents: Iterator[ExportDocument], summary: ExportSummary) -> Iterator[str]:
    for doc in documents:
        summary.documents += 1
        summary.spans += len(doc.spans)
        yield json.dumps({
            "id": doc.doc_id, "title": doc.title,
            "published": doc.published.isoformat() if hasattr(doc.published, "isoformat") else doc.published,
            "text": doc.text,
            "entities": [{"start": s.start, "end": s.end, "label": s.label, "text": doc.text[s.start:s.end]}
                         for s in doc.spans],
        }, ensure_ascii=False)


def to_spacy_doc(vocab, doc: ExportDocument):
    """A spaCy Doc whose text is the document's text exactly (see the module doc)."""
    from spacy.tokens import Doc, Span

    tokens = split_tokens(doc.text, doc.tokens, doc.spans)
    words, spaces, cursor = [], [], 0

    def gap(upto: int) -> None:  # text between tokens: one space is a token's trailing space, the rest tokens
        piece = doc.text[cursor:upto]
        if words and piece.startswith(" ") and not spaces[-1]:
            spaces[-1], piece = True, piece[1:]
        for run in re.findall(r"\s+|\S+", piece):
            words.append(run)
            spaces.append(False)

    for a, b in tokens:
        gap(a)
        words.append(doc.text[a:b])
        spaces.append(False)
        cursor = b
    gap(len(doc.text))
    sdoc = Doc(vocab, words=words, spaces=spaces)
    assert sdoc.text == doc.text
    entity_layer, _ = assign_layers([s for s in doc.spans if s.label in ENTITY_LABELS], 1)
    sdoc.ents = [Span(sdoc, *_token_bounds(sdoc, s), label=s.label) for s in entity_layer[0]]
    sdoc.spans[SPANS_KEY] = [Span(sdoc, *_token_bounds(sdoc, s), label=s.label) for s in doc.spans]
    sdoc.user_data.update({"doc_id": doc.doc_id, "title": doc.title,
                           "published": doc.published.isoformat() if hasattr(doc.published, "isoformat") else None})
    return sdoc


def _token_bounds(sdoc, span: LabelledSpan) -> tuple[int, int]:
    char_span = sdoc.char_span(span.start, span.end) or sdoc.char_span(span.start, span.end,
                                                                        alignment_mode="expand")
    return char_span.start, char_span.end


def write_docbin(documents: Iterator[ExportDocument], path: Path, summary: ExportSummary) -> None:
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("xx").vocab  # "vi" would need pyvi; the Docs only carry words and spans
    docbin = DocBin(store_user_data=True)
    for doc in documents:
        summary.documents += 1
        summary.spans += len(doc.spans)
        docbin.add(to_spacy_doc(vocab, doc))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
