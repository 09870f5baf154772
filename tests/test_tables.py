"""Row building and corpus-wide helpers of the tables module."""
from pipeline.dates import find_dates
from pipeline.tables import date_estimate, entity_id


def test_date_estimate_is_the_first_full_date_that_is_not_history():
    text = ("Ngày 2/9/1945, Chủ tịch Hồ Chí Minh đọc Tuyên ngôn độc lập. Sáng 20/6/2017 Thủ tướng dự lễ trao "
            "giải. Xe có hạn kiểm định đến 21/4/2019.")
    assert str(date_estimate(find_dates(text))) == "2017-06-20"
    assert date_estimate(find_dates("Chiều 26/12, hội nghị tổng kết diễn ra.")) is None


def test_entity_ids_are_stable_and_spelling_insensitive():
    assert entity_id("PERSON", "Nguyễn Mạnh Hùng") == entity_id("PERSON", "nguyễn mạnh hùng")
    assert entity_id("ORG", "Ủy ban nhân dân tỉnh Khánh Hòa") == entity_id("ORG", "Uỷ ban nhân dân tỉnh Khánh Hoà")
    assert entity_id("ORG", "Bộ Quốc phòng") != entity_id("LOC", "Bộ Quốc phòng")
