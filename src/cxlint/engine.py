"""Pure core: compile rules once into a RuleSet, then turn a Document's segments into Findings.

The hot path is anchor-driven: a byte search per anchor finds the few rare words the rules
need (anchors.py chooses them); rules then run only inside small windows around those hits,
so no rule ever scans a whole text on its own.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Sequence

from cxlint import kinds
from cxlint.anchors import AnchorChooser
from cxlint.errors import PackError
from cxlint.kinds.base import Hit, Window
from cxlint.matching import PatternError, match_case
from cxlint.model import Document, Edit, Finding, LineIndex, Location, Scope, Segment, Severity
from cxlint.termpack import Rule

# A window reaches this far either side of an anchor; no phrase in a pack is longer.
WINDOW = 200
_SKIP_SCOPES = frozenset({Scope.CODE})


class RuleSet:
    """The selected rules compiled once, with one anchor prefilter shared by all of them."""

    def __init__(self, rules: Sequence[Rule], reference: bool = False) -> None:
        self.rules = tuple(rules)
        # reference=True: no prefilter, every rule scans every whole segment. Slow; it exists
        # so tests can prove the fast path finds exactly the same things.
        self.reference = reference
        self.prefilter_min = PREFILTER_MIN
        choose = AnchorChooser(self.rules)
        self.matchers = []
        for rule in self.rules:
            try:
                self.matchers.append(kinds.build(rule, choose))
            except PatternError as exc:
                path, _, line = rule.source.rpartition(":")
                raise PackError(f"rule {rule.id}: {exc}", path, int(line)) from None
        self.by_anchor: dict[str, tuple[int, ...]] = {}
        for i, m in enumerate(self.matchers):
            for a in m.anchors:
                self.by_anchor[a] = self.by_anchor.get(a, ()) + (i,)
        self.anchors = tuple(sorted(self.by_anchor, key=lambda a: (-len(a), a)))
        # Matchers triggered by a hit on each anchor, counting anchors it starts with too
        # ("customercentric" also opens windows for rules anchored on "customer").
        self.by_anchor_set = {a: frozenset(i for b in self.anchors if a.startswith(b) for i in self.by_anchor[b])
                              for a in self.anchors}
        # Matchers by how far beyond the usual window their matches may lie (near rules anchored
        # on their context reach further): each group gets windows of its own width.
        reaches: dict[int, set[int]] = {}
        for i, m in enumerate(self.matchers):
            reaches.setdefault(m.reach, set()).add(i)
        self.reach_groups = tuple((r, frozenset(ms)) for r, ms in sorted(reaches.items()))
        # Only anchors without a shorter (non-whole-word) anchor as a prefix need a pass of their
        # own; the others are recognised at the hits of that prefix ("customercentric" at each
        # "customer"), longest first.
        extensions: dict[str, list[str]] = {}
        prefixes = [b for b in reversed(self.anchors) if len(b) > _WHOLE_WORD_MAX]  # shortest first
        for a in reversed(self.anchors):  # shortest first, so a prefix is placed before its extensions
            base = next((b for b in prefixes if b != a and a.startswith(b)), None)
            if base is None:
                extensions[a] = []
            else:
                extensions[base].insert(0, a)
        self.searches = tuple((a, tuple(ext)) for a, ext in extensions.items())
        self._searches_for: dict[frozenset[int], tuple] = {}
        self._byte_searches: dict[frozenset[int] | None, tuple] = {}
        self._filter_plan: tuple | None = None
        # Compiled RE2 objects, per process (not pickled); False where RE2 is missing.
        self._gates: dict | None = None
        self._scanners: dict | None = None

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_gates"] = state["_scanners"] = None  # compiled RE2 objects are rebuilt per process
        return state

    def filter_plan(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[frozenset[int] | None, ...], tuple]:
        """(filters, the same allowing for wide case folds, filter numbers of each matcher, the
        span of filters of each matcher's guards).

        A matcher gets filter numbers when all of its patterns could be rewritten for RE2 (None
        otherwise: then it is never skipped); each filtered Pattern learns its number (``fid``).
        Guards (allowed longer phrases, contexts) come after all the matchers' own filters, in
        sets of their own per matcher: one set for everything makes RE2's automaton too big.
        Done once; a cached plan keeps it.
        """
        if self._filter_plan is None:
            from cxlint import prefilter

            plain: list[str] = []
            folded: list[str] = []
            fids_of: list[frozenset[int] | None] = [None] * len(self.matchers)
            guards_of: list[tuple[int, int] | None] = [None] * len(self.matchers)

            def add(pattern, pair) -> None:
                if pattern is not None:
                    pattern.fid = len(plain)
                plain.append(pair[0])
                folded.append(pair[1])

            ok = prefilter.available()
            for mi, m in enumerate(self.matchers if ok else ()):
                m.prepare()
                wanted = m.filters()
                both = [prefilter.filters_for(src, ic) for _, src, ic in wanted]
                if wanted and all(b is not None for b in both):
                    first = len(plain)
                    for (pattern, _, _), pair in zip(wanted, both):
                        add(pattern, pair)
                    fids_of[mi] = frozenset(range(first, len(plain)))
            for mi, m in enumerate(self.matchers if ok else ()):
                first = len(plain)
                for pattern, src, ic in getattr(m, "guard_filters", list)():
                    pair = prefilter.filters_for(src, ic)
                    if pair is not None:  # a guard without a filter keeps its word prechecks
                        add(pattern, pair)
                if len(plain) > first:
                    guards_of[mi] = (first, len(plain))
            self._filter_plan = (tuple(plain), tuple(folded), tuple(fids_of), tuple(guards_of))
        return self._filter_plan

    @property
    def fids_of(self) -> tuple[frozenset[int] | None, ...]:
        return self.filter_plan()[2]

    def gate(self, folded: bool):
        """The compiled filter sets (allowing for wide case folds if ``folded``), or None without
        google-re2: the matchers' own filters, per matcher its guards' (or None), and for each
        group of matchers with a wider reach its members and their filters.

        A wider group's windows (a near rule anchored on its context) cover most of a text
        dense in CX terms while only its own few patterns can match there: a set of just those
        filters checks them many times faster than the set of all."""
        if self._gates is None:
            self._gates = {}
        got = self._gates.get(folded)
        if got is None:
            from cxlint import prefilter

            plain, wide, fids_of, guards_of = self.filter_plan()
            filters = wide if folded else plain
            main = sum(1 for f in fids_of if f is not None for _ in f)
            wide_groups = []
            for reach, members in self.reach_groups[1:]:  # sorted by reach: all but the narrowest
                numbers = sorted(f for mi in members if fids_of[mi] is not None for f in fids_of[mi])
                wide_groups.append((members, prefilter.FilterSet([filters[f] for f in numbers], numbers=numbers)
                                    if numbers else None))
            got = self._gates[folded] = (
                (prefilter.FilterSet(filters[:main]),
                 tuple(None if g is None else prefilter.FilterSet(filters[g[0]:g[1]], g[0]) for g in guards_of),
                 tuple(wide_groups))
                if prefilter.available() else False)
        return got or None

    def anchor_scanner(self, active: frozenset[int] | None):
        """One RE2 pass finding every anchor of :meth:`byte_searches`, or None without google-re2."""
        if self._scanners is None:
            self._scanners = {}
        got = self._scanners.get(active)
        if got is None:
            from cxlint import prefilter

            got = self._scanners[active] = (
                prefilter.AnchorScanner(self.byte_searches(active)) if prefilter.available() else False)
        return got or None

    def prepare(self) -> "RuleSet":
        """Do every matcher's text-independent lazy work now, and the byte searches for all rules.

        A one-off run leaves this work lazy (most of it is never needed on a small file); a
        plan that is cached does it once, so that every later run starts with it done.
        """
        for m in self.matchers:
            m.prepare()
        self.byte_searches(None)
        self.filter_plan()
        return self

    def searches_for(self, active: frozenset[int] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The anchor passes that can open a window for one of the ``active`` matchers (None: all)."""
        if active is None:
            return self.searches
        got = self._searches_for.get(active)
        if got is None:
            got = self._searches_for[active] = tuple(
                (a, ext) for a, ext in self.searches
                if any(not self.by_anchor_set[x].isdisjoint(active) for x in (a, *ext)))
        return got

    def byte_searches(self, active: frozenset[int] | None) -> tuple:
        """:meth:`searches_for` ready for ``anchor_hits``: (anchor bytes, whole word?, matchers,
        ((extension bytes, matchers), ...))."""
        got = self._byte_searches.get(active)
        if got is None:
            got = self._byte_searches[active] = tuple(
                (a.encode(), len(a) <= _WHOLE_WORD_MAX, self.by_anchor_set[a],
                 tuple((e.encode(), self.by_anchor_set[e]) for e in ext))
                for a, ext in self.searches_for(active))
        return got


# --- scanning ---------------------------------------------------------------------------------


# Anchors this short must be whole words (with a plural), or "ces" fires inside "services".
# Longer ones count anywhere, even inside a word: a pack's regex may glue words together
# ("customer[\s-]*centricity" matches "customercentricity", anchored on "centricity").
_WHOLE_WORD_MAX = 4
# Bytes that continue a word. Non-ASCII bytes are not among them: a character such as a
# non-breaking space (C2 A0) ends a word, and a hit too many only costs a window.
_WORDISH = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def anchor_hits(text: str, ruleset: RuleSet, active: frozenset[int] | None = None) -> list[tuple[int, int, frozenset[int]]]:
    """(start, end, matchers) of every anchor occurrence, in text order.

    The text is searched as ASCII-lower-cased UTF-8 bytes with ``bytes.find`` per anchor, which
    runs at memory speed; byte offsets are turned back into character offsets afterwards (free
    for ASCII text). A hit may be one too many (after a non-ASCII letter), never one too few.
    """
    searches = ruleset.byte_searches(active)
    if not searches:
        return []
    data = text.encode("utf-8", "surrogatepass")
    scanner = ruleset.anchor_scanner(active) if len(data) >= ruleset.prefilter_min else None
    if scanner is not None:
        return _to_chars(text, data, scanner.hits(data))
    low = data.lower()
    n = len(low)
    found: dict[int, list] = {}
    for a, short, which, longer in searches:
        la = len(a)
        i = low.find(a)
        while i >= 0:
            j = i + la
            w = which
            if short:
                # Whole words only (with a plural).
                if low.startswith(b"es", j):
                    j += 2
                elif low.startswith(b"s", j):
                    j += 1
                ok = (i == 0 or low[i - 1] not in _WORDISH) and (j >= n or low[j] not in _WORDISH)
            else:
                ok = True
                for e, ew in longer:
                    if low.startswith(e, i):
                        j, w = i + len(e), ew
                        break
            if ok:
                slot = found.get(i)
                if slot is None:
                    found[i] = [j, w]
                else:
                    slot[0] = max(slot[0], j)
                    slot[1] = slot[1] | w
            i = low.find(a, i + 1)
    return _to_chars(text, data, [(b, e, w) for b, (e, w) in sorted(found.items())])


def _to_chars(text: str, data: bytes, hits: list) -> list:
    """Hits at byte offsets of ``data`` (``text`` in UTF-8) moved to character offsets."""
    if len(data) == len(text):  # ASCII: byte offsets are character offsets
        return hits
    out = []
    prev_b = prev_c = 0
    for b, e, w in hits:
        # Most gaps between hits are ASCII even in a text that is not: no decoding needed there.
        gap = data[prev_b:b]
        c = prev_c + (len(gap) if gap.isascii() else len(gap.decode("utf-8", "surrogatepass")))
        word = data[b:e]
        out.append((c, c + (len(word) if word.isascii() else len(word.decode("utf-8", "surrogatepass"))), w))
        prev_b, prev_c = b, c
    return out


def _hits_by_segment(texts: list[str], joined: str, ruleset: RuleSet, active) -> list[list | None]:
    """Anchor hits of each text, from one pass over them all (a document has many short segments).

    Joined by line feeds (``joined``), which no anchor hit spans, the texts give the same hits as
    one by one.
    """
    if ruleset.reference or len(texts) < 2:
        return [None] * len(texts)
    starts = []
    at = 0
    for t in texts:
        starts.append(at)
        at += len(t) + 1
    out: list[list] = [[] for _ in texts]
    k = 0
    for hs, he, which in anchor_hits(joined, ruleset, active):
        while k + 1 < len(starts) and starts[k + 1] <= hs:
            k += 1
        out[k].append((hs - starts[k], he - starts[k], which))
    return out


def windows(text: str, ruleset: RuleSet, active: frozenset[int] | None = None,
            hits: list | None = None) -> list[tuple[int, int, frozenset[int]]]:
    """Merged windows around anchor hits (found here unless given), each with the matchers its
    anchors trigger.

    A matcher's windows never overlap one another (each match is found once); windows of
    matchers with a wider reach are separate and may overlap the others.
    """
    if ruleset.reference:
        return [(0, len(text), frozenset(range(len(ruleset.matchers))))] if text else []
    if hits is None:
        hits = anchor_hits(text, ruleset, active)
    if active is not None:
        hits = [(hs, he, which & active) for hs, he, which in hits if not which.isdisjoint(active)]
    if len(ruleset.reach_groups) == 1:
        return _merged(text, hits, WINDOW)
    out = []
    for reach, members in ruleset.reach_groups:
        mine = [(hs, he, which & members) for hs, he, which in hits if not which.isdisjoint(members)]
        out += _merged(text, mine, WINDOW + reach)
    return out


def _merged(text: str, hits, width: int) -> list[tuple[int, int, frozenset[int]]]:
    """Windows of ``width`` either side of each hit, overlapping ones merged."""
    out: list[list] = []
    n = len(text)
    for hs, he, which in hits:
        s, e = max(0, hs - width), min(n, he + width)
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
            out[-1][2] = out[-1][2] | which
        else:
            out.append([s, e, which])
    return [(_to_blank(text, s, -1), _to_blank(text, e, 1), w) for s, e, w in out]


def _to_blank(text: str, i: int, step: int) -> int:
    """Move a window edge to whitespace so no word is cut (lookarounds see the edge as text end)."""
    n = len(text)
    for _ in range(64):
        if i <= 0 or i >= n or text[i].isspace():
            return max(0, min(n, i))
        i += step
    return max(0, min(n, i))


# Texts at least this long (all segments together) are scanned with RE2 (prefilter.py): below
# it, importing RE2 and building its automata cost more than they save.
PREFILTER_MIN = 64 * 1024


def scan_document(doc: Document, ruleset: RuleSet, active: frozenset[int] | None = None, seg_base: int = 0) -> list[list]:
    """Events per matcher for the whole document (document order); segment numbers start at ``seg_base``."""
    events: list[list] = [[] for _ in ruleset.matchers]
    scanned = [(si, seg) for si, seg in enumerate(doc.segments) if seg.scope not in _SKIP_SCOPES and seg.text]
    texts = [seg.text for _, seg in scanned]
    joined = "\n".join(texts)
    gate = None
    if not ruleset.reference and len(joined) >= ruleset.prefilter_min:
        from cxlint.prefilter import FOLD_CHARS

        # A text holding one of the wide letters Python folds to ASCII needs the filters that allow for them.
        gate = ruleset.gate(not joined.isascii() and any(c in joined for c in FOLD_CHARS))
    if gate is not None:
        main, guard_sets, wide_groups = gate
        fids = ruleset.fids_of
    hits_by_seg = _hits_by_segment(texts, joined, ruleset, active)
    for (si, seg), hits in zip(scanned, hits_by_seg):
        if hits is not None and not hits:
            continue  # most segments of a document hold no anchor at all
        for ws, we, which in windows(seg.text, ruleset, active, hits):
            win = Window(seg.text, ws, we)
            if gate is not None:
                # Which filters match here: a matcher none of whose filters does is skipped, and
                # a pattern whose filter does not is not run (Window.may_match).
                # windows() keeps each reach group's windows apart: the wider ones check only their own filters.
                chosen = next((fs for members, fs in wide_groups if which <= members), main) if wide_groups else main
                win.possible = possible = chosen.which(seg.text[ws:we]) if chosen is not None else frozenset()
            for mi in which:
                if active is not None and mi not in active:
                    continue
                if gate is not None:
                    if fids[mi] is not None and possible.isdisjoint(fids[mi]):
                        continue
                    win.guard = guard_sets[mi]
                matcher = ruleset.matchers[mi]
                scopes = matcher.rule.scopes
                if scopes and seg.scope not in scopes:
                    continue
                matcher.scan(seg.text, ws, we, seg_base + si, events[mi], win)
    return events


def check(doc: Document, ruleset: RuleSet, active: frozenset[int] | None = None) -> list[Finding]:
    """All findings of the rule set in one document, sorted."""
    events = scan_document(doc, ruleset, active)
    findings: list[Finding] = []
    lines = _LazyLines(doc.source)
    for mi, evs in enumerate(events):
        if not evs:
            continue
        matcher = ruleset.matchers[mi]
        for hit in matcher.finish(evs):
            f = _finding(doc, matcher.rule, hit, lines)
            if f is not None:
                findings.append(f)
    findings.sort(key=Finding.sort_key)
    return findings


class StreamChecker:
    """Checks one long text window by window, as a single document.

    The caller owns each text position in exactly one window (``keep_from``..``keep_until``,
    with context on both sides), so matches across window edges are neither lost nor doubled.
    Document-level kinds (acronym, consistent) keep a small state between windows: only the
    events that still decide later findings (``carry``).

    ``deferred`` consistent-spelling matchers decide nothing here, for a text that is one part
    of a file (bigfile.py): each spelling they see becomes a candidate finding for every other
    spelling that may turn out to be the file's first (``candidates``, with the matcher, group,
    spelling seen and spelling assumed first), and ``first_forms`` says which spelling of each
    group came first in this part.
    """

    def __init__(self, ruleset: RuleSet, active: frozenset[int] | None = None,
                 deferred: frozenset[int] = frozenset()) -> None:
        self.ruleset = ruleset
        self.active = active
        self.deferred = deferred
        self.carried: list[list] = [[] for _ in ruleset.matchers]
        self.window_no = 0
        self.candidates: list[tuple[Finding, tuple[int, int, int, int]]] = []  # this window's
        self.first_forms: dict[int, dict[int, int]] = {}  # matcher -> group -> first spelling

    def feed(self, doc: Document, keep_from: int, keep_until: int) -> list[Finding]:
        """Findings that start in ``[keep_from, keep_until)`` of this window's one segment."""
        base = self.window_no * _SEG_STRIDE
        self.window_no += 1
        events = scan_document(doc, self.ruleset, self.active, seg_base=base)
        lines = _LazyLines(doc.source)
        findings: list[Finding] = []
        for mi, evs in enumerate(events):
            mine = [ev for ev in evs if keep_from <= _event_start(ev) < keep_until]
            carried = self.carried[mi]
            if not mine and not carried:
                continue
            matcher = self.ruleset.matchers[mi]
            if mi in self.deferred:
                self._defer(doc, mi, mine, base, lines)
                continue
            both = carried + mine
            for hit in matcher.finish(both):
                if hit.seg >= base:
                    f = _finding(doc, matcher.rule, Hit(hit.seg - base, hit.start, hit.end, hit.groups, hit.suggest), lines)
                    if f is not None:
                        findings.append(f)
            self.carried[mi] = list(matcher.carry(both))
        findings.sort(key=Finding.sort_key)
        return findings

    def _defer(self, doc: Document, mi: int, events: list, base: int, lines: "_LazyLines") -> None:
        matcher = self.ruleset.matchers[mi]
        firsts = self.first_forms.setdefault(mi, {})
        for seg, start, end, g, f in matcher.occurrences(events):
            firsts.setdefault(g, f)
            for w in range(len(matcher.groups[g])):
                if w != f:
                    found = _finding(doc, matcher.rule, matcher.hit(seg - base, start, end, g, w), lines)
                    if found is not None:
                        self.candidates.append((found, (mi, g, f, w)))


_SEG_STRIDE = 1 << 20  # window n's segments are numbered from n * stride, so document order holds


def _event_start(ev) -> int:
    return ev.start if isinstance(ev, Hit) else ev[1]


class _LazyLines:
    """Line and column of offsets in a source, computed only when a finding needs them.

    A long source without carriage returns (a streamed window: 4 MB, some 900 findings) counts
    line feeds from the nearest offset already placed instead of indexing every line; anything
    else gets a LineIndex. Both give the same answers.
    """

    def __init__(self, source: str | None) -> None:
        self.source = source or ""
        self._index: LineIndex | None = None
        self._marks: list[int] | None = None  # offsets already placed, sorted
        self._where: dict[int, tuple[int, int]] = {}  # offset -> (line, start of line)
        if len(self.source) >= _MARKS_MIN and "\r" not in self.source:
            self._marks = [0]
            self._where[0] = (1, 0)

    def position(self, offset: int) -> tuple[int, int]:
        if self._marks is None:
            if self._index is None:
                self._index = LineIndex(self.source)
            return self._index.position(offset)
        got = self._where.get(offset)
        if got is None:
            k = bisect.bisect_right(self._marks, offset) - 1
            mark = self._marks[k]
            line, start = self._where[mark]
            breaks = self.source.count("\n", mark, offset)
            if breaks:
                line += breaks
                start = self.source.rfind("\n", mark, offset) + 1
            got = self._where[offset] = (line, start)
            self._marks.insert(k + 1, offset)
        return got[0], offset - got[1] + 1


_MARKS_MIN = 1 << 20


# --- from hit to finding ---------------------------------------------------------------------

_URLISH = re.compile(r"://|@|^www\.|^/|\.(?:com|org|net|io|co|gov|edu|uk|de|fr|nl|au|ca|html?|md|pdf|php|aspx?)(?:\W|$)", re.I)
_QUOTES = "\"'“”‘’«»„‚`"
_MENTION_CUES = re.compile(
    r"\b(?:called|calling|call\s+(?:it|them|this|that|these|those|someone|people|staff|agents)|term|terms|phrase|phrases|word|words|wording|wrong(?:ly)?|instead|not|never|"
    r"so[- ]called|misuse[sd]?|mislabel\w*|label\w*|jargon|buzzword\w*|avoid|stop|confus\w*|mean|means|"
    r"meaning|synonym\w*|(?:re)?naming|renamed?|myth|mistake\w*|dub\w*|sentence|saying|advertised|"
    r"(?:re)?titled)\b|n['\u2019]t\b",
    re.I,
)


def in_url_or_email(text: str, start: int, end: int) -> bool:
    """True if the match sits inside a URL, e-mail address, file path or domain-like token."""
    for edge in (start, end - 1):
        token = _token_at(text, edge).strip("()<>[]{}\"'.,;:!?")
        if _URLISH.search(token):
            return True
    return False


def _token_at(text: str, edge: int) -> str:
    """The run of non-space characters around ``edge`` (at most 300 either side).

    Split in C from both sides of the edge: this runs for every finding, and a loop over the
    characters in Python cost more than the rest of the check.
    """
    left = text[max(0, edge - 300) : edge]
    right = text[edge : edge + 300]
    ts = edge - len(left.rsplit(None, 1)[-1]) if left and not left[-1].isspace() else edge
    te = edge + len(right.split(None, 1)[0]) if right and not right[0].isspace() else edge
    return text[ts:te]


_OPEN_QUOTES = "“‘«„‚"
_CLOSE_QUOTES = "”’»"
_CLOSE_DOUBLE = "”»"  # ’ is also an apostrophe, so only these close a quotation before the match


def _inside_quotes(text: str, start: int, end: int) -> bool:
    """The match is quoted: wrapped directly, or inside a short quotation on the same line."""
    before = text[start - 1] if start > 0 else ""
    after = text[end : end + 2]
    if before in _QUOTES and (after[:1] in _QUOTES or (after[:1] in ".,;:!?" and after[1:2] in _QUOTES)):
        return True
    left = text[max(0, start - 120) : start]
    right = text[end : end + 120]
    cut = max(left.rfind("\n"), left.rfind(". "))
    left = left[cut + 1 :] if cut >= 0 else left
    nl = right.find("\n")
    right = right[:nl] if nl >= 0 else right
    # Curly quotes say which way they face; straight double quotes pair up by count.
    opened = max((left.rfind(q) for q in _OPEN_QUOTES), default=-1)
    closed = max((left.rfind(q) for q in _CLOSE_DOUBLE), default=-1)
    if opened > closed and any(q in right for q in _CLOSE_QUOTES):
        return True
    return left.count('"') % 2 == 1 and '"' in right


def _sentences_around(text: str, start: int, end: int) -> str:
    """The sentence holding the match and the one after it (a cue often follows the quote)."""
    s = max(0, start - 250)
    left = text[s:start]
    cut = max(left.rfind(". "), left.rfind("! "), left.rfind("? "), left.rfind("\n\n"))
    sentence_left = left[cut + 1 :] if cut >= 0 else left
    right = text[end : end + 400]
    stops = [m.end() for m in re.finditer(r"[.!?](?:\s|$)|\n\n", right)]
    sentence_right = right[: stops[1]] if len(stops) > 1 else right
    return sentence_left + " " + sentence_right


def quoted_mention(text: str, start: int, end: int) -> bool:
    """A quoted match in a passage that talks about words is a mention, not a use."""
    if not _inside_quotes(text, start, end):
        return False
    return bool(_MENTION_CUES.search(_sentences_around(text, start, end)))


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: dict) -> str:
    if "{" not in template:
        return template
    return template.format_map(_SafeDict(values))


def _finding(doc: Document, rule: Rule, hit: Hit, lines: _LazyLines) -> Finding | None:
    seg: Segment = doc.segments[hit.seg]
    text = seg.text
    s, e = hit.start, hit.end
    if in_url_or_email(text, s, e):
        return None
    if rule.quoted == "skip" and quoted_mention(text, s, e):
        return None
    matched = text[s:e]
    groups = dict(hit.groups)
    templates = hit.suggest if hit.suggest is not None else rule.suggest
    suggestions = tuple(dict.fromkeys(match_case(_fill(t, groups), matched) for t in templates))
    values = dict(groups, match=" ".join(matched.split()), suggestion=suggestions[0] if suggestions else "", term=rule.term)
    message = _fill(rule.message, values)
    severity: Severity = rule.severity_in(seg.scope)

    line = col = end_line = end_col = None
    src_s = src_e = None
    if seg.source_map is not None and doc.source is not None:
        src_s = seg.source_map.to_source(s)
        src_e = seg.source_map.to_source(e - 1) + 1 if e > s else src_s
        line, col = lines.position(src_s)
        end_line, end_col = lines.position(src_e)
    fix = None
    if rule.fixable and len(suggestions) == 1 and src_s is not None and doc.source[src_s:src_e] == matched:
        fix = Edit(src_s, src_e, suggestions[0])
    location = Location(
        path=doc.path, line=line, column=col, end_line=end_line, end_column=end_col,
        anchor=seg.anchor, where=seg.where, offset=src_s,
        seq=0 if src_s is not None else hit.seg * 1_000_000_000 + s,
    )
    if src_s is not None:
        excerpt, span = _line_excerpt(doc.source, src_s, src_e)
    else:
        excerpt, span = _slice_excerpt(text, s, e)
    # Report the text as it stands in the file (masked markup included), not the masked copy.
    as_written = doc.source[src_s:src_e] if src_s is not None else matched
    return Finding(
        rule=rule.id, name=rule.name, severity=severity, message=message,
        match=as_written, location=location, suggestions=suggestions, fix=fix,
        scope=seg.scope, context=_context(text, s, e), excerpt=excerpt, excerpt_span=span,
    )


def _line_excerpt(source: str, s: int, e: int) -> tuple[str, tuple[int, int]]:
    """The source line where the match starts (at most 240 characters around it)."""
    lo = max(0, s - 120)  # bounded: an unbounded rfind is quadratic over a long file
    ls = max(source.rfind("\n", lo, s), source.rfind("\r", lo, s), lo - 1) + 1
    le = len(source)
    for ch in "\r\n":
        j = source.find(ch, s, s + 240)
        if j >= 0:
            le = min(le, j)
    le = min(le, max(e, s) + 120)
    return source[ls:le], (s - ls, min(e, le) - ls)


def _slice_excerpt(text: str, s: int, e: int) -> tuple[str, tuple[int, int]]:
    ls = max(0, s - 60)
    le = min(len(text), e + 60)
    piece = text[ls:le].replace("\n", " ").replace("\r", " ")
    return piece, (s - ls, e - ls)


_WORDS = re.compile(r"\w+")


def _context(text: str, s: int, e: int) -> str:
    """Up to three words either side, normalised: stable under edits elsewhere in the file."""
    left = _WORDS.findall(text, max(0, s - 80), s)[-3:]
    right = _WORDS.findall(text, e, e + 80)[:3]
    return " ".join(left + ["|"] + right).lower()


@dataclass(frozen=True)
class Selection:
    """Which rules run: codes, code prefixes or names to select and to ignore."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def matches(self, rule: Rule, keys: Sequence[str]) -> bool:
        return any(rule.id == k or rule.name == k or (k and rule.id.startswith(k)) for k in keys)

    def apply(self, rules: Sequence[Rule]) -> list[Rule]:
        out = [r for r in rules if not self.select or self.matches(r, self.select)]
        return [r for r in out if not self.matches(r, self.ignore)]
