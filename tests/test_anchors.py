"""Anchor choice: domain words over everyday ones, words shared between rules, near rules anchored on their context."""

from __future__ import annotations

import pytest

from cxlint.anchors import AnchorChooser, form_candidates
from cxlint.app import load_rules
from cxlint.engine import RuleSet
from cxlint.termpack import parse_pack

PACK = """
rules:
  - id: CX901
    name: metric-per-call
    family: custom
    kind: phrase
    severity: warning
    message: "m"
    explain: "e"
    regex: ['\\bnps\\b']
    anchors: [nps, promoter]
    examples: {flag: ["x"], pass: ["y"]}
  - id: CX902
    name: acr-score
    family: custom
    kind: phrase
    severity: warning
    message: "m"
    explain: "e"
    patterns: ["(nps|net promoter score) score", "(customer experience|cx) (team|department|unit)"]
    examples: {flag: ["x"], pass: ["y"]}
  - id: CX903
    name: same-thing
    family: custom
    kind: near
    severity: warning
    message: "m"
    explain: "e"
    patterns: ["the two (terms|words) are the same"]
    near: {patterns: ["cx", "net promoter score"], within: 10}
    examples: {flag: ["x"], pass: ["y"]}
"""


@pytest.fixture(scope="module")
def rules():
    return list(parse_pack(PACK, "pack.yaml").rules)


def test_shared_domain_words_win_over_everyday_ones(rules):
    rs = RuleSet(rules)
    by_id = {m.rule.id: m for m in rs.matchers}
    # "score" and "team" would open a window in every report; nps and promoter are needed anyway.
    assert by_id["CX902"].anchors <= {"nps", "promoter", "cx", "customer", "experience"}
    assert "score" not in rs.anchors and "team" not in rs.anchors


def test_near_rule_is_anchored_on_its_context_with_a_wider_reach(rules):
    rs = RuleSet(rules)
    (m,) = [m for m in rs.matchers if m.rule.id == "CX903"]
    assert m.anchors <= {"cx", "nps", "promoter"} and m.reach == 10 * 24
    assert "terms" not in rs.anchors and "words" not in rs.anchors


@pytest.mark.parametrize("form, expected", [
    ("customer services team", [frozenset({"customer"}), frozenset({"services"}), frozenset({"team"})]),
    ("x", [frozenset({"x"})]),
])
def test_form_candidates(form, expected):
    assert form_candidates(form) == expected


def test_builtin_rules_use_only_domain_anchors():
    rs = RuleSet(load_rules())
    everyday = {"team", "unit", "office", "score", "net", "terms", "words", "names", "labels", "department"}
    assert not everyday & set(rs.anchors)
    assert len(rs.anchors) <= 20


def test_every_choice_is_one_of_the_candidates(rules):
    choose = AnchorChooser(rules)
    cands = [frozenset({"alpha"}), frozenset({"beta", "gamma"})]
    assert choose(cands, "p") in cands
