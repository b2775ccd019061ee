"""Pure: apply non-overlapping edits to a text (later edits that overlap an earlier one are skipped)."""

from __future__ import annotations

from typing import Iterable

from cxlint.model import Edit


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """The edited text and how many edits were applied."""
    out = []
    pos = 0
    applied = 0
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end)):
        if edit.start < pos or edit.end > len(text):
            continue
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
        applied += 1
    out.append(text[pos:])
    return "".join(out), applied
