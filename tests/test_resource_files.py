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


def test_a_users_resources_folder_replaces_packaged_lexicons_in_a_run(tmp_path):
    """`vnextract run --resources DIR`: a lexicon file there replaces the packaged one, the other
    files stay as shipped, and the changed lexicon reprocesses the document on the next run."""
    import pandas as pd

    from .conftest import REPO, run_cli

    text = "Sản phẩm của Zeta Robotics được bán tại Hà Nội từ tháng 5."
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tin.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", str(tmp_path / "in"), "--out", str(out), "-q").returncode == 0
    names = set(pd.read_parquet(out / "mentions")["name"])
    assert "Zeta Robotics" not in names and "Hà Nội" in names

    user = tmp_path / "lexicons"
    user.mkdir()
    packaged = (REPO / "pipeline" / "resources" / "organizations_known.tsv").read_text(encoding="utf-8")
    (user / "organizations_known.tsv").write_text(packaged + "Zeta Robotics\tcompany\t\n", encoding="utf-8")
    again = run_cli("run", str(tmp_path / "in"), "--out", str(out), "-q", "--resources", str(user))
    assert again.returncode == 0 and again.stdout.startswith("1 documents · 0 unchanged"), again.stdout
    mentions = pd.read_parquet(out / "mentions")
    assert sorted(zip(mentions["name"], mentions["label"])) == [("Hà Nội", "LOC"), ("Zeta Robotics", "ORG")]
    assert run_cli("run", str(tmp_path / "in"), "--out", str(out), "--resources", str(tmp_path / "none")).returncode == 2
