"""Checkstyle XML: golden file, parsed back, escaping and characters XML 1.0 cannot hold."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from cxlint.model import Finding, InputError, Location, Report, Severity
from cxlint.report import OutputFormat, RenderContext, render


def test_golden(report, ctx, golden):
    golden("report.checkstyle.xml", render(OutputFormat.CHECKSTYLE, report, ctx))


def test_parses_back(report, ctx):
    root = ET.fromstring(render(OutputFormat.CHECKSTYLE, report, ctx))
    assert root.tag == "checkstyle"
    files = {f.get("name"): f.findall("error") for f in root.findall("file")}
    assert sorted(files) == ["broken.docx", "decks/q3, final: v2.pptx", "jobs/night-shift.md", "postings.json"]
    first, second = files["jobs/night-shift.md"]
    assert first.attrib == {
        "line": "3", "column": "14", "severity": "error", "source": "cxlint.CX201.experience-job-title",
        "message": "'Customer Experience Representative' names a front-line service job; call it Customer Service Representative.",
    }
    assert second.get("message").startswith("'customer experience' treats")
    (slide,) = files["decks/q3, final: v2.pptx"]
    assert "line" not in slide.attrib and slide.get("severity") == "info"
    assert slide.get("message").startswith("slide 4 › Title 1: ")
    (broken,) = files["broken.docx"]
    assert broken.get("source") == "cxlint.CX001.unreadable-input"


@pytest.mark.parametrize(
    "message, expected",
    [
        ('<b>"CX" & \'co\'</b>', '<b>"CX" & \'co\'</b>'),
        ("escape\x1b[31m and NUL\x00", "escape\ufffd[31m and NUL\ufffd"),  # not allowed in XML 1.0
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("line\nbreak\ttab", "line break tab"),  # messages are one line
    ],
)
def test_text_survives_a_round_trip(message, expected):
    f = Finding("CX201", "n", Severity.WARNING, message, "x", Location("a<&>.md", 1, 1, 1, 2))
    report = Report(findings=(f,), errors=(InputError("z\x01.docx", "bad"),))
    root = ET.fromstring(render(OutputFormat.CHECKSTYLE, report, RenderContext()).encode("utf-8", "surrogatepass"))
    first, last = root.findall("file")
    assert first.get("name") == "a<&>.md"
    assert first.find("error").get("message") == expected
    assert last.get("name") == "z\ufffd.docx"
