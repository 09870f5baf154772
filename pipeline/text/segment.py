"""Stage: split a normalized document into sentences with a kind, and find its authors.

Kinds: `headline` (the first line when it reads as a title), `body`, `caption` (photo captions:
a short one-sentence paragraph set apart by blank lines or carrying a photo credit), and `byline`
("Tin, ảnh: PHƯƠNG ANH - TUẤN MINH", "Ảnh: …" credits, a trailing line that is just a name).
Authors go to `Document.authors` in title case. A dateline/source prefix ("CNQP&KT-",
"(QĐND) -", "HÀ NỘI (TTXVN) -") at the start of the first body paragraph is recorded in
`Document.source_prefix`.

Splitting is done with regular expressions over the text (offset-exact and fast); word
segmentation comes later, per sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.text.bylines import credit_line_names, inline_credit_names, read_list, signature_names, title_case
from pipeline.core.records import Document, RawDocument, Sentence

MAX_HEADLINE_WORDS = 40
MAX_CAPTION_WORDS = 40


@lru_cache(maxsize=None)
def _patterns():
    return {
        # A sentence ends after . ! ? … (and closing quotes/brackets) before a space and a capital,
        # digit, quote or dash; `_split_paragraph` vetoes title abbreviations such as "ThS.".
        "boundary": re.compile(r"(?<=[.!?…])([\"'”’)\]]*)\s+(?=[\"“‘'(\[\-–—]?(\w))"),
        "non_final": frozenset(read_list("non_final_abbreviations.txt")),
        "credit_in_parens": re.compile(r"\((?:Ảnh|Ảnh minh họa|Nguồn)\s*:", re.IGNORECASE),
    }


# "CNQP&KT-", "TTO -", "VOV.VN -", "(QĐND) -", "HÀ NỘI (TTXVN) -", "(Chinhphu.vn) -"
_SOURCE_PREFIX_RE = re.compile(
    r"^(?:(?:[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ0-9&.+]*(?: [A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ0-9&.+]*){0,3})\s*(?:\([^()\n]{2,40}\))?"
    r"|\([^()\n]{2,40}\))\s*[-–—]+\s*"
)


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph (one line of the text)."""
    pats = _patterns()
    spans, cursor = [], start
    for m in pats["boundary"].finditer(text, start, end):
        last_word = text[max(cursor, m.start() - 12):m.start()].split(" ")[-1].rstrip(".\"'”’)]")
        if not (m.group(2).isupper() or m.group(2).isdigit()):
            continue  # the next sentence must start with a capital or a digit
        if last_word in pats["non_final"] or (len(last_word) == 1 and last_word.isupper()):
            continue  # "ThS. Nguyễn Văn A", "Nguyễn H. Dũng": not a sentence end
        if m.end(1) > cursor:
            spans.append((cursor, m.end(1)))  # closing quotes stay with their sentence
        cursor = m.end()
    if cursor < end:
        spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _paragraphs(text: str) -> list[tuple[int, int, int]]:
    """(start, end, blank lines before) for each non-empty line."""
    result, blank, pos = [], 0, 0
    for line in text.split("\n"):
        if line.strip():
            result.append((pos, pos + len(line), blank))
            blank = 0
        else:
            blank += 1
        pos += len(line) + 1
    return result


def segment_text(text: str) -> tuple[list[Sentence], list[str], str | None]:
    """Sentences with kinds, author names, and the dateline prefix of the first body paragraph."""
    paragraphs = _paragraphs(text)
    pats = _patterns()
    sentences: list[Sentence] = []
    authors: list[str] = []
    source_prefix = None
    seen_body = False
    body_paragraphs = 0
    for index, (p_start, p_end, blank_before) in enumerate(paragraphs):
        line = text[p_start:p_end]
        is_last = index == len(paragraphs) - 1
        spans = _split_paragraph(text, p_start, p_end)
        credit = credit_line_names(line)
        signature = signature_names(text[spans[-1][0]:spans[-1][1]]) if is_last and index > 0 and spans else None
        if credit is not None:
            kind = "byline"
            authors.extend(credit)
        elif signature and len(spans) == 1:
            kind = "byline"
            authors.extend(signature)
        elif index == 0 and len(line.split()) <= MAX_HEADLINE_WORDS and line.rstrip()[-1:] not in ".!?…:;":
            kind = "headline"
        elif seen_body and len(spans) == 1 and len(line.split()) <= MAX_CAPTION_WORDS and (
                blank_before >= 2 or pats["credit_in_parens"].search(line)):
            kind = "caption"
        else:
            kind = "body"
            body_paragraphs += 1
            if source_prefix is None and body_paragraphs <= 2:  # a date line may come first
                prefix = _SOURCE_PREFIX_RE.match(line)
                if prefix and len(line) > prefix.end() + 20:
                    source_prefix = prefix.group(0).strip()
            seen_body = True
        if kind != "byline":
            authors.extend(inline_credit_names(line))
        if kind in ("headline", "byline"):
            spans = [(p_start, p_end)]
        for i, (s, e) in enumerate(spans):
            closing_signature = signature and kind == "body" and i == len(spans) - 1
            if closing_signature:  # "… bày tỏ. Thái An": the article's last words are its author
                authors.extend(signature)
            sentences.append(Sentence(len(sentences), s, e, "byline" if closing_signature else kind))
    return sentences, list(dict.fromkeys(authors)), source_prefix


def segment_document(raw: RawDocument) -> Document:
    """The stage's transform: a normalized raw record in, a `Document` with sentences out.

    A separately given title that the text does not start with is put in front of the text, so
    the headline is part of `documents.text` and its offsets.
    """
    text = raw.text
    if raw.title and not text.startswith(raw.title):
        text = f"{raw.title}\n\n{text}"
    sentences, authors, source_prefix = segment_text(text)
    headline = next((text[s.start:s.end] for s in sentences if s.kind == "headline"), None)
    all_authors = list(dict.fromkeys([title_case(a) for a in raw.authors] + authors))
    return Document(doc_id=raw.doc_id, source=raw.source, text=text, title=raw.title or headline,
                    published=raw.published, url=raw.url, authors=all_authors,
                    source_prefix=source_prefix, sentences=sentences)
