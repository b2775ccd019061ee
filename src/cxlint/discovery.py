"""Paths to inputs: walk folders (hidden folders skipped), pick formats by suffix, stdin as '-'."""

from __future__ import annotations

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
    except FileNotFoundError:
        yield Input(raw, None, problem="no such file or directory")
        return
    except OSError as exc:
        yield Input(raw, None, problem=f"cannot access: {exc.strerror or exc}")
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
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
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
                yield Input(_clean(full), fmt, problem=f"cannot access: {exc.strerror or exc}")
                continue
            if stat.S_ISREG(mode):
                yield Input(_clean(full), fmt)


def _clean(path: str) -> str:
    return str(Path(path)) if not path.startswith("./") else path[2:]
