"""Where rendered reports go: pair each ``--format`` with its ``--output`` and write files atomically.

The pairing rule (README "Reports for CI"): an ``--output`` takes the ``--format`` given just
before it; an ``--output`` with no unpaired ``--format`` before it gets ``text``; a ``--format``
left without an ``--output`` (or with ``--output -``) goes to stdout, and at most one may.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from typing import Sequence

from cxlint.errors import CxlintError
from cxlint.report import OutputFormat

FILE_DEFAULT = OutputFormat.TEXT


class OutputError(CxlintError):
    """A bad --format/--output combination or a report file that cannot be written (exit 2)."""


@dataclass(frozen=True)
class Destination:
    format: OutputFormat
    path: str | None = None  # None: stdout


def plan(formats: Sequence[str], outputs: Sequence[str], order: Sequence[str] | None = None) -> list[Destination]:
    """Destinations in command-line order.

    ``order`` lists "format" and "output" once per occurrence on the command line; without it
    (a caller that only has the two lists) the n-th output pairs with the n-th format.
    """
    if order is None or order.count("format") != len(formats) or order.count("output") != len(outputs):
        order = []
        for i in range(max(len(formats), len(outputs))):
            order += ["format"] * (i < len(formats)) + ["output"] * (i < len(outputs))
    fmts, outs = iter(formats), iter(outputs)
    dests: list[Destination] = []
    pending: OutputFormat | None = None  # the last --format not yet given an --output
    for kind in order:
        if kind == "format":
            if pending is not None:
                dests.append(Destination(pending))
            pending = OutputFormat(next(fmts))
        else:
            out = next(outs)
            dests.append(Destination(pending if pending is not None else FILE_DEFAULT, None if out == "-" else out))
            pending = None
    if pending is not None:
        dests.append(Destination(pending))
    to_stdout = [d.format.value for d in dests if d.path is None]
    if len(to_stdout) > 1:
        raise OutputError(
            f"formats {', '.join(to_stdout)} would all go to stdout: give each but one an --output FILE"
        )
    paths = [os.path.abspath(d.path) for d in dests if d.path is not None]
    if len(set(paths)) != len(paths):
        raise OutputError("the same --output file is named twice")
    return dests


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one, never half.

    A device or FIFO (``--output /dev/null``, ``/dev/stderr``, a pipe) is written into
    directly: replacing it would put a regular file in its place, and for root that means a
    /dev/null that keeps whatever is written to it.
    """
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        special = False  # missing (or unreadable): the temporary file below says why, if anything
    if special:
        try:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        return
    from cxlint.writeback import new_file_mode, replace_file

    try:
        # A report is an ordinary file, readable as the umask allows (not the temporary file's 0600).
        replace_file(os.path.abspath(path), text.encode("utf-8"), durable=True, mode=new_file_mode())
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
