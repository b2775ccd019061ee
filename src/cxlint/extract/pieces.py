"""Build segment text from pieces of a source while recording where each piece came from (a SourceMap).

Readers of formats with lines (HTML, JSON, CSV) decode entities and escapes, join inline
elements and collapse whitespace; each such change shifts segment offsets against source
offsets. The builder adds a breakpoint only where the two stop advancing in step, and
``compose`` chains two maps (HTML inside a JSON string, HTML inside a CSV cell).
"""

from __future__ import annotations

import bisect
import html
import re

from cxlint.model import SourceMap

_CHARREF = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_WS_RUN = re.compile(r"[ \t\r\n\f]{2,}|[\t\r\n\f]")


class TextBuilder:
    """Accumulates segment text; ``add`` for text copied from the source, ``replace`` for text standing in for other source text."""

    __slots__ = ("parts", "seg", "src", "length", "_next_src")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.seg: list[int] = []
        self.src: list[int] = []
        self.length = 0
        self._next_src: int | None = None  # where the next piece must start to need no breakpoint

    def add(self, text: str, src: int) -> None:
        if not text:
            return
        if self._next_src != src:
            self._point(src)
        self.parts.append(text)
        self.length += len(text)
        self._next_src = src + len(text)

    def replace(self, text: str, src: int, src_len: int) -> None:
        """``text`` stands for ``src_len`` characters at ``src`` (an entity, an escape, a tag)."""
        if not text:
            return
        if len(text) == src_len:
            self.add(text, src)
            return
        self._point(src)
        self.parts.append(text)
        self.length += len(text)
        self._next_src = None  # the next piece needs its own breakpoint

    def add_decoded(self, raw: str, src: int, collapse: bool = False) -> None:
        """Add raw HTML text, decoding character references (and collapsing whitespace runs)."""
        pos = 0
        pattern = _CHARREF if not collapse else _CHARREF_OR_WS
        for m in pattern.finditer(raw):
            if m.start() > pos:
                self.add(raw[pos : m.start()], src + pos)
            token = m.group()
            if token[0] == "&":
                self.replace(html.unescape(token), src + m.start(), len(token))
            else:
                self.replace(" ", src + m.start(), len(token))
            pos = m.end()
        if pos < len(raw):
            self.add(raw[pos:], src + pos)

    def _point(self, src: int) -> None:
        if self.seg and self.seg[-1] == self.length:
            self.src[-1] = src  # nothing was added since the last breakpoint: move it
        else:
            self.seg.append(self.length)
            self.src.append(src)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def source_map(self) -> SourceMap:
        if not self.seg:
            return SourceMap()
        return SourceMap(tuple(self.seg), tuple(self.src))

    def trailing_space(self) -> bool:
        return bool(self.parts) and self.parts[-1][-1:].isspace()


_CHARREF_OR_WS = re.compile(_CHARREF.pattern + "|" + _WS_RUN.pattern)


def compose(inner: SourceMap, outer: SourceMap, length: int) -> SourceMap:
    """Map segment offsets through ``inner`` (segment → middle text) then ``outer`` (middle → source)."""
    seg_out: list[int] = []
    src_out: list[int] = []

    def point(s: int, src: int) -> None:
        if seg_out and seg_out[-1] == s:
            src_out[-1] = src
        else:
            seg_out.append(s)
            src_out.append(src)

    n = len(inner.seg)
    for i in range(n):
        s0 = inner.seg[i]
        s1 = inner.seg[i + 1] if i + 1 < n else max(length, s0)
        m0 = inner.src[i]
        point(s0, outer.to_source(m0))
        # Outer breakpoints strictly inside this piece split it further.
        j = bisect.bisect_right(outer.seg, m0)
        while j < len(outer.seg) and outer.seg[j] < m0 + (s1 - s0):
            point(s0 + outer.seg[j] - m0, outer.src[j])
            j += 1
    if not seg_out:
        return SourceMap((0,), (outer.to_source(0),))
    return SourceMap(tuple(seg_out), tuple(src_out))
