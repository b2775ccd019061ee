"""Compiled regular expressions cached on disk between runs, for start-up speed.

Compiling the packs' patterns costs more than everything else in a pre-commit run over one
small file. CPython's ``re`` compiles a pattern to a list of integers and hands it to
``_sre.compile``; this module keeps those lists in a JSON file keyed by the interpreter and
the regex engine's version, and hands them back on the next run. JSON only (nothing is
executed on load), ``_sre`` validates the code it is given, and any surprise falls back to a
plain ``re.compile``. Set ``CXLINT_NO_CACHE=1`` to turn it off.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

try:  # CPython internals; any other interpreter simply compiles every time
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover
    _sre = None

_MAX_ENTRIES = 20_000
_state: dict = {"entries": None, "dirty": False}


def _cache_file() -> Path | None:
    if os.environ.get("CXLINT_NO_CACHE") or _sre is None:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}.{sys.version_info[2]}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return Path(base) / "cxlint" / f"regex-{tag}.json"


def _entries() -> dict:
    if _state["entries"] is None:
        _state["entries"] = {}
        path = _cache_file()
        if path is not None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    _state["entries"] = data
            except (OSError, ValueError):
                pass
            atexit.register(_save)
    return _state["entries"]


def _key(source: str, flags: int) -> str:
    return hashlib.sha1(f"{flags}\0{source}".encode("utf-8", "surrogatepass")).hexdigest()


def compile(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)``, from the on-disk cache when it holds this pattern."""
    if _cache_file() is None:
        return re.compile(source, flags)
    entries = _entries()
    key = _key(source, flags)
    hit = entries.get(key)
    if hit is not None:
        try:
            all_flags, code, groups, groupindex, indexgroup = hit
            if all(isinstance(c, int) for c in code):
                return _sre.compile(source, all_flags, code, groups, groupindex, tuple(indexgroup))
        except Exception:  # noqa: BLE001 - a stale or damaged entry: compile afresh
            pass
    try:
        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        all_flags = flags | parsed.state.flags
        rx = _sre.compile(source, all_flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals changed: behave exactly like re
        return re.compile(source, flags)
    if len(entries) < _MAX_ENTRIES:
        entries[key] = [all_flags, code, parsed.state.groups - 1, groupindex, indexgroup]
        _state["dirty"] = True
    return rx


def _save() -> None:
    path = _cache_file()
    if path is None or not _state["dirty"]:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(_state["entries"], fh, separators=(",", ":"))
        os.replace(tmp, path)  # atomic: a reader sees the old file or the new one
        _state["dirty"] = False
    except OSError:
        pass  # a read-only home or full disk only costs speed
