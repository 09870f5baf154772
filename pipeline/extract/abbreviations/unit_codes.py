"""Unit codes of the police and the army, written beside the unit's name.

Vietnamese news names a unit and gives its code right after it:
"Phòng Cảnh sát hình sự (PC45) Công an tỉnh Tiền Giang", "Cục An ninh Tài chính, tiền tệ, đầu tư
(A84, Bộ Công an)", "Phòng CSGT đường bộ - đường sắt (PC67, Công an TP.HCM)", "Trưởng phòng An ninh
điều tra - PA92", "Trung đoàn CSCĐ Tây Nam bộ (E21)". The code's letters do not spell the name, so
a letter alignment never sees these definitions. Here a code (a prefix of resources/unit_code_prefixes.txt
followed by 2-3 digits) defines the name phrase that runs back to the nearest unit head word
(resources/unit_code_heads.txt: "Phòng", "Cục", "Cơ quan", "Trung đoàn", …), in the document's
wording. A lowercase head counts only before a capitalised word ("trưởng phòng Cảnh sát hình sự
(PC45)"), so "Cục Cảnh sát phòng, chống buôn lậu - C74" runs back to "Cục", not to "phòng".

Not definitions: a code with no unit head before it ("xe Navara thế hệ cũ (D40)", "etanol nhiên
liệu (E100)", "Diễn đàn Kinh doanh G20 (B20)": "Diễn đàn" is no unit head).

Codes a document uses without defining them are expanded from the official names of
resources/unit_codes.tsv ("PC47" → "Phòng Cảnh sát điều tra tội phạm về ma túy"); the Ministry of
Public Security renumbered its units in 2018 (PC45 → PC02), and both series are listed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.resource_files import read_list, read_table
from pipeline.extract.abbreviations.align import Word, words_of

MAX_LONG_WORDS = 16
# A long form never runs back across these ("." ends a sentence only when a space follows).
_STOP_RE = re.compile(r"[;:!?\n()\[\]“”\"]|\.\s")


_NOT_AFTER_HEAD = frozenset(("chống", "ngừa", "cháy", "vệ", "thủ", "trưởng", "phó"))


@dataclass(frozen=True, slots=True)
class UnitCode:
    code: str
    long: str
    start: int  # where the code stands
    end: int


@lru_cache(maxsize=1)
def code_re() -> re.Pattern[str]:
    prefixes = sorted(read_list("unit_code_prefixes.txt"), key=len, reverse=True)
    return re.compile(rf"(?<![\w\-/.&])(?:{'|'.join(map(re.escape, prefixes))})\d{{2,3}}(?![\w/&]|-\d|\.\w)")


@lru_cache(maxsize=1)
def unit_heads() -> tuple[tuple[str, ...], ...]:
    heads = {tuple(w.casefold() for w in line.split()) for line in read_list("unit_code_heads.txt")}
    return tuple(sorted(heads, key=len, reverse=True))


@lru_cache(maxsize=1)
def official_names() -> dict[str, str]:
    """code → official name of the unit (general knowledge, resources/unit_codes.tsv)."""
    return {code: long for code, long, *_ in read_table("unit_codes.tsv", header=True, width=3)}


def _head_length(words: list[Word], i: int) -> int:
    """Length of the unit head starting at words[i] (0 when none)."""
    folded = [w.text.casefold() for w in words[i:i + 3]]
    for head in unit_heads():
        if tuple(folded[:len(head)]) == head:
            first, after = words[i].text, i + len(head)
            following = words[after].text if after < len(words) else ""
            # "phòng Cảnh sát": a lowercase head must name something capitalised; "Phòng chống tội
            # phạm" is the verb "phòng, chống" (prevent), not a department
            if (first[:1].islower() and not following[:1].isupper()) or following.casefold() in _NOT_AFTER_HEAD:
                return 0
            return len(head)
    return 0


def unit_name_before(text: str, pos: int) -> str | None:
    """The unit name ending right before `pos` (a code's "(" or "-"), from its nearest head word."""
    lo = max(0, pos - 240)
    chunk = text[lo:pos]
    stops = list(_STOP_RE.finditer(chunk))
    cut = stops[-1].end() if stops else 0
    words = words_of(chunk[cut:], lo + cut)
    if len(words) < 2:
        return None
    lowest = max(0, len(words) - MAX_LONG_WORDS)
    for i in range(len(words) - 2, lowest - 1, -1):
        n = _head_length(words, i)
        if n and i + n < len(words):
            return text[words[i].start:words[-1].end].rstrip(" ,-–")
    return None


# After the code, inside its parenthesis: nothing, or a remark ("(PC45, Công an TP Hà Nội)",
# "(A84-Bộ Công an)", "(PC45 Công an tỉnh X)").
_AFTER_IN_PAREN_RE = re.compile(r"\s*(?:\)|[,;\-–]|\s\w)")
_DASH_BEFORE_RE = re.compile(r"\s[-–]\s*$")


def find_unit_code_definitions(text: str) -> list[UnitCode]:
    """Definitions "Unit name (CODE…)" and "Unit name - CODE" of the document, in text order."""
    found = []
    for m in code_re().finditer(text):
        start, end = m.start(), m.end()
        opening = text[max(0, start - 2):start]
        if opening.endswith("(") or opening == "( ":
            if not _AFTER_IN_PAREN_RE.match(text, end):
                continue
            long = unit_name_before(text, text.rindex("(", 0, start))
        elif dash := _DASH_BEFORE_RE.search(text, max(0, start - 4), start):
            long = unit_name_before(text, dash.start())
        else:
            continue
        if long:
            found.append(UnitCode(m.group(), long, start, end))
    return found


# A code is read as a unit only among police words; university entrance subject groups share its
# shape ("Tổ hợp C03 gồm các môn: Ngữ văn, Toán, Lịch sử", "khối A01").
_POLICE_RE = re.compile(r"(?i:công an|cảnh sát|an ninh|điều tra)|\b(?:CA|CSGT|CSĐT|CQĐT|CSCĐ|CAND)\b")
_NOT_UNIT_RE = re.compile(r"(?i:tổ hợp|khối|môn|xét tuyển)")
_POLICE_CHARS, _NOT_UNIT_CHARS = 150, 40


def unit_code_uses(text: str) -> dict[str, list[tuple[int, int]]]:
    """Spans of every code of resources/unit_codes.tsv that the text uses as a unit, by code."""
    names = official_names()
    uses: dict[str, list[tuple[int, int]]] = {}
    for m in code_re().finditer(text):
        start, end = m.span()
        if (m.group() in names
                and _POLICE_RE.search(text, max(0, start - _POLICE_CHARS), end + _POLICE_CHARS)
                and not _NOT_UNIT_RE.search(text, max(0, start - _NOT_UNIT_CHARS), end + _NOT_UNIT_CHARS)):
            uses.setdefault(m.group(), []).append((start, end))
    return uses
