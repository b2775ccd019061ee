"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding, a summary.

GitHub turns at most 10 annotations of each level per step (50 per job) into annotations; the
rest stay as log lines. When a run has more, a notice printed first (so it is itself one of
the annotations shown) says how many are log-only. That never changes the exit code.
"""

from __future__ import annotations

from cxlint.model import Finding, Report, Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
PER_STEP = 10  # annotations GitHub shows per level and step
PER_JOB = 50


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props) -> str:
    """``::level k=v,…::message`` with properties in the order given and None values left out."""
    parts = [f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None]
    head = f"::{level} {','.join(parts)}" if parts else f"::{level}"
    return f"{head}::{escape_data(message)}"


def annotation(f: Finding) -> str:
    loc = f.location
    message = " ".join(f.message.split())
    if loc.line is None and loc.anchor:
        message = f"{loc.anchor}: {message}"
    props: dict = {"file": loc.path}
    if loc.line is not None:
        props["line"] = loc.line
        # GitHub rejects col/endColumn on an annotation that spans lines.
        one_line = loc.end_line in (None, loc.line)
        if one_line and loc.column is not None:
            props["col"] = loc.column
        if loc.end_line is not None:
            props["endLine"] = loc.end_line
        if one_line and loc.end_column is not None and loc.column is not None and loc.end_column >= loc.column:
            props["endColumn"] = loc.end_column
    props["title"] = f"{f.rule} {f.name}"
    return command(COMMAND[f.severity], message, **props)


def hidden_count(report: Report) -> int:
    """How many annotations GitHub would not show, counting the overflow notice itself."""
    counts = {"error": len(report.errors), "warning": 0, "notice": 0}
    for f in report.findings:
        counts[COMMAND[f.severity]] += 1

    def over(notice_slots: int) -> int:
        return (max(0, counts["error"] - PER_STEP) + max(0, counts["warning"] - PER_STEP)
                + max(0, counts["notice"] - notice_slots))

    hidden = over(PER_STEP)
    return over(PER_STEP - 1) if hidden else 0


def summary(report: Report) -> str:
    counts = report.by_severity()
    n = len(report.findings)
    parts = ", ".join(f"{counts.get(s.label, 0)} {s.label}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    line = f"cxlint: {n} finding{'s' if n != 1 else ''} ({parts}) in {report.files} file{'s' if report.files != 1 else ''}"
    if report.errors:
        k = len(report.errors)
        line += f"; {k} input{'s' if k != 1 else ''} could not be read"
    if report.suppressed:
        line += f"; {len(report.suppressed)} suppressed"
    return line


def render(report: Report, ctx) -> str:
    lines = []
    hidden = hidden_count(report)
    if hidden:
        lines.append(command(
            "notice",
            f"{hidden} of the findings below are not shown as annotations: GitHub shows at most "
            f"{PER_STEP} errors, {PER_STEP} warnings and {PER_STEP} notices per step ({PER_JOB} per job). "
            "Every finding is listed in this log.",
            title="cxlint",
        ))
    lines += [annotation(f) for f in report.findings]
    lines += [command("error", e.message, file=e.path, title="CX001 unreadable-input") for e in report.errors]
    lines.append(summary(report))
    return "".join(line + "\n" for line in lines)
