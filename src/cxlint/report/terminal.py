"""Rich terminal output: findings grouped by file, the line with the match underlined, a summary.

Document text is always wrapped in rich Text objects, never parsed as rich markup.
"""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.text import Text

from cxlint.model import Report, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(report: Report, ctx) -> str:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=ctx.color, no_color=not ctx.color, highlight=False,
                      markup=False, emoji=False, width=100, soft_wrap=False)
    for path, group in groupby(report.findings, key=lambda f: f.location.path):
        console.print(Text(path, style="bold underline"))
        for f in group:
            loc = f.location
            place = f"{loc.line}:{loc.column}" if loc.line is not None else (loc.anchor or "")
            head = Text("  ")
            head.append(f"{place:<8}", style="dim")
            head.append(f" {f.severity.label:<7} ", style=_STYLE[f.severity])
            head.append(f"{f.rule} ", style="bold")
            head.append(f"{f.name}  ", style="dim")
            head.append(" ".join(f.message.split()))
            console.print(head)
            if f.excerpt:
                s, e = f.excerpt_span
                line = Text("      │ ", style="dim")
                line.append(f.excerpt[:s].expandtabs(1))
                line.append(f.excerpt[s:e].expandtabs(1), style="bold underline")
                line.append(f.excerpt[e:].expandtabs(1))
                console.print(line)
                marks = Text("      │ " + " " * len(f.excerpt[:s].expandtabs(1)), style="dim")
                marks.append("^" * max(1, len(f.excerpt[s:e].expandtabs(1))), style=_STYLE[f.severity])
                console.print(marks)
            if f.suggestions:
                hint = Text("      suggestion: ", style="dim")
                hint.append(" | ".join(f.suggestions), style="green")
                console.print(hint)
        console.print()
    for err in report.errors:
        line = Text("error ", style="bold red")
        line.append(f"{err.path}: {err.message}")
        console.print(line)
    console.print(summary_text(report, ctx))
    return buf.getvalue()


def summary_text(report: Report, ctx) -> Text:
    counts = report.by_severity()
    parts = [f"{counts.get(s.label, 0)} {s.label}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    text = Text()
    n = len(report.findings)
    text.append(f"{n} finding{'s' if n != 1 else ''}", style="bold red" if n else "bold green")
    text.append(f" ({', '.join(parts)}) in {report.files} file{'s' if report.files != 1 else ''}")
    if report.errors:
        text.append(f"; {len(report.errors)} input{'s' if len(report.errors) != 1 else ''} could not be read", style="bold red")
    if report.suppressed:
        text.append(f"; {len(report.suppressed)} suppressed", style="dim")
    return text
