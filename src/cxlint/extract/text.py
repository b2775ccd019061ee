"""Plain-text reader: one segment per paragraph, offsets identical to the source."""

from __future__ import annotations

import re

from cxlint.model import Document, Scope, Segment, SourceMap
from cxlint.suppress import mask_markers

_BLANK_LINES = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)\s*")


def read_text(path: str, text: str, notices: tuple[str, ...] = (), options: dict | None = None, fmt: str = "text") -> Document:
    source = text
    if fmt == "text":
        # `cxlint: disable-line ...` markers are directives, never prose (same length: offsets hold).
        text = mask_markers(text)
    segments = []
    pos = 0
    for m in _BLANK_LINES.finditer(text):
        if m.start() > pos:
            segments.append(_segment(text, pos, m.start()))
        pos = m.end()
    if pos < len(text):
        segments.append(_segment(text, pos, len(text)))
    return Document(path=path, format=fmt, segments=tuple(segments), source=source, notices=notices)


def _segment(text: str, start: int, end: int) -> Segment:
    return Segment(text=text[start:end], scope=Scope.PARAGRAPH, source_map=SourceMap.shifted(start))
