"""Places stage: gazetteer and administrative-word rules on sentences from the corpus."""
import pytest

from pipeline.core.normal_form import normalize_text
from pipeline.extract.gazetteer import gazetteer
from pipeline.extract.places.component import find_places


def canonicals(text):
    return [m.canonical for m in find_places(normalize_text(text))]


def test_gazetteer_has_both_maps():
    free, _ = gazetteer()
    for name in ("Hà Giang", "Bình Dương", "Thừa Thiên Huế", "Huế", "Đắk Lắk", "Cà Mau", "Tuyên Quang"):
        assert (name,) in free or tuple(name.split()) in free


@pytest.mark.parametrize("text, expected", [
    ("Những đô thị lớn như Hà Nội, TP.HCM và Đà Nẵng.", ["Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng"]),
    ("Ở Hà Nội, TPHCM, Cần Thơ.", ["Hà Nội", "Thành phố Hồ Chí Minh", "Cần Thơ"]),
    ("SN 1989, quê tỉnh Quảng Bình, tạm trú.", ["Quảng Bình"]),
    ("Xã Hương Sơn (huyện Mỹ Đức) và thị trấn Núi Thành.", ["Hương Sơn", "Mỹ Đức", "Núi Thành"]),
    ("Các quận vệ tinh như quận 7, quận 2.", ["Quận 7", "Quận 2"]),
    ("Lễ hội Cà phê Buôn Ma Thuột lần thứ 6 ở Tây Nguyên.", ["Buôn Ma Thuột", "Tây Nguyên"]),
    ("Hình chụp ở tỉnh Chiết Giang, Trung Quốc.", ["Chiết Giang", "Trung Quốc"]),
    ("Các nước như Mỹ, Đức, Canada, Indonesia.", ["Mỹ", "Đức", "Canada", "Indonesia"]),
    ("Khoảng 28% người Nga quan tâm.", ["Nga"]),
    ("Thủ đô Hà Nội đón khách.", ["Hà Nội"]),
])
def test_places(text, expected):
    assert canonicals(text) == expected


@pytest.mark.parametrize("text, expected", [
    # foreign states and cities (resources/countries_vi.tsv); corpus sentences
    ("Một chuyên gia về đấu giá tại Maryland đã rao bán chiếc điện thoại của Hitler trên thị trường.", ["Maryland"]),
    # a country named by its adjective is listed, as the gold lists "Việt Nam" of "cầu thủ trẻ Việt Nam"
    ("Binh lính Nga trên xe bọc thép tuần tra một đường phố ở Aleppo, Syria.", ["Nga", "Aleppo", "Syria"]),
    # stadiums and landmarks (resources/place_features.tsv)
    # (the countries are inside the teams' names, organizations: no places of their own)
    ("Trận giao hữu U23 Việt Nam – U23 Malaysia diễn ra lúc 18h ngày 7/2 trên sân Thống Nhất (TP.HCM).",
     ["Sân Thống Nhất", "Thành phố Hồ Chí Minh"]),
    ("Sở cũng cần sớm hoàn thành việc bàn giao thí điểm Sân vận động Hàng Đẫy cho CLB Hà Nội quản lý.",
     ["Sân vận động Hàng Đẫy", "Hà Nội"]),
])
def test_foreign_places_stadiums_and_landmarks(text, expected):
    assert canonicals(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Anh Nguyễn Tuấn Anh cho biết.", []),                      # personal names, not England
    ("Ông Trần Thái Bình và chị Hà Giang.", []),                # province names inside personal names
    ("Anh cho biết đã gặp bà Nga hôm qua.", []),                # "bà Nga": a woman, not Russia
    ("Pháp luật quy định rõ, Ý kiến của Mỹ Linh.", []),         # France, Italy, the USA only in words
    ("Nhà hàng trên đường Hà Nội, phố Huế.", ["Đường Hà Nội", "Phố Huế"]),  # streets named after cities, not the cities
    ("Chủ tịch UBND TP Nguyễn Đức Chung yêu cầu.", []),          # a person after "TP", not a city
    ("HÀ NỘI: ANH ĐỨC ĐẠT GIẢI", ["Hà Nội"]),                   # headline in capitals: no ambiguous single syllables
])
def test_names_that_are_not_places(text, expected):
    assert canonicals(text) == expected


@pytest.mark.parametrize("text, expected", [
    # baomoi-21473580: a country in brackets after a city
    ("Gayathiri Bose, đến từ Singapore, bị dừng tại cửa an ninh khi chuẩn bị lên máy bay từ Frankurt (Đức) đi "
     "Paris (Pháp), Stuff đưa tin ngày 5/2.", ["Singapore", "Đức", "Paris", "Pháp"]),
    # baomoi-21473006: after a common noun ("tàu sân bay Mỹ")
    ("Vấn đề đặt ra là để tránh trở thành mục tiêu tấn công của các tên lửa chống hạm, các tàu sân bay Mỹ phải "
     "nằm ngoài phạm vi tấn công hiệu quả của chúng.", ["Mỹ"]),
    # baomoi-21471938: "Australia" is no personal name, only "Úc" is; "Thụy Sỹ" is written with y too
    ("Ông cho biết trong 6 đối tượng bị bắt giữ có 4 người quốc tịch Australia, 1 người New Zealand và 1 người "
     "mang hai quốc tịch Fiji và Thụy Sỹ.", ["Úc", "New Zealand", "Fiji", "Thụy Sĩ"]),
    # baomoi-21469765: a currency, not the country
    ("Kho báu bao gồm khoảng 100 đồng tiền vàng cổ có giá 200 bảng Anh/đồng (khoảng 5,7 triệu đồng) và 17 thỏi "
     "bạc, mỗi thỏi nặng 1kg giá 450 bảng Anh/thỏi (gần 13 triệu đồng).", []),
])
def test_ambiguous_country_names_in_a_place_reading(text, expected):
    assert canonicals(text) == expected


def test_a_district_without_its_administrative_word_before_its_province():
    # baomoi-21472439: "Hạ Hòa" is a district of Phú Thọ ("Động Lâm", a commune without "xã", stays unknown)
    text = ("Không để “ma men” ôm lái 13h40 ngày 2/2, trên đường Nguyễn Huệ (TP Lào Cai), Đội CSGT TP Lào Cai dừng "
            "xe ô tô BKS 24A-051.83 do anh Khổng Văn Mỹ (SN 1983, trú tại Động Lâm, Hạ Hòa, Phú Thọ) điều khiển.")
    assert canonicals(text)[-2:] == ["Hạ Hòa", "Phú Thọ"]
    # not before another province: "Hạ Hòa, Hà Nội" could be anything
    assert "Hạ Hòa" not in canonicals("Anh trú tại Hạ Hòa, Hà Nội.")


def test_places_inside_organizations():
    # a Vietnamese administrative place inside an organization's name is also a place …
    assert canonicals("Công an tỉnh Nghệ An đang điều tra.") == ["Nghệ An"]
    # … a country closing a national organization's name is not
    assert canonicals("Liên đoàn Bóng đá Việt Nam thông báo.") == []


def test_all_caps_and_no_capitals():
    assert canonicals("LŨ LỚN Ở QUẢNG NAM VÀ QUẢNG NGÃI") == ["Quảng Nam", "Quảng Ngãi"]
    assert canonicals("mưa lớn ở khu vực miền trung trong ngày hôm nay") == []


@pytest.mark.parametrize("text, expected", [
    ("Đoàn đến sân bay Tân Sơn Nhất rồi ra cảng Hải Phòng, thăm đền Hát Môn.",
     ["Sân bay Tân Sơn Nhất", "Cảng Hải Phòng", "Đền Hát Môn"]),  # "Hải Phòng" only inside the port's name
    ("Căng thẳng trên bán đảo Triều Tiên leo thang, tàu chiến tuần tra trên biển Đông.",
     ["Bán đảo Triều Tiên", "Biển Đông"]),
    ("Tàu sân bay Mỹ tiến vào Thái Bình Dương; xe qua cửa khẩu Quốc tế của tỉnh Tây Ninh.",
     ["Mỹ", "Thái Bình Dương", "Tây Ninh"]),  # the carrier's country, no airport named "Mỹ"
    ("Hội nghị cầu Đảng ủy; anh ở hồ sơ; Chủ tịch Hồ Chí Minh.", []),
])
def test_named_physical_places(text, expected):
    assert [m.canonical for m in find_places(text)] == expected


def test_the_place_a_mission_is_posted_to_is_a_place_its_country_is_not(run_until):
    record = run_until("vi_places", "Bà đến Đại sứ quán Bồ Đào Nha tại London hồi 1955.")._.record
    assert [(m.label, m.text) for m in record.mentions] == [
        ("ORG", "Đại sứ quán Bồ Đào Nha tại London"), ("LOC", "London")]


@pytest.mark.parametrize("text, expected", [
    ("Chuyến bay hạ cánh xuống sân bay quốc tế Nội Bài lúc 10 giờ.", ["Sân bay quốc tế Nội Bài"]),
    ("Vụ tai nạn xảy ra trên đường Nguyễn Văn Linh, quận 7.", ["Đường Nguyễn Văn Linh", "Quận 7"]),
    ("Cửa hàng ở phố Hàng Bài bị cháy.", ["Phố Hàng Bài"]),
    ("Đường dây nóng đã được mở, con đường phía trước còn dài.", []),  # common nouns
    ("Ông Nguyễn Đức Chung, Chủ tịch UBND thành phố Hà Nội cho biết.", ["Hà Nội"]),  # a city, not "phố Hà Nội"
])
def test_named_streets_and_international_airports_are_places(text, expected):
    assert canonicals(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the weather service's forecast regions and sea zones (baomoi-21477998, baomoi-21473017, baomoi-21474345)
    ("Dưới đây là dự báo chi tiết cho các vùng trong cả nước ngày 7/2/2017: Thời tiết hôm nay 7/2/2017: Phía Tây Bắc "
     "Bộ Nhiều mây, có mưa vài nơi, sáng sớm có nơi có sương mù, trưa chiều giảm mây trời nắng.", ["Tây Bắc Bộ"]),
    ("Phía Đông Bắc Bộ nhiều mây, có mưa vài nơi, sáng sớm có sương mù nhẹ rải rác, trưa chiều giảm mây trời nắng.",
     ["Đông Bắc Bộ"]),
    ("Từ gần sáng 09/02, ở vịnh Bắc Bộ và khu vực Bắc Biển Đông (bao gồm cả vùng biển quần đảo Hoàng Sa) có gió "
     "đông bắc mạnh cấp 6, giật cấp 7-8; biển động.", ["Vịnh Bắc Bộ", "Bắc Biển Đông", "Quần đảo Hoàng Sa"]),
])
def test_forecast_regions_and_sea_zones(text, expected):
    assert canonicals(text) == expected
