"""Kinds ``phrase`` and ``near``: a phrase family, cancelled by longer allowed phrases or context."""

from __future__ import annotations

from typing import Sequence

from cxlint.kinds.base import WORD_CHARS as _WORD_CHARS, Hit, Pattern, Window, requirement_order, words_around
from cxlint.matching import anchor_candidates, compile_phrase, regex_requirements
from cxlint.termpack import Context, Kind, Rule


def _checks(patterns: Sequence[str], variables, plurals: bool) -> list[tuple[Pattern, list]]:
    """(pattern, word sets its every match contains) for phrase patterns."""
    return [(Pattern(compile_phrase(p, variables, plurals)), requirement_order(anchor_candidates(p, variables)))
            for p in patterns]


# Windows a rule scans before its raw regexes are parsed for sharper prechecks (tests set 1).
_PARSE_AFTER = 16


class PhraseMatcher:
    def __init__(self, rule: Rule, choose_anchor) -> None:
        variables = rule.variable_map
        self.rule = rule
        self._variables = variables
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
        # Word sets every match of a pattern must contain: a window lacking one of them
        # cannot match, and a substring test is far cheaper than running the regex.
        # A raw regex's word sets come from parsing it, which costs more than running it over
        # the few windows of a small file: until the rule has scanned _PARSE_AFTER windows its
        # regexes are checked against the pack's anchors only (see _checks_now).
        self._checks = None
        self._scans = 0
        self._guards = None  # unless / near / not_near, compiled when a match first needs them

    def _checks_now(self, parse: bool = False) -> list[tuple[Pattern, list]]:
        rule = self.rule
        declared = [frozenset(rule.anchors)] if rule.anchors else []
        if self._checks is None:
            checks = _checks(rule.patterns, self._variables, rule.plurals)
            checks += [(Pattern(r), requirement_order(declared)) for r in rule.regex]
        else:
            checks = self._checks
        if parse:
            n = len(rule.patterns)
            checks[n:] = [(pattern, requirement_order(list(regex_requirements(r)) + declared))
                          for (pattern, _), r in zip(checks[n:], rule.regex)]
        self._checks = checks
        return checks

    def prepare(self) -> None:
        """Do now all the lazy work that does not depend on a text: the plan cache stores it."""
        checks = self._checks_now(parse=True)
        self._scans = _PARSE_AFTER  # parsed already
        unless, near, not_near = self.guards
        for ctx in (near, not_near):
            if ctx is not None:
                checks = checks + ctx[1]
        for pattern, _ in checks + unless:
            pattern.prepare()

    def filters(self) -> list[tuple[Pattern | None, str, bool]]:
        """(pattern, regex, ignore case?) for the prefilter: something that occurs in every match."""
        return [(pattern, pattern.source, True) for pattern, _ in self._checks_now()]

    def guard_filters(self) -> list[tuple[Pattern, str, bool]]:
        """Allowed longer phrases and context patterns, for the prefilter to rule out as well."""
        unless, near, not_near = self.guards
        checks = unless + [c for ctx in (near, not_near) if ctx is not None for c in ctx[1]]
        return [(pattern, pattern.source, True) for pattern, _ in checks]

    @property
    def guards(self):
        if self._guards is None:
            rule, variables = self.rule, self._variables
            # Allowed longer phrases are matched exactly as written (no plural games).
            self._guards = (
                _checks(rule.unless, variables, False),
                self._context(rule.near, variables),
                self._context(rule.not_near, variables),
            )
        return self._guards

    @staticmethod
    def _context(ctx: Context | None, variables):
        if ctx is None:
            return None
        return ctx.within, _checks(ctx.patterns, variables, True)

    def scan(self, text: str, start: int, end: int, seg: int, out: list, win: Window) -> None:
        found = []
        self._scans += 1
        if self._scans == _PARSE_AFTER and self.rule.regex:
            self._checks_now(parse=True)
        for pattern, required in self._checks if self._checks is not None else self._checks_now():
            if win.may_match(pattern, required):
                for m in pattern.finditer(text, start, end, win):
                    if m.end() > m.start():
                        found.append(m)
        if not found:
            return
        unless, near, not_near = self.guards
        if unless and win.guard is not None:
            win.possible = win.possible | win.guard.which(text[start:end])  # guard numbers are this rule's own
        allowed = [(u.start(), u.end()) for pattern, required in unless if win.may_match(pattern, required)
                   for u in pattern.finditer(text, start, end, win)]
        for m in found:
            s, e = m.span()
            if any(a < e and s < b for a, b in allowed):
                continue
            if near and not self._has_context(text, s, e, near, win.guard):
                continue
            if not_near and self._has_context(text, s, e, not_near, win.guard):
                continue
            groups = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            out.append(Hit(seg, s, e, groups))

    @staticmethod
    def _has_context(text: str, s: int, e: int, ctx, guard) -> bool:
        within, checks = ctx
        cs, ce = words_around(text, s, e, within)
        win = Window(text, cs, ce)
        if guard is not None:
            win.possible = guard.which(text[cs:ce])
        for pattern, required in checks:
            if not win.may_match(pattern, required):
                continue
            for m in pattern.finditer(text, cs, ce, win):
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
