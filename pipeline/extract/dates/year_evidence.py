"""More evidence for the year of a partial date, when the document fixes it elsewhere.

`pipeline.extract.dates.values` fills a missing year from the mention, the publication date, the
sentence, the title, the last full date and the document's frame. The rules here add what
Vietnamese news gives without a publication date:

- a weekday: "thứ Hai (6/3)" in an article that states 2017 fits exactly one year near the years
  the document states (2017-03-06 is a Monday; 2016-03-06 and 2018-03-06 are not);
- an anniversary range: "(30/4/1975 - 30/4/2025)" dates the day being celebrated, so the
  article's partial dates are in 2025, not 1975;
- "năm nay" with a stated year: "năm nay (2017)", "năm 2017 này" (a "năm 2019" elsewhere in a
  sentence that says "năm nay" is often a plan, so it does not count);
- a year that names the event in the sentence: "Chương trình NEA 2017 diễn ra từ ngày 5/7 đến
  ngày 10/7", when it is the newest year the document states (not "UNCLOS 1982", a convention's
  year);
- the same day dated with a year elsewhere in the document ("ngày 5/7/2017 … sáng 5/7").

Never a birth year ("SN 1986", "sinh năm 1970") nor the start of a running period ("từ năm
1999"), which `values.Draft` marks; a law's number never reaches here (legal references are
masked before the scan).
"""
from __future__ import annotations

import re
from datetime import date

_Y = r"((?:19|20)\d\d)"
_THIS_YEAR_RES = (
    re.compile(rf"(?i:năm\s+nay)\s*[(,]\s*(?:năm\s+)?{_Y}(?!\d)"),  # "năm nay (2017)", "năm nay, năm 2017"
    re.compile(rf"(?i:năm)\s+{_Y}\s+(?i:này)(?!\w)"),  # "năm 2017 này"
)
# "NEA 2017", "APEC 2017", "SEA Games 2017": a year right after a name's capitalised word
_NAMED_YEAR_RE = re.compile(rf"(?<![\w/])[A-ZĐ][\w&-]*\s+{_Y}(?![\d/.,]\d|\d)")
_LAW_NAME_RE = re.compile(r"(?i:luật|hiến pháp|công ước|nghị định|hiệp định|hiệp ước|thông tư|quyết định)")
_NOT_NAME_WORDS = frozenset(("Năm", "Tháng", "Ngày", "Từ", "Đến", "SN", "Khóa", "Quý"))


# Where a year came from (`Draft.year_from`). A year from the previous full date or from the
# document's frame is a guess good for one mention; it is not passed on to other mentions of the day.
STRONG_EVIDENCE = frozenset(("sentence", "weekday", "named", "title", "frame"))


def stated_years(drafts) -> list[int]:
    """Years the document's date mentions state themselves (birth years and "từ năm X" aside)."""
    return [d.first[0] for d in drafts if d.explicit_year and d.first[0] and not d.birth and not d.since]


def newest_dated_year(drafts) -> int | None:
    """The newest year of a month or a day the document dates ("tháng 5/2017", "ngày 5/4/2014"); plain
    years are left out, since plans reach far ahead ("đến năm 2030")."""
    return max((p[0] for d in drafts if d.explicit_year and not d.birth
                for p in [d.first] + ([d.last] if d.last else []) if p[0] and p[1]), default=None)


def weekday_year(month: int, day: int, weekday: int, years: list[int]) -> int | None:
    """The one year within a year of a stated year on which day/month falls on `weekday`
    (ISO, 1 = Monday); None when no year or several fit."""
    fits = set()
    for year in {y + k for y in set(years) for k in (-1, 0, 1)}:
        try:
            if date(year, month, day).isoweekday() == weekday:
                fits.add(year)
        except ValueError:
            continue
    return fits.pop() if len(fits) == 1 else None


def anniversary_year(drafts) -> int | None:
    """The celebrated year of the document's anniversary ranges ("24/6/1967 - 24/6/2017" → 2017),
    when they agree."""
    years = {d.last[0] for d in drafts if d.last and d.explicit_year and d.first[0] and d.last[0]
             and d.first[0] < d.last[0] and d.first[1] and d.first[1:] == d.last[1:]}
    return years.pop() if len(years) == 1 else None


def this_year(text: str) -> int | None:
    """The year the document calls "năm nay", when it states it; None when it does not or disagrees."""
    years = {int(m.group(1)) for pattern in _THIS_YEAR_RES for m in pattern.finditer(text)}
    return years.pop() if len(years) == 1 else None


def named_year(sentence: str, newest_stated: int | None) -> int | None:
    """A year that names the event of the sentence ("NEA 2017"), when no year the document states
    is newer; never a law's or a convention's year ("Luật Biển 1982")."""
    years = {int(m.group(1)) for m in _NAMED_YEAR_RE.finditer(sentence)
             if m.group().split()[0] not in _NOT_NAME_WORDS
             and not _LAW_NAME_RE.search(sentence, max(0, m.start() - 40), m.start())}
    if len(years) != 1:
        return None
    year = years.pop()
    return year if newest_stated is None or year >= newest_stated else None


def same_day_years(drafts, inferred: bool = False) -> dict[tuple[int, int], int]:
    """(month, day) → year, for the days the document dates with one year ("ngày 5/7/2017"); with
    `inferred`, also the years that evidence gave to other mentions of the day."""
    seen: dict[tuple[int, int], set[int]] = {}
    for d in drafts:
        if (d.explicit_year or (inferred and d.year_from in STRONG_EVIDENCE)) and not d.birth and d.relative is None:
            for p in [d.first] + ([d.last] if d.last else []):
                if p[0] and p[1] and p[2]:
                    seen.setdefault((p[1], p[2]), set()).add(p[0])
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


FRAME_MIN_STATEMENTS = 2  # once may be a comparison ("so với năm 2016"); twice frames the article


def document_frame_year(drafts: list[Draft]) -> int | None:
    """The year the document's own frame states: the newest year its dates state explicitly, when
    it is also the year stated most often, and at least twice (an article about 2017 says "năm
    2017", "quý I/2017"); birth years ("SN 1986"), the starts of running periods ("từ năm 1999",
    "từ tháng 9-2016 đến nay": the news is later) and terms ("nhiệm kỳ 2016-2021") do not count."""
    years = [d.first[0] for d in drafts if d.explicit_year and d.first[0] and not d.birth and not d.since
             and not d.term]
    if not years:
        return None
    newest = max(years)
    dated = newest_dated_year(drafts)
    if dated is not None and newest > dated + 1:
        return None  # "mục tiêu đến năm 2030" twice in a story whose days are of 2016: a plan, not the frame
    most = max(set(years), key=lambda y: (years.count(y), y))
    return newest if most == newest and years.count(newest) >= FRAME_MIN_STATEMENTS else None
