"""Discovery: shown paths of walked files are cleaned once per folder exactly as they were per file; formats by suffix."""

from __future__ import annotations

import os

import pytest

from cxlint.discovery import _clean, _in_folder, discover
from cxlint.extract import Format, format_for

FOLDERS = [".", "./", "./a", "./a/", "a", "a/", "a//b", "/", "/x/./y", "a/./b", "./a//b/", "..", "../a", "././a"]


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("name", ["x.md", ".x", "x"])
def test_a_file_in_a_folder_is_shown_as_before(folder, name):
    assert _in_folder(_clean(folder), name) == _clean(os.path.join(folder, name))


@pytest.mark.parametrize("path, fmt", [
    ("a.md", Format.MARKDOWN), ("a.MD", Format.MARKDOWN), ("dir.md/a.txt", Format.TEXT), ("a.tar.gz", None),
    (".md", None), ("a.", None), ("a", None), ("a..html", Format.HTML), ("x/.hidden.json", Format.JSON),
])
def test_format_by_suffix(path, fmt):
    assert format_for(path) is fmt


@pytest.mark.parametrize("root", [".", "./", "sub/..", "./sub//"])
def test_walked_paths_are_clean(tmp_path, monkeypatch, root):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("x")
    (tmp_path / "b.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    expected = sorted(_clean(os.path.join(d, f)) for d, _, fs in os.walk(root) for f in fs)
    assert [i.path for i in discover([root])] == expected
