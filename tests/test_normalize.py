import pytest

from pipeline.core.normal_form import fold_tones, name_key, normalize_text

from pipeline.inputs.normalize import normalize_document, strip_boilerplate
from pipeline.core.records import RawDocument
from pipeline.text.segment import segment_document
from pipeline.text.spacy_doc import make_doc

from .conftest import SEED


@pytest.mark.parametrize("new_style, traditional", [
    ("hoà bình", "hòa bình"),
    ("Thừa Thiên Huế, Khánh Hoà", "Thừa Thiên Huế, Khánh Hòa"),
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("Bí thư Đảng uỷ", "Bí thư Đảng ủy"),
    ("thuỷ quân lục chiến", "thủy quân lục chiến"),
    ("sức khoẻ", "sức khỏe"),
    ("HOÀ BÌNH", "HÒA BÌNH"),
])
def test_new_and_old_tone_placement_compare_equal(new_style, traditional):
    assert normalize_text(new_style) == normalize_text(traditional) == traditional


@pytest.mark.parametrize("word", ["hoàng", "quý", "quà", "khuyến", "thuyền", "Quỳnh"])
def test_words_that_are_the_same_in_both_styles_are_untouched(word):
    assert fold_tones(word) == word


def test_combining_marks_become_nfc():
    decomposed = "Nguye\u0302\u0303n Ma\u0323nh Hu\u0300ng"  # Windows-1258 style combining marks
    assert normalize_text(decomposed) == "Nguyễn Mạnh Hùng"


def test_odd_spaces_are_cleaned():
    text = "Trung\u00a0tướng\u200b Nguyễn   Mạnh\tHùng \n\n\n\n\nchủ trì"
    assert normalize_text(text) == "Trung tướng Nguyễn Mạnh Hùng\n\n\nchủ trì"


def test_seed_comment_form_is_not_article_text():
    raw = RawDocument("seed", "seed.txt", SEED.read_text(encoding="utf-8"))
    text = normalize_document(raw).text
    assert text.endswith("Tin, ảnh: PHƯƠNG ANH - TUẤN MINH")
    for label in ("Bình luận", "Họ và tên", "Email:", "Nội dung:"):
        assert label not in text


def test_comment_word_inside_article_is_kept():
    text = "Ông Hùng không bình luận gì thêm.\nBình luận của chuyên gia rất đáng chú ý."
    assert strip_boilerplate(text) == text


@pytest.mark.parametrize("joiner", ["\u200b", "\u200c", "\u200d", "\u2060"])
def test_zero_width_space_or_joiner_between_syllables_is_a_word_boundary(joiner):
    assert normalize_text(f"Đại{joiner}tá Nguyễn{joiner}Văn Hùng") == "Đại tá Nguyễn Văn Hùng"


def test_zero_width_inside_a_syllable_or_beside_punctuation_is_deleted():
    assert normalize_text("Ng\u200buyễn Văn A\u200b, \ufeffHà Nội, tái\u00adcấu trúc") == "Nguyễn Văn A, Hà Nội, táicấu trúc"


def test_rank_split_by_a_zero_width_space_is_still_the_rank(nlp):
    raw = RawDocument("zw", "zw.txt", "Đại\u200btá Nguyễn Văn Hùng, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh, phát biểu.")
    doc = make_doc(nlp.vocab, segment_document(normalize_document(raw)))
    for _, component in nlp.pipeline:
        doc = component(doc)
    ranks = {a.name: a.rank for a in doc._.record.appearances}
    assert ranks.get("Nguyễn Văn Hùng") == "Đại tá", ranks


def test_a_foreign_name_is_keyed_without_accents_a_vietnamese_one_with_all():
    assert name_key("Rául Castro") == name_key("Raul Castro") == "raul castro"
    assert name_key("Nguyễn Văn Thành") != name_key("Nguyễn Văn Thanh")
    assert name_key("Điểu Kré") == "điểu kre"  # the Vietnamese syllable keeps its marks


@pytest.mark.parametrize("text, normal", [
    ("a\r\nb", "a\nb"), ("a\u2028b", "a\nb"), ("a\x07b", "ab"), ("a\u3000b", "a b"), ("a\tb", "a b"),
    ("a  b", "a b"), ("a \nb", "a\nb"), ("a\n b", "a\nb"), ("a\n\n\n\nb", "a\n\n\nb"), (" a", "a"),
    ("a\u0085", "a"), ("a\u00adb", "ab"), ("Khánh Hoà", "Khánh Hòa"), ("Hu\u0300ng", "Hùng"),
    ("Trung tướng Nguyễn Mạnh Hùng\n\n\nchủ trì", "Trung tướng Nguyễn Mạnh Hùng\n\n\nchủ trì"),
])
def test_short_strings_take_every_step_they_need(text, normal):
    """Short strings already in normal form skip the steps; none that a step would change does."""
    assert normalize_text(text) == normal
