"""Dates stage: every form of the issue, every "not a date" trap, year inference, the component."""
from datetime import date

import pytest
import spacy

import pipeline.nlp  # noqa: F401  (registers the vi_* factories with spaCy)

from pipeline.extract.dates.mentions import find_dates
from pipeline.extract.dates.legal_refs import find_legal_refs
from pipeline.core.normal_form import normalize_text
from pipeline.core.records import Document, Sentence


def found(text, published=None):
    text = normalize_text(text)
    return [(d.text, d.value) for d in find_dates(text, published)]


# (sentence from the corpus or the seed, expected (mention, value) pairs)
FORMS = [
    ("Hội nghị tổng kết công tác Đảng, công tác chính trị năm 2022 và triển khai công tác năm 2023 "
     "của Tổng cục CNQP, tổ chức chiều 26/12.",
     [("năm 2022", "2022"), ("năm 2023", "2023"), ("chiều 26/12", "2022-12-26")]),
    ("Hướng dẫn, chỉ đạo các cấp ủy lãnh đạo chặt chẽ đại hội chi bộ nhiệm kỳ 2022-2025.",
     [("nhiệm kỳ 2022-2025", "2022/2025")]),
    ("Tỉnh Hải Dương yêu cầu công ty khắc phục đoạn mương đã bị nhiễm nước thải nguy hại mà công ty "
     "thải ra hôm 24-12-2016.", [("hôm 24-12-2016", "2016-12-24")]),
    ("Theo Nghị định về kinh doanh casino vừa được ban hành, kể từ ngày 15.3.2017 người Việt sẽ chính "
     "thức được chơi tại các casino.", [("ngày 15.3.2017", "2017-03-15")]),
    ("Theo đó, ngày 05 tháng 2 năm 2017, một số báo đã đăng tải thông tin về vụ bạo hành trẻ.",
     [("ngày 05 tháng 2 năm 2017", "2017-02-05")]),
    ("Trong khi đó, tháng 12 năm 2014, Hawking nói rằng AI có thể đặt dấu chấm hết cho nhân loại.",
     [("tháng 12 năm 2014", "2014-12")]),
    ("Vào hồi cuối tháng 10/2016, hãng Mercedes-Benz đã chính thức ra mắt mẫu xe bán tải X-Class.",
     [("cuối tháng 10/2016", "2016-10")]),
    ("Tesla và SpaceX của Elon Musk cũng ký vào văn bản hôm thứ Hai (6/2), nâng tổng số các công ty "
     "tham gia lên 127.", [("thứ Hai (6/2)", "XXXX-02-06")]),
    ("SEA Games sẽ diễn ra tại Kuala Lumpur từ 19 đến 31/8, nhưng những thứ đó vẫn đang chờ phê duyệt.",
     [("từ 19 đến 31/8", "XXXX-08-19/XXXX-08-31")]),
    ("Thời gian tổ chức kỳ thi từ ngày 22 - 24/6.", [("từ ngày 22 - 24/6", "XXXX-06-22/XXXX-06-24")]),
    ("MobiFone dự kiến sẽ đảm bảo vùng phủ sóng 4G rộng khắp vào quý I/2017.", [("quý I/2017", "2017-Q1")]),
    ("Theo báo cáo của BHXH thì 6 tháng đầu năm 2016 có 37 tỉnh có số chi vượt quỹ KCB.",
     [("6 tháng đầu năm 2016", "2016-H1")]),
    ("Bộ đang hoàn thiện kế hoạch thực hiện giai đoạn 2017-2025.", [("giai đoạn 2017-2025", "2017/2025")]),
    ("Hà Nội và TP.HCM trình bày các đề án đăng cai SEA Games vào đầu năm 2021.",
     [("đầu năm 2021", "2021")]),
    ("Ngày 7/2, hàng trăm binh sỹ Đức đã tới Litva.", [("Ngày 7/2", "XXXX-02-07")]),
    ("Bà Cho và ông Kim đã bị giam giữ từ tháng trước.", [("tháng trước", None)]),
    ("Anh Triển đã tử vong vào chiều cùng ngày.", [("chiều cùng ngày", None)]),
    ("Kỷ niệm 25 năm thiết lập quan hệ Đối tác Đối thoại ASEAN-Ấn Độ (1992-2017).",
     [("1992-2017", "1992/2017")]),
]


@pytest.mark.parametrize("text, expected", FORMS)
def test_forms(text, expected):
    assert found(text) == expected


RELATIVE = [
    ("Hôm qua gia đình nhận được thông báo từ nhà trường.", [("Hôm qua", "2017-02-05")]),
    ("Nên sáng nay tôi phải đưa cháu về ngoại gửi.", [("sáng nay", "2017-02-06")]),
    ("Phương án chốt không thay đổi nhiều so với quy chế thi năm ngoái.", [("năm ngoái", "2016")]),
    ("Samsung công bố hồi tháng trước.", [("tháng trước", "2017-01")]),
    ("X-Class sẽ được bày bán vào cuối năm nay.", [("cuối năm nay", "2017")]),
    ("Spark 2017 sẽ trình làng vào đầu tháng 4 năm nay.", [("đầu tháng 4 năm nay", "2017-04")]),
    ("Lễ hội khai mạc vào 9h sáng nay 6/2 và kéo dài.", [("9h sáng nay 6/2", "2017-02-06T09:00")]),
    ("Sáng 5/2, vụ việc xảy ra. Chiều cùng ngày, công an vào cuộc.",
     [("Sáng 5/2", "2017-02-05"), ("Chiều cùng ngày", "2017-02-05")]),
]


@pytest.mark.parametrize("text, expected", RELATIVE)
def test_relative_resolved_against_publication(text, expected):
    assert found(text, date(2017, 2, 6)) == expected


NOT_DATES = [
    "Nhân dịp kỷ niệm 75 năm Ngày Thương binh liệt sĩ.",  # anniversary
    "Tổ chức tốt Đại hội Đoàn thanh niên Tổng cục lần thứ IX.",
    "Đây là lần thứ 2 công khai xin ý kiến sau khi chỉnh sửa lần 1.",  # ordinals
    "Hai cô giáo Đặng Thị Bình (23 tuổi) và Nguyễn Thị Hồng Ngát (22 tuổi) đã viết bản tường trình.",
    "Đến thời điểm 12h30, vẫn chưa tìm thấy tung tích của nạn nhân.",  # clock time
    "Tiền đạo này ấn định chiến thắng 2-1 cho Cameroon.",  # score
    "Năm 2014, Phù Chẩn đạt 16/19 tiêu chí.",  # ratio (the year is a date)
    "Cũng chỉ 1/3 số trường là đạt các tiêu chí kiểm định.",
    "Quá trình này kéo dài 6 tháng, có khi từ 2-3 ngày.",  # durations
    "Thông tư 332/2016/TT-BTC sửa đổi Thông tư 76/2014/TT-BTC về tiền sử dụng đất.",
    "Theo Nghị định 100/2019/NĐ-CP, mức phạt tăng.",
    "Quyết định số 123/QĐ-BQP và Thông tư 12/2016/TT-BXD, Nghị định 15/2020 đã quy định.",
    "Cách đây 2 năm trước, tôi đã mua chiếc xe này.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert [m for m, _ in found(text) if m != "Năm 2014"] == []


LEGAL = [
    ("Điều 79 Nghị định số 43/2014/NĐ-CP ngày 15/5/2014 của Chính phủ",
     [("Nghị định số 43/2014/NĐ-CP", "Nghị định", "43/2014/NĐ-CP")], [("ngày 15/5/2014", "2014-05-15")]),
    ("Thông tư 04/2017/TT-BGDĐT ngày 25-1-2017", [("Thông tư 04/2017/TT-BGDĐT", "Thông tư", "04/2017/TT-BGDĐT")],
     [("ngày 25-1-2017", "2017-01-25")]),
    ("Quyết định số 3344/QĐ-TTCP phê duyệt kế hoạch thanh tra năm 2017",
     [("Quyết định số 3344/QĐ-TTCP", "Quyết định", "3344/QĐ-TTCP")], [("năm 2017", "2017")]),
    ("triển khai Nghị quyết 36-NQ/TW và Chỉ thị 16/CT-TTg",
     [("Nghị quyết 36-NQ/TW", "Nghị quyết", "36-NQ/TW"), ("Chỉ thị 16/CT-TTg", "Chỉ thị", "16/CT-TTg")], []),
]


@pytest.mark.parametrize("text, refs, dates", LEGAL)
def test_legal_refs_are_found_and_not_dates(text, refs, dates):
    assert [(r.text, r.doc_type, r.number) for r in find_legal_refs(text)] == refs
    assert found(text) == dates


YEARS = [
    # publication date: the year that puts the date closest to it
    ("Chiều 26/12, hội nghị diễn ra.", date(2023, 1, 3), ("Chiều 26/12", "2022-12-26")),
    ("Ngày 5/1, hội nghị diễn ra.", date(2022, 12, 30), ("Ngày 5/1", "2023-01-05")),
    # sentence frame: a review of 2022 held in January is in 2023
    ("Ngày 5/1, tỉnh tổ chức hội nghị tổng kết công tác năm 2022.", None, ("Ngày 5/1", "2023-01-05")),
    # a year stated next to the date
    ("Sáng 5/1, Festival hoa Đà Lạt năm 2023 khai mạc.", None, ("Sáng 5/1", "2023-01-05")),
    # the last full date of the document, across the new year
    ("Hôm 24-12-2016, công ty thải nước. Ngày 3-2, tỉnh xử phạt.", None, ("Ngày 3-2", "2017-02-03")),
    # no evidence: a later date is a baseline, not the frame
    ("Hội nghị diễn ra hôm nay (6/2). Dư nợ tăng 24% so với 31/12/2015.", None,
     ("hôm nay (6/2)", "XXXX-02-06")),
    # a year far from the date in a long sentence is another event's
    ("Đài BBC News đưa tin ngày 8/2 (giờ VN), ông Sarkozy bị tố chi vượt mức cho phép trong chiến dịch "
     "tranh cử tổng thống vào năm 2012.", None, ("ngày 8/2", "XXXX-02-08")),
]


@pytest.mark.parametrize("text, published, expected", YEARS)
def test_year_comes_only_from_evidence(text, published, expected):
    assert expected in found(text, published)


def test_component_sets_dates_and_legal_refs():
    nlp = spacy.blank("vi") if "vi" in spacy.util.registry.languages.get_all() else spacy.blank("xx")
    nlp.add_pipe("vi_dates")
    text = "Theo Nghị định 100/2019/NĐ-CP ngày 30/12/2019, sáng nay mức phạt tăng."
    doc = nlp.make_doc(text)
    doc._.record = Document(doc_id="t", source="t", text=text, published=date(2020, 1, 1),
                            sentences=[Sentence(0, 0, len(text), "body")])
    nlp.get_pipe("vi_dates")(doc)
    assert [d.text for d in doc._.record.dates] == ["ngày 30/12/2019", "sáng nay"]
    assert doc._.record.dates[1].value == "2020-01-01"
    assert [r.number for r in doc._.record.legal_refs] == ["100/2019/NĐ-CP"]


def test_mentions_sorted_and_disjoint():
    text = normalize_text(" ".join(t for t, _ in FORMS))
    mentions = find_dates(text)
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


@pytest.mark.parametrize("text, expected", [
    ("Khoảng 20h ngày 10/3/2017, lễ khai mạc diễn ra.", ("20h ngày 10/3/2017", "2017-03-10T20:00")),
    ("Vào 15h15chiều 6.4.2017, công an bắt giữ đối tượng.", ("15h15chiều 6.4.2017", "2017-04-06T15:15")),
    ("Đến 8 giờ 30 phút ngày 5/7, đoàn tới nơi.", ("8 giờ 30 phút ngày 5/7", "XXXX-07-05T08:30")),
    ("Trận đấu bắt đầu lúc 19h. Ngày 5/7, đoàn tới.", ("Ngày 5/7", "XXXX-07-05")),
])
def test_clock_time_before_a_day_is_part_of_its_mention(text, expected):
    [mention] = [d for d in find_dates(text) if d.kind == "date"]
    assert (mention.text, mention.value) == expected



def test_document_frame_gives_the_year_stated_throughout():
    text = ("Sáng 6/2, UBND thành phố họp bàn kế hoạch năm 2017. Trong quý I/2017, các sở phải hoàn thành "
            "báo cáo. So với năm 2016, số dự án tăng 10%.")
    values = {d.text: d.value for d in find_dates(text)}
    assert values["Sáng 6/2"] == "2017-02-06"


def test_one_stated_year_or_a_birth_year_is_not_a_frame():
    text = "Ngày 24/5, đối tượng Nguyễn Văn A (SN 1986) bị bắt. Năm 2016, A từng bị xử phạt."
    values = {d.text: d.value for d in find_dates(text)}
    assert values["Ngày 24/5"] == "XXXX-05-24"


def test_the_start_of_a_running_period_is_not_a_frame():
    """"since 1999", said twice, tells that the news is later than 1999, not that it is in 1999."""
    text = ("Tàu HMAS Ballarat cập cảng Tiên Sa vào sáng 4.6, bắt đầu chuyến thăm 5 ngày. Quan hệ quốc phòng "
            "bắt đầu từ 1999 và đã phát triển. Từ năm 1999, Úc đã hỗ trợ huấn luyện hơn 1.500 sĩ quan.")
    values = {d.text: d.value for d in find_dates(text)}
    assert values["sáng 4.6"] == "XXXX-06-04"
    assert values["Từ năm 1999"] == "1999"  # issue 16: "từ" stays in the span (the start of a period)
    assert values["từ 1999"] == "1999"



def noted(text, published=None):
    text = normalize_text(text)
    return [(d.text, d.value, d.value_note) for d in find_dates(text, published)]


IMPOSSIBLE = "impossible date"


@pytest.mark.parametrize("text, published, expected", [
    ("Quyết định ký ngày 31/2/2020 là không hợp lệ.", None, ("ngày 31/2/2020", None, IMPOSSIBLE)),
    ("Văn bản đề ngày 29/2/2019 được gửi tới Sở.", None, ("ngày 29/2/2019", None, IMPOSSIBLE)),
    ("Hợp đồng ký ngày 31 tháng 4 năm 2021.", None, ("ngày 31 tháng 4 năm 2021", None, IMPOSSIBLE)),
    ("Biên bản lập ngày 15/13/2020 tại trụ sở.", None, ("ngày 15/13/2020", None, IMPOSSIBLE)),
    ("Giấy mời ghi ngày 0/5/2020, sai so với thực tế.", None, ("ngày 0/5/2020", None, IMPOSSIBLE)),
    ("Hội nghị khai mạc ngày 10 tháng 14 năm 2022.", None, ("ngày 10 tháng 14 năm 2022", None, IMPOSSIBLE)),
    ("Lễ ra quân vào ngày 32/1/2020.", None, ("ngày 32/1/2020", None, IMPOSSIBLE)),
    # 26/12/2022 was a Monday: "thứ Ba" contradicts the stated date
    ("Hội nghị diễn ra sáng thứ Ba (26/12/2022) tại Hà Nội.", None, ("sáng thứ Ba (26/12/2022)", None, IMPOSSIBLE)),
    # 6/2/2023 was a Monday, and the paper is of 2023
    ("Sáng thứ Ba (6/2), đoàn công tác làm việc tại Hà Nội.", date(2023, 2, 7), ("Sáng thứ Ba (6/2)", None, IMPOSSIBLE)),
    # 29/2 in a paper of 2019 can only be 2019, which has no 29 February
    ("Chiều 29/2, đoàn công tác đến Hà Nội.", date(2019, 3, 1), ("Chiều 29/2", None, IMPOSSIBLE)),
])
def test_impossible_dates_have_no_value_and_say_why(text, published, expected):
    assert expected in noted(text, published)


@pytest.mark.parametrize("text, published, expected", [
    ("Chiều 29/2, đoàn công tác đến Hà Nội.", date(2020, 3, 1), ("Chiều 29/2", "2020-02-29", None)),
    ("Hội nghị diễn ra sáng thứ Hai (26/12/2022) tại Hà Nội.", None,
     ("sáng thứ Hai (26/12/2022)", "2022-12-26", None)),
    ("Ngày 29/2, đoàn đến Hà Nội.", None, ("Ngày 29/2", "XXXX-02-29", None)),  # a leap year may fit
    ("Sáng thứ Hai (6/2), đoàn công tác làm việc tại Hà Nội.", date(2023, 2, 7),
     ("Sáng thứ Hai (6/2)", "2023-02-06", None)),
    # the weekday contradicts the year the sentence suggests (6/2/1947 was a Thursday): the year goes
    ("Thứ Hai 6/2, nữ hoàng kỷ niệm 65 năm trị vì bằng bức ảnh chụp năm 1947.", None,
     ("Thứ Hai 6/2", "XXXX-02-06", None)),
])
def test_real_dates_keep_their_value(text, published, expected):
    assert expected in noted(text, published)


def test_an_impossible_date_is_not_evidence_for_the_next():
    found_ = noted("Ngày 15/13/2020 là ngày không có thật. Ngày 26, đoàn đến Hà Nội. Chiều cùng ngày, họp.")
    assert found_[0] == ("Ngày 15/13/2020", None, IMPOSSIBLE)
    assert [v for _, v, _ in found_[1:]] == ["XXXX-XX-26", None]  # no month 13, no year 2020 taken from it


def test_counts_after_a_day_are_not_impossible_dates():
    assert noted("Ngày 13/20 người được khen thưởng.") == []


# ---------------------------------------------------------------- years from the document's evidence (issue 16)


def _values(text: str) -> dict[str, str | None]:
    return {d.text: d.value for d in find_dates(normalize_text(text))}


def test_weekday_fixes_the_one_year_near_the_stated_years():
    # 6/2 is a Monday in 2017 only (2016: Saturday, 2018: Tuesday); the article states 2016
    text = ("Tesla và SpaceX của Elon Musk cũng ký vào văn bản hôm thứ Hai (6/2), nâng tổng số các công ty "
            "tham gia lên 127. Số công ty này đã tăng mạnh so với năm 2016.")
    assert _values(text)["thứ Hai (6/2)"] == "2017-02-06"


def test_weekday_that_fits_no_year_near_the_document_gives_none():
    text = "Tesla và SpaceX cũng ký vào văn bản hôm thứ Ba (6/2). Số công ty này đã tăng mạnh so với năm 2016."
    assert _values(text)["thứ Ba (6/2)"] == "XXXX-02-06"  # Tuesday 6/2 is 2018 only, two years away


def test_anniversary_range_dates_the_celebrated_year():
    text = ("Đại sứ quán Việt Nam ở Malaysia kỷ niệm 87 năm thành lập Đảng\nNgày 6/2, Đại sứ quán Việt Nam "
            "tại Malaysia đã tổ chức trọng thể lễ kỷ niệm 87 năm thành lập Đảng Cộng sản Việt Nam "
            "(3/2/1930-3/2/2017).")
    values = _values(text)
    assert values["Ngày 6/2"] == "2017-02-06"
    assert values["(3/2/1930-3/2/2017)"] == "1930-02-03/2017-02-03"


def test_this_year_stated_in_parentheses():
    text = ("Bạn đọc đặt câu hỏi: Năm 2016, Công ty chúng tôi có XK lô hàng theo loại hình xuất sản xuất XK "
            "cho đối tác nước ngoài và trong năm nay (2017), chúng tôi có kế hoạch NK 1 số linh kiện. "
            "Lô hàng dự kiến về cảng ngày 15/3.")
    values = _values(text)
    assert values["ngày 15/3"] == "2017-03-15"


def test_year_naming_the_event_and_the_same_day_elsewhere():
    text = ("Sáng 5/7, Hải quân Mỹ trên tàu khu trục USS Coronado đã đến Cảng quốc tế Cam Ranh. Chương trình "
            "Giao lưu Hải quân giữa Hải quân Nhân dân Việt Nam và Hải quân Mỹ diễn ra thường niên (bắt đầu "
            "từ năm 2010). Chương trình NEA 2017 diễn ra từ ngày 5/7 đến ngày 10/7, tập trung vào các hoạt "
            "động trao đổi kỹ năng.")
    values = _values(text)
    assert values["từ ngày 5/7 đến ngày 10/7"] == "2017-07-05/2017-07-10"
    assert values["Sáng 5/7"] == "2017-07-05"  # the same day, dated by the NEA sentence


def test_convention_year_is_no_news_year():
    text = ("Ngày 16/5, các bên khẳng định tôn trọng Công ước Liên hợp quốc về Luật Biển 1982 (UNCLOS 1982).")
    assert _values(text)["Ngày 16/5"] == "XXXX-05-16"


def test_full_date_of_a_history_sentence_dates_nothing_after_it():
    text = ("Tháng 6/2017, Hải quân hai nước tổ chức giao lưu tại Cam Ranh. Ngày 5/4/2014, tàu USS John S. "
            "McCain đã thăm Đà Nẵng. Ngày 11/7 tàu rời đi để tham gia các hoạt động khác.")
    values = _values(text)
    assert values["Ngày 5/4/2014"] == "2014-04-05"
    assert values["Ngày 11/7"] == "2017-07-11"  # not 2014: back to the story, which is in 2017


def test_this_year_is_not_a_plan_year_of_the_sentence():
    text = ("Nếu được đưa vào chương trình xây dựng luật của Quốc hội cuối năm nay, Bộ Y tế sẽ hoàn thành dự án "
            "luật để trình Quốc hội năm 2019. Dự thảo được gửi xin ý kiến từ ngày 15/5.")
    values = _values(text)
    assert values["cuối năm nay"] is None


def test_year_source_says_where_the_year_comes_from():
    text = normalize_text("Sáng 5/7, tàu cập cảng Cam Ranh. Ngày 11/7/2017 tàu rời đi. Chiều 20/8, đoàn trở lại.")
    sources = {d.text: (d.value, d.year_source) for d in find_dates(text)}
    assert sources["Ngày 11/7/2017"] == ("2017-07-11", "text")
    assert sources["Sáng 5/7"] == ("2017-07-05", "text")  # the one year stated, six days later
    assert sources["Chiều 20/8"] == ("2017-08-20", "text")  # from the full date before it
    alone = {d.text: (d.value, d.year_source) for d in find_dates(normalize_text("Sáng 5/7, tàu cập cảng Cam Ranh."))}
    assert alone["Sáng 5/7"] == ("XXXX-07-05", "none")
    published = {d.text: d.year_source for d in find_dates(text, date(2017, 7, 12))}
    assert published["Sáng 5/7"] == "publication"


@pytest.mark.parametrize("text, mention, value", [
    ("Chương trình Giao lưu Hải quân diễn ra thường niên (bắt đầu từ năm 2010).", "từ năm 2010", "2010"),
    ("Giá cả tăng liên tục kể từ 2010 đến nay, theo báo cáo của Tổng cục Thống kê.", "kể từ 2010", "2010"),
    ("Nguyễn Văn Tâm (sinh năm 1970), trú tại huyện Văn Chấn.", "sinh năm 1970", "1970"),
    ("Cuối quý I-2017, Sở TT&TT TP Hà Nội sẽ báo cáo kết quả rà soát hệ thống loa phường.", "Cuối quý I-2017", "2017-Q1"),
    ("Ngày 15/3 vừa qua, Sở Y tế đã tổ chức đoàn kiểm tra.", "Ngày 15/3 vừa qua", "XXXX-03-15"),
    ("Trong hai ngày 10 và 11/9, đoàn công tác đã làm việc với tỉnh.", "hai ngày 10 và 11/9", "XXXX-09-10/XXXX-09-11"),
    ("Giai đoạn từ 2010 đến 2020, tỉnh đã đầu tư hơn 500 tỷ đồng.", "Giai đoạn từ 2010 đến 2020", "2010/2020"),
])
def test_spans_keep_the_words_that_change_the_meaning(text, mention, value):
    assert (mention, value) in found(text)


def test_from_before_a_quantity_is_no_date():
    assert found("Mỗi buổi lễ thu hút từ 2000 người dân tham dự.") == []


def test_corpus_dates_an_event_that_other_documents_date(tmp_path):
    """Three documents report the same reception (same type, day, month and person); two state the year."""
    import pandas as pd

    from tests.conftest import read, run_cli

    story = ("Sáng 22/6, tại Hà Nội, Đại tướng Ngô Xuân Lịch, Bộ trưởng Bộ Quốc phòng đã tiếp Đại sứ "
             "Australia Craig Chittick.")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(story.replace("Sáng 22/6", "Sáng 22/6/2017"), encoding="utf-8")
    (folder / "b.txt").write_text(story, encoding="utf-8")
    (folder / "c.txt").write_text(story.replace("Sáng 22/6", "Sáng ngày 22/6/2017"), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("run", str(folder), "--out", str(out), "--workers", "1", "--quiet")
    assert result.returncode == 0, result.stderr
    events = read(out, "events").set_index("doc_id")
    assert events.loc["b", "date_value"] == "XXXX-06-22" and events.loc["b", "year_source"] == "none"
    assert events.loc["a", "year_source"] == "text"
    estimates = read(out, "event_years")
    assert isinstance(estimates, pd.DataFrame)
    assert estimates[["doc_id", "date_value", "year_source"]].values.tolist() == [["b", "2017-06-22", "corpus"]]


def test_the_one_year_a_document_states_in_a_later_day_dates_the_days_before_it():
    text = ("Ngày 31/5, ông Nguyễn Nam Liên, Vụ trưởng Vụ Kế hoạch Tài chính (Bộ Y tế) cho biết, từ hôm nay (1/6), "
            "khoảng 50 bệnh viện sẽ tăng giá dịch vụ y tế. Theo ông Liên, Thông tư 02 có hiệu lực thi hành từ ngày "
            "1/6/2017.")
    assert _values(text)["Ngày 31/5"] == "2017-05-31"


def test_a_later_day_of_another_year_than_one_stated_elsewhere_dates_nothing():
    text = "Ngày 5/3, ông A cho biết. Năm 2010, ông B đã làm việc ở đây. Ngày 10/4/2015 ông C về hưu."
    assert _values(text)["Ngày 5/3"] == "XXXX-03-05"


def test_a_quarter_or_month_announced_later_dates_the_day_reported():
    """Rule 7 with a month or a quarter: the report comes shortly before the period it announces
    (baomoi-21472386, a lead sentence and a later one of the same article)."""
    text = ("Trái với dự đoán, sáng 6/2, lượng khách mua vé sử dụng buýt nhanh tăng so với những ngày phát vé miễn "
            "phí. Ông Hải cho biết đến quý I/2017, tuyến buýt nhanh số 2 Kim Mã - Hòa Lạc sẽ khởi công.")
    assert found(text) == [("sáng 6/2", "2017-02-06"), ("quý I/2017", "2017-Q1")]


def test_terms_of_office_and_running_periods_do_not_frame_the_year():
    """"nhiệm kỳ 2015-2020" twice (baomoi-21471121) and "từ tháng 6/2014 đến nay" (baomoi-21481716) state
    years, but not the year of the news: the day stays without a year rather than take 2015 or 2014."""
    text = ("Sáng 6/2, Đảng ủy xã tổ chức hội nghị. Đảng ủy xã tổ chức các hội nghị quán triệt Nghị quyết Đại hội "
            "Đảng các cấp nhiệm kỳ 2015-2020. Bầu cử Hội đồng nhân dân các cấp nhiệm kỳ 2015-2020 đảm bảo dân chủ. "
            "Chị bị suy thận mạn giai đoạn cuối, đang chạy thận nhân tạo định kỳ từ tháng 6/2014 đến nay. Chị "
            "Hồng phải chạy thận nhân tạo tại BV Chợ Rẫy định kì từ tháng 4-2014 đến nay.")
    assert found(text)[0] == ("Sáng 6/2", "XXXX-02-06")


def test_plan_years_do_not_frame_a_story_dated_earlier():
    """baomoi-21476247: "năm 2030" twice is a target; the story's own days are of 2016, so "Ngày 6-2"
    takes no year rather than 2030."""
    text = ("Ngày 6-2, tại tỉnh Cà Mau, Thủ tướng Nguyễn Xuân Phúc và Phó Thủ tướng Trịnh Đình Dũng đã đồng chủ trì "
            "hội nghị phát triển ngành tôm Việt Nam. Tính đến ngày 30-6-2016, sản lượng tôm cả nước chỉ đạt 191.560 "
            "tấn (bằng 28,2% kế hoạch năm). Phấn đấu đến năm 2020, kim ngạch xuất khẩu tôm đạt trên 4,5 tỉ USD, "
            "đến năm 2030 đạt 8-10 tỉ USD. Phát biểu tại hội nghị, Thủ tướng Nguyễn Xuân Phúc cho rằng mục tiêu đến "
            "năm 2030, kim ngạch xuất khẩu tôm đạt 10 tỉ USD là quá thấp, con số này phải đạt trước năm 2025.")
    assert found(text)[0] == ("Ngày 6-2", "XXXX-02-06")
