"""The per-file limits: defaults, the time budget, and the wall-clock guard that stops any code."""

from __future__ import annotations

import signal
import threading

import pytest

from cxlint import limits
from cxlint.errors import InputFailure
from cxlint.limits import DEFAULT_LIMITS, Limits, keep_alarm_handler, time_budget, time_limit
from hostile.support import within


def spin_forever() -> None:
    while True:
        pass


def spin_swallowing_everything() -> None:
    # Library code that recovers from any Exception must not be able to outlast the limit.
    while True:
        try:
            sum(range(10_000))
        except Exception:  # noqa: BLE001
            pass


def test_defaults():
    assert DEFAULT_LIMITS == Limits(max_bytes=200 * 1024 * 1024, timeout=60.0)


@pytest.mark.parametrize("body", [spin_forever, spin_swallowing_everything], ids=["loop", "loop that swallows exceptions"])
def test_time_limit_stops_the_block_as_a_per_file_error(body):
    with within(3), pytest.raises(InputFailure, match=r"^took longer than 0\.2 s reading and checking it; skipped"):
        with time_limit(0.2):
            body()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_inner_limit_never_outlives_the_outer_one():
    with within(3), pytest.raises(InputFailure, match=r"^took longer than 0\.2 s"):
        with time_limit(0.2):
            with time_limit(30):
                spin_forever()


def test_outer_limit_is_rearmed_after_an_inner_block():
    with within(3), pytest.raises(InputFailure, match=r"^took longer than 0\.3 s"):
        with time_limit(0.3):
            with time_limit(30):
                pass
            spin_forever()


def test_the_previous_handler_comes_back():
    seen = []
    old = signal.signal(signal.SIGALRM, lambda *a: seen.append(1))
    try:
        with time_limit(5):
            pass
        assert signal.getsignal(signal.SIGALRM) is not None and signal.getsignal(signal.SIGALRM) != signal.SIG_DFL
        signal.raise_signal(signal.SIGALRM)
        assert seen == [1]
    finally:
        signal.signal(signal.SIGALRM, old)


def test_a_handler_kept_for_good_still_limits_and_stays(monkeypatch):
    monkeypatch.setattr(limits, "_kept", False)  # undone after the test: blocks install the handler again
    old = signal.getsignal(signal.SIGALRM)
    try:
        keep_alarm_handler()
        kept = signal.getsignal(signal.SIGALRM)
        with within(3), pytest.raises(InputFailure, match=r"^took longer than 0\.2 s"):
            with time_limit(0.2):
                spin_forever()
        with time_limit(5):
            pass
        assert signal.getsignal(signal.SIGALRM) is kept  # neither restored nor replaced per block
        signal.raise_signal(signal.SIGALRM)  # no block open: the kept handler does nothing
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("seconds", [0, None, -1])
def test_zero_means_no_limit(seconds):
    with time_limit(seconds):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_outside_the_main_thread_the_block_runs_unlimited():
    """SIGALRM reaches only the main thread: elsewhere the guard must not fail, it just cannot limit."""
    result = []

    def work():
        with time_limit(0.01):
            result.append(signal.getitimer(signal.ITIMER_REAL))

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert result == [(0.0, 0.0)]


@pytest.mark.parametrize("timeout, size, expected", [
    (60, 0, 60.0),
    (60, 1024 * 1024, 61.0),
    (60, 1024 * 1024 * 1024, 60.0 + 1024),
    (0, 1024 * 1024 * 1024, 0.0),
])
def test_time_budget_grows_a_second_a_megabyte(timeout, size, expected):
    assert time_budget(timeout, size) == pytest.approx(expected)


def test_time_budget_of_standard_input_is_the_timeout():
    assert time_budget(60, 0) == 60.0  # app.check_input: no size for standard input
