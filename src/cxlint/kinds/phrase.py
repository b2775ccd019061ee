"""Kinds ``phrase`` and ``near``: a phrase family, cancelled by longer allowed phrases or context."""

from __future__ import annotations

import re
from typing import Sequence

from cxlint import rxcache
from cxlint.kinds.base import FLAGS, WORD_CHARS as _WORD_CHARS, Hit, words_around
from cxlint.matching import anchor_candidates, compile_phrase, regex_requirements
from cxlint.termpack import Context, Kind, Rule


def _compile_all(patterns: Sequence[str], variables, plurals: bool) -> list[re.Pattern]:
    return [rxcache.compile(compile_phrase(p, variables, plurals), FLAGS) for p in patterns]


class _Lazy:
    """A regex compiled on first use: most rules never get past their precheck on a given
    file, and compiling every pattern up front dominates a pre-commit run on one small file."""

    __slots__ = ("source", "_rx")

    def __init__(self, source: str) -> None:
        self.source = source
        self._rx = None

    def finditer(self, text: str, start: int, end: int):
        if self._rx is None:
            self._rx = rxcache.compile(self.source, FLAGS)
        return self._rx.finditer(text, start, end)


class PhraseMatcher:
    def __init__(self, rule: Rule, choose_anchor) -> None:
        variables = rule.variable_map
        self.rule = rule
        self._variables = variables
        regexes = [_Lazy(compile_phrase(p, variables, rule.plurals)) for p in rule.patterns]
        # Word sets every match of a pattern must contain: a window lacking one of them
        # cannot match, and a substring test is far cheaper than running the regex.
        required = [tuple(anchor_candidates(p, variables)) for p in rule.patterns]
        regexes += [_Lazy(r) for r in rule.regex]
        required += [tuple(regex_requirements(r)) + ((frozenset(rule.anchors),) if rule.anchors else ())
                     for r in rule.regex]
        self.regexes = regexes
        self.checks = list(zip(regexes, required))
        self._guards = None  # unless / near / not_near, compiled when a match first needs them
        anchors: set[str] = set(rule.anchors)
        # Extra reach of this rule's windows beyond the usual phrase length (see engine.windows).
        self.reach = 0
        context = choose_anchor.context_anchors(rule)
        if context is not None:
            # Anchored on the words of its near context: a match lies within ``within`` words
            # (base.words_around: 24 characters a word) of a context match.
            anchors |= context
            self.reach = rule.near.within * _WORD_CHARS
        else:
            for p in rule.patterns:
                anchors |= choose_anchor(anchor_candidates(p, variables), p)
        self.anchors = frozenset(anchors)

    @property
    def guards(self):
        if self._guards is None:
            rule, variables = self.rule, self._variables
            # Allowed longer phrases are matched exactly as written (no plural games).
            self._guards = (
                _compile_all(rule.unless, variables, False),
                self._context(rule.near, variables),
                self._context(rule.not_near, variables),
            )
        return self._guards

    @staticmethod
    def _context(ctx: Context | None, variables):
        if ctx is None:
            return None
        return ctx.within, _compile_all(ctx.patterns, variables, True)

    def scan(self, text: str, start: int, end: int, seg: int, out: list, low: str) -> None:
        found = []
        for rx, required in self.checks:
            if not all(any(w in low for w in words) for words in required):
                continue
            for m in rx.finditer(text, start, end):
                if m.end() > m.start():
                    found.append(m)
        if not found:
            return
        unless, near, not_near = self.guards
        allowed = [(u.start(), u.end()) for rx in unless for u in rx.finditer(text, start, end)]
        for m in found:
            s, e = m.span()
            if any(a < e and s < b for a, b in allowed):
                continue
            if near and not self._has_context(text, s, e, near):
                continue
            if not_near and self._has_context(text, s, e, not_near):
                continue
            groups = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            out.append(Hit(seg, s, e, groups))

    @staticmethod
    def _has_context(text: str, s: int, e: int, ctx) -> bool:
        within, regexes = ctx
        cs, ce = words_around(text, s, e, within)
        for rx in regexes:
            for m in rx.finditer(text, cs, ce):
                # The context must be other words, not the match itself.
                if m.end() <= s or m.start() >= e:
                    return True
        return False

    def carry(self, events: Sequence[Hit]) -> list[Hit]:
        """Nothing: a phrase match decides nothing about later text."""
        return []

    def finish(self, events: Sequence[Hit]) -> list[Hit]:
        # Two patterns of one rule may match the same or nested text; keep the longest.
        events = sorted(set(events), key=lambda h: (h.seg, h.start, -(h.end - h.start)))
        kept: list[Hit] = []
        for h in events:
            if kept and kept[-1].seg == h.seg and h.start < kept[-1].end:
                continue
            kept.append(h)
        return kept


KINDS = {Kind.PHRASE: PhraseMatcher, Kind.NEAR: PhraseMatcher}
