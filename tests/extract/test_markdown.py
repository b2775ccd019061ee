"""Markdown reader: masking the whole text at once gives the segments that masking block by block gives."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxlint.extract import markdown
from cxlint.extract.markdown import read_markdown

# Lines that exercise every masking step, and line ends of every kind (a lone CR too).
LINES = [
    "", "a b", "customer experience agent", "# h", "## h ##", "- item", "* item", "1. item", "2) x", "  - nested",
    "- [ ] task", "> quote", "> > q", "> - li", "```", "`code` and", "``a`` b `", "text [link](u) and", "![img](x)",
    "[ref][r]", "<!-- c -->", "<!-- open", "close -->", "<b>bold</b>", "<http://x.y>", "**Company:** X  ", "__x__",
    "_a_ b_", "x\\", "\\# no", "\\[Aside]", "&nbsp;a&#160;b", "a  ", "===", "---", "a ---", "   ---", "é ü",
    "    code", "\tcode", "| a | b |", "|---|---|", "-", "*emph* ~~del~~", "---\ntitle: Customer Experience Agent\n---",
]


def _per_block(monkeypatch, text):
    with monkeypatch.context() as m:
        m.setattr(markdown, "_whole_masks", lambda text: (None, None))
        return read_markdown("a.md", text)


@pytest.mark.parametrize("seed", range(3))
def test_whole_text_masks_equal_block_by_block_masks(seed, monkeypatch):
    r = random.Random(seed)
    for _ in range(400):
        eol = r.choice(["\n", "\n", "\r\n", "\r"])
        text = "".join(r.choice(LINES) + eol for _ in range(r.randint(1, 16)))
        assert read_markdown("a.md", text) == _per_block(monkeypatch, text), text


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_any_composition_masks_the_same(lines, eol):
    text = eol.join(lines)
    with pytest.MonkeyPatch.context() as m:
        fast = read_markdown("a.md", text)
        m.setattr(markdown, "_whole_masks", lambda text: (None, None))
        assert read_markdown("a.md", text) == fast


@pytest.mark.parametrize("text, inline", [
    ("- **a** b\n", True),
    ("a `b` c\n", False),  # code spans may pair across blocks: masked block by block
    ("a <b> c\n", False),
    ("[a](b)\n", False),
])
def test_whole_text_inline_masks_only_where_no_construct_pairs_across_blocks(text, inline):
    lined, masked = markdown._whole_masks(text)
    assert lined is not None
    assert (masked is not None) == inline


def test_lone_cr_line_ends_are_masked_block_by_block():
    assert markdown._whole_masks("a\r- b\r") == (None, None)


# The emphasis regex as first written; markdown._EMPHASIS is the same language, reordered for speed.
PLAIN_EMPHASIS = r"[*~]+|(?<!\w)_+|_+(?!\w)|\\(?=[!-/:-@\[-`{-~])|!?\[|\]|&nbsp;|&#160;"


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.text(alphabet="ab1é_*~\\![]&nbsp;#160 \n\t-", max_size=16))
def test_emphasis_regex_matches_what_its_plain_form_matches(text):
    import re

    assert [m.span() for m in markdown._EMPHASIS.finditer(text)] == [m.span() for m in re.finditer(PLAIN_EMPHASIS, text)]
