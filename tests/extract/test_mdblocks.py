"""Markdown block structure: cmark and markdown-it-py find the same prose blocks wherever cmark is asked, and markdown-it alone still reads everything."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxlint.extract import mdblocks
from cxlint.extract.markdown import read_markdown
from cxlint.extract.mdblocks import Block, _cmark_blocks, cmark_may_differ, markdown_it_blocks, prose_blocks
from cxlint.model import Scope

needs_cmark = pytest.mark.skipif(mdblocks._native() is None, reason="cmarkgfm is not installed")

POSTING = """# Customer Experience Agent

**Company:** Tailspin Travel
**Location:** Leeds

## What you will do

- Own the customer experience for all our customers
- Answer calls in our *customer service* team
  and chase late deliveries
  1. nested ordered item
  2. another, with `customer experience` in code

> A quote about customer centricity
> that runs over two lines.

```
customer experience in a fenced code block
```

***

Send your CV to help@tailspin.example.
"""

# (name, text, blocks as (kind, first line, end line, scope)); cmark answers every one of these.
CMARK_CASES = [
    ("posting", POSTING, [
        ("heading", 0, 1, Scope.HEADING), ("paragraph", 2, 4, Scope.PARAGRAPH), ("heading", 5, 6, Scope.HEADING),
        ("paragraph", 7, 8, Scope.LIST), ("paragraph", 8, 10, Scope.LIST), ("paragraph", 10, 11, Scope.LIST),
        ("paragraph", 11, 12, Scope.LIST), ("paragraph", 13, 15, Scope.QUOTE), ("paragraph", 22, 23, Scope.PARAGRAPH)]),
    ("CRLF line ends", "# h\r\n\r\npara\r\ngraph\r\n", [("heading", 0, 1, Scope.HEADING), ("paragraph", 2, 4, Scope.PARAGRAPH)]),
    ("no final line end", "a\nb", [("paragraph", 0, 2, Scope.PARAGRAPH)]),
    ("lazy continuation in a quote", "> a\nb\n", [("paragraph", 0, 2, Scope.QUOTE)]),
    ("list in a quote", "> - a\n> - b\n", [("paragraph", 0, 1, Scope.LIST), ("paragraph", 1, 2, Scope.LIST)]),
    ("quote in a list", "- > a\n", [("paragraph", 0, 1, Scope.QUOTE)]),
    ("heading in a list", "- # h\n", [("heading", 0, 1, Scope.HEADING)]),
    ("loose list", "1. a\n\n2. b\n", [("paragraph", 0, 1, Scope.LIST), ("paragraph", 2, 3, Scope.LIST)]),
    ("ATX heading with closing run", "## h ##\n", [("heading", 0, 1, Scope.HEADING)]),
    ("thematic breaks are no prose", "***\n---\n___\n", []),
    ("fenced code is no prose", "~~~\ncode\n~~~\nafter\n", [("paragraph", 3, 4, Scope.PARAGRAPH)]),
    ("non-ASCII text", "Café — ça va\n\n- über\n", [("paragraph", 0, 1, Scope.PARAGRAPH), ("paragraph", 2, 3, Scope.LIST)]),
    ("forty nested quotes", "> " * 40 + "x\n", [("paragraph", 0, 1, Scope.QUOTE)]),
]


@needs_cmark
@pytest.mark.parametrize("text, expected", [c[1:] for c in CMARK_CASES], ids=[c[0] for c in CMARK_CASES])
def test_cmark_and_markdown_it_find_the_same_blocks(text, expected):
    assert _cmark_blocks(text) == [Block(*b) for b in expected]
    assert markdown_it_blocks(text) == [Block(*b) for b in expected]


# Texts where the two parsers differ or may: markdown-it reads them (see mdblocks.py).
DEFERRED = [
    ("table", "| a | b |\n|---|---|\n| c | d |\n"),
    ("HTML block", "<div>\ncustomer experience\n</div>\n"),
    ("HTML in a list", "- <div>\n"),
    ("link reference definition", "[ref]: /url\ntext\n"),
    ("lone CR line ends", "a\rb\r"),
    ("byte-order mark", "\ufeff# h\n"),
    ("indented four spaces", "> a\n    - b\n"),
    ("indented by a tab", "> a\n\t---\n"),
    ("empty list item", "-\n  \n  x\n"),
    ("empty nested list item", "- -\n"),
]


@pytest.mark.parametrize("text", [c[1] for c in DEFERRED], ids=[c[0] for c in DEFERRED])
def test_where_the_parsers_may_differ_markdown_it_reads(text):
    assert cmark_may_differ(text)
    assert _cmark_blocks(text) is None
    assert prose_blocks(text) == markdown_it_blocks(text)


@needs_cmark
@pytest.mark.parametrize("text", ["a\n===\n", "a\nb\n---\n\nc\n", "> " * 60 + "x\n"], ids=["setext", "setext two lines", "too deep"])
def test_setext_headings_and_deep_nesting_go_to_markdown_it(text):
    assert not cmark_may_differ(text)
    assert _cmark_blocks(text) is None  # decided while walking cmark's tree
    assert prose_blocks(text) == markdown_it_blocks(text)


LINES = [
    "", "", "a b", "customer experience agent", "# h", "## h ##", "#", "###### x", "####### no", "===", "---",
    "***", "- - -", "- item", "* item", "+ item", "1. item", "2) item", "  - nested", "   * x", "- [ ] task",
    "> quote", "> > q", ">", "   > x", "> - li", "- > q", "> # h", "```", "~~~", "  ```", "> ```", "``` a ` b",
    "text [link](u) and", "![img](x)", "  continued", "lazy", "x\\", "text *em*", "`code`", "\\# no", "&amp; x",
    "  ", "a  ", "1) a", "* * *", "- # h", "1. - x", "> 1. x", "__x__", "=", "  ===", "--", "a ---", "   ---",
    "é ü", "a\x0cb", "\u00a0- x", "a\x00b", "x\u2028- y", "    code", "\tcode", "<div>", "[r]: /u", "| a |", "-",
]


def _random_markdown(seed: int, n: int) -> list[str]:
    r = random.Random(seed)
    out = []
    for _ in range(n):
        eol = r.choice(["\n", "\n", "\r\n"])
        out.append("".join(r.choice(LINES) + eol for _ in range(r.randint(1, 14))))
    return out


@needs_cmark
@pytest.mark.parametrize("seed", range(4))
def test_generated_markdown_gives_the_same_blocks(seed):
    asked = 0
    for text in _random_markdown(seed, 1500):
        got = _cmark_blocks(text)
        if got is not None:
            asked += 1
            assert got == markdown_it_blocks(text), text
    assert asked > 150  # cmark really answered a good share


@needs_cmark
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_any_composition_gives_the_same_blocks(lines, eol):
    text = eol.join(lines)
    got = _cmark_blocks(text)
    if got is not None:
        assert got == markdown_it_blocks(text)


@needs_cmark
@pytest.mark.parametrize("text", [POSTING, "---\ntitle: Customer Experience Agent\n---\n# h\n\ntext\n"] + _random_markdown(9, 200))
def test_documents_are_identical_without_cmark(text, monkeypatch):
    fast = read_markdown("a.md", text)
    monkeypatch.setattr(mdblocks, "_native", lambda: None)
    assert read_markdown("a.md", text) == fast


def test_without_cmark_markdown_it_reads_everything(monkeypatch):
    monkeypatch.setattr(mdblocks, "_native", lambda: None)
    assert prose_blocks(POSTING) == markdown_it_blocks(POSTING)
    assert len(read_markdown("a.md", POSTING).segments) == 9
