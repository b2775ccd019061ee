"""A huge file linted in byte ranges by worker processes finds exactly what one streamed pass finds."""

from __future__ import annotations

import pytest

from cxlint import bigfile, stream
from cxlint.engine import RuleSet
from test_stream import RULES, corpus, key


@pytest.fixture
def small_ranges(monkeypatch):
    monkeypatch.setattr(bigfile, "MIN_BYTES_PER_JOB", 1)
    monkeypatch.setattr(bigfile, "RANGE_BYTES", 40_000)  # more ranges than jobs
    monkeypatch.setattr(stream, "WINDOW_CHARS", 7_000)
    monkeypatch.setattr(stream, "CONTEXT", 1_024)
    monkeypatch.setattr(bigfile, "_CONTEXT_BYTES", 4 * 1_024)


def keyed(findings):
    return sorted((*k, f.location.offset) for k, f in zip(key(findings), sorted(findings, key=lambda f: (
        f.rule, f.location.line, f.location.column, f.location.end_line, f.location.end_column, f.match))))


@pytest.mark.parametrize("seed, jobs, newline", [(6, 2, "\n"), (7, 3, "\r\n"), (8, 5, "\n")])
def test_ranges_find_what_one_pass_finds(seed, jobs, newline, tmp_path, small_ranges):
    # Acronyms and spellings appear early and late, so the first mention sits in another range.
    text = corpus(seed, 150_000).replace("\r\n", "\n").replace("\n", newline)
    text = "CX is everywhere. The customer-centric way.\n" + text + "\nNPS and CSAT. Customer centricity.\n"
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8"))
    ruleset = RuleSet(RULES)
    with open(path, "rb") as fh:
        one_pass, _ = stream.check_stream(str(path), fh, ruleset)
    assert bigfile._cuts(str(path), jobs) is not None
    ranged, notices = bigfile.check_parallel(str(path), ruleset, jobs)
    assert notices == ()
    assert key(ranged) == key(one_pass)
    assert sorted(f.location.offset for f in ranged) == sorted(f.location.offset for f in one_pass)
    assert {"CX603", "CX604"} <= {f.rule for f in ranged}, "spelling rules settled across ranges"


@pytest.mark.parametrize("first, later", [
    ("Customer-centricity needs leadership.", "Customer centricity is a culture."),
    ("Our customercentric culture.", "A customer-centric bank."),
])
def test_the_first_spelling_may_sit_in_any_range(first, later, tmp_path, small_ranges):
    """A group first used deep in the file, then again in the ranges after: one pass's answer."""
    filler = "The river ran past the mill and nobody minded.\n" * 2_000  # about 100 KB: several ranges
    text = filler + first + "\n" + filler + later + "\n" + filler + first + " " + later + "\n"
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    ruleset = RuleSet(RULES)
    with open(path, "rb") as fh:
        one_pass, _ = stream.check_stream(str(path), fh, ruleset)
    ranged, _ = bigfile.check_parallel(str(path), ruleset, 2)
    assert len(bigfile._cuts(str(path), 2)) > 4
    assert key(ranged) == key(one_pass)
    assert [f.location.line for f in ranged if f.rule == "CX603"] == [4002, 6003]  # not the first (2001)


@pytest.mark.parametrize("content", [
    b"\xef\xbb\xbfCX agents with a byte-order mark.\n" * 3000,  # BOM: one pass
    "Caf\xe9 CX agents.\n".encode("cp1252") * 3000,  # not UTF-8: one pass, with its notice
    b"CX agents without any line feed. " * 3000,  # nowhere to cut
])
def test_unusual_files_fall_back_to_one_pass(content, tmp_path, small_ranges):
    path = tmp_path / "odd.txt"
    path.write_bytes(content)
    ruleset = RuleSet(RULES)
    with open(path, "rb") as fh:
        one_pass, notices = stream.check_stream(str(path), fh, ruleset)
    ranged, ranged_notices = bigfile.check_parallel(str(path), ruleset, 2)
    assert key(ranged) == key(one_pass) and ranged_notices == notices


def test_one_job_is_one_pass(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("CX agents\n" * 10)
    assert bigfile._cuts(str(path), 1) is None


_STARTED: list = []  # the marker file of the test below (workers are forked: they see it)


def _slow_range(span):
    with open(_STARTED[0], "a") as fh:
        fh.write(f"{span}\n")
    import time

    time.sleep(0.2)
    return _real_lint_range(span)


_real_lint_range = bigfile._lint_range


def test_out_of_time_drops_the_ranges_not_started(tmp_path, small_ranges, monkeypatch):
    """--timeout during a parallel big file: the error comes at once and the workers stop
    after the ranges they are on, instead of checking the rest of the file."""
    from cxlint.errors import InputFailure
    from cxlint.limits import time_limit

    text = corpus(9, 400_000)
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8"))
    ranges = len(bigfile._cuts(str(path), 2)) - 1
    assert ranges >= 8
    started = tmp_path / "started.txt"
    started.write_text("")
    _STARTED.append(str(started))
    monkeypatch.setattr(bigfile, "_lint_range", _slow_range)
    try:
        with pytest.raises(InputFailure, match="took longer"):
            with time_limit(0.5):
                bigfile.check_parallel(str(path), RuleSet(RULES), 2)
    finally:
        _STARTED.clear()
    # check_parallel returned only after the running ranges finished: nothing starts later.
    assert len(started.read_text().splitlines()) < ranges
