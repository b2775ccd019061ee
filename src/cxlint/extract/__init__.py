"""Reader registry: format by file suffix, and bytes → Document for each format.

Readers for heavy formats are imported only when such a file is read, so a pre-commit run
over one Markdown file never pays for the office or PDF libraries.
"""

from __future__ import annotations

import enum
import importlib
import os

from cxlint.errors import InputFailure
from cxlint.extract.decode import decode
from cxlint.model import Document


class Format(str, enum.Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    CSV = "csv"
    TSV = "tsv"
    DOCX = "docx"
    PPTX = "pptx"
    PDF = "pdf"


SUFFIXES: dict[str, Format] = {
    ".txt": Format.TEXT, ".text": Format.TEXT,
    ".md": Format.MARKDOWN, ".markdown": Format.MARKDOWN, ".mdown": Format.MARKDOWN, ".mkd": Format.MARKDOWN,
    ".html": Format.HTML, ".htm": Format.HTML, ".xhtml": Format.HTML,
    ".json": Format.JSON, ".jsonld": Format.JSON,
    ".csv": Format.CSV, ".tsv": Format.TSV,
    ".docx": Format.DOCX, ".pptx": Format.PPTX, ".pdf": Format.PDF,
}

# Formats whose reader takes decoded text; the others take raw bytes.
TEXT_FORMATS = frozenset({Format.TEXT, Format.MARKDOWN, Format.HTML, Format.JSON, Format.CSV, Format.TSV})

# format → (module, function); the module is imported on first use.
READERS: dict[Format, tuple[str, str]] = {
    Format.TEXT: ("cxlint.extract.text", "read_text"),
    Format.MARKDOWN: ("cxlint.extract.markdown", "read_markdown"),
    Format.HTML: ("cxlint.extract.html", "read_html"),
    Format.JSON: ("cxlint.extract.jsonfile", "read_json"),
    Format.CSV: ("cxlint.extract.csvfile", "read_csv"),
    Format.TSV: ("cxlint.extract.csvfile", "read_tsv"),
    Format.DOCX: ("cxlint.extract.docx", "read_docx"),
    Format.PPTX: ("cxlint.extract.pptx", "read_pptx"),
    Format.PDF: ("cxlint.extract.pdf", "read_pdf"),
}


# Readers already imported, by format: import_module costs a microsecond even for a loaded module.
_LOADED: dict = {}


def format_for(path: str) -> Format | None:
    # os.path, not pathlib: this runs once per file found, and PurePath costs 5 µs to build.
    # (The two differ only for a name ending in ".", whose suffix is no key either way.)
    return SUFFIXES.get(os.path.splitext(path)[1].lower())


def supported(fmt: Format) -> bool:
    return fmt in READERS


def read_document(path: str, data: bytes, fmt: Format, options: dict | None = None) -> Document:
    """Parse one input. Raises InputFailure with a one-line reason for unreadable input."""
    if fmt not in READERS:
        raise InputFailure(f"no reader for {fmt.value} files yet")
    reader = _LOADED.get(fmt)
    if reader is None:
        module, func = READERS[fmt]
        reader = _LOADED[fmt] = getattr(importlib.import_module(module), func)
    if fmt in TEXT_FORMATS:
        text, notices = decode(data, path)
        return reader(path, text, notices=notices, options=options or {})
    return reader(path, data, options=options or {})
