"""Speakers at the event a document reports (corpus sentences): in the report of a meeting, a working
visit or a press conference, the official quoted with "cho biết" in a sentence that names no event
spoke at it (resources/event_types.tsv, `speaking_family`); what he always says, or an event the
lead does not report, takes nobody."""
from __future__ import annotations

import pytest

from pipeline.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


# baomoi-21469367: the Bình Dương host of a working visit, quoted two sentences after the lead
WORKING_VISIT = [
    "TP.HCM học xây nhà xã hội 100 triệu đồng",
    "Ngày 5.2, Ủy viên Bộ Chính trị - Bí thư Thành ủy TP.HCM Đinh La Thăng dẫn đầu đoàn lãnh đạo của TP.HCM làm "
    "việc với lãnh đạo Tỉnh ủy, UBND Bình Dương với mục đích học hỏi mô hình xây dựng nhà ở xã hội dành cho người "
    "thu nhập thấp.",
    "Ông Thăng cho hay TP.HCM là một đô thị đặc biệt với gần 13 triệu dân.",
    "Phó chủ tịch UBND tỉnh Bình Dương Trần Thanh Liêm cho biết đến nay Bình Dương thu hút được 85 dự án phát triển "
    "nhà ở xã hội với tổng diện tích 3,9 triệu m2 sàn nhà ở.",
]


def participants(nlp, lines):
    record = nlp("\n".join(lines))._.record
    types = {e.event_key: e.type for e in record.events}
    return {p.name: (types[p.event_key], p.role) for p in record.participants}


def test_an_official_quoted_in_the_report_of_a_working_visit_spoke_at_it(nlp):
    found = participants(nlp, WORKING_VISIT)
    assert found["Trần Thanh Liêm"] == (found["Đinh La Thăng"][0], "phát biểu")


def test_what_a_speaker_always_says_is_no_part_in_the_event(nlp):
    # baomoi-21494222's sentence after the lead of the working visit: "từng cho biết" is not said there
    lines = WORKING_VISIT[:2] + [
        "Trước khi nhậm chức Tổng thống Mỹ, ông Donald Trump từng cho biết sẽ thúc đẩy xây dựng quan hệ chặt chẽ hơn "
        "với Đài Bắc."]
    assert "Donald Trump" not in participants(nlp, lines)


def test_a_speaker_in_a_report_of_no_meeting_takes_part_in_nothing(nlp):
    # baomoi-21487657: an announcement, no meeting reported; the minister's words are no attendance
    lines = ["Philippines có thể hòa đàm với phe nổi dậy",
             "Gần đây đã nổ ra đụng độ ở vài địa điểm và một số thủ lĩnh phiến quân bị bắt giữ, song Bộ trưởng Quốc "
             "phòng Philippines Delfin Lorenzana cho biết cuộc hòa đàm có thể diễn ra."]
    assert "Delfin Lorenzana" not in participants(nlp, lines)


def test_the_programme_of_a_visit_is_not_dated_by_the_lead(nlp):
    # baomoi-22573467: the talks happened some day of the visit, not on the evening it ended
    record = nlp("Chủ tịch Thượng viện CH Haiti kết thúc tốt đẹp chuyến thăm Việt Nam\n"
                 "Tối 20/6, Chủ tịch Thượng viện Cộng hòa Haiti Youri Latortue rời Hà Nội, kết thúc tốt đẹp chuyến "
                 "thăm chính thức Việt Nam theo lời mời của Chủ tịch Quốc hội Nguyễn Thị Kim Ngân.\n"
                 "Trong chuyến thăm, Chủ tịch Thượng viện Haiti đã hội đàm với Chủ tịch Quốc hội Nguyễn Thị Kim Ngân; "
                 "chào xã giao Tổng Bí Thư Nguyễn Phú Trọng, Chủ tịch nước Trần Đại Quang.")._.record
    dates = {e.type: e.date_value for e in record.events}
    assert dates["chuyến thăm"] == "XXXX-06-20"
    assert dates["hội đàm"] is None


def test_a_visit_is_not_dated_by_the_day_of_the_reception_that_reports_it(nlp):
    # baomoi-22378534: 26/5 is the day of the reception, one day of a visit the text calls "chuyến thăm"
    record = nlp("Tạo thuận lợi cho các doanh nghiệp Hàn Quốc đầu tư vào Hà Nội\n"
                 "Ngày 26/5, Chủ tịch UBND Hà Nội Nguyễn Đức Chung tiếp ngài Park Won Soon, Đặc phái viên Tổng thống "
                 "Hàn Quốc, Thị trưởng thành phố Seoul cùng đoàn công tác đang thăm và làm việc tại Việt Nam.\n"
                 "Chủ tịch UBND thành phố Hà Nội Nguyễn Đức Chung (phải) tiếp ngài Park Won Soon, Đặc phái viên Tổng "
                 "Thống Hàn Quốc, Thị trưởng thành phố Seoul cùng đoàn công tác đang có chuyến thăm và làm việc tại "
                 "Hà Nội.")._.record
    dates = {e.type: e.date_value for e in record.events}
    assert dates == {"buổi tiếp": "XXXX-05-26", "chuyến thăm": None}


def test_a_visit_dated_by_a_range_keeps_it(nlp):
    # baomoi-22636693: the lead gives the visit's days
    record = nlp("Tạo xung lực mới trong quan hệ Việt Nam - Liên bang Nga\n"
                 "Nhận lời mời của Tổng thống Liên bang Nga Vla-đi-mia Pu-tin, Chủ tịch nước Trần Đại Quang và Phu "
                 "nhân thăm chính thức Liên bang Nga từ ngày 28-6 đến 1-7-2017. Đây là chuyến thăm chính thức Liên "
                 "bang Nga đầu tiên của Chủ tịch nước Trần Đại Quang từ sau Đại hội XII của Đảng Cộng sản Việt Nam.")._.record
    assert {e.date_value for e in record.events if e.type == "chuyến thăm"} == {"2017-06-28/2017-07-01"}


def test_a_visit_takes_its_range_over_the_day_it_ended(nlp):
    # baomoi-22616285: the sentence opens with the last day; the visit is the range it gives
    record = nlp("Chủ tịch Quốc hội Campuchia kết thúc tốt đẹp chuyến thăm Việt Nam\n"
                 "Ngày 26/6 , Đoàn đại biểu cấp cao Quốc hội Vương quốc Campuchia do Chủ tịch Quốc hội Campuchia Heng "
                 "Samrin​ dẫn đầu đã kết thúc tốt đẹp chuyến thăm hữu nghị chính thức Việt Nam từ ngày 23-26/6.")._.record
    assert {e.date_value for e in record.events if e.type == "chuyến thăm"} == {"XXXX-06-23/XXXX-06-26"}
