"""Events and event participants (pipeline/events.py, pipeline/event_roles.py).

Inputs of the upstream stages (sentences, dates, appearances) are built by hand for real sentences
from the corpus and the seed article, so each test checks this stage alone; the integration tests at
the end call the real upstream stages when they are available.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.events.component import find_events
from pipeline.core.normal_form import normalize_text
from pipeline.inputs.normalize import strip_boilerplate
from pipeline.core.records import Appearance, DateMention, Document, Mention, Sentence

SEED = Path(__file__).resolve().parents[1] / "data" / "raw" / "000_3aa00bf6687633dc.txt"  # the seed, shipped


def build(lines: list[str], people: list[str], dates: dict[str, str] | None = None,
          kinds: dict[int, str] | None = None):
    """Text (one sentence per line), Sentence records, DateMentions for the given surfaces, Appearances
    with every occurrence of each name as a mention span."""
    text = "\n".join(normalize_text(x) for x in lines)
    sentences, pos = [], 0
    for i, line in enumerate(text.split("\n")):
        sentences.append(Sentence(i, pos, pos + len(line), (kinds or {}).get(i, "headline" if i == 0 else "body")))
        pos += len(line) + 1
    date_mentions = [DateMention(m.start(), m.end(), m.group(0), value)
                     for surface, value in (dates or {}).items() for m in re.finditer(re.escape(surface), text)]
    appearances = [Appearance(name, None, (), tuple(m.span() for m in re.finditer(re.escape(name), text)))
                   for name in people]
    return text, sentences, sorted(date_mentions, key=lambda d: d.start), appearances


def roles_of(participants) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in participants:
        out.setdefault(p.name, set()).update(r.strip() for r in p.role.split(","))
    return out


# ---------------------------------------------------------------- the seed article

@pytest.fixture(scope="module")
def seed():
    text = strip_boilerplate(normalize_text(SEED.read_text(encoding="utf-8")))
    sentences, pos = [], 0
    for m in re.finditer(r"[^\n]+", text):  # paragraphs; short ones after blank lines are captions
        kind = "headline" if not sentences else ("caption" if len(m.group(0).split()) < 30 and "trao" in m.group(0)
                                                 or m.group(0).startswith("Các đại biểu") else "body")
        sentences.append(Sentence(len(sentences), m.start(), m.end(), kind))
    dates = [DateMention(m.start(), m.end(), m.group(0), v) for surface, v in
             (("chiều 26/12", "2022-12-26"), ("năm 2022", "2022"), ("năm 2023", "2023"), ("Năm 2023", "2023"))
             for m in re.finditer(re.escape(surface), text)]
    people = [Appearance(n, "Trung tướng", (), tuple(m.span() for m in re.finditer(n, text)))
              for n in ("Nguyễn Mạnh Hùng", "Hồ Quang Tuấn")]
    return text, sentences, sorted(dates, key=lambda d: d.start), people


def test_seed_one_conference_with_its_date_and_name(seed):
    text, sentences, dates, people = seed
    events, participants = find_events(text, sentences, dates, people)
    assert len(events) == 1  # "Hội nghị", "tại Hội nghị", "chủ trì hội nghị" are the same event
    ev = events[0]
    assert ev.type == "hội nghị"
    assert ev.date_value == "2022-12-26"  # not "năm 2022", which is inside the name
    assert ev.text == ("Hội nghị tổng kết công tác Đảng, công tác chính trị năm 2022 và triển khai "
                       "công tác năm 2023 của Tổng cục CNQP")
    assert text[ev.start:ev.end] == ev.text


def test_seed_participants_and_roles(seed):
    text, sentences, dates, people = seed
    _, participants = find_events(text, sentences, dates, people)
    roles = roles_of(participants)
    assert set(roles) == {"Nguyễn Mạnh Hùng", "Hồ Quang Tuấn"}
    assert {"chủ trì", "phát biểu"} <= roles["Nguyễn Mạnh Hùng"]
    assert roles["Hồ Quang Tuấn"] == {"trao"}  # the award caption belongs to the conference
    assert len(participants) == 2  # one row per person and event


# ---------------------------------------------------------------- role patterns (corpus sentences)

ROLE_CASES = [
    pytest.param(
        ["Lãnh đạo Đảng, Nhà nước tiếp Thủ tướng Lào",
         "Chiều cùng ngày, Chủ tịch nước Trần Đại Quang, Chủ tịch Quốc hội Nguyễn Thị Kim Ngân tiếp Thủ tướng "
         "Thongloun Sisoulith."],
        ["Trần Đại Quang", "Nguyễn Thị Kim Ngân", "Thongloun Sisoulith"],
        {"Nguyễn Thị Kim Ngân": "tiếp", "Thongloun Sisoulith": "được tiếp"}, "buổi tiếp", id="tiep"),
    pytest.param(
        ["Mỹ và Hàn Quốc hội đàm",
         "Ngày 2 tháng 2 năm 2017, Bộ trưởng Quốc phòng Mỹ James Mattis tiến hành hội đàm với Bộ trưởng Quốc "
         "phòng Hàn Quốc Han Min-koo."],
        ["James Mattis", "Han Min-koo"], {"James Mattis": "hội đàm", "Han Min-koo": "hội đàm"}, "hội đàm",
        id="hoi-dam"),
    pytest.param(
        ["Chính phủ họp phiên thường kỳ tháng 1",
         "Sáng 3/2, tại trụ sở Chính phủ, dưới sự chủ trì của Thủ tướng Nguyễn Xuân Phúc, Chính phủ họp phiên "
         "thường kỳ tháng 1/2017."],
        ["Nguyễn Xuân Phúc"], {"Nguyễn Xuân Phúc": "chủ trì"}, "phiên họp", id="duoi-su-chu-tri"),
    pytest.param(
        ["Nâng cao nhận thức về các vùng đất ngập nước",
         "Ngày 5-2, tại xã Thụy Xuân, Bộ TN&MT phối hợp với UBND tỉnh Thái Bình tổ chức Lễ mít-tinh hưởng ứng "
         "ngày Đất ngập nước thế giới 2017.",
         "Phát biểu tại lễ mít-tinh, Bộ trưởng Bộ TN&MT Trần Hồng Hà nhấn mạnh: Đất ngập nước có nhiều chức "
         "năng rất quan trọng."],
        ["Trần Hồng Hà"], {"Trần Hồng Hà": "phát biểu"}, "lễ mít tinh", id="fronted-phat-bieu"),
    pytest.param(
        ["Thứ trưởng Hoàng Quốc Vượng chủ trì cuộc họp",
         "Ngày 6/2, Thứ trưởng Hoàng Quốc Vượng đã chủ trì cuộc họp của Ban chỉ đạo Bộ Công Thương xử lý các "
         "vấn đề tồn tại ở các dự án lớn chậm tiến độ."],
        ["Hoàng Quốc Vượng"], {"Hoàng Quốc Vượng": "chủ trì"}, "cuộc họp", id="chu-tri-cuoc-hop"),
    pytest.param(
        ["Ngành tôm Việt Nam",
         "Đây là ý kiến của nhiều đại biểu tại hội nghị phát triển ngành nuôi tôm Việt Nam ngày 6/2, dưới sự "
         "chủ trì của Thủ tướng Nguyễn Xuân Phúc."],
        ["Nguyễn Xuân Phúc"], {"Nguyễn Xuân Phúc": "chủ trì"}, "hội nghị", id="hoi-nghi-lowercase"),
    pytest.param(
        ["Khởi tố kẻ giết người",
         "Ngay trong chiều cùng ngày, Công an tỉnh Lâm Đồng đã ra quyết định khởi tố vụ án, khởi tố bị can và "
         "thực hiện lệnh bắt Hoàng Công Thuật (39 tuổi) về hành vi Giết người."],
        ["Hoàng Công Thuật"], {"Hoàng Công Thuật": "bị khởi tố"}, "khởi tố", id="khoi-to"),
    pytest.param(
        ["Tổng kết công tác năm 2022",
         "Sáng 10/1, Tổng cục Chính trị tổ chức hội nghị tổng kết công tác năm 2022.",
         "Chủ trì hội nghị là Đại tướng Lương Cường, Chủ nhiệm Tổng cục Chính trị."],
        ["Lương Cường"], {"Lương Cường": "chủ trì"}, "hội nghị", id="chu-tri-la"),
]


@pytest.mark.parametrize(("lines", "people", "expected", "event_type"), ROLE_CASES)
def test_roles(lines, people, expected, event_type):
    text, sentences, dates, appearances = build(lines, people)
    events, participants = find_events(text, sentences, dates, appearances)
    roles = roles_of(participants)
    for name, role in expected.items():
        assert role in roles.get(name, set()), (name, roles)
    assert event_type in {e.type for e in events}


NO_EVENT_CASES = [
    pytest.param(["Thứ trưởng Bộ TT&TT Nguyễn Minh Hồng vừa ký ban hành Quyết định số 90 về kế hoạch triển khai "
                  "thi hành Luật Tiếp cận thông tin."], ["Nguyễn Minh Hồng"], id="decree-signing"),
    pytest.param(["Đại tá Nguyễn Hữu Đoàn cho biết, ông và các đồng nghiệp dự định tiếp tục nghiên cứu sản xuất "
                  "lốp không săm."], ["Nguyễn Hữu Đoàn"], id="du-dinh-tiep-tuc"),
    pytest.param(["Đoàn công tác của TP.HCM do ông Đinh La Thăng dẫn đầu đã đến Bình Dương khảo sát, trao đổi kinh "
                  "nghiệm về mô hình nhà 100 triệu."], ["Đinh La Thăng"], id="trao-doi-is-not-trao"),
    pytest.param(["Rất có thể sau bàn thắng này, Hồ Ngọc Thắng sẽ được HLV Lê Huỳnh Đức trao nhiều cơ hội ra sân "
                  "hơn."], ["Hồ Ngọc Thắng", "Lê Huỳnh Đức"], id="trao-co-hoi"),
    pytest.param(["Vụ tai nạn xảy ra trong sân trường.",
                  "Trao đổi với phóng viên về vụ tai nạn, ông Nguyễn Hữu Độ cho biết nhà trường đã báo cáo lên quận."],
                 ["Nguyễn Hữu Độ"], id="speaker-about-accident"),
]


def test_people_named_by_a_memorial_do_not_take_part():
    """"thăm Khu di tích Chủ tịch Hồ Chí Minh": the visitor takes part, the man the site honours does not."""
    text, sentences, dates, appearances = build(
        ["Thủ tướng Nguyễn Xuân Phúc dự lễ khánh thành",
         "Sáng 19/5, Thủ tướng Nguyễn Xuân Phúc dự lễ khánh thành Nhà tưởng niệm Chủ tịch Hồ Chí Minh và "
         "thăm Khu di tích Chủ tịch Hồ Chí Minh tại Phủ Chủ tịch."],
        ["Nguyễn Xuân Phúc", "Hồ Chí Minh"])
    _, participants = find_events(text, sentences, dates, appearances)
    names = {p.name for p in participants}
    assert "Nguyễn Xuân Phúc" in names
    assert "Hồ Chí Minh" not in names


@pytest.mark.parametrize(("lines", "people"), NO_EVENT_CASES)
def test_no_participants(lines, people):
    text, sentences, dates, appearances = build(lines, people)
    _, participants = find_events(text, sentences, dates, appearances)
    assert participants == []


def test_list_after_du_co_and_title_capitals():
    lines = ["Hội nghị tổng kết công tác năm 2016 của Bộ Tài nguyên và Môi trường",
             "Sáng 5/1, Bộ Tài nguyên và Môi trường tổ chức Hội nghị tổng kết công tác năm 2016.",
             "Dự hội nghị có đồng chí Trương Hòa Bình, Phó Thủ tướng Thường trực, Trưởng Ban Chỉ đạo; đồng chí "
             "Trần Hồng Hà, Bộ trưởng Bộ Tài nguyên và Môi trường."]
    text, sentences, dates, appearances = build(lines, ["Trương Hòa Bình", "Trần Hồng Hà"], {"Sáng 5/1": "2017-01-05"})
    events, participants = find_events(text, sentences, dates, appearances)
    assert roles_of(participants) == {"Trương Hòa Bình": {"dự"}, "Trần Hồng Hà": {"dự"}}
    assert [e.date_value for e in events] == ["2017-01-05"]
    assert len(events) == 1  # headline, lead and "Dự hội nghị" are one conference


def test_coordinated_subjects_share_the_verb():
    lines = ["Hội nghị xúc tiến đầu tư",
             "Hội nghị do Phó Thủ tướng Trịnh Đình Dũng và Bộ trưởng Bộ Xây dựng Phạm Hồng Hà đồng chủ trì."]
    text, sentences, dates, appearances = build(lines, ["Trịnh Đình Dũng", "Phạm Hồng Hà"])
    _, participants = find_events(text, sentences, dates, appearances)
    assert roles_of(participants) == {"Trịnh Đình Dũng": {"đồng chủ trì"}, "Phạm Hồng Hà": {"đồng chủ trì"}}


def test_two_dated_events_keep_their_own_dates():
    lines = ["Hoạt động của lãnh đạo tỉnh",
             "Sáng 6/2, Chủ tịch UBND tỉnh Nguyễn Văn Cao chủ trì Hội nghị triển khai nhiệm vụ năm 2017.",
             "Chiều 7/2, ông Nguyễn Văn Cao tiếp Đại sứ Nhật Bản Umeda Kunio."]
    text, sentences, dates, appearances = build(lines, ["Nguyễn Văn Cao", "Umeda Kunio"],
                                                {"Sáng 6/2": "2017-02-06", "Chiều 7/2": "2017-02-07"})
    events, participants = find_events(text, sentences, dates, appearances)
    date_of = {e.event_key: e.date_value for e in events}
    pairs = {(p.name, date_of[p.event_key]) for p in participants}
    assert pairs == {("Nguyễn Văn Cao", "2017-02-06"), ("Nguyễn Văn Cao", "2017-02-07"),
                     ("Umeda Kunio", "2017-02-07")}


def test_location_and_organizer_from_upstream_mentions():
    lines = ["Hội thảo khoa học về biển đảo",
             "Sáng 6/2, tại Hà Nội, Viện Hàn lâm Khoa học xã hội Việt Nam tổ chức Hội thảo khoa học về biển đảo."]
    text, sentences, dates, appearances = build(lines, [], {"Sáng 6/2": "2017-02-06"})
    loc = [Mention(m.start(), m.end(), m.group(0), "LOC", "Hà Nội") for m in re.finditer("Hà Nội", text)]
    org = [Mention(m.start(), m.end(), m.group(0), "ORG", m.group(0))
           for m in re.finditer("Viện Hàn lâm Khoa học xã hội Việt Nam", text)]
    events, _ = find_events(text, sentences, dates, appearances, loc, org)
    assert [(e.type, e.location, e.organizer, e.date_value) for e in events] == [
        ("hội thảo", "Hà Nội", "Viện Hàn lâm Khoa học xã hội Việt Nam", "2017-02-06")]


def test_without_sentences_the_text_is_split_internally():
    text = normalize_text("Sáng 6/2, Thủ tướng Nguyễn Xuân Phúc chủ trì Hội nghị trực tuyến Chính phủ với các địa "
                          "phương. Hội nghị kết thúc vào buổi chiều.")
    people = [Appearance("Nguyễn Xuân Phúc", None, (), ((text.index("Nguyễn"), text.index("Nguyễn") + 16),))]
    events, participants = find_events(text, [], [], people)
    assert [p.name for p in participants] == ["Nguyễn Xuân Phúc"]
    assert len(events) == 1


# ---------------------------------------------------------------- properties

WORDS = ["hội nghị", "Hội nghị", "tại", "chủ trì", "dự", "có", "trao", "tiếp", "Lễ", "lễ trao", ",", ".", "\n",
         "Nguyễn Văn An", "ông", "ngày 5/2", "do", "và", "phát biểu", "(", ")", "“", "khởi tố", "chuyến thăm"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.text(max_size=60))
def test_random_text_never_raises_and_offsets_hold(words, noise):
    text = normalize_text(" ".join(words) + " " + noise)
    spans = tuple(m.span() for m in re.finditer("Nguyễn Văn An", text))
    dates = [DateMention(m.start(), m.end(), m.group(0), "XXXX-02-05") for m in re.finditer("ngày 5/2", text)]
    events, participants = find_events(text, [], dates, [Appearance("Nguyễn Văn An", None, (), spans)])
    keys = {e.event_key for e in events}
    assert [e.event_key for e in events] == list(range(len(events)))
    for e in events:
        assert text[e.start:e.end] == e.text
    for p in participants:
        assert p.event_key in keys and p.name == "Nguyễn Văn An" and p.role


# ---------------------------------------------------------------- spaCy component

def test_spacy_component_fills_the_record(seed):
    spacy = pytest.importorskip("spacy")
    text, sentences, dates, people = seed
    nlp = spacy.blank("xx")
    nlp.add_pipe("vi_events")
    doc = nlp.make_doc(text)
    doc._.record = Document(doc_id="seed", source="seed.txt", text=text, sentences=sentences, dates=dates,
                            appearances=people)
    nlp(doc)
    assert [e.type for e in doc._.record.events] == ["hội nghị"]
    assert {p.name for p in doc._.record.participants} == {"Nguyễn Mạnh Hùng", "Hồ Quang Tuấn"}


# ---------------------------------------------------------------- with the real upstream stages

def test_seed_with_real_upstream_stages():
    segment = pytest.importorskip("pipeline.text.segment")
    dates_stage = pytest.importorskip("pipeline.extract.dates.mentions")
    people_stage = pytest.importorskip("pipeline.extract.people.component")
    from pipeline.inputs.normalize import normalize_document
    from pipeline.core.records import RawDocument

    raw = normalize_document(RawDocument("seed-000", "seed.txt", SEED.read_text(encoding="utf-8")))
    doc = segment.segment_document(raw)
    dates = dates_stage.find_dates(doc.text, None, doc.sentences)
    _, appearances = people_stage.find_people(doc.text, doc.sentences)
    events, participants = find_events(doc.text, doc.sentences, dates, appearances)
    date_of = {e.event_key: e.date_value for e in events}
    pairs = {(p.name, date_of[p.event_key]) for p in participants}
    assert pairs == {("Nguyễn Mạnh Hùng", "2022-12-26"), ("Hồ Quang Tuấn", "2022-12-26")}


def test_objects_stop_at_a_new_clause():
    lines = ["Ông Trump và các nhà lãnh đạo thế giới",
             "Thậm chí, ông Donald Trump còn gặp mặt trực tiếp Thủ tướng Anh Theresa May nhưng lại ngoại trừ nhà lãnh "
             "đạo Trung Quốc Tập Cận Bình."]
    text, sentences, dates, appearances = build(lines, ["Donald Trump", "Theresa May", "Tập Cận Bình"])
    _, participants = find_events(text, sentences, dates, appearances)
    roles = roles_of(participants)
    assert "Theresa May" in roles and "Tập Cận Bình" not in roles


def test_speaking_about_an_event_is_not_taking_part():
    lines = ["Chủ tịch Hạ viện Anh phản đối",
             "Nói về chuyến thăm cấp nhà nước của Tổng thống Mỹ, Chủ tịch Hạ viện Anh John Bercow cho biết ông sẽ phản "
             "đối mạnh mẽ."]
    text, sentences, dates, appearances = build(lines, ["John Bercow"])
    _, participants = find_events(text, sentences, dates, appearances)
    assert participants == []


def test_anniversary_dates_are_history_not_the_event_date():
    from pipeline.nlp import build_nlp

    text = ("Sáng 21/6/2017, tại Hà Nội, Ban Tuyên giáo Trung ương tổ chức Lễ trao Giải báo chí quốc gia nhân kỷ "
            "niệm 92 năm Ngày Báo chí cách mạng Việt Nam (21/6/1925 - 21/6/2017). Thủ tướng Nguyễn Xuân Phúc "
            "dự và phát biểu tại lễ trao giải.")
    record = build_nlp()(text)._.record
    assert [e.date_value for e in record.events] == ["2017-06-21"]
    assert [(p.name, p.role) for p in record.participants] == [("Nguyễn Xuân Phúc", "dự, phát biểu")]


@pytest.mark.parametrize("text, expected", [
    ("Ngày 15/5, cơ quan Công an đã tạm giữ hình sự tài xế Phạm Đình Thành (SN 1986) để điều tra.",
     [("bắt giữ", "Phạm Đình Thành", "bị bắt")]),
    ("Sáng 23/5, Phan Văn Tuấn bị bắt khi đang lẩn trốn tại nhà người quen.", [("bắt giữ", "Phan Văn Tuấn", "bị bắt")]),
    ("Ông Nguyễn Văn An bị khởi tố về tội lạm quyền trong khi thi hành công vụ.",
     [("khởi tố", "Nguyễn Văn An", "bị khởi tố")]),
])
def test_suspects_take_part_in_arrests_and_prosecutions(text, expected):
    from pipeline.nlp import build_nlp

    record = build_nlp()(text)._.record
    types = {e.event_key: e.type for e in record.events}
    assert [(types[p.event_key], p.name, p.role) for p in record.participants] == expected
