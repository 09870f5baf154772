"""Events and event participants (pipeline/events.py, pipeline/event_roles.py).

Inputs of the upstream stages (sentences, dates, appearances) are built by hand for real sentences
from the corpus and the seed article, so each test checks this stage alone; the integration tests at
the end call the real upstream stages when they are available.
"""
from __future__ import annotations

import re

import pytest

import pipeline.nlp  # noqa: F401  (registers the vi_* factories with spaCy)
from pipeline.extract.events.component import find_events
from pipeline.core.normal_form import normalize_text
from pipeline.inputs.normalize import strip_boilerplate
from pipeline.core.records import Appearance, DateMention, Document, Mention, Sentence

from .conftest import SEED


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
        out.setdefault(p.name, set()).update(p.roles)
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
    assert ev.mention == ("Hội nghị tổng kết công tác Đảng, công tác chính trị năm 2022 và triển khai "
                          "công tác năm 2023 của Tổng cục CNQP")
    assert text[ev.mention_start:ev.mention_end] == ev.mention
    assert text[ev.start:ev.end] == ev.text and ev.mention in ev.text


def test_seed_participants_and_roles(seed):
    text, sentences, dates, people = seed
    _, participants = find_events(text, sentences, dates, people)
    roles = roles_of(participants)
    assert set(roles) == {"Nguyễn Mạnh Hùng", "Hồ Quang Tuấn"}
    assert roles["Nguyễn Mạnh Hùng"] == {"chủ trì", "phát biểu", "chỉ đạo"}  # "Đó là chỉ đạo của Trung tướng …"
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


# ---------------------------------------------------------------- spaCy component
# (random text, for this stage and every other: tests/test_random_text.py)

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

def test_seed_with_real_upstream_stages(seed_record):
    dates_stage = pytest.importorskip("pipeline.extract.dates.mentions")
    people_stage = pytest.importorskip("pipeline.extract.people.component")

    doc = seed_record
    dates = dates_stage.find_dates(doc.text, None, doc.sentences)
    _, appearances, _ = people_stage.find_people(doc.text, doc.sentences)
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


def test_anniversary_dates_are_history_not_the_event_date(nlp):
    text = ("Sáng 21/6/2017, tại Hà Nội, Ban Tuyên giáo Trung ương tổ chức Lễ trao Giải báo chí quốc gia nhân kỷ "
            "niệm 92 năm Ngày Báo chí cách mạng Việt Nam (21/6/1925 - 21/6/2017). Thủ tướng Nguyễn Xuân Phúc "
            "dự và phát biểu tại lễ trao giải.")
    record = nlp(text)._.record
    assert [e.date_value for e in record.events] == ["2017-06-21"]
    assert [(p.name, p.role, p.roles) for p in record.participants] == [("Nguyễn Xuân Phúc", "dự", ("dự", "phát biểu"))]


@pytest.mark.parametrize("text, expected", [
    ("Ngày 15/5, cơ quan Công an đã tạm giữ hình sự tài xế Phạm Đình Thành (SN 1986) để điều tra.",
     [("bắt giữ", "Phạm Đình Thành", "bị bắt")]),
    ("Sáng 23/5, Phan Văn Tuấn bị bắt khi đang lẩn trốn tại nhà người quen.", [("bắt giữ", "Phan Văn Tuấn", "bị bắt")]),
    ("Ông Nguyễn Văn An bị khởi tố về tội lạm quyền trong khi thi hành công vụ.",
     [("khởi tố", "Nguyễn Văn An", "bị khởi tố")]),
    # sentenced: the person took part in the trial (baomoi-21492026, baomoi-22326883)
    ("Năm ngoái, ông Marcelo Odebrecht, cựu giám đốc điều hành của tập đoàn này đã bị kết án 19 năm tù về tội "
     "tham nhũng và rửa tiền.", [("phiên tòa", "Marcelo Odebrecht", "bị xét xử")]),
    ("Năm 2002, Ngô Bá Thành bị tuyên án tử.", [("phiên tòa", "Ngô Bá Thành", "bị xét xử")]),
    # who convenes a meeting chairs it (baomoi-22672657)
    ("Tổng thống Hàn Quốc Moon Jae-in đã triệu tập một cuộc họp khẩn cấp của Hội đồng An ninh quốc gia vào sáng "
     "4-7, ngay sau khi Triều Tiên phóng tên lửa đạn đạo về phía biển Nhật Bản.",
     [("cuộc họp", "Moon Jae-in", "chủ trì")]),
    # a player's ban is no sentence (baomoi-22626151)
    ("Hậu vệ Sầm Ngọc Đức của CLB Hà Nội đã nhận án phạt nặng từ Ban kỷ luật VFF sau pha vào bóng cực kì nguy "
     "hiểm với Nguyễn Anh Hùng của CLB Hải Phòng tại vòng 14 V-League 2017 cuối tuần qua.", []),
])
def test_a_verb_names_who_took_part_arrests_trials_meetings(nlp, text, expected):
    record = nlp(text)._.record
    types = {e.event_key: e.type for e in record.events}
    assert [(types[p.event_key], p.name, p.role) for p in record.participants] == expected


# ---------------------------------------------------------------- issue 15: rule families on corpus sentences

def _events_of(lines, people, dates=None, kinds=None):
    text, sentences, date_mentions, appearances = build(lines, people, dates, kinds)
    events, participants = find_events(text, sentences, date_mentions, appearances)
    by_event = {e.event_key: (e, {p.name: p.role for p in participants if p.event_key == e.event_key})
                for e in events}
    return events, participants, by_event


def test_verb_reports_a_visit_and_working_session():
    # baomoi-21474095: no trigger noun, "đến thăm và làm việc" is the event
    events, participants, _ = _events_of(
        ["Thủ tướng làm việc với Kiểm toán Nhà nước",
         "Cũng trong ngày 2/2, Thủ tướng Nguyễn Xuân Phúc đã đến thăm và làm việc với Kiểm toán Nhà nước."],
        ["Nguyễn Xuân Phúc"], {"ngày 2/2": "2017-02-02"})
    assert [(e.type, e.date_value) for e in events] == [("chuyến thăm", "2017-02-02")]
    assert roles_of(participants) == {"Nguyễn Xuân Phúc": {"thăm", "làm việc"}}


def test_verb_reports_a_consolation_visit():
    # baomoi-22556391: "thăm hỏi, động viên" — the official visits; the worker is visited, not a speaker
    events, participants, _ = _events_of(
        ["Chủ tịch Hà Nội thăm công nhân bị thương",
         "Chủ tịch UBND TP Hà Nội Nguyễn Đức Chung thăm hỏi, động viên công nhân Trần Thị Thanh."],
        ["Nguyễn Đức Chung", "Trần Thị Thanh"])
    assert [e.type for e in events] == ["chuyến thăm"]
    assert roles_of(participants)["Nguyễn Đức Chung"] == {"thăm"}


def test_verb_reports_an_inspection_with_its_date():
    # baomoi-22652221
    events, participants, _ = _events_of(
        ["Thứ trưởng Bộ GD-ĐT Bùi Văn Ga kiểm tra công tác chấm thi ở Hà Nội",
         "Chiều 30-6, Thứ trưởng Bộ GD-ĐT Bùi Văn Ga đã kiểm tra công tác chấm thi THPT quốc gia của Hà Nội."],
        ["Bùi Văn Ga"], {"Chiều 30-6": "2017-06-30"})
    assert [(e.type, e.date_value) for e in events] == [("kiểm tra", "2017-06-30")]
    assert roles_of(participants) == {"Bùi Văn Ga": {"kiểm tra"}}


def test_an_inspection_word_in_reported_speech_is_no_inspection():
    # baomoi-21491406: the official speaks; the ministry asked provinces to inspect
    _, participants, _ = _events_of(
        ["Siết chặt quản lý nhóm trẻ tư thục",
         "Nói về vấn đề này, ông Nguyễn Bá Minh – Vụ trưởng Vụ giáo dục mầm non (Bộ GD ĐT) cũng cho biết, "
         "Bộ GD ĐT đã đề nghị các địa phương phối hợp, tổ chức thanh tra, kiểm tra (thường xuyên, đột xuất) "
         "hoạt động của cơ sở giáo dục mầm non."],
        ["Nguyễn Bá Minh"])
    assert participants == []


def test_talks_said_by_a_verb_take_both_sides():
    # baomoi-22244997
    events, participants, _ = _events_of(
        ["Chủ tịch nước Trần Đại Quang hội đàm với Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình",
         "Theo đặc phái viên TTXVN, chiều 11/5, tại Đại lễ đường Nhân dân ở thủ đô Bắc Kinh, Chủ tịch nước "
         "Trần Đại Quang đã hội đàm với Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình."],
        ["Trần Đại Quang", "Tập Cận Bình"], {"chiều 11/5": "2017-05-11"})
    assert [(e.type, e.date_value) for e in events] == [("hội đàm", "2017-05-11")]
    assert set(roles_of(participants)) == {"Trần Đại Quang", "Tập Cận Bình"}


def test_incense_offering_said_by_a_verb():
    # baomoi-21512055
    events, participants, _ = _events_of(
        ["Chủ tịch nước dự lễ khai ấn đền Trần",
         "Đêm 10.2 (14 tháng giêng âm lịch), Chủ tịch nước Trần Đại Quang đã dâng hương và dự lễ khai ấn "
         "đền Trần (TP.Nam Định)."],
        ["Trần Đại Quang"])
    assert "Trần Đại Quang" in roles_of(participants)
    assert "dâng hương" in roles_of(participants)["Trần Đại Quang"]


def test_trial_defendant_is_a_participant():
    # baomoi-22756702
    events, participants, _ = _events_of(
        ["Lĩnh án vì giết người",
         "Sáng 14/7, TAND tỉnh Đắk Lắk đã mở phiên sơ thẩm và tuyên phạt bị cáo Nguyễn Thị Thu Huyền "
         "(SN 1990, phường Tân Hòa, TP Buôn Ma Thuột) 12 năm tù về tội “Giết người”."],
        ["Nguyễn Thị Thu Huyền"], {"Sáng 14/7": "2017-07-14"})
    assert [(e.type, e.date_value) for e in events] == [("phiên tòa", "2017-07-14")]
    assert "bị cáo" in roles_of(participants)["Nguyễn Thị Thu Huyền"]


def test_suspect_of_an_attack_and_the_detained_suspect():
    # baomoi-22656218 and baomoi-22315957
    _, participants, _ = _events_of(
        ["Bảo vệ bệnh viện bị đâm",
         "Ông Hương là bảo vệ của Bệnh viện Sản - Nhi Nghệ An, bị đối tượng Nguyễn Ngọc Thái (41 tuổi, trú ở "
         "huyện Nam Đàn) dùng dao đâm ngay trong khuôn viên của bệnh viện này."],
        ["Nguyễn Ngọc Thái"])
    assert roles_of(participants) == {"Nguyễn Ngọc Thái": {"đối tượng"}}
    events, participants, _ = _events_of(
        ["Khống chế tài xế taxi",
         "ngày 18/5, công an huyện Lâm Hà đang tạm giữ đối tượng Nguyễn Minh Tuấn (thường trú tại xã Phú Sơn, "
         "huyện Lâm Hà, Lâm Đồng) để điều tra hành vi dùng dao khống chế tài xế taxi."],
        ["Nguyễn Minh Tuấn"], {"ngày 18/5": "XXXX-05-18"})
    assert events[0].date_value == "XXXX-05-18"
    assert roles_of(participants)["Nguyễn Minh Tuấn"] >= {"bị bắt"}


def test_relative_of_a_victim_is_no_participant():
    # baomoi-22257234: "chị gái nạn nhân là bà X" — X is the victim's sister
    _, participants, _ = _events_of(
        ["Vụ mất tích",
         "Theo công an, ngày 14/3, chị gái nạn nhân là bà Phan Thị Minh đến công an khai báo về sự mất tích "
         "của Thuần."],
        ["Phan Thị Minh"])
    assert participants == []


def test_delegation_lead_and_working_session():
    # baomoi-22245940
    events, participants, _ = _events_of(
        ["Bộ Xây dựng làm việc với Lâm Đồng",
         "Đoàn công tác của Bộ xây dựng do Bà Phan Thị Mỹ Linh, Thứ trưởng Bộ xây dựng làm trưởng đoàn đã có "
         "buổi làm việc với tỉnh Lâm Đồng về tình hình thực hiện quy hoạch đô thị."],
        ["Phan Thị Mỹ Linh"])
    assert [e.type for e in events] == ["buổi làm việc"]
    assert "dẫn đầu" in roles_of(participants)["Phan Thị Mỹ Linh"]


def test_coordinated_attendees_after_cung_du_co():
    # baomoi-21511152
    _, participants, _ = _events_of(
        ["Chủ tịch nước dự lễ kỷ niệm",
         "Sáng 10/2, Chủ tịch nước Trần Đại Quang dự lễ kỷ niệm.",
         "Cùng dự có Phó Chủ tịch nước Đặng Thị Ngọc Thịnh cùng các đồng chí: Nguyễn Văn Nên, Bí thư Trung ương "
         "Đảng, Chánh Văn phòng Trung ương; Đào Việt Trung, Chủ nhiệm Văn phòng Chủ tịch nước."],
        ["Trần Đại Quang", "Đặng Thị Ngọc Thịnh", "Nguyễn Văn Nên", "Đào Việt Trung"], {"Sáng 10/2": "2017-02-10"})
    assert set(roles_of(participants)) == {"Trần Đại Quang", "Đặng Thị Ngọc Thịnh", "Nguyễn Văn Nên", "Đào Việt Trung"}


def test_anniversary_ceremony_takes_the_day_it_is_held():
    # baomoi-22505130: never 1957-06-15 (the day remembered) nor 2017-06-15 (the anniversary itself)
    events, _, _ = _events_of(
        ["Hà Tĩnh kỷ niệm 60 năm ngày Bác Hồ về thăm",
         "Sáng 11/6, Tỉnh ủy, UBND, Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam tỉnh Hà Tĩnh tổ chức lễ kỷ niệm "
         "60 năm ngày Bác Hồ về thăm Hà Tĩnh (15/6/1957 - 15/6/2017), 10 năm thành lập TP."],
        [], {"Sáng 11/6": "2017-06-11", "15/6/1957": "1957-06-15", "15/6/2017": "2017-06-15"})
    ceremony = [e for e in events if e.type == "lễ kỷ niệm"]
    assert [(e.date_value, e.historical) for e in ceremony] == [("2017-06-11", False)]


def test_anniversary_ceremony_without_a_newer_year_is_not_dated_in_the_past():
    # baomoi-22532244: the only full dates are the commemorated ones; the frame year is 1957 + 60
    events, _, _ = _events_of(
        ["Nghệ An kỷ niệm 60 năm ngày Bác Hồ về thăm quê",
         "Vinh, Tỉnh ủy, HĐND, UBND, Ủy ban MTTQ Việt Nam tỉnh Nghệ An tổ chức Lễ kỷ niệm 60 năm ngày Bác Hồ về "
         "thăm quê lần thứ nhất (14/6/1957 -14/6/1957)."],
        [], {"14/6/1957": "1957-06-14"})
    assert all(not (e.date_value or "").startswith("1957") for e in events)


def test_recounted_arrest_is_flagged_historical():
    # baomoi-22260099: a 2017 report recounts an arrest of 1999
    events, participants, _ = _events_of(
        ["Cơ quan tình báo Thụy Sĩ",
         "Ngân sách hằng năm mà chính phủ liên bang cấp cho FIS năm 2017 là 72,7 triệu CHF (khoảng 74 triệu USD) "
         "tăng so với năm 2014 (63,2 triệu USD).",
         "Chẳng hạn như cựu nhân viên kế toán Dino Bellasi đã bị bắt vào năm 1999 vì nghi ngờ biển thủ 8,9 triệu "
         "CHF trong vòng 10 năm."],
        ["Dino Bellasi"], {"năm 2017": "2017", "năm 2014": "2014", "năm 1999": "1999"})
    arrests = [e for e in events if e.type == "bắt giữ"]
    assert [(e.date_value, e.historical) for e in arrests] == [("1999", True)]
    assert roles_of(participants) == {"Dino Bellasi": {"bị bắt"}}


def test_welcome_ceremony_and_talks_are_two_events_of_one_visit():
    # baomoi-22626407: "sau lễ đón chính thức, X và Y ... đã tiến hành hội đàm"
    events, participants, by_event = _events_of(
        ["Thúc đẩy mạnh mẽ hợp tác Việt Nam - Belarus trên mọi lĩnh vực",
         "Theo đặc phái viên TTXVN, sáng 27/6, tại Cung Độc lập ở thủ đô Minsk, sau lễ đón chính thức, Chủ tịch "
         "nước Trần Đại Quang và Tổng thống Belarus Alexander Lukashenko dẫn đầu đoàn đại biểu cấp cao hai nước đã "
         "tiến hành hội đàm."],
        ["Trần Đại Quang", "Alexander Lukashenko"], {"sáng 27/6": "2017-06-27"})
    assert {(e.type, e.date_value) for e in events} == {("lễ đón", "2017-06-27"), ("hội đàm", "2017-06-27")}
    assert set(roles_of(participants)) == {"Trần Đại Quang", "Alexander Lukashenko"}


def test_emergency_arrest_names_the_arrested_not_the_injured_accomplice():
    # baomoi-22676164
    _, participants, _ = _events_of(
        ["Bắt hai đối tượng giết người",
         "Cơ quan CSĐT đã bắt khẩn cấp Trần Cao Thái và Nguyễn Văn Cường về tội Giết người; riêng Hoàng Đình Thu "
         "đang cấp cứu và được giám sát chặt."],
        ["Trần Cao Thái", "Nguyễn Văn Cường", "Hoàng Đình Thu"])
    assert roles_of(participants) == {"Trần Cao Thái": {"bị bắt"}, "Nguyễn Văn Cường": {"bị bắt"}}


def test_the_source_of_the_news_is_not_the_one_who_arrests():
    # baomoi-22578890: "Theo Đại tá X, ..., cơ quan điều tra đã bắt khẩn cấp Y"
    _, participants, _ = _events_of(
        ["Bắt đối tượng hiếp dâm trẻ em",
         "Theo Đại tá Lê Minh Quang, Giám đốc Công an tỉnh Sóc Trăng, hiện cơ quan điều tra đã bắt khẩn cấp "
         "Danh Thal để điều tra về hành vi hiếp dâm trẻ em ."],
        ["Lê Minh Quang", "Danh Thal"])
    assert roles_of(participants) == {"Danh Thal": {"bị bắt"}}


def test_the_other_side_of_a_phone_call_named_after_cuoc_dien_dam_voi():
    # baomoi-21481724
    _, participants, _ = _events_of(
        ["Cố vấn Nhà Trắng",
         "Khi ông Trump có cuộc điện đàm với Tổng thống Nga Vladimir Putin, ông Bannon cũng là người có mặt trong "
         "Phòng Bầu dục."],
        ["Trump", "Vladimir Putin"])
    assert "điện đàm" in roles_of(participants).get("Vladimir Putin", set())


def test_a_leader_named_in_a_genitive_does_not_lead_the_delegation():
    # baomoi-22670802
    _, participants, _ = _events_of(
        ["Hòa đàm Syria tại Astana",
         "Dẫn đầu phái đoàn Nga là đặc phái viên của Tổng thống Vladimir Putin về vấn đề Syria, ông Alexander "
         "Lavrentiev."],
        ["Vladimir Putin", "Alexander Lavrentiev"])
    assert "Vladimir Putin" not in roles_of(participants)


def test_a_birth_year_never_dates_an_arrest():
    # baomoi-21473736: "(SN 1965" is when the suspect was born, not when she was arrested
    headline = "Bắt nữ quái lừa đảo chiếm đoạt tài sản sau 21 năm trốn nã"
    lead = ("Mặc dù thay đổi địa điểm sinh sống ở khắp các tỉnh trong 21 năm trốn nã, thế nhưng mùng 6 Tết Đinh Dâu "
            "(2/2) vừa qua, Trịnh Thị Dung đã bị Phòng Cảnh sát truy nã tội phạm (Công an tỉnh Lào Cai) phát hiện, "
            "bắt giữ.")
    arrest = ("Công an huyện Si-Ma-Cai (tỉnh Lào Cai) vừa cho biết, cơ quan này vừa mới phối hợp với phòng Cảnh sát "
              "truy nã tội phạm (PC52) Công an tỉnh Lào Cai bắt giữ đối tượng Trịnh Thị Dung (SN 1965, ngụ phường "
              "Quyết Thắng, TP. Sơn La, tỉnh Sơn La).")
    before = ("Trước đó, ngày 9/11/1996, đối tượng Trịnh Thị Dung bị cơ quan CSĐT công an tỉnh Sơn La ra quyết định "
              "truy nã về hành vi lừa đảo chiếm đoạt tài sản.")
    dates = {"(2/2)": "XXXX-02-02", "SN 1965": "1965", "ngày 9/11/1996": "1996-11-09"}
    events, participants, _ = _events_of([headline, lead, arrest, before], ["Trịnh Thị Dung"], dates)
    assert [(e.date_value, e.historical) for e in events if e.type == "bắt giữ"] == [("XXXX-02-02", False)]
    assert "bị bắt" in roles_of(participants)["Trịnh Thị Dung"]
    events, _, _ = _events_of([headline, arrest, before], ["Trịnh Thị Dung"], dates)
    assert [(e.date_value, e.historical) for e in events if e.type == "bắt giữ"] == [(None, False)]


def test_going_to_pay_respects_is_a_visit_of_condolence():
    # baomoi-22286942
    events, participants, _ = _events_of(
        ["Tang lễ nghệ sĩ", "Vợ chồng nữ diễn viên Lâm Mỹ Tú đến viếng vào tối 15/5."],
        ["Lâm Mỹ Tú"], {"tối 15/5": "XXXX-05-15"})
    assert [(e.type, e.date_value) for e in events] == [("lễ viếng", "XXXX-05-15")]
    assert roles_of(participants) == {"Lâm Mỹ Tú": {"viếng"}}


def test_who_assigns_a_task_does_not_carry_it_out():
    # baomoi-21473099: "ông Chung giao Sở Nội vụ … kiểm tra": the department checks, not the chairman
    _, participants, _ = _events_of(
        ["Ông Nguyễn Đức Chung: Có nhân viên vỗ ngực xưng quản lý",
         "Theo đó, ông Chung giao Sở Nội vụ quyết liệt kiểm tra việc thực thi công vụ ngay từ đầu năm, nhất là các "
         "khu vực làm dịch vụ công."],
        ["Chung"])
    assert "kiểm tra" not in roles_of(participants).get("Chung", set())
