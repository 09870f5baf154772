"""Who holds which post in which unit, and when: `person_roles` (the words behind each rank and
title) and the corpus-wide `affiliations` table, on sentences from the Báo Mới corpus."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.extract.people.component import find_people

from .conftest import SEED, read, run_cli

SEED_ID = SEED.stem


def roles_of(text: str) -> list[tuple[str, str, str | None, str | None, str]]:
    """(kind, value, position, organization, words) of every rank and title found in TEXT."""
    _, _, roles = find_people(text)
    return [(r.kind, r.value, r.position, r.organization, text[r.start:r.end]) for r in roles]


def test_a_former_post_keeps_nguyen_and_its_words_span_the_organization():
    text = ("Trung tướng Nguyễn Quốc Thước, nguyên Tư lệnh Quân khu 4, có nhắc lại câu chuyện xử lý một cán bộ "
            "cấp cao trong nhiệm kỳ đầu tiên của công cuộc đổi mới.")
    assert roles_of(text) == [
        ("rank", "Trung tướng", None, None, "Trung tướng"),
        ("title", "nguyên Tư lệnh Quân khu 4", "nguyên Tư lệnh", "Quân khu 4", "nguyên Tư lệnh Quân khu 4")]


def test_a_title_in_apposition_spans_its_organization_up_to_the_abbreviation():
    text = ("Ngày 20-5, Đại tá Lê Tôi Sủng, Giám đốc Công an tỉnh Bà Rịa - Vũng Tàu (BR-VT) cho biết, Công an "
            "tỉnh BR-VT đã ra quyết định khởi tố vụ án vi phạm các quy định về hàng hải.")
    rank, title = roles_of(text)
    assert rank == ("rank", "Đại tá", None, None, "Đại tá")
    assert title[:4] == ("title", "Giám đốc Công an tỉnh Bà Rịa - Vũng Tàu", "Giám đốc", "Công an tỉnh Bà Rịa - Vũng Tàu")
    assert title[4] == "Giám đốc Công an tỉnh Bà Rịa - Vũng Tàu"


def test_a_position_that_borrows_the_next_ones_organization_is_evidence_for_that_title():
    """"Bí thư Đảng ủy, Chính ủy Tổng cục CNQP": both posts are in the Tổng cục; the first's words
    are its own ("Bí thư Đảng ủy"), the organization is the one written after the second."""
    text = ("Trung tướng Nguyễn Mạnh Hùng, Bí thư Đảng ủy, Chính ủy Tổng cục Công nghiệp quốc phòng (CNQP) "
            "chủ trì hội nghị.")
    titles = [r for r in roles_of(text) if r[0] == "title"]
    assert titles == [
        ("title", "Bí thư Đảng ủy Tổng cục Công nghiệp quốc phòng", "Bí thư Đảng ủy",
         "Tổng cục Công nghiệp quốc phòng", "Bí thư Đảng ủy"),
        ("title", "Chính ủy Tổng cục Công nghiệp quốc phòng", "Chính ủy", "Tổng cục Công nghiệp quốc phòng",
         "Chính ủy Tổng cục Công nghiệp quốc phòng")]


def test_a_ships_admiral_gives_no_rank_evidence():
    text = "Tàu sân bay Đô đốc Kuznetsov của Nga đã rời cảng Severomorsk."
    assert [r for r in roles_of(text) if r[0] == "rank"] == []


@pytest.fixture(scope="module")
def posts_run(tmp_path_factory):
    """Three dated reports: one police chief seen a year apart at two ranks, one retired general."""
    folder = tmp_path_factory.mktemp("posts") / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ngày 5/5/2021, dưới sự chỉ đạo của Đại tá Đỗ Đình Hào, Giám đốc Công an tỉnh Hưng Yên, bằng các biện "
        "pháp nghiệp vụ, lực lượng công an đã xác định nạn nhân.", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Ngày 20/5/2022, Thiếu tướng Đỗ Đình Hào, Giám đốc Công an tỉnh Hưng Yên cho biết Công an tỉnh đã ra "
        "quyết định khởi tố vụ án.", encoding="utf-8")
    (folder / "c.txt").write_text(
        "Ngày 13/5/2021, Trung tướng Nguyễn Quốc Thước, nguyên Tư lệnh Quân khu 4, có nhắc lại câu chuyện xử lý "
        "một cán bộ cấp cao.", encoding="utf-8")
    out = folder.parent / "out"
    result = run_cli("run", str(folder), "--out", str(out), "--workers", "1", "--quiet")
    assert result.returncode == 0, result.stderr
    return out


def test_affiliations_span_the_documents_that_report_the_post(posts_run):
    rows = read(posts_run, "affiliations").set_index(["person", "position"])
    chief = rows.loc[("Đỗ Đình Hào", "Giám đốc")]
    assert chief["organization"] == "Công an tỉnh Hưng Yên"
    assert (chief["first_seen"], chief["last_seen"]) == (pd.Timestamp("2021-05-05").date(),
                                                         pd.Timestamp("2022-05-20").date())
    assert (chief["rank_at_first"], chief["rank_at_last"], chief["n_docs"]) == ("Đại tá", "Thiếu tướng", 2)
    general = rows.loc[("Nguyễn Quốc Thước", "Tư lệnh")]
    assert general["organization"] == "Quân khu 4" and general["n_docs_former"] == 1


def test_every_affiliation_points_at_an_existing_organization(posts_run, default_run):
    for out in (posts_run, default_run):
        linked = read(out, "affiliations")["organization_id"].dropna()
        assert len(linked) > 0 and set(linked) <= set(read(out, "entities")["entity_id"])


def test_the_seed_links_its_general_to_the_tong_cuc(default_run):
    rows = read(default_run, "affiliations")
    hung = rows[(rows["person"] == "Nguyễn Mạnh Hùng") & (rows["organization"] == "Tổng cục Công nghiệp quốc phòng")]
    assert set(hung["position"]) == {"Bí thư Đảng ủy", "Chính ủy"}
    assert set(hung["rank_at_last"]) == {"Trung tướng"}
    assert all(SEED_ID in ids for ids in hung["doc_ids"])


def test_unit_lists_who_held_which_post_over_time(posts_run):
    result = run_cli("unit", "cong an tinh hung yen", "--out", str(posts_run))
    assert result.returncode == 0, result.stderr
    assert "Công an tỉnh Hưng Yên" in result.stdout and "Đỗ Đình Hào" in result.stdout
    assert "Đại tá →" in result.stdout and "Thiếu tướng" in result.stdout and "2021-05-05" in result.stdout and "2022-05-20" in result.stdout


def test_unit_with_no_match_is_a_clear_error(default_run):
    result = run_cli("unit", "khong co don vi nay", "--out", str(default_run))
    assert result.returncode == 1 and "no organization" in result.stderr and "Traceback" not in result.stderr


def test_person_shows_posts_as_a_timeline(posts_run):
    result = run_cli("person", "nguyen quoc thuoc", "--out", str(posts_run))
    assert result.returncode == 0, result.stderr
    assert "Posts, earliest first" in result.stdout and "(former)" in result.stdout


def test_a_bare_head_or_an_organ_of_any_body_is_linked_to_no_unit():
    """"Giám đốc Bệnh viện" of two hospitals, "Chủ tịch Hội đồng Quản trị" of two companies: not one unit."""
    from pipeline.store.affiliations import organization_keys
    from pipeline.store.tables import entity_id

    keys = organization_keys(["Bệnh viện", "Hội đồng Quản trị", "Hải quân", "Quân khu 7", None], entity_id)
    generic = dict(zip(keys["organization"].to_pylist(), keys["generic"].to_pylist()))
    assert generic == {"Bệnh viện": True, "Hội đồng Quản trị": True, "Hải quân": False, "Quân khu 7": False}
