"""Random text never raises, and every offset a stage reports holds (issue 23): one property over every
stage. Each stage draws its text from an alphabet that hits its rules (its cue words and names among
Vietnamese letters and punctuation); the whole pipeline draws fragments of real news; dates also draw arbitrary
Unicode and a publication date."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.normal_form import normalize_text
from pipeline.core.records import Appearance, DateMention
from pipeline.extract.abbreviations.detector import expand_abbreviations, find_abbreviations
from pipeline.extract.dates.legal_refs import find_legal_refs
from pipeline.extract.dates.mentions import find_dates
from pipeline.extract.events.component import find_events
from pipeline.extract.organizations.component import find_organizations
from pipeline.extract.people.component import find_people
from pipeline.extract.places.component import find_places

from .conftest import ALL_STAGES, pipeline_until


def joined(pieces: list[str], max_size: int | None = None) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


def check_dates(text: str, published: date | None) -> None:
    mentions = find_dates(text, published)
    assert all(text[m.start:m.end] == m.text for m in mentions)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
    assert all(text[r.start:r.end] == r.text for r in find_legal_refs(text))


def check_abbreviations(text: str, published: date | None) -> None:
    for a in find_abbreviations(text):
        assert text[a.start:a.end] == a.short and a.long
    expand_abbreviations(text, {"UBND": "Ủy ban nhân dân", "CNQP": "Công nghiệp quốc phòng"})


def check_organizations(text: str, published: date | None) -> None:
    for m in find_organizations(text, {"CNQP": "Công nghiệp quốc phòng"}):
        assert text[m.start:m.end] == m.text and m.label == "ORG" and m.canonical


def check_places(text: str, published: date | None) -> None:
    for m in find_places(text):
        assert text[m.start:m.end] == m.text and m.label == "LOC" and m.canonical


def check_people(text: str, published: date | None) -> None:
    mentions, appearances, _ = find_people(text)
    assert all(text[m.start:m.end] == m.text for m in mentions)
    assert all(0 <= s < e <= len(text) for a in appearances for s, e in a.mention_spans)


def check_events(text: str, published: date | None) -> None:
    spans = tuple(m.span() for m in re.finditer("Nguyễn Văn An", text))
    dates = [DateMention(m.start(), m.end(), m.group(0), "XXXX-02-05") for m in re.finditer("ngày 5/2", text)]
    events, participants = find_events(text, [], dates, [Appearance("Nguyễn Văn An", None, (), spans)])
    assert [e.event_key for e in events] == list(range(len(events)))
    assert all(text[e.start:e.end] == e.text for e in events)
    keys = {e.event_key for e in events}
    assert all(p.event_key in keys and p.name == "Nguyễn Văn An" and p.role for p in participants)


def check_pipeline(text: str, published: date | None) -> None:
    record = pipeline_until(ALL_STAGES)(text)._.record
    for item in [*record.mentions, *record.dates, *record.legal_refs, *record.events]:
        assert record.text[item.start:item.end] == item.text
    assert all(record.text[a.start:a.end] == a.short for a in record.abbreviations)
    names = {a.name for a in record.appearances}
    assert all(p.name in names for p in record.participants)


LETTERS = ("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
           "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ0123456789 ,.;:()/-&\n\"“”")
NEWS_FRAGMENTS = st.text(alphabet=LETTERS, max_size=40) | st.sampled_from(
    ["Trung tướng ", "Nguyễn Văn ", "Bộ Quốc phòng ", "(CNQP) ", "ngày 26/12/2022 ", "UBND tỉnh ",
     "Hội nghị ", "chủ trì ", "TP.HCM ", "Thông tư 31/2016/TT-BXD ", "ông Hùng ", "Ảnh: ", "Tin, ảnh: ",
     "PV/VOV.VN", "Theo VTV", "(Nguồn: Yonhap/TTXVN)", "sân bay Nội Bài ", "15h30 ngày 6/2 "])
EVENT_WORDS = ["hội nghị", "Hội nghị", "tại", "chủ trì", "dự", "có", "trao", "tiếp", "Lễ", "lễ trao", ",", ".", "\n",
               "Nguyễn Văn An", "ông", "ngày 5/2", "do", "và", "phát biểu", "(", ")", "“", "khởi tố", "chuyến thăm"]


@dataclass(frozen=True)
class Stage:
    name: str
    text: st.SearchStrategy[str]
    check: Callable[[str, date | None], None]
    examples: int


STAGES = [
    Stage("vi_dates", joined(list("0123456789/-.–() ,\n") + [
        "ngày ", "tháng ", "năm ", "sáng ", "từ ", "đến ", "quý I", "hôm qua", "thứ Hai ", "Nghị định ", "/NĐ-CP",
        "nhiệm kỳ ", "cùng ngày", "mùng ", "SN "], 40), check_dates, 300),
    Stage("vi_dates on any Unicode", st.text(max_size=200), check_dates, 200),
    Stage("vi_abbreviations", joined(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐCNQPTHUBDSGKV&.-/(), \n") + [
        "UBND", "TP.HCM", "(CNQP)", "viết tắt là "], 60), check_abbreviations, 300),
    Stage("vi_organizations", joined(list("Bộ Tổng cục Quân khu 7 UBND tỉnh Hà Nội, và-&.()\nCNQP công an") + [
        "Bộ ", "Tổng cục ", "Quân khu 7", "UBND ", "tỉnh ", "Hà Nội", "Công an ", "CNQP", "Bộ Quốc phòng"], 40),
        check_organizations, 200),
    Stage("vi_places", joined(list("Hà Nội TP.HCM tỉnh Anh Mỹ quận 1,-\n()ở ĐỨC") + [
        "Hà Nội", "TP.HCM", "tỉnh ", "Anh", "Mỹ", "quận 1", "ở ", "ĐỨC", "Nghệ An", "Công an tỉnh "], 40),
        check_places, 200),
    Stage("vi_people", joined(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂĐÊNTHƯỚỦỳáàảãạ ,.-()\n") + [
        "Trung tướng ", "Nguyễn ", "Văn ", "ông ", "Chủ tịch ", "UBND ", "Bí thư ", ", ", "Hùng", "Trump ",
        "Tổng cục "]), check_people, 200),
    Stage("vi_events", st.tuples(st.lists(st.sampled_from(EVENT_WORDS), max_size=40), st.text(max_size=60)).map(
        lambda parts: normalize_text(" ".join(parts[0]) + " " + parts[1])), check_events, 150),
    Stage("the whole pipeline", st.lists(NEWS_FRAGMENTS, min_size=1, max_size=12).map("".join), check_pipeline, 60),
]


@pytest.mark.parametrize("stage", STAGES, ids=[s.name for s in STAGES])
def test_random_text_never_raises_and_offsets_hold(stage):
    @settings(max_examples=stage.examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=stage.text, published=st.one_of(st.none(), st.dates()))
    def holds(text, published):
        stage.check(text, published)

    holds()
