"""Input: CoNLL / IOB files (VLSP, PhoNER, `vnextract export --format conll`) read as documents,
their gold tags kept as `InputAnnotation`s (the `input_annotations` table).

The format: one token per line, its columns separated by tabs (or, in a file without tabs, by
spaces); a blank line ends a sentence; a "-DOCSTART-" line ends a document. Comment lines in the
CoNLL-U style are read: "# doc_id = X" (or "# newdoc id = X") starts a document named X,
"# text = …" gives the sentence's running text.

    Trung_tướng       O      B-RANK
    Nguyễn_Mạnh_Hùng  B-PER  O
    ,                 O      O

Which columns are tags: every column after the token whose values are all IOB tags (O, B-X, I-X,
and E-X, S-X of BIOES; "B_X" too), from the first one that is not a phrase-chunk column (B-NP,
B-VP: VLSP 2016's third column; see resources/research/chunk_labels.txt). Column k of those is
annotation layer k: layer 0 is the flat NER layer, the next ones nested entities. Tags are decoded
as conlleval does: an I- tag after O or after another label starts a span.

A document's text is running text, one sentence per line: the sentence's "# text = …" when its
tokens are found in it in order, else the tokens written back by `pipeline.inputs.pretokenized`
("Trung_tướng Nguyễn_Mạnh_Hùng ," → "Trung tướng Nguyễn Mạnh Hùng,"). Tokens are brought to the
normal form first (NFC, one tone style), so the normalize stage leaves the text as it is and the
annotations' offsets hold in `documents.text`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.core.normal_form import normalize_text
from pipeline.core.records import ErrorRecord, InputAnnotation, RawDocument
from pipeline.core.resource_files import read_list
from pipeline.inputs.pretokenized import detokenize_tokens, token_text

CONLL_SUFFIXES = (".conll", ".iob")
DOCSTART = "-DOCSTART-"
_IOB_RE = re.compile(r"(?:O|([BIES])[-_](\S+))")
_COMMENT_RE = re.compile(r"#\s*([\w ]+?)\s*=\s?(.*)")


@lru_cache(maxsize=1)
def chunk_labels() -> frozenset[str]:
    return frozenset(read_list("research/chunk_labels.txt"))


@dataclass
class ConllSentence:
    rows: list[list[str]] = field(default_factory=list)  # columns of each token line
    text: str | None = None  # "# text = …"


@dataclass
class ConllDocument:
    name: str | None = None  # "# doc_id = …"
    sentences: list[ConllSentence] = field(default_factory=list)


def _columns(line: str, tabbed: bool) -> list[str]:
    return [c.strip() for c in line.split("\t")] if tabbed else line.split()


def _is_hash_token(columns: list[str]) -> bool:
    """A token line whose token is "#" ("#  O"), not a comment."""
    return columns[0] == "#" and len(columns) > 1 and all(_IOB_RE.fullmatch(c) for c in columns[1:])


def parse_conll(text: str) -> list[ConllDocument]:
    """The file's documents, sentences and token rows (comments read, blank lines as boundaries)."""
    tabbed = "\t" in text
    documents = [ConllDocument()]
    sentence = ConllSentence()

    def end_sentence() -> None:
        nonlocal sentence
        if sentence.rows:
            documents[-1].sentences.append(sentence)
        sentence = ConllSentence(text=None)

    def new_document(name: str | None) -> None:
        end_sentence()
        if documents[-1].sentences or documents[-1].name is not None:
            documents.append(ConllDocument())
        documents[-1].name = name

    for line in text.splitlines():
        if not line.strip():
            end_sentence()
            continue
        columns = _columns(line, tabbed)
        if line.lstrip().startswith("#") and not _is_hash_token(columns):
            comment = _COMMENT_RE.fullmatch(line.strip())
            key, value = (comment.group(1).strip(), comment.group(2).strip()) if comment else ("", "")
            if key in ("doc_id", "newdoc id"):
                new_document(value or None)
            elif key == "text":
                end_sentence()
                sentence.text = value
            continue
        if columns[0] == DOCSTART:
            new_document(None)
            continue
        sentence.rows.append(columns)
    end_sentence()
    return [d for d in documents if d.sentences]


def tag_columns(rows: list[list[str]]) -> list[int]:
    """Indices of the tag columns (see the module doc); [] for a file of bare tokens."""
    width = max((len(r) for r in rows), default=0)
    iob = [k for k in range(1, width)
           if all(_IOB_RE.fullmatch(r[k] if k < len(r) else "O") for r in rows)]
    for position, k in enumerate(iob):
        labels = {r[k][2:] for r in rows if k < len(r) and r[k] != "O"}
        if not labels or not labels <= chunk_labels():
            return iob[position:]
    return []


def decode_iob(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, token after the last, label) of each span the tags mark."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None

    def close(end: int) -> None:
        nonlocal start, label
        if start is not None:
            spans.append((start, end, label))
        start, label = None, None

    for i, tag in enumerate(tags):
        m = _IOB_RE.fullmatch(tag)
        prefix, tag_label = (m.group(1), m.group(2)) if m and m.group(1) else (None, None)
        if prefix is None:
            close(i)
        elif prefix in ("B", "S") or tag_label != label:
            close(i)
            start, label = i, tag_label
        if prefix in ("E", "S"):
            close(i + 1)
    close(len(tags))
    return spans


def _aligned(text: str, tokens: list[str]) -> list[tuple[int, int]] | None:
    """Each token's span in the sentence's own text, or None when they are not all in it, in order."""
    spans, cursor = [], 0
    for token in tokens:
        for form in dict.fromkeys((token, token_text(token))):
            at = text.find(form, cursor)
            if at >= 0 and not text[cursor:at].strip():
                spans.append((at, at + len(form)))
                cursor = at + len(form)
                break
        else:
            return None
    return spans if not text[cursor:].strip() else None


def to_raw_document(doc: ConllDocument, doc_id: str, source: str, columns: list[int]) -> RawDocument:
    """A CoNLL document as running text with its tags as annotations (offsets into the text)."""
    lines, annotations, offset = [], [], 0
    for sentence in doc.sentences:
        tokens = [normalize_text(r[0]) for r in sentence.rows]
        own = normalize_text(sentence.text) if sentence.text else None
        spans = _aligned(own, tokens) if own else None
        line, spans = (own, spans) if spans is not None else detokenize_tokens(tokens)
        for layer, k in enumerate(columns):
            tags = [r[k] if k < len(r) else "O" for r in sentence.rows]
            for first, after, label in decode_iob(tags):
                start, end = spans[first][0], spans[after - 1][1]
                annotations.append(InputAnnotation(offset + start, offset + end, line[start:end], label, layer))
        lines.append(line)
        offset += len(line) + 1
    return RawDocument(doc_id=doc_id, source=source, text="\n".join(lines),
                       annotations=tuple(sorted(annotations, key=lambda a: (a.start, a.layer, -a.end))))


def read_conll_text(text: str, doc_id: str, source: str) -> Iterator[RawDocument | ErrorRecord]:
    """Every document of a CoNLL file's text; doc_id is the file's, plus ":n" when it holds several
    (unless "# doc_id = …" names them)."""
    documents = parse_conll(text)
    if not documents:
        yield ErrorRecord(source, doc_id, "ingest", "EmptyDocument", "CoNLL file holds no token lines")
        return
    columns = tag_columns([r for d in documents for s in d.sentences for r in s.rows])
    for n, doc in enumerate(documents, start=1):
        name = doc.name or (doc_id if len(documents) == 1 else f"{doc_id}:{n}")
        yield to_raw_document(doc, name, source, columns)


def looks_like_conll(text: str) -> bool:
    """A .txt file in CoNLL shape: token lines with a tag column, or bare one-token lines with blank
    lines between sentences (never an article, whose lines hold many words)."""
    lines = [line for line in text.splitlines()[:2000] if line.strip() and not line.lstrip().startswith("#")]
    if len(lines) < 3:
        return False
    tabbed = "\t" in text
    rows = [_columns(line, tabbed) for line in lines]
    if all(len(r) == 1 for r in rows):  # bare tokens: one per line, sentences between blank lines
        return "\n\n" in text.strip() and all(len(line.split()) == 1 for line in lines)
    return len({len(r) for r in rows}) == 1 and bool(tag_columns(rows))


def fit_annotations(annotations: tuple[InputAnnotation, ...], text: str, shift: int = 0) -> list[InputAnnotation]:
    """The annotations placed in the document's final text, which starts `shift` characters later
    (a separate title put in front); one whose text is not there is looked for nearby."""
    placed = []
    for a in annotations:
        start = a.start + shift
        if text[start:start + len(a.text)] != a.text:
            start = text.find(a.text, max(0, start - 200))
            if start < 0:
                continue
        placed.append(InputAnnotation(start, start + len(a.text), a.text, a.label, a.layer))
    return placed


def annotations_from_json(entities, text: str) -> tuple[InputAnnotation, ...]:
    """A JSON record's labelled spans (`vnextract export --format jsonl` writes them; spaCy-style
    [start, end, label] lists are read too) as annotations of its text; ill-formed ones are skipped."""
    annotations = []
    for e in entities if isinstance(entities, list) else ():
        if isinstance(e, dict):
            start, end, label, layer = e.get("start"), e.get("end"), e.get("label"), e.get("layer", 0)
        elif isinstance(e, (list, tuple)) and len(e) >= 3:
            (start, end, label), layer = e[:3], 0
        else:
            continue
        if (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
                and isinstance(label, str) and label and isinstance(layer, int)):
            annotations.append(InputAnnotation(start, end, text[start:end], label, layer))
    return tuple(sorted(annotations, key=lambda a: (a.start, a.layer, -a.end)))
