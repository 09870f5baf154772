"""An event's text is the clause that reports it; a participant has one resolved role (issue 22, item 7).

pipeline/extract/events/clauses.py and role_choice.py, on corpus sentences.
"""
from __future__ import annotations

from pipeline.extract.events.clauses import clause_span
from pipeline.extract.events.role_choice import RoleEvidence, opposite_roles, resolve_roles


def _clause(sentence: str, mention: str) -> str:
    start = sentence.index(mention)
    s, e = clause_span(sentence, 0, len(sentence), start, start + len(mention))
    return sentence[s:e]


def test_clause_of_a_verb_drops_the_fronted_day_but_keeps_subject_and_object():
    # baomoi-22559062: the event's mention is the verb "tiếp"; its day and place are other columns
    sentence = ("Chiều 18-6, tại Trụ sở Trung ương Đảng, Tổng Bí thư Nguyễn Phú Trọng đã tiếp Thượng tướng "
                "Phạm Trường Long, Ủy viên Bộ Chính trị, Phó Chủ tịch Quân ủy Trung ương Trung Quốc.")
    assert _clause(sentence, "tiếp") == "Tổng Bí thư Nguyễn Phú Trọng đã tiếp Thượng tướng Phạm Trường Long"


def test_fronted_place_phrase_takes_in_the_clause_it_introduces():
    # baomoi-21474205
    sentence = ("Tại cuộc họp giao ban sáng 6/2 của UBND Hà Nội, ông Nguyễn Đức Chung cho rằng việc tổ chức lễ hội "
                "trên địa bàn còn gây bức xúc của dư luận những ngày qua.")
    assert _clause(sentence, "cuộc họp giao ban") == sentence.rstrip(".")


def test_a_name_running_over_a_comma_is_never_cut():
    sentence = ("Chiều 26/12, Tổng cục Công nghiệp quốc phòng tổ chức Hội nghị tổng kết công tác Đảng, công tác "
                "chính trị năm 2022.")
    assert _clause(sentence, "Hội nghị tổng kết công tác Đảng, công tác chính trị năm 2022") == (
        "Tổng cục Công nghiệp quốc phòng tổ chức Hội nghị tổng kết công tác Đảng, công tác chính trị năm 2022")


def test_an_unclosed_parenthesis_ends_the_clause():
    sentence = "Hiện, Công an đang tạm giữ Lê Văn Hỹ (trú xã Vĩnh Chánh, huyện Thoại Sơn) để điều tra."
    assert _clause(sentence, "tạm giữ") == "Công an đang tạm giữ Lê Văn Hỹ"


def test_pipeline_events_report_a_clause_with_exact_offsets(nlp):
    text = ("Chủ tịch nước tiếp Thượng tướng Phạm Trường Long\n"
            "Chiều nay, Tổng bí thư Nguyễn Phú Trọng đã tiếp Thượng tướng Phạm Trường Long - Phó Chủ tịch Quân ủy "
            "trung ương TQ đang thăm hữu nghị chính thức VN.")
    record = nlp(text)._.record
    assert record.events
    for e in record.events:
        assert text[e.start:e.end] == e.text
        assert text[e.mention_start:e.mention_end] == e.mention
        assert e.start <= e.mention_start and e.mention_end <= e.end
    tiep = [e for e in record.events if e.type == "buổi tiếp"]
    assert [e.text for e in tiep] == ["Tổng bí thư Nguyễn Phú Trọng đã tiếp Thượng tướng Phạm Trường Long"]
    assert len(tiep[0].text) > 15 and tiep[0].mention == "tiếp"


# ---------------------------------------------------------------- roles

def test_opposite_roles_come_from_the_role_lexicon():
    opposite = opposite_roles()
    assert "được tiếp" in opposite["tiếp"] and "tiếp" in opposite["được tiếp"]
    assert "nhận" in opposite["trao"] and "bị bắt" in opposite["bắt giữ"]
    assert "hội đàm" not in opposite  # subject and object both "hội đàm"


def test_the_closer_link_wins_and_the_subject_wins_a_tie():
    assert resolve_roles([RoleEvidence("tiếp", 1), RoleEvidence("được tiếp", 40, True),
                          RoleEvidence("phát biểu", 5)]) == ("tiếp", ("tiếp", "phát biểu"))
    assert resolve_roles([RoleEvidence("được tiếp", 2, True), RoleEvidence("tiếp", 30)]) == (
        "được tiếp", ("được tiếp",))
    assert resolve_roles([RoleEvidence("được tiếp", 3, True), RoleEvidence("tiếp", 3)]) == ("tiếp", ("tiếp",))
    assert resolve_roles([RoleEvidence("dự", 4), RoleEvidence("phát biểu", 9), RoleEvidence("dự", 1)]) == (
        "dự", ("dự", "phát biểu"))


def test_a_host_is_not_also_received_at_his_own_reception(nlp):
    # baomoi-22407033: a photo caption glued to the next sentence makes the second "Thủ tướng Nguyễn Xuân
    # Phúc" an object of "tiếp" (so the whole corpus had 16 rows with both "tiếp" and "được tiếp")
    text = ("Cuộc gặp của Thủ tướng với doanh nhân, trí thức gốc Việt tại Hoa Kỳ\n"
            "Thủ tướng Nguyễn Xuân Phúc tiếp đại diện doanh nhân Việt kiều tại Mỹ Thủ tướng Nguyễn Xuân Phúc thông "
            "báo về tình hình phát triển kinh tế - xã hội của Việt Nam thời gian qua.")
    record = nlp(text)._.record
    phuc = [p for p in record.participants if p.name == "Nguyễn Xuân Phúc"]
    assert phuc
    for p in phuc:
        assert not {"tiếp", "được tiếp"} <= set(p.roles)
        assert p.role == p.roles[0] and "," not in p.role
    assert any(p.role == "tiếp" for p in phuc)
