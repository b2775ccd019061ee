"""GitLab Code Quality report: a JSON array of issues with stable fingerprints.

GitLab compares fingerprints between the merge request and its target branch, so they are
built from the rule, file, matched words and their neighbours, not from line numbers.
"""

from __future__ import annotations

import hashlib
import json

from cxlint.model import Report, Severity
from cxlint.report.fingerprint import fingerprints, normal_path

# GitLab knows info, minor, major, critical, blocker. An unreadable input is "critical": it
# hides every finding the file may hold. "blocker" is left for nothing cxlint reports.
SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}
UNREADABLE = "critical"


def render(report: Report, ctx) -> str:
    return json.dumps(to_list(report), indent=2, ensure_ascii=False) + "\n"


def to_list(report: Report) -> list[dict]:
    issues = []
    for f, fp in zip(report.findings, fingerprints(report.findings)):
        loc = f.location
        description = " ".join(f.message.split())
        if loc.line is None and loc.anchor:
            description = f"{loc.anchor}: {description}"
        lines = {"begin": loc.line if loc.line is not None else 1}
        if loc.line is not None and loc.end_line is not None:
            lines["end"] = loc.end_line
        issues.append({
            "type": "issue",
            "description": description,
            "check_name": f"{f.rule} {f.name}",
            "categories": ["Style"],
            "fingerprint": fp,
            "severity": SEVERITY[f.severity],
            "location": {"path": normal_path(loc.path), "lines": lines},
        })
    for e in report.errors:
        issues.append({
            "type": "issue",
            "description": f"{e.path} could not be read: {e.message}",
            "check_name": "CX001 unreadable-input",
            "categories": ["Bug Risk"],
            "fingerprint": hashlib.sha256(f"CX001\0{normal_path(e.path)}".encode("utf-8")).hexdigest(),
            "severity": UNREADABLE,
            "location": {"path": normal_path(e.path), "lines": {"begin": 1}},
        })
    return issues
