"""GitHub workflow commands: golden file, escaping, the per-step annotation limit, findings without lines."""

from __future__ import annotations

import re

import pytest

from cxlint.model import Finding, InputError, Location, Report, Severity
from cxlint.report import OutputFormat, RenderContext, render
from cxlint.report.github import annotation, escape_data, escape_property, hidden_count

COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def _unescape(text: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m.group(1)], text)


def parse(line: str) -> tuple[str, dict, str]:
    m = COMMAND.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
    return m.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(m.group(3))


def test_golden(report, ctx, golden):
    golden("report.github.txt", render(OutputFormat.GITHUB, report, ctx))


@pytest.mark.parametrize(
    "raw, data, prop",
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\nb", "a%0Ab", "a%0Ab"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("24:7, now", "24:7, now", "24%3A7%2C now"),
        ("%0A", "%250A", "%250A"),
    ],
)
def test_escaping(raw, data, prop):
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_every_line_is_a_command_or_the_summary_and_round_trips(report, ctx):
    lines = render(OutputFormat.GITHUB, report, ctx).splitlines()
    assert lines[-1] == (
        "cxlint: 4 findings (1 error, 2 warning, 1 info) in 5 files; 1 input could not be read; 2 suppressed"
    )
    commands = [parse(line) for line in lines[:-1]]
    assert [c[0] for c in commands] == ["error", "warning", "notice", "warning", "error"]
    level, props, message = commands[1]
    assert props == {"file": "jobs/night-shift.md", "line": "7", "endLine": "8", "title": "CX202 experience-contact-point"}
    assert message == "'customer experience' treats customer experience as a contact point: call 100% free, 24:7, now."
    level, props, message = commands[2]
    assert props == {"file": "decks/q3, final: v2.pptx", "title": "CX601 acronym-first"}
    assert message.startswith("slide 4 › Title 1: ")
    assert commands[4] == ("error", {"file": "broken.docx", "title": "CX001 unreadable-input"},
                           "not a Word document (bad zip file)")


@pytest.mark.parametrize(
    "loc, expected",
    [
        (Location("a.md", 3, 14, 3, 48), {"file": "a.md", "line": "3", "col": "14", "endLine": "3", "endColumn": "48"}),
        (Location("a.md", 3, 70, 4, 2), {"file": "a.md", "line": "3", "endLine": "4"}),  # GitHub rejects columns across lines
        (Location("a.md", 3, 5), {"file": "a.md", "line": "3", "col": "5"}),
        (Location("deck.pptx", anchor="slide 2"), {"file": "deck.pptx"}),
    ],
)
def test_annotation_positions(loc, expected):
    _, props, _ = parse(annotation(Finding("CX201", "n", Severity.WARNING, "m", "x", loc)))
    assert props == {**expected, "title": "CX201 n"}


def _many(errors=0, warnings=0, infos=0, unreadable=0) -> Report:
    findings = []
    for sev, n in ((Severity.ERROR, errors), (Severity.WARNING, warnings), (Severity.INFO, infos)):
        findings += [Finding("CX201", "n", sev, "m", "x", Location("a.md", i + 1, 1, i + 1, 2)) for i in range(n)]
    return Report(findings=tuple(findings), errors=tuple(InputError(f"b{i}.docx", "bad") for i in range(unreadable)), files=1)


@pytest.mark.parametrize(
    "counts, hidden",
    [
        ({}, 0),
        ({"errors": 10, "warnings": 10, "infos": 10}, 0),
        ({"warnings": 25, "errors": 3}, 15),
        ({"errors": 8, "unreadable": 5}, 3),
        ({"infos": 12}, 3),  # the overflow notice takes one of the ten notice slots
        ({"infos": 10, "warnings": 11}, 2),
    ],
)
def test_hidden_count(counts, hidden):
    assert hidden_count(_many(**counts)) == hidden


def test_overflow_notice_comes_first_and_everything_is_still_listed():
    report = _many(warnings=25, errors=3)
    lines = render(OutputFormat.GITHUB, report, RenderContext()).splitlines()
    level, props, message = parse(lines[0])
    assert (level, props["title"]) == ("notice", "cxlint")
    assert message.startswith("15 of the findings below are not shown as annotations")
    assert len(lines) == 1 + 28 + 1
    assert lines[-1].startswith("cxlint: 28 findings")


def test_no_notice_within_the_limit():
    lines = render(OutputFormat.GITHUB, _many(warnings=10), RenderContext()).splitlines()
    assert all(not line.startswith("::notice") for line in lines)
