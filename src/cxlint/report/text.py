"""Plain text: one ``path:line:col: severity CODE message`` line per finding, then input errors."""

from __future__ import annotations

from cxlint.model import Finding, Report, Severity


def place(f: Finding) -> str:
    loc = f.location
    if loc.line is not None:
        return f"{loc.path}:{loc.line}:{loc.column}"
    return f"{loc.path}:{loc.anchor}" if loc.anchor else loc.path


def render(report: Report, ctx) -> str:
    lines = []
    # Many findings share a message: flatten each distinct one once (tens of thousands of lines).
    flat: dict[str, str] = {}
    labels = {s: s.label for s in Severity}  # an enum's name is slow to read
    for f in report.findings:
        message = flat.get(f.message)
        if message is None:
            message = flat[f.message] = _one_line(f.message)
        hint = f" (suggestion: {f.suggestions[0]})" if f.suggestions else ""
        loc = f.location
        where = f"{loc.path}:{loc.line}:{loc.column}" if loc.line is not None else place(f)  # place(), inlined
        lines.append(f"{where}: {labels[f.severity]} {f.rule} {message}{hint}\n")
    for e in report.errors:
        lines.append(f"{e.path}: error CX001 {_one_line(e.message)}\n")
    return "".join(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())
