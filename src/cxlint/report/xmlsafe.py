"""XML text helpers for the checkstyle and JUnit formatters: keep document text well-formed XML 1.0."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF even as character
# references; ElementTree writes them through, so a form feed from a PDF would break the file.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def clean(text: str) -> str:
    return _INVALID.sub("\ufffd", text)


def to_string(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
