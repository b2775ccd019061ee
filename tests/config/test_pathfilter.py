"""Which files a run skips: exclude globs, nested .gitignore files (with negation), files named on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxlint.cli import main
from cxlint.config import Config
from cxlint.pathfilter import GitIgnore, PathFilter, _relative
from helpers import MINI_PACK

TREE = {
    ".gitignore": "drafts/\n*.tmp.md\n!keep.tmp.md\n/top-only.md\n",
    "docs/.gitignore": "local.md\n",
    "ok.md": "", "top-only.md": "", "x.tmp.md": "", "keep.tmp.md": "",
    "drafts/a.md": "", "docs/local.md": "", "docs/top-only.md": "", "docs/guide.md": "",
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    for name, text in TREE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


CASES = [
    ("ok.md", False),
    ("top-only.md", True),
    ("docs/top-only.md", False),  # anchored to the folder of its .gitignore
    ("x.tmp.md", True),
    ("keep.tmp.md", False),  # re-included by !pattern
    ("drafts/a.md", True),
    ("docs/local.md", True),  # a nested .gitignore
    ("docs/guide.md", False),
]


@pytest.mark.parametrize("name, ignored", CASES)
def test_gitignore_rules(repo, name, ignored):
    assert GitIgnore().ignored(str(repo / name), top=str(repo)) is ignored


def test_pathspec_without_check_file_decides_the_same(repo, monkeypatch):
    class Old:  # pathspec before 0.12: patterns, but no check_file
        def __init__(self, spec):
            self.patterns = spec.patterns

    g = GitIgnore()
    real = g._spec
    monkeypatch.setattr(g, "_spec", lambda folder: Old(real(folder)) if real(folder) is not None else None)
    assert [g.ignored(str(repo / name), top=str(repo)) for name, _ in CASES] == [i for _, i in CASES]


def test_gitignore_above_the_walked_folder_counts_inside_a_repository(repo):
    assert GitIgnore().ignored(str(repo / "docs" / "local.md"), top=str(repo / "docs"))
    assert GitIgnore().ignored(str(repo / "x.tmp.md"), top=str(repo / "docs"))


def test_outside_a_repository_only_gitignores_from_the_named_folder_down(tmp_path):
    (tmp_path / ".gitignore").write_text("*.md\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.md").write_text("")
    assert not GitIgnore().ignored(str(tmp_path / "site" / "a.md"), top=str(tmp_path / "site"))
    assert GitIgnore().ignored(str(tmp_path / "site" / "a.md"), top=str(tmp_path))


def test_named_files_skip_gitignore_but_not_exclude(repo):
    config = Config(root=str(repo), exclude=("ok.md",))
    f = PathFilter(config, [str(repo), str(repo / "x.tmp.md"), str(repo / "ok.md")])
    assert not f.skip(str(repo / "x.tmp.md"))
    assert f.skip(str(repo / "ok.md"))
    assert f.skip(str(repo / "drafts" / "a.md"))
    off = PathFilter(Config(root=str(repo), respect_gitignore=False), [str(repo)])
    assert not off.skip(str(repo / "drafts" / "a.md"))


def test_a_run_honours_gitignore_and_exclude(repo, monkeypatch):
    monkeypatch.chdir(repo)
    run = lambda *a: json.loads(CliRunner().invoke(  # noqa: E731
        main, ["check", "-f", "json", "--no-builtin", "--pack", str(MINI_PACK), *a], catch_exceptions=False).stdout)
    for name in TREE:
        if name.endswith(".md"):
            (repo / name).write_text("Our CX agents.\n")
    paths = lambda data: sorted({f["path"] for f in data["findings"]})  # noqa: E731
    assert paths(run(".")) == ["docs/guide.md", "docs/top-only.md", "keep.tmp.md", "ok.md"]
    (repo / ".cxlint.yaml").write_text("exclude: [docs/**]\n")
    assert paths(run(".")) == ["keep.tmp.md", "ok.md"]
    assert paths(run(".", "x.tmp.md")) == ["keep.tmp.md", "ok.md", "x.tmp.md"]
    (repo / ".cxlint.yaml").write_text("respect-gitignore: false\n")
    assert len(paths(run("."))) == 8


@pytest.mark.parametrize("full, folder", [
    ("/a/b/c.md", "/a"), ("/a/b/c.md", "/"), ("/a/b/c.md", "/a/b"), ("/ab/c.md", "/a"), ("/a/b.md", "/a/b.md/x"),
])
def test_relative_path_as_relpath_gives_it(full, folder):
    import os

    assert _relative(full, folder) == os.path.relpath(full, folder).replace(os.sep, "/")
