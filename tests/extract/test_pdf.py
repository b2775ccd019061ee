"""The .pdf reader on real PDFs written by fpdf2: pages, line breaks, hyphenation, encryption, damage."""

from __future__ import annotations

import pytest
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from cxlint.errors import InputFailure
from cxlint.extract.pdf import dehyphenate, read_pdf
from extract.reader_support import by_match, lint, where


def make_pdf(pages: list[list[str]], **encryption) -> bytes:
    """One page per entry; each string is one printed line."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


POLICY = [
    ["Service policy", "Our Head of Customer Experience owns this policy."],
    ["Night shifts", "We are hiring a Customer Experi-", "ence Representative for nights."],
    ["Talk to our Customer Experience", "Agent about shifts, or ask any", "customer-", "experience advisor."],
]


@pytest.fixture(scope="module")
def findings():
    return by_match(lint(read_pdf("policy.pdf", make_pdf(POLICY))))


@pytest.mark.parametrize("match, as_read, page", [
    ("Customer Experience Representative", "Customer Experience Representative", 2),  # hyphenated word rejoined
    ("Customer Experience Agent", "Customer Experience\nAgent", 3),  # phrase across a line break
    ("customer-experience advisor", "customer-experience advisor", 3),  # compound hyphen kept
])
def test_matches_and_pages(findings, match, as_read, page):
    f = findings[match]
    assert f.match == as_read
    assert where(f) == {"page": page}
    assert f.location.anchor == f"page {page}"
    assert f.location.line is None


def test_correct_use_is_not_flagged(findings):
    assert len(findings) == 3


@pytest.mark.parametrize("text, expected", [
    ("a Customer Experi-\nence agent", "a Customer Experience agent"),
    ("repre-\nsentative", "representative"),
    ("customer-\nexperience", "customer-experience"),
    ("self-\nservice desk", "self-service desk"),
    ("Customer-\nExperience", "Customer-Experience"),
    ("experi\u00ad\nence", "experience"),  # a soft hyphen is always typesetting
    ("cus\u00adtomer", "customer"),
    ("pages 10-\n12", "pages 10-\n12"),  # digits are not words
    ("end of line-\n\nnew paragraph", "end of line-\n\nnew paragraph"),  # a blank line is not a line end
])
def test_dehyphenate(text, expected):
    assert dehyphenate(text) == expected


def test_document_vocabulary_decides_compounds():
    # "team" and "lead" occur whole elsewhere in this document, "teamlead" does not: keep the hyphen.
    from cxlint.extract.pdf import clean_pages

    [(_, text)] = clean_pages([(1, "our team has one lead: the team-\nlead")])
    assert text.endswith("team-lead")
    [(_, text)] = clean_pages([(1, "the experi-\nence")])
    assert text.endswith("experience")


@pytest.mark.parametrize("encryption", [
    {"owner_password": "owner"},  # permissions only: the empty user password opens it
    {"owner_password": "owner", "encryption_method": EncryptionMethod.AES_256},
])
def test_owner_password_only_pdfs_are_read(encryption):
    doc = read_pdf("locked.pdf", make_pdf([["a customer experience agent"]], **encryption))
    assert [s.text for s in doc.segments] == ["a customer experience agent"]


@pytest.mark.parametrize("encryption", [
    {"owner_password": "owner", "user_password": "user"},
    {"owner_password": "owner", "user_password": "user", "encryption_method": EncryptionMethod.AES_128},
])
def test_password_protected_pdf_is_reported_as_encrypted(encryption):
    with pytest.raises(InputFailure, match=r"^encrypted PDF \(password required\)"):
        read_pdf("secret.pdf", make_pdf([["text"]], **encryption))


@pytest.mark.parametrize("data, message", [
    (b"", r"^empty file"),
    (b"hello, not a pdf", r"^not a PDF file"),
    (make_pdf([["some text"]])[:300], r"^corrupt or truncated PDF"),
    (make_pdf([["some text"]])[:-12], r"^corrupt or truncated PDF"),
])
def test_damaged_input_is_one_line(data, message):
    with pytest.raises(InputFailure, match=message) as exc:
        read_pdf("bad.pdf", data)
    assert "\n" not in str(exc.value)


def test_pdf_without_text_gives_a_notice():
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)  # a drawing, as a scanned page is an image: no text layer
    doc = read_pdf("scan.pdf", bytes(pdf.output()))
    assert doc.segments == ()
    assert any("no text layer" in n for n in doc.notices)


def test_pypdf_complaints_do_not_reach_stderr(tmp_path):
    # In a subprocess: pytest's own log handler would hide what a user's terminal shows.
    import subprocess
    import sys

    data = make_pdf([["a customer experience agent"]])
    assert b"/WinAnsiEncoding" in data
    path = tmp_path / "odd.pdf"
    path.write_bytes(data.replace(b"/WinAnsiEncoding", b"/WinAnsiEncodbng"))  # pypdf logs and goes on
    code = "import sys; from cxlint.extract.pdf import read_pdf; d = read_pdf('odd.pdf', open(sys.argv[1], 'rb').read()); print(len(d.segments))"
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert (out.stdout, out.stderr) == ("1\n", "")
