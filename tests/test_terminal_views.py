"""The terminal views of `query`, `person`, `show`, `stats` and `schema --out` (issue 22, item 9): in a
narrow terminal an id or a date is shown whole or cut with "…", never split across lines; and
`schema --out DIR` lists the tables of that output with their row counts."""
from __future__ import annotations

import os

import pytest

from pipeline.store.tables import SCHEMAS

from .conftest import read, run_cli

NARROW = {**os.environ, "COLUMNS": "60"}
VERY_NARROW = {**os.environ, "COLUMNS": "30"}


def rich_tables(output: str) -> dict[str, dict[str, list[str]]]:
    """Each rich table in OUTPUT, by its first column's header: column header → the cell text on each
    body line (a value that wraps takes several lines: one fragment per line)."""
    tables, header_rows, body = {}, [], None
    for line in output.splitlines():
        line = line.rstrip()
        if line.startswith("┃"):
            header_rows.append([cell.strip() for cell in line.strip("┃").split("┃")])
        elif line.startswith("┡"):
            headers = [" ".join(part for part in parts if part) for parts in zip(*header_rows)]
            body, header_rows = {h: [] for h in headers}, []
            tables[headers[0]] = body
        elif line.startswith("│") and body is not None:
            for header, cell in zip(body, line.strip("│").split("│")):
                body[header].append(cell.strip())
        elif line.startswith("└"):
            body = None
    return tables


def assert_whole_or_cut(column: list[str], values: set[str], where: str) -> None:
    """Every line of COLUMN is blank, one of VALUES whole, or the start of one cut with "…"."""
    assert column, where
    for fragment in column:
        whole = fragment in values
        cut = fragment.endswith("…") and any(v.startswith(fragment[:-1]) for v in values)
        assert not fragment or whole or cut, f"{where}: {fragment!r} is a piece of a split value; {column}"


def first_lines(table: dict[str, list[str]]) -> dict[str, list[str]]:
    """TABLE with only the first line of each row (the lines where its first column is not blank)."""
    keep = [i for i, cell in enumerate(next(iter(table.values()))) if cell]
    return {header: [cells[i] for i in keep] for header, cells in table.items()}


def test_the_check_sees_a_split_value():
    split = "┏━━━━━━━━━━━┓\n┃ published ┃\n┡━━━━━━━━━━━┩\n│ 2022-12-2 │\n│ 7         │\n└───────────┘\n"
    column = rich_tables(split)["published"]["published"]
    with pytest.raises(AssertionError, match="'2022-12-2' is a piece of a split value"):
        assert_whole_or_cut(column, {"2022-12-27"}, "published")
    assert_whole_or_cut(["2022-12…", ""], {"2022-12-27"}, "published")


def test_query_keeps_ids_and_dates_whole_in_a_narrow_terminal(small_out):
    sql = ("SELECT d.doc_id, d.published, e.event_id, e.date_value, d.text FROM documents d "
           "JOIN events e USING (doc_id) ORDER BY d.doc_id")
    result = run_cli("query", sql, "--out", str(small_out), env=NARROW)
    assert result.returncode == 0, result.stderr
    [table] = rich_tables(result.stdout).values()
    assert set(table) == {"doc_id", "published", "event_id", "date_value", "text"}
    expected = {"doc_id": {"tin-2021", "tin-2022"}, "published": {"2021-05-05", "2022-12-27"},
                "event_id": {"tin-2021#e0", "tin-2022#e0"}, "date_value": {"XXXX-05-05", "2022-12-26"}}
    for column, values in expected.items():
        assert_whole_or_cut(table[column], values, column)
    assert max(len(line) for line in result.stdout.splitlines()) <= 60
    assert "Quảng" in table["text"]  # the free text wraps at spaces


def test_person_keeps_ids_and_dates_whole_in_a_narrow_terminal(small_out):
    result = run_cli("person", "nguyen manh hung", "--out", str(small_out), env=NARROW)
    assert result.returncode == 0, result.stderr
    timeline = rich_tables(result.stdout)["published"]
    assert_whole_or_cut(timeline["published"], {"2022-12-27", "2021-05-05"}, "published")
    assert_whole_or_cut(timeline["doc_id"], {"tin-2022", "tin-2021"}, "doc_id")
    events = " ".join(timeline["events (type · role)"]).split()
    assert "2022-12-26" in events or any(w.endswith("…") and "2022-12-26".startswith(w[:-1]) for w in events)


def test_show_and_stats_keep_values_whole_in_a_narrow_terminal(small_out):
    shown = run_cli("show", "tin-2022", "--out", str(small_out), env=VERY_NARROW)
    assert shown.returncode == 0, shown.stderr
    spans = rich_tables(shown.stdout)["label"]
    assert_whole_or_cut(spans["offsets"], {"0-121", "12-23", "24-40", "42-82", "51-82", "84-88", "99-110", "115-121"},
                        "offsets")
    assert_whole_or_cut(spans["label"], {"EVENT", "PERSON", "ORG", "ABBR", "DATE", "LOC", "RANK", "TITLE"}, "label")
    stats = run_cli("stats", "--out", str(small_out), env=VERY_NARROW)
    assert stats.returncode == 0, stats.stderr
    tables = rich_tables(stats.stdout)
    assert_whole_or_cut(tables["table"]["table"], set(SCHEMAS), "table")
    assert_whole_or_cut(tables["stage"]["error"], {"JSONDecodeError"}, "error")


def test_query_keeps_real_doc_ids_and_date_ranges_whole(default_run):
    dates = read(default_run, "dates")
    ranges = dates[dates["value"].str.contains("/", na=False)]
    assert not ranges.empty, "the default run has date ranges (2017-06-04/2017-06-08)"
    result = run_cli("query", "SELECT doc_id, value, text FROM dates WHERE value LIKE '%/%' ORDER BY doc_id, start",
                     "--out", str(default_run), "--max-rows", "1000", env=NARROW)
    assert result.returncode == 0, result.stderr
    [table] = rich_tables(result.stdout).values()
    assert_whole_or_cut(table["doc_id"], set(ranges["doc_id"]), "doc_id")
    assert_whole_or_cut(table["value"], set(ranges["value"]), "value")


# ---------------------------------------------------------------------------------------------
# schema --out


def test_schema_out_lists_the_tables_of_that_output_with_row_counts(small_out):
    result = run_cli("schema", "--out", str(small_out), env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    rows = first_lines(rich_tables(result.stdout)["table"])
    assert rows["table"] == list(SCHEMAS)
    counts = dict(zip(rows["table"], rows["rows"]))
    assert counts == {table: str(len(read(small_out, table))) if (small_out / table).is_dir() else "not written"
                      for table in SCHEMAS}
    assert counts["mentions"] == "5" and counts["tokens"] == "not written"
    assert dict(zip(rows["table"], rows["columns"])) == {t: str(len(s)) for t, s in SCHEMAS.items()}
    missing = [table for table in SCHEMAS if not (small_out / table).is_dir()]
    assert {"sentences", "tokens", "person_ranks"} <= set(missing)
    assert (f"{len(SCHEMAS) - len(missing)} of {len(SCHEMAS)} tables written; {', '.join(missing)} read as "
            "empty tables") in " ".join(result.stdout.split())


def test_schema_out_on_a_real_run_counts_every_row(default_run):
    result = run_cli("schema", "-o", str(default_run), env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    rows = first_lines(rich_tables(result.stdout)["table"])
    assert dict(zip(rows["table"], rows["rows"])) == {t: f"{len(read(default_run, t)):,}" for t in SCHEMAS}
