"""The who-appears-where notebook runs headless on an output folder and writes its figures."""
from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("matplotlib")
pytest.importorskip("networkx")

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "who_appears_where.ipynb"
FIGURES = ("people_events.png", "timeline.png", "coappearance.png", "person_ranks.png", "events_by_month.png",
           "unit_posts.png")


def _write(out: Path, name: str, rows: list[dict]) -> None:
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(rows).to_parquet(folder / "part-0.parquet", index=False)


@pytest.fixture
def fake_output(tmp_path: Path) -> Path:
    """A small output folder with the contract's columns (people and events of two real-looking articles)."""
    out = tmp_path / "out"
    _write(out, "documents", [
        {"doc_id": "d1", "source": "d1.txt", "title": "Tổng kết công tác Đảng năm 2022", "text": "…",
         "published": date(2022, 12, 27), "authors": ["Phương Anh"], "n_sentences": 10, "n_tokens": 200},
        {"doc_id": "d2", "source": "d2.txt", "title": "Hội nghị quân chính năm 2023", "text": "…",
         "published": date(2023, 6, 5), "authors": [], "n_sentences": 8, "n_tokens": 150},
        {"doc_id": "d3", "source": "d3.txt", "title": "Lễ trao tặng Huân chương", "text": "…",
         "published": date(2024, 1, 15), "authors": [], "n_sentences": 8, "n_tokens": 150},
    ])
    _write(out, "events", [
        {"doc_id": "d1", "event_id": "d1:0", "type": "hội nghị", "start": 10, "end": 60, "location": None,
         "text": "Hội nghị tổng kết công tác Đảng, công tác chính trị năm 2022", "date_value": "2022-12-26"},
        {"doc_id": "d2", "event_id": "d2:0", "type": "hội nghị", "start": 5, "end": 40, "location": "Hà Nội",
         "text": "Hội nghị quân chính 6 tháng đầu năm 2023", "date_value": "XXXX-06-04"},
        {"doc_id": "d3", "event_id": "d3:0", "type": "lễ trao", "start": 0, "end": 30, "location": None,
         "text": "Lễ trao tặng Huân chương Bảo vệ Tổ quốc", "date_value": "2024-01-14"},
    ])
    _write(out, "event_participants", [
        {"doc_id": "d1", "event_id": "d1:0", "entity_id": "p1", "name": "Nguyễn Mạnh Hùng", "role": "chủ trì, phát biểu"},
        {"doc_id": "d1", "event_id": "d1:0", "entity_id": "p2", "name": "Hồ Quang Tuấn", "role": "trao"},
        {"doc_id": "d2", "event_id": "d2:0", "entity_id": "p1", "name": "Nguyễn Mạnh Hùng", "role": "dự"},
        {"doc_id": "d2", "event_id": "d2:0", "entity_id": "p3", "name": "Đỗ Văn Thủy", "role": "chủ trì"},
        {"doc_id": "d3", "event_id": "d3:0", "entity_id": "p2", "name": "Hồ Quang Tuấn", "role": "nhận"},
        {"doc_id": "d3", "event_id": "d3:0", "entity_id": "p3", "name": "Đỗ Văn Thủy", "role": "trao"},
    ])
    _write(out, "appearances", [
        {"doc_id": "d1", "entity_id": "p1", "name": "Nguyễn Mạnh Hùng", "rank": "Thiếu tướng",
         "titles": ["Chính ủy Tổng cục Công nghiệp quốc phòng"], "n_mentions": 4},
        {"doc_id": "d2", "entity_id": "p1", "name": "Nguyễn Mạnh Hùng", "rank": "Trung tướng",
         "titles": ["Bí thư Đảng ủy Tổng cục Công nghiệp quốc phòng"], "n_mentions": 2},
        {"doc_id": "d3", "entity_id": "p1", "name": "Nguyễn Mạnh Hùng", "rank": "Trung tướng",
         "titles": ["Bí thư Đảng ủy Tổng cục Công nghiệp quốc phòng"], "n_mentions": 1},
        {"doc_id": "d1", "entity_id": "p2", "name": "Hồ Quang Tuấn", "rank": "Trung tướng",
         "titles": ["Chủ nhiệm Tổng cục Công nghiệp quốc phòng"], "n_mentions": 1},
        {"doc_id": "d2", "entity_id": "p3", "name": "Đỗ Văn Thủy", "rank": None, "titles": [], "n_mentions": 1},
    ])
    tong_cuc = "Tổng cục Công nghiệp quốc phòng"
    _write(out, "affiliations", [
        {"person_id": "p1", "person": "Nguyễn Mạnh Hùng", "position": "Chính ủy", "organization_id": "o1",
         "organization": tong_cuc, "doc_ids": ["d1"]},
        {"person_id": "p1", "person": "Nguyễn Mạnh Hùng", "position": "Bí thư Đảng ủy", "organization_id": "o1",
         "organization": tong_cuc, "doc_ids": ["d2", "d3"]},
        {"person_id": "p2", "person": "Hồ Quang Tuấn", "position": "Chủ nhiệm", "organization_id": "o1",
         "organization": tong_cuc, "doc_ids": ["d1"]},
    ])
    return out


# Inserted after the people × events chart: what it plotted, read back from the figure itself.
PLOTTED_POINTS = """import json
print(json.dumps({"points": [[round(x), round(y)] for c in ax.collections for x, y in c.get_offsets()],
                  "people": [t.get_text() for t in ax.get_yticklabels()]}, ensure_ascii=False))"""


def _run(out: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """Execute the notebook on OUT; the people × events chart's plotted points and people."""
    monkeypatch.setenv("VNEXTRACT_OUT", str(out))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    chart = next(i for i, cell in enumerate(nb.cells) if 'save(fig, "people_events.png")' in cell.source)
    nb.cells.insert(chart + 1, nbformat.v4.new_code_cell(PLOTTED_POINTS))
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute(env=dict(os.environ))
    return json.loads(next(o["text"] for o in nb.cells[chart + 1].outputs if o.get("name") == "stdout"))


def _assert_figures(out: Path, min_bytes: int) -> None:
    from matplotlib import image

    for name in FIGURES:
        path = out / "figures" / name
        assert path.is_file(), name
        assert path.stat().st_size > min_bytes, name
        height, width = image.imread(path).shape[:2]
        assert width > 300 and height > 200, name


def test_notebook_draws_every_chart(fake_output: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plotted = _run(fake_output, monkeypatch)
    _assert_figures(fake_output, min_bytes=15_000)
    people = Counter(plotted["people"][y] for _, y in plotted["points"])
    assert people == {"Nguyễn Mạnh Hùng": 2, "Hồ Quang Tuấn": 2, "Đỗ Văn Thủy": 2}  # one point per event taken part in


CAREER_POINTS = """import json
print(json.dumps({"when": sorted({str(pd.Timestamp(matplotlib.dates.num2date(x)).date()) for a in (ax_rank, ax)
                                  for c in a.collections for x, _ in c.get_offsets()}),
                  "posts": [t.get_text() for t in ax.get_yticklabels()],
                  "ranks": [t.get_text() for t in ax_rank.get_yticklabels()]}, ensure_ascii=False))"""


def test_career_chart_puts_each_rank_and_post_at_its_documents_date(fake_output, monkeypatch):
    """Chart 4: one point per document, at the document's date (2022-12-27, 2023-06-05, 2024-01-15),
    never a date between them; posts come from `affiliations`, the person picked for having two posts."""
    monkeypatch.setenv("VNEXTRACT_OUT", str(fake_output))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    chart = next(i for i, cell in enumerate(nb.cells) if 'save(fig, "person_ranks.png")' in cell.source)
    nb.cells.insert(chart + 1, nbformat.v4.new_code_cell(CAREER_POINTS))
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute(env=dict(os.environ))
    plotted = json.loads(next(o["text"] for o in nb.cells[chart + 1].outputs if o.get("name") == "stdout"))
    assert plotted["when"] == ["2022-12-27", "2023-06-05", "2024-01-15"]
    assert plotted["posts"] == ["Chính ủy · Tổng cục Công nghiệp quốc phòng",
                                "Bí thư Đảng ủy · Tổng cục Công nghiệp quốc phòng"]
    assert plotted["ranks"] == ["Thiếu tướng", "Trung tướng"]


def test_notebook_charts_the_default_run(default_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a real pipeline output: one point per person and event of `event_participants`."""
    out = shutil.copytree(default_run, tmp_path / "out", ignore=shutil.ignore_patterns("figures"))
    plotted = _run(out, monkeypatch)
    _assert_figures(out, min_bytes=15_000)
    participants = pd.read_parquet(out / "event_participants").merge(
        pd.read_parquet(out / "event_cluster_members"), on=["doc_id", "event_id"])
    assert len(participants) >= 10  # the default input has people at events
    expected = Counter(participants.drop_duplicates(["cluster_id", "name"])["name"])  # one point per real event
    assert Counter(plotted["people"][y] for _, y in plotted["points"]) == expected
    assert sorted(plotted["people"]) == sorted(expected)


# Inserted after the co-appearance chart: its graph's edges and node event counts.
GRAPH = """import json
print(json.dumps({"edges": sorted([a, b, d["weight"]] for a, b, d in graph.edges(data=True)),
                  "events": {n: graph.nodes[n].get("events") for n in graph.nodes()}}, ensure_ascii=False))"""


def test_co_appearance_counts_real_events_not_reports(fake_output: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a fourth paper reports d1's conference: same two people, same cluster
    _write(fake_output, "documents", pd.read_parquet(fake_output / "documents").to_dict("records") + [
        {"doc_id": "d4", "source": "d4.txt", "title": "Tổng kết công tác Đảng", "text": "…",
         "published": date(2022, 12, 27), "authors": [], "n_sentences": 3, "n_tokens": 60}])
    _write(fake_output, "events", pd.read_parquet(fake_output / "events").to_dict("records") + [
        {"doc_id": "d4", "event_id": "d4:0", "type": "hội nghị", "start": 0, "end": 8, "location": None,
         "text": "Hội nghị tổng kết công tác Đảng", "date_value": "2022-12-26"}])
    _write(fake_output, "event_participants", pd.read_parquet(fake_output / "event_participants").to_dict("records") + [
        {"doc_id": "d4", "event_id": "d4:0", "entity_id": "p1", "name": "Nguyễn Mạnh Hùng", "role": "chủ trì"},
        {"doc_id": "d4", "event_id": "d4:0", "entity_id": "p2", "name": "Hồ Quang Tuấn", "role": "dự"}])
    _write(fake_output, "event_cluster_members", [
        {"doc_id": "d1", "event_id": "d1:0", "cluster_id": "evc-1"}, {"doc_id": "d4", "event_id": "d4:0", "cluster_id": "evc-1"},
        {"doc_id": "d2", "event_id": "d2:0", "cluster_id": "evc-2"}, {"doc_id": "d3", "event_id": "d3:0", "cluster_id": "evc-3"}])
    monkeypatch.setenv("VNEXTRACT_OUT", str(fake_output))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    chart = next(i for i, cell in enumerate(nb.cells) if 'save(fig, "coappearance.png")' in cell.source)
    nb.cells.insert(chart + 1, nbformat.v4.new_code_cell(GRAPH))
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute(env=dict(os.environ))
    graph = json.loads(next(o["text"] for o in nb.cells[chart + 1].outputs if o.get("name") == "stdout"))
    assert ["Hồ Quang Tuấn", "Nguyễn Mạnh Hùng", 1] in graph["edges"]  # one conference, not two
    assert graph["events"]["Nguyễn Mạnh Hùng"] == 2 and graph["events"]["Hồ Quang Tuấn"] == 2


def test_notebook_survives_missing_and_undated_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "empty-out"
    out.mkdir()
    # Only undated appearances and ranks (documents without a publication date, as in a gold run).
    _write(out, "appearances", [{"doc_id": "d1", "entity_id": "p1", "name": "Nguyễn Mạnh Hùng",
                                 "rank": "Trung tướng", "titles": ["Chính ủy"], "n_mentions": 1}])
    _write(out, "person_ranks", [{"entity_id": "p1", "name": "Nguyễn Mạnh Hùng", "rank": "Trung tướng",
                                  "first_seen": None, "last_seen": None}])
    _run(out, monkeypatch)
    _assert_figures(out, min_bytes=3_000)
