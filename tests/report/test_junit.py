"""JUnit XML: golden file, parsed back, a testcase per file, failures that agree with --fail-on."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest

from cxlint.model import Severity
from cxlint.report import OutputFormat, render


def _cases(xml: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    return {c.get("name"): c for c in suite.findall("testcase")}


def test_golden(report, ctx, golden):
    golden("report.junit.xml", render(OutputFormat.JUNIT, report, ctx))


def test_a_testcase_per_file_checked_or_unreadable(report, ctx):
    xml = render(OutputFormat.JUNIT, report, ctx)
    cases = _cases(xml)
    assert sorted(cases) == ["README.md", "broken.docx", "decks/q3, final: v2.pptx", "jobs/night-shift.md",
                             "latin.txt", "postings.json"]
    assert len(cases["jobs/night-shift.md"].findall("failure")) == 2
    assert [f.get("type") for f in cases["jobs/night-shift.md"].findall("failure")] == ["CX201", "CX202"]
    assert cases["latin.txt"].find("failure") is None and cases["latin.txt"].find("error") is None
    (error,) = cases["broken.docx"].findall("error")
    assert error.get("type") == "CX001" and "bad zip file" in error.get("message")
    suite = ET.fromstring(xml).find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("6", "2", "1")


def test_failure_text_names_the_place_and_suggestion(report, ctx):
    (failure, _) = _cases(render(OutputFormat.JUNIT, report, ctx))["jobs/night-shift.md"].findall("failure")
    assert failure.get("message").startswith("3:14 CX201 ")
    assert failure.text.splitlines() == [
        "jobs/night-shift.md:3:14: error CX201 experience-job-title: 'Customer Experience Representative' names a "
        "front-line service job; call it Customer Service Representative.",
        "match: Customer Experience Representative",
        "suggestion: Customer Service Representative",
    ]


@pytest.mark.parametrize(
    "fail_on, failed_files",
    [
        (Severity.INFO, ["decks/q3, final: v2.pptx", "jobs/night-shift.md", "postings.json"]),
        (Severity.WARNING, ["jobs/night-shift.md", "postings.json"]),
        (Severity.ERROR, ["jobs/night-shift.md"]),
    ],
)
def test_findings_below_fail_on_do_not_fail_the_testcase(report, ctx, fail_on, failed_files):
    cases = _cases(render(OutputFormat.JUNIT, report, dataclasses.replace(ctx, fail_on=fail_on)))
    assert sorted(name for name, c in cases.items() if c.find("failure") is not None) == failed_files
    if fail_on is Severity.ERROR:
        out = cases["postings.json"].find("system-out").text
        assert "CX201" in out and "CX agent" in out
