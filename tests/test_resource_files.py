"""The one reader of the lexicon files: comments, headers, empty trailing cells, normalization."""
import pytest

from pipeline.core import resource_files
from pipeline.core.resource_files import read_list, read_table


@pytest.fixture
def resources(tmp_path, monkeypatch):
    monkeypatch.setattr(resource_files, "RESOURCES", tmp_path)
    return tmp_path


def test_a_table_drops_comments_blank_lines_and_its_header(resources):
    (resources / "t.tsv").write_text("# about the file\nname\tkind\taliases\n\nThiếu uý\trank\t\n"
                                     "Bộ Quốc phòng\tstate\tBQP|Bộ QP\n", encoding="utf-8")
    assert read_table("t.tsv", header=True) == [["Thiếu úy", "rank", ""], ["Bộ Quốc phòng", "state", "BQP|Bộ QP"]]
    assert read_table("t.tsv")[0] == ["name", "kind", "aliases"]
    assert read_table("t.tsv", header=True, width=2)[1] == ["Bộ Quốc phòng", "state"]


def test_a_list_is_normalized_like_document_text(resources):
    (resources / "l.txt").write_text("# surnames\n  Nguyễn \nHoà\n", encoding="utf-8")
    assert read_list("l.txt") == ["Nguyễn", "Hòa"]


def test_every_shipped_table_with_a_header_loads():
    for name in ("org_heads.tsv", "organizations_known.tsv", "places_vn.tsv", "countries_vi.tsv",
                 "event_types.tsv", "participant_roles.tsv", "abbreviations.tsv", "commemorations.tsv"):
        rows = read_table(name, header=True)
        assert rows and all(row[0] for row in rows), name
