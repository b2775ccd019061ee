"""Hostile .docx/.pptx: zip bombs (honest and lying headers), entity attacks, truncation, not-a-zip, OLE files."""

from __future__ import annotations

import io
import tracemalloc

import msoffcrypto.format.ooxml
import pytest

from cxlint.errors import InputFailure
from cxlint.extract.docx import read_docx
from cxlint.extract.ooxml import OLE2_MAGIC, ZipLimits, check_package
from cxlint.extract.pptx import read_pptx
from hostile.support import PHRASE, cli_json, document_xml, lying_sizes, real_docx, real_pptx, rezip, within

READERS = {"docx": read_docx, "pptx": read_pptx}
MAIN_PART = {"docx": "word/document.xml", "pptx": "ppt/slides/slide1.xml"}
SOUND = {"docx": real_docx, "pptx": real_pptx}

LAUGHS = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
          + b"]>")
PADDING = b"<!--" + b" padding " * 2000 + b"-->"  # pushes a DOCTYPE far past the first 4 KB


def xxe(secret_path: str) -> bytes:
    return b'<!DOCTYPE d [<!ENTITY x SYSTEM "file://' + secret_path.encode() + b'">]>'


def zeros_bomb(kind: str) -> bytes:
    # 12 MB of zeros deflate to ~12 KB: a ratio of 1000:1, well over the 200:1 cap.
    return rezip(SOUND[kind](), add={"media/zeros.bin": b"\x00" * (12 * 1024 * 1024)})


def encrypted(kind: str) -> bytes:
    out = io.BytesIO()
    msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(SOUND[kind]())).encrypt("secret", out)
    return out.getvalue()


def main_part_replaced(kind: str, xml: bytes) -> bytes:
    return rezip(SOUND[kind](), replace={MAIN_PART[kind]: xml})


CASES = [
    # (id, builder(kind), message pattern)
    ("zip bomb (ratio)", zeros_bomb, r"compressed [\d,]+:1; skipped as a possible zip bomb$"),
    ("billion laughs", lambda k: main_part_replaced(k, document_xml(b"&lol9;", b'<?xml version="1.0"?>' + LAUGHS)),
     r"declares a DOCTYPE, which Office never writes; skipped as unsafe$"),
    ("billion laughs behind a long comment",
     lambda k: main_part_replaced(k, document_xml(b"&lol9;", b'<?xml version="1.0"?>' + PADDING + LAUGHS)),
     r"declares a DOCTYPE"),
    ("billion laughs in UTF-16BE", lambda k: main_part_replaced(
        k, b"\xfe\xff" + document_xml(b"&lol9;", b'<?xml version="1.0" encoding="UTF-16"?>' + LAUGHS).decode().encode("utf-16-be")),
     r"declares a DOCTYPE"),
    ("entities in a part not named .xml",
     lambda k: rezip(SOUND[k](), add={"customXml/item9.bin": b'<?xml version="1.0"?>' + LAUGHS + b"<a>&lol9;</a>"}),
     r"^part customXml/item9\.bin declares a DOCTYPE"),
    ("endless prolog", lambda k: main_part_replaced(k, b'<?xml version="1.0"?>' + b"<!-- x -->" * 120_000 + b"<a/>"),
     r"bytes before its root element; skipped as unsafe$"),
    ("truncated", lambda k: SOUND[k]()[:3000], r"^corrupt or truncated \.(docx|pptx) file"),
    ("truncated to the header", lambda k: SOUND[k]()[:30], r"^corrupt or truncated \.(docx|pptx) file"),
    ("empty", lambda k: b"", r"^empty file, not a \.(docx|pptx) package$"),
    ("not a zip (text)", lambda k: b"customer experience agent\n", r"^not a \.(docx|pptx) file \(not a zip package\)$"),
    ("not a zip (PDF)", lambda k: b"%PDF-1.4\n%%EOF\n", r"^not a \.(docx|pptx) file \(not a zip package\)$"),
    ("legacy OLE2 file", lambda k: OLE2_MAGIC + b"\x00" * 2048, r"^a legacy \.(doc|ppt) \(OLE2\) file"),
    ("password-protected (OLE2 EncryptedPackage)", encrypted, r"^encrypted \(password-protected\) \.(docx|pptx) file"),
    ("zip-encrypted part", lambda k: _flag_encrypted(SOUND[k]()), r"encrypted \.(docx|pptx) package \(zip encryption\)"),
]


def _flag_encrypted(data: bytes) -> bytes:
    """Set the 'encrypted' bit of every entry in the central directory."""
    buf = bytearray(data)
    at = buf.find(b"PK\x01\x02")
    while at >= 0:
        buf[at + 8] |= 0x1
        at = buf.find(b"PK\x01\x02", at + 4)
    return bytes(buf)


@pytest.mark.parametrize("kind", ["docx", "pptx"])
@pytest.mark.parametrize("build, message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_package_is_one_clear_line(kind, build, message):
    data = build(kind)
    with within(5), pytest.raises(InputFailure, match=message) as exc:
        READERS[kind](f"hostile.{kind}", data)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_external_entity_never_reads_the_file(kind, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    for prolog in (xxe(str(secret)), PADDING + xxe(str(secret))):
        data = main_part_replaced(kind, document_xml(b"&x;", b'<?xml version="1.0"?>' + prolog))
        with pytest.raises(InputFailure, match="declares a DOCTYPE") as exc:
            READERS[kind]("xxe." + kind, data)
        assert "TOP-SECRET" not in str(exc.value)


def test_lying_header_inflates_no_further_than_declared():
    """A part that declares 1 KB but inflates to 200 MB: read with that 1 KB as the cap, then its CRC fails."""
    huge = document_xml(b"customer experience " * (10 * 1024 * 1024))  # ~200 MB of XML, ~200 KB deflated
    data = lying_sizes(rezip(real_docx(), replace={"word/document.xml": huge}), "word/document.xml", 1000)
    del huge
    tracemalloc.start()
    try:
        with within(5), pytest.raises(InputFailure, match=r"word/document\.xml cannot be read \(Bad CRC-32"):
            read_docx("liar.docx", data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, f"peak {peak:,} bytes while reading a lying zip"


@pytest.mark.parametrize("limits, message", [
    (ZipLimits(max_total=1000), r"^package would inflate to over 0 MB; skipped as a possible zip bomb$"),
    (ZipLimits(max_xml=1000), r"^package holds over 0 MB of XML; skipped as too large to parse$"),
    (ZipLimits(max_parts=3), r"^package has \d+ parts, over the limit of 3; skipped$"),
    (ZipLimits(max_prolog=10), r"bytes before its root element"),
])
def test_each_cap(limits, message):
    data = rezip(real_docx(), replace={"word/document.xml": document_xml(b"x", b'<?xml version="1.0"?><!-- a comment -->')})
    with pytest.raises(InputFailure, match=message):
        check_package(data, "docx", limits)


def test_default_caps_are_documented_values():
    limits = ZipLimits()
    assert (limits.max_total, limits.max_xml, limits.max_ratio, limits.max_parts) == (
        300 * 1024 * 1024, 100 * 1024 * 1024, 200, 20_000)


def test_svg_with_a_plain_doctype_is_not_rejected():
    """Images are never parsed; an SVG's public DOCTYPE declares no entities."""
    svg = (b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
           b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>')
    doc = read_docx("logo.docx", rezip(real_docx(), add={"word/media/logo.svg": svg}))
    assert [s.text for s in doc.segments] == [PHRASE]


def test_bad_packages_do_not_stop_the_others(tmp_path):
    (tmp_path / "bomb.docx").write_bytes(zeros_bomb("docx"))
    (tmp_path / "laughs.pptx").write_bytes(main_part_replaced("pptx", document_xml(b"&lol9;", LAUGHS)))
    (tmp_path / "cut.docx").write_bytes(real_docx()[:3000])
    (tmp_path / "good.docx").write_bytes(real_docx())
    code, report, _ = cli_json(str(tmp_path))
    assert code == 1
    assert sorted(e["path"].rsplit("/", 1)[-1] for e in report["errors"]) == ["bomb.docx", "cut.docx", "laughs.pptx"]
    assert [f["match"] for f in report["findings"]] == [PHRASE]
    assert report["summary"]["files"] == 1 and report["summary"]["errors"] == 3
