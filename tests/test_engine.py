"""Engine: findings, exact positions, precision guards (URLs, code, quotes, allowed phrases), kinds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import MINI_PACK
from cxlint import engine
from cxlint.engine import RuleSet, Selection, check, in_url_or_email, quoted_mention
from cxlint.extract.markdown import read_markdown
from cxlint.extract.text import read_text
from cxlint.fix import apply_edits
from cxlint.model import Document, Scope, Segment, Severity
from cxlint.termpack import load_packs, merge_rules

RULES = merge_rules(load_packs([str(MINI_PACK)], builtin=False))
RULESET = RuleSet(RULES)


def lint_text(text: str, reader=read_text):
    return check(reader("doc", text), RULESET)


def spans(findings):
    return [(f.rule, f.match, f.location.line, f.location.column) for f in findings]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We're hiring a Customer Experience Representative to answer calls",
         [("CX201", "Customer Experience Representative", 1, 16)]),
        ("intro\r\n\tWe need CX agents.\r\n", [("CX201", "CX agents", 2, 10)]),
        ("one\rtwo CX reps", [("CX201", "CX reps", 2, 5)]),
        ("a customer experience\nrepresentative", [("CX201", "customer experience\nrepresentative", 1, 3)]),
        ("Head of Customer Experience", []),
        ("Our Chief Customer Experience Officer", []),
        ("see https://acme.com/customer-experience-agent for details", []),
        ("mail cx-agent@acme.com", []),
        ("Stop calling them \"customer experience agents\".", []),
        ("Job title: \u201cCX Agent\u201d", [("CX201", "CX Agent", 1, 13)]),
        ("Customer experiences agents", []),
    ],
)
def test_text_findings_and_positions(text, expected):
    assert [s for s in spans(lint_text(text)) if s[0] == "CX201"] == expected


def test_end_column_is_exclusive_and_end_line_follows_breaks():
    (f,) = [f for f in lint_text("x customer experience\n  representative") if f.rule == "CX201"]
    loc = f.location
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (1, 3, 2, 17)


MARKDOWN = """\
---
title: Customer Experience Agent
---
# Careers

We're hiring a **Customer Experience** Representative.

- Use `customer experience agent` in code only.
- Read [the CX agent guide](https://acme.com/customer-experience-agent).

```
customer experience agent
```

    customer experience agent (indented code)

<!-- customer experience agent in a comment -->

| Role | Note |
|------|------|
| CX agent | wrong |

## CX\tAgent
"""


def test_markdown_skips_code_links_and_comments_with_exact_positions():
    found = [(f.match, f.location.line, f.location.column, f.scope) for f in lint_text(MARKDOWN, read_markdown) if f.rule == "CX201"]
    assert found == [
        ("Customer Experience Agent", 2, 8, Scope.TITLE),
        ("Customer Experience** Representative", 6, 18, Scope.PARAGRAPH),
        ("CX agent", 9, 13, Scope.LIST),
        ("CX agent", 21, 3, Scope.TABLE_CELL),
        ("CX\tAgent", 23, 4, Scope.HEADING),
    ]


def test_severity_is_raised_by_scope():
    by_scope = {f.scope: f.severity for f in lint_text(MARKDOWN, read_markdown) if f.rule == "CX201"}
    assert by_scope[Scope.HEADING] is Severity.ERROR
    assert by_scope[Scope.PARAGRAPH] is Severity.WARNING


def test_fix_keeps_case_and_applies_cleanly():
    text = "Apply to be a CX agent. Or a Customer Experience Representative!"
    findings = [f for f in lint_text(text) if f.rule == "CX201"]
    fixed, n = apply_edits(text, [f.fix for f in findings])
    assert (fixed, n) == ("Apply to be a customer service agent. Or a Customer Service Representative!", 2)


def test_near_needs_context_words():
    assert [f.rule for f in lint_text("Contact customer experience on 0800 123 4567.")].count("CX202") == 1
    assert [f.rule for f in lint_text("We measure customer experience across every channel.")].count("CX202") == 0


def test_acronym_only_first_use_before_expansion():
    rules = [f for f in lint_text("Our CX plan. More CX. Customer experience (CX) is broad.") if f.rule == "CX601"]
    assert [(f.match, f.location.column) for f in rules] == [("CX", 5)]
    assert not [f for f in lint_text("Customer experience (CX) is broad. CX matters.") if f.rule == "CX601"]
    assert not [f for f in lint_text("CX (customer experience) is broad.") if f.rule == "CX601"]


def test_consistent_flags_minority_spellings_after_the_first():
    found = [f for f in lint_text("A customer-centric plan.\n\nA customer centric culture.") if f.rule == "CX602"]
    assert [(f.match, f.suggestions) for f in found] == [("customer centric", ("customer-centric",))]


def test_code_scope_is_never_linted():
    doc = Document("d", "text", (Segment("CX agent", Scope.CODE), Segment("CX agent", Scope.PARAGRAPH)))
    assert [f.rule for f in check(doc, RULESET)].count("CX201") == 1


def test_findings_without_source_map_carry_the_anchor():
    doc = Document("deck.pptx", "pptx", (Segment("CX agents wanted", Scope.TITLE, "slide 2 › Title 1", (("slide", 2),)),))
    (f,) = [f for f in check(doc, RULESET) if f.rule == "CX201"]
    assert f.location.line is None and f.location.anchor == "slide 2 › Title 1"
    assert f.fix is None


@pytest.mark.parametrize(
    "text, start, end, inside",
    [
        ("go to www.acme.com/customer-experience now", 18, 37, True),
        ("mail cx@acme.com", 5, 7, True),
        ("see /docs/customer-experience.md", 10, 29, True),
        ("customer service/customer experience", 17, 36, False),
        ("plain customer experience words", 6, 25, False),
    ],
)
def test_url_email_and_path_guard(text, start, end, inside):
    assert in_url_or_email(text, start, end) is inside


@pytest.mark.parametrize(
    "text, inside",
    [
        ('Never call a support agent a "CX agent" again.', True),
        ("The term \u2018CX agent\u2019 is wrong.", True),
        ('Job title: "CX agent"', False),
        ("A CX agent, no quotes.", False),
    ],
)
def test_quoted_mentions(text, inside):
    start = text.index("CX agent")
    assert quoted_mention(text, start, start + len("CX agent")) is inside


def test_selection_by_code_prefix_and_name():
    assert [r.id for r in Selection(select=("CX6",)).apply(RULES)] == ["CX601", "CX602"]
    assert [r.id for r in Selection(ignore=("experience-job-title", "CX6")).apply(RULES)] == ["CX202"]


def test_window_edges_neither_lose_nor_double_matches():
    # Anchors 150 characters apart merge into one window; a match at the very end still counts.
    filler = " lorem" * 40 + " "
    text = ("CX agent" + filler) * 30 + "CX agent"
    found = [f for f in lint_text(text) if f.rule == "CX201"]
    assert len(found) == 31
    assert len({f.location.column for f in found}) == 31


@pytest.mark.parametrize("text", ["", "a", "\n\nab\ncd\n", "x\n" * 50 + "tail", "no breaks at all"])
def test_line_positions_by_counting_equal_the_line_index(text, monkeypatch):
    import random

    from cxlint import engine
    from cxlint.model import LineIndex

    monkeypatch.setattr(engine, "_MARKS_MIN", 0)
    lines, index = engine._LazyLines(text), LineIndex(text)
    offsets = list(range(len(text) + 1))
    random.Random(1).shuffle(offsets)
    assert [lines.position(o) for o in offsets] == [index.position(o) for o in offsets]


@pytest.mark.parametrize("template, values, expected", [
    ("plain", {}, "plain"),
    ("use {suggestion} not {match}", {"suggestion": "a", "match": "b"}, "use a not b"),
    ("{unknown} stays", {}, "{unknown} stays"),
])
def test_fill(template, values, expected):
    from cxlint.engine import _fill

    assert _fill(template, values) == expected


def _token_by_hand(text: str, edge: int) -> str:
    ts = edge
    while ts > 0 and not text[ts - 1].isspace() and edge - ts < 300:
        ts -= 1
    te = edge
    while te < len(text) and not text[te].isspace() and te - edge < 300:
        te += 1
    return text[ts:te]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab.:/@ \t\n\u00a0\u2003é-"), max_size=700), st.data())
def test_token_at_an_edge_is_the_run_of_non_space_characters_there(text, data):
    edge = data.draw(st.integers(min_value=0, max_value=len(text)))
    assert engine._token_at(text, edge) == _token_by_hand(text, edge)
