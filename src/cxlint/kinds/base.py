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

    __slots__ = ("low", "exact", "seen", "spots", "possible", "guard")

    def __init__(self, text: str, start: int, end: int) -> None:
        low = text[start:end].lower()
        self.low = low
        self.exact = low.isascii() or (len(low) == end - start and _ODD_CASE.search(low) is None)
        self.seen: dict = {}  # word or word-set id -> found in the window
        self.spots: dict[str, list[int]] = {}  # literal -> where it occurs (Pattern.finditer)
        # Numbers (Pattern.fid) of the RE2 filters that match in the window, when the scan asked
        # (engine.scan_document on a long text): a pattern whose filter is not among them cannot
        # match here.
        self.possible: frozenset[int] | None = None
        # The RE2 set of the scanning matcher's guards (allowed phrases, contexts), if any.
        self.guard = None

    def may_match(self, pattern: "Pattern", required: list) -> bool:
        """Whether ``pattern`` can match in this window: its filter matched, or (without a
        prefilter) the window holds the words it needs (:func:`passes`)."""
        if self.possible is not None and pattern.fid is not None:
            return pattern.fid in self.possible
        return passes(required, self)


class Pattern:
    """A regex compiled on first use, tried only where one of its first literals occurs.

    Python's ``re`` tries a pattern that starts with ``\b`` or a lookbehind at every position;
    finding its possible first words with ``str.find`` and matching only there finds the same
    matches (matches never overlap, as with ``finditer``) many times faster. Compiling lazily
    matters too: most rules never get past their precheck on a given file. Finding the first
    literals means parsing the regex, which only pays for a pattern used many times (a long
    file, many files), so the first few searches are plain ones.
    """

    __slots__ = ("source", "_rx", "_firsts", "_uses", "fid")

    def __init__(self, source: str) -> None:
        self.source = source
        self.fid: int | None = None  # its filter's number in the rule set's prefilter, if any
        self._rx = None
        self._firsts: tuple[str, ...] | None = None
        self._uses = 0  # searches so far, until the first literals are known

    def prepare(self) -> None:
        """Find the first literals now (the plan cache stores them, so later runs skip parsing)."""
        if self._firsts is None:
            from cxlint.matching import first_literals

            self._firsts = first_literals(self.source)
            self._uses = _PLAIN_SEARCHES + 1

    def _compile(self) -> re.Pattern:
        from cxlint import rxcache

        self._rx = rxcache.compile(self.source, FLAGS)
        return self._rx

    def match(self, text: str):
        """``re.match`` at the start of ``text``."""
        return (self._rx or self._compile()).match(text)

    def finditer(self, text: str, start: int, end: int, win: Window | None = None):
        """Matches in ``text[start:end]`` (the span of ``win``, if given) as ``re.finditer`` finds them."""
        rx = self._rx or self._compile()
        firsts = self._firsts
        if firsts is None and self._uses <= _PLAIN_SEARCHES:
            self._uses += 1
            if self._uses > _PLAIN_SEARCHES:
                from cxlint.matching import first_literals

                firsts = self._firsts = first_literals(self.source)
        if firsts is None or win is None or not win.exact:
            return rx.finditer(text, start, end)
        # Where each first literal occurs, shared by the patterns of this window that start alike.
        cache = win.spots
        spots: list[int] = []
        for f in firsts:
            at = cache.get(f)
            if at is None:
                at = cache[f] = _find_all(win.low, f)
            spots += at
        if not spots:
            return ()
        if len(firsts) > 1:
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


# Plain searches before a Pattern looks for its first literals (tests set 0).
_PLAIN_SEARCHES = 16


def _find_all(low: str, word: str) -> list[int]:
    out = []
    i = low.find(word)
    while i >= 0:
        out.append(i)
        i = low.find(word, i + 1)
    return out


def passes(required: list[tuple[int, tuple[str, ...]]], win: Window) -> bool:
    """True if the window holds a word of every set in ``required`` ((set id, words) pairs).

    Patterns share word sets (a rule's regexes often all need "customer" or "cx"): each set,
    and each word, is looked up once per window. A set that fails moves to the front of
    ``required``, so the set that usually rules a pattern out is tried first next time (the
    answer never depends on the order).
    """
    seen = win.seen
    for i, (key, words) in enumerate(required):
        found = seen.get(key)
        if found is None:
            found = False
            for w in words:
                hit = seen.get(w)
                if hit is None:
                    hit = seen[w] = w in win.low
                if hit:
                    found = True
                    break
            seen[key] = found
        if not found:
            if i:
                required[0], required[i] = required[i], required[0]
            return False
    return True


_SET_IDS: dict[tuple[str, ...], int] = {}  # one number per distinct word set, the key of its cached answer


def requirement_order(sets) -> list[tuple[int, tuple[str, ...]]]:
    """Word sets for :func:`passes`, the implied ones dropped: a set holding another is implied by it."""
    sets = sorted(set(sets), key=lambda s: (len(s), sorted(s)))
    minimal = [s for i, s in enumerate(sets) if not any(t <= s for t in sets[:i])]
    out = []
    for s in minimal:
        words = tuple(sorted(s, key=lambda w: (-len(w), w)))
        out.append((_SET_IDS.setdefault(words, len(_SET_IDS)), words))
    return out


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
