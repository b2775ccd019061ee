"""Shared by the hostile-input tests: builders for broken and malicious files, and a clock."""

from __future__ import annotations

import io
import time
import zipfile
import zlib
from contextlib import contextmanager
from typing import Iterator

import docx

from helpers import MINI_PACK, run_cli
from hostile.builders import lying_sizes, pdf  # noqa: F401  (re-exported for the tests)

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


# --- PDF --------------------------------------------------------------------------------------


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
