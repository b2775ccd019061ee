"""The run: worker processes give the same report as a serial run; huge text files are streamed."""

from __future__ import annotations

from cxlint import app, stream
from cxlint.app import RunOptions, execute
from cxlint.config import Config


def opts(tmp_path, **kw) -> RunOptions:
    return RunOptions(paths=(str(tmp_path),), config=Config(root=str(tmp_path)), **kw)


def report_key(report):
    return [(f.path, f.rule, f.location.line, f.location.column, f.match) for f in report.findings]


def test_parallel_run_equals_serial_run(tmp_path):
    for i in range(24):
        (tmp_path / f"post-{i:02}.md").write_text(f"# Job {i}\n\nWe need CX agents.\n\nContact customer experience on 0800 {i:03} 4567.\n")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    serial = execute(opts(tmp_path, jobs=1)).report
    parallel = execute(opts(tmp_path, jobs=2)).report
    assert report_key(serial) and report_key(parallel) == report_key(serial)
    assert [e.path for e in parallel.errors] == [e.path for e in serial.errors] == [str(tmp_path / "broken.docx")]
    assert parallel.files == serial.files == 24


def test_big_plain_text_is_streamed(tmp_path, monkeypatch):
    monkeypatch.setattr(app, "STREAM_THRESHOLD", 10_000)
    monkeypatch.setattr(stream, "WINDOW_CHARS", 4_000)
    body = ("Lorem ipsum dolor sit amet. " * 40 + "\n") * 20 + "We hire CX agents.\n"
    (tmp_path / "big.txt").write_text(body * 3)
    report = execute(opts(tmp_path, jobs=1)).report
    assert [(f.location.line, f.location.column) for f in report.findings if f.rule == "CX201"] == [(21, 9), (42, 9), (63, 9)]
