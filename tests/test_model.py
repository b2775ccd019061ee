"""model.py: records and the helpers that move them."""

from __future__ import annotations

import dataclasses

import pytest

from cxlint.engine import RuleSet, check
from cxlint.app import load_rules
from cxlint.extract.text import read_text
from cxlint.model import LineIndex, evolve

FINDING = check(read_text("a.txt", "Call our CX agents today.\n"), RuleSet(load_rules()))[0]


@pytest.mark.parametrize("record, changes", [
    (FINDING, {"fix": None}),
    (FINDING, {"severity": FINDING.severity, "message": "other"}),
    (FINDING.location, {"line": 7, "end_line": 8, "offset": None}),
])
def test_evolve_gives_what_dataclasses_replace_gives_and_leaves_the_original(record, changes):
    before = dataclasses.asdict(record)
    got = evolve(record, **changes)
    assert got == dataclasses.replace(record, **changes)
    assert type(got) is type(record) and hash(got) == hash(dataclasses.replace(record, **changes))
    assert dataclasses.asdict(record) == before
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.rule = "x"  # still frozen


def _naive_position(text: str, offset: int) -> tuple[int, int]:
    line, start, i = 1, 0, 0
    while i < offset:
        if text[i] == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            i += 1  # CRLF: one break, after the LF
        if text[i] in "\r\n":
            line, start = line + 1, i + 1
        i += 1
    return line, offset - start + 1


@pytest.mark.parametrize("text", ["", "one line", "a\nb\n", "\n\n\n", "a\r\nb\r\n", "a\rb\rc", "a\r\n\rb\n\r", "é\nü\r\nx"])
def test_line_index_places_every_offset_as_counting_by_hand_does(text):
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        if offset and text[offset - 1] == "\r" and offset < len(text) and text[offset] == "\n":
            continue  # between the halves of a CRLF: no character starts there
        assert index.position(offset) == _naive_position(text, offset), offset
