"""Runs one command in a fresh subprocess and reports its wall time, exit code and peak RSS.

Peak RSS is the largest resident set of the command or of any descendant it waited for
(worker processes included), not their sum. It is read by GNU time (``/usr/bin/time``,
Debian package ``time``) when present. Without it, it comes from ``os.wait4`` here, and
Linux then counts this Python process's own peak as the child's floor, because a child
inherits its parent's high-water mark through fork and exec: small figures are then
too high, which the report says.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


@dataclass
class Result:
    """What one measurement found; ``error`` is set when the command did not run as expected."""

    seconds: float | None = None
    rss_mb: float | None = None
    code: int | None = None
    runs: int = 0
    error: str | None = None
    stderr: str = ""
    timed_out: bool = False  # then ``seconds`` is a lower bound

    @property
    def ok(self) -> bool:
        return self.error is None and self.seconds is not None


def run_once(argv: list[str], cwd: Path | None = None, timeout: float | None = None) -> Result:
    """Run ``argv`` once with output discarded; return its wall time and peak RSS."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss_file:
        if GNU_TIME:
            argv = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file.name, *argv]
        started = time.perf_counter()
        try:
            proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=err, start_new_session=True)
        except OSError as exc:
            return Result(error=f"cannot start: {exc}")
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        rss_kb = usage.ru_maxrss
        if GNU_TIME:
            rss_file.seek(0)
            text = rss_file.read().strip().splitlines()
            rss_kb = int(text[-1]) if text and text[-1].isdigit() else rss_kb
        result = Result(seconds, rss_kb / 1024, proc.returncode, 1)
        if timed_out.is_set():
            result.error, result.timed_out, result.rss_mb = f"timed out after {timeout:.0f} s", True, None
        elif proc.returncode < 0:
            result.error = f"killed by signal {-proc.returncode}"
        else:
            err.seek(0)
            result.stderr = err.read(4000).decode("utf-8", "replace")
        return result


def measure(argv: list[str], ok_codes=frozenset({0, 1}), cwd: Path | None = None, repeat: int = 3,
            timeout: float | None = 900, median: bool = False, long_run: float = 30.0) -> Result:
    """Best (or median) wall time of up to ``repeat`` runs; runs longer than ``long_run`` s are not repeated.

    Peak RSS is the largest seen in any run. An exit code outside ``ok_codes`` is an error
    carrying the last line the command wrote to stderr.
    """
    times, rss = [], 0.0
    last = Result()
    for _ in range(max(1, repeat)):
        last = run_once(argv, cwd, timeout)
        if last.error:
            return last
        if last.code not in ok_codes:
            lines = [ln for ln in last.stderr.splitlines() if ln.strip()]
            last.error = f"exit {last.code}" + (f": {lines[-1][:160]}" if lines else "")
            return last
        times.append(last.seconds)
        rss = max(rss, last.rss_mb)
        if last.seconds > long_run:
            break
    seconds = statistics.median(times) if median else min(times)
    return Result(seconds, rss, last.code, len(times))
