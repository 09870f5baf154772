"""Names of their own (pipeline/extract/written_names.py): a document names a body by the fullest
name it writes, with the canonical name kept in `refers_to` (Báo Mới corpus sentences)."""
from __future__ import annotations

import pytest

from pipeline.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def names(nlp, text: str, label: str) -> list[tuple[str, str | None]]:
    return [(m.canonical, m.refers_to) for m in nlp(text)._.record.mentions if m.label == label]


def test_a_brand_keeps_its_name_and_points_to_the_company(nlp):
    # baomoi-21470950
    text = ("Năm 2017 được coi là năm triển khai mạnh mẽ mạng 4G trên cả nước khi 3 “ông lớn” trong lĩnh vực viễn "
            "thông gồm VNPT, Viettel và MobiFone đang chạy đua nước rút nhằm mang tới cho khách hàng những trải "
            "nghiệm 4G nhanh nhất và chất lượng nhất.")
    found = names(nlp, text, "ORG")
    assert ("Viettel", "Tập đoàn Công nghiệp - Viễn thông Quân đội") in found
    assert ("MobiFone", "Tổng công ty Viễn thông MobiFone") in found
    # an abbreviation is no name of its own: it is expanded
    assert ("Tập đoàn Bưu chính Viễn thông Việt Nam", None) in found


def test_the_fullest_name_written_wins(nlp):
    # baomoi-22566127: the company's full (older) name and its brand in one document: one name
    text = ("Hai nước có thể tăng hợp tác kinh tế, đầu tư qua các mô hình hợp tác thành công giữa Tập đoàn Viễn thông "
            "Quân đội (Viettel) và Tổng công ty truyền thông Haiti (Teleco S.A).")
    viettel = {n for n in names(nlp, text, "ORG") if n[1] == "Tập đoàn Công nghiệp - Viễn thông Quân đội"}
    assert viettel == {("Tập đoàn Viễn thông Quân đội", "Tập đoàn Công nghiệp - Viễn thông Quân đội")}


def test_a_countrys_formal_name(nlp):
    # baomoi-21462128: "Anh Quốc" and "Hoa Kỳ" as written; they stand for "Anh" and "Mỹ"
    text = ("Mẫu xe cỡ lớn siêu sang này thay thế Silver Ghost nhưng vẫn sử dụng khung gầm của đàn anh (sản xuất cả "
            "ở Anh Quốc và Hoa Kỳ).")
    assert names(nlp, text, "LOC") == [("Anh Quốc", "Anh"), ("Hoa Kỳ", "Mỹ")]


@pytest.mark.parametrize("text, expected", [
    # baomoi-21471296: the document's long form names the organization, not the lexicon's
    ("Trước tình trạng trên, Tổ chức Lương Nông Liên Hiệp Quốc (FAO) có kế hoạch họp khẩn tại thủ đô Harare - "
     "Zimbabwe từ ngày 14 đến 16-2 để đưa ra hành động đối phó mối đe dọa từ loại sâu bọ này.",
     {"Tổ chức Lương Nông Liên Hiệp Quốc"}),
    # baomoi-21473888: "BTC" is the festival's organizing board here, not the Ministry of Finance
    ("Trả lời HNMO chiều 6-2, ông Cao Xuân Hoạt, Trưởng ban Quản lý Di tích Đền Trần cho biết, Ban Tổ chức (BTC) "
     "sẽ phát ấn sớm hơn so với mọi năm và đã chuẩn bị đủ số lượng ấn cho mọi du khách đến lễ bái.",
     {"Ban Tổ chức"}),
    # baomoi-21476249: a defined short form of a common noun names no organization
    ("Ghi nhận tại nhiều DN cho thấy năm nay, tình hình lao động ít biến động sau Tết, trên 95% người lao động "
     "(NLĐ) đã trở lại làm việc sau kỳ nghỉ dài ngày.", set()),
])
def test_a_short_form_defined_in_the_document_takes_its_long_form(nlp, text, expected):
    found = {name for name, _ in names(nlp, text, "ORG")}
    assert expected <= found and not ({"Bộ Tài chính", "Báo Người Lao Động"} & found)
