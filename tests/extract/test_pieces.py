"""TextBuilder and compose: segment offsets map back to the exact source offsets."""

from __future__ import annotations

import pytest

from cxlint.extract.pieces import TextBuilder, compose
from cxlint.model import SourceMap


def test_contiguous_pieces_need_one_breakpoint():
    b = TextBuilder()
    b.add("abc", 10)
    b.add("def", 13)
    assert b.text == "abcdef" and b.source_map() == SourceMap((0,), (10,))


def test_gap_and_replacement_add_breakpoints():
    b = TextBuilder()
    b.add("Customer ", 3)  # "<p>Customer <b>Experience</b>"
    b.add("Experience", 15)
    b.replace("&", 25, 5)  # "&amp;"
    b.add("x", 30)
    m = b.source_map()
    assert b.text == "Customer Experience&x"
    assert [m.to_source(i) for i in (0, 8, 9, 18, 19, 20)] == [3, 11, 15, 24, 25, 30]


@pytest.mark.parametrize("raw, text, offsets", [
    ("a&amp;b", "a&b", {0: 100, 1: 101, 2: 106}),
    ("a \n\n  b", "a b", {0: 100, 1: 101, 2: 106}),
    ("a\nb", "a b", {0: 100, 1: 101, 2: 102}),
    ("x&nbsp;y", "x\xa0y", {2: 107}),
    ("&#67;X", "CX", {0: 100, 1: 105}),
])
def test_add_decoded(raw, text, offsets):
    b = TextBuilder()
    b.add_decoded(raw, 100, collapse=True)
    assert b.text == text
    m = b.source_map()
    assert {k: m.to_source(k) for k in offsets} == offsets


def test_compose_splits_inner_pieces_at_outer_breakpoints():
    # Source:  "<p>ab\\ncd</p>" held in a JSON string starting at offset 50 (the \\n escape is 2 characters).
    outer = SourceMap((0, 5, 6), (51, 57, 59))  # decoded "<p>ab\ncd</p>" → source
    inner = SourceMap((0,), (3,))  # block text "ab\ncd" starts at decoded offset 3
    m = compose(inner, outer, 5)
    assert [m.to_source(i) for i in range(5)] == [54, 55, 57, 59, 60]


def test_compose_of_identity_is_identity():
    outer = SourceMap.shifted(7)
    assert compose(SourceMap((0, 4), (0, 9)), outer, 8) == SourceMap((0, 4), (7, 16))
