"""Readers through the command line: locations in every output, failing files next to good ones, --columns, stdin."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import docx
import msoffcrypto.format.ooxml
import pytest
from click.testing import CliRunner
from fpdf import FPDF
from pptx import Presentation

from cxlint.cli import main
from extract.reader_support import PACK

OWN_PACK = ["--no-builtin", "--pack", str(PACK)]


def cli(*args, input=None):
    return CliRunner().invoke(main, ["check", *OWN_PACK, *args], input=input, catch_exceptions=False)


def deck_bytes() -> bytes:
    prs = Presentation()
    for title in ("Agenda", "Team", "Roles", "Customer Experience Representative of the month"):
        prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = title
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def docx_bytes(text: str) -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def pdf_bytes(pages: list[str], **encryption) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.cell(text=text)
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "deck.pptx").write_bytes(deck_bytes())
    (tmp_path / "policy.docx").write_bytes(docx_bytes("Call a customer experience agent."))
    (tmp_path / "report.pdf").write_bytes(pdf_bytes(["Intro", "Ask any customer experience advisor"]))
    (tmp_path / "jobs.csv").write_text("id,title\n1,x\n2,Customer Experience Specialist\n")
    (tmp_path / "notes.docx").write_text("not really a word document")
    (tmp_path / "cut.pptx").write_bytes(deck_bytes()[:5000])
    enc = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(docx_bytes("secret"))).encrypt("pw", enc)
    (tmp_path / "locked.docx").write_bytes(enc.getvalue())
    (tmp_path / "locked.pdf").write_bytes(pdf_bytes(["secret"], owner_password="o", user_password="u"))
    (tmp_path / "cut.pdf").write_bytes(pdf_bytes(["x"])[:400])
    return tmp_path


BAD = {
    "cut.pdf": "corrupt or truncated PDF",
    "cut.pptx": "corrupt or truncated .pptx file",
    "locked.docx": "encrypted (password-protected) .docx file",
    "locked.pdf": "encrypted PDF (password required)",
    "notes.docx": "not a .docx file (not a zip package)",
}


def test_failing_files_are_one_line_each_and_the_others_are_checked(folder):
    result = cli("--format", "json", str(folder))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    errors = {e["path"].rsplit("/", 1)[-1]: e["message"] for e in report["errors"]}
    assert set(errors) == set(BAD)
    for name, start in BAD.items():
        assert errors[name].startswith(start) and "\n" not in errors[name]
    found = {(f["path"].rsplit("/", 1)[-1], f["match"]) for f in report["findings"]}
    assert found == {
        ("deck.pptx", "Customer Experience Representative"),
        ("policy.docx", "customer experience agent"),
        ("report.pdf", "customer experience advisor"),
        ("jobs.csv", "Customer Experience Specialist"),
    }
    assert report["summary"]["errors"] == 5 and report["summary"]["files"] == 4


def test_json_locations(folder):
    report = json.loads(cli("--format", "json", str(folder)).stdout)
    by_file = {f["path"].rsplit("/", 1)[-1]: f for f in report["findings"]}
    deck = by_file["deck.pptx"]
    assert (deck["line"], deck["column"]) == (None, None)
    assert deck["location"] == {"slide": 4, "shape": "Title 1", "paragraph": 1, "anchor": "slide 4 › Title 1"}
    assert deck["severity"] == "error" and deck["scope"] == "title"
    assert by_file["report.pdf"]["location"] == {"page": 2, "anchor": "page 2"}
    assert by_file["policy.docx"]["location"] == {"paragraph": 1, "anchor": "paragraph 1"}
    csv = by_file["jobs.csv"]
    assert (csv["line"], csv["column"], csv["end_column"]) == (3, 3, 33)
    assert csv["location"] == {"row": 3, "column": "title", "anchor": "row 3 › title"}
    assert csv["severity"] == "error" and csv["scope"] == "job.title"


def test_text_output_names_places_and_failures(folder):
    result = cli("--format", "text", str(folder))
    out = result.stdout
    assert f"{folder / 'deck.pptx'}:slide 4 › Title 1: error CX901" in out
    assert f"{folder / 'report.pdf'}:page 2: warning CX901" in out
    assert f"{folder / 'jobs.csv'}:3:3: error CX901" in out
    assert f"{folder / 'locked.pdf'}: error CX001 encrypted PDF (password required)" in out


@pytest.mark.parametrize("columns, expected", [
    ("title", ["Customer Experience Agent"]),
    ("Team,title", ["Customer Experience Agent", "customer experience advisor"]),
    ("salary", []),
])
def test_columns_option(tmp_path, columns, expected):
    path = tmp_path / "jobs.csv"
    path.write_text("title,team,notes\nCustomer Experience Agent,customer experience advisor,customer experience rep\n")
    report = json.loads(cli("--format", "json", "--columns", columns, str(path)).stdout)
    assert [f["match"] for f in report["findings"]] == expected
    if not expected:
        assert report["errors"][0]["message"].startswith("none of the columns salary is in the header")


@pytest.mark.parametrize("name, data, match", [
    ("deck.pptx", deck_bytes(), "Customer Experience Representative"),
    ("jobs.csv", b"title\nCustomer Experience Agent\n", "Customer Experience Agent"),
    ("page.html", b"<p>Hello</p><h1>Customer <i>Experience</i> Agent</h1>", "Customer <i>Experience</i> Agent"),
    ("posting.json", b'{"@type": "JobPosting", "title": "Customer Experience Agent"}', "Customer Experience Agent"),
])
def test_stdin_filename_decides_the_format(name, data, match):
    result = cli("--format", "json", "--stdin-filename", name, "-", input=data)
    report = json.loads(result.stdout)
    assert [(f["path"], f["match"], f["severity"]) for f in report["findings"]] == [(name, match, "error")]


def test_office_libraries_are_imported_only_for_office_files(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("# Hi\n\nA customer experience agent.\n")
    code = (
        "import sys; from cxlint.app import RunOptions, run\n"
        f"r = run(RunOptions(paths=({str(md)!r},), builtin=False, packs=({str(PACK)!r},)))\n"
        "assert len(r.findings) == 1, r\n"
        "print(sorted(m for m in ('pptx', 'docx', 'pypdf', 'lxml', 'cxlint.extract.pdf') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
