"""Hostile PDFs: garbage, cyclic references, deep nesting, decompression bombs, encryption; bounded time."""

from __future__ import annotations

import random

import pytest
from fpdf import FPDF

from cxlint.errors import InputFailure
from cxlint.extract.pdf import read_pdf
from hostile.support import (CATALOG, CONTENT, FONT, PAGE, PAGES, PHRASE, cli_json, flate, pdf, sound_pdf, stream,
                             within)


def garbage_after_header() -> bytes:
    rng = random.Random(8)
    return b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(20_000))


def self_kid() -> bytes:
    return pdf([CATALOG, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", PAGE, CONTENT, FONT])


def kids_cycle() -> bytes:
    return pdf([CATALOG, b"<< /Type /Pages /Kids [6 0 R 3 0 R] /Count 2 >>", PAGE, CONTENT, FONT,
                b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>"])


def parent_cycle() -> bytes:
    # The page inherits /Resources through a /Parent chain that loops.
    return pdf([CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 6 0 R >>",
                b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", CONTENT, FONT,
                b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>"])


def form_draws_itself() -> bytes:
    form = stream(b"/X1 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources 6 0 R ")
    return pdf([CATALOG, PAGES, b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources 6 0 R >>",
                stream(b"/X1 Do"), FONT, b"<< /Font << /F1 5 0 R >> /XObject << /X1 7 0 R >> >>", form])


def length_refers_to_itself() -> bytes:
    return pdf([CATALOG, PAGES, b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
                b"<< /Length 4 0 R >>\nstream\nBT ET\nendstream", FONT])


def xref_prev_loop() -> bytes:
    data = sound_pdf()
    start = int(data[data.rindex(b"startxref\n") + 10 :].split(b"\n")[0])
    return data.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % start)


def outline_loop() -> bytes:
    return pdf([b"<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R >>", PAGES, PAGE, CONTENT, FONT,
                b"<< /Type /Outlines /First 7 0 R /Last 7 0 R >>", b"<< /Title (a) /Parent 6 0 R /Next 7 0 R >>"])


def deep_array(depth: int = 100_000) -> bytes:
    return pdf([b"<< /Type /Catalog /Pages 2 0 R /Junk " + b"[" * depth + b"]" * depth + b" >>", PAGES, PAGE, CONTENT, FONT])


def deep_dictionary(depth: int = 100_000) -> bytes:
    page = PAGE[:-2] + b"/X " + b"<< /A " * depth + b">> " * depth + b">>"
    return pdf([CATALOG, PAGES, page, CONTENT, FONT])


def flate_bomb() -> bytes:
    # 200 MB of drawing operators deflate to ~200 KB; pypdf stops inflating at its own cap.
    body = flate(b"0 0 m " * (35 * 1024 * 1024))
    return pdf([CATALOG, PAGES, PAGE, stream(body, b"/Filter /FlateDecode "), FONT])


def huge_page_count() -> bytes:
    return pdf([CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 999999999 >>", PAGE, CONTENT, FONT])


def encrypted_with_user_password() -> bytes:
    doc = FPDF()
    doc.set_font("helvetica", size=12)
    doc.add_page()
    doc.cell(text=PHRASE)
    doc.set_encryption(owner_password="owner", user_password="user")
    return bytes(doc.output())


FAILS = [
    ("garbage after the header", garbage_after_header, r"^corrupt"),
    ("/Pages kid is itself", self_kid, r"^corrupt or truncated PDF \(Detected cyclic page references"),
    ("/Kids cycle through two nodes", kids_cycle, r"^corrupt or truncated PDF \(Detected cyclic page references"),
    ("arrays nested 100,000 deep", deep_array, r"^corrupt"),
    ("encrypted with a user password", encrypted_with_user_password, r"^encrypted PDF \(password required\)"),
    ("truncated", lambda: sound_pdf()[:200], r"^corrupt"),
    ("header only", lambda: b"%PDF-1.4\n", r"^corrupt"),
    ("no header", lambda: b"customer experience agent", r"^not a PDF file \(no %PDF- header\)$"),
    ("empty", lambda: b"", r"^empty file, not a PDF$"),
]


@pytest.mark.parametrize("build, message", [c[1:] for c in FAILS], ids=[c[0] for c in FAILS])
def test_unreadable_pdf_is_one_line_in_bounded_time(build, message):
    data = build()
    with within(5), pytest.raises(InputFailure, match=message) as exc:
        read_pdf("hostile.pdf", data)
    assert "\n" not in str(exc.value)


# Damage pypdf repairs or contains: the readable text is read, the rest becomes a notice.
SURVIVES = [
    ("/Parent cycle", parent_cycle, "", "Detected cycle in /Parent hierarchy"),
    ("form XObject that draws itself", form_draws_itself, "", ""),
    ("/Length refers to its own object", length_refers_to_itself, "", "no text layer"),
    ("xref /Prev points to itself", xref_prev_loop, PHRASE, ""),
    ("outline item that is its own /Next", outline_loop, PHRASE, ""),
    ("dictionaries nested 100,000 deep", deep_dictionary, PHRASE, ""),
    ("decompression bomb", flate_bomb, "", "Limit reached while decompressing"),
    ("/Count of a billion", huge_page_count, PHRASE, ""),
]


@pytest.mark.parametrize("build, text, notice", [c[1:] for c in SURVIVES], ids=[c[0] for c in SURVIVES])
def test_repairable_pdf_is_read_in_bounded_time(build, text, notice):
    data = build()
    with within(5):
        doc = read_pdf("odd.pdf", data)
    assert " ".join(s.text for s in doc.segments).strip() == text
    assert notice in " ".join(doc.notices)


def test_time_limit_turns_a_slow_pdf_into_a_per_file_error(tmp_path):
    """Every page draws one long shared content stream: seconds of work in 60 KB; --timeout 0.2 stops it."""
    n = 600
    kids = b" ".join(b"%d 0 R" % (i + 6) for i in range(n))
    content = stream(b"BT /F1 12 Tf 72 720 Td " + b"(customer service words) Tj 0 -1 Td " * 400 + b"ET")
    pages = [b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"] * n
    (tmp_path / "slow.pdf").write_bytes(pdf([CATALOG, b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
                                             b"null", content, FONT, *pages]))
    (tmp_path / "z.md").write_text(PHRASE + "\n")
    with within(20):
        code, report, _ = cli_json(str(tmp_path), timeout="0.2")
    assert code == 1
    # The budget is --timeout plus a second a megabyte: 0.2 s + 0.09 s for this 94 KB file.
    [error] = report["errors"]
    assert error["path"].endswith("slow.pdf")
    assert error["message"] == "took longer than 0.29 s reading and checking it; skipped (raise --timeout to allow more)"
    assert [f["path"].rsplit("/", 1)[-1] for f in report["findings"]] == ["z.md"]
