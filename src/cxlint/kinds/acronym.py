"""Kind ``acronym``: an acronym used before it is spelled out in the same document."""

from __future__ import annotations

import re
from typing import Sequence

from cxlint import rxcache
from cxlint.kinds.base import FLAGS, Hit, Window
from cxlint.matching import anchor_candidates, compile_phrase, first_reading
from cxlint.termpack import Kind, Rule


class AcronymMatcher:
    def __init__(self, rule: Rule, choose_anchor) -> None:
        self.rule = rule
        self.entries = []
        anchors: set[str] = set()
        for acronym, expansion in rule.acronyms:
            # Acronyms are matched by case: "ces" and "Ex" are ordinary words.
            use = re.compile(r"(?<![\w&.-])" + re.escape(acronym) + r"s?(?![\w&])")
            spelled = rxcache.compile(compile_phrase(expansion, {}, True), FLAGS)
            first = anchor_candidates(expansion, {})
            self.entries.append((acronym, use, spelled, first))
            anchors.add(acronym.lower())
            anchors |= choose_anchor(anchor_candidates(expansion, {}), expansion)
        self.anchors = frozenset(anchors)
        self.reach = 0

    def scan(self, text: str, start: int, end: int, seg: int, out: list, win: Window) -> None:
        low = win.low
        window = None
        for i, (acronym, use, spelled, required) in enumerate(self.entries):
            if all(any(w in low for w in words) for words in required):
                for m in spelled.finditer(text, start, end):
                    out.append((seg, m.start(), i, "spelled", m.end()))
            if window is None:
                window = text[start:end]
            if acronym not in window:
                continue
            for m in use.finditer(text, start, end):
                # "CX (customer experience)" explains itself on the spot.
                after = text[m.end() : m.end() + 80]
                explained = re.match(r"\s*[(,–—-]\s*" + spelled.pattern, after, FLAGS) is not None
                out.append((seg, m.start(), i, "spelled" if explained else "use", m.end()))

    def carry(self, events: Sequence[tuple]) -> list[tuple]:
        """The first mention of each acronym: all that decides findings in later text."""
        first: dict[int, tuple] = {}
        for ev in sorted(set(events)):
            first.setdefault(ev[2], ev)
        return list(first.values())

    def finish(self, events: Sequence[tuple]) -> list[Hit]:
        done: set[int] = set()
        hits = []
        for seg, start, i, what, end in sorted(set(events)):
            if i in done:
                continue
            done.add(i)  # only the first mention of each acronym decides
            if what == "use":
                acronym = self.entries[i][0]
                expansion = first_reading(dict(self.rule.acronyms)[acronym])
                hits.append(Hit(seg, start, end, (("acronym", acronym), ("expansion", expansion)),
                                suggest=(f"{expansion} ({acronym})",)))
        return hits


KINDS = {Kind.ACRONYM: AcronymMatcher}
