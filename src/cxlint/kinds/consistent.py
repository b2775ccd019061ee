"""Kind ``consistent``: one spelling per term in a document; the first spelling used wins."""

from __future__ import annotations

import re
from typing import Sequence

from cxlint import rxcache
from cxlint.anchors import form_candidates
from cxlint.kinds.base import FLAGS, Hit, Window
from cxlint.termpack import Kind, Rule


def _literal(form: str) -> re.Pattern:
    return rxcache.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w]|-\w)", FLAGS)


class ConsistentMatcher:
    def __init__(self, rule: Rule, choose_anchor) -> None:
        self.rule = rule
        self.groups = [[(form, _literal(form), form.lower()) for form in group] for group in rule.forms]
        anchors: set[str] = set()
        for group in rule.forms:
            for form in group:
                anchors |= choose_anchor(form_candidates(form), form)
        self.anchors = frozenset(anchors)
        self.reach = 0

    def prepare(self) -> None:
        """Nothing is left to do lazily: the forms are literals."""

    def filters(self) -> list[tuple[None, str, bool]]:
        """The forms, for the prefilter."""
        return [(None, rx.pattern, True) for group in self.groups for _, rx, _ in group]

    def scan(self, text: str, start: int, end: int, seg: int, out: list, win: Window) -> None:
        low = win.low
        for g, group in enumerate(self.groups):
            for f, (_, rx, lowered) in enumerate(group):
                if lowered not in low:
                    continue
                for m in rx.finditer(text, start, end):
                    out.append((seg, m.start(), m.end(), g, f))

    def carry(self, events: Sequence[tuple]) -> list[tuple]:
        """The first spelling seen of each group: it decides which later spellings are flagged."""
        first: dict[int, tuple] = {}
        for ev in sorted(set(events), key=lambda e: (e[0], e[1], -(e[2] - e[1]))):
            first.setdefault(ev[3], ev)
        return list(first.values())

    def occurrences(self, events: Sequence[tuple]) -> list[tuple]:
        """The spellings used, in document order, one inside a longer one left out."""
        out = []
        last = (-1, -1)  # (segment, end) of the last form kept
        for ev in sorted(set(events), key=lambda e: (e[0], e[1], -(e[2] - e[1]))):
            seg, start, end = ev[:3]
            if seg == last[0] and start < last[1]:
                continue  # a longer form already covers this text
            last = (seg, end)
            out.append(ev)
        return out

    def hit(self, seg: int, start: int, end: int, g: int, winner: int) -> Hit:
        """The finding for a spelling of group ``g`` where spelling ``winner`` came first."""
        form = self.groups[g][winner][0]
        return Hit(seg, start, end, (("form", form),), suggest=(form,))

    def finish(self, events: Sequence[tuple]) -> list[Hit]:
        first: dict[int, int] = {}
        hits = []
        for seg, start, end, g, f in self.occurrences(events):
            winner = first.setdefault(g, f)
            if f != winner:
                hits.append(self.hit(seg, start, end, g, winner))
        return hits


KINDS = {Kind.CONSISTENT: ConsistentMatcher}
