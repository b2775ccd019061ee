"""Kind ``acronym``: an acronym used before it is spelled out in the same document."""

from __future__ import annotations

import re
from typing import Sequence

from cxlint.kinds.base import Hit, Pattern, Window, requirement_order
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
            spelled_source = compile_phrase(expansion, {}, True)
            spelled = Pattern(spelled_source)
            # "CX (customer experience)" explains itself on the spot.
            explained = Pattern(r"\s*[(,–—-]\s*" + spelled_source)
            first = requirement_order(anchor_candidates(expansion, {}))
            self.entries.append((acronym, use, spelled, first, explained))
            anchors.add(acronym.lower())
            anchors |= choose_anchor(anchor_candidates(expansion, {}), expansion)
        self.anchors = frozenset(anchors)
        self.reach = 0

    def prepare(self) -> None:
        """Parse the expansions' first literals now (see PhraseMatcher.prepare)."""
        for _, _, spelled, _, _ in self.entries:
            spelled.prepare()

    def filters(self) -> list[tuple[Pattern | None, str, bool]]:
        """The spelled-out forms (any case) and the acronyms (by case) for the prefilter."""
        out: list[tuple[Pattern | None, str, bool]] = []
        for _, use, spelled, _, _ in self.entries:
            out += [(spelled, spelled.source, True), (None, use.pattern, False)]
        return out

    def scan(self, text: str, start: int, end: int, seg: int, out: list, win: Window) -> None:
        window = None
        for i, (acronym, use, spelled, required, explained) in enumerate(self.entries):
            if win.may_match(spelled, required):
                for m in spelled.finditer(text, start, end, win):
                    out.append((seg, m.start(), i, "spelled", m.end()))
            if window is None:
                window = text[start:end]
            if acronym not in window:
                continue
            for m in use.finditer(text, start, end):
                after = text[m.end() : m.end() + 80]
                out.append((seg, m.start(), i, "spelled" if explained.match(after) else "use", m.end()))

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
