"""Where a person's name ends when the text runs on without punctuation (corpus sentences)."""
from __future__ import annotations

import pytest

from pipeline.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def names(nlp, text):
    return [a.name for a in nlp(text)._.record.appearances]


def test_a_heading_glued_to_a_foreign_name_is_cut_at_the_segmenters_word(nlp):
    # baomoi-22724785: a photo caption runs into the next sentence, "Ngư dân" is one word
    assert names(nlp, "Rắn đớp cá của ngư dân Bob Howard Ngư dân Bob Howard, 54 tuổi, đã bị một con rắn "
                      "cắn.") == ["Bob Howard"]


@pytest.mark.parametrize("text, name", [
    ("Chính quyền Kim Jong Un hôm 4/7 tuyên bố đã thử thành công một tên lửa.", "Kim Jong Un"),  # baomoi-22721731
    ("Tổng thống Hàn Quốc Moon Jae In sau đó thừa nhận vụ thử.", "Moon Jae In"),
])
def test_a_foreign_name_ending_in_a_vietnamese_syllable_stays_whole(nlp, text, name):
    assert names(nlp, text) == [name]


@pytest.mark.parametrize("text, name, title", [
    # baomoi-22720433: a lower-case unit name is not cut inside its word ("quản lý")
    ("Ông Đỗ Văn Nam, Giám đốc Ban quản lý dự án hầm Hải Vân cho biết, hầm đường bộ Hải Vân sẽ đóng cửa 30 phút "
     "mỗi ngày.", "Đỗ Văn Nam", "Giám đốc Ban quản lý"),
    # baomoi-21472814: the verb after the commune's name is no part of the unit
    ("Nhận xét về chương trình tín dụng, ông Trương Viết Hùng – Bí thư Đảng ủy xã Ninh Lai bày tỏ: “Chương trình "
     "đã tạo sự chuyển biến trong nhận thức”.", "Trương Viết Hùng", "Bí thư Đảng ủy xã Ninh Lai"),
])
def test_a_title_ends_at_a_word_boundary(nlp, text, name, title):
    found = {a.name: a.titles for a in nlp(text)._.record.appearances}
    assert found[name] == (title,)
