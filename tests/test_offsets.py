"""Every offset is exact, in every table that has one: `documents.text[start:end]` is the row's text."""
from __future__ import annotations

import pytest

from .conftest import read

pytestmark = pytest.mark.slow  # reads the end-to-end runs

SPAN_TEXT = {"tokens": "text", "mentions": "text", "dates": "text", "legal_refs": "text",
             "abbreviations": "short", "events": "text"}


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
