"""model.py: records and the helpers that move them."""

from __future__ import annotations

import dataclasses

import pytest

from cxlint.engine import RuleSet, check
from cxlint.app import load_rules
from cxlint.extract.text import read_text
from cxlint.model import evolve

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
