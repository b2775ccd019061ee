"""CSV and TSV reader: every text cell (or the named columns) of a job-posting export, by row and column.

The csv module does not say where a cell starts, so a small RFC 4180 scanner here does: each
cell becomes a segment mapped back to the file, multi-line quoted cells and doubled quotes
included, and findings carry both the line/column in the file and "row 17 › title". The
header row names the columns; a title column is scope job.title, a description column is
job.description (and is read as HTML when it holds HTML, as ATS exports often do).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Sequence

from cxlint.errors import InputFailure
from cxlint.extract.jsonfile import DESCRIPTION_KEYS, TITLE_KEYS, JString, normal_key, prose_segments
from cxlint.extract.pieces import TextBuilder
from cxlint.model import Document, Scope, SourceMap

_HAS_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Cell:
    __slots__ = ("text", "start", "mapping", "text_start")
    text: str
    start: int  # source offset of the cell (its opening quote, if quoted)
    # Most cells are a plain slice of the source (text_start on); only cells with doubled
    # quotes or text after the closing quote need a map of their own. Building one for every
    # cell cost 400 bytes a cell: a file of 5 million empty cells took 2 GB.
    mapping: SourceMap | None
    text_start: int

    @property
    def source_map(self) -> SourceMap:
        return self.mapping if self.mapping is not None else SourceMap.shifted(self.text_start)


def read_csv(path: str, text: str, notices: tuple[str, ...] = (), options: dict | None = None) -> Document:
    return _read(path, text, _delimiter(text), "csv", notices, options or {})


def read_tsv(path: str, text: str, notices: tuple[str, ...] = (), options: dict | None = None) -> Document:
    return _read(path, text, "\t", "tsv", notices, options or {})


def _delimiter(text: str) -> str:
    # Spreadsheets in locales with a decimal comma export CSV with semicolons.
    first = text.split("\n", 1)[0]
    if "," not in first and ";" in first:
        return ";"
    return ","


def _read(path: str, text: str, delim: str, fmt: str, notices: tuple[str, ...], options: dict) -> Document:
    extra = list(notices)
    records = scan(text, delim)
    header_row = next(records, None)
    if header_row is None:
        return Document(path=path, format=fmt, segments=(), source=text, notices=tuple(extra))
    header = _names([c.text for c in header_row])
    wanted = _wanted(header, options.get("columns") or (), path, extra)
    segments = []
    for row_number, row in enumerate(records, 2):  # the header is row 1, as a spreadsheet shows it
        for index, cell in enumerate(row):
            if wanted is not None and index not in wanted:
                continue
            if not _HAS_LETTER.search(cell.text):
                continue  # numbers, dates, ids: not prose
            name = header[index] if index < len(header) else f"column {index + 1}"
            scope = _scope(name)
            value = JString(cell.text, cell.start, cell.source_map)
            segments.extend(prose_segments(value, scope, f"row {row_number} › {name}",
                                           (("row", row_number), ("column", name))))
    return Document(path=path, format=fmt, segments=tuple(segments), source=text, notices=tuple(extra))


def _names(raw: Sequence[str]) -> list[str]:
    out = []
    for i, name in enumerate(raw, 1):
        name = " ".join(name.split())
        out.append(name or f"column {i}")
    return out


def _wanted(header: list[str], columns: Sequence[str], path: str, notices: list[str]) -> set[int] | None:
    if not columns:
        return None
    lookup = {name.casefold(): i for i, name in reversed(list(enumerate(header)))}
    found = {lookup[c.strip().casefold()] for c in columns if c.strip().casefold() in lookup}
    missing = [c for c in columns if c.strip().casefold() not in lookup]
    if not found:
        raise InputFailure(f"none of the columns {', '.join(columns)} is in the header ({', '.join(header)})")
    if missing:
        notices.append(f"{path}: no column {', '.join(missing)}; checked {', '.join(header[i] for i in sorted(found))}")
    return found


def _scope(column: str) -> Scope:
    key = normal_key(column)
    if key in TITLE_KEYS:
        return Scope.JOB_TITLE
    if key in DESCRIPTION_KEYS:
        return Scope.JOB_DESCRIPTION
    return Scope.TABLE_CELL


def scan(text: str, delim: str) -> Iterator[list[Cell]]:
    """Records of ``text`` as lists of cells, each knowing its position and its unquoting map."""
    n = len(text)
    i = 0
    unquoted = re.compile("[^" + re.escape(delim) + "\r\n]*")
    # Unrolled form of (?:[^"]|"")*: one character-class run at a time, fast on a 100 MB cell.
    quoted_body = re.compile(r'[^"]*(?:""[^"]*)*')
    row: list[Cell] = []
    while i < n:
        start = i
        if text[i] == '"':
            body_end = quoted_body.match(text, i + 1).end()
            after = body_end + 1 if body_end < n else n  # past the closing quote (none at EOF)
            # Text between a closing quote and the delimiter is kept, as the csv module does.
            end = unquoted.match(text, after).end()
            if end == after and text.find('""', i + 1, body_end) < 0:
                row.append(Cell(text[i + 1 : body_end], start, None, i + 1))
            else:
                b = TextBuilder()
                _unquote(b, text, i + 1, body_end)
                if end > after:
                    b.add(text[after:end], after)
                row.append(Cell(b.text, start, b.source_map(), 0))
            i = end
        else:
            end = unquoted.match(text, i).end()
            row.append(Cell(text[i:end], start, None, i))
            i = end
        if i >= n:
            break
        c = text[i]
        if c == delim:
            i += 1
            if i >= n:
                row.append(Cell("", i, None, i))
            continue
        # A record ends at \r\n, \n or \r.
        i += 2 if text.startswith("\r\n", i) else 1
        yield row
        row = []
    if row:
        yield row


def _unquote(b: TextBuilder, text: str, s: int, e: int) -> None:
    pos = s
    while True:
        j = text.find('""', pos, e)
        if j < 0:
            b.add(text[pos:e], pos)
            return
        b.add(text[pos:j], pos)
        b.replace('"', j, 2)
        pos = j + 2
