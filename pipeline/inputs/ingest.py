"""Stage: read input files of every supported format into `RawDocument` records.

Readers are generators, so a large JSONL (or .jsonl.gz) is streamed, never loaded whole.
Anything that cannot be read becomes an `ErrorRecord` yielded in the same stream: the run goes on
and nothing is lost silently.

`doc_id` (the contract): the record's `id` when it has one; otherwise the file's path relative to
the INPUT it was found under, without its extension (plus ":<row>" for files holding many records).
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path, PurePosixPath

from charset_normalizer import from_bytes

from pipeline.core.records import ErrorRecord, RawDocument
from pipeline.inputs.conll import CONLL_SUFFIXES, annotations_from_json, looks_like_conll, read_conll_text
from pipeline.inputs.pretokenized import detokenize_text, looks_pretokenized
from pipeline.inputs.csv_rows import BrokenQuote, csv_rows
from pipeline.inputs.remote import RemoteFile, is_url, remote_input_files

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".jsonl.gz", ".jsonl", ".json", ".csv", ".parquet")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES + CONLL_SUFFIXES
TEXT_FIELDS = ("text", "content", "body")

Item = RawDocument | ErrorRecord


def suffix_of(path: Path | str) -> str | None:
    name = (path.name if hasattr(path, "name") else PurePosixPath(path).name).lower()
    return next((s for s in SUPPORTED_SUFFIXES if name.endswith(s)), None)


def iter_input_files(inputs: Iterable[Path | str], follow_symlinks: bool = False
                     ) -> Iterator[tuple[Path | RemoteFile, str] | ErrorRecord]:
    """(file, its path relative to the INPUT it was found under) for every supported file, folders
    walked in sorted order, symlink loops skipped; fsspec URLs (s3://…, memory://…) walked with fsspec.

    A symbolic link that leads outside every INPUT folder ("data/raw/x.txt" → "/etc/passwd") is not
    followed unless `follow_symlinks`: it is yielded as a `SymlinkOutsideInput` error instead.
    Links that stay inside an INPUT are followed."""
    inputs = list(inputs)
    roots = [os.path.realpath(r) for r in inputs if not is_url(r)]
    for root in inputs:
        if is_url(root):
            yield from remote_input_files(root, suffix_of)
            continue
        root = Path(root)
        if root.is_file():
            yield root, root.name
            continue
        seen_dirs: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            st = os.stat(dirpath)
            if (st.st_dev, st.st_ino) in seen_dirs:  # a symlink loop: don't walk it twice
                dirnames[:] = []
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            kept = []
            for d in sorted(d for d in dirnames if not d.startswith(".")):
                outside = None if follow_symlinks else _link_outside(Path(dirpath) / d, roots)
                if outside is None:
                    kept.append(d)
                else:
                    yield _symlink_error(root, Path(dirpath) / d, outside)
            dirnames[:] = kept
            for name in sorted(filenames):
                path = Path(dirpath) / name
                if name.startswith(".") or not suffix_of(path):
                    continue
                outside = None if follow_symlinks else _link_outside(path, roots)
                if outside is not None:
                    yield _symlink_error(root, path, outside)
                elif not path.exists():  # a link to nothing
                    rel = path.relative_to(root).as_posix()
                    yield ErrorRecord(rel, relative_id(rel), "ingest", "BrokenSymlink",
                                      f"symbolic link to {os.readlink(path)}, which does not exist")
                else:
                    yield path, path.relative_to(root).as_posix()


def _link_outside(path: Path, roots: list[str]) -> str | None:
    """Where a symbolic link (or a path through one) leads, when that is outside every root; else None."""
    target = os.path.realpath(path)
    if any(target == r or target.startswith(r.rstrip(os.sep) + os.sep) for r in roots):
        return None
    return target


def _symlink_error(root: Path, path: Path, target: str) -> ErrorRecord:
    rel = path.relative_to(root).as_posix()
    return ErrorRecord(rel, relative_id(rel), "ingest", "SymlinkOutsideInput",
                       f"symbolic link to {target}, outside the input folder(s): not read "
                       "(--follow-symlinks reads it)")


def relative_id(rel: str) -> str:
    """doc_id of a file: its path relative to the INPUT, without the extension."""
    suffix = suffix_of(rel) or PurePosixPath(rel).suffix
    return rel[: -len(suffix)] if suffix else rel


# Mostly valid UTF-8 with a few broken bytes is UTF-8 damaged in transit, not another encoding:
# decode it with replacement characters (and report it) rather than guessing an encoding.
MAX_REPLACED_FRACTION = 0.01


def decode_bytes(data: bytes) -> tuple[str, str, int]:
    """Decode a file's bytes: BOMs, UTF-16, UTF-8 (strict, then with replacement when only a few
    bytes are broken), then charset-normalizer's best guess (Windows-1258, …).

    Returns (text, encoding, number of replaced characters). Raises UnicodeDecodeError when the
    bytes are not text at all.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
        return text, "utf-8-sig", text.count("\ufffd")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        return text, "utf-16", text.count("\ufffd")
    if b"\x00" in data[:4096]:
        if not _looks_utf16(data):
            nuls = data.count(0)
            if nuls > max(4, MAX_REPLACED_FRACTION * len(data)):
                raise UnicodeDecodeError("binary", data[:16], 0, 1, "NUL bytes: not a text file")
            text, encoding, replaced = decode_bytes(data.replace(b"\x00", b""))  # stray NULs in text
            return text, encoding, replaced + nuls
        codec = "utf-16-le" if data[1:4096:2].count(0) > data[0:4096:2].count(0) else "utf-16-be"
        text = data.decode(codec, errors="replace")
        return text, codec, text.count("\ufffd")
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    replaced = lenient.count("\ufffd")
    if replaced <= max(4, MAX_REPLACED_FRACTION * len(lenient)):
        return lenient, "utf-8", replaced
    best = from_bytes(data).best()
    if best is None:
        raise UnicodeDecodeError("unknown", data[:16], 0, 1, "no text encoding fits these bytes")
    return str(best), best.encoding, 0


def _replacement_error(source: str, doc_id: str, replaced: int) -> ErrorRecord:
    """Reported beside the document (which is still processed): some bytes were not valid text."""
    return ErrorRecord(source, doc_id, "ingest", "DecodedWithReplacement",
                       f"{replaced} invalid byte sequence(s) replaced by U+FFFD; the document was processed")


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of ASCII-heavy text is NUL."""
    sample = data[:4096]
    return sample.count(b"\x00") > len(sample) // 3 and (
        sample[1::2].count(0) > len(sample) // 3 or sample[0::2].count(0) > len(sample) // 3)


def parse_date(value) -> date | None:
    """A published date from ISO strings, "dd/mm/yyyy", datetimes or epoch seconds; None if unclear."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and value == value:
        try:
            return datetime.utcfromtimestamp(value / 1000 if value > 1e11 else value).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(text[:10], fmt).date()
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def record_to_document(rec: dict, fallback_id: str, source: str) -> Item:
    """Map one JSON/CSV/Parquet record to a RawDocument, or an ErrorRecord when it has no text."""
    raw_id = rec.get("id")
    doc_id = str(raw_id) if raw_id not in (None, "") and raw_id == raw_id else fallback_id
    text = next((rec[f] for f in TEXT_FIELDS if isinstance(rec.get(f), str)), None)
    if text is None or not text.strip():
        kind = "MissingText" if text is None else "EmptyDocument"
        return ErrorRecord(source, doc_id, "ingest", kind,
                           f"record has no non-empty text field ({', '.join(TEXT_FIELDS)})")
    authors = rec.get("authors") or rec.get("author") or ()
    if isinstance(authors, str):
        authors = (authors,)
    return RawDocument(
        doc_id=doc_id, source=str(rec.get("source") or source), text=text,
        title=_str_or_none(rec.get("title")), published=parse_date(rec.get("published")),
        url=_str_or_none(rec.get("url")), authors=tuple(str(a) for a in authors if a),
        annotations=annotations_from_json(rec.get("entities"), text),
    )


def _str_or_none(value) -> str | None:
    return str(value) if isinstance(value, str) and value.strip() else None


# ---------------------------------------------------------------------------------- readers

_MARKDOWN_HEADING_RE = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)


def read_text_file(path: Path, doc_id: str, source: str) -> Iterator[Item]:
    text, _, replaced = decode_bytes(path.read_bytes())
    if replaced:
        yield _replacement_error(source, doc_id, replaced)
    if path.suffix.lower() == ".txt" and looks_like_conll(text):  # one token per line: a CoNLL file
        yield from read_conll_text(text, doc_id, source)
        return
    if path.suffix.lower() == ".md":
        text = _MARKDOWN_HEADING_RE.sub("", text)  # "# Tiêu đề" is a headline, not "#" + headline
    if not text.strip():
        yield ErrorRecord(source, doc_id, "ingest", "EmptyDocument", "file holds no text")
        return
    yield RawDocument(doc_id=doc_id, source=source, text=text)


def read_html_file(path: Path, doc_id: str, source: str) -> Iterator[Item]:
    from pipeline.inputs.html_extract import extract_article  # trafilatura is slow to import: only when needed

    html, _, replaced = decode_bytes(path.read_bytes())
    if replaced:
        yield _replacement_error(source, doc_id, replaced)
    article = extract_article(html)
    if article is None or not article.text.strip():
        yield ErrorRecord(source, doc_id, "ingest", "NoArticleText", "no main article text found in the HTML page")
        return
    yield RawDocument(doc_id=doc_id, source=source, text=article.text, title=article.title,
                      published=parse_date(article.date), url=article.url,
                      authors=tuple(article.authors))


def read_jsonl_file(path: Path, doc_id: str, source: str) -> Iterator[Item]:
    gzipped = path.name.lower().endswith(".gz")
    line_no = 0
    try:
        with path.open("rb") as raw, (gzip.open(raw) if gzipped else nullcontext(raw)) as f:
            for line_no, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    yield ErrorRecord(source, f"{doc_id}:{line_no}", "ingest", type(exc).__name__,
                                      f"line {line_no}: not valid JSON ({exc})")
                    continue
                if not isinstance(rec, dict):
                    yield ErrorRecord(source, f"{doc_id}:{line_no}", "ingest", "NotAnObject",
                                      f"line {line_no}: a JSON {type(rec).__name__}, not an object")
                    continue
                yield record_to_document(rec, f"{doc_id}:{line_no}", source)
    except (EOFError, OSError, gzip.BadGzipFile) as exc:  # truncated or corrupt .gz
        yield ErrorRecord(source, doc_id, "ingest", type(exc).__name__,
                          f"stopped reading after line {line_no}: {exc}")


def read_json_file(path: Path, doc_id: str, source: str) -> Iterator[Item]:
    text, _, replaced = decode_bytes(path.read_bytes())
    if replaced:
        yield _replacement_error(source, doc_id, replaced)
    stripped = text.lstrip()
    if stripped.startswith("{") and "\n{" in stripped:  # JSON Lines saved as .json
        yield from read_jsonl_file(path, doc_id, source)
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ErrorRecord(source, doc_id, "ingest", "JSONDecodeError", str(exc))
        return
    if isinstance(data, dict):
        yield record_to_document(data, doc_id, source)
    elif isinstance(data, list):
        for i, rec in enumerate(data, start=1):
            if isinstance(rec, dict):
                yield record_to_document(rec, f"{doc_id}:{i}", source)
            else:
                yield ErrorRecord(source, f"{doc_id}:{i}", "ingest", "NotAnObject", f"item {i} is not an object")
    else:
        yield ErrorRecord(source, doc_id, "ingest", "NotAnObject", "JSON is neither an object nor a list")


def read_csv_file(path: Path, doc_id: str, source: str) -> Iterator[Item]:
    text, _, replaced = decode_bytes(path.read_bytes())
    if replaced:
        yield _replacement_error(source, doc_id, replaced)
    csv.field_size_limit(1 << 30)
    header, rows = csv_rows(text)
    columns = [c.strip().lower() for c in header]
    if not any(f in columns for f in TEXT_FIELDS):
        yield ErrorRecord(source, doc_id, "ingest", "MissingTextColumn",
                          f"CSV has no text column (one of {', '.join(TEXT_FIELDS)}); columns: {columns}")
        return
    for i, row in enumerate(rows, start=1):
        if isinstance(row, BrokenQuote):
            first, last = row.swallowed
            yield ErrorRecord(source, f"{doc_id}:{i}", "ingest", "UnterminatedQuote",
                              f"line {row.line}: a quote is never closed, so the field ran on over lines "
                              f"{first}-{last}, which hold other rows; this row is skipped, the others are read")
            continue
        rec = dict(zip(columns, row.fields))
        yield record_to_document(rec, f"{doc_id}:{i}", source)


def read_parquet_file(path: Path, doc_id: str, source: str) -> Iterator[Item]:
    import pyarrow.parquet as pq

    with path.open("rb") as handle:
        pf = pq.ParquetFile(handle)
        columns = [c.lower() for c in pf.schema_arrow.names]
        if not any(f in columns for f in TEXT_FIELDS):
            yield ErrorRecord(source, doc_id, "ingest", "MissingTextColumn",
                              f"Parquet file has no text column; columns: {columns}")
            return
        row = 0
        for batch in pf.iter_batches(batch_size=1000):
            for rec in batch.to_pylist():
                row += 1
                yield record_to_document({k.lower(): v for k, v in rec.items()}, f"{doc_id}:{row}", source)


def read_conll_file(path: Path, doc_id: str, source: str) -> Iterator[Item]:
    text, _, replaced = decode_bytes(path.read_bytes())
    if replaced:
        yield _replacement_error(source, doc_id, replaced)
    yield from read_conll_text(text, doc_id, source)


def running_text(item: Item, pretokenized: bool | None) -> Item:
    """A word-segmented or tokenized document as running text (`pipeline.inputs.pretokenized`):
    when `pretokenized` is True, or None and the text looks it. CoNLL documents already are."""
    if not isinstance(item, RawDocument) or item.annotations or pretokenized is False:
        return item
    if pretokenized is None and not looks_pretokenized(item.text):
        return item
    title = detokenize_text(item.title) if item.title else None
    return replace(item, text=detokenize_text(item.text), title=title)


READERS = {
    ".txt": read_text_file, ".md": read_text_file,
    ".html": read_html_file, ".htm": read_html_file,
    ".jsonl": read_jsonl_file, ".jsonl.gz": read_jsonl_file, ".json": read_json_file,
    ".csv": read_csv_file, ".parquet": read_parquet_file,
    ".conll": read_conll_file, ".iob": read_conll_file,
}


def read_inputs(inputs: Iterable[Path | str], pretokenized: bool | None = None,
                follow_symlinks: bool = False) -> Iterator[Item]:
    """Every document (or error) from every supported file under the given inputs, in a stable order.
    `pretokenized`: True forces word-segmented/tokenized text back to running text, None detects it.
    Symbolic links that lead outside the inputs are reported, not read, unless `follow_symlinks`."""
    for found in iter_input_files(inputs, follow_symlinks):
        if isinstance(found, ErrorRecord):
            yield found
            continue
        path, source = found
        doc_id = relative_id(source)
        reader = READERS[suffix_of(path)]
        try:
            yield from (running_text(item, pretokenized) for item in reader(path, doc_id, source))
        except UnicodeDecodeError as exc:
            yield ErrorRecord(source, doc_id, "ingest", "UndecodableBytes", exc.reason)
        except Exception as exc:  # one unreadable file never stops the run
            yield ErrorRecord(source, doc_id, "ingest", type(exc).__name__, str(exc)[:500])
