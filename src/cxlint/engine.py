"""Pure core: compile rules once into a RuleSet, then turn a Document's segments into Findings.

The hot path is anchor-driven: one case-insensitive pass finds the few words every rule
needs ("customer", "cx", "nps", ...); rules then run only inside small windows around those
hits, so no rule ever scans a whole text on its own.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from cxlint import kinds
from cxlint.errors import PackError
from cxlint.kinds.base import Hit
from cxlint.matching import PatternError, match_case
from cxlint.model import Document, Edit, Finding, LineIndex, Location, Scope, Segment, Severity
from cxlint.termpack import Rule

# A window reaches this far either side of an anchor; no phrase in a pack is longer.
WINDOW = 200
_STOP = frozenset("of the a an to in on at for and or is are be our your we us it as by with from this that".split())
_SKIP_SCOPES = frozenset({Scope.CODE})


class RuleSet:
    """The selected rules compiled once, with one anchor prefilter shared by all of them."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        freq = _anchor_frequencies(self.rules)

        def choose(candidates: list[frozenset[str]], pattern: str) -> frozenset[str]:
            usable = [c for c in candidates if not c <= _STOP] or candidates
            if not usable:
                raise PatternError(f"pattern {pattern!r} has no word to anchor it")
            # The set whose words are shared by most patterns keeps the prefilter small.
            return min(usable, key=lambda c: (-min(freq[w] for w in c), len(c), sorted(c)))

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
        self.anchor_re = _anchor_regex(self.anchors) if self.anchors else None
        self._hit_cache: dict[str, frozenset[int]] = {}

    def rules_for_hit(self, hit_text: str) -> frozenset[int]:
        """Matcher indices whose anchors a hit (lower-cased) starts with."""
        got = self._hit_cache.get(hit_text)
        if got is None:
            got = frozenset(i for a in self.anchors if hit_text.startswith(a) for i in self.by_anchor[a])
            self._hit_cache[hit_text] = got
        return got


def _anchor_frequencies(rules: Sequence[Rule]) -> Counter:
    from cxlint.matching import anchor_candidates

    freq: Counter = Counter()
    for rule in rules:
        for p in rule.patterns:
            for cand in anchor_candidates(p, rule.variable_map):
                freq.update(cand)
    return freq


def _anchor_regex(anchors: Iterable[str]) -> re.Pattern:
    parts = []
    for a in anchors:
        # Short anchors (cx, nps, ces) must be whole words, or "ces" fires inside "services".
        parts.append(re.escape(a) + (r"(?:e?s)?\b" if len(a) <= 4 else r"\w*"))
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


# --- scanning ---------------------------------------------------------------------------------


def windows(text: str, ruleset: RuleSet) -> list[tuple[int, int, frozenset[int]]]:
    """Merged windows around anchor hits, each with the matchers its anchors trigger."""
    if ruleset.anchor_re is None:
        return []
    out: list[list] = []
    n = len(text)
    for m in ruleset.anchor_re.finditer(text):
        which = ruleset.rules_for_hit(m.group().lower())
        if not which:
            continue
        s, e = max(0, m.start() - WINDOW), min(n, m.end() + WINDOW)
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


def scan_document(doc: Document, ruleset: RuleSet, active: frozenset[int] | None = None) -> list[list]:
    """Events per matcher for the whole document (document order)."""
    events: list[list] = [[] for _ in ruleset.matchers]
    for si, seg in enumerate(doc.segments):
        if seg.scope in _SKIP_SCOPES or not seg.text:
            continue
        for ws, we, which in windows(seg.text, ruleset):
            for mi in which:
                if active is not None and mi not in active:
                    continue
                matcher = ruleset.matchers[mi]
                scopes = matcher.rule.scopes
                if scopes and seg.scope not in scopes:
                    continue
                matcher.scan(seg.text, ws, we, si, events[mi])
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


class _LazyLines:
    def __init__(self, source: str | None) -> None:
        self.source = source
        self._index: LineIndex | None = None

    def position(self, offset: int) -> tuple[int, int]:
        if self._index is None:
            self._index = LineIndex(self.source or "")
        return self._index.position(offset)


# --- from hit to finding ---------------------------------------------------------------------

_URLISH = re.compile(r"://|@|^www\.|^/|\.(?:com|org|net|io|co|gov|edu|uk|de|fr|nl|au|ca|html?|md|pdf|php|aspx?)(?:\W|$)", re.I)
_QUOTES = "\"'“”‘’«»„‚`"
_MENTION_CUES = re.compile(
    r"\b(?:call(?:s|ed|ing)?|term|terms|phrase|phrases|word|words|wrong(?:ly)?|instead|not|n't|never|"
    r"so[- ]called|misuse[sd]?|mislabel\w*|label\w*|jargon|buzzword\w*|avoid|stop|confus\w*|mean|means|"
    r"meaning|synonym\w*|naming|myth|mistake\w*|dub\w*)\b",
    re.I,
)


def in_url_or_email(text: str, start: int, end: int) -> bool:
    """True if the match sits inside a URL, e-mail address, file path or domain-like token."""
    for edge in (start, end - 1):
        ts = edge
        while ts > 0 and not text[ts - 1].isspace() and edge - ts < 300:
            ts -= 1
        te = edge
        while te < len(text) and not text[te].isspace() and te - edge < 300:
            te += 1
        token = text[ts:te].strip("()<>[]{}\"'.,;:!?")
        if _URLISH.search(token):
            return True
    return False


def quoted_mention(text: str, start: int, end: int) -> bool:
    """A quoted match in a sentence that talks about words is a mention, not a use."""
    before = text[start - 1] if start > 0 else ""
    after = text[end : end + 2]
    closes = after[:1] in _QUOTES or (after[:1] in ".,;:!?" and after[1:2] in _QUOTES)
    if not (before in _QUOTES and closes):
        return False
    s = max(0, start - 250)
    left = text[s:start]
    cut = max(left.rfind(". "), left.rfind("! "), left.rfind("? "), left.rfind("\n\n"))
    sentence_left = left[cut + 1 :] if cut >= 0 else left
    right = text[end : end + 250]
    ends = [i for i in (right.find(". "), right.find("! "), right.find("? "), right.find("\n\n")) if i >= 0]
    sentence_right = right[: min(ends)] if ends else right
    return bool(_MENTION_CUES.search(sentence_left) or _MENTION_CUES.search(sentence_right))


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: dict) -> str:
    return string.Formatter().vformat(template, (), _SafeDict(values))


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


def _context(text: str, s: int, e: int) -> str:
    """Up to three words either side, normalised: stable under edits elsewhere in the file."""
    left = re.findall(r"\w+", text[max(0, s - 80) : s])[-3:]
    right = re.findall(r"\w+", text[e : e + 80])[:3]
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
