"""docs/schema.md is generated from the Arrow schemas and must not fall behind them."""
import pyarrow as pa
import pytest

from pipeline.query.schema_doc import (SCHEMA_DOC, TABLE_ROW, check_meanings, duckdb_type_name, load_meanings,
                                 render_schema_markdown, type_name)
from pipeline.store.tables import SCHEMAS

from .conftest import CONTRACT, run_cli


def test_schema_doc_is_up_to_date():
    assert SCHEMA_DOC.read_text(encoding="utf-8") == render_schema_markdown(), (
        "docs/schema.md is out of date: run `python -m pipeline.query.schema_doc --write` and commit it")


def test_every_column_has_a_meaning_and_no_meaning_is_stale():
    assert check_meanings() == []


def test_a_new_column_without_meaning_is_reported():
    schemas = {**SCHEMAS, "documents": SCHEMAS["documents"].append(pa.field("language", pa.string()))}
    assert check_meanings(schemas) == ["no meaning for documents.language in schema_columns.tsv"]
    with pytest.raises(ValueError, match="documents.language"):
        render_schema_markdown(schemas)


def test_contract_marks_match_the_output_contract():
    marked = {}
    for (table, column), meaning in load_meanings().items():
        if meaning.in_contract and column != TABLE_ROW:
            marked.setdefault(table, set()).add(column)
    assert marked == {table: set(columns) for table, columns in CONTRACT.items()}


def test_every_table_and_column_is_documented_with_its_type():
    text = render_schema_markdown()
    for table, schema in SCHEMAS.items():
        section = text.split(f"\n## {table}\n", 1)[1].split("\n## ", 1)[0]
        for field in schema:
            assert f"| `{field.name}` | `{type_name(field.type)}` | `{duckdb_type_name(field.type)}` |" in section


@pytest.mark.parametrize("arrow_type, shown, sql", [
    (pa.string(), "string", "VARCHAR"), (pa.int32(), "int32", "INTEGER"), (pa.bool_(), "bool", "BOOLEAN"),
    (pa.date32(), "date", "DATE"), (pa.list_(pa.string()), "list<string>", "VARCHAR[]"),
])
def test_type_names(arrow_type, shown, sql):
    assert (type_name(arrow_type), duckdb_type_name(arrow_type)) == (shown, sql)


def test_schema_command_prints_the_document():
    result = run_cli("schema")
    assert result.returncode == 0, result.stderr
    assert result.stdout == render_schema_markdown()
