"""Terminal views (rich) of query results, a person's timeline, corpus statistics and an output's tables.

No value is ever split across lines, however narrow the terminal: a column of ids, dates or
numbers does not wrap (its values stay whole, or are cut with "…" when even they cannot fit),
and free text wraps at spaces, a word too long for its column being cut with "…" rather than
folded, so a date inside a sentence ("hội nghị · chủ trì · 2022-12-26") stays whole too.
"""
from __future__ import annotations

import pyarrow as pa
from rich.table import Table

from pipeline.query.explore import PersonReport, Stats
from pipeline.query.posts import UnitReport
from pipeline.query.schema_doc import OutputTable

CELL_CHARS = 160  # long cells (documents.text) are cut in the terminal; csv/json keep them whole


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        text = "; ".join(cell_text(v) for v in value)
    elif hasattr(value, "isoformat"):
        text = value.isoformat()
    else:
        text = str(value)
    return text if len(text) <= CELL_CHARS else text[:CELL_CHARS - 1] + "…"


def add_value_column(table: Table, header: str, **options) -> None:
    """A column of ids, dates, numbers or codes: one line per value, cut with "…" rather than wrapped."""
    table.add_column(header, no_wrap=True, overflow="ellipsis", **options)


def add_text_column(table: Table, header: str, **options) -> None:
    """A column of free text: wraps at spaces; a word wider than the column is cut with "…"."""
    table.add_column(header, overflow="ellipsis", **options)


def holds_values(arrow_type: pa.DataType, cells: list[str]) -> bool:
    """Whether a result column holds single values (ids, dates, numbers) rather than free text:
    by its type, or, for strings, by every cell being one word (an id, an ISO date, a code)."""
    if pa.types.is_temporal(arrow_type) or pa.types.is_integer(arrow_type) or pa.types.is_floating(arrow_type) \
            or pa.types.is_boolean(arrow_type) or pa.types.is_decimal(arrow_type):
        return True
    return not pa.types.is_nested(arrow_type) and all(len(cell.split()) <= 1 for cell in cells)


def result_table(table: pa.Table, max_rows: int = 100) -> list:
    """A rich Table of the first MAX_ROWS rows, plus a line saying how many there are."""
    shown = table.slice(0, max_rows)
    rows = [[cell_text(v) for v in row.values()] for row in shown.to_pylist()]
    view = Table(show_lines=False, header_style="bold")
    for i, field in enumerate(shown.schema):
        if holds_values(field.type, [row[i] for row in rows]):
            add_value_column(view, field.name)
        else:
            add_text_column(view, field.name)
    for row in rows:
        view.add_row(*row)
    footer = f"{table.num_rows:,} row(s)" + (
        f", first {shown.num_rows:,} shown (use --max-rows or --format csv)" if shown.num_rows < table.num_rows
        else "")
    return [view, footer]


def posts_table(posts: list[dict], title: str, who: bool) -> Table:
    """One line per post, earliest first: when, the post (and who held it, for a unit), the ranks."""
    table = Table(title=title, title_justify="left", header_style="bold")
    add_value_column(table, "first seen")
    add_value_column(table, "last seen")
    for column in (("person",) if who else ()) + ("post", "rank (first → last)"):
        add_text_column(table, column)
    add_value_column(table, "documents", justify="right")
    for p in posts:
        post = p["position"] if who or not p["organization"] else f"{p['position']} · {p['organization']}"
        if p["n_docs_former"] and p["n_docs_former"] == p["n_docs"]:
            post += " (former)"
        ranks = [r for r in (p["rank_at_first"], p["rank_at_last"]) if r]
        rank = ranks[0] if len(set(ranks)) == 1 else " → ".join(ranks)
        table.add_row(cell_text(p["first_seen"]) or "?", cell_text(p["last_seen"]) or "?",
                      *((p["person"],) if who else ()), post, rank, str(p["n_docs"]))
    return table


def unit_renderables(report: UnitReport) -> list:
    header = f"[bold]{report.name}[/bold]  ({report.organization_id or 'no ORG entity'}) · " \
             f"{len({p['person_id'] for p in report.posts})} person(s), {len(report.posts)} post(s)"
    parts: list = [header, posts_table(report.posts, "Posts, earliest first", who=True)]
    if report.other_candidates:
        parts.append("other matches: " + "; ".join(f"{c.name} ({c.n_people} people)"
                                                   for c in report.other_candidates))
    return parts


def person_renderables(report: PersonReport, posts: list[dict] = ()) -> list:
    header = (f"[bold]{report.name}[/bold]  ({', '.join(report.entity_ids)}) · {len(report.appearances)} document(s)"
              f" · {report.n_events} event(s) ({report.n_reports} report(s))")
    parts: list = [header]
    if report.aliases:
        parts.append("also written: " + ", ".join(report.aliases))
    if report.ranks:
        ranks = Table(title="Ranks", title_justify="left", header_style="bold")
        add_text_column(ranks, "rank")
        add_value_column(ranks, "documents", justify="right")
        add_value_column(ranks, "first seen")
        add_value_column(ranks, "last seen")
        for r in report.ranks:
            ranks.add_row(r["rank"], str(r["n_docs"]), cell_text(r["first_seen"]), cell_text(r["last_seen"]))
        parts.append(ranks)
        for before, after in report.promotions:
            parts.append(f"promoted: {before['rank']} → {after['rank']} (first seen {cell_text(after['first_seen'])})")
    if posts:
        parts.append(posts_table(list(posts), "Posts, earliest first", who=False))
    timeline = Table(title="Appearances, newest first", title_justify="left", header_style="bold")
    add_value_column(timeline, "published")
    add_value_column(timeline, "doc_id")
    for column in ("title", "rank", "titles", "events (type · role)"):
        add_text_column(timeline, column)
    for a in report.appearances:
        timeline.add_row(cell_text(a["published"]) or "?", a["doc_id"], cell_text(a["title"]) or "(untitled)",
                         cell_text(a["rank"]), "\n".join(a["titles"] or []), "\n".join(a["events"] or []))
    parts.append(timeline)
    if report.other_candidates:
        parts.append("other matches: " + "; ".join(f"{c.name} ({c.n_docs} doc)" for c in report.other_candidates))
    return parts


def stats_renderables(stats: Stats) -> list:
    rows = Table(title="Rows per table", title_justify="left", header_style="bold")
    add_value_column(rows, "table")
    add_value_column(rows, "rows", justify="right")
    for name, n in stats.rows.items():
        rows.add_row(name, f"{n:,}")
    parts: list = [rows]
    for key, columns in (("people", ("name", "n_docs", "n_mentions")),
                         ("organizations", ("name", "n_docs", "n_mentions")),
                         ("places", ("name", "n_docs", "n_mentions")),
                         ("abbreviations", ("short", "long", "n_docs", "n_defined"))):
        top = Table(title=f"Top {key}", title_justify="left", header_style="bold")
        for column in columns:
            if column.startswith("n_"):
                add_value_column(top, column, justify="right")
            elif column == "short":
                add_value_column(top, column)
            else:
                add_text_column(top, column)
        for row in stats.top[key]:
            top.add_row(*(cell_text(row[c]) for c in columns))
        if not stats.top[key]:
            top.add_row(*(["(none)"] + [""] * (len(columns) - 1)))
        parts.append(top)
    errors = Table(title="Errors by stage", title_justify="left", header_style="bold")
    for column in ("stage", "error"):
        add_value_column(errors, column)
    add_value_column(errors, "n", justify="right")
    for row in stats.errors_by_stage:
        errors.add_row(row["stage"], row["error"], f"{row['n']:,}")
    if not stats.errors_by_stage:
        errors.add_row("(none)", "", "0")
    parts.append(errors)
    return parts


def output_tables_renderables(tables: list[OutputTable], out: str) -> list:
    """`vnextract schema --out OUT`: the tables OUT holds, with their row counts."""
    view = Table(title=f"Tables in {out}", title_justify="left", header_style="bold")
    add_value_column(view, "table")
    add_value_column(view, "rows", justify="right")
    add_value_column(view, "columns", justify="right")
    add_text_column(view, "one row per")
    for t in tables:
        rows = f"{t.rows:,}" if t.written else "not written"
        view.add_row(t.name, rows, str(t.columns), t.meaning or "(not one of vnextract's tables)")
    missing = [t.name for t in tables if not t.written]
    notes = [f"{sum(t.written for t in tables)} of {len(tables)} tables written"
             + (f"; {', '.join(missing)} read as empty tables in `vnextract query`" if missing else ""),
             "every column, its type and meaning: `vnextract schema` (docs/schema.md)"]
    return [view, *notes]
