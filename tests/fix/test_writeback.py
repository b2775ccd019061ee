"""Safe writes: same encoding and byte-order mark, same permissions, links kept, and atomic under failure."""

from __future__ import annotations

import codecs
import os
import stat

import pytest

from cxlint import writeback
from cxlint.errors import InputFailure
from cxlint.extract.decode import decode
from cxlint.writeback import encode_like, write_atomic


@pytest.mark.parametrize("original", [
    "Customer Experience Representative\r\n".encode("utf-8"),
    codecs.BOM_UTF8 + "café CX agent\n".encode("utf-8"),
    codecs.BOM_UTF16_LE + "café CX agent\r\n".encode("utf-16-le"),
    codecs.BOM_UTF16_BE + "café CX agent\n".encode("utf-16-be"),
    codecs.BOM_UTF32_LE + "café CX agent\n".encode("utf-32-le"),
    "café CX agent – ok\n".encode("cp1252"),
    b"caf\xe9 \x81 CX agent\n",  # not cp1252 either (0x81 is undefined): latin-1
])
def test_encode_like_keeps_bom_and_codec(original):
    text, _ = decode(original, "a.txt")
    fixed = text.replace("CX agent", "customer service agent").replace("Customer Experience", "Customer Service")
    data = encode_like(original, fixed)
    assert decode(data, "a.txt")[0] == fixed
    assert data[:4] == encode_like(original, text)[:4] and encode_like(original, text) == original


def test_encode_like_refuses_text_the_encoding_cannot_hold():
    with pytest.raises(InputFailure, match="cp1252"):
        encode_like("café\n".encode("cp1252"), "café ✓\n")


def test_write_atomic_keeps_permissions_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "page.md"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_atomic(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.md"]


def test_write_atomic_follows_a_symbolic_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(str(link), b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


@pytest.mark.parametrize("broken", ["fsync", "replace"])
def test_failure_mid_write_leaves_the_original_intact(tmp_path, monkeypatch, broken):
    target = tmp_path / "page.md"
    target.write_bytes(b"original text")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writeback.os, broken, boom)
    with pytest.raises(OSError):
        write_atomic(str(target), b"new text " * 1000)
    assert target.read_bytes() == b"original text"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.md"]


def test_new_file_gets_the_requested_mode(tmp_path):
    write_atomic(str(tmp_path / "new.yaml"), b"x: 1\n", new_mode=0o644)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644
