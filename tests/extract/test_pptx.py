"""The .pptx reader on real decks built with python-pptx: every place text can sit, and where it is reported."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.util import Inches, Pt

from cxlint.errors import InputFailure
from cxlint.extract.pptx import read_pptx
from cxlint.model import Scope, Severity
from extract.reader_support import by_match, lint, where


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buf, format="PNG")
    return buf.getvalue()


def build_deck() -> bytes:
    prs = Presentation()
    # Slide 1: the correct use next to nothing to flag.
    s1 = prs.slides.add_slide(prs.slide_layouts[0])
    s1.shapes.title.text = "Welcome"
    s1.placeholders[1].text = "Presented by our Head of Customer Experience"

    # Slide 2: a phrase split across runs, a line break inside a paragraph, speaker notes.
    s2 = prs.slides.add_slide(prs.slide_layouts[1])
    s2.shapes.title.text = "Our team"
    body = s2.placeholders[1].text_frame
    body.text = "Plain introduction"
    p = body.add_paragraph()
    bold = p.add_run()
    bold.text = "Customer Experience "
    bold.font.bold = True
    plain = p.add_run()
    plain.text = "Associate"
    plain.font.size = Pt(14)
    box = s2.shapes.add_textbox(Inches(1), Inches(5), Inches(4), Inches(1))
    box.name = "Callout"
    para = box.text_frame.paragraphs[0]
    para.add_run().text = "Talk to a Customer Experience"
    para.add_line_break()
    para.add_run().text = "Agent today"
    s2.notes_slide.notes_text_frame.text = "Introduce the customer experience rep on duty."

    # Slide 3: a text box two groups deep, a table, and a picture with alt text.
    s3 = prs.slides.add_slide(prs.slide_layouts[5])
    s3.shapes.title.text = "How we work"
    outer = s3.shapes.add_group_shape()
    outer.name = "Org chart"
    inner = outer.shapes.add_group_shape()
    inner.name = "Support pod"
    deep = inner.shapes.add_textbox(Inches(1), Inches(2), Inches(3), Inches(1))
    deep.name = "Pod label"
    deep.text_frame.text = "Ask any customer experience advisor"
    table = s3.shapes.add_table(3, 3, Inches(1), Inches(4), Inches(6), Inches(1.5))
    table.name = "Roles table"
    table.table.cell(1, 2).text = "customer experience specialist"
    pic = s3.shapes.add_picture(io.BytesIO(_png()), Inches(8), Inches(1))
    pic.name = "Team photo"
    pic._element.nvPicPr.cNvPr.set("descr", "Two customer experience agents at their desks")

    # Slide 4: the misuse in a slide title, where it is most visible.
    s4 = prs.slides.add_slide(prs.slide_layouts[1])
    s4.shapes.title.text = "Customer Experience Representative roles"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def findings():
    doc = read_pptx("deck.pptx", build_deck())
    return by_match(lint(doc))


CASES = [
    # match, location, anchor, scope, severity
    ("Customer Experience Representative",
     {"slide": 4, "shape": "Title 1", "paragraph": 1}, "slide 4 › Title 1", Scope.TITLE, Severity.ERROR),
    ("Customer Experience Associate",
     {"slide": 2, "shape": "Content Placeholder 2", "paragraph": 2},
     "slide 2 › Content Placeholder 2 › paragraph 2", Scope.BODY, Severity.WARNING),
    ("Customer Experience Agent",
     {"slide": 2, "shape": "Callout", "paragraph": 1}, "slide 2 › Callout", Scope.BODY, Severity.WARNING),
    ("customer experience rep",
     {"slide": 2, "notes": True, "paragraph": 1}, "slide 2 › notes", Scope.NOTES, Severity.WARNING),
    ("customer experience advisor",
     {"slide": 3, "group": "Org chart", "shape": "Pod label", "paragraph": 1},
     "slide 3 › Org chart › Support pod › Pod label", Scope.BODY, Severity.WARNING),
    ("customer experience specialist",
     {"slide": 3, "shape": "Roles table", "row": 2, "cell": 3, "paragraph": 1},
     "slide 3 › Roles table › row 2 › cell 3", Scope.TABLE_CELL, Severity.WARNING),
    ("customer experience agents",
     {"slide": 3, "shape": "Team photo", "alt": True}, "slide 3 › Team photo › alt text", Scope.ALT, Severity.WARNING),
]


@pytest.mark.parametrize("match, location, anchor, scope, severity", CASES, ids=[c[0] for c in CASES])
def test_each_place_is_found_and_located(findings, match, location, anchor, scope, severity):
    f = findings[match]
    assert where(f) == location
    assert f.location.anchor == anchor
    assert f.scope is scope
    assert f.severity is severity
    assert f.location.line is None and f.location.column is None  # slides have no lines


def test_nothing_else_is_flagged(findings):
    # "Head of Customer Experience" (slide 1) is the correct use; exactly the cases above are found.
    assert sorted(findings) == sorted(c[0] for c in CASES)


def test_line_break_inside_a_paragraph_is_a_newline_in_the_match(findings):
    assert findings["Customer Experience Agent"].match == "Customer Experience\nAgent"


def test_paragraphs_of_one_shape_are_separate_segments():
    doc = read_pptx("deck.pptx", build_deck())
    texts = [s.text for s in doc.segments if dict(s.where).get("shape") == "Content Placeholder 2"]
    assert texts == ["Plain introduction", "Customer Experience Associate"]
    assert doc.source is None and all(s.source_map is None for s in doc.segments)


def test_a_word_document_renamed_pptx_is_one_clear_line(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("hello")
    buf = io.BytesIO()
    d.save(buf)
    with pytest.raises(InputFailure, match=r"^not a \.pptx document: the package holds a Word document$") as exc:
        read_pptx("renamed.pptx", buf.getvalue())
    assert "\n" not in str(exc.value)
