"""Compiled regular expressions cached on disk between runs, for start-up speed.

Compiling the packs' patterns costs more than everything else in a pre-commit run over one
small file. CPython's ``re`` compiles a pattern to a list of integers and hands it to
``_sre.compile``; this module keeps those lists in small files (one per pattern, in a folder
keyed by the interpreter, the regex engine's version and the byte order) and hands them back
on the next run; only the patterns a run needs are read. An entry is one line of text (flags,
group count, group names) and the code as raw machine integers, read back with ``array``:
nothing is executed on load, ``_sre`` validates the code it is given, and any surprise falls
back to a plain ``re.compile``. (JSON took 12 ms to read the 90 patterns of a 16-file run; the
case-insensitive ones carry long tables.) Set ``CXLINT_NO_CACHE=1`` to turn it off.
"""

from __future__ import annotations

import atexit
import os
import re
import sys
from array import array
from functools import lru_cache
from pathlib import Path

try:  # CPython internals; any other interpreter simply compiles every time
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover
    _sre = None

_MAX_ENTRIES = 20_000
_new: dict = {}  # entries compiled this run, written at exit


def cache_folder(name: str) -> Path | None:
    """cxlint's cache folder ``name``, per interpreter (``$XDG_CACHE_HOME`` or ``~/.cache``), or
    None when caching is off (``CXLINT_NO_CACHE``). The plan cache keeps its entries here too."""
    env = os.environ
    return _cache_folder(name, env.get("CXLINT_NO_CACHE"), env.get("XDG_CACHE_HOME"), env.get("HOME"))


@lru_cache(maxsize=8)
def _cache_folder(name: str, off: str | None, xdg: str | None, home: str | None) -> Path | None:
    # Keyed by the environment it reads, so a changed setting (tests do it) is seen at once.
    if off:
        return None
    base = xdg or os.path.join(os.path.expanduser("~"), ".cache")
    v = sys.version_info
    return Path(base) / "cxlint" / f"{name}-{sys.implementation.name}-{v[0]}.{v[1]}.{v[2]}"


# The array type that holds _sre's code words; None if no array type has their size.
_CODE_TYPE = next((t for t in "IL" if array(t).itemsize == getattr(_sre, "CODESIZE", 0)), None) if _sre else None
_SUFFIX = ".rx"


def _cache_dir() -> Path | None:
    if _CODE_TYPE is None:
        return None
    return cache_folder(f"regex-{_sre.MAGIC}-{_sre.CODESIZE}-{sys.byteorder}")


def hasher():
    """A BLAKE2b hash for cache keys. Importing hashlib loads OpenSSL first (2-3 ms of a 100 ms
    start-up); the built-in ``_blake2`` module is the one hashlib itself falls back to."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - an interpreter without it
        from hashlib import blake2b
    return blake2b(digest_size=20)


def _key(source: str, flags: int) -> str:
    h = hasher()
    h.update(f"{flags}\0{source}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _encode(all_flags: int, code: list[int], groups: int, groupindex: dict[str, int]) -> bytes:
    """An entry: ``flags groups name=index ...``, a line feed, then the code words."""
    head = " ".join([str(int(all_flags)), str(groups), *(f"{name}={i}" for name, i in groupindex.items())])
    return head.encode("utf-8") + b"\n" + array(_CODE_TYPE, code).tobytes()


def _decode(data: bytes) -> tuple[int, list[int], int, dict[str, int], tuple] | None:
    """(flags, code, groups, group index, index group) of an entry, or None if it is not one."""
    head, sep, body = data.partition(b"\n")
    if not sep or len(body) % array(_CODE_TYPE).itemsize:
        return None
    try:
        flags, groups, *names = head.decode("utf-8").split(" ")
        groupindex = {name: int(i) for name, _, i in (n.partition("=") for n in names)}
        indexgroup = _index_group(groupindex, int(groups) + 1)
        code = array(_CODE_TYPE)
        code.frombytes(body)
        return int(flags), code.tolist(), int(groups), groupindex, indexgroup
    except (ValueError, IndexError):
        return None


def _index_group(groupindex: dict[str, int], groups: int) -> tuple:
    """Group number -> name (None for unnamed groups), as ``_sre.compile`` wants it."""
    out: list[str | None] = [None] * groups
    for name, i in groupindex.items():
        out[i] = name
    return tuple(out)


def _load(folder: Path, key: str):
    try:
        with open(os.path.join(folder, key + _SUFFIX), "rb") as fh:
            return _decode(fh.read())
    except OSError:
        return None


def compile(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)``, from the on-disk cache when it holds this pattern."""
    folder = _cache_dir()
    if folder is None:
        return re.compile(source, flags)
    key = _key(source, flags)
    hit = _load(folder, key)
    if hit is not None:
        try:
            # _sre.compile checks the code itself (its structure); a bad entry raises.
            return _sre.compile(source, *hit)
        except Exception:  # noqa: BLE001 - a stale or damaged entry: compile afresh
            pass
    try:
        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        all_flags = flags | parsed.state.flags
        rx = _sre.compile(source, all_flags, code, parsed.state.groups - 1, groupindex,
                          _index_group(groupindex, parsed.state.groups))
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals changed: behave exactly like re
        return re.compile(source, flags)
    try:
        entry = _encode(all_flags, code, parsed.state.groups - 1, groupindex)
    except (OverflowError, TypeError):  # a code word that does not fit: not cached
        return rx
    if not _new:
        atexit.register(_save)
    _new[key] = entry
    return rx


def _save() -> None:
    folder = _cache_dir()
    if folder is None or not _new:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if sum(1 for _ in folder.iterdir()) > _MAX_ENTRIES:
            return  # full: stop growing (a new interpreter version gets a new folder)
        from cxlint.writeback import replace_file

        for key, entry in _new.items():
            # Atomic: a reader sees the old entry or the new one.
            replace_file(os.path.join(folder, key + _SUFFIX), entry)
        _new.clear()
    except OSError:
        pass  # a read-only home or full disk only costs speed
