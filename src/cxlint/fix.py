"""Pure: turn findings into safe edits for a format, apply non-overlapping edits, check the result, show a diff."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Iterable, Sequence

from cxlint.model import Edit, Finding

# csv, difflib, html and json are imported where a fix needs them: most runs fix nothing, and
# every import counts in a pre-commit hook's start-up.


class FixMode(str, enum.Enum):
    OFF = "off"
    WRITE = "write"  # --fix: write the fixed files
    DIFF = "diff"  # --diff: show what --fix would change, write nothing


# Formats whose Document.source is the file's text, so source offsets are file offsets.
FIXABLE_FORMATS = frozenset({"text", "markdown", "html", "json", "csv", "tsv"})

# Characters that would change the meaning of the text around a replacement, by format.
_UNSAFE = {
    "markdown": set("*_`[]<>\\#|"),
    "csv": set("\"\r\n,;\t"),
    "tsv": set("\"\r\n\t"),
    "text": set(),
}


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """The edited text and how many edits were applied (later edits that overlap an earlier one are skipped)."""
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


def in_context(fmt: str, replacement: str) -> str | None:
    """``replacement`` written as the format needs it where prose sits, or None if that cannot be done safely."""
    if fmt == "html":
        import html

        return html.escape(replacement, quote=True)
    if fmt == "json":
        import json

        return json.dumps(replacement, ensure_ascii=False)[1:-1]
    unsafe = _UNSAFE.get(fmt)
    if unsafe is None or any(c in unsafe for c in replacement):
        return None
    return replacement


@dataclass(frozen=True)
class Fixed:
    text: str
    applied: int
    skipped: int  # fixes that could not be written safely in this format, or overlapped another


def fix_text(source: str, fmt: str, findings: Sequence[Finding]) -> Fixed:
    """Apply every reported finding's single safe fix (suppressed findings are left alone)."""
    edits = []
    skipped = 0
    candidates = [f for f in findings if f.fix is not None and not f.suppressed]
    for f in candidates:
        assert f.fix is not None
        repl = in_context(fmt, f.fix.replacement)
        if repl is None:
            skipped += 1
            continue
        edits.append(Edit(f.fix.start, f.fix.end, repl))
    text, applied = apply_edits(source, edits)
    return Fixed(text, applied, skipped + len(edits) - applied)


def broken_by_fix(fmt: str, before: str, after: str) -> str:
    """Why ``after`` is no longer valid where ``before`` was ("" if it is fine)."""
    import csv
    import io
    import json

    if fmt == "json":
        try:
            json.loads(before)
        except ValueError:
            return ""  # was not strict JSON to begin with (e.g. JSON lines): nothing to compare
        try:
            json.loads(after)
        except ValueError as exc:
            return f"the fixed JSON would not parse ({exc})"
    elif fmt in ("csv", "tsv"):
        delim = "\t" if fmt == "tsv" else None

        def shape(text: str) -> list[int]:
            dialect = "excel-tab" if delim else _sniff(text)
            return [len(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]

        try:
            if shape(before) != shape(after):
                return "the fixed table would have a different shape"
        except csv.Error as exc:
            return f"the fixed table would not parse ({exc})"
    return ""


def _sniff(text: str):
    import csv

    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        return "excel"


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``git diff``-style unified diff of one file ("" if nothing changed)."""
    if before == after:
        return ""
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    out = []
    for line in lines:
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
