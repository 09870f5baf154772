"""query, person, show and stats on real output, plus a small hand-built output (tests/small_output.py) for the cases a
short default run may not contain yet (events with roles, rank changes over time, missing tables)."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.query.explore import ExploreError, find_person, fold, name_score, open_output, run_query
from pipeline.query.show import LABEL_COLORS, UNDERLINED_LABELS, HighlightSpan, highlighted_html, load_document
from pipeline.store.tables import SCHEMAS

from .conftest import SEED, read, run_cli
from .small_output import GENERAL

SEED_ID = SEED.stem

# ---------------------------------------------------------------------------------------------
# query


def test_query_formats_on_default_run(default_run, tmp_path):
    n_docs = len(read(default_run, "documents"))
    sql = "SELECT doc_id, published, authors FROM documents ORDER BY doc_id"
    table = run_cli("query", "SELECT count(*) AS n FROM documents", "--out", str(default_run))
    assert table.returncode == 0, table.stderr
    assert f"{n_docs}" in table.stdout and "1 row(s)" in table.stdout
    as_csv = run_cli("query", sql, "--out", str(default_run), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == n_docs and all(isinstance(json.loads(r["authors"]), list) for r in rows)
    as_json = json.loads(run_cli("query", sql, "--out", str(default_run), "--format", "json").stdout)
    assert [r["doc_id"] for r in as_json] == [r["doc_id"] for r in rows]
    target = tmp_path / "docs.parquet"
    as_parquet = run_cli("query", sql, "--out", str(default_run), "--format", "parquet", "--to", str(target))
    assert as_parquet.returncode == 0, as_parquet.stderr
    assert pq.read_table(target).column("doc_id").to_pylist() == [r["doc_id"] for r in rows]


def test_every_table_is_a_view_under_its_contract_name(default_run):
    con = open_output(default_run)
    for table, schema in SCHEMAS.items():
        assert run_query(con, f"SELECT * FROM {table} LIMIT 0").column_names == schema.names, table


@pytest.mark.parametrize("sql, expected", [
    ("SELEC name FROM appearances", "syntax error"),
    ("SELECT * FROM nguoi", "tables: abbreviation_lexicon"),
    ("SELECT ten FROM appearances", "docs/schema.md"),
    ("", "empty query"),
])
def test_bad_sql_is_a_readable_error_with_exit_code_1(default_run, sql, expected):
    result = run_cli("query", sql, "--out", str(default_run))
    assert result.returncode == 1
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_query_usage_mistakes(default_run, tmp_path):
    no_target = run_cli("query", "SELECT 1", "--out", str(default_run), "--format", "parquet")
    assert no_target.returncode == 2 and "--to" in no_target.stderr
    no_output = run_cli("query", "SELECT 1", "--out", str(tmp_path / "khong-co"))
    assert no_output.returncode == 2 and "no tables" in no_output.stderr and "Traceback" not in no_output.stderr


def test_missing_tables_read_as_empty(small_out):
    con = open_output(small_out)
    assert run_query(con, "SELECT count(*) AS n FROM legal_refs").column("n").to_pylist() == [0]
    assert run_query(con, "SELECT count(*) AS n FROM person_ranks").column("n").to_pylist() == [0]


# ---------------------------------------------------------------------------------------------
# person


@pytest.mark.parametrize("written, name", [
    ("nguyen manh hung", "Nguyễn Mạnh Hùng"),
    ("NGUYỄN MẠNH HÙNG", "Nguyễn Mạnh Hùng"),
    ("Nguye\u0302\u0303n Ma\u0323nh Hu\u0300ng", "Nguyễn Mạnh Hùng"),  # decomposed accents
    ("do thi thu", "Đỗ Thị Thu"),
    ("  Tran   Quoc  Vuong ", "Trần Quốc Vượng"),
])
def test_fold_ignores_accents_case_and_spacing(written, name):
    assert fold(written) == fold(name)


@pytest.mark.parametrize("query, name, good", [
    ("nguyen manh hung", "nguyen manh hung", True),
    ("nguyen man hung", "nguyen manh hung", True),  # a typo
    ("manh hung", "nguyen manh hung", True),  # part of the name, in order
    ("nguyen van an", "tran quoc vuong", False),
    ("hung manh", "nguyen manh hung", False),
])
def test_name_score(query, name, good):
    assert (name_score(query, name) >= 0.8) is good


def test_person_timeline_is_newest_first_with_ranks_and_event_roles(small_out):
    report = find_person(open_output(small_out), "nguyen manh hung")
    assert report.name == "Nguyễn Mạnh Hùng" and report.entity_ids == [GENERAL]
    assert [a["rank"] for a in report.appearances] == ["Trung tướng", "Thiếu tướng"]
    assert report.appearances[0]["events"] == ["hội nghị · chủ trì · 2022-12-26"]
    assert report.appearances[1]["events"][0].startswith("lễ ra quân · dự")
    assert report.aliases == ["ông Hùng"]


def test_person_command_on_default_run(default_run):
    people = read(default_run, "appearances")
    assert not people.empty, "the default run should find people"
    name = people["name"].value_counts().index[0]
    result = run_cli("person", fold(name), "--out", str(default_run))
    assert result.returncode == 0, result.stderr
    assert name in result.stdout and "Appearances, newest first" in result.stdout
    n_docs = people.loc[people["name"] == name, "doc_id"].nunique()
    assert f"{n_docs} document(s)" in result.stdout


def test_person_seed_general_by_name_without_accents(default_run):
    result = run_cli("person", "nguyen manh hung", "--out", str(default_run))
    assert result.returncode == 0, result.stderr
    assert "Nguyễn Mạnh Hùng" in result.stdout and "Trung tướng" in result.stdout


def test_unknown_person_is_a_clear_error_with_exit_code_1(default_run):
    result = run_cli("person", "Zxqv Wwyk", "--out", str(default_run))
    assert result.returncode == 1
    assert "no person matching 'Zxqv Wwyk'" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# show


class _TagBalance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.text, self.ok = [], [], True

    def handle_starttag(self, tag, attrs):
        self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self.ok &= bool(self.stack) and self.stack.pop()[0] == tag

    def handle_data(self, data):
        if not any(attrs.get("class") == "vx-label" for _, attrs in self.stack):
            self.text.append(data)


def test_highlighted_html_nests_crossing_spans_and_keeps_the_text():
    text = "Trung tướng Nguyễn Mạnh Hùng <chủ trì> & phát biểu"
    spans = [HighlightSpan(0, 28, "EVENT", text[0:28], ""), HighlightSpan(12, 40, "PERSON", text[12:40], ""),
             HighlightSpan(12, 18, "ABBR", text[12:18], ""), HighlightSpan(29, 50, "DATE", text[29:50], "")]
    markup = highlighted_html(text, spans)
    parser = _TagBalance()
    parser.feed(markup)
    assert parser.ok and not parser.stack
    assert "".join(parser.text) == text
    for span in spans:
        assert markup.count(f'<span class="vx-label">{span.label}</span>') == 1


def test_show_document_view_collects_every_kind_of_span(small_out):
    view = load_document(open_output(small_out), "tin-2022")
    assert {s.label for s in view.spans} == {"PERSON", "ORG", "LOC", "DATE", "ABBR", "EVENT", "RANK", "TITLE"}
    rank = next(s for s in view.spans if s.label == "RANK")
    assert (rank.text, rank.detail) == ("Trung tướng", "of Nguyễn Mạnh Hùng")
    assert all(view.text[s.start:s.end] == s.text for s in view.spans)
    event = next(s for s in view.spans if s.label == "EVENT")
    assert "Nguyễn Mạnh Hùng (chủ trì)" in event.detail


def test_show_in_the_terminal(default_run):
    mentions = read(default_run, "mentions")
    labels = set(mentions.loc[mentions["doc_id"] == SEED_ID, "label"]) | {"DATE"}
    result = run_cli("show", SEED_ID, "--out", str(default_run))
    assert result.returncode == 0, result.stderr
    assert "Tin hoạt động" in result.stdout and "Nguyễn Mạnh Hùng" in result.stdout
    assert all(label in result.stdout for label in labels)


@pytest.mark.parametrize("doc_id, hint", [("khong-co-bai-nay", "no document with doc_id"),
                                          (SEED_ID[:-1], SEED_ID)])
def test_unknown_doc_id_is_a_clear_error_with_exit_code_1(default_run, doc_id, hint):
    result = run_cli("show", doc_id, "--out", str(default_run))
    assert result.returncode == 1
    assert hint in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# show --html in a real browser

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
WINDOW = (1200, 3000)
# Appended to a copy of the page: measures every highlight once the browser has laid it out.
MEASURE = """<script>
const found = [];
for (const m of document.querySelectorAll('.text mark.vx')) {
  const r = m.getClientRects()[0] || m.getBoundingClientRect(), cs = getComputedStyle(m);  // first line box
  found.push({label: m.dataset.label, x: r.left, y: r.top, w: r.width, h: r.height, bg: cs.backgroundColor,
              border: cs.borderBottomColor, borderWidth: parseFloat(cs.borderBottomWidth),
              visible: cs.visibility === 'visible' && cs.display !== 'none' && parseFloat(cs.opacity) > 0,
              tag: (m.querySelector(':scope > .vx-label') || {}).textContent || '',
              tagShown: [...m.querySelectorAll(':scope > .vx-label')].some(t => t.getClientRects().length > 0
                        && getComputedStyle(t).visibility === 'visible' && t.getBoundingClientRect().width > 5)});
}
const pre = document.createElement('pre'); pre.id = 'measured'; pre.textContent = JSON.stringify(found);
document.body.appendChild(pre);
</script></body>"""


@pytest.fixture(scope="module")
def chromium() -> str:
    """The headless browser these tests draw the page in ($CHROMIUM, or the first of CHROMIUM_NAMES on
    PATH); the tests skip, saying so, where there is none."""
    wanted = os.environ.get("CHROMIUM")
    found = shutil.which(wanted) if wanted else next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    if found is None:
        looked_for = f"$CHROMIUM={wanted}" if wanted else f"{', '.join(CHROMIUM_NAMES)} on PATH"
        pytest.skip(f"no Chromium installed (looked for {looked_for}): apt-get install -y chromium, as CI does")
    return found


def _chromium(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={profile}",
         "--hide-scrollbars", "--force-device-scale-factor=1", f"--window-size={WINDOW[0]},{WINDOW[1]}", *args],
        capture_output=True, text=True, timeout=120)


def _rgb(css_color: str) -> tuple[int, ...]:
    return tuple(int(v) for v in re.findall(r"\d+", css_color)[:3])


def _hex_rgb(color: str) -> tuple[int, ...]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def _assert_highlights_visible(chromium: str, page: Path, tmp_path: Path, expected_labels: set[str]) -> None:
    measured_page = tmp_path / "measured.html"
    measured_page.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE), encoding="utf-8")
    dom = _chromium(chromium, tmp_path, "--dump-dom", measured_page.as_uri())
    match = re.search(r'<pre id="measured">(.*?)</pre>', dom.stdout, re.DOTALL)
    assert match, f"chromium did not render the page: {dom.stderr[-2000:]}"
    import html as html_module
    marks = json.loads(html_module.unescape(match.group(1)))
    assert expected_labels <= {m["label"] for m in marks}
    for label in expected_labels:
        first = next(m for m in marks if m["label"] == label and m["tag"])
        assert first["visible"] and first["w"] > 5 and first["h"] > 5, first
        assert first["tag"] == label and first["tagShown"], first
        color = _hex_rgb(LABEL_COLORS[label])
        if label in UNDERLINED_LABELS:
            assert first["borderWidth"] >= 2 and _rgb(first["border"]) == color, first
        else:
            assert _rgb(first["bg"]) == color, first

    # The pixels: inside each label's first highlight, its colour covers a good share of the box.
    Image = pytest.importorskip("PIL.Image")
    shot = tmp_path / "page.png"
    _chromium(chromium, tmp_path, f"--screenshot={shot}", page.as_uri())
    image = Image.open(shot).convert("RGB")
    for label in expected_labels:
        color = _hex_rgb(LABEL_COLORS[label])
        shares = []
        for m in marks:
            if m["label"] == label and m["y"] + m["h"] <= WINDOW[1]:
                box = image.crop((int(m["x"]), int(m["y"]), int(m["x"] + m["w"]), int(m["y"] + m["h"])))
                area = max(box.width * box.height, 1)
                matching = sum(n for n, px in box.getcolors(maxcolors=area) or []
                               if all(abs(p - c) <= 6 for p, c in zip(px, color)))
                shares.append(matching / area)
        assert shares, f"no {label} highlight inside the screenshot"
        assert max(shares) > (0.03 if label in UNDERLINED_LABELS else 0.3), (label, max(shares))


def test_show_html_highlights_are_visible_in_chromium(chromium, default_run, tmp_path):
    page = tmp_path / "seed.html"
    result = run_cli("show", SEED_ID, "--out", str(default_run), "--html", str(page))
    assert result.returncode == 0, result.stderr
    mentions = read(default_run, "mentions")
    labels = set(mentions.loc[mentions["doc_id"] == SEED_ID, "label"]) & set(LABEL_COLORS)
    assert "PERSON" in labels
    dates = read(default_run, "dates")
    if (dates["doc_id"] == SEED_ID).any():
        labels.add("DATE")
    roles = read(default_run, "person_roles")
    labels |= {kind.upper() for kind in roles.loc[roles["doc_id"] == SEED_ID, "kind"]}
    assert {"RANK", "TITLE"} <= labels  # "Trung tướng", "Bí thư Đảng ủy"
    _assert_highlights_visible(chromium, page, tmp_path, labels)


def test_show_html_draws_every_kind_of_span_in_chromium(chromium, small_out, tmp_path):
    page = tmp_path / "small.html"
    result = run_cli("show", "tin-2022", "--out", str(small_out), "--html", str(page))
    assert result.returncode == 0, result.stderr
    _assert_highlights_visible(chromium, page, tmp_path, {"PERSON", "ORG", "LOC", "DATE", "ABBR", "EVENT"})


# ---------------------------------------------------------------------------------------------
# stats


def test_stats_on_default_run(default_run):
    result = run_cli("stats", "--out", str(default_run))
    assert result.returncode == 0, result.stderr
    for heading in ("Rows per table", "Top people", "Top organizations", "Top abbreviations", "Errors by stage"):
        assert heading in result.stdout
    n_tokens = len(read(default_run, "tokens"))
    assert re.search(rf"tokens\s*│\s*{n_tokens:,}\s", result.stdout)
    top_person = read(default_run, "entities").query("label == 'PERSON'").sort_values(
        ["n_docs", "n_mentions"], ascending=False)["name"].iloc[0]
    assert top_person in result.stdout


def test_stats_counts_errors_by_stage(small_out):
    result = run_cli("stats", "--out", str(small_out))
    assert result.returncode == 0, result.stderr
    assert re.search(r"ingest\s*│\s*JSONDecodeError\s*│\s*1", result.stdout)


def test_explore_error_carries_exit_code():
    assert ExploreError("x").exit_code == 1 and ExploreError("x", exit_code=2).exit_code == 2


def test_sql_types_are_the_ones_docs_schema_md_lists(small_out):
    from pipeline.query.schema_doc import duckdb_type_name

    con = open_output(small_out)
    for table, schema in SCHEMAS.items():
        described = [(row[0], row[1]) for row in con.execute(f"DESCRIBE {table}").fetchall()]
        assert described == [(f.name, duckdb_type_name(f.type)) for f in schema], table


# ---------------------------------------------------------------- ranks by seniority, promotions


def _report(ranks):
    from pipeline.query.explore import PersonReport

    return PersonReport("Nguyễn Văn A", ["per-x"], [], ranks, [])


def test_a_promotion_is_a_rise_in_seniority_in_the_order_first_seen():
    colonel = {"rank": "Đại tá", "first_seen": date(2016, 3, 5), "order": 13}
    general = {"rank": "Thiếu tướng", "first_seen": date(2018, 4, 6), "order": 14}
    assert [(a["rank"], b["rank"]) for a, b in _report([general, colonel]).promotions] == [("Đại tá", "Thiếu tướng")]


def test_a_lower_rank_seen_later_or_an_ungraded_one_is_no_promotion():
    general = {"rank": "Thiếu tướng", "first_seen": date(2016, 3, 5), "order": 14}
    colonel = {"rank": "Đại tá", "first_seen": date(2018, 4, 6), "order": 13}
    plain = {"rank": "Tướng", "first_seen": date(2019, 1, 1), "order": None}
    assert _report([general, colonel, plain]).promotions == []


def test_ranks_table_orders_every_rank_and_person_shows_the_promotion(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Ngày 5/5/2021, Thiếu tướng Nguyễn Mạnh Hùng dự lễ ra quân huấn luyện tại "
                                  "Quảng Ninh.", encoding="utf-8")
    (folder / "b.txt").write_text("Ngày 26/12/2022, Trung tướng Nguyễn Mạnh Hùng chủ trì hội nghị tổng kết công "
                                  "tác năm 2022.", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", str(folder), "--out", str(out), "--workers", "1", "--quiet").returncode == 0
    ranks = read(out, "ranks").set_index("rank")
    assert ranks.loc["Chuẩn Đô đốc", "order"] == ranks.loc["Thiếu tướng", "order"] == 14
    assert ranks.loc["Đại tướng", "order"] == 17 and ranks.loc["Đô đốc", "branch"] == "navy"
    assert pd.isna(ranks.loc["Tướng", "order"])
    result = run_cli("person", "nguyen manh hung", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "promoted: Thiếu tướng → Trung tướng (first seen 2022-12-26)" in result.stdout
