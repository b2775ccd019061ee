"""SARIF output: golden file, validity against the OASIS 2.1.0 schema, and the shape code scanning reads."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from cxlint.model import Finding, Location, Report, Severity
from cxlint.report import OutputFormat, RenderContext, render
from cxlint.report.sarif import to_dict
from helpers import MINI_PACK, ROOT, run_cli

SCHEMA = Path(ROOT) / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator():
    if not SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SCHEMA} (shared/ sits beside the repository in CI)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _errors(validator, doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def test_golden(report, ctx, golden):
    golden("report.sarif", render(OutputFormat.SARIF, report, ctx))


def test_sample_is_valid_sarif(report, ctx, validator):
    assert _errors(validator, json.loads(render(OutputFormat.SARIF, report, ctx))) == []


def test_empty_report_is_valid_sarif(ctx, validator):
    doc = json.loads(render(OutputFormat.SARIF, Report(), RenderContext()))
    assert _errors(validator, doc) == []
    assert doc["runs"][0]["results"] == []


def test_cli_run_is_valid_sarif(tmp_path, validator):
    """The real command on real files: a text file with a fixable finding, a Markdown file, a missing file."""
    (tmp_path / "ad.txt").write_text("We are hiring a Customer Experience Representative.\nOur CX agents.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Contact customer experience\n\nCall customer experience on 0800 123 4567.\n", encoding="utf-8")
    proc = run_cli("check", "--no-builtin", "--pack", str(MINI_PACK), "-f", "sarif", "ad.txt", "notes.md", "gone.txt",
                   cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert _errors(validator, doc) == []
    run = doc["runs"][0]
    assert {r["ruleId"] for r in run["results"]} >= {"CX201", "CX202"}
    assert run["tool"]["driver"]["rules"][0]["fullDescription"]["text"].startswith("Customer experience is a discipline")
    first = run["results"][0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "ad.txt", "uriBaseId": "%SRCROOT%"}
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert "fixes" in first
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "error" and "gone.txt" in note["message"]["text"]


@pytest.mark.parametrize("severity, level", [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "note")])
def test_levels(severity, level):
    f = Finding("CX201", "x", severity, "m", "CX agent", Location("a.txt", 1, 1, 1, 9))
    (result,) = to_dict(Report(findings=(f,), rules=("CX201",)), RenderContext())["runs"][0]["results"]
    assert result["level"] == level


def test_rules_carry_explanations_and_results_point_at_them(report, ctx):
    run = to_dict(report, ctx)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["CX201", "CX202", "CX601"]
    cx201 = rules[0]
    assert cx201["shortDescription"]["text"] == "Customer experience is a discipline, not a front-line job."
    assert cx201["fullDescription"]["text"] == RULE_EXPLAIN
    assert "Instead: customer service {role}" in cx201["help"]["text"]
    assert cx201["defaultConfiguration"]["level"] == "warning"
    assert cx201["properties"]["family"] == "job-title"
    # A rule known only by id still gets a descriptor, so every ruleIndex resolves.
    assert rules[2] == {"id": "CX601", "name": "acronym-first", "shortDescription": {"text": "acronym-first"}}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


RULE_EXPLAIN = "Customer experience is a discipline, not a front-line job. Call the role what it is."


def _result(run: dict, match: str) -> dict:
    return next(r for r in run["results"] if r["properties"]["match"] == match)


def test_regions_for_formats_with_lines_logical_locations_for_the_others(report, ctx):
    run = to_dict(report, ctx)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    lined = _result(run, "Customer Experience Representative")["locations"][0]
    assert lined["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 14, "endLine": 3, "endColumn": 48,
        "snippet": {"text": "Customer Experience Representative"},
    }
    assert "logicalLocations" not in lined
    slide = _result(run, "CX")["locations"][0]
    assert "region" not in slide["physicalLocation"]
    assert slide["physicalLocation"]["artifactLocation"]["uri"] == "decks/q3%2C%20final%3A%20v2.pptx"
    assert _result(run, "CX")["message"]["text"] == "slide 4 › Title 1: CX is used before it is spelled out."
    (logical,) = slide["logicalLocations"]
    assert logical["name"] == "slide 4 › Title 1"
    assert logical["kind"] == "slide"
    assert logical["properties"]["location"] == {"slide": 4, "shape": "Title 1"}
    row = _result(run, "CX agent")["locations"][0]
    assert row["physicalLocation"]["region"]["startLine"] == 1
    assert row["logicalLocations"][0]["kind"] == "record"


def test_fix_replaces_the_match(report, ctx):
    run = to_dict(report, ctx)["runs"][0]
    (fix,) = _result(run, "Customer Experience Representative")["fixes"]
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["deletedRegion"] == {
        "charOffset": 57, "charLength": 34, "startLine": 3, "startColumn": 14, "endLine": 3, "endColumn": 48,
    }
    assert replacement["insertedContent"] == {"text": "Customer Service Representative"}
    assert "fixes" not in _result(run, "CX agent")


@pytest.mark.parametrize("match, kind", [("CX rep", "inSource"), ("Customer Experience", "external")])
def test_suppressed_findings_are_carried_with_suppressions(report, ctx, match, kind):
    run = to_dict(report, ctx)["runs"][0]
    assert _result(run, match)["suppressions"] == [{"kind": kind, "status": "accepted"}]
    assert sum("suppressions" in r for r in run["results"]) == 2


def test_input_errors_and_notices_are_tool_notifications(report, ctx):
    (invocation,) = to_dict(report, ctx)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    error, notice = invocation["toolExecutionNotifications"]
    assert error["level"] == "error" and error["descriptor"] == {"id": "CX001", "index": 0}
    assert error["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.docx"
    assert notice["level"] == "note" and "cp1252" in notice["message"]["text"]


def test_fingerprints_survive_line_shifts_and_tell_duplicates_apart(report, ctx):
    def prints(rep):
        results = to_dict(rep, ctx)["runs"][0]["results"]
        return {(r["ruleId"], r["properties"]["match"], i): r["partialFingerprints"]["cxlint/v1"]
                for i, r in enumerate(sorted(results, key=lambda r: r["properties"]["match"]))}

    moved = dataclasses.replace(report, findings=tuple(
        dataclasses.replace(f, location=dataclasses.replace(f.location, line=f.location.line + 5, end_line=f.location.end_line + 5))
        if f.location.line is not None else f
        for f in report.findings
    ))
    assert prints(moved) == prints(report)
    twice = dataclasses.replace(report, findings=report.findings + (report.findings[0],), suppressed=())
    values = list(prints(twice).values())
    assert len(values) == len(report.findings) + 1 and len(set(values)) == len(values)


def test_absolute_paths_become_file_uris(ctx):
    f = Finding("CX201", "x", Severity.WARNING, "m", "CX agent", Location("/tmp/a b.txt", 1, 1, 1, 9))
    (result,) = to_dict(Report(findings=(f,)), ctx)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "file:///tmp/a%20b.txt"}


@pytest.mark.parametrize(
    "explain, short",
    [
        ("Flags wording that glues them, i.e. our support team. The two differ.", "Flags wording that glues them, i.e. our support team."),
        ("Costs 2.5 points. Then more.", "Costs 2.5 points."),
        ('Is it? "Yes", says nobody.', "Is it?"),
        ("One sentence without a stop", "One sentence without a stop"),
        ("x" * 300, "x" * 199 + "…"),
    ],
)
def test_short_description_is_the_first_sentence(explain, short):
    from cxlint.report.sarif import _first_sentence

    assert _first_sentence(explain) == short


def test_real_slide_deck_gets_logical_locations(tmp_path, validator):
    """A .pptx made by python-pptx, read by cxlint's real reader: no region, a slide logical location."""
    pptx = pytest.importorskip("pptx")
    pytest.importorskip("cxlint.extract.pptx")
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Join us as a Customer Experience Representative"
    deck.save(tmp_path / "deck.pptx")
    proc = run_cli("check", "--no-builtin", "--pack", str(MINI_PACK), "-f", "sarif", "deck.pptx", cwd=tmp_path)
    doc = json.loads(proc.stdout)
    assert _errors(validator, doc) == []
    (result,) = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "CX201"]
    (location,) = result["locations"]
    assert "region" not in location["physicalLocation"]
    assert location["logicalLocations"][0]["kind"] == "slide"
    assert location["logicalLocations"][0]["properties"]["location"]["slide"] == 1
