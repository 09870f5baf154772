"""Hostile input, round two: one run over every kind of bad input we know, each kind accounted for.

The folder is tests/data/bad_inputs plus generated files (links out of the folder, a CSV quote never
closed, JSON of the wrong shape, a file that is not Parquet, …). For each kind: the run finishes, the
kind lands in `errors` with a message that says what is wrong, and every good record beside it (in
the same file, or in the folder) is kept. Kinds that are not errors (UTF-16, Windows-1258, a symlink
loop, zero-width spaces, impossible dates, credits joined by "/") are checked for what they become.
"""
from __future__ import annotations

import gzip
import itertools
import json
import re
import shutil
from collections import defaultdict

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.core.records import Document, RawDocument
from pipeline.run.batch import process_document
from pipeline.store.tables import entity_id

from .conftest import REPO, SHARED, read, run_cli, run_summary

BAD_INPUTS = REPO / "tests" / "data" / "bad_inputs"
ARTICLE = ("Sáng 6/2, Công an tỉnh Đồng Nai phối hợp Công an huyện Trảng Bom khám nghiệm hiện trường. "
           "Thượng tá Nguyễn Văn Hòa, Phó Giám đốc Công an tỉnh chỉ đạo điều tra vụ việc.")
SECOND = "Chiều 7/2, Bộ Quốc phòng tổ chức hội nghị tổng kết công tác năm 2022 tại Hà Nội."
SECRET = "root:x:0:0:mật khẩu quản trị"
MAX_DOC_CHARS = 200_000


def _jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def build_hostile_folder(base):
    """base/in: every hostile kind; base/outside: what links must not leak into the output."""
    outside = base / "outside"
    (outside / "kho").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "kho" / "mat.txt").write_text(SECRET, encoding="utf-8")
    folder = base / "in"
    shutil.copytree(BAD_INPUTS, folder)
    (folder / "passwd.txt").symlink_to(outside / "secret.txt")
    (folder / "kho-ngoai").symlink_to(outside / "kho", target_is_directory=True)
    (folder / "mat-tich.txt").symlink_to(folder / "khong-ton-tai.txt")
    (folder / "loop").mkdir()
    (folder / "loop" / "back-up").symlink_to("..", target_is_directory=True)
    (folder / "vo-ngoac.csv").write_text(
        f'id,text\nh-csv-1,"{ARTICLE}"\nh-csv-2,"{ARTICLE}\nh-csv-3,"{SECOND}"\nh-csv-4,"{SECOND}"\n', encoding="utf-8")
    (folder / "thieu-truong.jsonl").write_text(_jsonl(
        {"id": "h-jl-1", "text": ARTICLE}, {"id": "h-jl-2", "title": "Không có nội dung"},
        {"id": "h-jl-3", "text": "  \n "}, '["mot", "mang"]', {"id": "h-jl-5", "text": SECOND},
        {"id": "h-jl-1", "text": SECOND}), encoding="utf-8")
    (folder / "danh-sach.json").write_text(json.dumps([{"id": "h-js-1", "text": ARTICLE}, 3], ensure_ascii=False),
                                           encoding="utf-8")
    (folder / "chuoi.json").write_text('"chỉ một chuỗi"', encoding="utf-8")
    (folder / "hong.json").write_text('{"id": "h-hong", "text": "Sáng 6/2', encoding="utf-8")
    (folder / "gia.parquet").write_text("không phải Parquet", encoding="utf-8")
    pq.write_table(pa.table({"id": ["h-pq-1"], "tieu_de": ["Tin"]}), folder / "khong-cot.parquet")
    (folder / "gia.jsonl.gz").write_text(_jsonl({"id": "h-gz", "text": ARTICLE}), encoding="utf-8")
    (folder / "dieu-khien.txt").write_bytes(b"\x01\x02\x03\x1f\x7f")
    (folder / "qua-lon.txt").write_text("Hà Nội " * (MAX_DOC_CHARS // 7 + 10), encoding="utf-8")
    (folder / "zwsp.txt").write_text(ARTICLE.replace("Thượng tá", "Thượng\u200btá"), encoding="utf-8")
    (folder / "ngay-sai.txt").write_text(
        "Quyết định ký ngày 31/2/2020 bị hủy. Biên bản lập ngày 15/13/2020 không hợp lệ. " + ARTICLE, encoding="utf-8")
    (folder / "tin-afp.txt").write_text(
        "Binh sĩ Mỹ tham gia tập trận ở Thái Bình Dương hôm 6/2. (Ảnh: AFP/TTXVN)\n" + SECOND, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile2")
    folder = build_hostile_folder(base)
    out = base / "out"
    result = run_cli("run", str(folder), "--out", str(out), "--quiet", "--workers", "1",
                     "--max-doc-chars", str(MAX_DOC_CHARS))
    assert result.returncode == 0, result.stderr
    return result, out


GOOD_FILES = ["ok.md", "utf16.txt", "windows1258.txt", "zwsp.txt", "ngay-sai.txt", "tin-afp.txt"]

# kind, source, error, words of the message, good doc_ids read from the same source
KINDS = [
    ("empty file", "empty.txt", "EmptyDocument", "no text", []),
    ("binary file", "binary.txt", "UndecodableBytes", "no text encoding", []),
    ("broken JSON lines", "broken_lines.jsonl", "JSONDecodeError", "line 2", ["ok-1", "ok-2"]),
    ("HTML without an article", "no_article.html", "NoArticleText", "no main article text", []),
    ("HTML of scripts only", "script_only.html", "NoArticleText", "no main article text", []),
    ("CSV without a text column", "no_text_column.csv", "MissingTextColumn", "no text column", []),
    ("a few invalid UTF-8 bytes", "invalid_utf8.txt", "DecodedWithReplacement", "replaced", ["invalid_utf8"]),
    ("stray NUL bytes", "nul_bytes.txt", "DecodedWithReplacement", "replaced", ["nul_bytes"]),
    ("truncated .jsonl.gz", "truncated.jsonl.gz", "EOFError", "stopped reading after line 110: ",
     [f"gz-{i}" for i in range(110)]),  # every complete line before the cut
    ("document over --max-doc-chars", "qua-lon.txt", "DocumentTooLarge", "--max-doc-chars", []),
    ("symlink to a file outside", "passwd.txt", "SymlinkOutsideInput", "outside the input", []),
    ("symlink to a folder outside", "kho-ngoai", "SymlinkOutsideInput", "outside the input", []),
    ("symlink to nothing", "mat-tich.txt", "BrokenSymlink", "does not exist", []),
    ("CSV quote never closed", "vo-ngoac.csv", "UnterminatedQuote", "line 3", ["h-csv-1", "h-csv-3", "h-csv-4"]),
    ("JSON record without text", "thieu-truong.jsonl", "MissingText", "no non-empty text", ["h-jl-1", "h-jl-5"]),
    ("JSON record of blank text", "thieu-truong.jsonl", "EmptyDocument", "no non-empty text", ["h-jl-1", "h-jl-5"]),
    ("JSON line that is an array", "thieu-truong.jsonl", "NotAnObject", "line 4", ["h-jl-1", "h-jl-5"]),
    ("duplicate doc_id", "thieu-truong.jsonl", "DuplicateDocId", "already has this doc_id", ["h-jl-1", "h-jl-5"]),
    ("JSON list item that is not an object", "danh-sach.json", "NotAnObject", "item 2", ["h-js-1"]),
    ("JSON of a bare string", "chuoi.json", "NotAnObject", "neither an object nor a list", []),
    ("JSON syntax error", "hong.json", "JSONDecodeError", "line 1", []),
    ("file that is not Parquet", "gia.parquet", "ArrowInvalid", "not a parquet file", []),
    ("Parquet without a text column", "khong-cot.parquet", "MissingTextColumn", "no text column", []),
    (".jsonl.gz that is not gzip", "gia.jsonl.gz", "BadGzipFile", "Not a gzipped file", []),
    ("control characters only", "dieu-khien.txt", "EmptyDocument", "no text left after normalization", []),
]


def test_at_least_twenty_hostile_kinds_are_covered():
    assert len({k[0] for k in KINDS}) >= 20


@pytest.mark.parametrize("kind, source, error, words, kept", KINDS, ids=[k[0] for k in KINDS])
def test_each_hostile_kind_lands_in_errors_and_the_good_records_stay(hostile_run, kind, source, error, words, kept):
    result, out = hostile_run
    assert "Traceback" not in result.stderr
    errors, docs = read(out, "errors"), read(out, "documents")
    rows = errors[(errors["source"] == source) & (errors["error"] == error)]
    assert len(rows) == 1, f"{kind}: not one {error} for {source}: {errors[['source', 'error']].values.tolist()}"
    assert words in rows["message"].iloc[0], list(rows["message"])
    assert sorted(docs.loc[docs["source"] == source, "doc_id"]) == sorted(kept)
    assert set(GOOD_FILES) <= set(docs["source"])  # the good files beside it


def test_no_byte_from_outside_the_input_reaches_the_output(hostile_run):
    _, out = hostile_run
    for table in ("documents", "tokens", "mentions"):
        frame = read(out, table)
        assert not frame.astype(str).apply(lambda col: col.str.contains("mật khẩu")).any().any(), table


def test_every_input_record_is_in_documents_or_errors_once(hostile_run):
    result, out = hostile_run
    docs = read(out, "documents")
    assert docs["doc_id"].is_unique
    assert "loop/back-up" not in " ".join(docs["source"])  # the loop is walked once
    summary, errors = run_summary(result.stdout), read(out, "errors")
    failed = errors[errors["error"] != "DecodedWithReplacement"]  # a warning's document is in `documents`
    assert failed[["source", "doc_id", "error"]].drop_duplicates().shape[0] == len(failed)  # one row per record
    assert (summary["input_records"], summary["in_documents"], summary["in_errors"]) == (
        len(docs) + len(failed), len(docs), len(failed))


def test_hostile_content_becomes_the_right_rows(hostile_run):
    _, out = hostile_run
    docs = read(out, "documents").set_index("source")
    assert "Thượng tá Nguyễn Văn Hòa" in docs.loc["zwsp.txt", "text"]  # zero-width space → a space
    for source in ("utf16.txt", "windows1258.txt"):
        assert "Công an tỉnh Đồng Nai" in docs.loc[source, "text"]
    dates = read(out, "dates")
    impossible = dates[dates["doc_id"] == docs.loc["ngay-sai.txt", "doc_id"]]
    assert set(impossible.loc[impossible["value_note"].notna(), "text"]) == {"ngày 31/2/2020", "ngày 15/13/2020"}
    assert impossible.loc[impossible["value_note"].notna(), "value"].isna().all()
    mentions = read(out, "mentions")
    credit = mentions[(mentions["doc_id"] == docs.loc["tin-afp.txt", "doc_id"]) & (mentions["label"] == "ORG")]
    assert {"AFP", "TTXVN"} <= set(credit["text"])


def test_no_two_entities_share_a_span_in_the_hostile_run(hostile_run):
    _, out = hostile_run
    mentions = read(out, "mentions")
    per_span = mentions.groupby(["doc_id", "start", "end"])["entity_id"].nunique()
    assert (per_span == 1).all(), per_span[per_span > 1]


def test_follow_symlinks_reads_links_outside_the_input(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "tin.txt").write_text(SECOND, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tin.txt").symlink_to(outside / "tin.txt")
    (folder / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli("run", str(folder), "--out", str(tmp_path / "out"), "--quiet", "--workers", "1",
                     "--follow-symlinks", "--stages", "none")
    assert result.returncode == 0, result.stderr
    assert sorted(read(tmp_path / "out", "documents")["doc_id"]) == ["ok", "tin"]
    assert read(tmp_path / "out", "errors").empty


CORPUS = SHARED / "corpus" / "baomoi.jsonl.gz"
_SLASH_CREDIT_RE = re.compile(r"(?:Ảnh|Nguồn|Theo)\s*:?\s*[^\n()]{0,30}/")


def corpus_sample(first: int = 100, with_slash_credits: int = 100, scanned: int = 3000) -> list[dict]:
    """The corpus's first articles, plus the first ones whose credit joins names by "/"."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in itertools.islice(f, scanned)]
    credited = [r for r in records[first:] if _SLASH_CREDIT_RE.search(r["text"])]
    return records[:first] + credited[:with_slash_credits]


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus not available")
def test_no_two_mentions_of_different_entities_share_a_span_over_the_corpus_sample():
    sample = corpus_sample()
    assert len(sample) == 200
    shared = []
    for r in sample:
        doc = process_document(RawDocument(r["id"], "baomoi.jsonl.gz", r["text"]))
        assert isinstance(doc, Document), doc
        entities = defaultdict(set)
        for m in doc.mentions:
            assert doc.text[m.start:m.end] == m.text
            entities[m.start, m.end].add(entity_id(m.label, m.canonical))
        shared += [(r["id"], doc.text[s:e]) for (s, e), ids in entities.items() if len(ids) > 1]
    assert shared == []
