"""The built-in term pack measured on the labelled corpus: precision and recall per misuse family."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cxlint.evaluate import Passage, evaluate, load_corpus, main, render
from cxlint.termpack import Family, load_packs, merge_rules, parse_pack

CORPUS = Path(__file__).parent / "corpus"
FAMILIES = [f.value for f in Family if f is not Family.CUSTOM]
MIN_PRECISION = 0.95
MIN_RECALL = 0.90


@pytest.fixture(scope="module")
def passages() -> list[Passage]:
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def tallies(passages):
    return evaluate(passages, merge_rules(load_packs()))


@pytest.mark.parametrize("family", FAMILIES)
def test_family_meets_precision_and_recall(tallies, family):
    t = tallies.get(family)
    assert t is not None and t.tp > 0, f"no true positive at all for {family}"
    detail = render({family: t}, show_errors=True)
    assert t.precision >= MIN_PRECISION, detail
    assert t.recall >= MIN_RECALL, detail


@pytest.mark.parametrize("family", FAMILIES)
def test_corpus_labels_every_family(passages, family):
    # Too few labels would make a family's score meaningless.
    assert sum(fam == family for p in passages for fam, _ in p.expect) >= 10


def test_corpus_is_valid_and_balanced(passages):
    ids = [p.id for p in passages]
    assert len(ids) == len(set(ids)) >= 200
    for p in passages:
        for family, match in p.expect:
            assert family in FAMILIES, (p.id, family)
            assert match in p.text, (p.id, match)
    share = sum(bool(p.expect) for p in passages) / len(passages)
    assert 0.3 <= share <= 0.5  # roughly 40 % misuse, 60 % correct or tricky


MINI_PACK = """\
rules:
  - id: CX901
    name: mini-title
    family: job-title
    kind: phrase
    severity: warning
    message: "'{match}' is a service job."
    explain: Test rule.
    patterns: ["customer experience agent"]
    examples: {flag: ["a customer experience agent"], pass: ["a customer service agent"]}
  - id: CX902
    name: mini-title-twin
    family: job-title
    kind: phrase
    severity: warning
    message: "'{match}' is a service job."
    explain: Test rule that agrees with CX901.
    patterns: ["experience agent"]
    examples: {flag: ["an experience agent"], pass: ["an agent"]}
  - id: CX903
    name: mini-hotline
    family: contact-point
    kind: phrase
    severity: warning
    message: "'{match}' is a channel."
    explain: Test rule.
    patterns: ["cx hotline"]
    examples: {flag: ["the cx hotline"], pass: ["the hotline"]}
"""


def test_scoring_counts_hits_false_alarms_and_misses():
    rules = merge_rules([parse_pack(textwrap.dedent(MINI_PACK), "mini.yaml")])
    corpus = [
        # found by CX901 (true positive) and by CX902 on the same span (counted once)
        Passage("p1", "We hire customer experience agents.", (("job-title", "customer experience agents"),)),
        # a correct passage that CX903 flags anyway (false positive)
        Passage("p2", "Call the CX hotline today.", ()),
        # a misuse no rule knows (false negative)
        Passage("p3", "Our CX rep will call you.", (("job-title", "CX rep"),)),
    ]
    t = evaluate(corpus, rules)
    title, channel = t["job-title"], t["contact-point"]
    assert (title.tp, title.fp, title.fn) == (1, 0, 1)
    assert (channel.tp, channel.fp, channel.fn) == (0, 1, 0)
    assert title.misses == [("p3", "CX rep")]
    assert channel.false_alarms == [("p2", "CX903", "CX hotline")]
    assert (title.precision, title.recall) == (1.0, 0.5)
    assert channel.precision == 0.0


def test_a_finding_of_the_wrong_family_is_not_a_hit():
    rules = merge_rules([parse_pack(textwrap.dedent(MINI_PACK), "mini.yaml")])
    corpus = [Passage("p1", "Call the CX hotline.", (("job-title", "CX hotline"),))]
    t = evaluate(corpus, rules)
    assert (t["contact-point"].fp, t["job-title"].fn) == (1, 1)


def test_command_prints_the_table(capsys):
    assert main([str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and all(f in out for f in FAMILIES)
