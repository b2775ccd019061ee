"""Hostile file systems: link loops, broken links, FIFOs and devices, unreadable files and folders, odd names."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from cxlint.discovery import discover
from cxlint.errors import InputFailure
from cxlint.limits import _read_upto, read_capped
from hostile.support import PACK_ARGS, PHRASE, cli_json, within


def names(report) -> dict[str, str]:
    """Error messages by file name."""
    return {e["path"].rsplit("/", 1)[-1]: e["message"] for e in report["errors"]}


@pytest.fixture
def tree(tmp_path):
    """A folder with one good file and every kind of entry that must neither hang nor crash a walk."""
    (tmp_path / "good.md").write_text(PHRASE + "\n")
    os.symlink("loop-b.md", tmp_path / "loop-a.md")
    os.symlink("loop-a.md", tmp_path / "loop-b.md")
    os.symlink("missing.md", tmp_path / "broken.md")
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "sub").mkdir()
    os.symlink("..", tmp_path / "sub" / "up")  # a folder link back up the tree: never followed
    (tmp_path / "docs.md").mkdir()  # a folder named like a file
    (tmp_path / "docs.md" / "inside.txt").write_text(PHRASE + "\n")
    return tmp_path


def test_walk_never_blocks_and_reports_each_bad_entry(tree):
    with within(30):
        code, report, _ = cli_json(str(tree))
    assert code == 1
    assert names(report) == {
        "broken.md": "broken symbolic link (its target does not exist)",
        "loop-a.md": "symbolic link loop",
        "loop-b.md": "symbolic link loop",
    }  # the FIFO inside a walked folder is skipped unopened, like any non-regular file
    assert sorted(f["path"].split(str(tree) + "/")[1] for f in report["findings"]) == ["docs.md/inside.txt", "good.md"]
    assert report["summary"]["files"] == 2 and report["summary"]["errors"] == 3


@pytest.mark.parametrize("name, message", [
    ("pipe.md", "not a regular file (device, FIFO or socket); skipped"),
    ("loop-a.md", "symbolic link loop"),
    ("broken.md", "broken symbolic link (its target does not exist)"),
    ("nothing-here.md", "no such file or directory"),
])
def test_named_on_the_command_line(tree, name, message):
    with within(30):
        code, report, _ = cli_json(str(tree / name), str(tree / "good.md"))
    assert code == 1
    assert names(report) == {name: message}
    assert [f["match"] for f in report["findings"]] == [PHRASE]  # the good file is still checked


def test_a_device_is_never_read():
    with within(30):
        code, report, _ = cli_json("/dev/zero")
    assert code == 1 and names(report) == {"zero": "not a regular file (device, FIFO or socket); skipped"}


def test_a_folder_named_like_a_file_is_walked(tree):
    assert [(i.path.rsplit("/", 2)[-2:], i.format.value) for i in discover([str(tree / "docs.md")])] == [
        (["docs.md", "inside.txt"], "text")]


@pytest.mark.parametrize("make, message", [
    (lambda p: os.mkfifo(p), r"^not a regular file \(device, FIFO or socket\); skipped$"),
    (lambda p: p.mkdir(), r"^is a directory$"),
    (lambda p: p.write_bytes(b"x" * 101), r"^file is 101 bytes, over the 100-byte limit \(--max-bytes\)$"),
])
def test_read_capped_refuses_without_blocking(tmp_path, make, message):
    """Files swapped for a FIFO or folder after discovery are refused on the open descriptor."""
    path = tmp_path / "swapped.md"
    make(path)
    with within(5), pytest.raises(InputFailure, match=message):
        read_capped(str(path), 100)


def test_read_capped_reads_a_regular_file(tmp_path):
    (tmp_path / "a.md").write_bytes(b"x" * 100)
    assert read_capped(str(tmp_path / "a.md"), 100) == b"x" * 100


@pytest.mark.parametrize("size, cap, expected", [
    (3_000_000, 10**9, 3_000_000),  # stat told the truth
    (10, 10**9, 3_000_000),  # the file grew after fstat: read on to its end
    (0, 10**9, 3_000_000),
    (3_000_010, 10**9, 3_000_000),  # it shrank: read to its end
    (10, 2_500_001, 2_500_001),  # grew past the cap: never more than the cap
    (3_000_000, 5, 5),
])
def test_read_upto_reads_to_the_end_or_the_cap(tmp_path, size, cap, expected):
    path = tmp_path / "grown.txt"
    body = bytes(range(256)) * (3_000_000 // 256) + b"x" * (3_000_000 % 256)
    path.write_bytes(body)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert _read_upto(fd, size, cap) == body[:expected]
    finally:
        os.close(fd)


def _unprivileged() -> list[str]:
    """Command prefix under which chmod 000 really denies reading (root reads anything)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot drop CAP_DAC_OVERRIDE to make a file unreadable")
    # Still uid 0 (so the interpreter in /root stays reachable), but without the capabilities
    # that let root ignore permission bits.
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


def test_unreadable_file_and_folder_are_errors_and_the_rest_is_checked(tmp_path):
    (tmp_path / "good.md").write_text(PHRASE + "\n")
    (tmp_path / "secret.md").write_text(PHRASE + "\n")
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "inside.md").write_text(PHRASE + "\n")
    os.chmod(tmp_path / "secret.md", 0)
    os.chmod(tmp_path / "private", 0)
    try:
        proc = subprocess.run([*_unprivileged(), sys.executable, "-m", "cxlint", "check", *PACK_ARGS, str(tmp_path)],
                              capture_output=True, text=True, timeout=60)
    finally:
        os.chmod(tmp_path / "private", 0o755)
        os.chmod(tmp_path / "secret.md", 0o644)
    report = json.loads(proc.stdout)
    assert proc.returncode == 1
    assert names(report) == {"private": "cannot list folder: Permission denied",
                             "secret.md": "cannot read: Permission denied"}
    assert [f["path"].rsplit("/", 1)[-1] for f in report["findings"]] == ["good.md"]
