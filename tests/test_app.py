"""The run: worker processes give the same report as a serial run; huge text files are streamed."""

from __future__ import annotations

import pytest

from cxlint import app, stream
from cxlint.app import RunOptions, execute
from cxlint.config import Config


def opts(tmp_path, **kw) -> RunOptions:
    return RunOptions(paths=(str(tmp_path),), config=Config(root=str(tmp_path)), **kw)


def report_key(report):
    return [(f.path, f.rule, f.location.line, f.location.column, f.match) for f in report.findings]


def test_parallel_run_equals_serial_run(tmp_path, monkeypatch):
    monkeypatch.setattr(app, "MANY_BYTES", 1)  # workers for these few small files too
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


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_streamed_file_reports_its_bytes_done_up_to_its_size(tmp_path, monkeypatch, jobs):
    """What the progress bar of a huge file is fed: one streamed pass (jobs 1) reports after
    each window, parallel ranges (jobs 2) after each range, always rising to the file's size."""
    from cxlint import bigfile

    monkeypatch.setattr(app, "STREAM_THRESHOLD", 10_000)
    monkeypatch.setattr(stream, "WINDOW_CHARS", 4_000)
    monkeypatch.setattr(stream, "CONTEXT", 1_024)
    monkeypatch.setattr(stream, "READ_BYTES", 4_096)  # bytes read before each window: about its own
    monkeypatch.setattr(bigfile, "MIN_BYTES_PER_JOB", 1)
    monkeypatch.setattr(bigfile, "RANGE_BYTES", 20_000)
    body = ("Lorem ipsum dolor sit amet. " * 40 + "\n") * 20 + "We hire CX agents.\n"
    path = tmp_path / "big.txt"
    path.write_text(body * 8)
    size = path.stat().st_size
    heard = []
    report = execute(opts(tmp_path, jobs=jobs), on_bytes=lambda p, done, total: heard.append((p, done, total))).report
    assert sum(f.rule == "CX201" for f in report.findings) == 8
    assert len(heard) >= 3, "more than one report on the way"
    assert {(p, total) for p, _, total in heard} == {(str(path), size)}
    done = [d for _, d, _ in heard]
    assert done == sorted(done) and done[-1] == size


def test_small_files_report_no_bytes(tmp_path):
    (tmp_path / "post.md").write_text("We need CX agents.\n")
    heard = []
    execute(opts(tmp_path, jobs=1), on_bytes=lambda *a: heard.append(a))
    assert heard == []


def test_default_jobs_follow_the_cpus_this_process_may_use(tmp_path, monkeypatch):
    """--jobs 0 (the default) starts one worker per CPU of the affinity mask, not per CPU of the
    machine: limited to one CPU, a run of many files stays in this process."""
    import concurrent.futures
    import os

    if not hasattr(os, "sched_getaffinity"):
        pytest.skip("no affinity mask on this platform")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3})
    assert app.usable_cpus() == 1
    monkeypatch.setattr(app, "MANY_BYTES", 1)  # enough to check for workers, were there CPUs
    for i in range(20):
        (tmp_path / f"post-{i:02}.md").write_text("We need CX agents.\n")

    def no_pool(*a, **kw):
        raise AssertionError("no worker processes on one CPU")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    assert execute(opts(tmp_path, jobs=0)).report.files == 20
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    assert app.usable_cpus() == 3


@pytest.mark.parametrize("files, size, fmt, many", [
    (20, 100, "md", False),  # a pre-commit run: a few small files
    (200, 2_000, "md", True),  # 400 KB of postings
    (1, 400_000, "txt", False),  # one file: nothing to share out
    (3, 12_000, "pdf", True),  # 36 KB of PDF counts as 288 KB: heavy readers are slower per byte
    (3, 12_000, "md", False),  # the same bytes of Markdown do not
])
def test_workers_and_re2_for_short_texts_only_when_there_is_much_to_check(tmp_path, monkeypatch, files, size, fmt, many):
    """Starting workers and compiling RE2 cost some 60 ms; a run gets them from MANY_BYTES of input."""
    import concurrent.futures

    for i in range(files):
        (tmp_path / f"f{i:03}.{fmt}").write_bytes(b"x" * size)
    pools = []
    real = concurrent.futures.ProcessPoolExecutor
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", lambda *a, **kw: pools.append(1) or real(*a, **kw))
    from cxlint.discovery import discover

    plan = app.build_plan(opts(tmp_path, jobs=2))
    app.check_all(discover([str(tmp_path)]), plan, opts(tmp_path, jobs=2))
    assert (plan.ruleset.prefilter_min == 0) is many
    assert bool(pools) is many
