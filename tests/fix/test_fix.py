"""Pure fixing: replacements written safely per format, overlapping edits, validity after the fix, the unified diff."""

from __future__ import annotations

import pytest

from cxlint.fix import apply_edits, broken_by_fix, fix_text, in_context, unified_diff
from cxlint.model import Edit, Finding, Location, Severity


@pytest.mark.parametrize("fmt, replacement, expected", [
    ("text", "customer service agent", "customer service agent"),
    ("markdown", "customer service agent", "customer service agent"),
    ("markdown", "customer *service*", None),  # would change emphasis
    ("html", 'service & "care" <team>', "service &amp; &quot;care&quot; &lt;team&gt;"),
    ("json", 'say "hi" \\ there', 'say \\"hi\\" \\\\ there'),
    ("json", "café", "café"),
    ("csv", "customer service agent", "customer service agent"),
    ("csv", "service, care", None),  # a delimiter would split the cell
    ("csv", 'the "team"', None),
    ("tsv", "a\tb", None),
    ("pptx", "customer service agent", None),  # not a text format
])
def test_replacement_in_context(fmt, replacement, expected):
    assert in_context(fmt, replacement) == expected


def finding(start: int, end: int, replacement: str, suppressed: str = "") -> Finding:
    return Finding("CX201", "x", Severity.WARNING, "m", "x", Location("a", 1, 1), fix=Edit(start, end, replacement),
                   suppressed=suppressed)


def test_fix_text_applies_reported_fixes_only_and_counts_what_it_left():
    source = "A CX agent and a CX rep and a CX agent."
    fixes = [finding(2, 10, "service agent"), finding(17, 23, "service rep", suppressed="inline"),
             finding(30, 38, "service agent"), finding(32, 38, "agent, again")]
    fixed = fix_text(source, "csv", fixes)
    assert fixed.text == "A service agent and a CX rep and a service agent."
    assert (fixed.applied, fixed.skipped) == (2, 1)


def test_overlapping_edits_apply_the_first():
    assert apply_edits("abcdef", [Edit(1, 4, "X"), Edit(2, 5, "Y"), Edit(5, 6, "Z")]) == ("aXeZ", 2)


@pytest.mark.parametrize("fmt, before, after, broken", [
    ("json", '{"a": "x"}', '{"a": "y"}', False),
    ("json", '{"a": "x"}', '{"a": "y"z"}', True),
    ("json", '{"a": 1}\n{"a": 2}\n', '{"a": 1}\n{"a": 3}\n', False),  # JSON lines: not strict JSON before either
    ("csv", "a,b\r\n1,2\r\n", "a,b\r\n1,3\r\n", False),
    ("csv", "a,b\r\n1,2\r\n", "a,b\r\n1,3,4\r\n", True),
    ("tsv", "a\tb\n1\t2\n", "a\tb\n1\t2\t3\n", True),
    ("text", "x", "y", False),
])
def test_broken_by_fix(fmt, before, after, broken):
    assert bool(broken_by_fix(fmt, before, after)) is broken


def test_unified_diff_keeps_crlf_and_marks_missing_final_newline():
    diff = unified_diff("a.txt", "one\r\ntwo CX agent", "one\r\ntwo service agent")
    assert diff == (
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\r\n"
        "-two CX agent\n\\ No newline at end of file\n+two service agent\n\\ No newline at end of file\n"
    )
    assert unified_diff("a.txt", "same", "same") == ""
