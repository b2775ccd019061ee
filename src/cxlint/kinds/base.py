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

    def scan(self, text: str, start: int, end: int, seg: int, out: list) -> None:
        """Append events for ``text[start:end]`` (a window around anchor hits) to ``out``."""

    def finish(self, events: Sequence[Any]) -> list[Hit]:
        """Turn this document's events, in document order, into hits."""


FLAGS = re.IGNORECASE


def words_around(text: str, start: int, end: int, n: int) -> tuple[int, int]:
    """Bounds of the ``n`` words before ``start`` and after ``end`` in ``text``."""
    left = text[max(0, start - n * 24) : start]
    m = re.search(r"(?:\S+\s*){0,%d}$" % n, left)
    cs = start - (len(left) - m.start()) if m else start
    right = text[end : end + n * 24]
    m = re.match(r"(?:\s*\S+){0,%d}" % n, right)
    ce = end + (m.end() if m else 0)
    return cs, ce
