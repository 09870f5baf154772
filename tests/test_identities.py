"""Cross-document identity (`person_identities`, pipeline/store/identities.py) on real corpus names.

The documents are sentences of Báo Mới articles (../shared/corpus/baomoi.jsonl.gz): two men named
Hà Văn Hùng (baomoi-21471731, baomoi-21473165: Trung tá, Phó Đội trưởng Đội CSGT Bàn Cờ,
TP.HCM; baomoi-22635305: Đại tá, Trưởng Công an quận Hoàn Kiếm, Hà Nội), VNPT's Phó Tổng Giám đốc
written "Tô Cường" (baomoi-21490431) and "Tô Mạnh Cường" (baomoi-21511073), and the chairman of xã
Vinh Hà written "La Đình Tân" and "La Tân" in one article (baomoi-22712529).
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from pipeline.store.identities import extends, same_rank_and_title, split_name
from pipeline.store.identity_evidence import is_public_figure, title_evidence
from pipeline.store.sightings import Sighting, one_post, rank_conflict
from tests.conftest import run_ok, write_jsonl

BAN_CO_1 = {"id": "ban-co-1", "published": "2017-02-06", "text": (
    "Xe cộ đông đúc sau Tết\nĐó là nhận định của Trung tá Hà Văn Hùng, Phó Đội trưởng Đội CSGT Bàn Cờ (thuộc "
    "Phòng CSGT đường bộ - đường sắt), trong ngày đầu tuần sau Tết Nguyên đán (ngày 6-2).")}
BAN_CO_2 = {"id": "ban-co-2", "published": "2017-02-07", "text": (
    "Điều tiết giao thông giờ cao điểm\nTrung tá Hà Văn Hùng, Phó Đội trưởng Đội Cảnh sát giao thông Bàn Cờ "
    "cho biết: “Những giờ cao điểm sáng, chiều đều có chiến sỹ điều tiết giao thông.”")}
HOAN_KIEM = {"id": "hoan-kiem", "published": "2017-06-29", "text": (
    "Triệu tập tài xế xe ôm chặt chém khách nước ngoài\nChiều 28/6, Đại tá Hà Văn Hùng, Trưởng Công an quận "
    "Hoàn Kiếm thông tin, Công an quận triệu tập đối tượng lái \"xe ôm\" là Nguyễn Văn Thanh (SN 1959, ở Bạch "
    "Đằng, Hoàn Kiếm, Hà Nội).")}
VNPT_SHORT = {"id": "vnpt-1", "published": "2017-02-10", "text": (
    "Các nhà mạng sẵn sàng đổi mã vùng\nTại buổi họp này, ông Tô Cường, Phó tổng giám đốc VNPT cho biết, VNPT "
    "cũng đã tiến hành nhắn tin cho các thuê bao di động.")}
VNPT_FULL = {"id": "vnpt-2", "published": "2017-02-11", "text": (
    "Đổi mã vùng điện thoại cố định\nÔng Tô Mạnh Cường, Phó Tổng Giám đốc VNPT cho biết, sau một tháng, nếu "
    "khách hàng vẫn gọi theo mã vùng cũ sẽ được thông báo về mã vùng mới.")}
VINH_HA = {"id": "vinh-ha", "text": (
    "Ngộ độc bạch tuộc\nSáng ngày 9/7, ông La Đình Tân – Chủ tịch xã Vinh Hà (huyện Phú Vang, Thừa Thiên Huế) "
    "cho biết, sau khi xảy ra sự việc cơ quan chức năng đã về địa phương làm việc. “Nguyện vọng của gia đình là "
    "không đưa con bạch tuộc đó đi kiểm nghiệm và chỉ xem là tai nạn” – ông La Tân thông tin.")}
# two men named Nguyễn Văn Tùng, born three years apart (baomoi-22412330, baomoi-22455770)
TUNG_1975 = {"id": "tung-1975", "text": (
    "Sự thật sau clip trộm cắp ô tô\nTheo đó, anh Nguyễn Văn Tùng (sinh năm 1975, trú tại Đội 11, xã Noong Hẹt) "
    "đỗ ô tô 4 chỗ, hiệu Hyundai Grand i10 biển kiểm soát 27A 1470 trên lề đường gần nhà.")}
TUNG_1972 = {"id": "tung-1972", "text": (
    "Đổ ra đồng làm đêm tránh nắng\nTranh thủ cày ruộng giữa đêm để kịp gieo lúa 22h đêm, tại cánh đồng xã Hương "
    "Vĩnh (Hương Khê), anh Nguyễn Văn Tùng (SN 1972) đang rọi pin sửa máy cày.")}
# two private men named Lê Văn Minh, each in his own story (baomoi-21486873, baomoi-21481092): a Hà Nội
# bus rider and a coach driver from Quảng Nam; only the places the articles name tell them apart
MINH_HA_NOI = {"id": "minh-ha-noi", "text": (
    "BRT đang phát huy hiệu quả\nTrên cung đường từ Bến xe Kim Mã vào Bến xe Yên Nghĩa sáng 7-2, ông Lê Văn Minh "
    "(phố Giang Văn Minh, quận Ba Đình) nhận xét: Dù mới hoạt động được hơn tháng và bắt đầu thu phí hai ngày nay "
    "nhưng việc phục vụ khá chuyên nghiệp. Liên quan đến công tác bảo đảm trật tự an toàn giao thông trên tuyến, "
    "sau khi UBND TP Hà Nội có chỉ đạo quyết liệt, tình trạng lấn làn đã giảm.")}
MINH_QUANG_NAM = {"id": "minh-quang-nam", "text": (
    "Xe khách đang chạy bỗng phát nổ, bốc cháy\nLúc 7 giờ 30 ngày 7-2, trên tuyến đường tránh thị trấn Đức Phổ "
    "(thuộc địa bàn xã Phổ Minh, huyện Đức Phổ, tỉnh Quảng Ngãi) xảy ra vụ cháy xe ô tô khách. Xe ô tô khách mang "
    "biển số 43B-01936 do tài xế Lê Văn Minh (tại phường An Sơn, TP Tam Kỳ, Quảng Nam) điều khiển chở 4 nhân viên "
    "nhà xe và 10 hành khách chạy từ TP Hồ Chí Minh đi Đà Nẵng.")}
DOCS = [BAN_CO_1, BAN_CO_2, HOAN_KIEM, VNPT_SHORT, VNPT_FULL, VINH_HA, TUNG_1975, TUNG_1972, MINH_HA_NOI,
        MINH_QUANG_NAM]


def identities(out) -> pd.DataFrame:
    return pd.read_parquet(out / "person_identities").set_index(["doc_id", "name"]).sort_index()


@pytest.fixture(scope="module")
def one_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("identities")
    run_ok(str(write_jsonl(tmp / "docs.jsonl", DOCS)), "--out", str(tmp / "out"), "--workers", "1")
    return identities(tmp / "out")


def test_two_men_of_one_name_are_split_by_rank(one_run):
    colonel = one_run.loc[("hoan-kiem", "Hà Văn Hùng")]
    lieutenant_colonel = one_run.loc[("ban-co-1", "Hà Văn Hùng")]
    assert lieutenant_colonel.identity_id == lieutenant_colonel.entity_id  # the earliest keeps the entity id
    assert colonel.identity_id.startswith(colonel.entity_id + "~")
    assert colonel.identity_evidence == "rank Đại tá 2017 conflicts with Trung tá 2017 (ban-co-1)"
    # the other Bàn Cờ article is the first man again
    assert one_run.loc[("ban-co-2", "Hà Văn Hùng")].identity_id == lieutenant_colonel.identity_id


def test_two_men_of_one_name_are_split_by_the_year_of_birth(one_run):
    first, second = one_run.loc[("tung-1972", "Nguyễn Văn Tùng")], one_run.loc[("tung-1975", "Nguyễn Văn Tùng")]
    assert first.identity_id != second.identity_id
    assert second.identity_evidence == "born 1975 conflicts with born 1972 (tung-1972)"


def test_two_private_men_of_one_name_are_split_by_the_provinces_of_their_stories(one_run):
    rider, driver = one_run.loc[("minh-ha-noi", "Lê Văn Minh")], one_run.loc[("minh-quang-nam", "Lê Văn Minh")]
    assert rider.identity_id != driver.identity_id
    assert driver.identity_evidence.startswith("story in ") and "Quảng Nam" in driver.identity_evidence
    assert "conflicts with story in Hà Nội" in driver.identity_evidence


def test_a_public_figure_or_a_short_name_is_not_placed_by_the_story():
    assert is_public_figure("khán giả sẽ nhớ ngay tới hình ảnh do nghệ sĩ ")  # "nghệ sĩ Chu Hùng thủ vai"
    assert is_public_figure("sáng nay, TS. ") and is_public_figure("Đêm Thủy có màn tái hợp của nhạc sỹ ")
    assert not is_public_figure("do tài xế ") and not is_public_figure("vợ chồng bà ")
    # the cue ends the text and starts a word; its words may be spaced any way, in any case
    assert is_public_figure("(TS. ") and is_public_figure("của NGHỆ  SĨ\n") and not is_public_figure("mã ATS. ")
    assert not is_public_figure("nghệ sĩ và ")

    def private(doc, places, name="Nguyễn Thanh Hoa", public=False):
        return Sighting(doc, "per-x", name, None, None, (), places=places, public=public)
    assert len(split_name([private("a", ("Hóc Môn", "TP.HCM")), private("b", ("Khánh Hòa",))])) == 2
    assert len(split_name([private("a", ("TP.HCM",), public=True), private("b", ("Khánh Hòa",))])) == 1
    assert len(split_name([private("a", ("TP.HCM",), "Công Phượng"), private("b", ("Nam Định",), "Công Phượng")])) == 1


def test_a_title_written_in_full_is_the_same_post():
    assert one_post("chủ tịch ủy ban nhân dân", "chủ tịch ủy ban nhân dân tỉnh bình dương")
    assert not one_post("giám đốc", "giám đốc sở y tế tỉnh long an")  # a bare post is in every title
    full = [Sighting(f"vtv-{i}", "per-f", "Trần Thị Tuyết Mai", None, None, ("Phóng viên Ban Thời sự",))
            for i in range(2)]
    (reporter,) = split_name(full)
    short = Sighting("vtv-s", "per-s", "Trần Tuyết Mai", None, None, ("Phóng viên Ban thời",))  # cut by a line end
    assert same_rank_and_title(short, reporter) == "Phóng viên Ban thời"


def test_ages_split_only_when_far_apart_at_the_same_time():
    def sighting(doc, age, year):
        return Sighting(doc, "per-x", "Nguyễn Văn Hoàn", date(year, 6, 1), None, (), age=age)
    assert len(split_name([sighting("a", 28, 2017), sighting("b", 43, 2017)])) == 2
    assert len(split_name([sighting("a", 28, 2017), sighting("b", 30, 2017)])) == 1
    # an estimated date years off gives no year of birth: ages years apart are not compared
    assert len(split_name([sighting("a", 30, 2011), sighting("b", 36, 2017)])) == 1


def test_a_short_name_merges_with_the_one_full_name_of_the_same_title(one_run):
    short, full = one_run.loc[("vnpt-1", "Tô Cường")], one_run.loc[("vnpt-2", "Tô Mạnh Cường")]
    assert short.entity_id != full.entity_id and short.identity_id == full.identity_id == full.entity_id
    assert short.identity_evidence == ('merged: same title "Phó Tổng giám đốc Tập đoàn Bưu chính Viễn thông Việt '
                                       'Nam" as Tô Mạnh Cường (vnpt-2)')


def test_a_short_name_merges_with_the_full_name_of_its_document(one_run):
    short, full = one_run.loc[("vinh-ha", "La Tân")], one_run.loc[("vinh-ha", "La Đình Tân")]
    assert short.identity_id == full.identity_id
    assert short.identity_evidence == "merged: La Đình Tân in the same document extends it"


def test_identities_do_not_depend_on_input_order_or_batches(one_run, tmp_path):
    reversed_input = write_jsonl(tmp_path / "reversed.jsonl", DOCS[::-1])
    run_ok(str(reversed_input), "--out", str(tmp_path / "reversed"), "--workers", "1", "--batch-size", "2")
    pd.testing.assert_frame_equal(identities(tmp_path / "reversed"), one_run)

    # incremental: the colonel's article first, the earlier ones in a second run
    run_ok(str(write_jsonl(tmp_path / "first.jsonl", [HOAN_KIEM])), "--out", str(tmp_path / "inc"), "--workers", "1")
    alone = identities(tmp_path / "inc").loc[("hoan-kiem", "Hà Văn Hùng")]
    assert alone.identity_id == alone.entity_id  # one man so far
    rest = write_jsonl(tmp_path / "rest.jsonl", [d for d in DOCS if d is not HOAN_KIEM])
    run_ok(str(rest), "--out", str(tmp_path / "inc"), "--workers", "1")
    # the earlier lieutenant colonel now holds the entity id: the colonel is split off, as in one run
    pd.testing.assert_frame_equal(identities(tmp_path / "inc"), one_run)


def sighting(doc_id, titles=(), rank=None, seen=None, name="Nguyễn Văn Hùng"):
    return Sighting(doc_id, "per-x", name, seen, rank, tuple(titles))


def test_provinces_and_sectors_of_titles():
    assert title_evidence("Viện trưởng Viện Kiểm sát nhân dân thị xã Thuận An") == (frozenset({"Bình Dương"}),
                                                                                     frozenset())
    assert title_evidence("Bí thư Tỉnh ủy Quảng Trị") == (frozenset({"Quảng Trị"}), frozenset({"party"}))
    # the Pacific is neither Thái Bình nor Bình Dương
    assert title_evidence("Chủ tịch SOM Diễn đàn Hợp tác Kinh tế châu Á - Thái Bình Dương 2017")[0] == frozenset()
    assert title_evidence("Tư lệnh Cảnh sát biển Việt Nam")[1] == frozenset({"military"})
    assert title_evidence("nguyên Giám đốc Sở Xây dựng tỉnh Long An") == (frozenset(), frozenset())


def test_rank_conflicts_follow_one_career():
    thuong_ta, dai_ta = (sighting("a", rank="Thượng tá", seen=date(2017, 5, 1)),
                         sighting("b", rank="Đại tá", seen=date(2017, 6, 1)))
    assert not rank_conflict(thuong_ta, dai_ta)  # a promotion, or a paper a step behind
    assert rank_conflict(sighting("c", rank="Trung tá", seen=date(2017, 2, 6)), dai_ta)
    assert rank_conflict(sighting("d", rank="Đại tá", seen=date(2012, 1, 1)),
                         sighting("e", rank="Trung tá", seen=date(2016, 1, 1)))  # a fall over years
    assert not rank_conflict(sighting("f", rank="Thiếu tá", seen=date(2009, 1, 1)), dai_ta)  # a rise over years


def test_the_provinces_of_nguyen_van_hung_make_three_men_and_the_unevidenced_join_the_largest():
    secretary = [sighting(f"qt-{i}", ["Bí thư Tỉnh ủy Quảng Trị"]) for i in range(2)]
    builder = sighting("la", ["Giám đốc Sở Xây dựng tỉnh Long An"])
    prosecutor = sighting("ta", ["Viện trưởng Viện Kiểm sát nhân dân thị xã Thuận An"])
    nobody = sighting("xx")
    groups = split_name([builder, nobody, prosecutor, *secretary])
    assert len(groups) == 3
    assert {m.doc_id for m in nobody.identity.members} == {"qt-0", "qt-1", "xx"}
    assert nobody.evidence == "no evidence: joined the largest"
    assert builder.identity is not prosecutor.identity
    assert "conflicts with" in prosecutor.evidence and "Bình Dương" in prosecutor.evidence


def test_a_full_name_extends_its_short_forms():
    assert extends(["nguyễn", "hùng"], ["nguyễn", "mạnh", "hùng"])
    assert extends(["trần", "thu", "hà"], ["trần", "thị", "thu", "hà"])
    assert not extends(["nguyễn", "hùng"], ["nguyễn", "mạnh", "hưng"])
    assert not extends(["nikki", "haley"], ["nikki", "haley", "haley"])  # a misread, not a full name
