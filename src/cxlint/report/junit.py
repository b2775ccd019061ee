"""JUnit XML: one testsuite, a testcase per file checked, a failure per finding and an error per unreadable input.

A testcase fails only for findings at or above ``--fail-on``, so the test report agrees with the
exit code; findings below it are listed in the testcase's ``system-out``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from cxlint.model import Finding, Report
from cxlint.report.text import place
from cxlint.report.xmlsafe import clean, to_string

SUITE = "cxlint"


def _detail(f: Finding) -> str:
    lines = [f"{place(f)}: {f.severity.label} {f.rule} {f.name}: {' '.join(f.message.split())}"]
    if f.match:
        lines.append(f"match: {' '.join(f.match.split())}")
    if f.suggestions:
        lines.append("suggestion: " + " | ".join(f.suggestions))
    return clean("\n".join(lines))


def render(report: Report, ctx) -> str:
    by_path: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    errors = {e.path: e for e in report.errors}
    paths = sorted({*report.meta.get("checked", ()), *by_path, *errors})

    suite = ET.Element("testsuite", name=SUITE)
    failed = errored = 0
    for path in paths:
        case = ET.SubElement(suite, "testcase", name=clean(path), classname=SUITE, file=clean(path))
        quiet = []
        for f in by_path.get(path, ()):
            if f.severity >= ctx.fail_on:
                loc = f.location
                where = f"{loc.line}:{loc.column} " if loc.line is not None else (f"{loc.anchor}: " if loc.anchor else "")
                failure = ET.SubElement(case, "failure", type=f.rule,
                                        message=clean(f"{where}{f.rule} {' '.join(f.message.split())}"))
                failure.text = _detail(f)
            else:
                quiet.append(_detail(f))
        if path in errors:
            ET.SubElement(case, "error", type="CX001", message=clean(f"could not be read: {errors[path].message}"))
            errored += 1
        elif case.find("failure") is not None:
            failed += 1
        if quiet:
            ET.SubElement(case, "system-out").text = "\n".join(quiet)
    counts = {"tests": str(len(paths)), "failures": str(failed), "errors": str(errored), "skipped": "0"}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", name=SUITE, tests=counts["tests"], failures=counts["failures"], errors=counts["errors"])
    root.append(suite)
    return to_string(root)
