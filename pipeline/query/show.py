"""One document with everything the pipeline found in it, highlighted for checking by eye.

`load_document` gathers the spans of every table that points into `documents.text` (mentions,
dates, abbreviations, legal references, the RANK and TITLE words of `person_roles`, events);
`render_html` writes a self-contained page in the style of spaCy's displacy, but with nested
highlights, because an event span usually contains the people, places and dates that take part in it (displacy's entity style cannot overlap);
`terminal_renderables` is the same view for a terminal, via rich.
"""
from __future__ import annotations

import difflib
import html
from collections import Counter
from dataclasses import dataclass

import duckdb

from pipeline.query.explore import ExploreError, fetch_rows

# Colours follow displacy's defaults where a label exists there (PERSON, ORG, LOC, DATE).
LABEL_COLORS = {
    "PERSON": "#aa9cfc", "ORG": "#7aecec", "LOC": "#ff9561", "GPE": "#feca74", "DATE": "#bfe1d9",
    "ABBR": "#f0e68c", "LEGAL": "#e4c1f9", "RANK": "#ffd6a5", "TITLE": "#caffbf", "EVENT": "#e4572e",
}
DEFAULT_COLOR = "#dddddd"
UNDERLINED_LABELS = {"EVENT"}  # long spans drawn as an underline so the spans inside stay readable


@dataclass(frozen=True)
class HighlightSpan:
    start: int
    end: int
    label: str
    text: str
    detail: str  # what the pipeline made of it: canonical name, date value, expansion, event roles


@dataclass
class DocumentView:
    doc_id: str
    title: str | None
    published: object
    source: str | None
    text: str
    spans: list[HighlightSpan]


def _join(*parts) -> str:
    return " · ".join(str(p) for p in parts if p not in (None, "", []))


def load_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> DocumentView:
    """The document DOC_ID and its spans from every table; ExploreError when there is no such document."""
    docs = fetch_rows(con, "SELECT doc_id, title, published, source, text FROM documents WHERE doc_id = ?", [doc_id])
    if not docs:
        known = [r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()]
        close = difflib.get_close_matches(doc_id, known, n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else (
            f"; {len(known):,} documents, e.g. {', '.join(sorted(known)[:3])}" if known else "")
        raise ExploreError(f"no document with doc_id {doc_id!r}{hint}")
    doc = docs[0]
    text = doc["text"] or ""
    raw: list[tuple] = []
    for r in fetch_rows(con, "SELECT start, \"end\", label, text, name, entity_id FROM mentions WHERE doc_id = ?",
                    [doc_id]):
        raw.append((r["start"], r["end"], r["label"] or "?",
                    _join(r["name"] if r["name"] != r["text"] else None, r["entity_id"])))
    for r in fetch_rows(con, "SELECT start, \"end\", kind, value, name FROM person_roles WHERE doc_id = ?",
                        [doc_id]):  # the words that gave a person's rank or title
        raw.append((r["start"], r["end"], r["kind"].upper(), _join(r["value"] if r["value"] != text[r["start"]:r["end"]]
                                                                   else None, f"of {r['name']}")))
    for r in fetch_rows(con, "SELECT start, \"end\", value, part_of_day FROM dates WHERE doc_id = ?", [doc_id]):
        raw.append((r["start"], r["end"], "DATE", _join(r["value"], r["part_of_day"])))
    for r in fetch_rows(con, "SELECT start, \"end\", long, defined FROM abbreviations WHERE doc_id = ?", [doc_id]):
        raw.append((r["start"], r["end"], "ABBR", _join(r["long"], "defined here" if r["defined"] else None)))
    for r in fetch_rows(con, "SELECT start, \"end\", doc_type, number FROM legal_refs WHERE doc_id = ?", [doc_id]):
        raw.append((r["start"], r["end"], "LEGAL", _join(r["doc_type"], r["number"])))
    for r in fetch_rows(con, """
            SELECT e.start, e."end", e.type, e.date_value, e.location, e.organizer,
                   list(p.name || ' (' || coalesce(p.role, '?') || ')') FILTER (WHERE p.name IS NOT NULL) AS who
            FROM events e LEFT JOIN event_participants p USING (doc_id, event_id)
            WHERE e.doc_id = ? GROUP BY ALL""", [doc_id]):
        raw.append((r["start"], r["end"], "EVENT", _join(r["type"], r["date_value"], r["location"],
                                                         r["organizer"] and f"organizer {r['organizer']}",
                                                         ", ".join(r["who"] or []))))
    spans = sorted({HighlightSpan(s, e, label, text[s:e], detail) for s, e, label, detail in raw
                    if s is not None and e is not None and 0 <= s < e <= len(text)},
                   key=lambda h: (h.start, -h.end, h.label))
    return DocumentView(doc["doc_id"], doc["title"], doc["published"], doc["source"], text, spans)


def label_color(label: str) -> str:
    return LABEL_COLORS.get(label, DEFAULT_COLOR)


# ---------------------------------------------------------------------------------------------
# HTML

_CSS = """
body { font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; margin: 2em auto;
       max-width: 60em; padding: 0 1em; color: #222; }
.meta { color: #666; font-size: 0.9em; }
.legend mark { margin-right: 0.6em; }
.text { white-space: pre-wrap; line-height: 2.6; font-size: 1.05em; border: 1px solid #eee;
        border-radius: 6px; padding: 1em 1.4em; }
mark.vx { padding: 0.2em 0.3em; margin: 0 0.1em; border-radius: 0.35em; color: inherit;
          box-decoration-break: clone; -webkit-box-decoration-break: clone; }
mark.vx-under { background: transparent !important; padding: 0 0 0.15em 0; margin: 0; border-radius: 0;
                border-bottom: 3px solid var(--vx-color); }
.vx-label { font-size: 0.62em; font-weight: bold; letter-spacing: 0.02em; margin-left: 0.4em;
            vertical-align: middle; text-transform: uppercase; }
mark.vx-under > .vx-label { color: var(--vx-color); }
table.spans { border-collapse: collapse; margin-top: 1.5em; font-size: 0.9em; }
table.spans td, table.spans th { border-bottom: 1px solid #eee; padding: 0.3em 0.6em; text-align: left;
                                  vertical-align: top; }
"""


def _open_mark(span: HighlightSpan, index: int, continued: bool) -> str:
    color = label_color(span.label)
    classes = "vx vx-under" if span.label in UNDERLINED_LABELS else "vx"
    attrs = (f'class="{classes}" data-label="{html.escape(span.label)}" data-span="{index}"'
             f' title="{html.escape(_join(span.label, span.detail))}"'
             f' style="background: {color}; --vx-color: {color}"')
    if continued:
        attrs += ' data-continued="1"'
    return f"<mark {attrs}>"


def _close_mark(span: HighlightSpan, final: bool) -> str:
    label = f'<span class="vx-label">{html.escape(span.label)}</span>' if final else ""
    return f"{label}</mark>"


def highlighted_html(text: str, spans: list[HighlightSpan]) -> str:
    """TEXT as HTML with one <mark> per span, properly nested; a span that crosses another's end is
    closed and reopened (data-continued) so the markup stays well-formed."""
    starts: dict[int, list[int]] = {}
    for i, span in enumerate(spans):
        starts.setdefault(span.start, []).append(i)
    boundaries = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[int] = []
    position = 0
    for boundary in boundaries:
        out.append(html.escape(text[position:boundary]))
        position = boundary
        if any(spans[i].end == boundary for i in stack):
            reopen = []
            while any(spans[i].end == boundary for i in stack):
                i = stack.pop()
                final = spans[i].end == boundary
                out.append(_close_mark(spans[i], final))
                if not final:
                    reopen.append(i)
            for i in reversed(reopen):
                out.append(_open_mark(spans[i], i, continued=True))
                stack.append(i)
        for i in sorted(starts.get(boundary, []), key=lambda i: -spans[i].end):  # outermost first
            out.append(_open_mark(spans[i], i, continued=False))
            stack.append(i)
    return "".join(out)


def render_html(view: DocumentView) -> str:
    """A self-contained HTML page: header, legend with counts, highlighted text, table of spans."""
    counts = Counter(s.label for s in view.spans)
    legend = "".join(
        f'<mark class="vx{" vx-under" if label in UNDERLINED_LABELS else ""}" style="background: '
        f'{label_color(label)}; --vx-color: {label_color(label)}">{html.escape(label)} {n}</mark>'
        for label, n in sorted(counts.items()))
    rows = "".join(
        f"<tr><td>{html.escape(s.label)}</td><td>{html.escape(s.text)}</td><td>{html.escape(s.detail)}</td>"
        f"<td>{s.start}–{s.end}</td></tr>" for s in view.spans)
    title = html.escape(view.title or view.doc_id)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title} · vnextract</title><style>{_CSS}</style></head>
<body>
<h1>{title}</h1>
<p class="meta">doc_id <code>{html.escape(view.doc_id)}</code> · {html.escape(str(view.published or "date unknown"))}
 · {html.escape(view.source or "")} · {len(view.spans)} highlighted span(s)</p>
<p class="legend">{legend or "nothing extracted"}</p>
<div class="text">{highlighted_html(view.text, view.spans)}</div>
<table class="spans"><thead><tr><th>label</th><th>text</th><th>extracted</th><th>offsets</th></tr></thead>
<tbody>{rows}</tbody></table>
</body></html>
"""


# ---------------------------------------------------------------------------------------------
# Terminal


def terminal_renderables(view: DocumentView) -> list:
    """The document text with coloured spans, a legend and the list of spans, for rich."""
    from rich.table import Table
    from rich.text import Text

    from pipeline.query.terminal import add_text_column, add_value_column

    body = Text(view.text)
    for span in sorted(view.spans, key=lambda s: s.start - s.end):  # longest first, inner spans on top
        if span.label in UNDERLINED_LABELS:
            body.stylize(f"underline {label_color(span.label)}", span.start, span.end)
        else:
            body.stylize(f"black on {label_color(span.label)}", span.start, span.end)
    header = Text.assemble((view.title or view.doc_id, "bold"), "\n",
                           (f"doc_id {view.doc_id} · {view.published or 'date unknown'} · {view.source or ''}",
                            "dim"))
    legend = Text("  ").join(
        Text(f" {label} {n} ", style=(f"underline {label_color(label)}" if label in UNDERLINED_LABELS
                                      else f"black on {label_color(label)}"))
        for label, n in sorted(Counter(s.label for s in view.spans).items())) or Text("nothing extracted")
    table = Table(header_style="bold", title="Spans", title_justify="left")
    add_value_column(table, "label")
    add_text_column(table, "text")
    add_text_column(table, "extracted")
    add_value_column(table, "offsets")
    for span in view.spans:
        table.add_row(span.label, span.text, span.detail, f"{span.start}-{span.end}")
    return [header, legend, "", body, "", table]
