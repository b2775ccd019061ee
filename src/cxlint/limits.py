"""Per-file resource limits (size and wall-clock time) with their defaults, and the guards that enforce them.

A linter runs unattended on whatever lands in a repository, so no single input may take all
the memory or all the time. Two limits apply to every input, each one clear per-file error
when exceeded, never a crash or a hang:

- ``max_bytes`` (``--max-bytes``, config ``max-bytes``): larger files are not read at all.
- ``timeout`` (``--timeout``, config ``timeout``, seconds; 0 turns it off): reading and
  checking one file may take this long, plus a second for every megabyte of the file (so a
  huge log streamed at a few MB/s is not cut short for being huge). Enforced with a real-time interval timer (SIGALRM),
  which exists only on POSIX and only in a process's main thread; elsewhere the limit is not
  enforced (the readers' own caps still hold: zip sizes, JSON depth, pypdf's limits).

Office packages have their own caps on what a zip may declare (``extract.ooxml.ZipLimits``).
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from cxlint.errors import InputFailure

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
# Generous for real documents (a 500-page PDF reads in a few seconds), short enough that a
# hostile file cannot stall a CI job.
DEFAULT_TIMEOUT = 60.0
# Extra time per byte of input: one second a megabyte (text is linted at 4-5 MB/s).
SECONDS_PER_BYTE = 1 / (1024 * 1024)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES  # bytes per input file
    timeout: float = DEFAULT_TIMEOUT  # seconds per input file (read and check); 0 = no limit


DEFAULT_LIMITS = Limits()


class TimeLimitExceeded(BaseException):
    """Raised inside guarded code when its time is up.

    A BaseException, like KeyboardInterrupt, so that the ``except Exception`` blocks with which
    parsing libraries recover from damaged input cannot swallow it and carry on looping.
    """


# Deadlines (time.monotonic) of the time_limit blocks now open in this process, innermost last.
_deadlines: list[float] = []
_saved_handler = None
_kept = False  # keep_alarm_handler installed the handler for the rest of the process
# Re-fire this often after a deadline, in case guarded code swallowed the first signal.
_REFIRE = 0.05


def time_budget(timeout: float, size: int) -> float:
    """Seconds allowed for an input of ``size`` bytes (0 for standard input or bytes in hand):
    ``timeout`` plus a second a megabyte (0 stays 0: no limit)."""
    if not timeout or timeout <= 0:
        return 0.0
    return timeout + size * SECONDS_PER_BYTE


def can_limit_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _on_alarm(signum, frame) -> None:
    if _deadlines and time.monotonic() >= min(_deadlines) - 0.001:
        raise TimeLimitExceeded()


def keep_alarm_handler() -> None:
    """Leave time_limit's SIGALRM handler installed in this process for good (a worker process's initializer).

    time_limit then neither installs nor restores it around every file: two of the six system
    calls a block costs. The handler does nothing while no block is open. Nothing else in the
    process may replace it afterwards.
    """
    global _kept
    if can_limit_time():
        signal.signal(signal.SIGALRM, _on_alarm)
        _kept = True


def _arm(deadline: float) -> None:
    signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 0.001), _REFIRE)


@contextmanager
def time_limit(seconds: float | None, what: str = "reading and checking it") -> Iterator[None]:
    """Run the block with a wall-clock limit; past it, raise InputFailure (a per-file error).

    Blocks nest: an inner block never outlives an outer one. Without SIGALRM (Windows) or
    outside the main thread, the block runs unlimited.
    """
    global _saved_handler
    if not seconds or seconds <= 0 or not can_limit_time():
        yield
        return
    deadline = time.monotonic() + seconds
    outermost = not _deadlines
    install = outermost and not _kept  # see keep_alarm_handler
    if install:
        _saved_handler = signal.signal(signal.SIGALRM, _on_alarm)
    _deadlines.append(deadline)
    _arm(min(_deadlines))
    try:
        yield
    except TimeLimitExceeded:
        if time.monotonic() >= deadline - 0.001:
            shown = f"{seconds:.0f}" if seconds >= 10 else f"{seconds:.2g}"
            raise InputFailure(f"took longer than {shown} s {what}; skipped (raise --timeout to allow more)") from None
        raise  # an outer block's time is up
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _deadlines.pop()
        if _deadlines:
            _arm(min(_deadlines))
        elif install:
            signal.signal(signal.SIGALRM, _saved_handler if _saved_handler is not None else signal.SIG_DFL)
            _saved_handler = None


def read_capped(path: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, refusing anything else and anything over ``max_bytes``.

    Opened without blocking and checked on the open descriptor, so a file swapped for a FIFO
    or a device after discovery can neither hang the run nor stream forever; the read is
    capped too, so a file that grows while it is read cannot exceed the limit.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputFailure("symbolic link loop") from None
        raise
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputFailure("is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise InputFailure("not a regular file (device, FIFO or socket); skipped")
        if st.st_size > max_bytes:
            raise InputFailure(f"file is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
        data = _read_upto(fd, st.st_size, max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise InputFailure(f"file grew past the {max_bytes:,}-byte limit while it was read (--max-bytes)")
    return data


def _read_upto(fd: int, size: int, cap: int) -> bytes:
    """Up to ``cap`` bytes from ``fd``, asking first for the ``size`` fstat gave plus one byte.

    Each read allocates the whole amount it asks for before the kernel fills it, so asking
    for ``cap`` at once (200 MB by default) cost more than reading a small file: 25 µs of a
    posting's 30. The extra byte shows a file that grew; growth is read on in 1 MB steps.
    """
    chunks = []
    total = 0
    want = min(size + 1, cap)
    while want > 0:
        chunk = os.read(fd, want)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total == size:  # what fstat said, and not the byte asked beyond it: the end (no read just to see EOF)
            break
        want = min(1 << 20, cap - total)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def check_size(size: int, max_bytes: int) -> None:
    """Raise InputFailure for input (standard input) over ``max_bytes``."""
    if size > max_bytes:
        raise InputFailure(f"input is over the {max_bytes:,}-byte limit (--max-bytes)")
