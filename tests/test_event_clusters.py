"""One real event, many reports: `event_clusters` and `event_cluster_members` (issue 22, item 6).

pipeline/store/event_clusters.py; the end-to-end test runs the pipeline on the openings of four corpus
articles and computes the corpus tables the way a run does.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.store.event_clusters import (EventReport, cluster_events, cluster_id, family_of,
                                           places_compatible)
from pipeline.query.explore import find_person, open_output
from pipeline.query.terminal import person_renderables
from pipeline.store.corpus import corpus_tables
from pipeline.store.tables import document_rows, to_arrow, write_part
from pipeline.core.records import RawDocument
from pipeline.run.batch import process_document

# Four whole corpus articles: baomoi-22589037 and baomoi-22591883 report the launch of one press contest
# (22/6/2017); in baomoi-22655393 and baomoi-22656733 the same Phó Thủ tướng chairs two different meetings
# on 1/7/2017.
ARTICLES = Path(__file__).parent / "data" / "event_cluster_articles.jsonl"


@pytest.fixture(scope="module")
def clustered_out(nlp, tmp_path_factory) -> Path:
    """An output of the four articles with its corpus tables, as a run writes it."""
    out: Path = tmp_path_factory.mktemp("clusters")
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        record = process_document(RawDocument(article["id"], "baomoi.jsonl.gz", article["text"]), nlp=nlp)
        for table, data in to_arrow(document_rows(record)).items():
            write_part(out, table, article["id"], data)
    for table, data in corpus_tables(out).items():
        write_part(out, table, "corpus", data)
    return out


@pytest.fixture(scope="module")
def clustered(clustered_out) -> dict[str, pa.Table]:
    return {table: pq.read_table(clustered_out / table) for table in ("event_clusters", "event_cluster_members")}


def test_two_reports_of_one_launch_are_one_cluster(clustered):
    members = {r["event_id"]: r["cluster_id"] for r in clustered["event_cluster_members"].to_pylist()}
    launch = [c for c in clustered["event_clusters"].to_pylist() if c["n_docs"] == 2]
    assert len(launch) == 1, clustered["event_clusters"].to_pylist()
    cluster = launch[0]
    assert cluster["doc_ids"] == ["baomoi-22589037", "baomoi-22591883"]
    assert cluster["date_value"] == "2017-06-22" and "Vương Đình Huệ" in cluster["names"]
    assert [members[e] for e in cluster["event_ids"]] == [cluster["cluster_id"]] * 2
    assert cluster["cluster_id"] == cluster_id_of_smallest(cluster["event_ids"])


def cluster_id_of_smallest(event_ids: list[str]) -> str:
    return cluster_id([EventReport("", min(event_ids), "", None, None, False, frozenset())])


def test_two_meetings_chaired_the_same_day_stay_apart(clustered):
    members = clustered["event_cluster_members"].to_pylist()
    meetings = {r["doc_id"]: r["cluster_id"] for r in members if r["doc_id"] in ("baomoi-22655393", "baomoi-22656733")}
    assert len(meetings) == 2 and len(set(meetings.values())) == 2


def test_every_event_has_exactly_one_cluster(clustered):
    members = clustered["event_cluster_members"].to_pylist()
    assert len({(r["doc_id"], r["event_id"]) for r in members}) == len(members)
    assert sum(c["n_events"] for c in clustered["event_clusters"].to_pylist()) == len(members)
    assert {r["cluster_id"] for r in members} == {c["cluster_id"] for c in clustered["event_clusters"].to_pylist()}


def test_person_counts_events_as_clusters(clustered_out):
    report = find_person(open_output(clustered_out), "Vương Đình Huệ")
    events = pq.read_table(clustered_out / "event_participants").to_pylist()
    members = {r["event_id"]: r["cluster_id"] for r in pq.read_table(clustered_out / "event_cluster_members").to_pylist()}
    his = {r["event_id"] for r in events if r["name"] == "Vương Đình Huệ"}
    assert report.n_reports == len(his)
    assert report.n_events == len({members[e] for e in his}) < report.n_reports  # the launch, twice reported
    header = person_renderables(report)[0]
    assert f"{report.n_events} event(s) ({report.n_reports} report(s))" in header


# ---------------------------------------------------------------- the rules, on small inputs

def _report(doc, typ, day, people, location=None, historical=False, n=0):
    return EventReport(doc, f"{doc}#e{n}", typ, day, location, historical, frozenset(people))


def _groups(reports):
    return sorted(sorted(m.event_id for m in c.members) for c in cluster_events(reports) if len(c.members) > 1)


def test_families_come_from_the_data_file():
    assert family_of("hội đàm") == family_of("chuyến thăm") == "gặp gỡ"
    assert family_of("cuộc họp") == family_of("hội nghị")
    assert family_of("bắt giữ") != family_of("khởi tố")  # separate steps of a case
    assert family_of("a type nobody listed") == "a type nobody listed"


def test_places_are_compatible_when_equal_unknown_or_inside():
    assert places_compatible("Hà Nội", None)
    assert places_compatible("Nhà Quốc hội, Hà Nội", "Hà Nội")
    assert places_compatible("Hà Nội", "Việt Nam")
    assert not places_compatible("Hà Nội", "Đà Nẵng")


def test_reports_group_by_family_day_participants_and_place():
    reports = [
        _report("a", "hội đàm", "2017-05-11", {"p1", "p2"}),
        _report("b", "chuyến thăm", "2017-05-12", {"p1", "p2", "p3"}),  # one day later, two shared
        _report("c", "hội đàm", "2017-05-11", {"p1", "p4"}, n=1),  # shares only p1: another talk
        _report("d", "hội đàm", "2017-05-11", {"p1", "p2"}, location="Đà Nẵng"),
        _report("e", "hội đàm", "2017-05-11", {"p1", "p2"}, location="Hà Nội"),
        _report("f", "hội đàm", "XXXX-05-11", {"p1", "p2"}),  # no year: never grouped
        _report("g", "hội đàm", "2017-05-11", {"p1", "p2"}, historical=True),
        _report("h", "lễ trao", "2017-05-11", {"p1", "p2"}),  # another family
    ]
    groups = _groups(reports)
    assert ["a#e0", "b#e0"] in [g[:2] for g in groups]
    grouped = {e for g in groups for e in g}
    assert not grouped & {"c#e1", "f#e0", "g#e0", "h#e0"}
    assert not any({"d#e0", "e#e0"} <= set(g) for g in groups)  # Đà Nẵng and Hà Nội


def test_one_shared_person_needs_the_same_type():
    reports = [_report("a", "cuộc họp", "2017-07-01", {"hue"}), _report("b", "phiên họp", "2017-07-01", {"hue"}),
               _report("c", "cuộc họp", "2017-07-02", {"hue"})]
    assert _groups(reports) == [["a#e0", "c#e0"]]


def test_a_cluster_never_spans_more_than_a_day_or_holds_two_events_of_one_document():
    chain = [_report(doc, "cuộc họp", day, {"p"}) for doc, day in
             (("a", "2017-07-01"), ("b", "2017-07-02"), ("c", "2017-07-03"))]
    assert all(len(g) == 2 for g in _groups(chain))
    same_doc = [_report("a", "cuộc họp", "2017-07-01", {"p"}), _report("a", "cuộc họp", "2017-07-01", {"p"}, n=1)]
    assert _groups(same_doc) == []


def test_cluster_ids_are_deterministic_and_cover_every_event():
    reports = [_report("b", "cuộc họp", "2017-07-01", {"p"}), _report("a", "cuộc họp", "2017-07-01", {"p"}),
               _report("z", "tai nạn", None, set())]
    first, second = cluster_events(reports), cluster_events(list(reversed(reports)))
    assert [(c.cluster_id, [m.event_id for m in c.members]) for c in first] == \
           [(c.cluster_id, [m.event_id for m in c.members]) for c in second]
    assert sum(len(c.members) for c in first) == 3
    pair = next(c for c in first if len(c.members) == 2)
    assert pair.cluster_id == cluster_id([reports[1]])  # the hash of the smallest event_id, "a#e0"
