"""The lexical layer: syllables with their kinds, split once per document (pipeline/text/lexical.py)."""
from pipeline.core.normal_form import normalize_text
import re

from pipeline.text.lexical import (ABBR, CAP, LOWER, MIXED, NUM, PUNCT, adjacent, caps_lines, joined_words, phrase_key,
                                   syllables_of)


def layer(text):
    return [(s.text, s.kind) for s in syllables_of(text)]


def test_kinds_of_real_news_syllables():
    text = normalize_text("Sở GD&ĐT TP.HCM có 26 trường dùng iPhone, theo Bộ Quốc phòng.")
    assert layer(text) == [
        ("Sở", CAP), ("GD&ĐT", ABBR), ("TP.HCM", ABBR), ("có", LOWER), ("26", NUM), ("trường", LOWER),
        ("dùng", LOWER), ("iPhone", MIXED), (",", PUNCT), ("theo", LOWER), ("Bộ", CAP), ("Quốc", CAP),
        ("phòng", LOWER), (".", PUNCT)]


def test_joined_words_that_are_not_abbreviations_are_split():
    assert [t for t, _ in layer("tỉnh Bà Rịa-Vũng Tàu")] == ["tỉnh", "Bà", "Rịa", "-", "Vũng", "Tàu"]
    assert [t for t, _ in layer("Văn hóa-Thể thao")] == ["Văn", "hóa", "-", "Thể", "thao"]
    assert [t for t, _ in layer("PC45 và CSGT-TT")] == ["PC45", "và", "CSGT-TT"]


def test_offsets_are_exact_and_adjacency_is_one_line_one_space():
    text = "Đại tá  Lê Văn A\nchủ trì"
    syllables = syllables_of(text)
    assert all(text[s.start:s.end] == s.text for s in syllables)
    dai, ta, le = syllables[0], syllables[1], syllables[2]
    assert adjacent(text, dai, ta) and not adjacent(text, ta, le)  # two spaces
    a, chu = syllables[4], syllables[5]
    assert not adjacent(text, a, chu)  # a line break


def test_all_caps_headlines_are_marked():
    text = "BỘ QUỐC PHÒNG TỔ CHỨC HỘI NGHỊ TỔNG KẾT\nBộ Quốc phòng tổ chức hội nghị tổng kết năm."
    assert caps_lines(text) == [(0, text.index("\n"))]
    syllables = syllables_of(text)
    assert syllables[0].caps_line and not syllables[-2].caps_line
    assert caps_lines("Đây là một dòng bình thường có chữ thường") == []


def test_lexicon_phrases_are_keyed_like_documents():
    assert phrase_key("Uỷ ban nhân dân") == ("Ủy", "ban", "nhân", "dân")  # normalized: one tone style
    assert phrase_key("TP.HCM") == ("TP.HCM",)


def test_words_for_names_are_the_syllables_joined_again():
    text = normalize_text("Ông Kim Jong-un, Paul O'Brien và PV/VOV.VN đến Bà Rịa-Vũng Tàu.")
    syllables = syllables_of(text)
    words = [w.text for w in joined_words(text, syllables, [s.start for s in syllables], 0, len(text))]
    assert words == ["Ông", "Kim", "Jong-un", ",", "Paul", "O'Brien", "và", "PV", "/", "VOV.VN", "đến", "Bà",
                     "Rịa-Vũng", "Tàu", "."]
    # the same words as reading the span with the name regex, also for a span that cuts a syllable
    regex = re.compile(r"\w+(?:[.'’&-]\w+)*|[^\w\s]")
    for start, end in [(0, len(text)), (text.index("Jong"), text.index("và")), (5, 30)]:
        assert [(w.start, w.end) for w in joined_words(text, syllables, [s.start for s in syllables], start, end)] \
            == [(m.start() + start, m.end() + start) for m in regex.finditer(text[start:end])]
