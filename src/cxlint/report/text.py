"""Plain text: one ``path:line:col: severity CODE message`` line per finding, then input errors."""

from __future__ import annotations

from cxlint.model import Finding, Report


def place(f: Finding) -> str:
    loc = f.location
    if loc.line is not None:
        return f"{loc.path}:{loc.line}:{loc.column}"
    return f"{loc.path}:{loc.anchor}" if loc.anchor else loc.path


def render(report: Report, ctx) -> str:
    lines = []
    for f in report.findings:
        hint = f" (suggestion: {f.suggestions[0]})" if f.suggestions else ""
        lines.append(f"{place(f)}: {f.severity.label} {f.rule} {_one_line(f.message)}{hint}")
    for e in report.errors:
        lines.append(f"{e.path}: error CX001 {_one_line(e.message)}")
    return "".join(line + "\n" for line in lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())
