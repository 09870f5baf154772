"""Matches, contests and the people in them; a count of matches is no event (Báo Mới corpus sentences)."""
from __future__ import annotations

import pytest

from pipeline.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def events_with_roles(nlp, text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    record = nlp(text)._.record
    return [(e.type, sorted((p.name, p.role) for p in record.participants if p.event_key == e.event_key))
            for e in record.events]


@pytest.mark.parametrize("text, expected", [
    ("Ronaldo ghi bàn đầu tiên tại Confederations Cup để mang lại chiến thắng cho BĐN.",
     [("trận đấu", [("Ronaldo", "thi đấu")])]),
    ("Trong đêm liveshow 4 Bạn là ngôi sao, thí sinh Hồng Vịnh bất ngờ nhận được bức thư của mẹ đang mắc bệnh "
     "ung thư khiến cô bật khóc trên sân khấu.",
     [("cuộc thi", [("Hồng Vịnh", "thí sinh")])]),
    # the judges joined by "và" share the role
    ("Nam thí sinh khiếm thị chọn ca khúc Miền Tây quê tôi với giai điệu vui tươi đã khiến giám khảo Trấn Thành "
     "và Bảo Anh không tiếc lời khen ngợi.",
     [("cuộc thi", [("Bảo Anh", "giám khảo"), ("Trấn Thành", "giám khảo")])]),
])
def test_players_contestants_and_judges_take_part(nlp, text, expected):
    assert events_with_roles(nlp, text) == expected


def test_the_defendants_joined_by_va_are_both_tried(nlp):
    text = "Hai bị cáo Hoàng Văn Viễn và Ngô Văn Nhu lần lượt chịu mức án 12 tháng tù treo và 12 tháng tù giam."
    assert events_with_roles(nlp, text) == [
        ("phiên tòa", [("Hoàng Văn Viễn", "bị cáo"), ("Ngô Văn Nhu", "bị cáo")])]


@pytest.mark.parametrize("text", [
    "Hull City lần đầu tiên giữ sạch lưới sau 12 trận đấu trên sân nhà ở Premier League.",
    "Trong 251 trận đấu CR7 góp mặt, Los Blancos thắng 191 trận.",
])
def test_a_count_of_matches_is_no_event(nlp, text):
    assert nlp(text)._.record.events == []


def test_a_match_day_dates_the_match(nlp):
    record = nlp("Ngày mai 7.2 trên sân Thống Nhất, ĐT U23 Việt Nam sẽ có trận giao hữu trước U23 Malaysia.")._.record
    assert [(e.type, e.date_value) for e in record.events] == [("trận đấu", "XXXX-02-07")]


def test_a_title_written_alone_stands_for_its_one_holder(nlp):
    """baomoi-22245047: the headline names the president by title only; the lead names him in full."""
    from pipeline.extract.events.title_refs import title_references
    text = ("Chủ tịch nước tiếp Phó Chủ tịch Chính hiệp Trung Quốc Vương Gia Thụy\nTrong khuôn khổ chuyến thăm cấp "
            "Nhà nước tới CHND Trung Hoa, chiều 11/5, tại Điếu Ngư Đài, Chủ tịch nước Trần Đại Quang đã tiếp Phó Chủ "
            "tịch Hội nghị Hiệp thương chính trị nhân dân toàn quốc (Chính hiệp) Trung Quốc Vương Gia Thụy.")
    record = nlp(text)._.record
    taken = [span for a in record.appearances for span in a.mention_spans]
    assert title_references(record.appearances, text, taken) == [(0, len("Chủ tịch nước"), "Trần Đại Quang")]


def test_people_named_after_a_contestant_noun_take_part_in_the_contest(nlp):
    # baomoi-21494644: the sentence names no event; the contest is the one the report is about
    text = ("Sốc vì camera quay cận cảnh ngực nữ thí sinh trong game show nhảy cầu\n"
            "Nữ thí sinh đó là Patricia Martinez, một ngôi sao chương trình truyền hình thực tế người Tây Ban Nha. "
            "Cô đã tham gia vào cuộc thi nhảy cầu mang tên Mira quien salta, vốn là game show với sự tham gia của "
            "các ngôi sao trong làng giải trí.")
    assert events_with_roles(nlp, text) == [("cuộc thi", [("Patricia Martinez", "thí sinh")])]


def test_a_coach_speaking_of_his_contestants_is_not_one(nlp):
    # baomoi-22247566: the noun comes after the people, who are the show's coaches
    text = ("Thần tượng Bolero 2017 tập 10\n"
            "Tạo được ấn tượng mạnh mẽ trong đêm thi Thần tượng Bolero 2017 tập 10 là giáo viên âm nhạc - Lý Thu "
            "Thảo, cô thể hiện ca khúc \"Tiễn người đi\".\n"
            "HLV Đàm Vĩnh Hưng chia sẻ: \"Quang Lê đã rất 'chịu chơi' làm khó thí sinh của mình khi lựa chọn ca "
            "khúc này\".")
    roles = dict(p for _, people in events_with_roles(nlp, text) for p in people)
    assert roles.get("Đàm Vĩnh Hưng") != "thí sinh" and roles.get("Quang Lê") != "thí sinh"
