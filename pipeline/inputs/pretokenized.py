"""Input: word-segmented and tokenized text turned back into running text.

Research tools and corpora write Vietnamese in two shapes that the extractors, which read running
text, cannot use as they are:
- word-segmented (VnCoreNLP, underthesea, the VLSP and PhoNER word-level releases): the syllables
  of a word joined by "_": "Trung_tướng Nguyễn_Mạnh_Hùng";
- tokenized: a space around every punctuation mark: "Chiều 26 / 12 , Tổng_cục CNQP ( Bộ Quốc_phòng ) ."

`detokenize_tokens` writes a list of such tokens back as running text, with each token's span in
it; `detokenize_text` does it line by line (lines are kept). The rules:
- "_" inside a token becomes a space: "Nguyễn_Mạnh_Hùng" → "Nguyễn Mạnh Hùng";
- closing marks , . ; : ! ? … % ) ] } ” ’ » attach to the token before: "Hùng ," → "Hùng,";
- opening marks ( [ { “ ‘ « attach to the token after: "( CNQP )" → "(CNQP)";
- straight quotes " alternate: opening, then closing;
- "/" joins its neighbours: "26 / 12" → "26/12", "100 / 2019 / NĐ - CP" → "100/2019/NĐ-CP";
- "-" and ":" join two numbers or two upper-case words: "26 - 12" → "26-12", "10 : 30" → "10:30",
  "COVID - 19" → "COVID-19"; elsewhere a dash keeps its spaces: "Hà_Nội - Hải_Phòng" → "Hà Nội - Hải Phòng".

`looks_pretokenized` decides whether a document needs this (`vnextract run --pretokenized` forces
it): several "_"-joined words ("Trung_tướng", "quốc_phòng"), or punctuation mostly spaced off
(" , " " ." "( CNQP )"), or a date written "26 / 12". Running text ("Hà Nội, ngày 26/12") is left alone.
"""
from __future__ import annotations

import re

CLOSING = frozenset(",.;:!?…%)]}”’»") | {"...", "''"}
OPENING = frozenset("([{“‘«") | {"``"}
STRAIGHT_QUOTES = frozenset({'"'})

_JOINED_WORD_RE = re.compile(r"[^\W_]+(?:_[^\W_]+)+")  # Trung_tướng, Nguyễn_Mạnh_Hùng, COVID_19
_WORD_UNDERSCORE_RE = re.compile(r"(?<=[^\W_])_+(?=[^\W_])")
# not "?": "Barcelona ? - ? Atletico"; the space is matched first so that the search skips ahead to spaces
_SPACED_CLOSING_RE = re.compile(r" (?<=\S )[,.;:)\]}”](?= |$)", re.MULTILINE)
_CLOSING_RE = re.compile(r"[,.;:!?)\]}”](?= |$)", re.MULTILINE)  # attached when a letter or digit is before it
_SPACED_OPENING_RE = re.compile(r"(?:^| )[(\[{“] (?=\S)", re.MULTILINE)
_SPACED_DATE_RE = re.compile(r"\b\d{1,4} / \d{1,4}\b")


def token_text(token: str) -> str:
    """A token as running text: the syllables of a word joined by spaces, not "_"."""
    return _WORD_UNDERSCORE_RE.sub(" ", token) if "_" in token else token


def _joins(separator: str, before: str, after: str) -> bool:
    """Whether a separator token is written without spaces between these neighbours."""
    if separator == "/":
        return True
    if separator in ("-", ":"):
        if before.isdigit() and after.isdigit():
            return True
        return separator == "-" and all(w.isupper() or w.isdigit() for w in (before, after))
    return False


def detokenize_tokens(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Running text of one line of tokens, and each token's (start, end) in it."""
    words = [token_text(t) for t in tokens]
    glue_left = [False] * len(words)  # no space between token i-1 and token i
    quotes_open = False
    for i, word in enumerate(words):
        if word in STRAIGHT_QUOTES:
            if quotes_open:
                glue_left[i] = True
            elif i + 1 < len(words):
                glue_left[i + 1] = True
            quotes_open = not quotes_open
        elif 0 < i < len(words) - 1 and _joins(word, words[i - 1], words[i + 1]):
            glue_left[i] = glue_left[i + 1] = True
        elif word in CLOSING:
            glue_left[i] = True
        elif word in OPENING and i + 1 < len(words):
            glue_left[i + 1] = True
    parts, spans, cursor = [], [], 0
    for i, word in enumerate(words):
        if i and not glue_left[i]:
            parts.append(" ")
            cursor += 1
        spans.append((cursor, cursor + len(word)))
        parts.append(word)
        cursor += len(word)
    return "".join(parts), spans


def detokenize_text(text: str) -> str:
    """Running text of a word-segmented or tokenized text, line by line."""
    return "\n".join(detokenize_tokens(line.split())[0] for line in text.split("\n"))


def looks_pretokenized(text: str) -> bool:
    """True when the text is word-segmented or has its punctuation spaced off (see the module doc)."""
    if not text or text.isspace():
        return False
    # (every document is asked, in the run's driver: skip the scans whose mark the text lacks)
    if "_" in text:
        words = text.split()
        joined = sum(1 for w in words if _JOINED_WORD_RE.fullmatch(w))
        if joined >= 2 and joined >= 0.05 * len(words):
            return True
    spaced = len(_SPACED_CLOSING_RE.findall(text)) + len(_SPACED_OPENING_RE.findall(text))
    spaced_dates = len(_SPACED_DATE_RE.findall(text)) if " / " in text else 0
    if spaced < 2 and not spaced_dates:
        return False  # most running text: no need to count what is attached
    # "Hùng," "(CNQP)": running text. Searching the punctuation first is 3x faster than a pattern
    # that starts at every letter.
    attached = sum(1 for m in _CLOSING_RE.finditer(text) if m.start() and text[m.start() - 1].isalnum())
    return spaced + spaced_dates > 2 * attached
