"""When an event took place: its own sentence, else its paragraph, else the report's frame.

1. The day-level date nearest to a mention of the event in its own sentences ("Chiều 26/12, ...
   Hội nghị ..."), never a date inside the event's name ("tổng kết ... năm 2022"), a legal number
   ("Nghị định 49/2017/NĐ-CP") or a relative date; then the same with month-level dates.
2. Else a date at the head of an earlier sentence of the same paragraph ("Ngày 5/2, đoàn ... đến
   thăm X. Tại buổi làm việc, ...").
3. Else the lead's date, the day the report is about ("Sáng 16/5, ... Trước đó, hai bên đã hội
   đàm"), when the event is mentioned in the lead's paragraph or later paragraphs; not for the
   programme of a visit recounted without its days ("Trong khuôn khổ chuyến thăm, X đã hội đàm với
   Y; chào xã giao Z"), whose events stay undated, nor for a visit or trip named by its noun when the
   lead's day is another event's: it lasts several days (event_types.tsv `trip_type`).
Values are the dates stage's own (`DateMention.value`), so a day has the same value in both tables;
the year comes from the evidence that stage found, or stays "XXXX".

The frame year is the newest year of a day or month the document states (else of a bare year), or a year an anniversary implies ("kỷ niệm
87 năm ngày thành lập Đảng (3/2/1930 ...)" → 2017). A date more than HISTORY_YEARS before it is
history: a ceremony never takes it (an anniversary is held today, not on the day it remembers:
"Lễ kỷ niệm 50 năm ngày ... 24/6/1967"), and another event dated only by it is a recounted past
event, flagged `historical` ("bị bắt năm 1989", "chuyến thăm ... tháng 7/1967").
"""
from __future__ import annotations

import bisect
import re
from typing import Sequence

from pipeline.core.records import DateMention, Sentence

HISTORY_YEARS = 5
DAY_VALUE_RE = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}")
_MONTH_VALUE_RE = re.compile(r"^\d{4}-\d{2}$")
_YEAR_VALUE_RE = re.compile(r"^\d{4}$")
# "Trước đó, ngày 9/11/1996, ...": a sentence that goes back in time does not date the report
_FLASHBACK_RE = re.compile(r"\W*(?:trước đó|trước đây|cách đây|hồi)(?!\w)", re.IGNORECASE)
# "Trong khuôn khổ chuyến thăm, X đã hội đàm …": the programme of a visit, recounted without its days
_PROGRAMME_RE = re.compile(r"\W*(?:trong\s+khuôn\s+khổ|trong\s+(?:chuyến|dịp|thời\s+gian)\s+(?:thăm|công\s+tác|ở|tại))(?!\w)",
                           re.IGNORECASE)
_DATED_RE = re.compile(r"^\d{4}-(?:\d{2}|H\d|Q\d)")
# "sinh năm 1981", "(SN 1990": before the date, or inside its text
_BIRTH_RE = re.compile(r"(?:(?<!\w)(?:sinh|SN)\s*(?:năm\s*)?$)|(?:^(?:sinh|SN)(?!\w))", re.IGNORECASE)
_LEGAL_NUMBER_RE = re.compile(r"\d+/\d*/?[A-ZĐ][\wĐ-]*")
_ANNIVERSARY_RE = re.compile(r"(?<!\w)kỷ\s+niệm\s+(\d{1,3})\s+năm(?!\w)", re.IGNORECASE)
# "kỷ niệm ... ngày 3/2/1930", "ngày thành lập ... (22/12/1944": the date a ceremony remembers
_COMMEMORATED_RE = re.compile(r"(?<!\w)(?:kỷ\s+niệm|thành\s+lập|truyền\s+thống|chiến\s+thắng|giải\s+phóng|ngày\s+sinh|"
                              r"hy\s+sinh|ra\s+đời)(?!\w)[^,.;:!?\n]{0,80}$", re.IGNORECASE)


class EventDater:
    """The dates of one document, and the rule above."""

    def __init__(self, text: str, sentences: Sequence[Sentence], dates: Sequence[DateMention],
                 lead_sentences: int = 3, history_years: int = HISTORY_YEARS):
        self.text = text
        self.sentences = sentences
        self.dates = sorted((d for d in dates if d.value), key=lambda d: d.start)
        self.starts = [d.start for d in self.dates]
        self.frame_year = self._frame_year()
        self.oldest_event_year = self.frame_year - history_years if self.frame_year else 0
        # paragraph index of each sentence: a new one after a line break
        self.paragraph: list[int] = []
        for i, s in enumerate(sentences):
            new = i > 0 and "\n" in text[sentences[i - 1].end:s.start]
            self.paragraph.append((self.paragraph[-1] if i else 0) + new)
        self.lead_date = next((d for s in sentences[:lead_sentences] if not _FLASHBACK_RE.match(text, s.start, s.end)
                               for d in self.dates_in(s.start, s.end)
                               if DAY_VALUE_RE.match(d.value) and d.kind != "relative" and not self.historical(d)),
                              None)
        # the sentence holding it: its day is the day of the events that sentence names
        self.lead_sentence = None if self.lead_date is None else next(
            i for i, s in enumerate(sentences) if s.start <= self.lead_date.start < s.end)

    def _frame_year(self) -> int:
        # the newest year of a day or month ("ngày 5/6/2017", "tháng 6/2017"); bare years are often
        # plans or births ("đến năm 2030", "sinh năm 1981"), used only when nothing finer is dated
        years = [int(d.value[:4]) for d in self.dates if _DATED_RE.match(d.value)] or [
            int(d.value[:4]) for d in self.dates if d.value[:4].isdigit()]
        for m in _ANNIVERSARY_RE.finditer(self.text):
            stop = self.text.find("\n", m.end())
            window = self.dates_in(m.end(), min(m.end() + 120, stop if stop > 0 else len(self.text)))
            old = [int(d.value[:4]) for d in window if d.value[:4].isdigit()]
            if old:
                years.append(min(old) + int(m.group(1)))
        return max(years) if years else 0

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [d for d in self.dates[lo:hi] if d.end <= end]

    def historical(self, date: DateMention) -> bool:
        return date.value[:4].isdigit() and int(date.value[:4]) < self.oldest_event_year

    def _usable(self, x: DateMention, sent: Sentence, name_spans, commemorating: bool) -> bool:
        if x.kind == "relative" or any(s <= x.start and x.end <= e for s, e in name_spans):
            return False
        if _LEGAL_NUMBER_RE.search(self.text, max(sent.start, x.start - 30), x.start):
            return False
        if _BIRTH_RE.search(self.text, max(sent.start, x.start - 12), x.start) or _BIRTH_RE.match(x.text):
            return False
        return not (commemorating and _COMMEMORATED_RE.search(self.text, max(sent.start, x.start - 90), x.start))

    def event_date(self, refs: list[tuple[int, int, int]], name_span: tuple[int, int],
                   ceremony: bool = False, several_days: bool = False,
                   trip: bool = False) -> tuple[str | None, bool, str]:
        """(date value, historical, where it came from: sentence | paragraph | lead | "") of an event
        mentioned at `refs` ((sentence, start, end), the naming one first). `trip`: a visit or trip,
        which its own sentence dates by a range rather than a day ("Ngày 16/5, đoàn … kết thúc chuyến
        thăm … từ ngày 10 - 16/5"). `several_days`: a trip whose lead dates another event: neither the
        lead's day nor a paragraph's single day dates it (each is one day of it); a range does ("từ
        ngày 28-6 đến 1-7-2017")."""
        name_spans = [name_span] + [(s, e) for _, s, e in refs]
        found = self._own_date(refs, name_spans, DAY_VALUE_RE, ceremony, past=False, prefer_range=trip)
        if found:
            return found, False, "sentence"
        first = self.sentences[refs[0][0]]
        programme = bool(_PROGRAMME_RE.match(self.text, first.start, first.end))
        found = None if programme else self._paragraph_date(refs[0][0])
        if found and several_days and "/" not in found:
            found = None
        if found:
            return found, False, "paragraph"
        found = self._own_date(refs, name_spans, _MONTH_VALUE_RE, ceremony, past=False)
        if found:
            return found, False, "sentence"
        if not ceremony:  # "bị bắt năm 1993" in a 2017 report: a past event the text recounts
            for pattern in (DAY_VALUE_RE, _MONTH_VALUE_RE, _YEAR_VALUE_RE):
                found = self._own_date(refs, name_spans, pattern, ceremony, past=True)
                if found:
                    return found, True, "sentence"
        if self.lead_date is not None and not programme and not (several_days and "/" not in self.lead_date.value):
            return self.lead_date.value.split("T")[0], False, "lead"
        return None, False, ""

    def _own_date(self, refs, name_spans, pattern: re.Pattern[str], ceremony: bool, past: bool,
                  prefer_range: bool = False) -> str | None:
        for si, rs, re_ in refs:
            sent = self.sentences[si]
            cands = [x for x in self.dates_in(sent.start, sent.end)
                     if pattern.match(x.value) and self.historical(x) == past
                     and self._usable(x, sent, name_spans, ceremony or past)]
            if prefer_range and any("/" in x.value for x in cands):
                cands = [x for x in cands if "/" in x.value]
            if cands:
                best = min(cands, key=lambda x: (x.start - sent.start > 30, min(abs(x.start - re_), abs(rs - x.end))))
                return best.value.split("T")[0]  # the event's day, not the clock time
        return None

    def _paragraph_date(self, first: int) -> str | None:
        """A date heading an earlier sentence of the same paragraph (or the two sentences before)."""
        for si in range(first - 1, -1, -1):
            if self.paragraph[si] != self.paragraph[first] and si < first - 2:
                break
            sent = self.sentences[si]
            lead = [x for x in self.dates_in(sent.start, min(sent.end, sent.start + 30))
                    if DAY_VALUE_RE.match(x.value) and x.kind != "relative" and not self.historical(x)]
            if lead:
                return lead[0].value.split("T")[0]
        return None
