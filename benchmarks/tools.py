"""Finds cxlint and its peers and builds each one's command line for a set of input paths.

A tool that is not installed is still listed, with ``exe = None`` and the command that
installs it, so the report can say "not installed" instead of failing.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
NODE_MODULES = BENCH / "node_modules"


@dataclass
class Tool:
    """One linter or searcher: how to call it, which exit codes mean it ran, how to install it."""

    name: str
    exe: list[str] | None
    install: str
    build: Callable[["Tool", list[str], bool], list[str]]
    ok_codes: frozenset = frozenset({0, 1})
    slow: bool = False  # measured on samples of the corpora (see run.py)
    cwd: Path | None = None
    version: str = ""
    notes: list[str] = field(default_factory=list)
    max_bytes_option: bool = False  # cxlint: takes --max-bytes (raised for the 1 GB file)

    @property
    def installed(self) -> bool:
        return self.exe is not None

    def command(self, paths: list[str], many: bool = False) -> list[str]:
        """The command that lints ``paths``; ``many`` is the many-small-files case."""
        return self.build(self, paths, many)


def _venv_or_path(name: str) -> str | None:
    """A console script next to this Python (the project venv) or else on PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


def version_of(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else ""


def cxlint(command: str | None, jobs: int, walk_config: Path) -> Tool:
    """``cxlint check --format text``; for many files also ``--jobs`` and ``--config walk_config``.

    The corpus lives in a git-ignored folder, and cxlint skips git-ignored files when it
    walks a folder, so the many-files run gets a config that turns that off
    (``respect-gitignore: false``); the other runs use cxlint's defaults.
    """
    exe = shlex.split(command) if command else None
    if exe is None:
        venv = ROOT / ".venv" / "bin" / "cxlint"
        exe = [str(venv)] if venv.exists() else None
    options = _help(exe) if exe else ""
    has_jobs = "--jobs" in options
    walk = ["--config", str(walk_config)] if "--config" in options else []

    def build(t: Tool, paths: list[str], many: bool) -> list[str]:
        extra = [*walk, *(["--jobs", str(jobs)] if has_jobs else [])] if many else []
        return [*t.exe, "check", "--format", "text", *extra, *paths]

    tool = Tool("cxlint", exe, "make bench (installs the project into .venv)", build)
    if exe:
        tool.version = version_of([*exe, "--version"])
        tool.max_bytes_option = "--max-bytes" in options
        if not has_jobs:
            tool.notes.append("cxlint check has no --jobs option yet: many files ran in one process")
        if not walk:
            tool.notes.append("cxlint check has no --config option: it may skip the git-ignored many/ folder")
    return tool


def _help(exe: list[str]) -> str:
    try:
        return subprocess.run([*exe, "check", "--help"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""


def ripgrep(patterns: Path, name: str = "ripgrep") -> Tool:
    exe = shutil.which("rg")
    tool = Tool(name, [exe] if exe else None, "apt-get install -y ripgrep",
                lambda t, p, many: [*t.exe, "-c", "-i", "--no-unicode", "-f", str(patterns), *p])
    if exe:
        tool.version = version_of([exe, "--version"])
    return tool


def textlint(textlintrc: Path) -> Tool:
    exe = NODE_MODULES / ".bin" / "textlint"
    found = exe.exists() and (NODE_MODULES / "textlint-rule-prh").is_dir() and shutil.which("node")
    tool = Tool("textlint + prh", [str(exe)] if found else None,
                "npm install --prefix benchmarks textlint textlint-rule-prh",
                lambda t, p, many: [*t.exe, "--no-color", "--config", str(textlintrc),
                                    "--rules-base-directory", str(NODE_MODULES), *p],
                slow=True, cwd=BENCH)
    if found:
        tool.version = "textlint " + version_of([str(exe), "--version"])
    return tool


def proselint(config: Path) -> Tool:
    exe = _venv_or_path("proselint")
    tool = Tool("proselint", [exe] if exe else None, "pip install 'proselint>=0.16'",
                lambda t, p, many: [*t.exe, "check", "--config", str(config), *p], slow=True)
    if exe:
        tool.version = version_of([exe, "version"])
    return tool


def codespell() -> Tool:
    exe = _venv_or_path("codespell")
    tool = Tool("codespell", [exe] if exe else None, "pip install codespell",
                lambda t, p, many: [*t.exe, *p], ok_codes=frozenset({0, 65}))
    if exe:
        tool.version = "codespell " + version_of([exe, "--version"])
    return tool


def python_of(tool: Tool) -> str:
    """The interpreter behind a console script (its shebang), else the one running this script."""
    if tool.exe and len(tool.exe) == 1:
        try:
            first = Path(tool.exe[0]).read_bytes()[:200].split(b"\n", 1)[0]
        except OSError:
            first = b""
        if first.startswith(b"#!") and b"python" in first:
            return first[2:].decode().strip().split()[0]
    return sys.executable
