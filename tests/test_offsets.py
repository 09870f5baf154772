"""Every offset is exact, in every table that has one: `documents.text[start:end]` is the row's text."""
from __future__ import annotations

import pytest

from .conftest import read

pytestmark = pytest.mark.slow  # reads the end-to-end runs

SPAN_TEXT = {"tokens": "text", "mentions": "text", "dates": "text", "legal_refs": "text",
             "abbreviations": "short", "events": "text", "person_roles": "text"}


@pytest.mark.parametrize("run", ["default_run", "gold_run"])
@pytest.mark.parametrize("table", SPAN_TEXT)
def test_offsets_are_exact(request, run, table):
    out = request.getfixturevalue(run)
    docs = read(out, "documents")
    texts = dict(zip(docs["doc_id"], docs["text"]))
    rows = read(out, table)
    if run == "default_run":
        assert len(rows) > 0, table  # the default input has every kind of span
    wrong = [(r.doc_id, r.start, r.end, getattr(r, SPAN_TEXT[table])) for r in rows.itertuples()
             if texts[r.doc_id][r.start:r.end] != getattr(r, SPAN_TEXT[table])]
    assert wrong == []


@pytest.mark.parametrize("run", ["default_run", "gold_run"])
def test_appearances_point_at_the_persons_mentions(request, run):
    """The evidence of an appearance: each (start, end) is a PERSON mention of that entity."""
    out = request.getfixturevalue(run)
    mentions = read(out, "mentions")
    person_spans = {(r.doc_id, r.entity_id, r.start, r.end) for r in mentions.itertuples() if r.label == "PERSON"}
    appearances = read(out, "appearances")
    assert len(appearances) > 0
    pointed = [(a.doc_id, a.entity_id, s, e) for a in appearances.itertuples() for s, e in zip(a.starts, a.ends)]
    assert len(pointed) == appearances["n_mentions"].sum()
    assert set(pointed) <= person_spans and len(set(pointed)) == len(pointed)


def test_person_ranks_name_the_documents_that_give_the_rank(default_run):
    appearances = read(default_run, "appearances")
    ranked = appearances[appearances["rank"].notna()]
    ranks = read(default_run, "person_ranks")
    assert len(ranks) > 0
    for r in ranks.itertuples():
        expected = sorted(ranked.loc[(ranked.entity_id == r.entity_id) & (ranked["rank"] == r.rank), "doc_id"].unique())
        assert list(r.doc_ids) == expected


@pytest.mark.parametrize("run", ["default_run", "gold_run"])
def test_every_rank_and_title_has_the_words_it_came_from(request, run):
    """Evidence: each appearance's rank and each of its titles is a `person_roles` row of the same
    person in the same document, whose offsets hold the words ("Trung tướng", "Chính ủy Tổng cục CNQP")."""
    out = request.getfixturevalue(run)
    roles = read(out, "person_roles")
    given = {(r.doc_id, r.entity_id, r.kind, r.value) for r in roles.itertuples()}
    claimed = [(a.doc_id, a.entity_id, "rank", a.rank) for a in read(out, "appearances").itertuples() if a.rank]
    claimed += [(a.doc_id, a.entity_id, "title", t) for a in read(out, "appearances").itertuples() for t in a.titles]
    assert claimed and [c for c in claimed if c not in given] == []
