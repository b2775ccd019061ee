"""The command line contract: commands, exit codes, output formats, stdin, errors naming file and line."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from cxlint.cli import main
from helpers import MINI_PACK, ROOT, run_cli

MINI = ["--no-builtin", "--pack", str(MINI_PACK), "--select", "CX201"]


def cli(*args, input=None, env=None):
    result = CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)
    return result


@pytest.fixture
def hiring(tmp_path):
    path = tmp_path / "job.txt"
    path.write_text("Night shift\nWe're hiring a Customer Experience Representative to answer calls\n")
    return path


def test_misuse_is_reported_at_exact_line_and_column_with_exit_1(hiring):
    result = cli("check", "--format", "text", str(hiring))
    assert result.exit_code == 1
    lines = [l for l in result.output.splitlines() if "Customer" in l or "CX2" in l]
    assert any(l.startswith(f"{hiring}:2:16: ") and " CX2" in l for l in lines), result.output


def test_correct_title_is_quiet_with_exit_0(tmp_path):
    path = tmp_path / "job.txt"
    path.write_text("Our Head of Customer Experience leads research across every team.\n")
    result = cli("check", "--format", "text", str(path))
    assert (result.exit_code, result.output) == (0, "")


def test_shorthand_and_python_dash_m(hiring):
    assert cli(str(hiring), "--format", "text").exit_code == 1
    proc = run_cli("--format", "text", str(hiring))
    assert proc.returncode == 1 and ":2:16:" in proc.stdout


def test_json_follows_the_contract(hiring):
    result = cli("check", "--format", "json", *MINI, str(hiring))
    data = json.loads(result.stdout)
    assert data["version"] == 1
    (f,) = data["findings"]
    assert {k: f[k] for k in ("path", "rule", "name", "severity", "match", "line", "column", "end_line", "end_column")} == {
        "path": str(hiring), "rule": "CX201", "name": "experience-job-title", "severity": "warning",
        "match": "Customer Experience Representative", "line": 2, "column": 16, "end_line": 2, "end_column": 50,
    }
    assert f["suggestions"] == ["Customer Service Representative"]
    assert isinstance(f["location"], dict) and f["message"]
    assert data["errors"] == []
    assert data["summary"] == {"files": 1, "findings": 1, "errors": 0, "by_severity": {"warning": 1}, "suppressed": 0}


def test_fail_on_sets_the_threshold(hiring):
    assert cli("check", "-f", "text", *MINI, "--fail-on", "error", str(hiring)).exit_code == 0
    assert cli("check", "-f", "text", *MINI, "--fail-on", "info", str(hiring)).exit_code == 1
    assert cli("check", "-f", "text", *MINI, "--fail-on", "loud", str(hiring)).exit_code == 2


def test_select_and_ignore(hiring):
    assert cli("check", "-f", "text", *MINI, "--ignore", "CX201", str(hiring)).exit_code == 0
    assert cli("check", "-f", "text", *MINI, "--select", "experience-job-title", str(hiring)).exit_code == 1


def test_stdin_with_filename_decides_format():
    text = "# CX agent wanted\n\n`CX agent` in code\n"
    result = cli("check", "-f", "json", *MINI, "--stdin-filename", "post.md", "-", input=text)
    data = json.loads(result.stdout)
    assert [(f["path"], f["line"], f["scope"]) for f in data["findings"] if f["rule"] == "CX201"] == [("post.md", 1, "heading")]


def test_a_bad_pack_exits_2_naming_file_and_line(tmp_path, hiring):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: CX901\n    nmae: x\n")
    result = cli("check", "--pack", str(bad), str(hiring))
    assert result.exit_code == 2
    assert f"{bad}:3: " in result.output and "nmae" in result.output


def test_missing_input_is_reported_and_others_still_checked(tmp_path, hiring):
    result = cli("check", "-f", "json", *MINI, str(tmp_path / "nope.md"), str(hiring))
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [e["path"] for e in data["errors"]] == [str(tmp_path / "nope.md")]
    assert len(data["findings"]) == 1 and data["summary"]["errors"] == 1


def test_folders_are_walked_and_hidden_folders_skipped(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("CX agent")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("CX agent")
    (tmp_path / "docs" / "image.png").write_bytes(b"\x89PNG CX agent")
    data = json.loads(cli("check", "-f", "json", *MINI, str(tmp_path)).stdout)
    assert sorted({f["path"] for f in data["findings"]}) == [str(tmp_path / "docs" / "a.md")]
    assert data["summary"]["files"] == 1


def test_rich_output_never_interprets_document_text_as_markup(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("[bold red]CX agent[/bold red] needed\n")
    result = cli("check", "-f", "rich", *MINI, str(path), env={"NO_COLOR": "1"})
    assert "[bold red]CX agent[/bold red] needed" in result.output
    assert "\x1b[" not in result.output
    assert "^^^^^^^^" in result.output and "1 finding" in result.output


def test_output_is_sorted_and_deterministic(tmp_path):
    for name in ("b.md", "a.md"):
        (tmp_path / name).write_text("CX agent and CX rep\n")
    first = cli("check", "-f", "text", *MINI, str(tmp_path)).output
    assert first == cli("check", "-f", "text", *MINI, str(tmp_path)).output
    paths = [line.split(":")[0] for line in first.splitlines()]
    assert paths == sorted(paths)


def test_rules_explain_terms_and_test_rules():
    rules = cli("rules")
    assert rules.exit_code == 0 and "CX2" in rules.output
    code = rules.output.split()[0]
    explained = cli("explain", code)
    assert explained.exit_code == 0 and "Flagged:" in explained.output and "Not flagged:" in explained.output
    assert cli("explain", "CX999").exit_code == 2
    terms = cli("terms")
    assert terms.exit_code == 0 and "customer experience" in terms.output.lower()
    own = cli("test-rules", str(MINI_PACK))
    assert own.exit_code == 0 and " passed, 0 failed" in own.output


def test_test_rules_reports_a_failing_example(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINI_PACK.read_text().replace('pass: ["Head of Customer Experience"', 'pass: ["CX agent"'))
    result = cli("test-rules", str(broken))
    assert result.exit_code == 1
    assert "FAIL CX201 experience-job-title [pass] 'CX agent'" in result.output


def test_examples_folder_has_findings_and_quiet_lines():
    data = json.loads(cli("check", "-f", "json", str(ROOT / "examples")).stdout)
    assert data["errors"] == []
    assert data["findings"], "the examples show misuse"


_IMPORTS_PROBE = """
import sys
from cxlint.cli import main
try:
    main(["check", "--format", "text", sys.argv[1]])
except SystemExit:
    pass
heavy = ("yaml", "rich", "markdown_it", "pptx", "docx", "pypdf", "cxlint.baseline", "tempfile", "hashlib", "re2")
print("imported:" + ",".join(m for m in heavy if m in sys.modules), file=sys.stderr)
"""


def test_a_warm_check_of_a_markdown_file_imports_nothing_it_does_not_need(tmp_path):
    """Start-up (issue 7): with the plan cached, a plain check imports no YAML, rich, Office,
    PDF or baseline code, no markdown-it for clean Markdown, no hashlib (OpenSSL) and no RE2."""
    import subprocess
    import sys

    doc = tmp_path / "post.md"
    doc.write_text("# Customer Experience Representative\n\nAnswer calls and chats.\n", encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "CXLINT_NO_CACHE": ""}
    env.pop("FORCE_COLOR", None)
    runs = [subprocess.run([sys.executable, "-c", _IMPORTS_PROBE, str(doc)], capture_output=True, text=True,
                           env=env, timeout=120) for _ in range(2)]
    imported = [r.stderr.strip().splitlines()[-1] for r in runs]
    assert "yaml" in imported[0]  # the first run builds the plan from the YAML packs
    assert imported[1] == "imported:", runs[1].stderr
    assert "CX201" in runs[1].stdout


# --- the progress bar (cli._progress_bar), on a real pseudo-terminal ------------------------------


@pytest.fixture
def terminal(monkeypatch):
    """A pseudo-terminal of 100 columns: ``install()`` puts stderr on it (in the test itself, as
    pytest sets its own capture back on stderr between set-up and test), ``read()`` gives what
    was shown on it."""
    import fcntl
    import pty
    import struct
    import sys
    import termios
    import threading

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    shown: list[bytes] = []

    def drain() -> None:  # keeps the terminal's buffer from filling and blocking the writer
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            shown.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    stream = os.fdopen(slave, "w", buffering=1, encoding="utf-8")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")

    class Terminal:
        @staticmethod
        def install() -> None:
            monkeypatch.setattr(sys, "stderr", stream)

        @staticmethod
        def read() -> str:
            stream.flush()
            stream.close()  # the reader sees the end once everything written has been read
            reader.join(5)
            os.close(master)
            return b"".join(shown).decode("utf-8", "replace")

    yield Terminal
    if not stream.closed:
        stream.close()


def _bar():
    from cxlint.cli import _progress_bar

    return _progress_bar()


def test_a_streamed_huge_file_shows_its_bytes_on_a_terminal_and_never_in_the_output(tmp_path, monkeypatch, terminal):
    import io
    import sys

    from cxlint import app, stream
    from cxlint.cli import _progress_bar

    monkeypatch.setattr(app, "STREAM_THRESHOLD", 10_000)  # streamed as a huge file is
    monkeypatch.setattr(stream, "WINDOW_CHARS", 4_000)
    monkeypatch.setattr(stream, "READ_BYTES", 4_096)
    monkeypatch.setattr(_progress_bar, "AFTER", 0.0)  # at once, not after a second
    big = tmp_path / "huge.txt"
    big.write_text((("Lorem ipsum dolor sit amet. " * 40 + "\n") * 20 + "We hire CX agents.\n") * 6)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    terminal.install()
    with pytest.raises(SystemExit) as stopped:
        main(["check", "--format", "text", "--jobs", "1", "--no-cache", str(big)])
    assert stopped.value.code == 1
    assert "checking huge.txt" in terminal.read()
    assert "CX201" in out.getvalue() and "checking" not in out.getvalue()


@pytest.mark.parametrize("files, total, shown", [
    (60, 60, True),  # a run of many files
    (10, 49, False),  # below FILES_MIN: a pre-commit run stays silent
])
def test_file_counts_show_for_runs_of_many_files(terminal, files, total, shown):
    terminal.install()
    with _bar() as bar:
        bar.start -= bar.AFTER  # as if the run had gone on for a while
        for done in range(1, files + 1):
            bar.files(done, total)
    assert ("checking" in terminal.read()) is shown


def test_nothing_is_shown_in_the_first_second(terminal):
    terminal.install()
    with _bar() as bar:
        bar.bytes("huge.txt", 10, 100)
        bar.files(60, 60)
    assert "checking" not in terminal.read()


@pytest.mark.parametrize("env", [{"CI": "true"}, {"TERM": "dumb"}])
def test_no_bar_in_ci_or_on_a_dumb_terminal(terminal, monkeypatch, env):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    terminal.install()
    with _bar() as bar:
        assert bar is None


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with _bar() as bar:
        assert bar is None
