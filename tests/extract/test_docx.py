"""The .docx reader on real documents built with python-docx: paragraphs, headings, tables, headers, footers."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from cxlint.extract.docx import paragraph_text, read_docx
from cxlint.model import Scope, Severity
from extract.reader_support import by_match, lint, where

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _run_xml(inner: str) -> etree._Element:
    return etree.fromstring(f'<w:r xmlns:w="{W}">{inner}</w:r>')


def build_policy() -> bytes:
    d = Document()
    d.add_heading("Customer Experience Agent handbook", level=1)  # paragraph 1, a heading
    d.add_paragraph("")  # empty paragraphs are not counted
    d.add_paragraph("Our Head of Customer Experience owns this policy.")  # paragraph 2: correct use
    p = d.add_paragraph("Every ")  # paragraph 3: a phrase split across formatting
    bold = p.add_run("Customer Experience ")
    bold.bold = True
    p.add_run("Representative").italic = True
    p.add_run(" logs each call.")
    p = d.add_paragraph("Ask a customer experience")  # paragraph 4: a soft line break (Shift+Enter)
    p.runs[0].add_break()
    p.add_run("advisor for help.")
    d.add_paragraph("Escalate to a customer experience specialist.", style="List Bullet")  # paragraph 5

    # paragraph 6: a tracked insertion is visible text; a tracked deletion is not.
    p = d.add_paragraph("Route it to the ")
    ins = etree.SubElement(p._p, qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "a"})
    ins.append(_run_xml("<w:t>customer experience rep</w:t>"))
    dele = etree.SubElement(p._p, qn("w:del"), {qn("w:id"): "2", qn("w:author"): "a"})
    dele.append(_run_xml("<w:delText>customer experience associate</w:delText>"))
    p.add_run(" queue.")

    table = d.add_table(rows=3, cols=3)  # table 1
    table.cell(1, 2).text = "customer experience officer"
    table.cell(2, 0).text = "see the nested table"
    nested = table.cell(0, 1).add_table(rows=2, cols=2)
    nested.cell(1, 0).text = "Customer Experience Ambassador"

    section = d.sections[0]
    section.header.paragraphs[0].text = "Customer Experience Coordinator manual"
    section.footer.paragraphs[0].text = "Questions? Ask a customer experience consultant."
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Draft for customer experience trainers"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def findings():
    return by_match(lint(read_docx("policy.docx", build_policy())))


CASES = [
    ("Customer Experience Agent", {"paragraph": 1}, "paragraph 1", Scope.HEADING, Severity.ERROR),
    ("Customer Experience Representative", {"paragraph": 3}, "paragraph 3", Scope.PARAGRAPH, Severity.WARNING),
    ("customer experience advisor", {"paragraph": 4}, "paragraph 4", Scope.PARAGRAPH, Severity.WARNING),
    ("customer experience specialist", {"paragraph": 5}, "paragraph 5", Scope.LIST, Severity.WARNING),
    ("customer experience rep", {"paragraph": 6}, "paragraph 6", Scope.PARAGRAPH, Severity.WARNING),
    ("customer experience officer", {"table": 1, "row": 2, "cell": 3},
     "table 1 › row 2 › cell 3", Scope.TABLE_CELL, Severity.WARNING),
    ("Customer Experience Ambassador", {"table": 1, "row": 1, "cell": 2, "nested": "table 1 › row 2 › cell 1"},
     "table 1 › row 1 › cell 2 › table 1 › row 2 › cell 1", Scope.TABLE_CELL, Severity.WARNING),
    ("Customer Experience Coordinator", {"section": 1, "header": "default", "paragraph": 1},
     "header › paragraph 1", Scope.HEADER, Severity.WARNING),
    ("customer experience trainers", {"section": 1, "header": "first-page", "paragraph": 1},
     "first-page header › paragraph 1", Scope.HEADER, Severity.WARNING),
    ("customer experience consultant", {"section": 1, "footer": "default", "paragraph": 1},
     "footer › paragraph 1", Scope.FOOTER, Severity.WARNING),
]


@pytest.mark.parametrize("match, location, anchor, scope, severity", CASES, ids=[c[0] for c in CASES])
def test_each_place_is_found_and_located(findings, match, location, anchor, scope, severity):
    f = findings[match]
    assert where(f) == location
    assert f.location.anchor == anchor
    assert f.scope is scope
    assert f.severity is severity
    assert f.location.line is None


def test_deleted_text_and_the_correct_use_are_not_flagged(findings):
    assert "customer experience associate" not in findings  # tracked deletion
    assert sorted(findings) == sorted(c[0] for c in CASES)


def test_soft_break_is_a_newline_in_the_match(findings):
    assert findings["customer experience advisor"].match == "customer experience\nadvisor"


@pytest.mark.parametrize("inner, expected", [
    ("<w:t>a</w:t><w:tab/><w:t>b</w:t>", "a\tb"),
    ("<w:t>a</w:t><w:br/><w:t>b</w:t>", "a\nb"),
    ("<w:t>a</w:t><w:cr/><w:t>b</w:t>", "a\nb"),
    ("<w:t>self</w:t><w:noBreakHyphen/><w:t>service</w:t>", "self-service"),
    ('<w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t>', ""),
    ('<w:rPr><w:vanish w:val="0"/></w:rPr><w:t>shown</w:t>', "shown"),
    ('<w:instrText> HYPERLINK "x" </w:instrText><w:t>shown</w:t>', "shown"),
])
def test_run_content(inner, expected):
    p = etree.fromstring(f'<w:p xmlns:w="{W}"><w:r>{inner}</w:r></w:p>')
    assert paragraph_text(p) == expected


def test_hyperlinks_and_content_controls_are_read():
    p = etree.fromstring(
        f'<w:p xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<w:r><w:t xml:space="preserve">Call a </w:t></w:r>'
        '<w:hyperlink r:id="rId9"><w:r><w:t>customer experience</w:t></w:r></w:hyperlink>'
        '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve"> agent</w:t></w:r></w:sdtContent></w:sdt></w:p>'
    )
    assert paragraph_text(p) == "Call a customer experience agent"


def test_text_box_is_read_once_with_its_own_anchor():
    d = Document()
    d.add_paragraph("Before the box.")
    p = d.add_paragraph()
    # Word writes a text box twice: DrawingML inside mc:Choice and a VML copy inside mc:Fallback.
    box = etree.fromstring(
        f'<w:r xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        '<w:p><w:r><w:t>Meet a customer experience agent</w:t></w:r></w:p>'
        '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>'
        '<w:p><w:r><w:t>Meet a customer experience agent</w:t></w:r></w:p>'
        '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    )
    p._p.append(box)
    buf = io.BytesIO()
    d.save(buf)
    found = lint(read_docx("box.docx", buf.getvalue()))
    assert [(f.match, f.location.anchor, where(f)) for f in found] == [
        ("customer experience agent", "text box 1", {"text_box": 1, "paragraph": 1}),
    ]


def test_sections_are_named_when_there_are_several():
    from docx.enum.section import WD_SECTION

    d = Document()
    d.add_paragraph("one")
    d.sections[0].header.paragraphs[0].text = "plain header"
    d.add_section(WD_SECTION.NEW_PAGE)
    second = d.sections[1]
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Customer Experience Agent header"
    buf = io.BytesIO()
    d.save(buf)
    [f] = lint(read_docx("two.docx", buf.getvalue()))
    assert f.location.anchor == "section 2 › header › paragraph 1"
    assert where(f) == {"section": 2, "header": "default", "paragraph": 1}


def test_custom_style_based_on_a_heading_is_a_heading():
    from docx.enum.style import WD_STYLE_TYPE

    d = Document()
    style = d.styles.add_style("Job Title", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = d.styles["Heading 2"]
    d.add_paragraph("Customer Experience Agent", style="Job Title")
    buf = io.BytesIO()
    d.save(buf)
    [f] = lint(read_docx("styled.docx", buf.getvalue()))
    assert f.scope is Scope.HEADING and f.severity is Severity.ERROR
