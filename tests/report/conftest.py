"""A fixed Report for the formatter tests, and golden-file comparison (CXLINT_UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cxlint.model import Edit, Finding, InputError, Location, Report, Scope, Severity
from cxlint.report import RenderContext
from cxlint.termpack import Examples, Family, Kind, Rule

GOLDEN = Path(__file__).parent / "golden"

RULES = {
    "CX201": Rule(
        id="CX201", name="experience-job-title", family=Family.JOB_TITLE, kind=Kind.PHRASE,
        severity=Severity.WARNING, message="'{match}' names a front-line service job; call it {suggestion}.",
        explain="Customer experience is a discipline, not a front-line job. Call the role what it is.",
        source="mini-pack.yaml:6", suggest=("customer service {role}",), fixable=True,
        examples=Examples(flag=("Our CX agents",), passes=("Head of Customer Experience",)),
    ),
    "CX202": Rule(
        id="CX202", name="experience-contact-point", family=Family.CONTACT_POINT, kind=Kind.NEAR,
        severity=Severity.WARNING, message="'{match}' treats customer experience as a contact point.",
        explain="Customer experience is not a phone line & not an inbox <ever>.", source="mini-pack.yaml:24",
    ),
    # CX601 is left without a record on purpose: formatters must cope with a rule they only know by id.
}


def _finding(rule, name, severity, message, match, loc, **kw) -> Finding:
    return Finding(rule=rule, name=name, severity=severity, message=message, match=match, location=loc, **kw)


def sample_report() -> Report:
    job = "jobs/night-shift.md"
    findings = (
        _finding(
            "CX201", "experience-job-title", Severity.ERROR,
            "'Customer Experience Representative' names a front-line service job; call it Customer Service Representative.",
            "Customer Experience Representative",
            Location(job, 3, 14, 3, 48, offset=57),
            suggestions=("Customer Service Representative",), fix=Edit(57, 91, "Customer Service Representative"),
            scope=Scope.HEADING, context="hiring a | to answer calls",
        ),
        _finding(
            "CX202", "experience-contact-point", Severity.WARNING,
            "'customer\nexperience' treats customer experience as a contact point: call 100% free, 24:7, now.",
            "customer\nexperience",
            Location(job, 7, 70, 8, 11, offset=300),
            scope=Scope.PARAGRAPH, context="call our | on 0800",
        ),
        _finding(
            "CX601", "acronym-first", Severity.INFO, "CX is used before it is spelled out.", "CX",
            Location("decks/q3, final: v2.pptx", anchor="slide 4 › Title 1", where=(("slide", 4), ("shape", "Title 1"))),
            scope=Scope.TITLE, context="our | strategy",
        ),
        _finding(
            "CX201", "experience-job-title", Severity.WARNING,
            "'CX agent' names a front-line service job; call it customer service agent.", "CX agent",
            Location("postings.json", 1, 40, 1, 48, where=(("record", 2), ("field", "title")), offset=39),
            suggestions=("customer service agent",), scope=Scope.JOB_TITLE, context="senior | night",
        ),
    )
    suppressed = (
        _finding(
            "CX201", "experience-job-title", Severity.WARNING,
            "'CX rep' names a front-line service job; call it customer service rep.", "CX rep",
            Location(job, 12, 5, 12, 11, offset=420), scope=Scope.PARAGRAPH, context="as a | you will",
            suppressed="inline",
        ),
        _finding(
            "CX202", "experience-contact-point", Severity.WARNING,
            "'Customer Experience' treats customer experience as a contact point.", "Customer Experience",
            Location("README.md", 2, 1, 2, 20, offset=9), context="| desk", suppressed="baseline",
        ),
    )
    return Report(
        findings=findings,
        errors=(InputError("broken.docx", "not a Word document (bad zip file)"),),
        files=5,
        rules=("CX201", "CX202", "CX601"),
        notices=("latin.txt: not valid UTF-8 (first bad byte at offset 7); decoded as cp1252",),
        suppressed=suppressed,
        meta={"checked": ("README.md", "decks/q3, final: v2.pptx", "jobs/night-shift.md", "latin.txt", "postings.json")},
    )


@pytest.fixture
def report() -> Report:
    return sample_report()


@pytest.fixture
def ctx() -> RenderContext:
    return RenderContext(rules=RULES, fail_on=Severity.WARNING, color=False, tool_version="9.9.9")


@pytest.fixture
def golden():
    """``golden(name, text)``: compare with tests/report/golden/<name>, or write it when CXLINT_UPDATE_GOLDEN=1."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("CXLINT_UPDATE_GOLDEN") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.exists(), f"{path} is missing: run with CXLINT_UPDATE_GOLDEN=1 to create it"
        with open(path, encoding="utf-8", newline="") as fh:
            expected = fh.read()
        assert text == expected, (
            f"{name} differs from its golden file; if the change is intended, rerun with CXLINT_UPDATE_GOLDEN=1"
        )

    return check
