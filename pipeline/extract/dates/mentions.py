"""Stage: dates. Finds temporal expressions in Vietnamese news and normalizes their values.

Forms: "26/12", "26/12/2022", "26-12-2022", "26.12.2022", "ngày 26 tháng 12 năm 2022",
"tháng 12/2022", "tháng 12 năm 2022", "năm 2022"; with a part of day ("chiều 26/12") and a weekday
("thứ Hai (26/12)") kept in the mention; ranges and periods ("từ 20 đến 22/6", "20 - 22/6",
"nhiệm kỳ 2022-2025", "Quý I/2023", "6 tháng đầu năm 2023", "cuối tháng 12"); relative
expressions ("hôm qua", "sáng nay", "chiều cùng ngày", "năm ngoái").

Not dates: durations ("75 năm", "6 tháng"), ages, ordinals ("lần thứ 4"), clock times, scores and
ratios ("thắng 3-1", "11/15 xã"), and legal document numbers ("Thông tư 31/2016/TT-BXD"), which
`pipeline.extract.dates.legal_refs` finds and this stage masks. A bare "26/12", "12/2022" or year with no
"ngày"/"tháng"/"năm"/part of day before it is a date only in a date context (word lists in
resources/dates/).

Values follow the contract ("2022-12-26", "2022-12", "2022", "2023-Q1", "2023-H1", "2022/2025",
"XXXX-06-20/XXXX-06-22", ISO weeks "2022-W51"); a day that does not exist ("ngày 31/2/2020",
"ngày 15/13/2020", "ngày 0/5", "thứ Ba (26/12/2022)") has a null value and `value_note` "impossible date". The year of a partial date comes only from
evidence, by the rule written in `pipeline.extract.dates.values` (the mention, the publication date, the
sentence's own frame such as a year-end review of 2022, the title, the document's last full date);
with no evidence the year is "XXXX".
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Iterator, Sequence


from pipeline.extract.dates.values import (Draft, part_of_day_words, read_word_list, relative_words, resolve,
                          weekday_words)
from pipeline.extract.dates.legal_refs import find_legal_refs
from pipeline.core.records import DateMention, Document, LegalRef, Sentence
from pipeline.extract.stage import Stage
from pipeline.text.lexical import phrase_alternation

_D = r"(?:0?[1-9]|[12]\d|3[01])"
_M = r"(?:0?[1-9]|1[0-2])"
_Y = r"(?:1\d\d\d|20\d\d)"
_NUM_END = r"(?!\d|[/.,:]\d|%|\s?[-–]\s?\d)"
_JOIN = r"\s*(?:-|–|—|đến|tới)\s*"
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
# "ngày 15/3 vừa qua": the words that place the day in the past belong to the mention
_JUST_PAST = r"(?:\s+vừa\s+(?:qua|rồi)(?!\w))?"
_NUMBER_WORDS = {"một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "vài",
                 "mấy", "nhiều", "các", "những", "mỗi", "hàng", "hằng", "nửa"}


@lru_cache(maxsize=1)
def _context_words() -> tuple[frozenset, tuple, frozenset]:
    return (frozenset(read_word_list("date_context_before.txt")),
            tuple(read_word_list("date_context_after.txt")),
            frozenset(read_word_list("quantity_words.txt")))


def _forms() -> list[tuple[str, str]]:
    """(name, pattern) of every form, in priority order at one start position."""
    pod = phrase_alternation(part_of_day_words())
    wd = phrase_alternation(weekday_words())
    rel_all = relative_words()
    rel_day = phrase_alternation(p for p, r in rel_all.items() if r.unit == "day")
    mod = phrase_alternation(read_word_list("period_modifiers.txt"))
    period = phrase_alternation(read_word_list("period_words.txt"))
    prefix = (rf"(?:(?P<from>từ|kể\s+từ)\s+)?(?:(?P<pod>{pod})\s+)?(?:(?P<rel>{rel_day})[\s,]+)?"
              rf"(?:(?P<wd>{wd})[\s,]*)?(?P<open>\(\s*)?(?:(?P<dw>ngày|hôm)\s+)?(?:(?P<mung>mùng|mồng)\s+)?")
    close = r"(?(open)\s*\))"
    point = rf"(?P<d2>{_D})(?P<s2>[/.\-])(?P<m2>{_M})(?:(?P<s2b>[/.\-])(?P<y2>{_Y}))?"
    return [
        ("range_days", r"(?:(?P<count>hai|ba)\s+(?=ngày))?" + prefix + rf"(?P<d1>{_D})(?:(?P<s1>[/.\-])(?P<m1>{_M})(?:(?P<s1b>[/.\-])(?P<y1>{_Y}))?)?"
         rf"\s*(?:-|–|—|đến|tới|và)\s*(?:(?:ngày|mùng)\s+)?{point}{_NUM_END}{close}"),
        ("dmy_words", prefix + rf"(?P<d1>{_D})\s+tháng\s+(?P<m1>{_M})(?:\s*,?\s*năm\s+(?P<y1>{_Y}))?(?!\d)"),
        ("dm", prefix + rf"(?P<d1>{_D})(?P<s1>[/.\-])(?P<m1>{_M})(?:(?P<s1b>[/.\-])(?P<y1>{_Y}))?{_NUM_END}{close}"
         + _JUST_PAST),
        ("day_only", rf"(?:(?P<pod>{pod})\s+)?(?P<dw>ngày|mùng|mồng)\s+(?P<d1>{_D})(?!\d|[/.,\-]\d|\s+tháng)"),
        # after every real form: "ngày 15/13/2020", "ngày 0 tháng 5" are written as dates, but no day
        ("impossible_day", rf"(?:(?P<pod>{pod})\s+)?(?P<dw>ngày|mùng|mồng)\s+(?P<d1>\d\d?)"
         rf"(?:/(?P<m1>\d\d?)(?:/(?P<y1>{_Y}))?|\s+tháng\s+(?P<m1w>\d\d?)(?:\s*,?\s*năm\s+(?P<y1w>{_Y}))?)"
         rf"{_NUM_END}"),
        ("month_range", rf"(?:(?P<from>từ)\s+)?tháng\s+(?P<m1>{_M}){_JOIN}(?:tháng\s+)?(?P<m2>{_M})"
         rf"(?:\s*[/\-.]\s*(?P<y2>{_Y})|\s*,?\s*năm\s+(?P<y2w>{_Y}))?(?!\d)"),
        ("month", rf"(?:(?P<mod>{mod})\s+)?tháng\s+(?P<m1>{_M})"
         rf"(?:\s*[/\-.]\s*(?P<y1>{_Y})|\s*,?\s*năm\s+(?P<y1w>{_Y})|\s+năm\s+(?P<ryear>nay|ngoái|trước|tới|sau)(?!\w))?"
         r"(?!\d|[/.,]\d)"),
        ("month_year", rf"(?:(?P<mod>{mod})\s+)?(?P<m1>{_M})(?P<s1>[/\-.])(?P<y1>{_Y}){_NUM_END}"),
        ("quarter", rf"(?:(?P<from>từ)\s+)?(?:(?P<mod>{mod})\s+)?quý\s+(?P<q>IV|III|II|I|[1-4])(?!\w)"
         rf"(?:\s*(?:[/\-.]|,?\s*năm)\s*(?P<y1>{_Y})(?!\d))?"),
        ("year_part", rf"(?:(?P<n>6|9|3|sáu|chín|ba)\s+tháng|nửa)\s+(?P<edge>đầu|cuối)\s+năm"
         rf"(?:\s+(?P<y1>{_Y})(?!\d)|\s+(?P<rel>nay|ngoái|trước|tới|sau)(?!\w))?"),
        ("year_range", rf"(?:(?P<pw>{period})\s+)?(?:(?P<from>từ)\s+)?(?:(?P<yw>năm)\s+)?(?P<y1>{_Y}){_JOIN}"
         rf"(?:năm\s+)?(?P<y2>{_Y})(?![\d/]|[.,]\d)"),
        ("year", rf"(?:(?P<from>kể\s+từ|từ)\s+|(?P<born>sinh)\s+)?(?:(?P<mod>{mod})\s+)?năm\s+(?P<y1>{_Y}){_NUM_END}"),
        ("year_bare", rf"(?:(?P<from>kể\s+từ|từ)\s+)?(?:(?P<mod>{mod})\s+)?(?P<sn>SN\s+)?(?P<y1>(?:19|20)\d\d)"
         rf"{_NUM_END}(?!/)"),
        ("relative", rf"(?:(?P<pod>{pod})\s+)?(?:(?P<mod>{mod})\s+)?(?P<rel>{phrase_alternation(rel_all)})(?!\w)"),
    ]


def _rename_groups(name: str, pattern: str) -> str:
    """Give an alternative's groups unique names inside the combined pattern."""
    pattern = re.sub(r"\(\?P<(\w+)>", rf"(?P<{name}__\1>", pattern)
    return re.sub(r"\(\?\((\w+)\)", rf"(?({name}__\1)", pattern)


# Words a date form can start with, besides the lexicons' first words.
_FIXED_FIRST_WORDS = ("từ", "kể", "ngày", "hôm", "mùng", "mồng", "tháng", "quý", "năm", "nửa", "sáu",
                      "chín", "ba", "hai", "sn", "sinh")


@lru_cache(maxsize=1)
def _scanner() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """(form pattern, pattern of the places a form can start, in lower-case text, form names)."""
    forms = _forms()
    body = "|".join(f"(?P<{name}>{_rename_groups(name, p)})" for name, p in forms)
    first_words = set(_FIXED_FIRST_WORDS)
    for phrases in (part_of_day_words(), weekday_words(), relative_words(),
                    read_word_list("period_modifiers.txt"), read_word_list("period_words.txt")):
        first_words.update(p.split()[0].lower() for p in phrases)
    # Trying every form at every word start is slow; the forms are tried only where a digit,
    # "(" or a possible first word starts.
    # (searched in the lower-cased text: 2.5 times as fast as IGNORECASE)
    starts = re.compile(rf"(?<!\w)(?:[\d(]|(?:{phrase_alternation(first_words)})(?!\w))")
    return re.compile(rf"(?<!\w)(?:{body})", re.IGNORECASE), starts, tuple(n for n, _ in forms)


# Letters that IGNORECASE matches to an ASCII letter but lower() does not turn into it ("ſ" is "s")
_FOLDED_APART_RE = re.compile("[\u017f\u0131\u0130\u212a]")


def _start_candidates(text: str, starts: re.Pattern[str]) -> Iterator[int]:
    """Offsets where a date form may start: `starts` searched in the lower-cased text, which keeps
    every offset unless lower() changes a length ("İ") or a letter folds apart; then, case-blind."""
    lowered = text.lower()
    if len(lowered) == len(text) and not _FOLDED_APART_RE.search(text):
        return (m.start() for m in starts.finditer(lowered))
    return (m.start() for m in _case_blind(starts).finditer(text))


@lru_cache(maxsize=1)
def _case_blind(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(pattern.pattern, re.IGNORECASE)


def _words_before(text: str, start: int, n: int = 2) -> list[str]:
    """The last `n` words before `start` (lower case), nearest last; punctuation ends the run."""
    chunk = text[max(0, start - 30):start]
    m = re.search(r"((?:[^\W\d_]+\s+){1,%d})$" % n, chunk)
    return m.group(1).lower().split() if m else []


def _next_word(text: str, end: int) -> str:
    m = re.match(r"\s*([^\s,.;:!?()]+)", text[end:end + 30])
    return m.group(1).lower() if m else ""


def _in_date_context(text: str, start: int, end: int) -> bool:
    """Whether a bare number like "26/12" or "2015" stands where a date is expected."""
    before, after, quantities = _context_words()
    words = _words_before(text, start)
    if _next_word(text, end) in quantities:
        return False
    if words and (words[-1] in before or " ".join(words[-2:]) in before):
        return True
    following = text[end:end + 25].lstrip().lower()
    if following.startswith(after):
        return True
    line_start = start == 0 or text[start - 1] == "\n"
    return line_start and following.startswith((":", ","))


def _after_number(text: str, start: int) -> bool:
    """Whether a number comes right before: "10 ngày 9 đêm", "2 năm trước" are counts, not dates."""
    words = _words_before(text, start, 1)
    return bool(words and words[0] in _NUMBER_WORDS) or re.search(r"\d\s*$", text[max(0, start - 4):start]) is not None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _draft(form: str, g: dict, start: int, end: int, text: str) -> Draft | None:
    """A `Draft` for one match, or None when the match is not a date in its context."""
    pod = part_of_day_words().get(re.sub(r"\s+", " ", g["pod"].lower())) if g.get("pod") else None
    weekday = weekday_words().get(re.sub(r"\s+", " ", g["wd"].lower())) if g.get("wd") else None
    prefixed = any(g.get(k) for k in ("pod", "rel", "wd", "dw", "mung", "open"))
    if form in ("range_days", "dm", "dmy_words"):
        d1, m1, y1 = _int(g.get("d1")), _int(g.get("m1")), _int(g.get("y1"))
        if form == "range_days":
            d2, m2, y2 = _int(g["d2"]), _int(g["m2"]), _int(g.get("y2"))
            seps = {g.get(k) for k in ("s1", "s2")} - {None}
            if not (prefixed or g.get("from") or y2 or (seps == {"/"} and _in_date_context(text, start, end))):
                return None
            if m1 is None and d1 >= d2:
                return None
            first, last = [y1 or (y2 if m1 is None or m1 <= m2 else None), m1 or m2, d1], [y2, m2, d2]
            return Draft(start, end, "range", first, last, part_of_day=pod, weekday=weekday,
                         explicit_year=bool(y2))
        if form == "dmy_words" and not (g.get("dw") or g.get("mung") or y1):
            return None
        if g.get("from"):  # "từ 26/12": a start, not a range; the mention is the date
            start = text.index(g["from"], start) + len(g["from"])
            start += len(text[start:end]) - len(text[start:end].lstrip())
        if form == "dm" and not y1 and not prefixed:
            sep = g["s1"]
            if sep == "." or not _in_date_context(text, start, end):
                return None
        if form == "dm" and g.get("s1b") and g["s1b"] != g["s1"]:
            return None
        return Draft(start, end, "date", [y1, m1, d1], part_of_day=pod, weekday=weekday,
                     explicit_year=bool(y1))
    if form == "day_only":
        if _after_number(text, start):
            return None  # "10 ngày 9 đêm", "mỗi ngày 3 lần"
        follow = text[end:end + 12].lstrip().lower()
        if not (follow[:1] in ("", ",", ".", ";", ")", "-", "–") or follow.startswith(
                ("và", "đến", "tới", "vừa", "này", "âm", "tết", "tại", "ở", "của", "hàng", "hằng"))):
            return None
        return Draft(start, end, "date", [None, None, int(g["d1"])], part_of_day=pod)
    if form == "impossible_day":  # the value is null, with value_note "impossible date" (see values.py)
        if _next_word(text, end) in _context_words()[2]:
            return None  # "ngày 13/20 người": a count
        y1 = _int(g.get("y1") or g.get("y1w"))
        return Draft(start, end, "date", [y1, int(g.get("m1") or g["m1w"]), int(g["d1"])], part_of_day=pod,
                     explicit_year=bool(y1))
    if form == "month_range":
        m1, m2 = int(g["m1"]), int(g["m2"])
        y2 = _int(g.get("y2") or g.get("y2w"))
        if m1 >= m2 and not g.get("from"):
            return None
        return Draft(start, end, "range", [y2 if m1 < m2 else None, m1, None], [y2, m2, None],
                     explicit_year=bool(y2))
    if form in ("month", "month_year"):
        y1 = _int(g.get("y1") or g.get("y1w"))
        if form == "month_year" and not (g.get("mod") or _in_date_context(text, start, end)):
            return None
        if form == "month_year" and g["s1"] != "/" and not g.get("mod"):
            return None
        if form == "month" and not y1 and not g.get("mod"):
            if _after_number(text, start):
                return None  # "3 tháng 6 ngày"
            if _next_word(text, end) in _context_words()[2]:
                return None
        if g.get("ryear"):  # "tháng 3 năm nay": the year counts from publication
            rel = relative_words()["năm " + g["ryear"].lower()]
            return Draft(start, end, "relative", [None, int(g["m1"]), None], part_of_day=pod, relative=rel)
        # "(từ) tháng 9-2016 đến nay": the start of a period still running, not the year of the news
        since = bool(y1) and _words_before(text, start, 1) == ["từ"] and \
            re.match(r"\s*(?:đến|tới|cho đến)\s+nay", text[end:end + 16]) is not None
        return Draft(start, end, "date" if not g.get("mod") else "period", [y1, int(g["m1"]), None],
                     explicit_year=bool(y1), since=since)
    if form == "quarter":
        q = g["q"].upper()
        return Draft(start, end, "period", [_int(g.get("y1")), None, None],
                     tail=f"Q{_ROMAN.get(q) or int(q)}", explicit_year=bool(g.get("y1")))
    if form == "year_part":
        n, edge = (g.get("n") or "nửa").lower(), g["edge"].lower()
        months = {"6": 6, "sáu": 6, "nửa": 6, "9": 9, "chín": 9, "3": 3, "ba": 3}[n]
        y1 = _int(g.get("y1"))
        if g.get("rel"):
            return Draft(start, end, "relative", [None, None, None],
                         relative=relative_words()["năm " + g["rel"].lower()])
        if months == 9:
            first, last = ([y1, 1, None], [y1, 9, None]) if edge == "đầu" else ([y1, 4, None], [y1, 12, None])
            return Draft(start, end, "period", first, last, explicit_year=bool(y1))
        tail = {(6, "đầu"): "H1", (6, "cuối"): "H2", (3, "đầu"): "Q1", (3, "cuối"): "Q4"}[months, edge]
        return Draft(start, end, "period", [y1, None, None], tail=tail, explicit_year=bool(y1))
    if form == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if not y1 < y2 <= y1 + 100:
            return None
        # "nhiệm kỳ 2016-2021", "giai đoạn 2016-2020": a term still running, not the year of the news
        term = bool(re.match(r"(?i)(?:nhiệm kỳ|giai đoạn)", text[start:end])) or \
            " ".join(_words_before(text, start, 2)) in ("nhiệm kỳ", "giai đoạn")
        return Draft(start, end, "period", [y1, None, None], [y2, None, None], explicit_year=True, term=term)
    if form in ("year", "year_bare"):
        # "từ năm 2010", "kể từ 2010", "sinh năm 1970": the word before the year stays in the mention
        lead = g.get("from") or g.get("born")
        year_start = text.index(lead, start) + len(lead) + 1 if lead else start
        while lead and text[year_start].isspace():
            year_start += 1
        if form == "year_bare" and not (g.get("mod") or g.get("sn") or _in_date_context(text, year_start, end)):
            return None
        if form == "year" and _next_word(text, end) in ("tuổi",):
            return None
        before = _words_before(text, year_start, 2)
        birth = bool(g.get("sn") or g.get("born")) or before[-1:] == ["sinh"]
        since = bool(g.get("from")) or before[-1:] == ["từ"]
        return Draft(start, end, "date" if not g.get("mod") else "period", [int(g["y1"]), None, None],
                     explicit_year=True, birth=birth, since=since)
    # relative
    rel = relative_words()[re.sub(r"\s+", " ", g["rel"].lower())]
    if rel.needs_part_of_day and not pod:
        return None
    if _after_number(text, start):
        return None  # "2 năm trước", "những năm trước"
    if re.match(r"\s+đó\b", text[end:end + 4]):
        return None  # "năm sau đó": counted from another event
    return Draft(start, end, "relative", [None, None, None], part_of_day=pod, relative=rel)


def _drafts(text: str, legal: list[LegalRef]) -> list[Draft]:
    pattern, starts, names = _scanner()
    blocked = [(r.start, r.end) for r in legal]
    drafts = []
    scanned_to = 0
    for candidate in _start_candidates(text, starts):
        if candidate < scanned_to:
            continue
        m = pattern.match(text, candidate)
        if m is None:
            continue
        scanned_to = m.end()
        form = next(n for n in names if m.start(n) >= 0)
        if any(s < m.end() and m.start() < e for s, e in blocked):
            continue
        prefix = form + "__"
        groups = {k[len(prefix):]: v for k, v in m.groupdict().items() if v is not None and k.startswith(prefix)}
        draft = _draft(form, groups, m.start(), m.end(), text)
        if draft is not None:
            drafts.append(draft)
    return drafts


def find_dates(text: str, published: date | None = None,
               sentences: Sequence[Sentence] = (), legal_refs: Sequence[LegalRef] | None = None) -> list[DateMention]:
    """Date mentions of `text`, sorted by start and non-overlapping, values resolved."""
    refs = find_legal_refs(text) if legal_refs is None else legal_refs
    return attach_clock_times(text, resolve(_drafts(text, refs), text, published, sentences))


# A clock time right before a day ("20h ngày 10/3", "9h30 sáng 5/7", "15h15chiều 6.4.2017",
# "8 giờ 30 phút ngày 5/7") belongs to that date's mention; its value gains "THH:MM".
_CLOCK_BEFORE_RE = re.compile(
    r"(?<![\w:])(?P<h>[01]?\d|2[0-4])\s*(?:h|giờ|g)\s*(?:(?P<m>[0-5]\d)\s*(?:phút|p|')?)?"
    r"\s*(?P<pod>sáng|trưa|chiều|tối|đêm|khuya)?\s*,?\s*$", re.IGNORECASE)
_DAY_VALUE_RE = re.compile(r"^(?:\d{4}|XXXX)-\d\d-\d\d$")


def attach_clock_times(text: str, mentions: list[DateMention]) -> list[DateMention]:
    result = []
    for mention in mentions:
        m = None
        if mention.kind == "date" and mention.value and _DAY_VALUE_RE.match(mention.value):
            m = _CLOCK_BEFORE_RE.search(text, max(0, mention.start - 20), mention.start)
        if m is None or (result and m.start() < result[-1].end):
            result.append(mention)
            continue
        pod = mention.part_of_day or (part_of_day_words().get(m.group("pod").lower()) if m.group("pod") else None)
        value = f"{mention.value}T{int(m.group('h')):02d}:{int(m.group('m') or 0):02d}"
        result.append(replace(mention, start=m.start(), text=text[m.start():mention.end], value=value,
                              part_of_day=pod))
    return result


class DatesComponent(Stage):
    """Reads the text, publication date and sentences; sets the dates and the legal references."""

    factory = "vi_dates"
    reads = ("published", "sentences")
    sets = ("dates", "legal_refs")

    def process(self, record: Document) -> None:
        record.legal_refs = find_legal_refs(record.text)
        record.dates = find_dates(record.text, record.published, record.sentences, record.legal_refs)
