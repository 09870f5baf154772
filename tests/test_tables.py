"""Row building and corpus-wide helpers of the tables module."""
from pipeline.extract.dates.mentions import find_dates
from pipeline.store.tables import date_estimate, entity_id


def test_date_estimate_is_the_first_full_date_that_is_not_history():
    text = ("Ngày 2/9/1945, Chủ tịch Hồ Chí Minh đọc Tuyên ngôn độc lập. Sáng 20/6/2017 Thủ tướng dự lễ trao "
            "giải. Xe có hạn kiểm định đến 21/4/2019.")
    assert str(date_estimate(find_dates(text))) == "2017-06-20"
    assert date_estimate(find_dates("Chiều 26/12, hội nghị tổng kết diễn ra.")) is None


def test_entity_ids_are_stable_and_spelling_insensitive():
    assert entity_id("PERSON", "Nguyễn Mạnh Hùng") == entity_id("PERSON", "nguyễn mạnh hùng")
    assert entity_id("ORG", "Ủy ban nhân dân tỉnh Khánh Hòa") == entity_id("ORG", "Uỷ ban nhân dân tỉnh Khánh Hoà")
    assert entity_id("ORG", "Bộ Quốc phòng") != entity_id("LOC", "Bộ Quốc phòng")


def test_an_entity_is_named_by_its_most_frequent_spelling(tmp_path):
    """A headline's "Bộ Tài Chính" sorts before "Bộ Tài chính" but is not the entity's name."""
    import pyarrow as pa

    from pipeline.store.corpus import corpus_tables
    from pipeline.store.tables import SCHEMAS, write_part

    spellings = ["Bộ Tài Chính", "Bộ Tài chính", "Bộ Tài chính", "Bộ Tài chính"]
    rows = [{"doc_id": f"d{i}", "start": 0, "end": 12, "text": name, "label": "ORG",
             "entity_id": entity_id("ORG", name), "name": name} for i, name in enumerate(spellings)]
    columns = {field.name: [row.get(field.name) for row in rows] for field in SCHEMAS["mentions"]}
    write_part(tmp_path, "mentions", "k1", pa.table(columns, schema=SCHEMAS["mentions"]))
    [entity] = corpus_tables(tmp_path)["entities"].to_pylist()
    assert (entity["name"], entity["n_docs"], entity["n_mentions"]) == ("Bộ Tài chính", 4, 4)
    assert entity["aliases"] == ["Bộ Tài Chính"]


def test_a_person_spelt_with_or_without_a_foreign_accent_has_one_id():
    assert entity_id("PERSON", "Rául Castro") == entity_id("PERSON", "Raul Castro")
    assert entity_id("PERSON", "Nguyễn Văn Thành") != entity_id("PERSON", "Nguyễn Văn Thanh")
    assert entity_id("LOC", "México") != entity_id("LOC", "Mexico")  # only persons' names fold
