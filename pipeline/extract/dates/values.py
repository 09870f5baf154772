"""Values of date mentions: word lists, the year-inference rule and ISO/TIMEX formatting.

The scanner (`pipeline.extract.dates.mentions`) turns each match into a `Draft`: one or two points
[year, month, day] with the parts the text states (None for the rest), or a relative offset.
`resolve` fills the missing year (and the month of a bare "ngày 26") from evidence only,
in this order:

1. the mention itself: "từ 20/6 đến 22/6/2023" gives 2023 to both ends;
2. the publication date: the year that puts the date closest to it ("26/12" in a paper of
   2023-01-03 is 2022-12-26);
3. the sentence: a year-end review of year X ("tổng kết … năm X") held in months 7-12 is in X,
   in months 1-6 in X+1; a plan for year X ("triển khai … năm X") made in months 10-12 is in X-1,
   otherwise X; any other single "năm X" of the sentence within 60 characters gives X; a full date
   of the sentence gives the year closest to it. When these disagree the review frame wins, otherwise no year.
4. the title, when it states a review or plan frame, as in 3;
5. the document: the last date before it that has a month and a year (a later one is often a
   baseline such as "so với 31/12/2015", so it is not used), unless that date is history (years
   before the story's newest dated day): then the story's day ("ngày 5/4/2014" in a 2017 story);
6. the document's frame: the newest year its dates state, when that is also the year stated most
   often and at least twice (birth years, "từ năm X" and terms aside); see
   `year_evidence.document_frame_year`;
7. with no date before it and one year stated in the whole document, a later day, month or quarter
   of that year up to three months ahead: what is reported comes shortly before the day it announces
   ("Ngày 31/5, … có hiệu lực từ ngày 1/6/2017", "Sáng nay (6-2) … cuối quý I-2017").
With no evidence the year is "XXXX".

No value names a day that does not exist: "ngày 31/2/2020", "29/2/2019", "ngày 0/5", "ngày 15/13/2020"
and a weekday that contradicts its stated date ("thứ Ba (26/12/2022)": a Monday) get a null value
and `value_note` = "impossible date". A day/month without a year is checked against a leap year
("29/2" may be real), and again once the year is inferred. The publication date's year is as good
as a stated one ("thứ Ba (6/2)" in a paper of 2023, when 6/2 is a Monday, is impossible); a weekday
that contradicts a year inferred from weaker evidence ("Thứ Hai 6/2" in a sentence about "năm
1947") drops that year instead ("XXXX-02-06"). An impossible date is never evidence for another.
Relative expressions ("hôm qua", "năm ngoái") count from
the publication date and are null without it; "cùng ngày", "hôm sau" count from the last day
mentioned before them.
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Sequence

from pipeline.core.resource_files import read_list, read_table
from pipeline.core.records import DateMention, Sentence
from pipeline.extract.dates import year_evidence

def read_word_list(name: str) -> list[str]:
    """A word list of resources/dates/."""
    return read_list(f"dates/{name}")


@lru_cache(maxsize=1)
def part_of_day_words() -> dict[str, str]:
    return {phrase.lower(): value for phrase, value in read_table("dates/part_of_day.tsv")}


@lru_cache(maxsize=1)
def weekday_words() -> dict[str, int]:
    return {phrase.lower(): int(n) for phrase, n in read_table("dates/weekdays.tsv")}


@dataclass(frozen=True, slots=True)
class Relative:
    unit: str  # day | week | month | year | anchor_day
    offset: int
    needs_part_of_day: bool


@lru_cache(maxsize=1)
def relative_words() -> dict[str, Relative]:
    return {phrase.lower(): Relative(unit, int(offset), flag == "1")
            for phrase, unit, offset, flag in read_table("dates/relative.tsv")}


@dataclass(slots=True)
class Draft:
    """A matched mention before its year is known."""

    start: int
    end: int
    kind: str  # date | range | period | relative
    first: list  # [year, month, day], None where the text does not say
    last: list | None = None  # end point of a range
    tail: str | None = None  # "Q1", "H1": a part of the year in `first[0]`
    part_of_day: str | None = None
    relative: Relative | None = None
    weekday: int | None = None
    explicit_year: bool = field(default=False)
    birth: bool = False  # "SN 1986", "sinh năm 1970": a person's birth year, not the news frame
    since: bool = False  # "từ năm 1999", "kể từ 2010": the start of a period still running, not the frame
    term: bool = False  # "nhiệm kỳ 2016-2021": a term of office, not the frame (still a stated year)
    year_from: str | None = None  # evidence of an inferred year (see `_infer_year`); None when stated or unknown


_Y = r"((?:1[0-9]|20)\d\d)"
_REVIEW_RE = re.compile(rf"(?i:tổng\s+kết|sơ\s+kết|nhìn\s+lại|tổng\s+duyệt)[^.!?\n]{{0,90}}?năm\s+{_Y}(?!\d)")
_PLAN_RE = re.compile(rf"(?i:triển\s+khai|phương\s+hướng|kế\s+hoạch|nhiệm\s+vụ)[^.!?\n]{{0,60}}?năm\s+{_Y}(?!\d)")
_YEAR_RE = re.compile(rf"(?i:năm)\s+{_Y}(?![\d/])")
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"”’)]*\s+|\n+")
_NEAR_CHARS = 60
_TAIL_MONTH = {"Q1": 2, "Q2": 5, "Q3": 8, "Q4": 11, "H1": 4, "H2": 10}


IMPOSSIBLE_DATE = "impossible date"


def is_impossible(point: list, weekday: int | None = None) -> bool:
    """Whether [year, month, day] (None where unknown) can be no real day, or is not `weekday`
    (ISO, 1 = Monday); an unknown year is taken as a leap year."""
    year, month, day = point
    if month is not None and not 1 <= month <= 12:
        return True
    if day is not None and not 1 <= day <= 31:
        return True
    if month and day:
        try:
            real = date(year or 2000, month, day)
        except ValueError:
            return True
        return bool(year and weekday and real.isoweekday() != weekday)
    return False


def _safe_date(year: int, month: int, day: int | None) -> date:
    day = day or 15
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def closest_year(month: int, day: int | None, anchor: date) -> int:
    """The year among anchor.year-1 … +1 that puts month/day closest to `anchor`."""
    return min((anchor.year - 1, anchor.year, anchor.year + 1),
               key=lambda y: abs((_safe_date(y, month, day) - anchor).days))


def frame_year(sentence: str, month: int, near: tuple[int, int] | None = None) -> int | None:
    """Year from a review/plan frame or a single stated year of the sentence (rule 3).

    `near` is the date's span inside `sentence`: a plain stated year counts only within
    _NEAR_CHARS of it ("ngày 8/2, … vào năm 2012" far apart are two events)."""
    review = {int(y) + (0 if month >= 7 else 1) for y in _REVIEW_RE.findall(sentence)}
    plan = {int(y) - (1 if month >= 10 else 0) for y in _PLAN_RE.findall(sentence)}
    if len(review) == 1:
        return next(iter(review))
    if review:
        return None
    stated = {int(m.group(1)) for m in _YEAR_RE.finditer(sentence)
              if near is None or (m.start() - near[1] <= _NEAR_CHARS and near[0] - m.end() <= _NEAR_CHARS)}
    framed_years = {int(y) for y in _PLAN_RE.findall(sentence)}
    candidates = plan | (stated - framed_years)
    return next(iter(candidates)) if len(candidates) == 1 else None


def _titled_frame_year(title: str, month: int) -> int | None:
    if _REVIEW_RE.search(title) or _PLAN_RE.search(title):
        return frame_year(title, month)
    return None


class _Sentences:
    """Sentence bounds from the segmenter's records or, without them, from punctuation."""

    def __init__(self, text: str, sentences: Sequence[Sentence]):
        if sentences:
            bounds = sorted((s.start, s.end) for s in sentences)
        else:
            bounds, pos = [], 0
            for m in _SENTENCE_END_RE.finditer(text):
                bounds.append((pos, m.end()))
                pos = m.end()
            bounds.append((pos, len(text)))
        self.starts = [b[0] for b in bounds]
        self.bounds = bounds

    def around(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding `offset`."""
        return self.bounds[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def _month_of(d: Draft) -> int | None:
    return d.first[1] or (_TAIL_MONTH.get(d.tail) if d.tail else None)


@dataclass(frozen=True, slots=True)
class _DocumentYears:
    """Document-wide year evidence, computed once per document (see year_evidence)."""

    stated: tuple[int, ...]
    newest: int | None
    anniversary: int | None
    this_year: int | None
    same_day: dict


def _document_years(drafts: list[Draft], text: str, sents: _Sentences, same_day: dict) -> _DocumentYears:
    stated = year_evidence.stated_years(drafts)
    return _DocumentYears(tuple(stated), year_evidence.newest_dated_year(drafts), year_evidence.anniversary_year(drafts),
                          year_evidence.this_year(text),
                          {**year_evidence.same_day_years(drafts), **same_day})


def _infer_year(d: Draft, drafts: list[Draft], text: str, published: date | None,
                sents: _Sentences, prev_anchor: date | None, doc: _DocumentYears) -> tuple[int | None, str | None]:
    """(year, where it came from): publication, weekday, sentence, named, title, same_day, frame,
    previous_date or document_frame; (None, None) without evidence."""
    month = _month_of(d)
    day = d.first[2]
    if month is None:
        return None, None
    if published:
        return closest_year(month, day, published), "publication"
    if d.weekday and day:  # "thứ Hai (6/3)": the one year near the document's years that fits
        known = list(doc.stated) + [y for y in (doc.anniversary, doc.this_year) if y]
        year = year_evidence.weekday_year(month, day, d.weekday, known)
        if year is not None:
            return year, "weekday"
    sent_start, sent_end = sents.around(d.start)
    sentence = text[sent_start:sent_end]
    year = frame_year(sentence, month, (d.start - sent_start, d.end - sent_start))
    if year is not None:
        return year, "sentence"
    for other in drafts:  # a full date in the same sentence
        if (other.explicit_year and other.first[1] and sent_start <= other.start < sent_end
                and not is_impossible(other.first)):
            # a range's end: "(3/2/1930-3/2/2017)" celebrates 2017, not 1930
            point = other.last if other.last and other.last[0] and other.last[1] else other.first
            return closest_year(month, day, _safe_date(point[0], point[1], point[2])), "sentence"
    # "Chương trình NEA 2017 diễn ra từ ngày 5/7 …"
    if (year := year_evidence.named_year(sentence, max(doc.stated, default=None))) is not None:
        return year, "named"
    if (year := _titled_frame_year(text.split("\n", 1)[0], month)) is not None:
        return year, "title"
    if day and (year := doc.same_day.get((month, day))) is not None:  # the same day dated elsewhere
        return year, "same_day"
    if (year := doc.anniversary or doc.this_year) is not None:
        return year, "frame"
    if prev_anchor is not None:
        story = _story_day(drafts)
        newest = max(filter(None, (doc.newest, story.year if story else None)), default=None)
        if newest is None or prev_anchor.year >= newest - 1:
            return closest_year(month, day, prev_anchor), "previous_date"
        if story is not None:  # a history paragraph's date ("ngày 5/4/2014" in a 2017 story): back to the story
            return closest_year(month, day, story), "previous_date"
    if (year := year_evidence.document_frame_year(drafts)) is not None:
        return year, "document_frame"
    if prev_anchor is None and len(set(doc.stated)) == 1:  # the one year the document states, in a later day
        later = next((p for x in drafts if x.start > d.start and x.explicit_year and not x.birth and not x.since
                      and (p := _period_of(x)) is not None), None)
        if later is not None and later[0].year == doc.stated[0]:
            # "Ngày 22-6, … Nghị định sẽ áp dụng từ 24-7-2017", "Sáng nay (6-2) … cuối quý I-2017": what is
            # reported comes before the day or period it announces, or within it, and shortly before (a
            # day months earlier is more likely another story's)
            first, last = later
            year = last.year - ((month, day or 1) > (last.month, last.day))
            reported = _safe_date(year, month, day)
            if reported <= last and (first - reported).days <= NEXT_DATE_MAX_DAYS:
                return year, "next_date"
    return None, None


def _period_of(x: Draft) -> tuple[date, date] | None:
    """First and last day of a dated day, month, quarter or half year ("tháng 3-2017", "quý I-2017")."""
    year, month, day = x.first
    if not year or is_impossible(x.first):
        return None
    if month and day:
        return date(year, month, day), date(year, month, day)
    months = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12)}
    first_month, last_month = (month, month) if month else months.get(x.tail, (None, None))
    if first_month is None:
        return None
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def _story_day(drafts: list[Draft]) -> date | None:
    """The story's newest day: stated in a date, or dated by strong evidence ("NEA 2017 … từ ngày 5/7")."""
    return max((_safe_date(x.first[0], x.first[1], x.first[2] or 1) for x in drafts
                if x.first[0] and x.first[1] and (x.explicit_year or x.year_from in year_evidence.STRONG_EVIDENCE)
                and not is_impossible(x.first)), default=None)


NEXT_DATE_MAX_DAYS = 92  # rule 7: a reported day at most a quarter before the later day that dates it
def _format_point(year, month, day) -> str:
    parts = [str(year) if year else "XXXX"]
    if month:
        parts.append(f"{month:02d}")
    elif day:
        parts.append("XX")
    if day:
        parts.append(f"{day:02d}")
    return "-".join(parts)


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    n = year * 12 + month - 1 + offset
    return n // 12, n % 12 + 1


def _relative_value(rel: Relative, published: date | None, last_day: tuple | None) -> str | None:
    if rel.unit == "anchor_day":
        if last_day is None:
            return None
        year, month, day = last_day
        shifted = date(year or 2000, month, day) + timedelta(days=rel.offset)  # 2000: a leap year
        return _format_point(shifted.year if year else None, shifted.month, shifted.day)
    if published is None:
        return None
    if rel.unit == "day":
        d = published + timedelta(days=rel.offset)
        return d.isoformat()
    if rel.unit == "week":
        iso = (published + timedelta(weeks=rel.offset)).isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    if rel.unit == "month":
        return _format_point(*_shift_month(published.year, published.month, rel.offset), None)
    return str(published.year + rel.offset)


def resolve(drafts: list[Draft], text: str, published: date | None,
            sentences: Sequence[Sentence] = ()) -> list[DateMention]:
    """Fill missing years and months from evidence (see the module docstring) and format values.

    A second pass gives a day left without a year the year another mention of the same day got
    ("Sáng 5/7" before "Chương trình NEA 2017 diễn ra từ ngày 5/7 đến ngày 10/7")."""
    mentions = _resolve_pass(drafts, text, published, sentences, {})
    if published is None:
        days = year_evidence.same_day_years(drafts, inferred=True)
        if any(p[0] is None and (p[1], p[2]) in days for d in drafts if d.relative is None
               for p in [d.first] + ([d.last] if d.last else [])):
            mentions = _resolve_pass(drafts, text, published, sentences, days)
    return mentions


def _resolve_pass(drafts: list[Draft], text: str, published: date | None,
                  sentences: Sequence[Sentence], same_day: dict) -> list[DateMention]:
    sents = None
    prev_anchor: date | None = None  # last point with a month and a year
    last_day: tuple | None = None  # last point with a month and a day, for "cùng ngày"
    mentions = []
    for i, d in enumerate(drafts):
        if d.relative is not None:
            value = _relative_value(d.relative, published, last_day)
            if value is None and published is None and d.relative.unit == "year":
                if sents is None:
                    sents = _Sentences(text, sentences)
                    doc_years = _document_years(drafts, text, sents, same_day)
                if doc_years.this_year:  # "năm nay" where the document says which year that is
                    value = str(doc_years.this_year + d.relative.offset)
            if d.first[1]:  # "tháng 3 năm nay": the stated month of that year
                value = _format_point(int(value) if value else None, d.first[1], None)
            if d.relative.unit in ("day", "anchor_day") and value and not value.startswith("XXXX-XX"):
                parts = value.split("-")
                last_day = (None if parts[0] == "XXXX" else int(parts[0]), int(parts[1]), int(parts[2]))
            source = ("publication" if published else "text") if value and value[:4].isdigit() else "none"
            mentions.append(DateMention(d.start, d.end, text[d.start:d.end], value, d.part_of_day, d.kind,
                                        year_source=source))
            continue
        points = [d.first] + ([d.last] if d.last else [])
        if any(is_impossible(p) for p in points):  # "ngày 15/13", "ngày 0/5", "31/4": no year makes them real
            mentions.append(_impossible_mention(d, text))
            continue
        for p in points:
            if p[2] and not p[1]:  # "ngày 26": the month of the last date, or of publication
                if prev_anchor is not None:
                    p[1] = prev_anchor.month
                    p[0] = p[0] or prev_anchor.year
                elif published is not None:
                    p[1] = published.month
        if d.first[0] is None:
            if sents is None:
                sents = _Sentences(text, sentences)
                doc_years = _document_years(drafts, text, sents, same_day)
            year, d.year_from = _infer_year(d, drafts, text, published, sents, prev_anchor, doc_years)
            for p in points:
                if p[0] is None:
                    p[0] = year
            if d.last and year and d.last[1] and d.first[1] and d.last[1] < d.first[1]:
                d.last[0] = year + 1  # "từ tháng 11 đến tháng 2"
        if d.weekday and not d.explicit_year and published is None and is_impossible(d.first, d.weekday):
            for p in points:  # "Thứ Hai 6/2" framed by "năm 1947" (a Thursday): the inferred year is wrong
                p[0] = None
        if is_impossible(d.first, d.weekday) or (d.last and is_impossible(d.last)):  # "29/2/2019"
            mentions.append(_impossible_mention(d, text))
            continue
        for p in points:
            if p[0] and p[1]:
                prev_anchor = _safe_date(p[0], p[1], p[2])
            if p[1] and p[2]:
                last_day = (p[0], p[1], p[2])
        if d.tail:
            value = f"{d.first[0] or 'XXXX'}-{d.tail}"
        else:
            value = _format_point(*d.first)
            if d.last:
                value += "/" + _format_point(*d.last)
        mentions.append(DateMention(d.start, d.end, text[d.start:d.end], value, d.part_of_day, d.kind,
                                    year_source=year_source(d, value)))
    return mentions


def _impossible_mention(d: Draft, text: str) -> DateMention:
    return DateMention(d.start, d.end, text[d.start:d.end], None, d.part_of_day, d.kind, value_note=IMPOSSIBLE_DATE)


def year_source(d: Draft, value: str | None) -> str:
    """text (stated, or inferred from the document's evidence), publication, or none (no year)."""
    if not value or not value[:4].isdigit():
        return "none"
    return "publication" if d.year_from == "publication" else "text"
