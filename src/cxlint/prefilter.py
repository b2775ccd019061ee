"""Prefilter: google-re2 finds the anchor words of a long text in one pass, and tells each window
which rules can match in it.

Every rule pattern is a Python regex. Here each is rewritten as an RE2 filter over UTF-8 bytes
that matches inside every match of the Python regex (never less: a filter that missed a match
would lose a finding; one that matches more only costs a Python run). Optional ends and
lookarounds are dropped, runs of spaces and dashes widened, each character becomes the bytes of
every character Python's case-insensitive matching accepts for it, and ``\\b`` is kept only
where RE2's ASCII idea of a word boundary cannot disagree with Python's.

engine.py opens windows around the anchor hits (:class:`AnchorScanner`) and asks a
:class:`FilterSet` of all the filters which of them match in each window: only those patterns
run in Python. Patterns that cannot be rewritten (a back-reference, say) keep the word
prechecks of the anchor-word path.
"""

from __future__ import annotations

import functools
import re
from typing import Sequence

# --- rewriting a Python regex -----------------------------------------------------------------

_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# Python's \s beyond ASCII, and the ASCII part (which includes \x1c-\x1f, unlike RE2's \s).
_SPACE_ASCII = frozenset("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f ")
_SPACE_WIDE = "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
# One character that is not ASCII: a lead byte and its continuation bytes.
_WIDE = r"[\xc0-\xff][\x80-\xbf]*"
_ALL_ASCII = frozenset(chr(c) for c in range(128))
_DIGITS = frozenset("0123456789")


class Unsupported(Exception):
    """A construct with no safe RE2 rewriting (back-references and the like)."""


def _tolower(c: str) -> str:
    import _sre

    return chr(_sre.unicode_tolower(ord(c)))


_FOLDS: dict[str, frozenset[str]] | None = None


def _fold_table() -> dict[str, frozenset[str]]:
    """Characters grouped by what Python's case-insensitive matching treats as one letter."""
    global _FOLDS
    if _FOLDS is None:
        import _sre

        try:
            from re._casefix import _EXTRA_CASES as extra
        except ImportError:  # pragma: no cover - older interpreters
            extra = {}
        groups: dict[int, set[str]] = {}
        for cp in range(0x110000):
            if 0xD800 <= cp < 0xE000:
                continue
            low = _sre.unicode_tolower(cp)
            if low != cp:
                groups.setdefault(low, {chr(low)}).add(chr(cp))
        for low, others in extra.items():
            groups.setdefault(low, {chr(low)}).update(chr(o) for o in others)
        table: dict[str, frozenset[str]] = {}
        for members in groups.values():
            for ch in list(members):
                table[ch] = table.get(ch, frozenset()) | frozenset(members)
        _FOLDS = table
    return _FOLDS


# The wide characters Python's case-insensitive matching takes for an ASCII letter (dotted and
# dotless i, the Kelvin sign, the long s). tests/test_prefilter.py checks this against Unicode.
ASCII_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
FOLD_CHARS = "".join(ASCII_FOLDS.values())
# A text without any of them (FOLD_CHARS) needs no filter that allows for them, and the
# filters without those alternatives run faster (_Rewriter.wide).


@functools.lru_cache(maxsize=4096)
def folds(c: str, ignorecase: bool, wide: bool = True) -> frozenset[str]:
    """Every character a literal ``c`` matches (without the four wide folds unless ``wide``)."""
    if not ignorecase:
        return frozenset(c)
    if c.isascii():
        if not c.isalpha():
            return frozenset(c)
        low = c.lower()
        return frozenset(low + low.upper() + (ASCII_FOLDS.get(low, "") if wide else ""))
    if c.lower() == c == c.upper():
        return frozenset(c)  # no case at all (punctuation, spaces): tests check none folds to it
    # A wide letter: rare in packs, so the whole table is built only when one turns up.
    return _fold_table().get(c, frozenset(c)) | _fold_table().get(_tolower(c), frozenset())


def _byte_class(chars: set[str]) -> str:
    """An RE2 class of ASCII characters, written with hex escapes only."""
    return _byte_class_of(frozenset(chars))


@functools.lru_cache(maxsize=1024)
def _byte_class_of(chars: frozenset[str]) -> str:
    codes = sorted(ord(c) for c in chars)
    parts, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        parts.append(f"\\x{codes[i]:02x}" if i == j else f"\\x{codes[i]:02x}-\\x{codes[j]:02x}")
        i = j + 1
    return "[" + "".join(parts) + "]"


def _bytes_of(c: str) -> str:
    return "".join(f"\\x{b:02x}" for b in c.encode("utf-8", "surrogatepass"))


def _one_of(ascii_chars: set[str], wide_chars: set[str], any_wide: bool) -> str:
    """One character: an ASCII one of ``ascii_chars``, a listed wide one, or any wide one."""
    options = []
    if ascii_chars:
        options.append(_byte_class(ascii_chars) if len(ascii_chars) > 1 else _bytes_of(next(iter(ascii_chars))))
    if any_wide:
        options.append(_WIDE)
    else:
        options.extend(_bytes_of(c) for c in sorted(wide_chars))
    if not options:
        raise Unsupported("a class that matches nothing")
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


def _repeats():
    from re import _constants as K

    return (K.MAX_REPEAT, K.MIN_REPEAT) + ((K.POSSESSIVE_REPEAT,) if hasattr(K, "POSSESSIVE_REPEAT") else ())


def _flags_case(av, ignorecase: bool) -> bool:
    _, add, remove, _ = av
    if add & re.IGNORECASE:
        return True
    if remove & re.IGNORECASE:
        return False
    return ignorecase


# Any run of bytes that are not ASCII letters or digits: what a run of spaces, hyphens, line
# breaks, dashes and the like is widened to. One simple loop keeps RE2's automaton small, where
# the exact alternatives (every Unicode space, every line break) make it slow.
_GAP = r"[^\x30-\x39\x41-\x5a\x61-\x7a]*"
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


class _Rewriter:
    """One rewriting of a parsed Python regex into an RE2 filter.

    ``wide`` says whether the four wide characters Python takes for ASCII letters (ASCII_FOLDS)
    are allowed for; filters_for rewrites each pattern both ways. The memo of ``gap_only``
    lives as long as the rewriting: items are asked again at every level of nesting.
    """

    def __init__(self, wide: bool) -> None:
        self.wide = wide
        self._gap_memo: dict[tuple[int, bool], tuple] = {}

    def folds(self, c: str, ignorecase: bool) -> frozenset[str]:
        return folds(c, ignorecase, self.wide)

    def class_parts(self, items, ignorecase: bool) -> tuple[set[str], set[str], bool]:
        """(ASCII characters, listed wide characters, any wide character?) of a class's items."""
        from re import _constants as K

        asc: set[str] = set()
        wide: set[str] = set()
        any_wide = False
        for op, av in items:
            if op is K.LITERAL:
                for c in self.folds(chr(av), ignorecase):
                    (asc if c.isascii() else wide).add(c)
            elif op is K.RANGE:
                lo, hi = av
                for cp in range(lo, min(hi, 127) + 1):
                    for c in self.folds(chr(cp), ignorecase):
                        (asc if c.isascii() else wide).add(c)
                if hi > 127 or ignorecase:
                    any_wide = True  # ranges past ASCII (or folding into it): any wide character
            elif op is K.CATEGORY:
                name = str(av).upper()
                base = _DIGITS if "DIGIT" in name else _ASCII_WORD if "WORD" in name else _SPACE_ASCII if "SPACE" in name else None
                if base is None:
                    raise Unsupported(f"category {av}")
                if "NOT_" in name:
                    asc |= _ALL_ASCII - base
                    any_wide = True
                else:
                    asc |= base
                    if base is _SPACE_ASCII:
                        wide |= set(_SPACE_WIDE)
                    else:
                        any_wide = True  # Unicode digits and letters
            else:
                raise Unsupported(f"class item {op}")
        return asc, wide, any_wide

    def class_(self, items, ignorecase: bool) -> str:
        from re import _constants as K

        if items and items[0][0] is K.NEGATE:
            asc, _, _ = self.class_parts(items[1:], ignorecase)
            # Not one of these: exact for ASCII, any wide character (more than needed is safe).
            return _one_of(_ALL_ASCII - asc, set(), True)
        return _one_of(*self.class_parts(items, ignorecase))

    def edge(self, items, last: bool, ignorecase: bool, depth: int = 0) -> set[str] | None:
        """Characters the first (or last) character of a match of ``items`` can be; None if unknown
        or if a match may be empty (then the edge lies outside ``items``)."""
        from re import _constants as K

        if depth > 30:
            return None
        seq = list(items)[::-1] if last else list(items)
        out: set[str] = set()
        for op, av in seq:
            if op in (K.AT, K.ASSERT, K.ASSERT_NOT):
                continue
            if op is K.LITERAL:
                return out | self.folds(chr(av), ignorecase)
            if op is K.SUBPATTERN or op is getattr(K, "ATOMIC_GROUP", None):
                sub_ic = _flags_case(av, ignorecase) if op is K.SUBPATTERN else ignorecase
                got = self.edge(av[-1], last, sub_ic, depth + 1)
                return None if got is None else out | got
            if op is K.BRANCH:
                for branch in av[1]:
                    got = self.edge(branch, last, ignorecase, depth + 1)
                    if got is None:
                        return None
                    out |= got
                return out
            if op in _repeats():
                lo, _, item = av
                got = self.edge(item, last, ignorecase, depth + 1)
                if got is None:
                    return None
                out |= got
                if lo >= 1:
                    return out
                continue  # optional: the edge may also be what comes next
            return None
        return None  # may be empty

    def gap_only(self, item, ignorecase: bool, depth: int = 0) -> bool:
        """Whether ``item`` never matches an ASCII letter or digit (so it fits in a _GAP)."""
        key = (id(item), ignorecase)
        got = self._gap_memo.get(key)
        if got is None or got[0] is not item:  # the item itself is kept, so an id is never reused
            got = self._gap_memo[key] = (item, self.gap_only_now(item, ignorecase, depth))
        return got[1]

    def gap_only_now(self, item, ignorecase: bool, depth: int) -> bool:
        from re import _constants as K

        op, av = item
        if depth > 30:
            return False
        if op is K.LITERAL:
            return not (self.folds(chr(av), ignorecase) & _ALNUM)
        if op is K.IN:
            if av and av[0][0] is K.NEGATE:
                return False
            try:
                chars = self.class_parts(av, ignorecase)[0]
            except Unsupported:
                return False
            return not (chars & _ALNUM)
        if op in (K.AT, K.ASSERT, K.ASSERT_NOT):
            return True
        if op is K.BRANCH:
            return all(self.gap_only(x, ignorecase, depth + 1) for b in av[1] for x in b)
        if op is K.SUBPATTERN:
            ic = _flags_case(av, ignorecase)
            return all(self.gap_only(x, ic, depth + 1) for x in av[-1])
        if op in _repeats():
            return all(self.gap_only(x, ignorecase, depth + 1) for x in av[2])
        return False

    def seq(self, items, ignorecase: bool, depth: int = 0) -> str:
        from re import _constants as K

        if depth > 60:
            raise Unsupported("nested too deeply")
        items = list(items)
        out = []
        in_gap = False
        for i, item in enumerate(items):
            op, av = item
            if self.gap_only(item, ignorecase) and op not in (K.AT, K.ASSERT, K.ASSERT_NOT):
                if not in_gap:
                    out.append(_GAP)
                    in_gap = True
                continue
            if op is K.AT and in_gap:
                continue  # a boundary inside a gap: the gap already allows anything there
            in_gap = False
            if op is K.LITERAL:
                chars = self.folds(chr(av), ignorecase)
                asc = {c for c in chars if c.isascii()}
                out.append(_one_of(asc, chars - asc, False))
            elif op is K.NOT_LITERAL:
                excluded = {c for c in self.folds(chr(av), ignorecase) if c.isascii()}
                out.append(_one_of(_ALL_ASCII - excluded, set(), True))
            elif op is K.IN:
                out.append(self.class_(av, ignorecase))
            elif op is K.ANY:
                out.append(_one_of(_ALL_ASCII, set(), True))
            elif op is K.BRANCH:
                out.append("(?:" + "|".join(self.seq(b, ignorecase, depth + 1) for b in av[1]) + ")")
            elif op is K.SUBPATTERN:
                out.append("(?:" + self.seq(av[-1], _flags_case(av, ignorecase), depth + 1) + ")")
            elif op is getattr(K, "ATOMIC_GROUP", None):
                out.append("(?:" + self.seq(av, ignorecase, depth + 1) + ")")
            elif op in _repeats():
                lo, hi, item = av
                lo = min(lo, 1000)
                body = "(?:" + self.seq(item, ignorecase, depth + 1) + ")"
                if hi is K.MAXREPEAT or hi > 1000:
                    out.append(body + ("*" if lo == 0 else "+" if lo == 1 else f"{{{lo},}}"))
                else:
                    out.append(body + f"{{{lo},{hi}}}")
            elif op is K.AT:
                if av is K.AT_BOUNDARY and self.boundary_agrees(items, i, ignorecase):
                    out.append(r"\b")
                # Other anchors (^, $, \B, \A, \Z) only restrict matches: dropping them is safe.
            elif op in (K.ASSERT, K.ASSERT_NOT):
                pass  # lookarounds only restrict matches
            else:
                raise Unsupported(f"{op}")
        return "".join(out)

    def boundary_agrees(self, items, i: int, ignorecase: bool) -> bool:
        """Whether RE2's ASCII ``\\b`` holds wherever Python's does at item ``i``.

        It does when the character on the pattern's own side is always an ASCII word character:
        Python then needs a non-word character on the other side, and any such character, ASCII or
        not, is a non-word byte to RE2. Next to a wide letter the two disagree, so the ``\\b`` goes.
        """
        for chars in (self.edge(items[i + 1 :], False, ignorecase), self.edge(items[:i], True, ignorecase)):
            if chars and all(c in _ASCII_WORD for c in chars):
                return True
        return False

    def core(self, items, ignorecase: bool, depth: int = 0) -> list:
        """``items`` without what a match may do without at either end (optional parts, gaps,
        lookarounds): every match contains a match of the core, and short filters keep RE2 fast."""
        from re import _constants as K

        items = list(items)

        def optional(item) -> bool:
            op, av = item
            return op in (K.AT, K.ASSERT, K.ASSERT_NOT) or (op in _repeats() and av[0] == 0) or self.gap_only(item, ignorecase)

        while items and optional(items[0]):
            items.pop(0)
        while items and optional(items[-1]):
            items.pop()
        if len(items) == 1 and depth < 30:
            op, av = items[0]
            if op is K.SUBPATTERN:
                inner = self.core(av[-1], _flags_case(av, ignorecase), depth + 1)
                if inner:
                    return [(op, (av[0], av[1], av[2], inner))]
            elif op is K.BRANCH:
                branches = [self.core(b, ignorecase, depth + 1) for b in av[1]]
                if all(branches):
                    return [(op, (av[0], branches))]
        return items


def to_re2(source: str, ignorecase: bool = True, wide_folds: bool = True) -> str | None:
    """An RE2 regex over UTF-8 bytes that matches a part of every match of ``source``; None if
    there is none.

    ``wide_folds=False`` leaves out the four wide characters that Python takes for ASCII letters
    (see ASCII_FOLDS): such a filter is only for texts that hold none of them.
    """
    both = filters_for(source, ignorecase)
    return None if both is None else both[wide_folds]


def filters_for(source: str, ignorecase: bool = True) -> tuple[str, str] | None:
    """(filter for texts without the wide folds, filter allowing for them) of ``source``, from
    one parse; None if there is no safe and useful filter."""
    from re import _parser

    try:
        parsed = _parser.parse(source, re.IGNORECASE if ignorecase else 0)
        ignorecase = bool(parsed.state.flags & re.IGNORECASE)
        core = _Rewriter(wide=True).core(parsed, ignorecase)
        out = [_Rewriter(wide).seq(core, ignorecase) for wide in (False, True)]
    except (Unsupported, re.error, RecursionError):
        return None
    if not all(out) or not all(_usable(f) for f in out):
        return None
    return out[0], out[1]


def _usable(f: str) -> bool:
    """RE2 accepts the filter (a huge repeat may exceed its memory cap) and it cannot match
    nothing (it would match everywhere)."""
    import re2

    try:
        rx = re2.compile(f.encode("ascii"), _options())
    except re2.error:
        return False
    return rx.fullmatch(b"") is None


# --- scanning with the filters -----------------------------------------------------------------


def available() -> bool:
    try:
        import re2  # noqa: F401
    except ImportError:
        return False
    return True


def _options():
    import re2

    opts = re2.Options()
    opts.encoding = re2.Options.Encoding.LATIN1  # bytes in, bytes out: the filters name UTF-8 bytes
    opts.case_sensitive = True  # case folding is written into each filter
    opts.never_capture = True
    opts.max_mem = 32 << 20  # RE2 bounds its automata by this: memory stays small whatever the text
    return opts


class FilterSet:
    """The filters of a rule set compiled into one RE2 set: which of them match in a window."""

    def __init__(self, filters: Sequence[str], first: int = 0, numbers: Sequence[int] | None = None) -> None:
        import re2

        self._set = re2.Set.SearchSet(_options())
        for f in filters:
            self._set.Add(f.encode("ascii"))
        self._set.Compile()
        self._match = self._set.Match
        self._first = first  # the number of the first filter
        self._numbers = tuple(numbers) if numbers is not None else None  # or each filter's own number

    def which(self, text: str) -> frozenset[int]:
        """Numbers of the filters that match somewhere in ``text``."""
        got = self._match(text.encode("utf-8", "surrogatepass")) or ()
        if self._numbers is not None:
            numbers = self._numbers
            return frozenset(numbers[i] for i in got)
        first = self._first
        return frozenset(got) if not first else frozenset(first + i for i in got)


class AnchorScanner:
    """Every anchor hit of a long text in one RE2 pass, as engine.anchor_hits finds them one
    anchor at a time with ``bytes.find``.

    RE2 reports leftmost-longest matches that never overlap, where the one-at-a-time search
    also finds anchors inside or overlapping others. So each word reported carries the matchers
    of every anchor inside it ("centric" in "customercentric"), and an anchor that starts inside
    a reported word and runs past its end ("experience" in "servicexperience") is looked for
    right there. Every hit of the other search then lies inside a reported one.
    """

    def __init__(self, searches) -> None:
        import re2

        short: dict[bytes, frozenset[int]] = {}
        which: dict[bytes, frozenset[int]] = {}  # literal -> matchers
        base: dict[bytes, bytes] = {}  # literal -> the anchor it extends
        for a, is_short, w, longer in searches:
            if is_short:
                short[a] = w
                continue
            which[a] = w
            base[a] = a
            for e, ew in longer:
                which[e] = ew
                base[e] = a
        self._which = {x: frozenset().union(*(w for k, w in which.items() if base[k] in x)) for x in which}
        # Literal -> (offset, literals that may start there and run past its end), longest first.
        self._overlaps: dict[bytes, list[tuple[int, list[bytes]]]] = {}
        for x in which:
            for k in range(1, len(x)):
                ys = sorted((y for y in which if len(y) > len(x) - k and y.startswith(x[k:])), key=len, reverse=True)
                if ys:
                    self._overlaps.setdefault(x, []).append((k, ys))
        self._short = short
        parts = []
        if short:
            parts.append(rb"\b(?:" + b"|".join(re2.escape(a) for a in sorted(short)) + rb")(?:es|s)?\b")
        parts += [re2.escape(x) for x in sorted(which, key=lambda x: (-len(x), x))]
        opts = _options()
        opts.case_sensitive = False  # the anchors are lower-case ASCII
        opts.longest_match = True
        self._rx = re2.compile(b"|".join(parts), opts)

    def hits(self, data: bytes) -> list[tuple[int, int, frozenset[int]]]:
        """(start, end, matchers) at byte offsets of ``data``, in order."""
        out = []
        which, short, overlaps = self._which, self._short, self._overlaps
        for m in self._rx.finditer(data):
            b, e = m.span()
            word = data[b:e].lower()
            w = which.get(word)
            if w is None:
                out.append((b, e, short.get(word) or short.get(word[:-1]) or short[word[:-2]]))
                continue
            out.append((b, e, w))
            for k, ys in overlaps.get(word, ()):
                for y in ys:
                    if data[b + k : b + k + len(y)].lower() == y:
                        out.append((b + k, b + k + len(y), which[y]))
                        break
        return out
