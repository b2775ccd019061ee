"""JSON output: the version-1 contract of design.md section 6 (keys may be added, never removed)."""

from __future__ import annotations

import json

from cxlint.model import Finding, Report


def finding_dict(f: Finding) -> dict:
    loc = f.location
    out = {
        "path": loc.path,
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity.label,
        "message": f.message,
        "match": f.match,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "location": dict(loc.where),
        "suggestions": list(f.suggestions),
        "scope": f.scope.value,
        "fixable": f.fix is not None,
    }
    if loc.anchor:
        out["location"].setdefault("anchor", loc.anchor)
    if f.suppressed:
        out["suppressed"] = f.suppressed
    return out


def to_dict(report: Report) -> dict:
    return {
        "version": 1,
        "findings": [finding_dict(f) for f in report.findings],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
        "summary": {
            "files": report.files,
            "findings": len(report.findings),
            "errors": len(report.errors),
            "by_severity": report.by_severity(),
            "suppressed": len(report.suppressed),
            # Present only when used: {"path", "matched", "stale"} and {"issues", "files", "written"}.
            **{k: dict(report.meta[k]) for k in ("baseline", "fixed") if k in report.meta},
        },
    }


def render(report: Report, ctx) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"
