"""Paths to inputs: walk folders (hidden folders skipped), pick formats by suffix, stdin as '-'."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from cxlint.extract import Format, format_for, supported


@dataclass(frozen=True)
class Input:
    path: str  # as shown in reports
    format: Format | None  # None: could not be determined (reported as an error)
    stdin: bool = False
    problem: str = ""  # set when the path itself is unusable


def discover(paths: Iterable[str], stdin_filename: str | None = None) -> list[Input]:
    out: dict[str, Input] = {}
    for raw in paths:
        if raw == "-":
            name = stdin_filename or "<stdin>"
            out[name] = Input(name, format_for(name) or Format.TEXT, stdin=True)
            continue
        for item in _expand(raw):
            out.setdefault(item.path, item)
    return sorted(out.values(), key=lambda i: i.path)


def _expand(raw: str) -> Iterator[Input]:
    try:
        st = os.stat(raw)
    except OSError as exc:
        yield Input(raw, None, problem=_stat_problem(raw, exc))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(raw)
    elif stat.S_ISREG(st.st_mode):
        # A file named on the command line is read even with an unknown suffix: as text.
        yield Input(raw, format_for(raw) or Format.TEXT)
    else:
        yield Input(raw, None, problem="not a regular file (device, FIFO or socket); skipped")


def _walk(root: str) -> Iterator[Input]:
    seen_dirs: set[tuple[int, int]] = set()
    # A folder that cannot be listed is an error to report, not a silent gap in what was checked.
    unlisted: list[OSError] = []
    # Symbolic links to folders are not followed (they could loop, or leave the tree); links
    # to files are read like the files they point to.
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unlisted.append):
        while unlisted:
            exc = unlisted.pop()
            where = exc.filename or dirpath
            yield Input(_clean(where), None, problem=f"cannot list folder: {exc.strerror or exc}")
        try:
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
        except OSError:
            continue
        if key in seen_dirs:
            dirnames[:] = []
            continue
        seen_dirs.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
        folder = _clean(dirpath)  # once per folder, not per file
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            fmt = format_for(name)
            if fmt is None or not supported(fmt):
                continue
            full = os.path.join(dirpath, name)
            try:
                mode = os.stat(full).st_mode
            except OSError as exc:
                yield Input(_in_folder(folder, name), fmt, problem=_stat_problem(full, exc))
                continue
            # FIFOs, sockets and devices are never opened (a FIFO would block the run forever).
            if stat.S_ISREG(mode):
                yield Input(_in_folder(folder, name), fmt)
    for exc in unlisted:  # the root itself could not be listed
        yield Input(_clean(exc.filename or root), None, problem=f"cannot list folder: {exc.strerror or exc}")


def _stat_problem(path: str, exc: OSError) -> str:
    """One line for a path that cannot be stat'ed, naming broken links and link loops as such."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(exc, FileNotFoundError):
        return "broken symbolic link (its target does not exist)" if os.path.islink(path) else "no such file or directory"
    return f"cannot access: {exc.strerror or exc}"


def _clean(path: str) -> str:
    return str(Path(path)) if not path.startswith("./") else path[2:]


def _in_folder(folder: str, name: str) -> str:
    """``_clean(os.path.join(dir, name))`` given ``folder = _clean(dir)``, without pathlib per file."""
    return name if folder in (".", "") else os.path.join(folder, name)
