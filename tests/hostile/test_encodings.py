"""Text encodings and line shapes: BOMs, UTF-16 with and without BOM, legacy bytes, NUL = binary, CRLF, huge lines."""

from __future__ import annotations

import codecs
import tracemalloc

import pytest

from cxlint import app, stream
from cxlint.app import RunOptions, run
from cxlint.errors import InputFailure, InputSkipped
from cxlint.extract.decode import decode
from cxlint.writeback import encode_like
from helpers import MINI_PACK
from hostile.support import PHRASE, cli_json, within

TEXT = "Our customer experience agent said “hello” — café\n"

DECODES = [
    # (id, bytes, text, notice or "")
    ("UTF-8", TEXT.encode("utf-8"), TEXT, ""),
    ("UTF-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT, ""),
    ("UTF-16LE with BOM", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT, ""),
    ("UTF-16BE with BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT, ""),
    ("UTF-32LE with BOM", codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), TEXT, ""),
    ("UTF-16LE without BOM", TEXT.encode("utf-16-le"), TEXT, "f.txt: no byte-order mark; decoded as UTF-16-LE"),
    ("UTF-16BE without BOM", TEXT.encode("utf-16-be"), TEXT, "f.txt: no byte-order mark; decoded as UTF-16-BE"),
    ("Windows-1252", TEXT.encode("cp1252"), TEXT,
     "f.txt: not valid UTF-8 (first bad byte at offset 35); decoded as cp1252"),
    ("Latin-1 only (0x81 is undefined in cp1252)", b"caf\xe9 \x81 customer", "caf\xe9 \x81 customer",
     "f.txt: not valid UTF-8 (first bad byte at offset 3); decoded as latin-1"),
    ("empty", b"", "", ""),
]


@pytest.mark.parametrize("data, text, notice", [c[1:] for c in DECODES], ids=[c[0] for c in DECODES])
def test_decode(data, text, notice):
    assert decode(data, "f.txt") == (text, (notice,) if notice else ())


@pytest.mark.parametrize("data", [
    b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4,
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00\xff" * 100,
    b"customer experience agent\n" * 10 + b"\x00",  # a NUL at the very end
    b"\x00\x00\x00\x00",
])
def test_nul_bytes_mean_binary(data):
    with pytest.raises(InputSkipped, match=r"^binary file \(contains NUL bytes\); skipped$"):
        decode(data, "f.txt")


@pytest.mark.parametrize("data, message", [
    (codecs.BOM_UTF8 + b"caf\xe9", r"^invalid utf-8 at byte 3$"),
    (codecs.BOM_UTF16_LE + b"a\x00b", r"^invalid utf-16 at byte"),  # odd length
])
def test_a_bom_that_lies_is_a_clear_error(data, message):
    with pytest.raises(InputFailure, match=message):
        decode(data, "f.txt")


def test_binary_file_is_skipped_with_a_notice_not_an_error(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (tmp_path / "notes.txt").write_text(PHRASE + "\n")
    code, report, stderr = cli_json(str(tmp_path))
    assert code == 1 and report["errors"] == []  # 1 for the finding in notes.txt only
    assert report["summary"]["files"] == 1
    assert "image.txt: binary file (contains NUL bytes); skipped" in stderr


def test_bomless_utf16_is_written_back_as_utf16():
    original = ("A " + PHRASE + "\n").encode("utf-16-le")
    assert encode_like(original, "A customer service agent\n") == "A customer service agent\n".encode("utf-16-le")


LINE_ENDINGS = [  # four lines before the one with the phrase
    ("LF", "a\nb\n\nd\n"),
    ("CRLF", "a\r\nb\r\n\r\nd\r\n"),
    ("CR (classic Mac)", "a\rb\r\rd\r"),
    ("mixed", "a\r\nb\r\rd\n"),
]


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
@pytest.mark.parametrize("lines", [c[1] for c in LINE_ENDINGS], ids=[c[0] for c in LINE_ENDINGS])
def test_line_numbers_hold_for_every_line_ending(tmp_path, suffix, lines):
    path = tmp_path / f"doc{suffix}"
    path.write_bytes((lines + "Talk to a " + PHRASE + " today.\n").encode())
    report = run(RunOptions(paths=(str(path),), packs=(str(MINI_PACK),), builtin=False, timeout=0))
    [f] = report.findings
    assert (f.location.line, f.location.column, f.location.end_column) == (5, 11, 11 + len(PHRASE))


def test_a_5_mb_single_line_is_checked_to_its_end(tmp_path):
    """The issue's 50 MB line, scaled down ten times (benchmarks/hostile_bench.py runs the full size)."""
    filler = "lorem ipsum dolor sit amet " * (5 * 1024 * 1024 // 27)
    path = tmp_path / "one-line.txt"
    path.write_text(filler + "ask our " + PHRASE + " now")
    with within(15):
        report = run(RunOptions(paths=(str(path),), packs=(str(MINI_PACK),), builtin=False))
    [f] = report.findings
    assert f.location.line == 1 and f.location.column == len(filler) + len("ask our ") + 1


def test_huge_plain_text_is_streamed_in_bounded_memory(tmp_path, monkeypatch):
    """The issue's 1 GB file scaled down (threshold and window shrunk to match): memory does not grow with size."""
    monkeypatch.setattr(app, "STREAM_THRESHOLD", 256 * 1024)
    monkeypatch.setattr(stream, "WINDOW_CHARS", 64 * 1024)
    block = ("lorem ipsum dolor sit amet\n" * 400) + f"an {PHRASE}\n"
    peaks = []
    for copies in (200, 600):  # 2 MB, then 6 MB
        path = tmp_path / f"huge-{copies}.txt"
        path.write_text(block * copies)
        tracemalloc.start()
        try:
            report = run(RunOptions(paths=(str(path),), packs=(str(MINI_PACK),), builtin=False))
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        assert len(report.findings) == copies
        assert [f.location.line for f in report.findings[:2]] == [401, 802]
    assert peaks[1] < peaks[0] * 1.5, f"peak memory grew with the file: {peaks}"


def test_a_huge_binary_file_is_skipped_with_a_notice_too(tmp_path, monkeypatch):
    monkeypatch.setattr(app, "STREAM_THRESHOLD", 64 * 1024)
    path = tmp_path / "zeros.txt"
    with open(path, "wb") as fh:
        fh.truncate(1024 * 1024)  # sparse: NUL bytes only
    report = run(RunOptions(paths=(str(path),), packs=(str(MINI_PACK),), builtin=False))
    assert (report.errors, report.files) == ((), 0)
    assert report.notices == (f"{path}: binary file (contains NUL bytes); skipped",)
