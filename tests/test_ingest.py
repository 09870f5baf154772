"""Readers, encodings and bad input: every document is read or reported, never lost silently."""
import gzip
import json
import unicodedata
import zlib

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.inputs.ingest import decode_bytes, read_inputs
from pipeline.core.records import ErrorRecord, RawDocument

ARTICLE = ("Sáng 6/2, Công an tỉnh Đồng Nai phối hợp Công an huyện Trảng Bom khám nghiệm hiện trường, "
           "điều tra vụ việc. Thượng tá Nguyễn Văn Hòa, Phó Giám đốc Công an tỉnh chỉ đạo.")
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def encode_windows_1258(text: str) -> bytes:
    """Windows-1258 stores tone marks as combining characters after the base letter."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += base.encode("cp1258") + "".join(c for c in parts if c in TONES).encode("cp1258")
    return bytes(out)


def read_all(tmp_path):
    return list(read_inputs([tmp_path]))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "windows-1258"])
def test_encodings_decode_to_the_same_text(tmp_path, encoding):
    data = encode_windows_1258(ARTICLE) if encoding == "windows-1258" else ARTICLE.encode(encoding)
    (tmp_path / "bai.txt").write_bytes(data)
    [doc] = read_all(tmp_path)
    assert isinstance(doc, RawDocument)
    assert unicodedata.normalize("NFC", doc.text) == ARTICLE
    assert doc.doc_id == "bai"


def test_doc_id_is_relative_path_without_extension(tmp_path):
    (tmp_path / "quoc-phong").mkdir()
    (tmp_path / "quoc-phong" / "bai-1.md").write_text(ARTICLE, encoding="utf-8")
    [doc] = read_all(tmp_path)
    assert doc.doc_id == "quoc-phong/bai-1"


def test_jsonl_gz_is_streamed_with_ids_and_metadata(tmp_path):
    with gzip.open(tmp_path / "tin.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "a1", "title": "Tiêu đề", "content": ARTICLE, "published": "2023-02-06"}) + "\n")
        f.write(json.dumps({"body": ARTICLE}) + "\n")
    a, b = read_all(tmp_path)
    assert (a.doc_id, a.title, str(a.published)) == ("a1", "Tiêu đề", "2023-02-06")
    assert b.doc_id == "tin:2" and b.text == ARTICLE


def test_csv_and_parquet_rows_are_documents(tmp_path):
    (tmp_path / "bang.csv").write_text(f'id,title,text\nc1,Tiêu đề,"{ARTICLE}"\n', encoding="utf-8")
    pq.write_table(pa.table({"id": ["p1"], "text": [ARTICLE]}), tmp_path / "bang.parquet")
    ids = [d.doc_id for d in read_all(tmp_path)]
    assert ids == ["c1", "p1"]


def test_html_main_text_title_date_and_author(tmp_path):
    html = f"""<html><head><title>Tin | Báo</title><meta name="author" content="Minh Khang">
    <meta property="article:published_time" content="2023-12-20T08:30:00+07:00"></head><body>
    <nav><a href="/">Trang chủ</a> <a href="/x">Quốc phòng</a></nav>
    <article><h1>Công an tỉnh Đồng Nai điều tra vụ việc</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article>
    <footer>Giấy phép số 01/GP-BTTTT</footer></body></html>"""
    (tmp_path / "trang.html").write_text(html, encoding="utf-8")
    [doc] = read_all(tmp_path)
    assert ARTICLE in doc.text and "Trang chủ" not in doc.text and "Giấy phép" not in doc.text
    assert str(doc.published) == "2023-12-20"
    assert doc.authors == ("Minh Khang",)


@pytest.mark.parametrize("name, content, error", [
    ("rong.txt", b"", "EmptyDocument"),
    ("khoang-trang.txt", b"   \n\n  ", "EmptyDocument"),
    ("nhi-phan.txt", bytes(range(256)) * 8, "UndecodableBytes"),
    ("khong-cot.csv", "tieu_de,ngay\nA,2023\n".encode(), "MissingTextColumn"),
    ("trong.html", b"<html><body><nav>Menu</nav></body></html>", "NoArticleText"),
])
def test_bad_files_become_errors(tmp_path, name, content, error):
    (tmp_path / name).write_bytes(content)
    [item] = read_all(tmp_path)
    assert isinstance(item, ErrorRecord)
    assert item.error == error and item.stage == "ingest" and item.source == name


def test_broken_jsonl_line_is_reported_and_good_lines_kept(tmp_path):
    lines = [json.dumps({"id": "ok1", "text": ARTICLE}), "{khong phai json", json.dumps({"id": "ok2", "text": ARTICLE})]
    (tmp_path / "tin.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = read_all(tmp_path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "ErrorRecord", "RawDocument"]
    assert "line 2" in items[1].message


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    data = gzip.compress("".join(json.dumps({"id": f"d{i}", "text": ARTICLE}) + "\n" for i in range(200)).encode())
    cut = data[: len(data) // 2]
    (tmp_path / "cut.jsonl.gz").write_bytes(cut)
    complete_lines = zlib.decompressobj(wbits=31).decompress(cut).count(b"\n")  # what the cut leaves whole
    assert 0 < complete_lines < 200
    *documents, error = read_all(tmp_path)
    assert [d.doc_id for d in documents] == [f"d{i}" for i in range(complete_lines)]
    assert all(isinstance(d, RawDocument) and d.text == ARTICLE for d in documents)
    assert (error.source, error.doc_id, error.stage, error.error) == ("cut.jsonl.gz", "cut", "ingest", "EOFError")
    assert error.message.startswith(f"stopped reading after line {complete_lines}: ")


def test_utf16_without_bom_is_text_not_binary():
    text, _, _ = decode_bytes(ARTICLE.encode("utf-16-le"))
    assert text == ARTICLE


def test_a_few_broken_utf8_bytes_are_replaced_and_reported(tmp_path):
    data = ARTICLE.encode("utf-8")
    (tmp_path / "hong.txt").write_bytes(data[:40] + b"\xff\xfe\xfa" + data[40:])
    warning, doc = read_all(tmp_path)
    assert warning.error == "DecodedWithReplacement" and warning.doc_id == "hong"
    assert "\ufffd" in doc.text and doc.text.endswith(ARTICLE[-30:])


def test_json_object_list_and_lines(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"id": "x", "text": ARTICLE}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([{"text": ARTICLE}, 3], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "c.json").write_text('"chỉ một chuỗi"', encoding="utf-8")
    (tmp_path / "d.json").write_text("\n".join(json.dumps({"id": f"l{i}", "text": ARTICLE}, ensure_ascii=False)
                                               for i in (1, 2)), encoding="utf-8")
    found = [(type(i).__name__, i.doc_id) for i in read_all(tmp_path)]
    assert found == [("RawDocument", "x"), ("RawDocument", "b:1"), ("ErrorRecord", "b:2"),
                     ("ErrorRecord", "c"), ("RawDocument", "l1"), ("RawDocument", "l2")]


def _folder_with_outside_links(tmp_path):
    """in/ holds an article, a link to a file outside, a link to a folder outside, a link inside
    and a symlink loop; outside/ holds a private file the run must not read."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "mat-khau.txt").write_text("root:x:0:0:mật khẩu bí mật", encoding="utf-8")
    (outside / "kho").mkdir()
    (outside / "kho" / "bi-mat.txt").write_text("tài liệu mật", encoding="utf-8")
    inside = tmp_path / "in"
    (inside / "bai").mkdir(parents=True)
    (inside / "bai" / "that.txt").write_text(ARTICLE, encoding="utf-8")
    (inside / "passwd.txt").symlink_to(outside / "mat-khau.txt")
    (inside / "kho-ngoai").symlink_to(outside / "kho", target_is_directory=True)
    (inside / "ban-sao.txt").symlink_to(inside / "bai" / "that.txt")  # inside the root: fine
    (inside / "bai" / "vong").symlink_to(inside, target_is_directory=True)  # a loop
    return inside


def test_symlinks_outside_the_input_are_reported_not_read(tmp_path):
    items = list(read_inputs([_folder_with_outside_links(tmp_path)]))
    texts = [i.text for i in items if isinstance(i, RawDocument)]
    assert not any("mật" in t for t in texts)
    assert sorted(i.doc_id for i in items if isinstance(i, RawDocument)) == ["bai/that", "ban-sao"]
    errors = {i.source: i for i in items if isinstance(i, ErrorRecord)}
    assert set(errors) == {"passwd.txt", "kho-ngoai"}
    assert all(e.error == "SymlinkOutsideInput" and "outside the input" in e.message for e in errors.values())


def test_follow_symlinks_reads_links_outside_the_input(tmp_path):
    items = list(read_inputs([_folder_with_outside_links(tmp_path)], follow_symlinks=True))
    assert not any(isinstance(i, ErrorRecord) for i in items)
    assert sorted(i.doc_id for i in items) == ["bai/that", "ban-sao", "kho-ngoai/bi-mat", "passwd"]


def test_a_link_into_another_input_root_is_inside_the_input(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (b / "tin.txt").write_text(ARTICLE, encoding="utf-8")
    (a / "lien-ket.txt").symlink_to(b / "tin.txt")
    assert [i.doc_id for i in read_inputs([a, b])] == ["lien-ket", "tin"]


SECOND = "Thượng tá Nguyễn Văn Hòa, Phó Giám đốc Công an tỉnh, chỉ đạo điều tra vụ việc."


def test_csv_broken_quote_is_reported_with_its_line_and_the_next_rows_are_kept(tmp_path):
    (tmp_path / "bang.csv").write_text(
        "id,title,text\n"
        f'c1,Tin 1,"{ARTICLE}"\n'
        f'c2,Tin 2,"{ARTICLE}\n'  # the quote is never closed
        f'c3,Tin 3,"{SECOND}"\n'
        f'c4,Tin 4,"{SECOND}"\n', encoding="utf-8")
    items = read_all(tmp_path)
    docs = {i.doc_id: i.text for i in items if isinstance(i, RawDocument)}
    assert docs == {"c1": ARTICLE, "c3": SECOND, "c4": SECOND}
    [error] = [i for i in items if isinstance(i, ErrorRecord)]
    assert error.error == "UnterminatedQuote" and error.doc_id == "bang:2"
    assert error.message.startswith("line 3:")


def test_csv_broken_quote_in_the_last_but_one_row_keeps_the_last(tmp_path):
    (tmp_path / "bang.csv").write_text(f'id,text\nc1,"{ARTICLE}\nc2,"{SECOND}"\n', encoding="utf-8")
    items = read_all(tmp_path)
    assert [(type(i).__name__, i.doc_id) for i in items] == [("ErrorRecord", "bang:1"), ("RawDocument", "c2")]
    assert items[1].text == SECOND


def test_csv_fields_that_span_lines_are_not_broken_quotes(tmp_path):
    paragraphs = ARTICLE.replace(". ", ".\n") + "\nTheo ông A, việc này cần làm rõ."
    (tmp_path / "bang.csv").write_text(f'id,text\nc1,"{paragraphs}"\nc2,"{paragraphs}"\n', encoding="utf-8")
    items = read_all(tmp_path)
    assert [(type(i).__name__, i.doc_id) for i in items] == [("RawDocument", "c1"), ("RawDocument", "c2")]
    assert items[0].text == paragraphs


def test_csv_with_old_mac_line_ends_is_read(tmp_path):
    (tmp_path / "mac.csv").write_bytes(f'id,text\r"m1","{ARTICLE}"\r"m2","{SECOND}"\r'.encode("utf-8"))
    assert [(i.doc_id, i.text) for i in read_all(tmp_path)] == [("m1", ARTICLE), ("m2", SECOND)]
