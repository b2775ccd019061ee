"""Shared by the hostile-input tests: builders for broken and malicious files, and a clock."""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib
from contextlib import contextmanager
from typing import Iterator

import docx

from helpers import MINI_PACK, run_cli

PACK_ARGS = ("--no-builtin", "--pack", str(MINI_PACK), "--format", "json")
PHRASE = "customer experience agent"  # flagged by CX201 in the mini pack


def cli_json(*args: str, timeout: str = "20", cwd=None):
    """Run cxlint on ``args`` with the mini pack and JSON output: (exit code, report, stderr)."""
    import json

    proc = run_cli("check", *PACK_ARGS, "--timeout", timeout, *args, cwd=cwd)
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else None, proc.stderr


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail unless the block finishes within ``seconds`` of wall-clock time."""
    start = time.monotonic()
    yield
    took = time.monotonic() - start
    assert took < seconds, f"took {took:.2f} s, over the {seconds} s bound"


# --- OOXML ----------------------------------------------------------------------------------

W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def real_docx(text: str = PHRASE) -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def real_pptx(text: str = PHRASE) -> bytes:
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = text
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
          method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A copy of a package with some parts replaced or added."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def document_xml(body: bytes, prolog: bytes = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>') -> bytes:
    return (prolog + b"<w:document " + W_NS + b"><w:body><w:p><w:r><w:t>" + body
            + b"</w:t></w:r></w:p></w:body></w:document>")


def lying_sizes(data: bytes, part: str, declared: int) -> bytes:
    """``data`` with ``part``'s uncompressed size rewritten to ``declared`` in both zip headers.

    The compressed stream is left as it is, so the part inflates to far more than it says.
    """
    buf = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(part)
    struct.pack_into("<I", buf, info.header_offset + 22, declared)  # local file header
    at = bytes(buf).find(b"PK\x01\x02")
    while at >= 0:  # central directory entries
        name_len = struct.unpack_from("<H", buf, at + 28)[0]
        if bytes(buf[at + 46 : at + 46 + name_len]).decode() == part:
            struct.pack_into("<I", buf, at + 24, declared)
        at = bytes(buf).find(b"PK\x01\x02", at + 4)
    return bytes(buf)


# --- PDF --------------------------------------------------------------------------------------


def pdf(objects: list[bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF with these bodies as objects 1..n and a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, trailer, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
CONTENT = stream(b"BT /F1 12 Tf 72 720 Td (" + PHRASE.encode() + b") Tj ET")
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def sound_pdf() -> bytes:
    return pdf([CATALOG, PAGES, PAGE, CONTENT, FONT])


def flate(data: bytes) -> bytes:
    return zlib.compress(data, 9)
