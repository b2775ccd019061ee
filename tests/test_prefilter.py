"""prefilter.py: RE2 rewrites of the rule regexes match at least where Python's do, and the
RE2 anchor pass opens windows wherever the bytes.find one does."""

from __future__ import annotations

import random
import re
import string

import pytest

re2 = pytest.importorskip("re2")

from cxlint import engine, prefilter  # noqa: E402
from cxlint.app import load_rules  # noqa: E402
from cxlint.engine import RuleSet, anchor_hits  # noqa: E402
from cxlint.extract.text import read_text  # noqa: E402
from cxlint.kinds.base import FLAGS  # noqa: E402

RULES = load_rules()


def _search(filter_: str, text: str) -> bool:
    return re2.compile(filter_.encode("ascii"), prefilter._options()).search(text.encode("utf-8", "surrogatepass")) is not None


def test_ascii_folds_are_all_the_wide_letters_python_matches_case_insensitively():
    table = prefilter._fold_table()
    wide = {c for group in table.values() for c in group if not c.isascii()}
    for letter in string.ascii_lowercase:
        matched = {c for c in wide if re.fullmatch(letter, c, re.IGNORECASE)}
        assert matched == set(prefilter.ASCII_FOLDS.get(letter, "")), letter


def test_characters_without_case_are_folded_to_by_nothing():
    table = prefilter._fold_table()
    for ch, group in table.items():
        for other in group - {ch}:
            assert not (other.lower() == other == other.upper()), (ch, other)


@pytest.mark.parametrize("source, text", [
    (r"\bcustomer[\s-]+experience\b", "customer\u00a0experience"),  # a wide space
    (r"\bcustomer[\s-]+experience\b", "CUSTOMER\u2009-\u2009Experience"),
    (r"\bcustomer[\s-]+experience\b", "cuſtomer experience"),  # long s is an s to Python
    (r"\bkpi\b", "\u212aPI"),  # Kelvin sign
    (r"\bcaf[eé]\b", "CAFÉ"),  # \b next to a wide letter, where RE2's \b would disagree
    (r"\bnaïve\b", "NAÏVE"),
    (r"(?<![\w&.-])CXs?(?![\w&])", "CXs"),
    (r"we(?:’|')re\s+customer", "We’re customer"),
    (r"[^a-z]+x", "--X"),
    (r"customer(?=\s+service)", "customer service"),  # a lookahead only restricts: dropped
    (r"a.{2,5}b", "a\u00e9\u00e9b"),
    (r"(?-i:CX) team", "CX TEAM"),
])
def test_filter_matches_inside_every_python_match(source, text):
    m = re.search(source, text, FLAGS)
    assert m is not None, "the case itself must be a Python match"
    assert _search(prefilter.to_re2(source, True, True), m.group())


@pytest.mark.parametrize("source, text", [
    (r"\bcustomer[\s-]+experience\b", "our customer experience team"),
    (r"\bcx\s+agents?\b", "the CX agents"),
])
def test_plain_filter_matches_in_texts_without_wide_folds(source, text):
    m = re.search(source, text, FLAGS)
    assert _search(prefilter.to_re2(source, True, False), m.group())


@pytest.mark.parametrize("source, text", [
    (r"\bcustomer\s+experience\s+team\b", "customer service team"),
    (r"\bnps\b", "the score"),
])
def test_filter_stays_quiet_where_the_words_are_missing(source, text):
    assert not _search(prefilter.to_re2(source, True, False), text)


@pytest.mark.parametrize("source", [
    r"(cx)\s+\1",  # a back-reference has no RE2 rewriting
    r"(?:\s|-)*",  # would match the empty string, so everywhere
    r"\b",
])
def test_no_filter_where_none_is_safe_or_useful(source):
    assert prefilter.to_re2(source) is None


def _flagged() -> list[str]:
    return [t for rule in RULES for t in rule.examples.flag]


@pytest.mark.parametrize("seed", range(4))
def test_every_pack_filter_matches_inside_every_match_of_its_pattern(seed):
    """The packs' own misuse examples, with wide spaces, line breaks, odd case and wide folds."""
    rng = random.Random(seed)
    seps = [" ", "  ", "\n", "\u00a0", "\u202f", " - ", "-", "\r\n", "\u2003"]
    ruleset = RuleSet(RULES)
    plain, folded, fids_of, _ = ruleset.filter_plan()
    assert all(f is not None for f in fids_of), "every built-in rule has filters"
    patterns = [p for m in ruleset.matchers if hasattr(m, "_checks_now") for p, _ in m._checks_now()]
    patterns += [p for m in ruleset.matchers if hasattr(m, "guard_filters") for p, _, _ in m.guard_filters()]
    assert all(p.fid is not None for p in patterns)
    checked = 0
    for example in _flagged():
        text = "".join(w + rng.choice(seps) for w in example.split())
        text = "".join(c.upper() if rng.random() < 0.2 else c for c in text)
        if rng.random() < 0.3:
            text = text.replace("s", "\u017f", 1).replace("k", "\u212a", 1).replace("i", "\u0131", 1)
        has_folds = any(c in text for c in prefilter.FOLD_CHARS)
        for pattern in patterns:
            for m in re.finditer(pattern.source, text, FLAGS):
                if m.end() == m.start():
                    continue
                checked += 1
                assert _search(folded[pattern.fid], m.group()), (pattern.source, m.group())
                if not has_folds:
                    assert _search(plain[pattern.fid], m.group()), (pattern.source, m.group())
    assert checked > 100


@pytest.mark.parametrize("text", [
    "Our servicexperience agents; the experiencentric desk; customercentricity; promoteresolution.",
    "CX agents, cxes, the NPSs; ces cess CES; satisfaction services servicesatisfaction.",
    "Café CX — naïve customer experience, customer\u00a0centricity.",
])
def test_re2_anchor_pass_covers_every_hit_of_the_bytes_find_pass(text):
    ruleset = RuleSet(RULES)
    text = text * 3
    old = anchor_hits(text, ruleset)
    ruleset.prefilter_min = 0
    new = anchor_hits(text, ruleset)
    assert old
    for s, e, which in old:
        assert any(ns <= s and e <= ne and which <= nw for ns, ne, nw in new), (text[s:e], which)


def test_long_texts_take_the_re2_path_and_short_ones_do_not(monkeypatch):
    calls = []
    real = prefilter.FilterSet.which
    monkeypatch.setattr(prefilter.FilterSet, "which", lambda self, text: calls.append(len(text)) or real(self, text))
    ruleset = RuleSet(RULES)
    short = "Call the customer experience team. " * 10
    engine.check(read_text("a.txt", short), ruleset)
    assert calls == []
    engine.check(read_text("b.txt", short * 300), ruleset)
    assert calls


def test_without_re2_the_plan_has_no_filters_and_findings_stay(monkeypatch):
    text = " ".join(_flagged()) * 6  # over PREFILTER_MIN, so the first check takes the RE2 path
    assert len(text) >= engine.PREFILTER_MIN
    with_re2 = [f.rule for f in engine.check(read_text("a.txt", text), RuleSet(RULES))]
    monkeypatch.setattr(prefilter, "available", lambda: False)
    ruleset = RuleSet(RULES)
    assert all(f is None for f in ruleset.filter_plan()[2])
    assert [f.rule for f in engine.check(read_text("a.txt", text), ruleset)] == with_re2 != []


def test_windows_of_a_wider_reach_are_checked_against_their_own_filters_only(monkeypatch):
    """A near rule anchored on its context (CX103: "the two terms mean the same" near "customer
    service") opens wide windows round every CX term; a set of just its own filters checks them,
    and the findings are the reference's."""
    ruleset = RuleSet(RULES)
    wide = [members for reach, members in ruleset.reach_groups if reach > 0]
    assert wide, "the built-in pack has a near rule anchored on its context"
    own = {rule.id for rule in RULES for members in wide for i in members if ruleset.matchers[i].rule is rule}
    examples = [t for rule in RULES if rule.id in own for t in (*rule.examples.flag, *rule.examples.passes)]
    filler = "The customer service desk answers calls while the customer experience team maps journeys. " * 40
    text = "\n\n".join(f"{filler}{example}" for example in examples) * 2
    ruleset.prefilter_min = 0  # the RE2 path whatever the length
    numbered = []  # for each window asked: the filter numbers of the set that answered (None: all)
    real = prefilter.FilterSet.which
    monkeypatch.setattr(prefilter.FilterSet, "which", lambda self, t: numbered.append(self._numbers) or real(self, t))
    found = sorted((f.rule, f.location.offset) for f in engine.check(read_text("a.txt", text), ruleset))
    reference = sorted((f.rule, f.location.offset) for f in engine.check(read_text("a.txt", text), RuleSet(RULES, reference=True)))
    assert found == reference
    assert {rule for rule, _ in found} & own, "the wide rule's misuse examples are found"
    assert any(numbered), "some windows were checked by the wide group's own set"
