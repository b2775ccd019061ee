"""--fix inside the runs of real .docx and .pptx files: new text in place, every run keeps its formatting."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxlint.cli import main
from cxlint.fix_office import Wanted, fix_docx
from helpers import MINI_PACK

docx = pytest.importorskip("docx")
pptx = pytest.importorskip("pptx")

ARGS = ["check", "--no-builtin", "--pack", str(MINI_PACK), "--select", "CX201", "-f", "text"]


def cli(cwd: Path, monkeypatch, *args: str):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, [*ARGS, *args], catch_exceptions=False)


def make_docx(path: Path) -> None:
    d = docx.Document()
    d.add_heading("Customer Experience Agent wanted", level=1)
    p = d.add_paragraph()
    p.add_run("We're hiring a ")
    p.add_run("Customer Experience").bold = True
    p.add_run(" Representative").italic = True
    p.add_run(" to answer calls.")
    q = d.add_paragraph("Our ")
    q.add_run("CX agents").underline = True
    q.add_run(" help. Ask the Head of Customer Experience.")
    d.add_paragraph("Tabbed CX\tagent stays.")
    cell = d.add_table(rows=1, cols=2).cell(0, 1)
    cell.text = "Senior CX rep"
    d.sections[0].header.paragraphs[0].text = "Careers: CX associate roles"
    d.save(str(path))


def runs(paragraph) -> list[tuple[str, bool | None, bool | None, bool | None]]:
    return [(r.text, r.bold, r.italic, r.underline) for r in paragraph.runs]


def test_docx_round_trip_keeps_run_formatting(tmp_path, monkeypatch):
    path = tmp_path / "job.docx"
    make_docx(path)
    result = cli(tmp_path, monkeypatch, "--fix", "job.docx")
    assert "cxlint: fixed 5 issues in 1 file" in result.stderr
    assert "job.docx: 1 fix left: the match crosses a tab, break or field, or is alt text" in result.stderr
    # What is left is reported: the phrase with a tab inside.
    assert result.stdout.startswith("job.docx:paragraph 4: warning CX201 'CX agent'") and result.stdout.count("\n") == 1

    d = docx.Document(str(path))
    heading, body, other, tabbed = d.paragraphs[:4]
    assert heading.text == "Customer Service Agent wanted" and heading.style.name == "Heading 1"
    assert runs(body) == [
        ("We're hiring a ", None, None, None),
        ("Customer Service Representative", True, None, None),
        ("", None, True, None),
        (" to answer calls.", None, None, None),
    ]
    assert runs(other) == [("Our ", None, None, None), ("customer service agents", None, None, True),
                           (" help. Ask the Head of Customer Experience.", None, None, None)]
    assert tabbed.text == "Tabbed CX\tagent stays."
    assert d.tables[0].cell(0, 1).text == "Senior customer service rep"
    assert d.tables[0].cell(0, 0).text == ""
    assert d.sections[0].header.paragraphs[0].text == "Careers: customer service associate roles"


def test_docx_diff_shows_the_text_and_writes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "job.docx"
    make_docx(path)
    before = path.read_bytes()
    result = cli(tmp_path, monkeypatch, "--diff", "job.docx")
    assert path.read_bytes() == before and result.exit_code == 1
    assert "-We're hiring a Customer Experience Representative to answer calls.\n" in result.stdout
    assert "+We're hiring a Customer Service Representative to answer calls.\n" in result.stdout


def test_pptx_round_trip_keeps_run_formatting(tmp_path, monkeypatch):
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    prs = pptx.Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "CX Agent of the Month"
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1)).text_frame
    par = box.paragraphs[0]
    for text, bold, size in (("Meet our ", None, 18), ("Customer Experience", True, 24), (" Representatives", None, 20)):
        run = par.add_run()
        run.text, run.font.bold, run.font.size = text, bold, Pt(size)
    par.runs[2].font.color.rgb = RGBColor(0xC0, 0x10, 0x10)
    table = slide.shapes.add_table(1, 1, Inches(1), Inches(4), Inches(4), Inches(1)).table
    table.cell(0, 0).text = "Lead CX advisor"
    slide.notes_slide.notes_text_frame.text = "Thank the CX agents."
    path = tmp_path / "deck.pptx"
    prs.save(str(path))

    result = cli(tmp_path, monkeypatch, "--fix", "deck.pptx")
    assert "cxlint: fixed 4 issues in 1 file" in result.stderr and result.exit_code == 0

    slide = pptx.Presentation(str(path)).slides[0]
    assert slide.shapes.title.text == "Customer Service Agent of the Month"
    par = next(s for s in slide.shapes if s.has_text_frame and "Meet" in s.text_frame.text).text_frame.paragraphs[0]
    assert [(r.text, r.font.bold, r.font.size.pt) for r in par.runs] == [
        ("Meet our ", None, 18), ("Customer Service Representatives", True, 24), ("", None, 20)]
    assert par.runs[2].font.color.rgb == RGBColor(0xC0, 0x10, 0x10)
    table = next(s for s in slide.shapes if s.has_table).table
    assert table.cell(0, 0).text == "Lead customer service advisor"
    assert slide.notes_slide.notes_text_frame.text == "Thank the customer service agents."


def test_only_the_occurrence_with_the_right_neighbours_is_edited():
    d = docx.Document()
    d.add_paragraph("Old CX agents left. New CX agents joined.")
    buf = io.BytesIO()
    d.save(buf)
    out, n = fix_docx(buf.getvalue(), [Wanted("CX agents", "agents left new | joined", "service agents")])
    assert n == 1
    assert docx.Document(io.BytesIO(out)).paragraphs[0].text == "Old CX agents left. New service agents joined."
    same, none = fix_docx(buf.getvalue(), [Wanted("CX agents", "nowhere | near", "x")])
    assert (same, none) == (buf.getvalue(), 0)
