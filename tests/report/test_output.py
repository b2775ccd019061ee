"""--format/--output pairing, atomic report files, and the command line that uses them."""

from __future__ import annotations

import json
import os
import stat
import xml.etree.ElementTree as ET

import pytest

from cxlint.report import OutputFormat
from cxlint.report.output import Destination, OutputError, plan, write_atomic
from helpers import MINI_PACK, run_cli

F = OutputFormat
MISUSE = "We are hiring a Customer Experience Representative to answer calls.\n"


@pytest.mark.parametrize(
    "formats, outputs, order, expected",
    [
        ((), (), [], []),
        (("json",), (), ["format"], [Destination(F.JSON)]),
        (("sarif", "text"), ("a.sarif",), ["format", "output", "format"],
         [Destination(F.SARIF, "a.sarif"), Destination(F.TEXT)]),
        # The output follows the format it belongs to, whatever the order of the pairs.
        (("text", "sarif"), ("a.sarif",), ["format", "format", "output"],
         [Destination(F.TEXT), Destination(F.SARIF, "a.sarif")]),
        ((), ("out.txt",), ["output"], [Destination(F.TEXT, "out.txt")]),
        (("json",), ("a.json", "b.txt"), ["format", "output", "output"],
         [Destination(F.JSON, "a.json"), Destination(F.TEXT, "b.txt")]),
        (("sarif", "junit", "github"), ("a.sarif", "j.xml"), ["format", "output", "format", "output", "format"],
         [Destination(F.SARIF, "a.sarif"), Destination(F.JUNIT, "j.xml"), Destination(F.GITHUB)]),
        (("sarif", "text"), ("-", "t.txt"), ["format", "output", "format", "output"],
         [Destination(F.SARIF), Destination(F.TEXT, "t.txt")]),
        # Without the command-line order, the n-th output pairs with the n-th format.
        (("sarif", "text"), ("a.sarif",), None, [Destination(F.SARIF, "a.sarif"), Destination(F.TEXT)]),
    ],
)
def test_plan(formats, outputs, order, expected):
    assert plan(formats, outputs, order) == expected


@pytest.mark.parametrize(
    "formats, outputs, order, error",
    [
        (("json", "text"), (), ["format", "format"], "would all go to stdout"),
        (("json", "sarif"), ("r", "r"), ["format", "output", "format", "output"], "named twice"),
        (("json", "sarif"), ("-",), ["format", "format", "output"], "would all go to stdout"),
    ],
)
def test_plan_refuses(formats, outputs, order, error):
    with pytest.raises(OutputError, match=error):
        plan(formats, outputs, order)


def test_write_atomic_replaces_whole_files_and_leaves_no_temporaries(tmp_path):
    target = tmp_path / "report.sarif"
    target.write_text("old", encoding="utf-8")
    write_atomic(str(target), "new ✓\n")
    assert target.read_bytes() == "new ✓\n".encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.sarif"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_write_atomic_writes_into_a_fifo_instead_of_replacing_it(tmp_path):
    """As --output /dev/null must: replacing a device or FIFO would leave a regular file in its place."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(str(fifo), "report ✓\n")
    reader.join(10)
    assert got == ["report ✓\n".encode("utf-8")]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_write_atomic_names_the_file_it_cannot_write(tmp_path):
    with pytest.raises(OutputError, match=r"cannot write .*missing/r\.json"):
        write_atomic(str(tmp_path / "missing" / "r.json"), "x")


def test_cli_formats_match_the_registry():
    from cxlint.cli import FORMATS

    assert set(FORMATS) == {f.value for f in OutputFormat}


def _lint(tmp_path, *args, stdin=None):
    (tmp_path / "ad.txt").write_text(MISUSE, encoding="utf-8")
    return run_cli("check", "--no-builtin", "--pack", str(MINI_PACK), *args, cwd=tmp_path, stdin=stdin)


def test_cli_file_and_stdout_pairs(tmp_path):
    (tmp_path / "clean.md").write_text("# Customer service\n\nWe answer calls.\n", encoding="utf-8")
    proc = _lint(tmp_path, "-f", "sarif", "-o", "a.sarif", "-f", "text", "ad.txt", "clean.md", "-f", "junit", "-o", "j.xml")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("ad.txt:1:17: warning CX201 ")
    sarif = json.loads((tmp_path / "a.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["ruleId"] == "CX201"
    suite = ET.parse(tmp_path / "j.xml").getroot().find("testsuite")
    # The clean file is a passing testcase: the run tells the formatter every file it checked.
    assert [c.get("name") for c in suite.findall("testcase")] == ["ad.txt", "clean.md"]
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")


def test_cli_summary_goes_to_stderr_when_every_report_is_a_file(tmp_path):
    proc = _lint(tmp_path, "--format", "gitlab", "--output", "gl.json", "ad.txt", "nope.txt")
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "ad.txt:1:17: warning CX201" in proc.stderr
    assert "finding" in proc.stderr.splitlines()[-1] and "1 input could not be read" in proc.stderr
    issues = json.loads((tmp_path / "gl.json").read_text(encoding="utf-8"))
    assert {i["check_name"].split()[0] for i in issues} >= {"CX201", "CX001"}


def test_cli_refuses_two_formats_on_stdout(tmp_path):
    proc = _lint(tmp_path, "-f", "json", "-f", "text", "ad.txt")
    assert proc.returncode == 2
    assert "stdout" in proc.stderr


def test_cli_output_to_a_missing_folder_is_a_usage_error(tmp_path):
    proc = _lint(tmp_path, "-f", "sarif", "-o", "no/such/dir/a.sarif", "ad.txt")
    assert proc.returncode == 2
    assert "cannot write no/such/dir/a.sarif" in proc.stderr


def test_cli_stdin_with_github_annotations(tmp_path):
    proc = _lint(tmp_path, "-f", "github", "--stdin-filename", "jobs/posting.txt", "-", stdin=MISUSE)
    assert proc.returncode == 1
    first = proc.stdout.splitlines()[0]
    assert first.startswith("::warning file=jobs/posting.txt,line=1,col=17,endLine=1,endColumn=51,title=CX201 ")
