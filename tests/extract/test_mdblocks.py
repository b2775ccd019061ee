"""Markdown block structure: cmark and markdown-it-py find the same prose blocks wherever cmark is asked, and markdown-it alone still reads everything."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxlint.extract import mdblocks
from cxlint.extract.markdown import read_markdown
from cxlint.extract.mdblocks import Block, _cmark_blocks, cmark_may_differ, markdown_it_blocks, prose_blocks, simple_blocks
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


# --- plain lines (simple_blocks) ---------------------------------------------------------------

P, L, H = Scope.PARAGRAPH, Scope.LIST, Scope.HEADING
SIMPLE_CASES = [
    ("paragraph over lines", "a\nb\n\nc\n", [("paragraph", 0, 2, P), ("paragraph", 3, 4, P)]),
    ("heading interrupts a paragraph", "a\n# h\nb\n", [("paragraph", 0, 1, P), ("heading", 1, 2, H), ("paragraph", 2, 3, P)]),
    ("item interrupts a paragraph", "a\n- b\nc\n", [("paragraph", 0, 1, P), ("paragraph", 1, 3, L)]),
    ("text after a blank closes the list", "- a\n\nb\n", [("paragraph", 0, 1, L), ("paragraph", 2, 3, P)]),
    ("loose list", "- a\n\n- b\n", [("paragraph", 0, 1, L), ("paragraph", 2, 3, L)]),
    ("heading closes a list", "- a\n## h\nb", [("paragraph", 0, 1, L), ("heading", 1, 2, H), ("paragraph", 2, 3, P)]),
    ("bold, escapes, brackets, quotes", "**Company:** X  \n\\[Aside] yes\n[Exit]\n“Hi”\n'a'\n(b)\n",
     [("paragraph", 0, 6, P)]),
    ("CRLF and blank lines of blanks", "# h\r\n \t\r\npara\r\n- i\r\n", [("heading", 0, 1, H), ("paragraph", 2, 3, P), ("paragraph", 3, 4, L)]),
    ("no final line end", "a\nb", [("paragraph", 0, 2, P)]),
    ("nothing", "", []),
    ("a posting", POSTING.split("```")[0].split("- Answer")[0], [
        ("heading", 0, 1, H), ("paragraph", 2, 4, P), ("heading", 5, 6, H), ("paragraph", 7, 8, L)]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in SIMPLE_CASES], ids=[c[0] for c in SIMPLE_CASES])
def test_plain_lines_read_as_markdown_it_reads_them(text, expected):
    assert simple_blocks(text) == [Block(*b) for b in expected]
    assert markdown_it_blocks(text) == [Block(*b) for b in expected]
    assert prose_blocks(text) == [Block(*b) for b in expected]


@pytest.mark.parametrize("text", [
    "1. a\n", "a\n2) b\n", " a\n", "\ta\n", "> a\n", "-\n", "- \n", "-a\n", "- - a\n", "-  a\n", "* a\n", "+ a\n",
    "***\n", "** *\n", "**\n", "a\n===\n", "a\n---\n", "#\n", "#a\n", "####### a\n", "# \n", "```\na\n```\n", "~~~\n",
    "<div>\n", "| a |\n", "a | b\n-|-\n", "[a]: /u\n[a]\n", "a\rb\n", "\ufeffa\n", "&amp; a\n", "\u00a0a\n", "1984. a\n",
    "_a_\n", "`a`\n", "!a\n", "a\n\x0c\n",
], ids=repr)
def test_anything_but_plain_lines_is_left_to_the_parsers(text):
    assert simple_blocks(text) is None


SIMPLE_LINES = ["", "a b", "customer experience agent", "# h", "## h ##", "- item", "- **b** x", "**Bold:** x  ", "\\[Aside]",
                "[Exit]", "text [link](u) and", "“quoted”", "  ", "lazy", "x\\", "text *em*", "é ü", "(paren)", "'q'", "a\x0cb"]


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SIMPLE_LINES + LINES[::3]), min_size=1, max_size=14), st.sampled_from(["\n", "\r\n"]))
def test_plain_lines_give_markdown_it_blocks_whatever_their_order(lines, eol):
    text = eol.join(lines)
    got = simple_blocks(text)
    if got is not None:
        assert got == markdown_it_blocks(text)


@pytest.mark.parametrize("seed", range(2))
def test_generated_plain_markdown_gives_markdown_it_blocks(seed):
    r = random.Random(seed)
    accepted = 0
    for _ in range(1500):
        pool = SIMPLE_LINES if r.random() < 0.7 else SIMPLE_LINES + LINES
        eol = r.choice(["\n", "\r\n"])
        text = "".join(r.choice(pool) + eol for _ in range(r.randint(1, 20)))
        got = simple_blocks(text)
        if got is not None:
            accepted += 1
            assert got == markdown_it_blocks(text), text
    assert accepted > 500
