"""What every rule kind provides: anchors for the prefilter, a window scan, and a document-level finish."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol, Sequence

from cxlint.termpack import Rule


@dataclass(frozen=True)
class Hit:
    """A match a kind reports: segment index, span in segment text, captured variables."""

    seg: int
    start: int
    end: int
    groups: tuple[tuple[str, str], ...] = ()
    suggest: tuple[str, ...] | None = None  # overrides the rule's templates (e.g. consistent)


class Matcher(Protocol):
    rule: Rule
    anchors: frozenset[str]
    reach: int  # characters a match may lie beyond a window around an anchor (0 for most kinds)

    def scan(self, text: str, start: int, end: int, seg: int, out: list, low: str) -> None:
        """Append events for ``text[start:end]`` (a window around anchor hits) to ``out``.

        ``low`` is ``text[start:end].lower()``, computed once per window for cheap prechecks.
        """

    def carry(self, events: Sequence[Any]) -> list[Any]:
        """The events that still decide findings in later text (see engine.StreamChecker)."""

    def finish(self, events: Sequence[Any]) -> list[Hit]:
        """Turn this document's events, in document order, into hits."""


FLAGS = re.IGNORECASE


_WORD_RUN = re.compile(r"\S+")
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")


# words_around looks this many characters per word each way, no further.
WORD_CHARS = 24


def words_around(text: str, start: int, end: int, n: int) -> tuple[int, int]:
    """Bounds of the ``n`` words before ``start`` and after ``end`` in ``text``.

    Looks at a bounded slice each way and counts word runs forwards, which never backtracks.
    """
    lo = max(0, start - n * WORD_CHARS)
    for m in _BLANK_LINE.finditer(text, lo, start):
        lo = m.end()  # context never reaches into the previous paragraph
    hi = min(len(text), end + n * WORD_CHARS)
    m = _BLANK_LINE.search(text, end, hi)
    if m:
        hi = m.start()
    left = list(_WORD_RUN.finditer(text, lo, start))
    if lo > 0 and left and left[0].start() == lo and not text[lo - 1].isspace():
        left = left[1:]  # a word cut by the slice edge is not a whole word
    cs = left[-n].start() if len(left) >= n else (left[0].start() if left else start)
    right = list(_WORD_RUN.finditer(text, end, hi))
    ce = right[min(n, len(right)) - 1].end() if right else end
    return cs, ce
