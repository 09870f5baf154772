"""The clause that reports an event: what `events.text` holds.

An event's mention, its trigger and name ("Hội nghị tổng kết công tác Đảng, công tác chính trị năm
2022") or the verb that implies it ("tiếp", "hội đàm"), often says nothing alone. The event's text is
the clause of the sentence around that mention:
- bounded by the sentence, and inside it by ";", ":", "!", "?", "…" and line breaks (hard bounds),
  and by commas, spaced dashes and the words that open a new clause, "đồng thời", "trong khi",
  "nhưng", "tuy nhiên" (soft bounds);
- never cutting the mention itself, whose name may run over a comma;
- a fronted adverbial ("Tại buổi làm việc với các sở, ông X cho biết ...") takes in the clause it is
  fronted to; an unclosed parenthesis ends the clause ("tạm giữ Lê Văn Hỹ (trú xã X, ...");
- a clause under MIN_CLAUSE_WORDS syllables takes in its neighbour across a soft bound, until it is
  long enough or meets a hard bound: the one before when it starts with a lowercase word (its subject
  is there: "Tư lệnh Quân khu 7, chủ trì hội nghị"), else the one after (a fronted phrase: "Tại buổi
  làm việc, Bộ trưởng X đánh giá cao ...").

"Chiều 5/2, tại trụ sở Chính phủ, Thủ tướng Nguyễn Xuân Phúc đã tiếp Đại sứ Nhật Bản." gives
"Thủ tướng Nguyễn Xuân Phúc đã tiếp Đại sứ Nhật Bản": not "tiếp", not the whole sentence (its day
and place are the event's date_value and location).
"""
from __future__ import annotations

import re

MIN_CLAUSE_WORDS = 6
_HARD_BOUND_RE = re.compile(r"[;:!?…\n]")
_SOFT_BOUND_RE = re.compile(r",|(?<!\d)\s[-–—]\s(?!\d)|(?<!\w)(?=(?:đồng thời|trong khi|nhưng|tuy nhiên)(?!\w))",
                            re.IGNORECASE)
# a fronted adverbial: "Tại buổi làm việc, ...", "Trong cuộc điện đàm, ...", "Bên lề hội nghị, ..."
_FRONTED_RE = re.compile(r"(?:tại|trong|ở|sau|trước|bên lề|nhân|qua|phát biểu tại)(?!\w)", re.IGNORECASE)
_EDGE_JUNK = " \t\"'“”‘’«»-–—•*"
_WORD_RE = re.compile(r"\w+")


def _bounds(text: str, start: int, end: int, keep_start: int, keep_end: int) -> list[tuple[int, int, bool]]:
    """(start, end, hard) of the clause bounds in text[start:end], none inside the mention."""
    found = [(m.start(), m.end(), True) for m in _HARD_BOUND_RE.finditer(text, start, end)]
    found += [(m.start(), m.end(), False) for m in _SOFT_BOUND_RE.finditer(text, start, end)]
    return sorted(b for b in found if b[1] <= keep_start or b[0] >= keep_end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE_JUNK:
        start += 1
    while end > start and (text[end - 1] in _EDGE_JUNK or text[end - 1] in ".!?"):
        end -= 1
    return start, end


def clause_span(text: str, sent_start: int, sent_end: int, start: int, end: int) -> tuple[int, int]:
    """Offsets of the clause of text[sent_start:sent_end] that holds the mention text[start:end]."""
    sent_start, sent_end = min(sent_start, start), max(sent_end, end)
    bounds = _bounds(text, sent_start, sent_end, start, end)
    before = [b for b in bounds if b[1] <= start]
    after = [b for b in bounds if b[0] >= end]
    lo, hi = len(before), 0  # bounds[lo - 1] is the bound before the clause, after[hi] the one after

    def span() -> tuple[int, int]:
        s = before[lo - 1][1] if lo else sent_start
        e = after[hi][0] if hi < len(after) else sent_end
        return _trim(text, s, e)

    s, e = span()
    if _FRONTED_RE.match(text, s, e) and hi < len(after) and not after[hi][2]:
        hi += 1  # "Tại cuộc họp giao ban, ông X cho biết": the clause the phrase is fronted to
        s, e = span()
    while len(_WORD_RE.findall(text, s, e)) < MIN_CLAUSE_WORDS:
        can_left = lo > 0 and not before[lo - 1][2]
        can_right = hi < len(after) and not after[hi][2]
        if not (can_left or can_right):
            break
        if can_left and (text[s:s + 1].islower() or not can_right):
            lo -= 1
        else:
            hi += 1
        s, e = span()
    open_paren = text.rfind("(", s, e)
    if open_paren >= end and text.find(")", open_paren, e) < 0:  # "tạm giữ Lê Văn Hỹ (trú xã X, ..."
        s, e = _trim(text, s, open_paren)
    if s > start or e < end:  # only junk around the mention: the mention itself
        return start, end
    return s, e
