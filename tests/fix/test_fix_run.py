"""--fix and --diff on real files: round trips per text format, CRLF, BOM, permissions, what is left, what is never touched."""

from __future__ import annotations

import codecs
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxlint import writeback
from cxlint.cli import main
from helpers import MINI_PACK

PACK = ["--no-builtin", "--pack", str(MINI_PACK)]


def cli(cwd: Path, monkeypatch, *args: str):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, ["check", *PACK, *args], catch_exceptions=False)


ROUND_TRIPS = [
    # (file, before, after): case is kept, the rest of the bytes are untouched.
    ("a.txt", b"Night shift\r\nWe're hiring a Customer Experience Representative.\r\nOur CX agents help.\r\n",
     b"Night shift\r\nWe're hiring a Customer Service Representative.\r\nOur customer service agents help.\r\n"),
    ("a.md", b"# CX Agent wanted\n\nApply to be a CX agent. See `cx agent` docs.\n",
     b"# Customer Service Agent wanted\n\nApply to be a customer service agent. See `cx agent` docs.\n"),
    ("a.html", b"<p>Our Customer Experience Representative &amp; CX agents.</p>\n",
     b"<p>Our Customer Service Representative &amp; customer service agents.</p>\n"),
    ("a.json", b'{"jobs": [{"title": "CX agent", "body": "Join our \\"CX agents\\" \\u00e9"}]}\n',
     b'{"jobs": [{"title": "customer service agent", "body": "Join our \\"customer service agents\\" \\u00e9"}]}\n'),
    ("a.csv", b'title,description\r\nCX agent,"Join our CX agents, today"\r\n',
     b'title,description\r\ncustomer service agent,"Join our customer service agents, today"\r\n'),
    ("bom.txt", codecs.BOM_UTF8 + "Café CX agents\n".encode(), codecs.BOM_UTF8 + "Café customer service agents\n".encode()),
    ("u16.txt", codecs.BOM_UTF16_LE + "CX agents\r\n".encode("utf-16-le"),
     codecs.BOM_UTF16_LE + "customer service agents\r\n".encode("utf-16-le")),
    ("w.txt", "Café – CX agents\n".encode("cp1252"), "Café – customer service agents\n".encode("cp1252")),
]


@pytest.mark.parametrize("name, before, after", ROUND_TRIPS, ids=[r[0] for r in ROUND_TRIPS])
def test_fix_round_trip(tmp_path, monkeypatch, name, before, after):
    path = tmp_path / name
    path.write_bytes(before)
    os.chmod(path, 0o604)
    result = cli(tmp_path, monkeypatch, "--select", "CX201", "--fix", "-f", "text", name)
    assert path.read_bytes() == after
    assert stat.S_IMODE(path.stat().st_mode) == 0o604
    assert result.exit_code == 0 and result.stdout == ""
    assert "cxlint: fixed" in result.stderr
    # Fixing again finds nothing to do.
    again = cli(tmp_path, monkeypatch, "--select", "CX201", "--fix", "-f", "text", name)
    assert path.read_bytes() == after and "fixed 0 issues in 0 files" in again.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_remaining_findings_are_reported_after_fixing(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Our CX agents help.\n\nContact customer experience on 0800 123 4567.\n")
    result = cli(tmp_path, monkeypatch, "--select", "CX201,CX202", "--fix", "-f", "json", ".")
    data = json.loads(result.stdout)
    assert [(f["rule"], f["line"]) for f in data["findings"]] == [("CX202", 3)]
    assert data["summary"]["fixed"] == {"issues": 1, "files": 1, "written": True}
    assert result.stderr.endswith("cxlint: fixed 1 issue in 1 file\n") and result.exit_code == 1


def test_diff_prints_the_change_and_writes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_text("Our CX agents.\n\nFine.\n")
    os.utime(path, (1_000_000, 1_000_000))
    result = cli(tmp_path, monkeypatch, "--select", "CX201", "--diff", "a.md")
    assert result.stdout == (
        "--- a/a.md\n+++ b/a.md\n@@ -1,3 +1,3 @@\n-Our CX agents.\n+Our customer service agents.\n \n Fine.\n")
    assert result.stderr == "cxlint: would fix 1 issue in 1 file\n" and result.exit_code == 1
    assert path.read_text() == "Our CX agents.\n\nFine.\n" and path.stat().st_mtime == 1_000_000
    clean = cli(tmp_path, monkeypatch, "--select", "CX202", "--diff", "a.md")
    assert (clean.exit_code, clean.stdout) == (0, "")


def test_suppressed_and_baselined_findings_are_never_fixed(tmp_path, monkeypatch):
    (tmp_path / "old.md").write_text("Our CX agents.\n")
    cli(tmp_path, monkeypatch, "--select", "CX201", "--write-baseline", "base.json", "old.md")
    (tmp_path / "old.md").write_text("Our CX agents.\n\nNew CX reps. <!-- cxlint-disable-line -->\n\nNew CX associates.\n")
    result = cli(tmp_path, monkeypatch, "--select", "CX201", "--baseline", "base.json", "--fix", "old.md")
    assert (tmp_path / "old.md").read_text() == (
        "Our CX agents.\n\nNew CX reps. <!-- cxlint-disable-line -->\n\nNew customer service associates.\n")
    assert result.exit_code == 0


def test_unsafe_replacement_is_left_and_said(tmp_path, monkeypatch):
    pack = tmp_path / "pack.yaml"
    pack.write_text(MINI_PACK.read_text().replace('suggest: ["customer service {role}"]', 'suggest: ["service, {role}"]')
                    .replace("to: \"Apply to be a customer service agent.\"", "to: \"Apply to be a service, agent.\""))
    (tmp_path / "a.csv").write_text("title\nCX agent\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-builtin", "--pack", "pack.yaml", "--select", "CX201", "--fix",
                                       "-f", "text", "a.csv"], catch_exceptions=False)
    assert (tmp_path / "a.csv").read_text() == "title\nCX agent\n"
    assert "a.csv: not fixed (1 fix left: not safe to write in csv)" in result.stderr


def test_a_failed_write_leaves_the_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("Our CX agents.\n")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writeback.os, "replace", boom)
    result = cli(tmp_path, monkeypatch, "--select", "CX201", "--fix", "-f", "text", "a.txt")
    assert path.read_text() == "Our CX agents.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert "a.txt: not fixed: cannot write (No space left on device)" in result.stderr
    assert "a.txt:1:5: warning CX201" in result.stdout and result.exit_code == 1


def test_unreadable_and_unchanged_files_are_never_written(tmp_path, monkeypatch):
    (tmp_path / "bad.json").write_text('{"title": "CX agent"')  # truncated: cannot be parsed
    (tmp_path / "deck.pptx").write_bytes(b"PK not really")
    result = cli(tmp_path, monkeypatch, "--select", "CX201", "--fix", "-f", "text", ".")
    assert (tmp_path / "bad.json").read_text() == '{"title": "CX agent"'
    assert result.exit_code == 1 and "fixed 0 issues in 0 files" in result.stderr


def test_standard_input_is_never_fixed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", *PACK, "--select", "CX201", "--fix", "-f", "text", "-"],
                                input="Our CX agents.\n", catch_exceptions=False)
    assert "standard input is never fixed" in result.stderr and result.exit_code == 1


def test_fix_and_diff_together_is_a_usage_error(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("x\n")
    assert cli(tmp_path, monkeypatch, "--fix", "--diff", "a.txt").exit_code == 2
