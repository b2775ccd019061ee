"""Baselines: round trip, survival of edits elsewhere in the file, duplicates, stale entries, file format, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cxlint.baseline import entries, fingerprint, match_file, parse
from cxlint.cli import main
from cxlint.errors import ConfigError
from cxlint.model import Finding, Location, Severity
from helpers import MINI_PACK

DOC = "# Hiring\n\nWe're hiring a Customer Experience Representative.\n\nOur CX agents answer calls.\n"


def cli(cwd: Path, monkeypatch, *args: str):
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, ["check", "-f", "json", "--no-builtin", "--pack", str(MINI_PACK),
                                       "--select", "CX201", *args], catch_exceptions=False)
    data = json.loads(result.stdout) if result.stdout.strip() else None
    return result, data


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "jobs.md").write_text(DOC)
    return tmp_path


def test_round_trip_reports_nothing_known(site, monkeypatch):
    result, data = cli(site, monkeypatch, "--write-baseline", "cxlint-baseline.json", "docs")
    assert result.exit_code == 0 and data["findings"] == [] and data["summary"]["suppressed"] == 2
    assert "wrote 2 findings to baseline cxlint-baseline.json" in result.stderr
    result, data = cli(site, monkeypatch, "--baseline", "cxlint-baseline.json", "docs")
    assert result.exit_code == 0 and data["findings"] == []
    assert data["summary"]["baseline"] == {"path": "cxlint-baseline.json", "matched": 2, "stale": 0}


def test_baseline_survives_edits_elsewhere_in_the_file(site, monkeypatch):
    cli(site, monkeypatch, "--write-baseline", "base.json", "docs")
    page = site / "docs" / "jobs.md"
    page.write_text("---\ntitle: Jobs\n---\n\nIntro paragraph.\n\nAnother one.\n\n" + page.read_text() + "\nThe end.\n")
    result, data = cli(site, monkeypatch, "--baseline", "base.json", "docs")
    assert (result.exit_code, data["findings"]) == (0, [])
    # A new finding is reported, and only it.
    page.write_text(page.read_text() + "\nNew: a CX associate role.\n")
    result, data = cli(site, monkeypatch, "--baseline", "base.json", "docs")
    assert [f["match"] for f in data["findings"]] == ["CX associate"] and result.exit_code == 1


def test_identical_occurrences_are_counted(site, monkeypatch):
    page = site / "docs" / "jobs.md"
    page.write_text("Our CX agents.\n\nOur CX agents.\n")
    cli(site, monkeypatch, "--write-baseline", "base.json", "docs")
    assert [e["fingerprint"] for e in json.loads((site / "base.json").read_text())["findings"]].count(
        fingerprint("CX201", "docs/jobs.md", "CX agents", "our | ")) == 2
    page.write_text("Our CX agents.\n\nOur CX agents.\n\nOur CX agents.\n")
    _, data = cli(site, monkeypatch, "--baseline", "base.json", "docs")
    assert [(f["line"], f["match"]) for f in data["findings"]] == [(5, "CX agents")]


def test_stale_entries_are_reported_and_counted(site, monkeypatch):
    cli(site, monkeypatch, "--write-baseline", "base.json", "docs")
    page = site / "docs" / "jobs.md"
    page.write_text(page.read_text().replace("Customer Experience Representative", "Customer Service Representative"))
    result, data = cli(site, monkeypatch, "--baseline", "base.json", "docs")
    assert data["findings"] == [] and data["summary"]["baseline"] == {"path": "base.json", "matched": 1, "stale": 1}
    assert "baseline base.json: 1 entry matched nothing" in result.stderr
    # Entries of files not checked in this run are not stale.
    (site / "other.md").write_text("fine\n")
    result, data = cli(site, monkeypatch, "--baseline", "base.json", "other.md")
    assert data["summary"]["baseline"]["stale"] == 0


def test_paths_are_relative_to_the_baseline_so_any_working_folder_works(site, monkeypatch):
    cli(site, monkeypatch, "--write-baseline", "ci/base.yaml", "docs")
    stored = yaml.safe_load((site / "ci" / "base.yaml").read_text())
    assert {e["path"] for e in stored["findings"]} == {"../docs/jobs.md"}
    result, data = cli(site / "docs", monkeypatch, "--baseline", "../ci/base.yaml", "jobs.md")
    assert (result.exit_code, data["findings"]) == (0, [])


def test_file_is_sorted_readable_and_deterministic(site, monkeypatch):
    cli(site, monkeypatch, "--write-baseline", "a.json", "docs")
    cli(site, monkeypatch, "--write-baseline", "b.yaml", "docs")
    cli(site, monkeypatch, "--write-baseline", "c.json", "docs")
    text = (site / "a.json").read_text()
    assert text == (site / "c.json").read_text()
    data = json.loads(text)
    assert data["version"] == 1 and list(data["findings"][0]) == ["rule", "path", "match", "context", "fingerprint"]
    assert [e["match"] for e in data["findings"]] == ["customer experience representative", "cx agents"]
    assert yaml.safe_load((site / "b.yaml").read_text()) == data


def test_the_baseline_file_itself_is_never_linted(site, monkeypatch):
    cli(site, monkeypatch, "--write-baseline", "base.json", ".")
    result, data = cli(site, monkeypatch, "--baseline", "base.json", ".")
    assert (result.exit_code, data["findings"], data["summary"]["files"]) == (0, [], 1)


def test_write_and_read_together_refreshes(site, monkeypatch):
    cli(site, monkeypatch, "--write-baseline", "base.json", "docs")
    page = site / "docs" / "jobs.md"
    page.write_text(page.read_text().replace("CX agents", "support team") + "\nA CX rep.\n")
    result, _ = cli(site, monkeypatch, "--baseline", "base.json", "--write-baseline", "base.json", "docs")
    assert result.exit_code == 0
    assert [e["match"] for e in json.loads((site / "base.json").read_text())["findings"]] == [
        "customer experience representative", "cx rep"]


@pytest.mark.parametrize("name, text, message", [
    ("b.json", "{not json", "invalid baseline file"),
    ("b.json", '{"version": 1}', "expected a mapping with a 'findings' list"),
    ("b.json", '{"version": 9, "findings": []}', "baseline version 9 is not supported"),
    ("b.json", '{"version": 1, "findings": [{"rule": "CX201"}]}', "invalid baseline entry 1"),
    ("b.yaml", "findings: [", "invalid baseline file"),
])
def test_bad_baseline_files_are_errors(tmp_path, name, text, message):
    with pytest.raises(ConfigError, match=message):
        parse(text, str(tmp_path / name))


def test_missing_baseline_exits_2_naming_it(site, monkeypatch):
    result, _ = cli(site, monkeypatch, "--baseline", "nope.json", "docs")
    assert result.exit_code == 2 and result.stderr.startswith("cxlint: nope.json: cannot read baseline")


def finding(match: str, context: str, line: int, path: str = "/w/a.md") -> Finding:
    return Finding("CX201", "experience-job-title", Severity.WARNING, "m", match, Location(path, line, 1), context=context)


def test_fingerprint_ignores_line_case_and_spacing_but_not_rule_path_or_neighbours():
    base = entries([finding("CX agents", "our | answer", 3)], "/w")[0]
    assert base.path == "a.md"
    same = entries([finding("cx\n  Agents", "our | answer", 40)], "/w")[0]
    assert same.fingerprint == base.fingerprint
    assert entries([finding("CX agents", "their | answer", 3)], "/w")[0].fingerprint != base.fingerprint
    assert entries([finding("CX agents", "our | answer", 3, "/w/b.md")], "/w")[0].fingerprint != base.fingerprint
    m = match_file([finding("CX agents", "our | answer", 9)] * 2, {base.fingerprint: 1}, "/w")
    assert (len(m.new), len(m.known), m.stale, m.known[0].suppressed) == (1, 1, 0, "baseline")
