"""Definitions a document gives itself: "Long form (SHORT)", "SHORT (Long form)", "viết tắt là".

Long forms are checked by a Vietnamese letter alignment (`align`); for foreign acronyms whose
letters cannot spell the Vietnamese name, a definition is accepted when the name is the lexicon's
expansion in the document's wording ("Liên minh châu Âu (EU)", "tổng sản phẩm trong nước (GDP)"),
runs from an organization head word ("Bộ Chỉ huy Trung tâm Hoa Kỳ (CENTCOM)") or, for unknown
all-caps acronyms, is a capitalised name phrase ("Giám đốc Điều hành (CEO)", see `glosses`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.core.normal_form import is_vietnamese_syllable
from pipeline.extract.abbreviations.align import (FUNCTION_WORDS, ROMAN_RE, Word, align_before, align_whole, fold_key,
                                                  words_of)
from pipeline.extract.abbreviations.glosses import lexicon_gloss_start, name_phrase_start
from pipeline.extract.abbreviations.lexicon import SHORT_SHAPE, SHORT_SHAPE_RE, head_words, load_lexicon, short_key

PAREN_RE = re.compile(r"\(([^()\n]{1,160})\)")
SHORT_LIST_RE = re.compile(rf"\s*({SHORT_SHAPE})(?:\s*(?:,|;|và)\s*{SHORT_SHAPE})*\s*")
# "Phòng cảnh sát hình sự (PC45, Công an tỉnh Hưng Yên)": the short form first, then a remark
LEADING_SHORT_RE = re.compile(rf"\s*({SHORT_SHAPE})\s*[,;]\s+(?=\w)")
_CUE = r"(?:sau\s+đây\s+)?(?:được\s+)?(?:(?:gọi|viết)\s+tắt(?:\s+là|\s*:)?|gọi\s+là)"
SHORT_YEAR_RE = re.compile(rf"\s*({SHORT_SHAPE})\s+((?:19|20)\d\d)\s*")
CUE_IN_PAREN_RE = re.compile(rf"\s*(?:tên\s+)?{_CUE}\s*[\"“']?({SHORT_SHAPE}?)[\"”']?\s*", re.IGNORECASE)
CUE_IN_TEXT_RE = re.compile(rf",?\s*{_CUE}\s+[\"“']?({SHORT_SHAPE}?)[\"”']?(?![\w&])")
CREDIT_RE = re.compile(r"(?:Theo|Nguồn|Ảnh|Ảnh minh họa|Video|Clip)\b")
TOKEN_BEFORE_RE = re.compile(rf"(?<![\w&./\-])({SHORT_SHAPE})\s*$")
# A long form never runs back across these (a "." ends a sentence only when a space follows).
SEGMENT_STOP_RE = re.compile(r"[;:!?\n()\[\]“”\"]|\.\s")


@dataclass(frozen=True, slots=True)
class Definition:
    short: str
    long: str
    start: int  # where the short form stands in the definition
    end: int


def _segment_before(text: str, pos: int) -> tuple[int, list[Word]]:
    """Words between the last sentence-level stop and pos (the long form must lie inside)."""
    lo = max(0, pos - 200)
    chunk = text[lo:pos]
    stops = list(SEGMENT_STOP_RE.finditer(chunk))
    cut = stops[-1].end() if stops else 0
    return lo + cut, words_of(chunk[cut:], lo + cut)


def _lexicon_long_before(short: str, words: list[Word], text: str) -> str | None:
    """The lexicon expansion of `short` when the words just before spell it ("Liên minh châu Âu (EU)")."""
    for sense in load_lexicon().get(short_key(short), ()):
        key = fold_key(sense.long)
        n = key.count(" ") + 1
        if n <= len(words) and fold_key(" ".join(w.text for w in words[-n:])) == key:
            return text[words[-n].start:words[-1].end]
    return None


def _head_word_long(words: list[Word], text: str) -> str | None:
    """Long form of an unknown foreign acronym: from the nearest organization head word."""
    texts = [w.text for w in words]
    lowest = max(0, len(texts) - 15)
    for i in range(len(texts) - 2, lowest - 1, -1):
        if i + 1 < len(texts) and text[words[i].end:words[i + 1].start].strip() == "," \
                and texts[i + 1][:1].isupper():
            return None  # a list of names ("A, B, C (HAGL)"), not one organization
        if _head_at(texts, i) and i + 1 < len(texts):
            # A head right after another head belongs to it ("Bộ Chỉ huy Trung tâm Hoa Kỳ").
            while (k := _head_ending_at(texts, i)) is not None:
                i = k
            return text[words[i].start:words[-1].end]
    return None


def _head_at(texts: list[str], i: int) -> bool:
    return any(tuple(texts[i:i + len(h)]) == h for h in head_words())


def _head_ending_at(texts: list[str], i: int) -> int | None:
    for head in head_words():
        k = i - len(head)
        if k >= 0 and tuple(texts[k:i]) == head:
            return k
    return None


def _close_to_lexicon(short: str, long: str) -> bool:
    """A head-word long form for a lexicon short must share most words with one of its senses
    ("... Xuất khẩu Dầu lửa (OPEC)"), else "Trường THPT X (TP.HCM)" would define TP.HCM."""
    words = set(fold_key(long).split())
    for sense in load_lexicon().get(short_key(short), ()):
        other = set(fold_key(sense.long).split())
        if len(words & other) * 2 >= len(words | other):
            return True
    return False


def _accept_aligned(short: str, long: str) -> bool:
    """Two-letter shorts spell too many name pairs ("Hoàng Ngọc (HN)"): their long form must
    be the lexicon's or contain a lowercase word ("doanh nghiệp (DN)", "thực phẩm (TP)")."""
    letters = sum(c.isalpha() for c in short)
    if letters > 2 or "&" in short:
        return True
    lexicon_keys = {fold_key(s.long) for s in load_lexicon().get(short_key(short), ())}
    return fold_key(long) in lexicon_keys or any(w[:1].islower() for w in long.split())


def _define_before(short: str, words: list[Word], text: str, relaxed: bool = False) -> tuple[str, int] | None:
    """(long form, index of its first word) for a short form that follows `words`."""
    for mode in ((False, True) if relaxed else (False,)):
        s = align_before(short, words, relaxed=mode)
        if s is not None:
            long = text[words[s].start:words[-1].end]
            if _accept_aligned(short, long):
                return long, s
    long = _lexicon_long_before(short, words, text)
    senses = load_lexicon().get(short_key(short), ())
    if long is None and senses and (i := lexicon_gloss_start([s.long for s in senses], words)) is not None:
        long = text[words[i].start:words[-1].end]  # "tổng sản phẩm trong nước (GDP)"
    if long is None and short.isupper() and sum(c.isalpha() for c in short) >= 3:
        long = _head_word_long(words, text)
        if long is not None and senses and not _close_to_lexicon(short, long):
            long = None
        if long is None and not senses and short.isalpha() and (i := name_phrase_start(words, text)) is not None:
            long = text[words[i].start:words[-1].end]  # "Giám đốc Điều hành (CEO)"
    if long is None:
        return None
    first = words[-1].end - len(long)
    return long, next(i for i, w in enumerate(words) if w.start == first)


def find_definitions(text: str) -> list[Definition]:
    defs: list[Definition] = []
    for m in PAREN_RE.finditer(text):
        inner, inner_start = m.group(1), m.start(1)
        _, before = _segment_before(text, m.start())
        cue = CUE_IN_PAREN_RE.fullmatch(inner)
        shorts = SHORT_LIST_RE.fullmatch(inner)
        if cue:
            found = _define_before(cue.group(1), before, text, relaxed=True) if before else None
            if found:
                defs.append(Definition(cue.group(1), found[0], inner_start + cue.start(1), inner_start + cue.end(1)))
        elif (dated := SHORT_YEAR_RE.fullmatch(inner)) and before and before[-1].text == dated.group(2):
            # "Công ước Liên hợp quốc về Luật Biển 1982 (UNCLOS 1982)": the year names both
            found = _define_before(dated.group(1), before[:-1], text) if len(before) > 1 else None
            if found:
                defs.append(Definition(dated.group(1), found[0], inner_start + dated.start(1), inner_start + dated.end(1)))
        elif shorts:
            items = [(x.group(), x.start() + inner_start) for x in SHORT_SHAPE_RE.finditer(inner)]
            end = len(before)
            for short, start in reversed(items):
                found = _define_before(short, before[:end], text) if end else None
                if not found:
                    break
                defs.append(Definition(short, found[0], start, start + len(short)))
                end = found[1]
                if end and before[end - 1].text.lower() in ("và", "&"):
                    end -= 1
        elif (lead := LEADING_SHORT_RE.match(inner)) and before and (
                found := _define_before(lead.group(1), before, text)):
            defs.append(Definition(lead.group(1), found[0], inner_start + lead.start(1), inner_start + lead.end(1)))
        elif ":" not in inner:
            prev = TOKEN_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())
            if prev and not ROMAN_RE.fullmatch(prev.group(1)):
                long = inner.strip(" ,;.")
                words = words_of(long)
                if 1 < len(words) <= 12 and not CREDIT_RE.match(long) and (
                    (align_whole(prev.group(1), words) and _accept_aligned(prev.group(1), long)) or any(
                        fold_key(s.long) == fold_key(long) for s in load_lexicon().get(short_key(prev.group(1)), ())
                    )
                ):
                    defs.append(Definition(prev.group(1), long, prev.start(1), prev.end(1)))
    for m in CUE_IN_TEXT_RE.finditer(text):
        _, before = _segment_before(text, m.start())
        found = _define_before(m.group(1), before, text, relaxed=True) if before else None
        opening = text.rfind("(", max(0, m.start() - 200), m.start())
        if not found and opening > 0 and ")" not in text[opening:m.start()]:
            # "Khoa học Tự nhiên (tổ hợp các môn ...; viết tắt là KHTN)": the name is before "("
            _, before = _segment_before(text, opening)
            found = _define_before(m.group(1), before, text, relaxed=True) if before else None
        if found:
            defs.append(Definition(m.group(1), found[0], m.start(1), m.end(1)))
    defs.sort(key=lambda d: d.start)
    return defs


GLOSS_WORDS = 8  # words before "(SHORT)" compared with a lexicon expansion


def unread_glosses(text: str, defined: set[str]) -> dict[str, list[str]]:
    """Short key → the words before each "(SHORT)" that follows a lowercase word and that no
    definition was read from: "Mức đánh giá tín dụng cơ bản (BCA) của VPBank" glosses BCA in the
    document's own words, which the letters of an English acronym cannot delimit. Such a gloss rules
    out a corpus-learned expansion it contradicts (`gloss_rules_out`); not a lexicon one: a
    parenthesis after a lowercase word is as often an aside ("việc (IS) phá hủy", "Giá bán lẻ (VNĐ)")."""
    glosses: dict[str, list[str]] = {}
    for m in PAREN_RE.finditer(text):
        inner = m.group(1).strip()
        key = short_key(inner)
        if key in defined or not SHORT_SHAPE_RE.fullmatch(inner) or ROMAN_RE.fullmatch(inner):
            continue
        _, before = _segment_before(text, m.start())
        if not before or not before[-1].text[:1].islower() or before[-1].end != m.start() - 1:
            continue
        glosses.setdefault(key, []).extend(w.text for w in before[-GLOSS_WORDS:])
    return glosses


def gloss_rules_out(gloss: list[str], long: str) -> bool:
    """A Vietnamese long form that shares no content word with the document's gloss is another
    meaning: "đánh giá tín dụng cơ bản (BCA)" is no "Bộ Công an", "ngang giá sức mua (PPP)" no
    "đối tác công tư". A foreign long form is translated, not repeated ("Bưu điện Hoa Nam Buổi sáng
    (SCMP)" is the "South China Morning Post"): the gloss cannot tell."""
    long_words = set(fold_key(long).split()) - FUNCTION_WORDS
    if not all(is_vietnamese_syllable(w.lower()) for w in long.split()):
        return False
    return not ({fold_key(w) for w in gloss} - FUNCTION_WORDS) & long_words
