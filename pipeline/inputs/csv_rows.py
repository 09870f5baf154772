"""CSV rows with their line numbers, and the broken quote that would merge records silently.

A quote left open in one row runs its field on over the next lines: in

    id,title,text
    c1,Tin 1,"Sáng 6/2, Công an tỉnh Đồng Nai khám nghiệm hiện trường.
    c2,Tin 2,"Thượng tá Nguyễn Văn Hòa chỉ đạo điều tra."

the csv module reads one record c1 whose text holds row c2 as well, and c2 vanishes. The sign: a
record spans lines, and a line it swallowed is, on its own, a complete row (as many fields as the
header, quotes balanced). In a file whose other records span lines too (articles with paragraphs),
where a paragraph "Theo ông A, việc này …" may look like a row of two fields, the swallowed row
must also hold a quoted field, as every record of such a file does. The broken record is reported
with its line number, and reading starts again on the line after it, so every other row is kept.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int  # 1-based line of the file where the row starts
    fields: list[str]


@dataclass(frozen=True, slots=True)
class BrokenQuote:
    line: int  # the line whose quote is never closed
    swallowed: tuple[int, int]  # the lines its field ran on over (first, last)


def _complete_row(line: str, width: int, quoted: bool) -> bool:
    """A line that is, by itself, a whole row of `width` fields with its quotes closed (and, if
    `quoted`, a field in quotes)."""
    if line.count('"') % 2 or (quoted and not re.search(r'(?:^|,)\s*"', line)):
        return False
    fields = next(csv.reader([line]), [])
    return len(fields) == width


def csv_rows(text: str) -> tuple[list[str], Iterator[CsvRow | BrokenQuote]]:
    """(header, rows): each row with the line it starts on; a broken quote in place of its row."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # old Mac exports end lines with \r
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    header_reader = csv.reader(lines)
    header = next(header_reader, [])
    first = header_reader.line_num
    spans = _multi_line_records(lines[first:])
    return header, _rows(lines, first, len(header), quoted=spans > 1)


def _multi_line_records(lines: list[str]) -> int:
    reader = csv.reader(lines)
    count, previous = 0, 0
    for _ in reader:
        count += reader.line_num - previous > 1
        previous = reader.line_num
    return count


def _rows(lines: list[str], pos: int, width: int, quoted: bool) -> Iterator[CsvRow | BrokenQuote]:
    """Rows from line index `pos` on; after a broken quote, a fresh reader starts on the next line."""
    while pos < len(lines):
        reader = csv.reader(lines[pos:])
        consumed = 0
        restart = None
        for fields in reader:
            start, end = pos + consumed, pos + reader.line_num
            consumed = reader.line_num
            if not fields:
                continue  # a blank line
            swallowed = range(start + 1, end)
            if len(swallowed) and any(_complete_row(lines[i], width, quoted) for i in swallowed):
                yield BrokenQuote(start + 1, (start + 2, end))
                restart = start + 1
                break
            yield CsvRow(start + 1, fields)
        if restart is None:
            return
        pos = restart
