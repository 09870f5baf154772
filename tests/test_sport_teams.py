"""National sport teams are organizations, and their country no place of its own (corpus sentences)."""
from __future__ import annotations

import pytest

from pipeline.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def mentions(nlp, text):
    record = nlp(text)._.record
    return ([(m.text, m.canonical) for m in record.mentions if m.label == "ORG"],
            [m.text for m in record.mentions if m.label == "LOC"])


def test_age_group_teams_take_the_documents_fullest_name(nlp):
    # baomoi-21472357: the headline's "U23 VN" is the lead's "U23 Việt Nam"
    orgs, places = mentions(nlp, "U23 VN: Hữu Thắng nhận lời thách đấu từ HLV U23 Malaysia\nTại cuộc họp báo trước "
                                 "trận giao hữu U23 Việt Nam và U23 Malaysia, các HLV Hữu Thắng và Frank Bernhardt "
                                 "đã \"nắn gân\" nhau trong cuộc thử sức ngày 7/2 tới.")
    assert orgs == [("U23 VN", "U23 Việt Nam"), ("U23 Malaysia", "U23 Malaysia"), ("U23 Việt Nam", "U23 Việt Nam"),
                    ("U23 Malaysia", "U23 Malaysia")]
    assert "Việt Nam" not in places and "Malaysia" not in places


def test_team_words_before_a_country(nlp):
    # baomoi-21472429, baomoi-21471722, baomoi-21471282
    orgs, _ = mentions(nlp, "Ở đợt tập trung chuẩn bị cho trận giao hữu với ĐT U23 Malaysia tới đây, HLV Hữu Thắng "
                            "đã có trong tay rất nhiều gương mặt trẻ đầy triển vọng của bóng Việt Nam.")
    assert ("ĐT U23 Malaysia", "Đội tuyển U23 Malaysia") in orgs
    orgs, places = mentions(nlp, "Hồi ấy, ông Weigang hay lấy chuyện đội tuyển Đức ra để dạy cầu thủ của ta về tinh "
                                 "thần chiến đấu mạnh mẽ.")
    assert orgs == [("đội tuyển Đức", "Đội tuyển Đức")] and places == []
    orgs, _ = mentions(nlp, "M.U chạm mốc 15 trận bất bại, hé lộ thời điểm ĐT Việt Nam đá giao hữu với ĐT Đài Loan.")
    assert [c for _, c in orgs] == ["Manchester United", "Đội tuyển Việt Nam", "Đội tuyển Đài Loan"]


def test_a_tournament_is_no_team(nlp):
    orgs, _ = mentions(nlp, "Cầu thủ trẻ Việt Nam thiếu sân chơi hậu U20 World Cup và giải U23 châu Á.")
    assert orgs == []
