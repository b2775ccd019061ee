"""Measure the rule set on a labelled corpus: precision and recall per misuse family.

Usage: ``python -m cxlint.evaluate [CORPUS_DIR] [--pack FILE] [--show-errors]``. The corpus is a
folder of YAML files, each a list of ``{id, text, expect: [{family, match}]}`` (see
tests/corpus/README.md). A finding is a true positive when its family equals an expected one
and its span overlaps the expected match; a second finding of the same family on an already
matched span counts as neither (two rules agreeing on one misuse), any other finding is a false
positive, and every expected finding left unmatched is a false negative.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import yaml

from cxlint.engine import RuleSet, check
from cxlint.extract.text import read_text
from cxlint.termpack import Rule, load_packs, merge_rules


@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    expect: tuple[tuple[str, str], ...]  # (family, match)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_corpus(folder: Path) -> list[Passage]:
    passages = []
    for path in sorted(folder.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            expect = tuple((e["family"], e["match"]) for e in item.get("expect") or [])
            passages.append(Passage(item["id"], item["text"], expect))
    return passages


def _spans(text: str, match: str) -> list[tuple[int, int]]:
    out, i = [], text.find(match)
    while i >= 0:
        out.append((i, i + len(match)))
        i = text.find(match, i + 1)
    return out


def evaluate(passages: Sequence[Passage], rules: Sequence[Rule]) -> dict[str, Tally]:
    ruleset = RuleSet(rules)
    family_of = {r.id: r.family.value for r in rules}
    tallies: dict[str, Tally] = {}
    for p in passages:
        findings = check(read_text(p.id, p.text), ruleset)
        expected = [(fam, m, _spans(p.text, m)) for fam, m in p.expect]
        matched: list[tuple[str, int, int]] = []  # (family, start, end) of expected spans already hit
        used = [False] * len(expected)
        for f in findings:
            fam = family_of.get(f.rule, "custom")
            start = f.location.offset if f.location.offset is not None else 0
            end = start + len(f.match)
            t = tallies.setdefault(fam, Tally())
            hit = None
            for i, (efam, _, spans) in enumerate(expected):
                if efam == fam and not used[i] and any(a < end and start < b for a, b in spans):
                    hit = i
                    break
            if hit is not None:
                used[hit] = True
                t.tp += 1
                matched.extend((fam, a, b) for a, b in expected[hit][2])
            elif any(mf == fam and a < end and start < b for mf, a, b in matched):
                continue  # the same misuse, reported by a second rule of its family
            else:
                t.fp += 1
                t.false_alarms.append((p.id, f.rule, f.match))
        for i, (fam, m, _) in enumerate(expected):
            if not used[i]:
                t = tallies.setdefault(fam, Tally())
                t.fn += 1
                t.misses.append((p.id, m))
    return tallies


def render(tallies: dict[str, Tally], show_errors: bool = False) -> str:
    lines = [f"{'family':<22}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}"]
    total = Tally()
    for fam in sorted(tallies):
        t = tallies[fam]
        total.tp += t.tp
        total.fp += t.fp
        total.fn += t.fn
        lines.append(f"{fam:<22}{t.tp:>5}{t.fp:>5}{t.fn:>5}{t.precision:>11.3f}{t.recall:>8.3f}")
    lines.append(f"{'all':<22}{total.tp:>5}{total.fp:>5}{total.fn:>5}{total.precision:>11.3f}{total.recall:>8.3f}")
    if show_errors:
        for fam in sorted(tallies):
            for pid, rule, match in tallies[fam].false_alarms:
                lines.append(f"FP {fam:<20} {pid:<12} {rule} {match!r}")
            for pid, match in tallies[fam].misses:
                lines.append(f"FN {fam:<20} {pid:<12} {match!r}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cxlint.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="tests/corpus")
    parser.add_argument("--pack", action="append", default=[])
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    rules = merge_rules(load_packs(args.pack))
    passages = load_corpus(Path(args.corpus))
    print(f"{len(passages)} passages, {sum(len(p.expect) for p in passages)} expected findings, {len(rules)} rules")
    print(render(evaluate(passages, rules), args.show_errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
