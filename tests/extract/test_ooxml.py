"""The OOXML package guard: not-a-zip, truncated, legacy, encrypted, zip bombs and DOCTYPEs become one line."""

from __future__ import annotations

import io
import zipfile

import docx
import msoffcrypto.format.ooxml
import pytest

from cxlint.errors import InputFailure
from cxlint.extract.docx import read_docx
from cxlint.extract.ooxml import OLE2_MAGIC, ZipLimits, check_package


def real_docx(text: str = "Hello") -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """A copy of a package with some parts replaced or added."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def encrypted_docx() -> bytes:
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(real_docx())).encrypt("secret", out)
    return out.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
    b"<w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
)

CASES = [
    ("empty", lambda: b"", r"^empty file, not a \.docx package$"),
    ("not a zip", lambda: b"Just some text", r"^not a \.docx file \(not a zip package\)$"),
    ("truncated", lambda: real_docx()[:2000], r"^corrupt or truncated \.docx file"),
    ("legacy .doc", lambda: OLE2_MAGIC + b"\x00" * 1024, r"^a legacy \.doc \(OLE2\) file, not \.docx"),
    ("password-protected", encrypted_docx, r"^encrypted \(password-protected\) \.docx file"),
    ("zip bomb", lambda: rezip(real_docx(), add={"word/media/zeros.bin": b"\x00" * (12 * 1024 * 1024)}),
     r"compressed [\d,]+:1; skipped as a possible zip bomb$"),
    ("doctype", lambda: rezip(real_docx(), replace={"word/document.xml": BILLION_LAUGHS}),
     r"^part word/document\.xml declares a DOCTYPE"),
]


@pytest.mark.parametrize("make, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rejected_with_one_line(make, message):
    with pytest.raises(InputFailure, match=message) as exc:
        check_package(make(), "docx")
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize("limits, message", [
    (ZipLimits(max_total=1000), r"^package would inflate to over 0 MB"),
    (ZipLimits(max_parts=3), r"^package has \d+ parts, over the limit of 3"),
])
def test_limits(limits, message):
    with pytest.raises(InputFailure, match=message):
        check_package(real_docx(), "docx", limits)


def test_a_sound_package_passes():
    check_package(real_docx(), "docx")


def test_damaged_part_is_reported_by_name():
    data = bytearray(real_docx("customer experience " * 50))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    # Overwrite the middle of the part's compressed bytes (after its local header).
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 20
    data[start : start + 40] = b"\xff" * 40
    with pytest.raises(InputFailure, match=r"^corrupt \.docx file: part word/document\.xml cannot be read"):
        read_docx("damaged.docx", bytes(data))


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("notes.txt", "customer experience agent")
    return out.getvalue()


def _deck() -> bytes:
    from pptx import Presentation

    out = io.BytesIO()
    Presentation().save(out)
    return out.getvalue()


@pytest.mark.parametrize("make, message", [
    (_plain_zip, r"^not a \.docx file: a zip archive without Office content$"),
    (_deck, r"^not a \.docx document: the package holds a PowerPoint presentation$"),
])
def test_other_zips_named_docx(make, message):
    with pytest.raises(InputFailure, match=message):
        read_docx("renamed.docx", make())
