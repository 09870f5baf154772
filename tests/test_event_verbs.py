"""Appointments and trials: the person appointed, the people brought to trial (corpus sentences)."""
from __future__ import annotations

import pytest

from pipeline.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


@pytest.mark.parametrize("text, appointed", [
    ("TS Lưu Trang được bổ nhiệm giữ chức Hiệu trưởng Đại học Sư phạm (Đại học Đà Nẵng) nhiệm kỳ 2014 - 2019.",
     "Lưu Trang"),
    ("Cùng ngày, Bác ký Sắc lệnh số 15/SL bổ nhiệm ông Đặng Việt Châu làm đặc phái viên Chính phủ ở Thanh Hóa.",
     "Đặng Việt Châu"),
])
def test_the_appointed_person_takes_part_in_the_appointment(nlp, text, appointed):
    record = nlp(text)._.record
    assert [e.type for e in record.events] == ["bổ nhiệm"]
    assert [(p.name, p.role) for p in record.participants] == [(appointed, "được bổ nhiệm")]


def test_the_person_replaced_is_not_appointed(nlp):
    text = ("CTCP Xây dựng FLC Faros vừa quyết định tiếp nhận và bổ nhiệm bà Trần Thị Tố Dung giữ chức Phó tổng giám "
            "đốc thường trực Công ty thay ông Đỗ Quang Lâm.")
    assert [(p.name, p.role) for p in nlp(text)._.record.participants] == [("Trần Thị Tố Dung", "được bổ nhiệm")]


def test_an_appointment_only_discussed_is_no_event(nlp):
    text = "Theo ông Tân, việc bổ nhiệm bà Cẩm làm hiệu trưởng là đúng quy trình."
    assert nlp(text)._.record.participants == []


def test_the_people_brought_to_trial_are_tried(nlp):
    """"đưa X (…) và Y (…) ra xét xử": both are tried; the dot of "TP.HCM" in the aside ends no clause."""
    text = ("Sáng nay, 22/6, TAND TP.HCM đưa hoa hậu Trương Hồ Phương Nga (30 tuổi, ngụ TP Hà Nội) và Nguyễn Đức "
            "Thùy Dung (28 tuổi, ngụ TP.HCM) ra xét xử về tội Lừa đảo chiếm đoạt tài sản.")
    record = nlp(text)._.record
    assert [e.type for e in record.events] == ["phiên tòa"]
    assert sorted((p.name, p.role) for p in record.participants) == [
        ("Nguyễn Đức Thùy Dung", "bị xét xử"), ("Trương Hồ Phương Nga", "bị xét xử")]
