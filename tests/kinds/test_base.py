"""Shared kind machinery: Pattern finds what re.finditer finds, Window and the word prechecks."""

from __future__ import annotations

import re

import pytest

from cxlint.kinds.base import FLAGS, Pattern, Window, passes, requirement_order

TEXT = ("customer aaac, customer c, cx cx agents. Call the CX team, or the customer\u00a0experience desk. Customer experience agents (CX agents) "
        "and cx-agents; customers experience. CXs. “Customer Experience” teams call the customer "
        "experience team. ſervice custoMer EXPERIENCE")


@pytest.mark.parametrize(
    "source",
    [
        r"\b(?:customer[\s-]+experience|cx)\b",
        r"(?<![\w])(?:(?:the\s+)?customer\s+experience\s+(?:team|desk))(?![\w])",
        r"\bcx\b(?:\s+agents?)?",
        r"(?<![-\w])(?:call|contact)\s+the\s+(?:cx|customer\s+experience)",
        r"\w+\s+experience",  # no first literals: plain finditer
        r"customer",
        r"customer (?:a|aa)*c",
        r"(?:cx\s)+agents?",
    ],
)
@pytest.mark.parametrize("start, end", [(0, len(TEXT)), (5, 120), (30, 31), (40, len(TEXT) - 3)])
def test_pattern_finds_what_finditer_finds(source, start, end):
    want = [m.span() for m in re.compile(source, FLAGS).finditer(TEXT, start, end)]
    win = Window(TEXT, start, end)
    assert [m.span() for m in Pattern(source).finditer(TEXT, start, end, win)] == want
    assert [m.span() for m in Pattern(source).finditer(TEXT, start, end)] == want


@pytest.mark.parametrize(
    "text, exact",
    [
        ("plain ascii", True),
        ("curly “quotes” and\u00a0nbsp", True),
        ("long \u017f (matches s)", False),
        ("dotted \u0130 grows when lowered", False),
    ],
)
def test_window_exactness(text, exact):
    assert Window(text, 0, len(text)).exact is exact


@pytest.mark.parametrize(
    "required, text, ok",
    [
        ((("customer", "cx"), ("agent",)), "the cx agents", True),
        ((("customer", "cx"), ("agent",)), "the cx team", False),
        ((), "anything", True),
    ],
)
def test_passes(required, text, ok):
    win = Window(text, 0, len(text))
    assert passes(requirement_order(map(frozenset, required)), win) is ok
    assert passes(requirement_order(map(frozenset, required)), win) is ok  # cached answers


def test_requirement_order_drops_implied_sets():
    sets = [frozenset({"the", "a"}), frozenset({"agent"}), frozenset({"agent", "rep"}), frozenset({"customer"})]
    assert sorted(words for _, words in requirement_order(sets)) == [("agent",), ("customer",), ("the", "a")]


def test_a_failing_set_moves_to_the_front():
    required = requirement_order([frozenset({"customer"}), frozenset({"zebra"})])
    assert [w for _, w in required] == [("customer",), ("zebra",)]
    assert not passes(required, Window("customer care", 0, 13))
    assert [w for _, w in required] == [("zebra",), ("customer",)]
