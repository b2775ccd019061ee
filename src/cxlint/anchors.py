"""Anchor choice: the few, rare words the prefilter looks for, such that every rule match holds one.

Each phrase offers several word sets (``matching.anchor_candidates``): every match contains a
word of each set, so any one set can anchor it. Every anchor costs a pass over a long text and
opens a window wherever it occurs, so the choice covers all patterns with as few words as it
can, never everyday words when there is another way, and starts from the words the packs name
themselves (regex ``anchors`` and acronyms): those are the domain words every window needs anyway.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from cxlint.matching import PatternError, anchor_candidates
from cxlint.termpack import Kind, Rule

# Everyday English words: a terrible prefilter anchor, since nearly every window would open.
COMMON = frozenset("""
    a about all also an and any are as at be been both but by call can come could day did do
    down each first for from get go good had has have he her here him his how i if in into is it
    its just like long look made make many may more must my new no not now number of on one or
    other our out own part people said same see she should so some such than that the their them
    then there these they this time to two up us use very was water way we well were what when
    which who will with word would write you your
""".split())


def form_candidates(form: str) -> list[frozenset[str]]:
    """Anchor candidates of a literal form of a ``consistent`` rule: any one of its words."""
    words = [w.lower() for w in re.split(r"[^\w]+", form) if len(w) >= 2]
    return [frozenset([w]) for w in words] or [frozenset([form.lower()])]


class AnchorChooser:
    """Picks one candidate set per pattern from a shared pool of chosen words.

    Built from all the rules first (a small greedy cover), then asked pattern by pattern by the
    kinds while they are built: each answer is a set already in the pool when one exists.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.chosen: set[str] = set()
        needs: list[list[frozenset[str]]] = []
        near_rules: list[Rule] = []
        for rule in rules:
            self.chosen.update(a.lower() for a in rule.anchors)
            self.chosen.update(a.lower() for a, _ in rule.acronyms)
            variables = rule.variable_map
            for _, expansion in rule.acronyms:
                needs.append(anchor_candidates(expansion, {}))
            for group in rule.forms:
                needs.extend(form_candidates(form) for form in group)
            if rule.kind == Kind.NEAR and self._context_candidates(rule) is not None:
                near_rules.append(rule)  # anchored on its context if that is cheaper; see below
                continue
            needs.extend(anchor_candidates(p, variables) for p in rule.patterns)
        self._cover(needs)
        # A near rule matches only with its context close by, so the context's words anchor it
        # just as well (with wider windows): take them when the pool already holds them.
        self.by_context: dict[str, frozenset[str]] = {}
        for rule in near_rules:
            picks = [self._in_pool(c) for c in self._context_candidates(rule)]
            if all(p is not None for p in picks):
                self.by_context[rule.id] = frozenset().union(*picks)
            else:
                self._cover([anchor_candidates(p, rule.variable_map) for p in rule.patterns])

    @staticmethod
    def _context_candidates(rule: Rule) -> list[list[frozenset[str]]] | None:
        if rule.near is None or not rule.near.patterns:
            return None
        cands = [anchor_candidates(p, rule.variable_map) for p in rule.near.patterns]
        return cands if all(cands) else None

    def _in_pool(self, candidates: Iterable[frozenset[str]]) -> frozenset[str] | None:
        inside = [c for c in candidates if c <= self.chosen]
        return min(inside, key=_preference) if inside else None

    def _cover(self, needs: Iterable[list[frozenset[str]]]) -> None:
        """Greedy: add the candidate set that covers the most open patterns per new word."""
        open_ = [c for c in needs if c and self._in_pool(c) is None]
        while open_:
            options = {s for cands in open_ for s in cands if not s & COMMON}
            if not options:  # only everyday words left: take the fewest
                options = {s for cands in open_ for s in cands}
            best, best_key = None, None
            for s in options:
                pool = self.chosen | s
                gain = sum(1 for cands in open_ if any(t <= pool for t in cands))
                key = (-gain / len(s - self.chosen), _preference(s))
                if best_key is None or key < best_key:
                    best, best_key = s, key
            self.chosen |= best
            open_ = [c for c in open_ if self._in_pool(c) is None]

    def __call__(self, candidates: list[frozenset[str]], pattern: str) -> frozenset[str]:
        if not candidates:
            raise PatternError(f"pattern {pattern!r} has no word to anchor it")
        got = self._in_pool(candidates)
        if got is None:  # a pattern the cover did not see: choose it on its own
            got = min(candidates, key=lambda c: (len(c - self.chosen), bool(c & COMMON), _preference(c)))
            self.chosen |= got
        return got

    def context_anchors(self, rule: Rule) -> frozenset[str] | None:
        """The anchors of a near rule's context, when it is anchored on its context."""
        return self.by_context.get(rule.id)


def _preference(c: frozenset[str]) -> tuple:
    # No everyday words, fewer words, longer (rarer-looking) words; sorted for a stable choice.
    return (bool(c & COMMON), len(c), -min(len(w) for w in c), sorted(c))
