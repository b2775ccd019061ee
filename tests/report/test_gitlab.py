"""GitLab Code Quality: golden file, the keys GitLab requires, severities, fingerprints that ignore line numbers."""

from __future__ import annotations

import dataclasses
import json

import pytest

from cxlint.model import Finding, Location, Report, Severity
from cxlint.report import OutputFormat, render
from cxlint.report.gitlab import to_list

GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_golden(report, ctx, golden):
    golden("report.gitlab.json", render(OutputFormat.GITLAB, report, ctx))


def test_required_keys_and_types(report, ctx):
    issues = json.loads(render(OutputFormat.GITLAB, report, ctx))
    assert isinstance(issues, list) and len(issues) == 5  # 4 findings + 1 unreadable input; suppressed left out
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str) and len(issue["fingerprint"]) == 64
        assert issue["severity"] in GITLAB_SEVERITIES
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)


@pytest.mark.parametrize("severity, expected", [(Severity.INFO, "info"), (Severity.WARNING, "minor"), (Severity.ERROR, "major")])
def test_severity(severity, expected):
    f = Finding("CX201", "n", severity, "m", "x", Location("a.md", 1, 1, 1, 2))
    assert to_list(Report(findings=(f,)))[0]["severity"] == expected


def test_unreadable_input_is_critical(report):
    broken = next(i for i in to_list(report) if i["location"]["path"] == "broken.docx")
    assert (broken["check_name"], broken["severity"]) == ("CX001 unreadable-input", "critical")


def test_findings_without_lines_start_at_line_one(report):
    slide = next(i for i in to_list(report) if i["check_name"].startswith("CX601"))
    assert slide["location"]["lines"] == {"begin": 1}
    assert slide["description"].startswith("slide 4 › Title 1: ")


def test_fingerprint_ignores_lines_and_columns_but_not_the_words(report):
    base = to_list(report)[0]["fingerprint"]
    first = report.findings[0]
    moved = dataclasses.replace(first, location=dataclasses.replace(first.location, line=30, end_line=30, column=2, end_column=36))
    assert to_list(Report(findings=(moved,)))[0]["fingerprint"] == base
    for change in ({"match": "CX agent"}, {"context": "hiring an | to answer"}, {"rule": "CX299"},
                   {"location": dataclasses.replace(first.location, path="jobs/day-shift.md")}):
        assert to_list(Report(findings=(dataclasses.replace(first, **change),)))[0]["fingerprint"] != base


def test_fingerprint_is_the_same_for_windows_paths_and_case_of_the_match(report):
    first = report.findings[0]
    other = dataclasses.replace(first, match=first.match.upper(),
                                location=dataclasses.replace(first.location, path="jobs\\night-shift.md"))
    assert to_list(Report(findings=(other,)))[0]["fingerprint"] == to_list(report)[0]["fingerprint"]
