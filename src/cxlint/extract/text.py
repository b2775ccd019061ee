"""Plain-text reader: the whole file is one segment, offsets identical to the source.

One segment rather than one per paragraph keeps the engine's per-segment overhead off big
files; phrases still never cross a blank line (the phrase separator allows one line break) and
context windows stop at blank lines.
"""

from __future__ import annotations

from cxlint.model import Document, Scope, Segment, SourceMap
from cxlint.suppress import mask_markers



def read_text(path: str, text: str, notices: tuple[str, ...] = (), options: dict | None = None, fmt: str = "text") -> Document:
    source = text
    if fmt == "text":
        # `cxlint: disable-line ...` markers are directives, never prose (same length: offsets hold).
        text = mask_markers(text)
    segments = (Segment(text=text, scope=Scope.PARAGRAPH, source_map=SourceMap.shifted(0)),) if text else ()
    return Document(path=path, format=fmt, segments=segments, source=source, notices=notices)
