"""Built rule plans cached on disk between runs, so that a run over one small file starts fast.

Parsing the YAML packs and compiling them into a RuleSet costs several times more than
linting a 3 KB file, and gives the same result every time for the same inputs. The cache key
covers everything a plan is built from: cxlint's own code (size and modification time of
every module), the interpreter, the text of every pack and the configuration. A changed
input is a new key, never a stale entry.

Entries are pickles, read back by an unpickler that can name only cxlint's own classes and
enums plus ``rxcache.compile``: a damaged or tampered file cannot call anything else, and any
failure to load simply rebuilds. Compiled regexes are stored as their source and rebuilt
through ``rxcache``. ``CXLINT_NO_CACHE=1`` turns the cache off, as it does for ``rxcache``.
"""

from __future__ import annotations

import copyreg
import io
import os
import pickle
import re
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

from cxlint import rxcache
from cxlint.writeback import replace_file

T = TypeVar("T")

_KEEP = 64  # entries kept; the oldest are removed when a new one is written
_PROTOCOL = 5
_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def cache_dir() -> Path | None:
    return rxcache.cache_folder("plans")


def code_fingerprint(root: str = _PACKAGE) -> str:
    """Size and mtime of every module of cxlint: an edited or upgraded cxlint gets new keys."""
    h = rxcache.hasher()
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                st = os.stat(os.path.join(folder, name))
                h.update(f"{os.path.relpath(os.path.join(folder, name), root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def key_of(*parts: Any) -> str:
    """A key for ``parts`` (any picklable values: pack texts, configuration) and cxlint's code."""
    h = rxcache.hasher()
    h.update(code_fingerprint().encode())
    h.update(_dumps(parts))
    return h.hexdigest()


def cached(key: str, build: Callable[[], T]) -> T:
    """``build()``, or the value stored under ``key`` by an earlier run."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{key}.pickle"
    try:
        with open(path, "rb") as fh:
            return _Unpickler(fh).load()
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - damaged, foreign or from older code: rebuild
        pass
    value = build()
    _store(folder, path, value)
    return value


def _store(folder: Path, path: Path, value: Any) -> None:
    try:
        data = _dumps(value)
    except (pickle.PicklingError, TypeError, AttributeError):
        return  # something in the plan cannot be stored: only costs speed
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        replace_file(str(path), data)  # atomic: a reader sees the old entry or the new one
        _prune(folder)
    except OSError:
        pass  # a read-only home or a full disk only costs speed


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[_KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass


def _reduce_pattern(rx: re.Pattern) -> tuple:
    return rxcache.compile, (rx.pattern, rx.flags)


def _dumps(value: Any) -> bytes:
    buf = io.BytesIO()
    p = pickle.Pickler(buf, protocol=_PROTOCOL)
    p.dispatch_table = copyreg.dispatch_table.copy()
    p.dispatch_table[re.Pattern] = _reduce_pattern
    p.dump(value)
    return buf.getvalue()


class _Unpickler(pickle.Unpickler):
    """Rebuilds only cxlint's own classes (records, enums, matchers) and compiled regexes."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "cxlint.rxcache" and name == "compile":
            return rxcache.compile
        if module.startswith("cxlint.") and "." not in name:
            obj = getattr(sys.modules.get(module) or __import__(module, fromlist=[name]), name, None)
            if isinstance(obj, type):
                return obj
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cxlint plan cache")
