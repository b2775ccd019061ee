"""Phrase patterns: separators, plurals, boundaries, variables, anchors, case, user regex checks."""

from __future__ import annotations

import re

import pytest

from cxlint.matching import (
    PatternError, anchor_candidates, check_user_regex, compile_phrase, first_literals, match_case,
)

VARS = {"role": ["representative", "rep", "agent", "agency"]}


def found(pattern: str, text: str) -> str | None:
    m = re.search(compile_phrase(pattern, VARS), text, re.IGNORECASE)
    return m.group(0) if m else None


@pytest.mark.parametrize(
    "pattern, text, expected",
    [
        ("customer experience {role}", "a Customer Experience Representative", "Customer Experience Representative"),
        ("customer experience {role}", "customer experience\nrepresentative", "customer experience\nrepresentative"),
        ("customer experience {role}", "customer experience\r\n   rep", "customer experience\r\n   rep"),
        ("customer experience {role}", "customer\u00a0experience agent", "customer\u00a0experience agent"),
        ("customer experience {role}", "customer-experience-agents", "customer-experience-agents"),
        ("customer experience {role}", "customer experience agencies", "customer experience agencies"),
        ("customer experience {role}", "CUSTOMER EXPERIENCE REPS", "CUSTOMER EXPERIENCE REPS"),
        ("customer experience {role}", "customer experience\n\nagent", None),  # a blank line ends the paragraph
        ("customer experience {role}", "customer experience agentive", None),  # not inside a word
        ("customer experience {role}", "xcustomer experience agent", None),
        ("customer experience {role}", "customer experiences agent", None),
        ("(cx|customer experience) {role}", "our CX reps", "CX reps"),
        ("head of [the] customer experience", "Head of the Customer Experience", "Head of the Customer Experience"),
        ("head of [the] customer experience", "Head of Customer Experience", "Head of Customer Experience"),
        ("i.e. customer service", "CX, i.e. customer service", "i.e. customer service"),
        ("call-centre", "our call centre", "call centre"),
        ("contact {email}", "contact cx@acme.com today", "contact cx@acme.com"),
        ("call {phone}", "call 0800 123 4567.", "call 0800 123 4567"),
    ],
)
def test_phrase_matches(pattern, text, expected):
    assert found(pattern, text) == expected


@pytest.mark.parametrize(
    "pattern, message",
    [
        ("customer {nope}", "unknown variable"),
        ("(customer experience", "unclosed"),
        ("customer )", "unexpected"),
        ("", "empty"),
    ],
)
def test_bad_patterns_are_rejected(pattern, message):
    with pytest.raises(PatternError, match=message):
        compile_phrase(pattern, VARS)


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ("customer experience {role}", frozenset({"customer"})),
        ("(cx|customer experience) {role}", frozenset({"cx", "customer"})),
        ("head of [the] customer experience", frozenset({"customer"})),
    ],
)
def test_anchor_candidates_include_a_required_word(pattern, expected):
    assert expected in anchor_candidates(pattern, VARS)


def test_variable_anchor_uses_plural_safe_stems():
    cands = anchor_candidates("{role} desk", VARS)
    assert frozenset({"representative", "rep", "agent", "agenc"}) in cands


@pytest.mark.parametrize(
    "source, ok",
    [
        (r"\bcustomer[ \t]+centric\b", True),
        (r"(a+)+b", False),
        (r"(\w+\s?)*$", False),
        (r"(unclosed", False),
        (r"(cx)\1", False),
    ],
)
def test_user_regex_checks(source, ok):
    if ok:
        check_user_regex(source)
    else:
        with pytest.raises(PatternError):
            check_user_regex(source)


@pytest.mark.parametrize(
    "matched, expected",
    [
        ("Customer Experience Representative", "Customer Service Representative"),
        ("customer experience representative", "customer service representative"),
        ("Customer experience representative", "Customer service representative"),
        ("CX agent", "customer service agent"),
        ("CX Agent", "Customer Service Agent"),
        ("CUSTOMER EXPERIENCE REPRESENTATIVE", "CUSTOMER SERVICE REPRESENTATIVE"),
    ],
)
def test_replacement_keeps_the_case_style(matched, expected):
    template = "customer service " + ("agent" if "agent" in matched.lower() else "representative")
    assert match_case(template, matched) == expected


@pytest.mark.parametrize(
    "template, matched, expected",
    [
        ("customer-centric", "Customer Centric", "Customer-Centric"),
        ("customer-centric", "customer centric", "customer-centric"),
        ("customer-centric", "Customer centric", "Customer-centric"),
    ],
)
def test_hyphenated_replacement_case(template, matched, expected):
    assert match_case(template, matched) == expected


@pytest.mark.parametrize(
    "pattern, text, expected",
    [
        ("customer centricity (agent|advisor)", "customer centricity advisors", "customer centricity advisors"),
        ("(cx|customer experience) [team]", "CX teams", "CX teams"),
        ("(a|b) customer", "b customers", "b customers"),
    ],
)
def test_plural_applies_to_a_trailing_group(pattern, text, expected):
    assert found(pattern, text) == expected


@pytest.mark.parametrize(
    "pattern, reading",
    [
        ("first (contact|call) resolution", "first contact resolution"),
        ("net promoter [score]", "net promoter"),
        ("customer experience", "customer experience"),
    ],
)
def test_first_reading_of_a_pattern(pattern, reading):
    from cxlint.matching import first_reading

    assert first_reading(pattern) == reading


@pytest.mark.parametrize(
    "pattern, text, expected",
    [
        ("[the] cx hotline", "call the cx hotline", "the cx hotline"),
        ("[the] cx hotline", "cx hotline here", "cx hotline"),
        ("[the] [new] cx hotline", "our new cx hotline", "new cx hotline"),
        ("cx [team] hotline", "cx team hotline", "cx team hotline"),
        ("cx [team] hotline", "cx hotline", "cx hotline"),
    ],
)
def test_optional_words_anywhere(pattern, text, expected):
    assert found(pattern, text) == expected


@pytest.mark.parametrize(
    "source, expected",
    [
        (r"\bcustomer[\s-]+services?\b", [frozenset({"customer"}), frozenset({"service"})]),
        (r"(?:customer\s+experience|nps)\s+hotline",
         [frozenset({"customer", "nps"}), frozenset({"experience", "nps"}), frozenset({"hotline"})]),
        (r"(?:customer\s+experience|cx)\s+hotline",
         [frozenset({"customer", "cx"}), frozenset({"experience", "cx"}), frozenset({"hotline"})]),
        (r"(?<!head\s)agents?(?:\s+team)?", [frozenset({"agent"})]),
        (r"(?:x|cx)\s+desk", [frozenset({"desk"})]),  # a branch with no run of 2 requires nothing
        (r"(?:call\s+)+now", [frozenset({"call"}), frozenset({"now"})]),
    ],
)
def test_regex_requirements(source, expected):
    from cxlint.matching import regex_requirements

    assert regex_requirements(source) == expected


@pytest.mark.parametrize(
    "source, expected",
    [
        (r"\b(?:customer[\s-]+experience|cx)\b", ("customer", "cx")),
        (r"(?<![\w])(?:(?:senior )?cx agent)(?![\w])", ("cx agent", "senior ")),
        (r"customer (?:a|aa)*c", ("customer a", "customer c")),  # a repeat may repeat: no "customer aac"
        (r"(?:ab)+x", ("ab",)),
        (r"\bnet\s+promoter|\bnps\b", ("net", "nps")),
        (r"(?:the\s+)?customer", ("customer", "the")),
        (r"\w+ing customer", None),  # may start anywhere
        (r"a?b", None),  # one character would be everywhere
        (r"(?:x)*", None),  # may match nothing
        (r"(?-i:\b(?:Cx|cX)\b)", ("cx",)),
    ],
)
def test_first_literals(source, expected):
    assert first_literals(source) == expected
