"""Pinned values: entity ids and the seed document's whole output.

A change of the id hash scheme, or any change of what the pipeline extracts from the seed, fails
here, so that it is made on purpose. After an intended change, rewrite the pinned output with
`VNEXTRACT_UPDATE_PINNED=1 python -m pytest tests/test_pinned.py` and review its diff.
"""
from __future__ import annotations

import json
import os
from datetime import date

import pytest

from pipeline.inputs.ingest import read_inputs
from pipeline.run.batch import process_document
from pipeline.store.tables import document_rows, entity_id, to_arrow

from .conftest import REPO, SEED

PINNED_SEED_OUTPUT = REPO / "tests" / "data" / "seed_output.json"


@pytest.mark.parametrize("label, name, expected", [
    ("PERSON", "Nguyễn Mạnh Hùng", "per-fa2a6abb4119"),
    ("PERSON", "nguyễn mạnh hùng", "per-fa2a6abb4119"),  # case-folded
    ("ORG", "Bộ Quốc phòng", "org-ff42c365e4b7"),
    ("ORG", "Tổng cục Công nghiệp quốc phòng", "org-58c65132c131"),
    ("LOC", "Hà Nội", "loc-3d2e06f6d90b"),
])
def test_entity_ids_are_pinned(label, name, expected):
    assert entity_id(label, name) == expected


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def test_the_seed_output_is_pinned(nlp):
    [raw] = [item for item in read_inputs([SEED])]
    tables = to_arrow(document_rows(process_document(raw, nlp=nlp)))  # as the run writes them
    output = {table: [{k: _plain(v) for k, v in row.items()} for row in data.to_pylist()]
              for table, data in tables.items()}
    if os.environ.get("VNEXTRACT_UPDATE_PINNED"):
        PINNED_SEED_OUTPUT.write_text(json.dumps(output, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    pinned = json.loads(PINNED_SEED_OUTPUT.read_text(encoding="utf-8"))
    for table in sorted(set(pinned) | set(output)):
        assert output.get(table) == pinned.get(table), table
