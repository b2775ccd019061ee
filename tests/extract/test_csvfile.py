"""The CSV/TSV reader: every text cell or named columns, multi-line quoted cells, row and column, line and column."""

from __future__ import annotations

import csv
import io

import pytest

from cxlint.errors import InputFailure
from cxlint.extract.csvfile import read_csv, read_tsv, scan
from cxlint.model import LineIndex, Scope, Severity
from extract.reader_support import lint, where

EXPORT = (
    'req_id,Job Title,Description,Location,Openings\r\n'
    '101,Customer Experience Agent,"Answer chats.\r\nEscalate to a ""senior""\r\ncustomer experience\r\nspecialist when needed.",Leeds,3\r\n'
    '102,Head of Customer Experience,"<p>Lead the <b>customer experience</b> associate team.</p>",Remote,1\r\n'
    '103,Night lead,Coach each customer experience rep,"York, customer experience advisor hub",2\r\n'
)


def located(text: str, options: dict | None = None, reader=read_csv) -> list[tuple]:
    out = []
    for f in lint(reader("jobs.csv", text, options=options)):
        loc = f.location
        start = LineIndex(text).line_start(loc.line) + loc.column - 1
        assert text[start:].startswith(f.match)
        out.append((" ".join(f.match.split()), loc.line, loc.column, loc.anchor, where(f), f.scope, f.severity))
    return out


def test_every_text_cell_with_row_column_line_and_scope():
    assert located(EXPORT) == [
        ("Customer Experience Agent", 2, 5, "row 2 › Job Title", {"row": 2, "column": "Job Title"},
         Scope.JOB_TITLE, Severity.ERROR),
        ("customer experience specialist", 4, 1, "row 2 › Description", {"row": 2, "column": "Description"},
         Scope.JOB_DESCRIPTION, Severity.WARNING),
        ("customer experience</b> associate", 6, 49, "row 3 › Description", {"row": 3, "column": "Description"},
         Scope.JOB_DESCRIPTION, Severity.WARNING),
        ("customer experience rep", 7, 27, "row 4 › Description", {"row": 4, "column": "Description"},
         Scope.JOB_DESCRIPTION, Severity.WARNING),
        ("customer experience advisor", 7, 58, "row 4 › Location", {"row": 4, "column": "Location"},
         Scope.TABLE_CELL, Severity.WARNING),
    ]


@pytest.mark.parametrize("columns, expected", [
    (["job title"], ["Customer Experience Agent"]),
    (["Location", "DESCRIPTION"], ["customer experience specialist", "customer experience</b> associate",
                                   "customer experience rep", "customer experience advisor"]),
])
def test_named_columns_only(columns, expected):
    assert [m for m, *_ in located(EXPORT, {"columns": columns})] == expected


def test_unknown_columns():
    with pytest.raises(InputFailure, match=r"^none of the columns salary is in the header \(req_id, Job Title,"):
        read_csv("jobs.csv", EXPORT, options={"columns": ["salary"]})
    doc = read_csv("jobs.csv", EXPORT, options={"columns": ["salary", "Job Title"]})
    assert doc.notices == ("jobs.csv: no column salary; checked Job Title",)


def test_tsv_and_semicolon_exports():
    tsv = "title\tteam\nCustomer Experience Agent\tcare\n"
    assert [(m, line) for m, line, *_ in located(tsv, reader=read_tsv)] == [("Customer Experience Agent", 2)]
    semi = "title;team\nx;a customer experience rep\n"
    assert [(a, w) for _, _, _, a, w, *_ in located(semi)] == [("row 2 › team", {"row": 2, "column": "team"})]


CSV_SAMPLES = [
    "a,b\n1,2\n",
    'a,"b\nc"\n"x""y",z',
    'a,b\r\n"",\r\n,\r\n',
    'a\n"unterminated\n',
    "only-header",
    '"q"junk,next\n',
    "a,b,\n1,2,3,4\n",
]


@pytest.mark.parametrize("text", CSV_SAMPLES)
def test_scanner_agrees_with_the_csv_module(text):
    ours = [[c.text for c in row] for row in scan(text, ",")]
    theirs = list(csv.reader(io.StringIO(text, newline="")))
    assert ours == theirs


def test_numbers_and_dates_are_not_prose():
    doc = read_csv("n.csv", "id,when,title\n12,2024-01-02,Agent\n")
    assert [(s.text, dict(s.where)["column"]) for s in doc.segments] == [("Agent", "title")]
