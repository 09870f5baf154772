"""People named without a cue: short names the corpus attests (`resources/people_learned.tsv`, from
`tools/learn_person_names.py`), and two-word given names after a role only a person holds.
Sentences from the Báo Mới corpus."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from pipeline.extract.people.learned import learned_person_names, written_in_full
from pipeline.nlp import build_nlp
from pipeline.text.lexical import phrase_key

TOOL = Path(__file__).resolve().parent.parent / "tools" / "learn_person_names.py"


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def people(nlp, text: str) -> set[str]:
    return {a.name for a in nlp(text)._.record.appearances}


@pytest.mark.parametrize("text, names", [
    ("Hàng tứ vệ gồm Tiến Dũng, Văn Khánh (trung vệ) và hai biên là Văn Thanh, Lê Văn Sơn.",
     {"Tiến Dũng", "Văn Thanh", "Lê Văn Sơn"}),
    ("Liverpool đã sai lầm khi ký hợp đồng mới với Klopp.", {"Klopp"}),
    ("Phút 42, Mkhitaryan bứt tốc qua mặt Huth rồi Morgan và dứt điểm.", {"Mkhitaryan"}),
    ("U23 Việt Nam mở hội: Công Phượng thông nòng, Đức Chinh lập hattrick", {"Công Phượng", "Đức Chinh"}),
])
def test_a_name_the_corpus_attests_is_a_person_without_a_cue(nlp, text, names):
    assert names <= people(nlp, text)


@pytest.mark.parametrize("text, not_a_person", [
    ("Ảnh: Thu Hiền. Quang An - Văn Trường", "Thu Hiền"),  # a photo credit
    ("Văn phòng đại diện đặt tại 135 Lê Duẩn, Q.Hoàn Kiếm, Hà Nội.", "Lê Duẩn"),  # an address
    ("Các giám đốc điều hành Wal-Mart, General Motors hay Johnson & Johnson đã dự.", "Johnson"),
    # a ship named after a person, with its prefix or its number (baomoi-22325014, baomoi-22515329)
    ("Tàu sân bay USS Ronald Reagan của Mỹ đang triển khai nhiệm vụ ở khu vực bờ biển Hàn Quốc.", "Ronald Reagan"),
    ("Đêm 11-6, tàu lai Minh Hoàng 06 xuất phát đưa chuyên viên cứu hộ ra khu vực tàu bị mắc cạn.", "Minh Hoàng"),
])
def test_a_learned_name_in_a_credit_an_address_or_a_company_is_no_person(nlp, text, not_a_person):
    assert not_a_person not in people(nlp, text)


def test_a_learned_surname_takes_the_full_name_the_document_writes():
    text = "Thủ tướng Anh Theresa May đã vô tình rơi vào nguy cơ bị tấn công khủng bố. Bà May cho biết"
    assert written_in_full(text, "May") == "Theresa May"
    # a country, a title or a word that is no name before the surname is not part of it
    assert written_in_full("Ngày Hazard sánh vai cùng châu Phi Mkhitaryan", "Mkhitaryan") is None


def test_every_learned_name_is_a_name_shape_the_stage_reads():
    names = learned_person_names()
    assert len(names) > 500
    assert phrase_key("Quang Hải") in names and phrase_key("Ronaldo") in names
    assert phrase_key("Liên Xô") not in names and phrase_key("West Ham") not in names


@pytest.mark.parametrize("text, name", [
    ("Trước trận đấu với U23 Malaysia, HLV Hữu Thắng bày tỏ hy vọng sẽ cùng các học trò có chiến thắng.",
     "Hữu Thắng"),
    ("Trước trận đấu lớn, thủ quân Quang Hải kêu gọi CĐV tin tưởng và cổ vũ cho U20 Việt Nam.", "Quang Hải"),
    ("Tại đây, ông Trump sẽ có cuộc gặp với Tổng thống nước chủ nhà Andrzej Duda.", "Andrzej Duda"),
])
def test_a_two_word_name_after_a_persons_role_is_the_name(nlp, text, name):
    assert name in people(nlp, text)


def test_a_country_after_a_persons_role_is_not_part_of_the_name(nlp):
    assert "Nga Putin" not in people(nlp, "Tổng thống Nga Putin bất ngờ sa thải hàng loạt tướng lĩnh.")


def test_the_learner_keeps_cued_names_only(tmp_path):
    """Three documents cue "Quang Hải" (a profession); "West Ham" follows the country "Anh" (England),
    which is no honorific mid-sentence; "Hà Nội" is a place whatever the stage said."""
    texts = {"d1": "Trước trận đấu lớn, thủ quân Quang Hải kêu gọi CĐV cổ vũ.",
             "d2": "Tiền vệ Quang Hải ghi bàn ở phút 81.",
             "d3": "Bàn thắng của tiền vệ Quang Hải giúp đội nhà thắng.",
             "d4": "Đội bóng danh tiếng của Anh West Ham United thua.",
             "d5": "Sau trận, đội của Anh West Ham rời sân.",
             "d6": "Đại diện của Anh West Ham có mặt.",
             "d7": "Anh Hà Nội cho biết.", "d8": "Anh Hà Nội nói.", "d9": "Ông Hà Nội nói."}
    rows = []
    for doc_id, text in texts.items():
        for name in ("Quang Hải", "West Ham", "Hà Nội"):
            if name in text:
                start = text.index(name)
                rows.append((doc_id, f"{doc_id}#m0", start, start + len(name), name, "PERSON", "per-x", name))
    for table, frame in (("documents", pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})),
                         ("mentions", pd.DataFrame(rows, columns=["doc_id", "mention_id", "start", "end", "text",
                                                                  "label", "entity_id", "name"]))):
        (tmp_path / table).mkdir()
        frame.to_parquet(tmp_path / table / "part-0.parquet")
    spec = importlib.util.spec_from_file_location("learn_person_names", TOOL)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.learn(tmp_path, min_docs=3) == [("Quang Hải", 3, 3)]


def test_names_listed_after_a_plural_role_are_people(nlp):
    text = ("Mở màn cho vòng Quyết đấu là team Quang Lê với 4 thí sinh bao gồm: Dũng Sến, Hạ Vân, Thu Thảo và Hoàng "
            "Ngọc Sơn.")
    assert {"Dũng Sến", "Hạ Vân", "Thu Thảo", "Hoàng Ngọc Sơn"} <= people(nlp, text)
    assert people(nlp, "Các thí sinh là người Hà Nội và Hải Phòng.") == set()  # places, not a list of names


def test_listed_contestants_take_part_in_the_contest_night(nlp):
    record = nlp("Tối 15/5, đêm chung kết chương trình Tình bolero hoan ca đã diễn ra với những phần thi của bốn thí "
                 "sinh: Đức Minh, Quang Minh, Vi Thảo và Yến Xuân.")._.record
    assert [(e.type, e.date_value) for e in record.events] == [("đêm thi", "XXXX-05-15")]
    assert sorted((p.name, p.role) for p in record.participants) == [
        ("Quang Minh", "thí sinh"), ("Vi Thảo", "thí sinh"), ("Yến Xuân", "thí sinh"), ("Đức Minh", "thí sinh")]


def test_a_name_ending_in_anh_after_a_role_is_whole(nlp):
    """"Anh" inside a name is no honorific: a capitalised honorific mid-sentence needs a name after it."""
    text = "Tôi cũng mong muốn HLV Hoàng Anh Tuấn nếu có điều kiện, hãy tiếp tục sát cánh cùng các cầu thủ."
    assert people(nlp, text) == {"Hoàng Anh Tuấn"}


@pytest.mark.parametrize("text, name", [
    # a genre or a description between an artist's role and the name (resources/cue_modifiers.txt)
    ("Còn diễn viên hài Chiến Thắng, dù mới cưới vợ nhưng anh cũng phải thừa nhận rằng vợ anh rất thiệt thòi.",
     "Chiến Thắng"),
    ("Lần đầu tiên sau một thời gian dài giấu kín, diễn viên múa Linh Nga đã công khai bạn trai đại gia.", "Linh Nga"),
])
def test_an_artists_genre_stands_between_the_role_and_the_name(nlp, text, name):
    assert name in people(nlp, text)
