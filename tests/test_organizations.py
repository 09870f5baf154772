"""Organizations stage: one table per rule family, on sentences from the corpus and the seed."""

from pathlib import Path

import pytest

from pipeline.core.normal_form import normalize_text
from pipeline.extract.organizations.component import find_organizations, organization_at

from .conftest import SEED

CNQP = {"CNQP": "Công nghiệp quốc phòng", "CNQP&KT": "Công nghiệp Quốc phòng và Kinh tế"}


def canonicals(text, definitions=None):
    return [m.canonical for m in find_organizations(normalize_text(text), definitions)]


@pytest.mark.parametrize("text, expected", [
    # head + capitalised words completed by the lower-case syllables of the same word
    ("Số liệu của Tổng cục Thống kê vừa cho hay, chỉ số giá tăng.", "Tổng cục Thống kê"),
    ("Kết quả do Bộ Giáo dục và Đào tạo công bố sớm hơn 1 tháng.", "Bộ Giáo dục và Đào tạo"),
    ("Giám đốc Sở Văn hóa - Thể thao và Du lịch Lào Cai cho biết.", "Sở Văn hóa - Thể thao và Du lịch tỉnh Lào Cai"),
    ("Ông Phạm Xuân Hồng, Phó Chủ tịch Hiệp hội Dệt May cho biết.", "Hiệp hội Dệt May"),
    # free lower-case name words
    ("Chỉ đạo của Chính ủy Tổng cục Công nghiệp quốc phòng tại hội nghị.", "Tổng cục Công nghiệp quốc phòng"),
    ("Hội đồng Thương mại quốc gia sẽ chia sẻ vai trò.", "Hội đồng Thương mại quốc gia"),
    # numbers
    ("Sư đoàn 312, Quân đoàn 1 tổ chức diễn tập.", "Sư đoàn 312"),
    ("Bộ Tư lệnh Vùng 4 Hải quân đã tổ chức 3 chuyến tàu.", "Bộ Tư lệnh Vùng 4 Hải quân"),
    # abbreviated heads and places
    ("Chủ tịch UBND huyện Văn Yên cho biết, nghi lễ treo cờ.", "Ủy ban nhân dân huyện Văn Yên"),
    ("Chủ tịch UBND TP.Hà Nội yêu cầu làm rõ.", "Ủy ban nhân dân thành phố Hà Nội"),
    ("Công an TP.HCM tăng cường lực lượng kiểm tra.", "Công an Thành phố Hồ Chí Minh"),
    ("Công an Q.Hai Bà Trưng phối hợp với nhà trường.", "Công an quận Hai Bà Trưng"),
    ("Tin từ Sở Y tế TP Hồ Chí Minh cho biết.", "Sở Y tế Thành phố Hồ Chí Minh"),
    # a provincial body written with the bare province name: its official name has the administrative word
    ("Chủ tịch UBND Hà Nội Nguyễn Đức Chung phát biểu.", "Ủy ban nhân dân thành phố Hà Nội"),
    ("Công an Nghệ An vừa bắt giữ hai đối tượng.", "Công an tỉnh Nghệ An"),
    # ... but not a newspaper or a hospital named after its province
    ("Theo Báo Yên Bái, lễ hội kéo dài ba ngày.", "Báo Yên Bái"),
    ("Bệnh viện Đà Nẵng đã tiếp nhận bệnh nhân.", "Bệnh viện Đà Nẵng"),
    # a diplomatic mission and where it is posted
    ("Theo thông cáo từ Đại sứ quán Úc tại Việt Nam, tàu sẽ ở lại 5 ngày.", "Đại sứ quán Úc tại Việt Nam"),
    ("Đại sứ quán Việt Nam tại Mỹ cho biết đã bảo hộ công dân.", "Đại sứ quán Việt Nam tại Mỹ"),
    # well-known names and their abbreviations
    ("Theo báo cáo của Bộ GD-ĐT, hiện nay 20 trường đã đạt.", "Bộ Giáo dục và Đào tạo"),
    ("Ngày 17/1, Ủy ban Chứng khoán Nhà nước đã có công văn gửi VNPT.", "Tập đoàn Bưu chính Viễn thông Việt Nam"),
    ("Bà đến Đại sứ quán Bồ Đào Nha tại London hồi 1955.", "Đại sứ quán Bồ Đào Nha tại London"),
    # a fleet by its number (baomoi-22549642)
    ("Theo phát ngôn viên Hạm đội 7 của Mỹ, tàu khu trục đã trở lại Yokosuka và có thể cập cảng trong vòng vài giờ "
     "đồng hồ.", "Hạm đội 7"),
    # lower-case heads written in running text
    ("Đã mời công an quận Hai Bà Trưng vào cuộc điều tra.", "Công an quận Hai Bà Trưng"),
    ("Sự cố tại trường THPT Phan Đình Phùng.", "Trường Trung học phổ thông Phan Đình Phùng"),
])
def test_names(text, expected):
    assert expected in canonicals(text)


@pytest.mark.parametrize("text, expected", [
    ("Phòng Cảnh sát giao thông Công an tỉnh Nghệ An đã xử lý.",
     ["Phòng Cảnh sát giao thông Công an tỉnh Nghệ An", "Công an tỉnh Nghệ An"]),
    ("Thanh tra Sở Xây dựng Thái Nguyên cũng đã xử phạt.",
     ["Thanh tra Sở Xây dựng tỉnh Thái Nguyên", "Sở Xây dựng tỉnh Thái Nguyên"]),
])
def test_nested(text, expected):
    assert canonicals(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Bộ Giáo dục và Đào tạo và Bộ Công an phối hợp.", ["Bộ Giáo dục và Đào tạo", "Bộ Công an"]),
    ("Bộ trưởng Bộ Công Thương Hoàng Quốc Vượng cho biết.", ["Bộ Công Thương"]),
    ("Người phát ngôn Bộ Ngoại giao Iran Bahram Qasemi khẳng định.", ["Bộ Ngoại giao Iran"]),
    ("Bộ Quốc phòng Mỹ James Mattis đến Seoul.", ["Bộ Quốc phòng Mỹ"]),
    ("Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam thông báo.",
     ["Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Nam"]),
])
def test_name_ends_where_it_should(text, expected):
    assert canonicals(text) == expected


@pytest.mark.parametrize("text", [
    "Họp báo Lễ hội cà phê Buôn Ma Thuột lần thứ 6.",
    "Bức ảnh được nhà báo Anh Samira Ahmed chụp lại.",
    "Bộ Quy tắc ứng xử của thành phố.",
    "Năng lực phòng hộ tại khu vực đầu nguồn hồ Hội Sơn.",
    "Ban đầu, vụ việc được báo cáo lên cấp trên.",
    "Phối hợp với các Bộ: Tài chính, Kế hoạch và Đầu tư.",
    "Ở Tây Ban Nha và Đài Loan, Trường Sa.",
    "Nhan sắc của BTV 8X xinh đẹp dẫn dắt bản tin.",
    "Vụ chuyên ngành lập báo cáo.",
])
def test_no_organization(text):
    assert canonicals(text) == []


def test_bare_head_resolves_to_the_documents_one_organization():
    text = ("Tổng cục Hải quan cho biết. Năm nay Tổng cục đã triển khai. "
            "Đảng ủy Tổng cục chỉ đạo. Bí thư Đảng ủy phát biểu.")
    got = canonicals(text)
    assert got.count("Tổng cục Hải quan") == 3
    assert got.count("Đảng ủy Tổng cục Hải quan") == 2


def test_bare_head_dropped_when_ambiguous():
    text = "Bộ Y tế và Bộ Tài chính sẽ họp. Bộ đã chỉ đạo."
    assert canonicals(text) == ["Bộ Y tế", "Bộ Tài chính"]


def test_seed_document():
    text = normalize_text(SEED.read_text(encoding="utf-8"))
    got = {c.casefold() for c in canonicals(text, CNQP)}
    assert got == {n.casefold() for n in [
        "Tổng cục Công nghiệp quốc phòng", "Tổng cục Chính trị", "Quân ủy Trung ương", "Bộ Quốc phòng",
        "Đảng ủy Tổng cục Công nghiệp quốc phòng", "Đoàn thanh niên Tổng cục Công nghiệp quốc phòng",
        "Báo Công nghiệp Quốc phòng và Kinh tế"]}


def test_organization_at_after_a_position_word():
    text = normalize_text("Trung tướng Nguyễn Mạnh Hùng, Bí thư Đảng ủy, Chính ủy Tổng cục CNQP, chủ trì.")
    start = text.index("Chính ủy") + len("Chính ủy")
    organizations = find_organizations(text, {"CNQP": "Công nghiệp quốc phòng"})
    m = organization_at(text, organizations, start)
    assert m.text == "Tổng cục CNQP" and m.canonical == "Tổng cục Công nghiệp quốc phòng"
    assert organization_at(text, organizations, text.index("Trung tướng")) is None


def test_all_caps_headline_and_no_capitals():
    assert canonicals("BỘ QUỐC PHÒNG TỔ CHỨC HỘI NGHỊ TỔNG KẾT NĂM 2022") == ["Bộ Quốc phòng"]
    assert canonicals("TỔNG CỤC HẢI QUAN VÀ CÔNG TY ABC KÝ KẾT HỢP ĐỒNG MỚI") == []
    assert canonicals("bộ trưởng cho biết công ty đã hoàn thành kế hoạch trong năm nay") == []


@pytest.mark.parametrize("text, outlets", [
    ("Quân đội không được làm gánh nặng cho nền kinh tế. Theo VTV", ["Đài Truyền hình Việt Nam"]),
    ("Lễ duyệt binh kỷ niệm 85 năm thành lập quân đội. (Nguồn: Yonhap/TTXVN) Báo chí đưa tin.",
     ["Yonhap", "Thông tấn xã Việt Nam"]),
    ("Hiện trường vụ tai nạn. Ảnh: Dân trí Theo đó, cơ quan điều tra vào cuộc.", ["Báo Dân trí"]),
    ("Theo đó, lực lượng chức năng đã vào cuộc. Ảnh: Hoàng Cư.", []),
])
def test_news_outlets_in_credits(text, outlets):
    assert [m.canonical for m in find_organizations(text)] == outlets


def test_expanded_abbreviation_does_not_repeat_the_known_name():
    from pipeline.extract.abbreviations.detector import definitions_of, find_abbreviations

    text = "Nghị quyết hội nghị lần thứ 4 BCH Trung ương Đảng khóa XII về xây dựng Đảng."
    names = {m.canonical for m in find_organizations(text, definitions_of(find_abbreviations(text)))}
    assert names == {"Ban Chấp hành Trung ương Đảng"}
    text = "Đại úy Trịnh Văn Phong, Đội trưởng Đội án mờ, Phòng PC45 Công an tỉnh Hưng Yên cho biết."
    names = {m.canonical for m in find_organizations(text, definitions_of(find_abbreviations(text)))}
    assert "Phòng Cảnh sát hình sự Công an tỉnh Hưng Yên" in names


def test_an_organization_never_runs_across_a_sentence_end():
    text = "Ông được giới thiệu để bầu vào vị trí Chủ tịch UBND tỉnh. Như vậy, chức vụ này đã có người."
    assert all("Như" not in m.text for m in find_organizations(text))


def test_one_ministry_whatever_the_abbreviation_punctuation():
    from pipeline.extract.abbreviations.detector import definitions_of, find_abbreviations

    names = set()
    for text in ("Bộ GD&ĐT vừa ban hành quy chế thi.", "Bộ GD-ĐT vừa ban hành quy chế thi."):
        names |= {m.canonical for m in find_organizations(text, definitions_of(find_abbreviations(text)))}
    assert names == {"Bộ Giáo dục và Đào tạo"}


@pytest.mark.parametrize("text", ["Bài viết kết thúc. Ảnh: Hoàng Hà. PV/VOV.VN", "Theo VFF PV/VOV.VN"])
def test_outlet_credit_at_the_very_end_of_a_text(text):
    # found in the corpus: the credit's outlet sits inside a token that ends the text
    mentions = find_organizations(text)
    assert "Đài Tiếng nói Việt Nam" in {m.canonical for m in mentions}
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_a_known_name_written_in_title_case_gets_its_own_spelling():
    assert canonicals("Bộ Tài Chính vừa ban hành thông tư hướng dẫn.") == ["Bộ Tài chính"]
    assert canonicals("Văn Phòng Chính Phủ thông báo kết luận.") == ["Văn phòng Chính phủ"]


@pytest.mark.parametrize("text, spans", [
    ("Binh sĩ Mỹ tham gia tập trận ở Thái Bình Dương. (Ảnh: AFP/TTXVN)",
     [("AFP", "Agence France-Presse"), ("TTXVN", "Thông tấn xã Việt Nam")]),  # abbreviations expanded
    ("Lễ duyệt binh kỷ niệm 85 năm thành lập quân đội. (Nguồn: Yonhap/TTXVN)",
     [("Yonhap", "Yonhap"), ("TTXVN", "Thông tấn xã Việt Nam")]),
    ("Bài viết kết thúc. Ảnh: Hoàng Hà. PV/VOV.VN", [("VOV.VN", "Đài Tiếng nói Việt Nam")]),
])
def test_outlets_joined_by_a_slash_get_a_span_each(text, spans):
    mentions = find_organizations(text)
    assert [(m.text, m.canonical) for m in mentions] == spans
    assert all(text[m.start:m.end] == m.text for m in mentions)


# ---------------------------------------------------------------- official names with a lower-case ending


def _names(sentence: str) -> set[str]:
    return {m.canonical for m in find_organizations(normalize_text(sentence))}


@pytest.mark.parametrize("sentence, name", [
    ("Thông tin về các doanh nghiệp được công bố công khai trên trang thông tin điện tử của Cục Quản lý cạnh "
     "tranh (Bộ Công thương).", "Cục Quản lý cạnh tranh"),
    ("Cục Y tế dự phòng (Bộ Y tế) nhận định, sau Tết là mùa bệnh TCM ở các tỉnh phía Nam.", "Cục Y tế dự phòng"),
    ("Đề nghị mời thêm thành phần Ban Nội chính - Văn phòng Chính phủ, Vụ Tổ chức cán bộ và Thanh tra Bộ.",
     "Vụ Tổ chức cán bộ"),
])
def test_a_learned_official_name_is_read_to_its_lower_case_end(sentence, name):
    assert name in _names(sentence)


def test_a_predicate_after_a_name_is_not_learned():
    sentence = "Theo cáo trạng, năm 2002, Bộ Công an điều tra chuyên án mang bí số Z."
    assert "Bộ Công an" in _names(sentence)
    assert not any("điều tra" in name for name in _names(sentence))


def _learner():
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "tools" / "learn_organization_names.py"
    spec = importlib.util.spec_from_file_location("learn_organization_names", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_learner_keeps_endings_attested_as_part_of_the_name():
    """Corpus sentences: the ending is learned where documents repeat it and one writes it with
    capitals; a predicate ("… khuyến cáo") is not, however often it follows."""
    records = [normalize_text(t) for t in (
        "Trước tình hình dịch đang lan rộng, Cục Y tế dự phòng, Bộ Y tế đã có khuyến cáo tới người dân.",
        "Cục Y tế dự phòng (Bộ Y tế) nhận định, sau Tết là mùa bệnh TCM ở các tỉnh phía Nam.",
        "Để phòng bệnh, Cục Y tế Dự phòng (Bộ Y tế) khuyến cáo người dân cần đảm bảo an toàn vệ sinh thực phẩm.",
        "Cục Thú y khuyến cáo người dân không ăn tiết canh.",
        "Hôm qua, Cục Thú y khuyến cáo các địa phương tăng cường tiêm phòng.",
        "Cục Thú y khuyến cáo, dịch cúm gia cầm có nguy cơ bùng phát.",
    )]
    learned = {name for name, _, _ in _learner().learn(records, min_docs=2, min_share=0.15, min_stop=0.6)}
    assert "Cục Y tế dự phòng" in learned
    assert not any(name.startswith("Cục Thú y") for name in learned)


@pytest.mark.parametrize("sentence, clubs", [
    ("Để thuyết phục Ronaldo ở lại Real Madrid, Chủ tịch Perez đã quyết định trả mức lương kỷ lục.", {"Real Madrid"}),
    ("Ở cuối bảng xếp hạng, Hoàng Anh Gia Lai đang là đội bóng khát chiến thắng nhất.", {"Hoàng Anh Gia Lai"}),
    ("Cựu HLV Sông Lam Nghệ An bên cạnh sự vui sướng vừa phải cũng cho rằng, các học trò vẫn còn mắc sai lầm.",
     {"Sông Lam Nghệ An"}),
])
def test_football_clubs_are_organizations(sentence, clubs):
    assert clubs <= _names(sentence)


def test_a_club_named_like_a_person_is_no_person():
    from pipeline.nlp import build_nlp

    record = build_nlp()("Ở cuối bảng xếp hạng, Hoàng Anh Gia Lai đang là đội bóng khát chiến thắng nhất.")._.record
    assert [(m.text, m.label) for m in record.mentions] == [("Hoàng Anh Gia Lai", "ORG")]


# ---------------------------------------------------------------- coordinated names (corpus sentences)

def _spans_and_names(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.canonical) for m in find_organizations(text)]


def test_a_plural_head_governs_every_name_listed_after_it():
    text = ("Đoàn có sự tham gia của các đơn vị chức năng thuộc các Bộ Y tế, NN&PTNT, Công Thương và các ngành "
            "thành viên Ban Chỉ đạo.")
    assert [c for _, c in _spans_and_names(text)][:3] == ["Bộ Y tế", "Bộ Nông nghiệp và Phát triển nông thôn", "Bộ Công Thương"]
    text = "Bộ Văn hóa, Thể thao và Du lịch đã lấy ý kiến các Bộ Công an, Quốc phòng, Tài nguyên - Môi trường."
    assert ("Quốc phòng", "Bộ Quốc phòng") in _spans_and_names(text) and ("Bộ Công an", "Bộ Công an") in _spans_and_names(text)
    assert ("Bộ Văn hóa, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch") in _spans_and_names(text)  # one ministry


def test_a_listed_ministry_name_with_va_stays_whole():
    text = "Nghị định 43 không cần thông tư hướng dẫn của các Bộ Y tế, Công Thương, Nông nghiệp và Phát triển nông thôn."
    assert ("Nông nghiệp và Phát triển nông thôn", "Bộ Nông nghiệp và Phát triển nông thôn") in _spans_and_names(text)
    assert "Bộ Nông nghiệp" not in [c for _, c in _spans_and_names(text)]


def test_the_place_after_a_list_belongs_to_every_listed_department():
    text = "Lãnh đạo các Sở Tư pháp, Tài chính, Xây dựng tỉnh Quảng Nam cùng dự buổi làm việc."
    assert _spans_and_names(text) == [("Sở Tư pháp", "Sở Tư pháp tỉnh Quảng Nam"), ("Tài chính", "Sở Tài chính tỉnh Quảng Nam"),
                            ("Xây dựng tỉnh Quảng Nam", "Sở Xây dựng tỉnh Quảng Nam")]
    text = "Sở Y tế và Sở Giáo dục tỉnh Bình Dương đã phối hợp tổ chức kiểm tra."
    assert [c for _, c in _spans_and_names(text)] == ["Sở Y tế tỉnh Bình Dương", "Sở Giáo dục tỉnh Bình Dương"]


@pytest.mark.parametrize("text, expected", [
    # baomoi-22432596, baomoi-22676235: a country's organs listed together share its name
    ("Thượng nghị sỹ John McCain khẳng định ủng hộ Quốc hội và Chính phủ Hoa Kỳ tiếp tục hợp tác, hỗ trợ Việt Nam "
     "thực hiện dự án xử lý môi trường ô nhiễm chất độc da cam/dioxin.", ["Quốc hội Hoa Kỳ", "Chính phủ Hoa Kỳ"]),
    ("Phó Chủ tịch Quốc hội Uông Chu Lưu hy vọng Thượng viện và Hạ viện Nhật Bản sẽ tiếp tục hợp tác chặt chẽ với "
     "Quốc hội Việt Nam đóng góp vào sự phát triển chung của hai nước và khu vực.",
     # (the bare "Quốc hội" is Vietnam's, as the sentence writes it out later)
     ["Quốc hội Việt Nam", "Thượng viện Nhật Bản", "Hạ viện Nhật Bản", "Quốc hội Việt Nam"]),
])
def test_organs_of_state_share_the_country_named_after_the_last(text, expected):
    assert [c for _, c in _spans_and_names(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # baomoi-21512369, baomoi-22650445: a district's or province's organs listed together share its place
    ("Tối 10-2, Quận ủy, HĐND, UBND, Ủy ban MTTQ quận Hoàn Kiếm đã tổ chức buổi gặp mặt thanh niên lên đường nhập "
     "ngũ năm 2017 và đón tiếp quân nhân xuất ngũ năm 2016.",
     ["Quận ủy Hoàn Kiếm", "Hội đồng nhân dân quận Hoàn Kiếm", "Ủy ban nhân dân quận Hoàn Kiếm",
      "Ủy ban Mặt trận Tổ quốc quận Hoàn Kiếm"]),
    ("Lúc này, trách nhiệm kiểm tra, xử lý thuộc về Tỉnh ủy và UBND tỉnh Yên Bái\" - luật sư Duy nói.",
     ["Tỉnh ủy Yên Bái", "Ủy ban nhân dân tỉnh Yên Bái"]),
])
def test_local_organs_share_the_place_named_after_the_last(text, expected):
    assert [c for _, c in _spans_and_names(text)] == expected


def test_peacekeeping_units_keep_their_lower_case_field():
    # baomoi-22384032
    text = ("Ngày 27/5/2014, Trung tâm Gìn giữ hòa bình Việt Nam được thành lập trong bối cảnh hoạt động đối ngoại của "
            "Đảng, Nhà nước và Quân đội không ngừng được tăng cường, mở rộng.")
    assert "Trung tâm Gìn giữ hòa bình Việt Nam" in [c for _, c in _spans_and_names(text)]


def test_a_list_ends_at_a_name_that_is_no_ministrys_or_has_a_head_of_its_own():
    text = ("Vietlott cho biết đã mời đại diện các Bộ Công an, Tài chính, Deloitte Việt Nam, Tập đoàn Berjaya, đại lý "
            "phát hành vé trúng thưởng.")
    assert [c for _, c in _spans_and_names(text)] == ["Bộ Công an", "Bộ Tài chính", "Tập đoàn Berjaya"]
    text = "Ông Huỳnh Đức Thơ đã ký văn bản gửi các Sở Xây dựng, TN&MT, Bộ chỉ huy quân sự TP và UBND quận Sơn Trà."
    assert not any(c.startswith("Sở Bộ") for _, c in _spans_and_names(text))
    assert ("TN&MT", "Sở Tài nguyên và Môi trường") in _spans_and_names(text)


def test_organizations_of_different_heads_keep_their_own_places():
    text = "Công an tỉnh Nghệ An và Bộ Chỉ huy Quân sự tỉnh Hà Tĩnh phối hợp truy bắt đối tượng."
    assert [c for _, c in _spans_and_names(text)] == ["Công an tỉnh Nghệ An", "Bộ Chỉ huy Quân sự tỉnh Hà Tĩnh"]


def test_a_position_after_va_is_the_next_title_not_the_name():
    text = ("Thượng tướng Tô Lâm, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an và Ủy viên Bộ Chính trị, Bí thư Thành ủy "
            "Hà Nội Hoàng Trung Hải đồng chủ trì.")
    assert "Bộ Công an" in [c for _, c in _spans_and_names(text)]
    assert not any("và Ủy viên" in c for _, c in _spans_and_names(text))


@pytest.mark.parametrize("text, unwanted", [
    ("Tàu ngầm mang tên lửa đạn đạo là bộ phận cấu thành quan trọng nhất trong Bộ 3 răn đe hạt nhân.", "Bộ 3"),
    ("Vụ 8 người chết vì tai biến chạy thận: Giám đốc Bệnh viện tỉnh Hòa Bình sẵn sàng chịu kỷ luật.", "Vụ 8"),
])
def test_a_number_right_after_a_head_names_only_numbered_units(text, unwanted):
    assert unwanted not in [c for _, c in _spans_and_names(text)]


def test_numbered_units_keep_their_number():
    text = "Chỉ riêng ngày 12/7/1984, hơn 600 chiến sĩ thuộc Sư đoàn 356 đã hi sinh; Bệnh viện 108 tiếp nhận thương binh."
    assert [c for _, c in _spans_and_names(text)] == ["Sư đoàn 356", "Bệnh viện Trung ương Quân đội 108"]


@pytest.mark.parametrize("text, name", [
    ("Trong khi đó, giá trị của Apple đã giảm từ 145,9 tỷ USD xuống chỉ còn 107,1 tỷ USD.", "Apple"),
    ("Apple cập nhật máy tính xách tay Mac nhằm cải thiện thời lượng pin khi ở chế độ ngủ, theo Bloomberg.",
     "Bloomberg"),
])
def test_well_known_companies_and_foreign_outlets_in_running_text(text, name):
    """A foreign outlet's name is no Vietnamese word, so it counts in running text too ("theo
    Bloomberg"), while "Tuổi Trẻ" or "Nhân Dân" count only after "Báo" or in a credit."""
    assert name in [c for _, c in _spans_and_names(text)]


def test_a_vietnamese_outlet_name_is_still_an_ordinary_phrase_in_running_text():
    assert _spans_and_names("Tuổi trẻ của anh gắn với những tháng năm nhân dân cả nước kháng chiến.") == []


@pytest.mark.parametrize("text, expected", [
    # a foreign name after a lower-case description is the organization, the description is not
    ("Theo thống kê của tờ New York Times, lịch sử đang hết lòng ủng hộ bộ phim.", ["New York Times"]),
    ("Theo kết quả khảo sát của hãng tin Kitco về dự báo giá vàng trong tuần tới, đa số chuyên gia lạc quan.",
     ["Kitco"]),
    ("Có một điều khá bất ngờ là hãng Mercedes-Benz chưa đề ra kế hoạch bán xe điện.", ["Mercedes-Benz"]),
    ("Thậm chí sau đó đã so sánh phần ăn sáng của hãng McDonald's tốt hơn của Wendy's.", ["McDonald's"]),
    # a brand written with an inner capital belongs to the name after its head
    ("Vizio có trụ sở ở California và gần đây được Công ty LeEco của Trung Quốc mua lại.", ["Công ty LeEco"]),
])
def test_foreign_names_of_companies_and_outlets(text, expected):
    assert canonicals(text) == expected


@pytest.mark.parametrize("text", [
    "Ông Graham Hunter, nhà báo Tây Ban Nha, cho biết.",   # "nhà báo": a journalist, not the paper "báo"
    "Công ty Singapore này đang phát triển một loại xe mới.",  # a country, not the company's name
])
def test_a_description_that_names_no_foreign_organization(text):
    assert all(name not in ("Graham Hunter", "Singapore") for name in canonicals(text))


def test_international_bodies_known_by_their_acronym():
    # baomoi-21472481; the name is expanded as abbreviations are
    text = ("Quần thể danh thắng Tràng An là địa danh du lịch tổng hợp gồm các di sản văn hóa và thiên nhiên thế giới "
            "do UNESCO công nhận năm 2014.")
    assert canonicals(text) == ["Tổ chức Giáo dục, Khoa học và Văn hóa Liên hợp quốc"]


@pytest.mark.parametrize("text, expected", [
    # baomoi-22264613: "QH" is the Quốc hội across the press, expanded without a definition
    ("Dự có Phó Thủ tướng Vương Đình Huệ, Phó Chủ tịch QH Uông Chu Lưu, cùng lãnh đạo một số bộ, ngành.",
     ["Quốc hội"]),
    # baomoi-21474051: a foreign parliament's chamber with its country
    ("Bush hồi năm 2004 sau khi nhận được sự nhất trí ủng hộ của Thượng viện Mỹ.", ["Thượng viện Mỹ"]),
])
def test_parliaments_and_their_chambers(text, expected):
    assert canonicals(text) == expected


def org_names(nlp, text):
    return [(m.text, m.canonical) for m in nlp(text)._.record.mentions if m.label == "ORG"]


def test_a_body_named_short_takes_the_full_name_the_document_writes(nlp):
    # baomoi-21473407: "Phòng Quản lý xuất nhập cảnh Công an tỉnh Nghệ An", then the unit alone
    text = ("Từ ngày 2/2 đến nay, tại Phòng Quản lý xuất nhập cảnh Công an tỉnh Nghệ An, nhiều người dân phải đi "
            "từ sáng sớm. Theo ghi nhận của PV, từ sáng sớm đã có hàng trăm người đến Phòng Quản lý xuất nhập "
            "cảnh để nộp hồ sơ.")
    full = "Phòng Quản lý xuất nhập cảnh Công an tỉnh Nghệ An"
    assert ("Phòng Quản lý xuất nhập cảnh", full) in org_names(nlp, text)
    assert {c for t, c in org_names(nlp, text) if t.startswith("Phòng")} == {full}


def test_a_name_with_and_without_its_administrative_word_is_one(nlp):
    # baomoi-21472016: "Trường Tiểu học Thạch Văn", then "UBND xã Thạch Văn và Trường …" names the commune
    text = ("Sáng 6/2, UBND huyện Thạch Hà, Phòng Giáo dục huyện đã làm lễ tuyên dương, khen thưởng em Nguyễn Thị "
            "Lan Anh - học sinh lớp 4A, Trường Tiểu học Thạch Văn đã có hành động đẹp khi nhặt được của rơi tìm "
            "người trả lại. Hội đồng đội tỉnh, Sở GD&ĐT Hà Tĩnh, UBND huyện Thạch Hà, UBND xã Thạch Văn và "
            "Trường Tiểu học xã Thạch Văn đã tặng giấy khen cho em.")
    schools = {c for t, c in org_names(nlp, text) if t.startswith("Trường")}
    assert schools == {"Trường Tiểu học xã Thạch Văn"}


@pytest.mark.parametrize("text, short, canonical", [
    # baomoi-21472439: "Phòng CSGT, Công an tỉnh Sơn La" is Sơn La's unit, not the Bắc Ninh one named before
    ("Ngày 3/2, trên tuyến QL18 qua TP Bắc Ninh, Tổ TTKS của Phòng CSGT Bắc Ninh dừng xe tải BKS 99C-061.47. "
     "Cũng là địa phương không xảy ra TNGT dịp Tết, Đại tá Nguyễn Xuân Hà, Trưởng Phòng CSGT, Công an tỉnh "
     "Sơn La chia sẻ.", "Phòng CSGT", "Phòng Cảnh sát giao thông"),
    # baomoi-21487797: a well-known body keeps its name beside another country's
    ("Được biết, Bộ Quốc phòng Mỹ và tân Bộ trưởng Quốc phòng nước này James Mattis đang xem xét lại biên bản "
     "ghi nhớ. TASS ngày 7-2 dẫn lời Tổng tham mưu trưởng lực lượng không quân Mỹ cho biết, Bộ Quốc phòng nước "
     "này không có ý định gia nhập lực lượng với Nga tại Syria.", "Bộ Quốc phòng", "Bộ Quốc phòng"),
])
def test_a_short_name_stays_short_when_it_may_be_another_body(nlp, text, short, canonical):
    assert (short, canonical) in org_names(nlp, text)


@pytest.mark.parametrize("text, expected", [
    # baomoi-21465869: a country's armed forces in lower case
    ("HEMTT được đưa vào sử dụng trong quân đội Mỹ từ năm 1982.", [("quân đội Mỹ", "Quân đội Mỹ")]),
    ("KamAZ-5350 cùng với Ural-4230 là 2 ngựa thồ quân sự chủ lực của quân đội Nga.",
     [("quân đội Nga", "Quân đội Nga")]),
    # baomoi-21472806: an air base is no organization; baomoi-22601466: "sức mạnh hải quân Mỹ" is naval power
    ("Red Flag là cuộc tập trận cao cấp được tiến hành thường xuyên tại căn cứ không quân Nellis, bang Nevada, Mỹ.", []),
    ("Chưa kể đến sức mạnh hải quân Mỹ và hàng trăm quả tên lửa Tomahawk được triển khai gần Syria.", []),
])
def test_service_branches_in_lower_case_with_their_country(text, expected):
    found = [(m.text, m.canonical) for m in find_organizations(normalize_text(text))]
    assert [f for f in found if f[1].split()[0] in ("Quân", "Hải", "Không", "Lục")] == expected


def test_a_lower_case_branch_is_no_part_of_a_unit_name():
    # baomoi-22652358: "Lữ đoàn 170 hải quân" is the brigade; the lower-case branch names no unit here
    text = ("Chánh văn phòng UBND tỉnh Quảng Ninh Vũ Văn Hợp cho biết, hiện trạng được phản ánh nằm trong quản lý "
            "của Lữ đoàn 170 hải quân quản lý.")
    assert "Lữ đoàn 170" in canonicals(text)


@pytest.mark.parametrize("text, expected", [
    # baomoi-21490044 and baomoi-21490270: a document writing both names of the navy lists the official one
    ("Quân chủng Hải quân sẽ tổ chức lễ thượng cờ cho các tàu ngầm 186 Đà Nẵng và 187 Bà Rịa-Vũng Tàu, qua đó "
     "chính thức biên chế cặp tàu ngầm Kilo hiện đại cho Hải quân Nhân dân Việt Nam. Hạm đội Thái Bình Dương của "
     "Nga đang tiến hành thử nghiệm Sovershenny - loại chiến hạm được đồn đoàn có thể được Hải quân Việt Nam lựa "
     "chọn.", {"Hải quân nhân dân Việt Nam"}),
    # baomoi-21490270 alone: the name it writes
    ("Hạm đội Thái Bình Dương của Nga đang tiến hành thử nghiệm Sovershenny - loại chiến hạm được đồn đoàn có thể "
     "được Hải quân Việt Nam lựa chọn.", {"Hải quân Việt Nam"}),
])
def test_the_navy_of_vietnam_by_its_official_and_its_own_name(nlp, text, expected):
    assert {c for t, c in org_names(nlp, text) if t.startswith("Hải quân")} == expected


@pytest.mark.parametrize("text, expected", [
    # baomoi-22286030: a police unit's code written alone names the unit
    ("Thượng úy Nguyễn Xuân Thành và Vũ Xuân Quyền (Đội Cảnh sát giao thông số 5, PC67, Công an Hà Nội) "
     "nhận được tin báo.", ("PC67", "Phòng Cảnh sát giao thông đường bộ - đường sắt")),
    # baomoi-22668980
    ("Có 1 chiến sĩ công an pháp y (Phòng Kỹ thuật hình sự, PC54, CA Kon Tum).", None),
])
def test_unit_codes_written_alone(nlp, text, expected):
    found = org_names(nlp, text)
    if expected:
        assert expected in found
    else:  # the code beside the unit's own name is the same unit
        assert all(c == "Phòng Kỹ thuật hình sự" for t, c in found if t in ("PC54", "Phòng Kỹ thuật hình sự"))


def test_no_unit_from_an_exam_block_code(nlp):
    # baomoi corpus: "khối A00" is a university entrance block, not a police unit
    text = "Năm nay trường tuyển sinh các khối A00, A01 và D01 với tổng chỉ tiêu 3.000."
    assert org_names(nlp, text) == []


def test_a_province_and_its_city_of_one_name_stay_two_bodies():
    # the first 2,000 corpus articles: "UBND tỉnh Nam Định" beside "UBND thành phố Nam Định"
    from pipeline.core.records import Mention
    from pipeline.extract.organizations.short_forms import complete_short_forms
    names = ["Ủy ban nhân dân tỉnh Nam Định", "Ủy ban nhân dân thành phố Nam Định"]
    mentions = [Mention(i * 40, i * 40 + 20, n, "ORG", n) for i, n in enumerate(names)]
    assert [m.canonical for m in complete_short_forms(mentions)] == names


@pytest.mark.parametrize("text, expected", [
    # a company's description in lower case before its foreign name (baomoi-21473371, baomoi-21473628)
    ("Theo báo cáo vừa được hãng tư vấn định giá thương hiệu Brand Finance (Anh) công bố, hầu hết những cái tên "
     "trong danh sách 10 thương hiệu có giá trị nhất Trung Quốc trong năm 2017 thuộc sở hữu của các ngân hàng nhà "
     "nước và các đại gia Internet.", "Brand Finance"),
    ("Shelia Fedrick, nữ tiếp viên 49 tuổi của hãng hàng không Alaska Airlines có chuyến bay từ Seattle về San "
     "Francisco.", "Alaska Airlines"),
])
def test_a_foreign_company_after_its_lower_case_description(text, expected):
    assert expected in canonicals(text)
