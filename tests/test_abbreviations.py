"""Abbreviations stage: definitions in the text, lexicon expansions, canonical names.

Sentences come from the seed article and the development corpus (baomoi).
"""
from __future__ import annotations

import pytest

import pipeline.nlp  # noqa: F401  (registers the vi_* factories with spaCy)
from pipeline.extract.abbreviations.align import align_before, words_of
from pipeline.extract.abbreviations.detector import (
    abbreviation_lexicon_rows,
    definitions_of,
    expand_abbreviations,
    find_abbreviations,
    load_lexicon,
)
from pipeline.core.normal_form import normalize_text
from pipeline.core.records import Abbreviation


def found(text: str) -> dict[str, tuple[str | None, bool]]:
    return {a.short: (a.long, a.defined) for a in find_abbreviations(normalize_text(text))}


SEED = (
    "CNQP&KT- Đó là chỉ đạo của Trung tướng Nguyễn Mạnh Hùng, Bí thư Đảng ủy, Chính ủy Tổng cục "
    "Công nghiệp quốc phòng (CNQP) tại Hội nghị tổng kết công tác Đảng, công tác chính trị năm 2022 "
    "của Tổng cục CNQP. Tổng cục CNQP đã hoàn thành tốt nhiệm vụ công tác Đảng, công tác chính trị "
    "(CTĐ, CTCT), nhiều nhiệm vụ hoàn thành xuất sắc."
)


def test_seed_definitions_and_dateline():
    assert found(SEED) == {
        "CNQP&KT": ("Công nghiệp Quốc phòng và Kinh tế", False),
        "CNQP": ("Công nghiệp quốc phòng", True),
        "CTĐ": ("công tác Đảng", True),
        "CTCT": ("công tác chính trị", True),
    }


def test_first_occurrence_offsets_and_sources():
    text = normalize_text(SEED)
    by_short = {a.short: a for a in find_abbreviations(text)}
    for a in by_short.values():
        assert text[a.start:a.end] == a.short
        assert a.source == ("document" if a.defined else "lexicon")
    assert by_short["CNQP"].start == text.index("(CNQP)") + 1
    assert by_short["CNQP&KT"].start == 0


@pytest.mark.parametrize("text, short, long", [
    # Long form (SHORT), words before the acronym stay outside
    ("Tổng cục Công nghiệp quốc phòng (CNQP) tổ chức hội nghị", "CNQP", "Công nghiệp quốc phòng"),
    ("Một trong các yếu tố ảnh hưởng đến việc cấp cứu nạn nhân tai nạn giao thông (TNGT)", "TNGT", "tai nạn giao thông"),
    ("Nguồn tín dụng ưu đãi năm 2017 thông qua Ngân hàng Chính sách xã hội (NHCSXH)", "NHCSXH", "Ngân hàng Chính sách xã hội"),
    ("giảm ùn tắc giao thông (UTGT)", "UTGT", "ùn tắc giao thông"),
    # "&" stands for "và"
    ("Thông tin trên được Bộ Nông nghiệp và Phát triển nông thôn (NN&PTNT) đưa ra", "NN&PTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("Sáng 6/2, Bộ Giáo dục và Đào tạo (GD&ĐT) đã có Công văn gửi", "GD&ĐT", "Giáo dục và Đào tạo"),
    ("do Bộ Thông tin & Truyền Thông (TT&TT) ban hành", "TT&TT", "Thông tin & Truyền Thông"),
    # Đ aligned with D and with Đ
    ("tổ chức Đồng bằng sông Cửu Long (ĐBSCL) và", "ĐBSCL", "Đồng bằng sông Cửu Long"),
    ("nếu tuyển sinh đại học (ĐH) 2017 theo đúng quy chế", "ĐH", "đại học"),
    # mixed case: a lowercase letter inside the syllable
    ("do Phó Thủ tướng (TTg) ký", "TTg", "Thủ tướng"),
    # SHORT (Long form)
    ("của ILO (Tổ chức Lao động Quốc tế) đã nghiên cứu dữ liệu của 178 nước", "ILO", "Tổ chức Lao động Quốc tế"),
    ("được thực hiện theo hình thức BOT (xây dựng - kinh doanh - chuyển giao) bổ sung", "BOT", "xây dựng - kinh doanh - chuyển giao"),
    # cues
    ("Khoa học Tự nhiên (tổ hợp các môn Vật lí, Hóa học, Sinh học; viết tắt là KHTN), Khoa học Xã hội", "KHTN", "Khoa học Tự nhiên"),
    ("Ban quản lý Khu kinh tế Nghi Sơn (sau đây gọi tắt là KKTNS) có trách nhiệm", "KKTNS", "Khu kinh tế Nghi Sơn"),
    # foreign acronyms: lexicon-confirmed name, organization head word
    ("hứa hẹn trưng cầu dân ý về việc có ở lại Liên minh châu Âu (EU)", "EU", "Liên minh châu Âu"),
    ("Trong chuyến thăm đầu tiên của mình đến Bộ chỉ huy Trung tâm Hoa Kỳ (CENTCOM)", "CENTCOM", "Bộ chỉ huy Trung tâm Hoa Kỳ"),
])
def test_inline_definition(text, short, long):
    assert found(text)[short] == (long, True)


def test_several_definitions_in_one_parenthesis():
    text = "diễn ra ở hầu hết các doanh nghiệp (DN) tại các khu công nghiệp, khu chế xuất (KCN, KCX)"
    got = found(text)
    assert got["KCN"] == ("khu công nghiệp", True)
    assert got["KCX"] == ("khu chế xuất", True)
    assert got["DN"] == ("doanh nghiệp", True)


@pytest.mark.parametrize("text, short", [
    ("Trung tâm thể thao Phú Thọ (TP.HCM) dự kiến được mở rộng", "TP.HCM"),  # a place, not a definition
    ("dự án do Công ty TNHH Guang Lian Steel (VN) làm chủ đầu tư", "VN"),
    ("Lễ hội mùa xuân năm nay. (Ảnh: TTXVN)", "TTXVN"),  # photo credit
    ("nhằm lấy khối bướu. Văn Đức (TTXVN)", "TTXVN"),  # byline
])
def test_parenthesis_that_is_not_a_definition(text, short):
    long, defined = found(text)[short]
    assert not defined and long  # still expanded from the lexicon


@pytest.mark.parametrize("text", [
    "Trần Hữu Đông Triều, Nguyễn Văn Toàn, Nguyễn Phong Hồng Duy (HAGL) đá chính",
    "Bộ phim Glory (1989) của đạo diễn Edward Zwick",
    "Hội nghị lần thứ IV (khóa XII) của Ban Chấp hành",
    "Theo TH (Theo HTV) (Khám Phá)",
    "Đại hội Đoàn thanh niên Tổng cục lần thứ IX và Đại hội XIII.",
])
def test_no_definition(text):
    assert not any(defined for _, defined in found(text).values())
    assert not {"HAGL", "IV", "XII", "IX", "XIII", "TH"} & set(found(text))


@pytest.mark.parametrize("text, short, long", [
    ("không có ý kiến của Thường trực HĐND tỉnh với số tiền 960 tỷ đồng", "HĐND", "Hội đồng nhân dân"),
    ("Ông Nguyễn Đức Chung - Chủ tịch UBND TP Hà Nội đã yêu cầu", "UBND", "Ủy ban nhân dân"),
    ("Ông Nguyễn Đức Chung - Chủ tịch UBND TP Hà Nội đã yêu cầu", "TP", "thành phố"),
    ("trên đường Tân Kỳ Tân Quý, quận Tân Phú, TP.HCM để mua lễ vật", "TP.HCM", "Thành phố Hồ Chí Minh"),
    ("Giá vàng SJC tại thị trường TP. HCM cũng biến động", "TP. HCM", "Thành phố Hồ Chí Minh"),
    ("Ông Trần Văn Nam, Ủy viên T.Ư Đảng - Bí thư Tỉnh ủy Bình Dương", "T.Ư", "Trung ương"),
    ("Trao đổi với Đất Việt về vấn đề này, PGS.TS Nguyễn Văn Ngãi, Trưởng khoa Kinh tế", "PGS.TS", "Phó Giáo sư, Tiến sĩ"),
    ("đó là chuyện của ngành y tế”, ThS Nguyễn Hoàng Phúc nhấn mạnh", "ThS", "Thạc sĩ"),
    ("Sở GD-ĐT Hà Nội yêu cầu làm rõ vụ bạo hành", "GD-ĐT", "Giáo dục và Đào tạo"),
    ("đạo các đội nghiệp vụ, trưởng CA các xã, đồn, thị trấn kiểm tra", "CA", "Công an"),
    ("Tạm dừng hoạt động nhóm lớp Sen Vàng\nVOV.VN-Nhóm lớp Sen Vàng có cô giáo", "VOV", "Đài Tiếng nói Việt Nam"),
])
def test_lexicon_expansion(text, short, long):
    assert found(text)[short] == (long, False)


@pytest.mark.parametrize("text, absent", [
    ("Thị trường tiếp tục điều chỉnh và VN-Index đánh mất mốc 700 điểm", "VN"),
    ("theo Nghị định 177/2013/NĐ-CP ngày 14/11/2013 của Chính phủ", "NĐ"),
    ("tại Chỉ thị số 40-CT/TW ngày 22/11/2014", "TW"),
    ("Chứng khoán sáng 6/2: FLC, HBC, HCM hút tiền trong nhịp điều chỉnh", "HCM"),  # a ticker
    ("hai chiếc radar AN / TPS-43 có tầm phát hiện xa", "AN"),
    ("Con trai tôi 2 tuổi nhưng cháu rất lười ăn", "ông"),
])
def test_not_an_abbreviation_here(text, absent):
    assert absent not in found(text)


def test_ambiguous_short_resolved_by_context():
    sport = "HLV Park Hang-seo cho biết ĐT Việt Nam sẽ có trận giao hữu, các cầu thủ đã sẵn sàng"
    assert found(sport)["ĐT"] == ("đội tuyển", False)
    assert "CA" not in found("Ca sĩ nổi tiếng đến từ CA, Mỹ")


def test_document_definition_wins_over_lexicon():
    text = "Hội thi học sinh giỏi (HSG) cấp tỉnh. Cơ quan điều tra (CQĐT) Công an TP cho biết HSG"
    assert found(text)["HSG"] == ("học sinh giỏi", True)
    text = "Bảo đảm an toàn thực phẩm (TP) dịp Tết ở TP Hà Nội và các tỉnh"
    assert found(text)["TP"] == ("thực phẩm", True)


@pytest.mark.parametrize("name, definitions, expected", [
    ("Tổng cục CNQP", {"CNQP": "Công nghiệp quốc phòng"}, "Tổng cục Công nghiệp quốc phòng"),
    ("Công an TP.HCM", {"TP.HCM": "Thành phố Hồ Chí Minh"}, "Công an Thành phố Hồ Chí Minh"),
    ("UBND TP.Vinh", {"UBND": "Ủy ban nhân dân", "TP": "thành phố"}, "Ủy ban nhân dân thành phố Vinh"),
    ("Sở GD&ĐT Hà Nội", {"GD&ĐT": "Giáo dục và Đào tạo"}, "Sở Giáo dục và Đào tạo Hà Nội"),
    ("CTĐ của Tổng cục", {"CTĐ": "công tác Đảng"}, "Công tác Đảng của Tổng cục"),
    ("Báo CNQP&KT", {"CNQP": "Công nghiệp quốc phòng"}, "Báo CNQP&KT"),  # not a whole token
    ("Phòng CSGT", {}, "Phòng CSGT"),
    ("Ông Nguyễn Văn A", {"A": "x", "ông": "y"}, "Ông Nguyễn Văn A"),
])
def test_expand_abbreviations(name, definitions, expected):
    assert expand_abbreviations(name, definitions) == expected


def test_definitions_of_prefers_document():
    abbrs = [
        Abbreviation("TP", "thành phố", False, 0, 2, "lexicon"),
        Abbreviation("TP", "Thương mại Hải Phòng", True, 5, 7, "document"),
        Abbreviation("XYZ", None, False, 9, 12, "lexicon"),
    ]
    assert definitions_of(abbrs) == {"TP": "Thương mại Hải Phòng"}


def test_lexicon_rows():
    docs = [find_abbreviations(normalize_text(SEED)), find_abbreviations("UBND tỉnh và Tổng cục CNQP")]
    rows = {(r["short"], r["long"]): r for r in abbreviation_lexicon_rows(docs)}
    assert rows[("CNQP", "Công nghiệp quốc phòng")]["n_docs"] == 2
    assert rows[("CNQP", "Công nghiệp quốc phòng")]["n_defined"] == 1
    assert rows[("CNQP", "Công nghiệp quốc phòng")]["source"] == "document"
    assert rows[("UBND", "Ủy ban nhân dân")]["source"] == "lexicon"


def test_lexicon_is_large_and_normalized():
    lexicon = load_lexicon()
    assert sum(len(v) for v in lexicon.values()) >= 400
    for senses in lexicon.values():
        for sense in senses:
            assert sense.long == normalize_text(sense.long)
            assert not sense.short.islower()


def test_alignment_keeps_outside_words_out():
    words = words_of("Chính ủy Tổng cục Công nghiệp quốc phòng")
    assert [w.text for w in words[align_before("CNQP", words):]] == ["Công", "nghiệp", "quốc", "phòng"]
    assert align_before("CNQP", words_of("Tổng cục Chính trị")) is None


def test_spacy_component_sets_record():
    import spacy

    from pipeline.core.records import Document

    nlp = spacy.blank("xx")
    nlp.add_pipe("vi_abbreviations")
    text = normalize_text(SEED)
    doc = nlp.make_doc(text)
    doc._.record = Document(doc_id="seed", source="seed", text=text)
    doc = nlp(doc)
    assert {a.short for a in doc._.record.abbreviations} == {"CNQP&KT", "CNQP", "CTĐ", "CTCT"}


@pytest.mark.parametrize("text, short, long", [
    ("Đại tá Đào Trọng Bằng, Trưởng Phòng cảnh sát hình sự (PC45, Công an tỉnh Hưng Yên) kể lại.",
     "PC45", "Phòng cảnh sát hình sự"),
    ("Tổ chức Y tế thế giới (WHO, trụ sở tại Geneva) khuyến cáo người dân.", "WHO", "Tổ chức Y tế thế giới"),
])
def test_definition_followed_by_a_remark_in_the_same_parentheses(text, short, long):
    found = {a.short: a for a in find_abbreviations(text)}
    assert found[short].long == long and found[short].defined


# ---------------------------------------------------------------- unit codes (corpus sentences)


@pytest.mark.parametrize("text, short, long", [
    ("Ngày 7.2, Phòng Cảnh sát điều tra tội phạm về trật tự xã hội (PC45, Công an TP.Hà Nội) đã triệt phá ổ nhóm",
     "PC45", "Phòng Cảnh sát điều tra tội phạm về trật tự xã hội"),
    ("Đội CSGT Bàn Cờ, thuộc Phòng CSGT đường bộ - đường sắt (PC67, Công an TP.HCM) thực hiện chuyên đề",
     "PC67", "Phòng CSGT đường bộ - đường sắt"),
    ("thượng tá Trương Văn Sáu, trưởng phòng Cảnh sát hình sự (PC45) Công an tỉnh Tiền Giang cho biết",
     "PC45", "phòng Cảnh sát hình sự"),
    ("Đại tá Phạm Minh Hòa, Trưởng phòng 3, Cục An ninh Tài chính, tiền tệ, Đầu tư (A84-Bộ Công An) cho biết",
     "A84", "Cục An ninh Tài chính, tiền tệ, Đầu tư"),
    ("Cơ quan CSĐT Bộ Công an (C45) đã bắt quả tang Hiếu, Trang và Hoàng", "C45", "Cơ quan CSĐT Bộ Công an"),
    ("Tại huyện đảo Phú Quốc (Kiên Giang), Trung đoàn CSCĐ Tây Nam bộ (E21) công bố quyết định",
     "E21", "Trung đoàn CSCĐ Tây Nam bộ"),
    ("Thượng tá Nguyễn Anh Tuấn, Trưởng phòng An ninh điều tra - PA92, Phó thủ trưởng Cơ quan An ninh điều tra",
     "PA92", "phòng An ninh điều tra"),
    ("Phòng 7 thuộc Cục Cảnh sát phòng, chống tội phạm buôn lậu - C74 (Bộ Công an) phối hợp",
     "C74", "Cục Cảnh sát phòng, chống tội phạm buôn lậu"),
])
def test_unit_code_defined_beside_its_name(text, short, long):
    assert found(text)[short] == (long, True)


@pytest.mark.parametrize("text, absent", [
    ("chỉ có một số lượng rất nhỏ như những chiếc Navara xe Navara thế hệ cũ (D40), mẫu SUV 7 chỗ", "D40"),
    ("ban hành chính sách thuế nhập khẩu etanol nhiên liệu (E100) phù hợp để chống độc quyền", "E100"),
    ("Sử dụng 3 tổ hợp: Tổ hợp D01 gồm các môn: Toán, Ngữ Văn; Tổ hợp C03 gồm các môn: Ngữ Văn, Toán, "
     "Lịch Sử vào học viện Cảnh sát nhân dân", "C03"),
])
def test_code_shaped_words_that_are_no_unit(text, absent):
    assert absent not in found(text)


def test_undefined_unit_code_gets_its_official_name():
    text = "Công an quận 5 phối hợp cùng PC54 và Cảnh sát điều tra tội phạm về ma túy (PC47) khám nghiệm hiện trường"
    assert found(text)["PC54"] == ("Phòng Kỹ thuật hình sự", False)
    # no unit head ("Phòng") before "(PC47)": the official name, not a definition
    assert found(text)["PC47"] == ("Phòng Cảnh sát điều tra tội phạm về ma túy", False)


# ---------------------------------------------------------------- forms news writes without definition


@pytest.mark.parametrize("text, short, long", [
    ("Căn cứ Nghị định 42/2014/NĐ-CP, cơ quan này đã có thông báo", "NĐ-CP", "Nghị định Chính phủ"),
    ("Cục Quản lý cạnh tranh vừa có công văn số 561/QLCT-P5 thông báo tới các Sở Công Thương",
     "QLCT", "quản lý cạnh tranh"),
    ("vụ tai nạn xảy ra vào khoảng 21h35 ngày 14/5 trên tuyến đường tỉnh ĐT279 thuộc địa phận thôn Bất Phí",
     "ĐT", "đường tỉnh"),
    ("đảm bảo đủ năng lực để hoàn thành nhiệm vụ tại Phái bộ./. Lê Thơm/VOV-Trung tâm Tin",
     "VOV", "Đài Tiếng nói Việt Nam"),
    ("Thượng nghị sỹ John McCain. Ảnh: AP/TTXVN Đại tướng Ngô Xuân Lịch chào mừng", "AP", "Associated Press"),
    ("Sáng nay tại Hà Nội, Thành ủy, HĐND, UBND, UB MTTQ VN và thành phố Hà Nội tổ chức lễ kỷ niệm", "UB", "Ủy ban"),
    ("CA TPHCM triệt phá đường dây mua bán, sản xuất thuốc lắc quy mô cực khủng", "CA", "Công an"),
    ("hồ sơ của Công ty TNHH Nhã Khắc Lâm (tên cũ là Công ty TNHH MTV Gano Excel Việt Nam)", "MTV", "một thành viên"),
])
def test_lexicon_expansion_of_news_forms(text, short, long):
    assert found(text)[short] == (long, False)


def test_glossed_foreign_acronym_from_a_delegation_head():
    text = ("tiếp xã giao Đoàn Đánh giá và Tư vấn (AAV) của Liên Hợp Quốc do bà Bianca Selway dẫn đầu")
    assert found(text)["AAV"] == ("Đoàn Đánh giá và Tư vấn", True)


# ---------------------------------------------------------------- glosses the letters cannot spell


@pytest.mark.parametrize("text, short, long", [
    ("Háo hức mong đợi Trước đó, Giám đốc Điều hành (CEO) của hãng cho biết", "CEO", "Giám đốc Điều hành"),
    ("liên minh cầm quyền ở Đức hiện nay, bên cạnh đảng Dân chủ Xã hội (SPD) của ông Schulz", "SPD", "Dân chủ Xã hội"),
    ("Báo cáo “Thế giới năm 2050” của PwC dự báo tổng sản phẩm trong nước (GDP) của Việt Nam",
     "GDP", "tổng sản phẩm trong nước"),
    ("đẩy lùi một cuộc tấn công của tổ chức khủng bố Nhà nước Hồi giáo tự xưng (IS) ở miền Bắc",
     "IS", "Nhà nước Hồi giáo tự xưng"),
    ("Đồng thời, Ủy ban Thương mại và Đầu tư (CTI), Đối thoại Chính sách Thương mại (TPD) họp",
     "TPD", "Đối thoại Chính sách Thương mại"),
    ("luật pháp quốc tế, trong đó có Công ước Liên hợp quốc về Luật Biển 1982 (UNCLOS 1982); Ủng hộ",
     "UNCLOS", "Công ước Liên hợp quốc về Luật Biển"),
])
def test_gloss_defines_a_foreign_acronym(text, short, long):
    assert found(text)[short] == (long, True)


@pytest.mark.parametrize("text, short", [
    ("Nhân của Federer không ồn ào như Cristiano Ronaldo (bóng đá) hay Conor McGregor (UFC)", "UFC"),
    ("Văn Kiên, Thành Chung (Hà Nội FC) và Phan Thanh Hậu (HAGL) được ra sân đủ 4 trận", "HAGL"),
    ("Liên đoàn bóng đá khu vực Bắc, Trung Mỹ và Caribbean (CONCACAF) đã", "CONCACAF"),
    ("Darijo Srna có một cuộc phỏng vấn cho tờ Diario Gol (TBN) mới đây", "TBN"),
    ("Trường THPT Lê Quý Đôn (TP.HCM) tổ chức", "TP.HCM"),
])
def test_name_and_remark_in_parentheses_is_no_definition(text, short):
    assert not found(text).get(short, (None, False))[1]


# ---------------------------------------------------------------- the corpus-learned lexicon


def test_learn_lexicon_needs_two_consistent_documents():
    from pipeline.extract.abbreviations.learned import learn_lexicon

    learned = learn_lexicon({
        "VCSC": ["Công ty Chứng khoán Bản Việt", "Công ty chứng khoán Bản Việt", "Công ty Chứng khoán Bản Việt"],
        "NEA": ["Giao lưu Hải quân"],  # one document only
        "PV": ["phóng viên", "Phòng Vận tải"],  # two documents that disagree
    })
    assert learned == {"VCSC": "Công ty Chứng khoán Bản Việt"}


def test_unexpanded_uses_are_all_caps_words_without_expansion():
    from pipeline.extract.abbreviations.learned import unexpanded_uses

    text = "Khuyến nghị mua cổ phiếu của VCSC. Hội nghị lần thứ XII của UBND tỉnh, ông A nói."
    uses = unexpanded_uses(text, find_abbreviations(text))
    assert [u["short"] for u in uses] == ["VCSC"]
    assert text[uses[0]["start"]:uses[0]["end"]] == "VCSC"


def test_run_expands_a_short_form_that_two_other_documents_define(tmp_path):
    from tests.conftest import read, run_cli

    docs = {
        "a": "Khuyến nghị tích cực đối với cổ phiếu CII của Công ty Chứng khoán Bản Việt (VCSC) trong tuần.",
        "b": "Theo Công ty Chứng khoán Bản Việt (VCSC), thị trường sẽ còn biến động trong tháng tới.",
        "c": "Báo cáo mới nhất của VCSC cho thấy dòng tiền đang quay lại nhóm cổ phiếu ngân hàng.",
    }
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in docs.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"

    def learned_rows():
        result = run_cli("run", str(folder), "--out", str(out), "--workers", "1", "--quiet")
        assert result.returncode == 0, result.stderr
        rows = read(out, "abbreviations")
        return rows[rows["source"] == "corpus"][["doc_id", "short", "long", "defined"]].values.tolist()

    assert learned_rows() == [["c", "VCSC", "Công ty Chứng khoán Bản Việt", False]]
    # one definition left: nothing is learned any more, and the unchanged document "c" loses its row
    (folder / "b.txt").write_text("Thị trường sẽ còn biến động trong tháng tới.", encoding="utf-8")
    assert learned_rows() == []


def test_names_in_capitals_are_no_unexpanded_abbreviations():
    from pipeline.extract.abbreviations.learned import unexpanded_uses

    text = "Lễ ký kết diễn ra tại trụ sở BHXH tỉnh.\nTin, ảnh: PHƯƠNG ANH - TUẤN MINH"
    assert [u["short"] for u in unexpanded_uses(text, [])] == ["BHXH"]


@pytest.mark.parametrize("text, short", [
    ("Trong khi đó, lão ngư Huỳnh Văn Tạo (chủ tàu QN 91944 TS) đang chuẩn bị vật dụng trên tàu để ra biển.", "TS"),
    ("Tàu mang biển hiệu PY 99991-TS dài 27,88 mét, rộng 7,2 mét.", "TS"),
    ("Những người muốn khởi nghiệp tại hội thảo “Bilionairer Tour 2017” do BCA.Corp tổ chức tại TP.HCM.", "BCA"),
])
def test_a_lexicon_expansion_needs_a_fitting_context(text, short):
    assert short not in {a.short for a in find_abbreviations(text)}


@pytest.mark.parametrize("text, short, long", [
    ("Theo TS Nguyễn Văn Thành, dịch bệnh có thể còn lan rộng.", "TS", "Tiến sĩ"),
    ("Qua đánh giá của Công an các địa phương, “việc thực hiện Thông tư số 38/2010/TT-BCA đã có tác dụng rất tích "
     "cực.", "BCA", "Bộ Công an"),
])
def test_the_same_short_forms_expand_where_the_context_fits(text, short, long):
    assert {a.short: a.long for a in find_abbreviations(text)}[short] == long


# ---------------------------------------------------------------- issue 22: expansions follow the document

@pytest.mark.parametrize("text, short", [
    ("Thuyền trưởng tàu BĐ 95910 TS Lê Công Hà cho biết: “Đây là lần đầu tiên trong quãng thời gian vươn khơi chúng "
     "tôi mới câu được con cá ngừ xanh lớn đến chừng ấy”.", "TS"),
    ("Lực lượng chức năng phát hiện 300.000 lít dầu trên tàu Thái Lan và 6.000 lít trên tàu Việt Nam mang số hiệu "
     "BT-98144 TS. Thuyền trưởng Sujin Ketkul và nhóm thuyền viên đã không xuất trình được giấy tờ.", "TS"),
])
def test_the_kind_at_the_end_of_a_registration_number_is_no_abbreviation(text, short):
    """"BĐ 95910 TS" registers a fishing vessel (thủy sản): no Tiến sĩ, even before a capitalised name;
    and it is no use of an unexpanded short form either (the corpus-learned lexicon would expand it)."""
    from pipeline.extract.abbreviations.learned import unexpanded_uses

    found = find_abbreviations(text)
    assert short not in {a.short for a in found}
    assert short not in {u["short"] for u in unexpanded_uses(text, found)}


def test_a_short_form_glued_into_a_companys_name_is_not_expanded_there():
    """"BCA.Corp" names a company, even beside police words (two corpus sentences); the same
    document's "TT-BCA" still is the Ministry's."""
    company = ("Những người muốn khởi nghiệp tại hội thảo “Bilionairer Tour 2017” do BCA.Corp tổ chức tại TP.HCM vừa "
               "qua.\nCơ quan Cảnh sát điều tra Công an tỉnh Cà Mau đã có văn bản đề nghị cơ quan chức năng của Bộ Công an "
               "đưa ông B.")
    assert "BCA" not in {a.short for a in find_abbreviations(company)}
    text = company + ("\nQua đánh giá của Công an các địa phương, “việc thực hiện Thông tư số 38/2010/TT-BCA đã có "
                      "tác dụng rất tích cực.")
    [bca] = [a for a in find_abbreviations(text) if a.short == "BCA"]
    assert bca.long == "Bộ Công an" and text[bca.start - 3:bca.end] == "TT-BCA"


def test_an_honorific_glued_to_a_foreign_name_is_still_expanded():
    text = ("Đó là nhận định của GS.Yasuhiro Yamada, Đại diện viện nghiên cứu Hội nhập Đông Á ASEAN–Japan.")
    assert {a.short: a.long for a in find_abbreviations(text)}["GS"] == "Giáo sư"


def test_a_learned_expansion_yields_to_the_documents_own_gloss():
    """"GDP theo ngang giá sức mua (PPP)" is purchasing power parity: the corpus-learned "đối tác công
    tư" (what documents about investment define) is ruled out; a translated foreign name is not
    ("Bưu điện Hoa Nam Buổi sáng (SCMP)" is the South China Morning Post)."""
    from pipeline.extract.abbreviations.learned import glossed_otherwise

    ppp = ("Báo cáo cho rằng, đến năm 2030, quy mô GDP theo ngang giá sức mua (PPP) của Việt Nam sẽ đứng thứ 29 thế "
           "giới.")
    assert glossed_otherwise("PPP", "đối tác công tư", ppp)
    invest = "Đối với phương án đầu tư theo hình thức đối tác công tư (PPP), các doanh nghiệp được chọn sẽ bỏ vốn."
    assert not glossed_otherwise("PPP", "đối tác công tư", invest)
    scmp = "Theo tờ Bưu điện Hoa Nam Buổi sáng (SCMP), Bắc Kinh đang cân nhắc"
    assert not glossed_otherwise("SCMP", "South China Morning Post", scmp)


def _abbreviation_rows(rows):
    import pyarrow as pa

    from pipeline.store.tables import SCHEMAS

    full = [{"defined": False, "start": 0, "end": 3, "source": "lexicon", "domain": None, **row} for row in rows]
    return pa.table({f.name: [row.get(f.name) for row in full] for f in SCHEMAS["abbreviations"]},
                    schema=SCHEMAS["abbreviations"])


def test_the_corpus_lexicon_has_one_spelling_per_short_form_and_no_misspelled_expansion(tmp_path):
    """Expansions seen in the corpus (/tmp/corpus_out): "Tp.HCM" and "TP.HCM", "Nato" and "NATO" are
    one short form (the lexicon's spelling); "huất luyện viên" is a typo of "huấn luyện viên"; "An toàn thực
    phẩm" does not spell ATVSTP, whose usual "an toàn vệ sinh thực phẩm" does."""
    from pipeline.store.corpus import corpus_tables
    from pipeline.store.tables import write_part

    rows = [
        {"doc_id": "a", "short": "TP.HCM", "long": "Thành phố Hồ Chí Minh"},
        {"doc_id": "b", "short": "TP.HCM", "long": "Thành phố Hồ Chí Minh"},
        {"doc_id": "c", "short": "Tp.HCM", "long": "Thành phố Hồ Chí Minh"},
        {"doc_id": "c", "short": "Tp.HCM", "long": "Thành phố Hồ Chí Minh"},
        {"doc_id": "d", "short": "Tp.HCM", "long": "Thành phố Hồ Chí Minh"},
        {"doc_id": "a", "short": "HLV", "long": "huấn luyện viên"},
        {"doc_id": "b", "short": "HLV", "long": "huấn luyện viên"},
        {"doc_id": "e", "short": "HLV", "long": "huất luyện viên", "defined": True, "source": "document"},
        {"doc_id": "a", "short": "ATVSTP", "long": "an toàn vệ sinh thực phẩm", "defined": True, "source": "document"},
        {"doc_id": "b", "short": "ATVSTP", "long": "An toàn vệ sinh thực phẩm", "defined": True, "source": "document"},
        {"doc_id": "f", "short": "ATVSTP", "long": "An toàn thực phẩm", "defined": True, "source": "document"},
        {"doc_id": "g", "short": "Nato", "long": "Tổ chức Hiệp ước Bắc Đại Tây Dương"},
        {"doc_id": "h", "short": "NATO", "long": "Tổ chức Hiệp ước Bắc Đại Tây Dương"},
    ]
    write_part(tmp_path, "abbreviations", "k1", _abbreviation_rows(rows))
    lexicon = {(r["short"], r["long"]): r for r in corpus_tables(tmp_path)["abbreviation_lexicon"].to_pylist()}
    assert set(lexicon) == {("TP.HCM", "Thành phố Hồ Chí Minh"), ("HLV", "huấn luyện viên"),
                            ("ATVSTP", "An toàn vệ sinh thực phẩm"), ("NATO", "Tổ chức Hiệp ước Bắc Đại Tây Dương")}
    assert lexicon[("TP.HCM", "Thành phố Hồ Chí Minh")]["n_docs"] == 4
    assert lexicon[("HLV", "huấn luyện viên")]["n_docs"] == 3
    assert lexicon[("ATVSTP", "An toàn vệ sinh thực phẩm")]["n_defined"] == 2


@pytest.mark.parametrize("text, short, long", [
    ("Huyền hoặc mai vàng Panduranga Quan hệ Nga – Nato: Chưa thể “tan băng”", "Nato",
     "Tổ chức Hiệp ước Bắc Đại Tây Dương"),
    ("Đó là những nền kinh tế có sức mạnh hàng đầu trong Asean như Thái Lan.", "Asean",
     "Hiệp hội các quốc gia Đông Nam Á"),
])
def test_a_short_form_written_as_a_word_is_the_same_short_form(text, short, long):
    """"Nato" is NATO (one lexicon entry; abbreviation_lexicon writes it "NATO")."""
    assert {a.short: a.long for a in find_abbreviations(text)}[short] == long


def test_a_name_is_not_a_short_form_written_as_a_word():
    text = 'Jiang Yilei (30 tuổi), biệt danh "Papi Jiang", cựu sinh viên của học viện điện ảnh hàng đầu ở Trung Quốc.'
    assert "Papi" not in {a.short for a in find_abbreviations(text)}
