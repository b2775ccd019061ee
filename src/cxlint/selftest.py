"""Run every rule's own examples (flag, pass, fix) and report the ones that fail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from cxlint.engine import RuleSet, check
from cxlint.extract.text import read_text
from cxlint.fix import apply_edits
from cxlint.termpack import Rule


@dataclass(frozen=True)
class ExampleFailure:
    rule: str
    name: str
    source: str
    kind: str  # "flag" | "pass" | "fix"
    example: str
    detail: str


def run_examples(rules: Sequence[Rule], ruleset: RuleSet | None = None) -> tuple[int, list[ExampleFailure]]:
    """(number of examples run, failures). Examples are checked against the whole rule set."""
    ruleset = ruleset or RuleSet(rules)
    failures: list[ExampleFailure] = []
    count = 0
    for rule in rules:
        for text in rule.examples.flag:
            count += 1
            mine = _findings(text, ruleset, rule.id)
            if not mine:
                failures.append(ExampleFailure(rule.id, rule.name, rule.source, "flag", text, "no finding"))
        for text in rule.examples.passes:
            count += 1
            mine = _findings(text, ruleset, rule.id)
            if mine:
                got = ", ".join(repr(f.match) for f in mine)
                failures.append(ExampleFailure(rule.id, rule.name, rule.source, "pass", text, f"flagged {got}"))
        for before, after in rule.examples.fix:
            count += 1
            mine = _findings(before, ruleset, rule.id)
            fixed, _ = apply_edits(before, [f.fix for f in mine if f.fix])
            if fixed != after:
                failures.append(ExampleFailure(rule.id, rule.name, rule.source, "fix", before, f"became {fixed!r}, expected {after!r}"))
    return count, failures


def _findings(text: str, ruleset: RuleSet, rule_id: str):
    return [f for f in check(read_text("<example>", text), ruleset) if f.rule == rule_id]
