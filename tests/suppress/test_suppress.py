"""Inline suppressions: every directive form in Markdown, HTML and plain text; CX002 for unknown codes and unused ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxlint.cli import main
from cxlint.extract.text import read_text
from cxlint.suppress import BLOCK, find, mask_markers, parse
from helpers import MINI_PACK

D = ("action", "codes", "line", "end_line", "reason")

PARSE = [
    ("markdown", "A CX agent <!-- cxlint-disable-line CX201 -- legal name -->\n",
     [("disable-line", ("CX201",), 1, 1, "legal name")]),
    ("markdown", "x\n<!-- cxlint-disable-next-line experience-job-title -->\ny\n",
     [("disable-next-line", ("experience-job-title",), 2, 2, "")]),
    ("markdown", "<!--\n  cxlint-disable CX201, CX202\n  -- whole section is quoted\n-->\n\n<!-- cxlint-enable -->\n",
     [("disable", ("CX201", "CX202"), 1, 4, "whole section is quoted"), ("enable", (), 6, 6, "")]),
    ("markdown", "<!-- cxlint-disable -->", [("disable", (), 1, 1, "")]),
    ("markdown", "<!-- cxlint-disabled -->\n<!-- a comment about cxlint -->\n", []),
    # A directive shown as an example in code is not a directive.
    ("markdown", "```html\n<!-- cxlint-disable -->\n```\nUse `<!-- cxlint-disable -->` to switch off.\n", []),
    ("markdown", "    <!-- cxlint-disable -->\n", []),
    ("html", "<p>x</p><!-- cxlint-disable-line CX201 --><script>s = '<!-- cxlint-disable -->'</script>",
     [("disable-line", ("CX201",), 1, 1, "")]),
    ("text", "We hire CX agents.  cxlint: disable-line CX201 -- legacy title\n",
     [("disable-line", ("CX201",), 1, 1, "legacy title")]),
    ("text", "# cxlint: disable-next-line\nCX agents\ncxlint: disable CX2 acronym-first\nx\ncxlint: enable\n",
     [("disable-next-line", (), 1, 1, ""), ("disable", ("CX2", "acronym-first"), 3, 3, ""), ("enable", (), 5, 5, "")]),
    ("text", "mycxlint: disable\nthe cxlint:disabled flag\n", []),
    ("text", "<!-- cxlint-disable -->\n", []),  # comments mean nothing in plain text
    ("markdown", "cxlint: disable\n", []),  # nor markers in Markdown
    ("json", '{"a": "cxlint: disable"}', []),  # data formats carry no directives: use a baseline
    ("csv", "a\ncxlint: disable\n", []),
]


@pytest.mark.parametrize("fmt, source, expected", PARSE)
def test_parse(fmt, source, expected):
    got = [tuple(getattr(d, k) for k in D) for d in parse(source, fmt)]
    assert got == expected


def test_crlf_lines_and_offsets():
    source = "a\r\nb <!-- cxlint-disable-line -->\r\n"
    (found,) = find(source, "markdown")
    assert (found.directive.line, source[found.start:found.end]) == (2, "<!-- cxlint-disable-line -->")


def test_plain_text_markers_are_masked_never_prose():
    text = "Hello.\ncxlint: disable-next-line -- we call them CX agents\nBye.\n"
    masked = mask_markers(text)
    assert len(masked) == len(text) and masked.startswith("Hello.\n" + BLOCK) and masked.endswith("\nBye.\n")
    doc = read_text("a.txt", text)
    assert doc.source == text and "CX agents" not in "".join(s.text for s in doc.segments)


# --- applied in a run ----------------------------------------------------------------------------


def lint(tmp_path: Path, monkeypatch, name: str, text: str, *args: str) -> dict:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(text)
    result = CliRunner().invoke(main, ["check", "-f", "json", "--no-builtin", "--pack", str(MINI_PACK), *args, name],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def summary(data: dict) -> list[tuple[int, str]]:
    return [(f["line"], f["rule"]) for f in data["findings"]]


MD = "a.md"
TXT = "a.txt"
FORMS = [
    # (file, text, findings left, how many suppressed)
    (MD, "Our CX agents. <!-- cxlint-disable-line CX201 -->\n", [], 1),
    (MD, "Our CX agents. <!-- cxlint-disable-line experience-job-title -- legal name -->\n", [], 1),
    (MD, "Our CX agents. <!-- cxlint-disable-line -->\n\nMore CX agents.\n", [(3, "CX201")], 1),
    (MD, "<!-- cxlint-disable-next-line CX201 -->\nOur CX agents.\n\nMore CX agents.\n", [(4, "CX201")], 1),
    (MD, "<!-- cxlint-disable CX201,CX202 -->\nCX agents.\n\nCX agents.\n<!-- cxlint-enable -->\n\nCX agents.\n",
     [(7, "CX201")], 2),
    (MD, "<!-- cxlint-disable -->\nCX agents.\n\nCX reps.\n", [], 2),  # no enable: to the end
    (MD, "<!-- cxlint-disable CX2 -->\nCX agents.\n<!-- cxlint-enable CX201 -->\n\nCX agents.\n", [(5, "CX201")], 1),
    (MD, "<!-- cxlint-disable -->\nCX agents.\n<!-- cxlint-enable CX201 -->\n\nCX agents.\n", [(5, "CX201")], 1),
    (TXT, "Our CX agents.  cxlint: disable-line CX201 -- legacy\n", [], 1),
    (TXT, "cxlint: disable-next-line experience-job-title\nOur CX agents.\nMore CX agents.\n", [(3, "CX201")], 1),
    (TXT, "cxlint: disable\nCX agents.\n\nCX reps.\ncxlint: enable\nCX agents.\n", [(6, "CX201")], 2),
    # A phrase running over two lines is covered by a directive on either line.
    (TXT, "Our CX\nagents.  cxlint: disable-line CX201\n", [], 1),
]


@pytest.mark.parametrize("name, text, left, suppressed", FORMS)
def test_each_directive_form(tmp_path, monkeypatch, name, text, left, suppressed):
    data = lint(tmp_path, monkeypatch, name, text, "--select", "CX201")
    assert summary(data) == left
    assert data["summary"]["suppressed"] == suppressed


PROBLEMS = [
    (MD, "<!-- cxlint-disable-line CX999 -->\n", [(1, 1, "unknown rule 'CX999' in cxlint-disable-line")]),
    (MD, "Fine text. <!-- cxlint-disable-line CX201 -->\n",
     [(1, 12, "cxlint-disable-line CX201 suppressed nothing; remove it")]),
    (MD, "CX agents <!-- cxlint-disable-line CX201,CX299 -->\n", [(1, 11, "unknown rule 'CX299' in cxlint-disable-line")]),
    (MD, "<!-- cxlint-disable-next-line -->\n\nCX agents.\n",
     [(1, 1, "cxlint-disable-next-line suppressed nothing; remove it"), (3, 1, None)]),
    (MD, "<!-- cxlint-enable -->\n", [(1, 1, "cxlint-enable without a cxlint-disable before it")]),
    (TXT, "All fine.\ncxlint: disable-next-line nope -- typo\nCX agents.\n",
     [(2, 1, "unknown rule 'nope' in cxlint-disable-next-line"), (3, 1, None)]),
    (TXT, "Nothing here. cxlint: disable-line\n", [(1, 15, "cxlint-disable-line suppressed nothing; remove it")]),
]


@pytest.mark.parametrize("name, text, expected", PROBLEMS)
def test_cx002_for_unknown_codes_and_directives_that_did_nothing(tmp_path, monkeypatch, name, text, expected):
    data = lint(tmp_path, monkeypatch, name, text, "--select", "CX201")
    got = [(f["line"], f["column"], f["message"] if f["rule"] == "CX002" else None) for f in data["findings"]]
    assert got == expected


def test_a_directive_for_a_rule_not_run_here_is_not_unused(tmp_path, monkeypatch):
    # CX202 is known but not selected: the directive may matter in another profile.
    data = lint(tmp_path, monkeypatch, MD, "Text. <!-- cxlint-disable-line CX202 -->\n", "--select", "CX201")
    assert data["findings"] == []


def test_cx002_can_be_ignored_or_regraded_by_config(tmp_path, monkeypatch):
    (tmp_path / ".cxlint.yaml").write_text("ignore: [CX002]\n")
    assert lint(tmp_path, monkeypatch, MD, "<!-- cxlint-disable-line CX999 -->\n")["findings"] == []
    (tmp_path / ".cxlint.yaml").write_text("severity: {unused-suppression: error}\n")
    (finding,) = lint(tmp_path, monkeypatch, MD, "<!-- cxlint-disable-line CX999 -->\n")["findings"]
    assert (finding["rule"], finding["severity"]) == ("CX002", "error")


def test_suppressed_findings_are_kept_in_the_report_marked_inline(tmp_path, monkeypatch):
    from cxlint.app import RunOptions, run

    monkeypatch.chdir(tmp_path)
    (tmp_path / MD).write_text("Our CX agents. <!-- cxlint-disable-line CX201 -->\n")
    report = run(RunOptions(paths=(MD,), packs=(str(MINI_PACK),), builtin=False, select=("CX201",)))
    assert report.findings == ()
    (s,) = report.suppressed
    assert (s.rule, s.match, s.suppressed, s.location.line) == ("CX201", "CX agents", "inline", 1)


def test_html_comment_directives(tmp_path, monkeypatch):
    html = "<html><body>\n<p>Our CX agents.</p> <!-- cxlint-disable-line CX201 -->\n<p>More CX agents.</p>\n</body></html>\n"
    data = lint(tmp_path, monkeypatch, "a.html", html, "--select", "CX201")
    assert summary(data) == [(3, "CX201")] and data["summary"]["suppressed"] == 1
