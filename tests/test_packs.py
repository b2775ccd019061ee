"""Every example of every built-in rule runs as its own test: flag must flag, pass must pass, fix must fix."""

from __future__ import annotations

import pytest

from cxlint.engine import RuleSet, check
from cxlint.extract.text import read_text
from cxlint.fix import apply_edits
from cxlint.termpack import load_packs, merge_rules

RULES = merge_rules(load_packs())
RULESET = RuleSet(RULES)


def findings_of(rule_id: str, text: str):
    return [f for f in check(read_text("<example>", text), RULESET) if f.rule == rule_id]


FLAG = [pytest.param(r.id, t, id=f"{r.id}-flag-{i}") for r in RULES for i, t in enumerate(r.examples.flag)]
PASS = [pytest.param(r.id, t, id=f"{r.id}-pass-{i}") for r in RULES for i, t in enumerate(r.examples.passes)]
FIX = [pytest.param(r.id, a, b, id=f"{r.id}-fix-{i}") for r in RULES for i, (a, b) in enumerate(r.examples.fix)]


@pytest.mark.parametrize("rule_id, text", FLAG)
def test_flag_example_is_flagged(rule_id, text):
    assert findings_of(rule_id, text), f"{rule_id} should flag: {text!r}"


@pytest.mark.parametrize("rule_id, text", PASS)
def test_pass_example_is_quiet(rule_id, text):
    assert [f.match for f in findings_of(rule_id, text)] == [], f"{rule_id} should not flag: {text!r}"


@pytest.mark.parametrize("rule_id, before, after", FIX)
def test_fix_example_is_fixed(rule_id, before, after):
    fixed, _ = apply_edits(before, [f.fix for f in findings_of(rule_id, before) if f.fix])
    assert fixed == after


def test_every_rule_has_enough_examples():
    for rule in RULES:
        assert len(rule.examples.flag) >= 2 and len(rule.examples.passes) >= 2, rule.id


def test_every_builtin_regex_compiles():
    # Built-in packs skip trial compilation at load time (start-up speed); this is the check.
    import re

    for rule in RULES:
        for source in rule.regex:
            re.compile(source, re.IGNORECASE)
