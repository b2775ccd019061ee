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

    def scan(self, text: str, start: int, end: int, seg: int, out: list, win: Window) -> None:
        """Append events for ``text[start:end]`` (a window around anchor hits) to ``out``.

        ``win`` is that window lower-cased, computed once for cheap prechecks (:func:`passes`)
        and :class:`Pattern` searches.
        """

    def carry(self, events: Sequence[Any]) -> list[Any]:
        """The events that still decide findings in later text (see engine.StreamChecker)."""

    def finish(self, events: Sequence[Any]) -> list[Hit]:
        """Turn this document's events, in document order, into hits."""


FLAGS = re.IGNORECASE

# Characters whose case-insensitive match is not their str.lower() (re's extra folds such as
# long s ~ s and dotless i ~ i): a window holding one is searched the plain way.
try:
    from re._casefix import _EXTRA_CASES as _FOLDS
except ImportError:  # pragma: no cover - other interpreters: any non-ASCII window is odd
    _FOLDS = {}
_ODD_CASE = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLDS if c > 127) + "]" if _FOLDS else r"[^\x00-\x7f]")


class Window:
    """One window's text lower-cased, computed once and shared by every matcher that scans it.

    ``exact``: its offsets are the text's and its letters the ones ``re`` matches
    case-insensitively, so a literal found in it starts a match right there. ``seen`` caches
    which words it holds (:func:`passes`).
    """

    __slots__ = ("low", "exact", "seen")

    def __init__(self, text: str, start: int, end: int) -> None:
        low = text[start:end].lower()
        self.low = low
        self.exact = low.isascii() or (len(low) == end - start and _ODD_CASE.search(low) is None)
        self.seen: dict[str, bool] = {}


class Pattern:
    """A regex compiled on first use, tried only where one of its first literals occurs.

    Python's ``re`` tries a pattern that starts with ``\b`` or a lookbehind at every position;
    finding its possible first words with ``str.find`` and matching only there finds the same
    matches (matches never overlap, as with ``finditer``) many times faster. Compiling lazily
    matters too: most rules never get past their precheck on a given file.
    """

    __slots__ = ("source", "_rx", "_firsts")

    def __init__(self, source: str) -> None:
        self.source = source
        self._rx = None
        self._firsts: tuple[str, ...] | None = None

    def _compile(self) -> re.Pattern:
        from cxlint import rxcache
        from cxlint.matching import first_literals

        self._rx = rxcache.compile(self.source, FLAGS)
        self._firsts = first_literals(self.source)
        return self._rx

    def finditer(self, text: str, start: int, end: int, win: Window | None = None):
        """Matches in ``text[start:end]`` (the span of ``win``, if given) as ``re.finditer`` finds them."""
        rx = self._rx or self._compile()
        firsts = self._firsts
        if firsts is None or win is None or not win.exact:
            return rx.finditer(text, start, end)
        low = win.low
        spots = []
        for f in firsts:
            i = low.find(f)
            while i >= 0:
                spots.append(i)
                i = low.find(f, i + 1)
        if not spots:
            return ()
        spots.sort()
        out = []
        done = 0  # matches never overlap: the next one starts at or after the last one's end
        match = rx.match
        for i in spots:
            if i >= done:
                m = match(text, start + i, end)
                if m is not None:
                    out.append(m)
                    done = m.end() - start
        return out


def passes(required: tuple[tuple[str, ...], ...], win: Window) -> bool:
    """True if the window holds a word of every set in ``required`` (each word looked up once)."""
    seen = win.seen
    for words in required:
        for w in words:
            found = seen.get(w)
            if found is None:
                found = seen[w] = w in win.low
            if found:
                break
        else:
            return False
    return True


def requirement_order(sets, likely: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], ...]:
    """Word sets for :func:`passes`: the implied ones dropped, the likeliest to fail first.

    A set holding another set is implied by it. Sets of everyday words or of words that open
    windows anyway (``likely``) rarely fail, so they go last; longer words are rarer.
    """
    from cxlint.anchors import COMMON

    sets = sorted(set(sets), key=len)
    minimal = [s for i, s in enumerate(sets) if not any(t <= s for t in sets[:i])]
    minimal.sort(key=lambda s: (bool(s & COMMON), s <= likely, len(s), -min(len(w) for w in s), sorted(s)))
    return tuple(tuple(sorted(s, key=len, reverse=True)) for s in minimal)


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
