"""The pre-commit hook, run by the real pre-commit against this source tree: fails on a misuse, passes once fixed.

`pre-commit try-repo` clones a git repository, builds the hook's virtualenv from it (pip
install of cxlint and the hook's additional_dependencies) and runs the hook. On a working
tree try-repo only sees committed and modified tracked files, so new, untracked files (the
manifest itself, before its first commit) would be missed: the test commits a copy of the
source tree in a temporary repository and points try-repo at that, which behaves the same
on a developer's machine and in CI's clean clone.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
# What a pip install of the hook needs from the source tree (see pyproject's build sections).
SOURCE_ITEMS = ("pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE", "src", "terms", ".pre-commit-hooks.yaml")
MISUSE = "We are hiring a Customer Experience Representative to answer calls.\n"
FIXED = "We are hiring a Customer Service Representative to answer calls.\n"


def _hook() -> dict:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return next(h for h in hooks if h["id"] == "cxlint")


@pytest.mark.parametrize(
    "name, matched",
    [
        ("jobs/night-shift.md", True), ("ad.TXT", True), ("deck.pptx", True), ("offer.docx", True),
        ("report.pdf", True), ("page.htm", True), ("page.html", True), ("postings.json", True),
        ("rows.csv", True), ("rows.tsv", True), ("notes.markdown", True),
        ("script.py", False), ("image.png", False), ("Makefile", False), ("data.jsonl", False), ("a.md.bak", False),
    ],
)
def test_hook_files_pattern(name, matched):
    assert bool(re.search(_hook()["files"], name)) is matched


def test_hook_reads_every_suffix_cxlint_reads():
    from cxlint.extract import SUFFIXES

    pattern = _hook()["files"]
    missing = [s for s in SUFFIXES if not re.search(pattern, "file" + s)]
    assert missing == []


def test_manifest_passes_pre_commits_own_validation():
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_hook_definition():
    hook = _hook()
    assert hook["language"] == "python"
    assert hook["entry"].split()[0] == "cxlint"
    assert hook["require_serial"] is False


def test_hook_dependencies_match_the_office_and_html_extras():
    tomllib = pytest.importorskip("tomllib", reason="tomllib is Python 3.11+")
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert sorted(_hook()["additional_dependencies"]) == sorted(extras["office"] + extras["html"])


def _git(*args: str, cwd: Path, env: dict) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=60)


def _env(tmp_path: Path) -> dict:
    env = dict(os.environ)
    for key in list(env):
        if key.startswith(("GIT_", "PRE_COMMIT")):
            del env[key]
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="cxlint test", GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="cxlint test", GIT_COMMITTER_EMAIL="test@example.invalid",
        NO_COLOR="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    return env


def _source_copy(dest: Path, env: dict) -> Path:
    dest.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".pytest_cache")
    for item in SOURCE_ITEMS:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, dest / item, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / item)
    _git("init", "-q", "-b", "main", cwd=dest, env=env)
    _git("add", "-A", cwd=dest, env=env)
    _git("commit", "-q", "--no-gpg-sign", "-m", "cxlint source under test", cwd=dest, env=env)
    return dest


def _try_repo(repo: Path, project: Path, env: dict, *files: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(repo), "cxlint", "--files", *files],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_precommit_hook_fails_on_misuse_then_passes_when_fixed(tmp_path):
    env = _env(tmp_path)
    repo = _source_copy(tmp_path / "cxlint-src", env)
    project = tmp_path / "project"
    project.mkdir()
    _git("init", "-q", "-b", "main", cwd=project, env=env)
    _git("config", "user.email", "test@example.invalid", cwd=project, env=env)
    _git("config", "user.name", "cxlint test", cwd=project, env=env)
    job = project / "night-shift.txt"
    job.write_text(MISUSE, encoding="utf-8")
    _git("add", "night-shift.txt", cwd=project, env=env)

    failed = _try_repo(repo, project, env, "night-shift.txt")
    out = failed.stdout + failed.stderr
    assert failed.returncode == 1, out
    assert "Failed" in out
    assert "night-shift.txt:1:17" in out and "CX201" in out, out

    job.write_text(FIXED, encoding="utf-8")
    _git("add", "night-shift.txt", cwd=project, env=env)
    passed = _try_repo(repo, project, env, "night-shift.txt")
    out = passed.stdout + passed.stderr
    assert passed.returncode == 0, out
    assert "Passed" in out


def test_readme_local_hook_uses_the_same_files_pattern():
    assert f"files: '{_hook()['files']}'" in (ROOT / "README.md").read_text(encoding="utf-8")
