"""Find, parse, validate and merge configuration: .cxlint.yaml / .cxlint.yml / [tool.cxlint], then the command line.

Every value keeps where it came from (``default``, ``path:line`` or ``command line``) so that
``cxlint config`` can show it, and every error names the file, the line and the key.

Line numbers in ``pyproject.toml`` come from scanning the TOML text for the key (the TOML
parser in the standard library keeps no positions): exact for ``key = value`` lines and
``[tool.cxlint.*]`` / ``[[tool.cxlint.overrides]]`` headers, the table's line otherwise.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from cxlint.errors import ConfigError, PackError
from cxlint.limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from cxlint.model import Severity
from cxlint.termpack import _Checker, _closest, _type_name
from cxlint.yamlload import LineDict, LineList, load_yaml

CONFIG_NAMES = (".cxlint.yaml", ".cxlint.yml")
PYPROJECT = "pyproject.toml"

DEFAULT = "default"
COMMAND_LINE = "command line"

# Codes of the tool's own findings: always known, never in a term pack.
TOOL_CODES = {"CX001": "unreadable-input", "CX002": "unused-suppression"}

_TOP_KEYS = {
    "select", "ignore", "severity", "fail-on", "packs", "builtin", "disable", "exclude",
    "respect-gitignore", "overrides", "accept", "columns", "max-bytes", "timeout",
}
_OVERRIDE_KEYS = {"files", "select", "ignore", "severity", "fail-on", "accept"}
ACCEPT_ALL = "*"  # key of the global phrase list when ``accept`` is a mapping


@dataclass(frozen=True)
class RuleRef:
    """A rule code, code prefix or name written in the config, kept to be checked once rules are loaded."""

    key: str  # the config key it was written under, e.g. "severity" or "overrides[1].ignore"
    value: str
    line: int | None


@dataclass(frozen=True)
class Profile:
    """The settings that may differ from file to file (top level, then matching overrides)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()  # rule key → level, later entries win
    fail_on: Severity = Severity.WARNING
    accept: tuple[tuple[str, tuple[str, ...]], ...] = ()  # rule key or "*" → phrases


@dataclass(frozen=True)
class Override:
    """A per-glob profile: ``files`` globs (relative to the config's folder) and the keys it changes."""

    files: tuple[str, ...]
    origin: str
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity | None = None
    accept: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def apply(self, p: Profile) -> Profile:
        """``select`` and ``fail-on`` replace; ``ignore``, ``severity`` and ``accept`` add to what is there."""
        return Profile(
            select=self.select if self.select is not None else p.select,
            ignore=p.ignore + self.ignore,
            severity=p.severity + self.severity,
            fail_on=self.fail_on if self.fail_on is not None else p.fail_on,
            accept=p.accept + self.accept,
        )


@dataclass(frozen=True)
class Config:
    """Resolved settings. ``root`` is the folder globs and pack paths are relative to."""

    path: str | None = None
    root: str = "."
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity = Severity.WARNING
    packs: tuple[str, ...] = ()
    builtin: bool = True
    disable: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    overrides: tuple[Override, ...] = ()
    accept: tuple[tuple[str, tuple[str, ...]], ...] = ()
    columns: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT  # seconds to read and check one file; 0 = no limit
    origins: tuple[tuple[str, str], ...] = ()  # setting → where it came from
    refs: tuple[RuleRef, ...] = ()

    def origin(self, key: str) -> str:
        return dict(self.origins).get(key, DEFAULT)

    def base_profile(self) -> Profile:
        return Profile(select=self.select, ignore=self.ignore, severity=self.severity,
                       fail_on=self.fail_on, accept=self.accept)

    def relative(self, path: str) -> str | None:
        """``path`` relative to ``root`` in POSIX form, or None if it lies outside."""
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))
        if rel == ".." or rel.startswith(".." + os.sep):
            return None
        return rel.replace(os.sep, "/")

    def profile_for(self, path: str) -> Profile:
        profile = self.base_profile()
        if not self.overrides:
            return profile
        rel = self.relative(path)
        if rel is None:
            return profile
        for ov in self.overrides:
            if _spec(ov.files).match_file(rel):
                profile = ov.apply(profile)
        return profile

    def excluded(self, path: str) -> bool:
        if not self.exclude:
            return False
        rel = self.relative(path)
        return rel is not None and _spec(self.exclude).match_file(rel)

    def with_cli(self, **values: Any) -> "Config":
        """Command-line values (those not None) replace the file's, and say so in ``origins``."""
        given = {k: v for k, v in values.items() if v is not None}
        if not given:
            return self
        origins = dict(self.origins)
        for key in given:
            origins[key] = COMMAND_LINE
        if "packs" in given:  # packs named on the command line come after (and win over) the file's
            given["packs"] = self.packs + tuple(given["packs"])
            if self.packs:
                origins["packs"] = f"{self.origin('packs')} + {COMMAND_LINE}"
        return replace(self, origins=tuple(sorted(origins.items())), **given)


@lru_cache(maxsize=256)
def _spec(globs: tuple[str, ...]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(globs)


# --- finding the file -------------------------------------------------------------------------


def find_config(start: str | os.PathLike = ".") -> Path | None:
    """The nearest .cxlint.yaml, .cxlint.yml or pyproject.toml with [tool.cxlint], from ``start`` upwards."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        py = folder / PYPROJECT
        if py.is_file() and _has_tool_table(py):
            return py
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # Cheap test first; a pyproject.toml without our table is not our config.
    if "cxlint" not in text:
        return False
    try:
        data = _toml().loads(text)
    except Exception:  # noqa: BLE001 - a broken pyproject naming cxlint is reported when loaded
        return True
    return isinstance(data.get("tool"), dict) and "cxlint" in data["tool"]


def resolve(config_path: str | None = None, cwd: str | os.PathLike = ".", use_files: bool = True) -> Config:
    """The configuration a run in ``cwd`` uses: ``config_path``, else the nearest file, else defaults."""
    if config_path is not None:
        if not os.path.isfile(config_path):
            raise ConfigError("config file not found", config_path)
        return load_config(config_path, cwd)
    if use_files:
        found = find_config(cwd)
        if found is not None:
            return load_config(str(found), cwd)
    return Config(root=str(Path(cwd).resolve()))


def load_config(path: str, cwd: str | os.PathLike = ".") -> Config:
    shown = _display(path, cwd)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config: {exc.__class__.__name__}: {exc}", shown) from None
    root = str(Path(path).resolve().parent)
    if Path(path).name == PYPROJECT or path.endswith(".toml"):
        data = _pyproject_table(text, shown)
    else:
        try:
            data = load_yaml(text, shown)
        except PackError as exc:
            raise ConfigError(exc.message, exc.path, exc.line) from None
    return parse_config(data, shown, root)


def _display(path: str, cwd: str | os.PathLike) -> str:
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, os.path.abspath(cwd))
    except ValueError:  # another drive on Windows
        return full
    return full if rel.startswith("..") else rel


# --- pyproject.toml -------------------------------------------------------------------------


def _toml():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def _pyproject_table(text: str, shown: str) -> Any:
    toml = _toml()
    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(f"invalid TOML: {exc}", shown, int(m.group(1)) if m else None) from None
    tool = data.get("tool")
    if not isinstance(tool, dict) or "cxlint" not in tool:
        raise ConfigError("no [tool.cxlint] table", shown)
    lines = text.splitlines()
    header = _first_line(lines, 0, re.compile(r"^\s*\[\s*tool\s*\.\s*cxlint\s*\]"))
    return _annotate(tool["cxlint"], lines, header or 1)


def _first_line(lines: Sequence[str], start: int, pattern: re.Pattern) -> int | None:
    for i in range(max(start - 1, 0), len(lines)):
        if pattern.search(lines[i]):
            return i + 1
    return None


def _annotate(value: Any, lines: Sequence[str], line: int) -> Any:
    """Wrap parsed TOML in the line-carrying types of the YAML loader, finding lines by scanning."""
    if isinstance(value, dict):
        out = LineDict()
        out.line = line
        out.key_lines = {}
        for key, item in value.items():
            k = re.escape(str(key))
            pat = re.compile(rf"^\s*(?:{k}|\"{k}\"|'{k}')\s*=|^\s*\[\[?[^\]]*\.\s*(?:{k}|\"{k}\")\s*\]\]?\s*(?:#.*)?$")
            key_line = _first_line(lines, line, pat) or line
            out.key_lines[key] = key_line
            out[key] = _annotate(item, lines, key_line)
        return out
    if isinstance(value, list):
        out_list = LineList()
        out_list.line = line
        item_lines = [line] * len(value)
        if value and all(isinstance(v, dict) for v in value) and re.match(r"^\s*\[\[", lines[line - 1] if line <= len(lines) else ""):
            # An array of tables: item n starts at the n-th identical [[...]] header.
            head = lines[line - 1].strip()
            found = [i + 1 for i in range(line - 1, len(lines)) if lines[i].strip() == head]
            item_lines = (found + [line] * len(value))[: len(value)]
        out_list.item_lines = item_lines
        out_list.extend(_annotate(v, lines, ln) for v, ln in zip(value, item_lines))
        return out_list
    return value


# --- validation -------------------------------------------------------------------------------


class _ConfigChecker(_Checker):
    def fail(self, message: str, line: int | None) -> None:
        raise ConfigError(message, self.path, line)


def parse_config(data: Any, shown: str, root: str) -> Config:
    """Validate parsed config data (YAML or the [tool.cxlint] table). Pure apart from checking pack paths."""
    ck = _ConfigChecker(shown)
    if data is None:
        return Config(path=shown, root=root)
    top = ck.mapping(data, "the configuration", getattr(data, "line", 1) or 1)
    ck.keys(top, _TOP_KEYS, "config")
    at = top.line_of
    origins: dict[str, str] = {}
    refs: list[RuleRef] = []
    values: dict[str, Any] = {}

    def origin(key: str) -> str:
        return f"{shown}:{at(key)}"

    for key in ("select", "ignore", "disable"):
        if key in top:
            items = ck.strings(top[key], key, at(key))
            refs.extend(_refs(key, items, top[key], at(key)))
            values[key] = items
    if "severity" in top:
        values["severity"] = _severity_map(ck, top["severity"], "severity", at("severity"), refs)
    if "fail-on" in top:
        values["fail_on"] = ck.severity(top["fail-on"], "fail-on", at("fail-on"))
    if "packs" in top:
        values["packs"] = tuple(_pack_path(ck, p, root, ln) for p, ln in _with_lines(ck.strings(top["packs"], "packs", at("packs")), top["packs"], at("packs")))
    if "builtin" in top:
        values["builtin"] = ck.boolean(top["builtin"], "builtin", at("builtin"), True)
    if "exclude" in top:
        values["exclude"] = ck.strings(top["exclude"], "exclude", at("exclude"))
    if "respect-gitignore" in top:
        values["respect_gitignore"] = ck.boolean(top["respect-gitignore"], "respect-gitignore", at("respect-gitignore"), True)
    if "accept" in top:
        values["accept"] = _accept(ck, top["accept"], "accept", at("accept"), refs)
    if "columns" in top:
        values["columns"] = ck.strings(top["columns"], "columns", at("columns"))
    if "max-bytes" in top:
        mb = top["max-bytes"]
        if not isinstance(mb, int) or isinstance(mb, bool) or mb < 1:
            ck.fail(f"max-bytes must be a whole number of bytes above 0, not {_type_name(mb)}", at("max-bytes"))
        values["max_bytes"] = mb
    if "timeout" in top:
        tt = top["timeout"]
        if not isinstance(tt, (int, float)) or isinstance(tt, bool) or not 0 <= tt < float("inf"):
            shown = repr(tt) if isinstance(tt, (int, float)) and not isinstance(tt, bool) else _type_name(tt)
            ck.fail(f"timeout must be a number of seconds (0 for no limit), not {shown}", at("timeout"))
        values["timeout"] = float(tt)
    if "overrides" in top:
        values["overrides"] = _overrides(ck, top["overrides"], at("overrides"), refs)
    for key in top:
        origins[str(key).replace("-", "_")] = origin(key)
    return Config(path=shown, root=root, origins=tuple(sorted(origins.items())), refs=tuple(refs), **values)


def _with_lines(items: tuple[str, ...], raw: Any, line: int) -> Iterable[tuple[str, int]]:
    lines = getattr(raw, "item_lines", None) or [line] * len(items)
    return zip(items, lines)


def _refs(key: str, items: tuple[str, ...], raw: Any, line: int) -> list[RuleRef]:
    return [RuleRef(key, v, ln) for v, ln in _with_lines(items, raw, line)]


def _severity_map(ck: _ConfigChecker, raw: Any, what: str, line: int, refs: list[RuleRef]) -> tuple[tuple[str, Severity], ...]:
    m = ck.mapping(raw, what, line)
    out = []
    for key, value in m.items():
        if not isinstance(key, str):
            ck.fail(f"{what}: keys must be rule codes or names, not {_type_name(key)}", m.line_of(key))
        out.append((key, ck.severity(value, f"{what}.{key}", m.line_of(key))))
        refs.append(RuleRef(what, key, m.line_of(key)))
    # Later entries win when applied; code prefixes go first so an exact code always beats one.
    out.sort(key=lambda kv: 0 if re.fullmatch(r"CX\d{0,2}", kv[0]) else 1)
    return tuple(out)


def _accept(ck: _ConfigChecker, raw: Any, what: str, line: int, refs: list[RuleRef]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A list of phrases (every rule) or a mapping rule → phrases, with ``"*"`` for every rule."""
    if isinstance(raw, list) or isinstance(raw, str):
        return ((ACCEPT_ALL, ck.strings(raw, what, line)),)
    if not isinstance(raw, dict):
        ck.fail(f"{what} must be a list of phrases or a mapping of rule → phrases, not {_type_name(raw)}", line)
    out = []
    for key, phrases in raw.items():
        if not isinstance(key, str):
            ck.fail(f"{what}: keys must be rule codes, names or \"*\", not {_type_name(key)}", raw.line_of(key))
        if key != ACCEPT_ALL:
            refs.append(RuleRef(what, key, raw.line_of(key)))
        out.append((key, ck.strings(phrases, f"{what}.{key}", raw.line_of(key))))
    return tuple(out)


def _pack_path(ck: _ConfigChecker, value: str, root: str, line: int) -> str:
    full = value if os.path.isabs(value) else os.path.join(root, value)
    if not os.path.isfile(full):
        ck.fail(f"packs: term pack {value!r} not found (paths are relative to the config file)", line)
    return os.path.normpath(full)


def _overrides(ck: _ConfigChecker, raw: Any, line: int, refs: list[RuleRef]) -> tuple[Override, ...]:
    if not isinstance(raw, list):
        ck.fail(f"overrides must be a list of {{files: [...], ...}} mappings, not {_type_name(raw)}", line)
    out = []
    for n, (item, item_line) in enumerate(zip(raw, getattr(raw, "item_lines", [line] * len(raw))), start=1):
        what = f"overrides[{n}]"
        o = ck.mapping(item, what, item_line)
        ck.keys(o, _OVERRIDE_KEYS, what)
        at = o.line_of
        if "files" not in o:
            ck.fail(f"{what}: files (a list of globs) is required", item_line)
        files = ck.strings(o["files"], f"{what}.files", at("files"))
        if not files:
            ck.fail(f"{what}.files must not be empty", at("files"))
        kw: dict[str, Any] = {}
        for key in ("select", "ignore"):
            if key in o:
                kw[key] = ck.strings(o[key], f"{what}.{key}", at(key))
                refs.extend(_refs(f"{what}.{key}", kw[key], o[key], at(key)))
        if "severity" in o:
            kw["severity"] = _severity_map(ck, o["severity"], f"{what}.severity", at("severity"), refs)
        if "fail-on" in o:
            kw["fail_on"] = ck.severity(o["fail-on"], f"{what}.fail-on", at("fail-on"))
        if "accept" in o:
            kw["accept"] = _accept(ck, o["accept"], f"{what}.accept", at("accept"), refs)
        out.append(Override(files=files, origin=f"{ck.path}:{item_line}", **kw))
    return tuple(out)


def rule_matches(key: str, rule_id: str, rule_name: str) -> bool:
    """A config or directive key names a rule by code, name or code prefix (as --select does)."""
    return rule_id == key or rule_name == key or (bool(key) and rule_id.startswith(key))


def check_refs(config: Config, rules: Iterable[tuple[str, str]]) -> None:
    """Every rule code, prefix or name in the config must name a loaded rule (``rules``: (id, name) pairs)."""
    known = list(rules) + list(TOOL_CODES.items())
    for ref in config.refs:
        if any(rule_matches(ref.value, rid, name) for rid, name in known):
            continue
        hint = _closest(ref.value, [k for pair in known for k in pair])
        raise ConfigError(f"{ref.key}: unknown rule {ref.value!r}{hint}", config.path, ref.line)


# --- showing it -------------------------------------------------------------------------------

_SHOWN = (
    ("select", "select"), ("ignore", "ignore"), ("severity", "severity"), ("fail_on", "fail-on"),
    ("packs", "packs"), ("builtin", "builtin"), ("disable", "disable"), ("exclude", "exclude"),
    ("respect_gitignore", "respect-gitignore"), ("accept", "accept"), ("columns", "columns"),
    ("max_bytes", "max-bytes"), ("timeout", "timeout"),
)


def _show_value(value: Any) -> str:
    if isinstance(value, Severity):
        return value.label
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        if not value:
            return "[]"
        if all(isinstance(v, tuple) and len(v) == 2 for v in value):
            return "{" + ", ".join(f"{k}: {_show_value(v)}" for k, v in value) + "}"
        return "[" + ", ".join(_show_value(v) for v in value) + "]"
    return str(value)


def describe(config: Config, cwd: str | os.PathLike = ".") -> str:
    """The resolved settings, one per line, each with where it came from."""
    rows = [("config file", config.path or "(none found)", "")]
    for attr, key in _SHOWN:
        value = getattr(config, attr)
        if attr == "packs":
            value = tuple(_display(p, cwd) for p in value)
        shown = "{}" if attr in ("severity", "accept") and not value else _show_value(value)
        rows.append((key, shown, config.origin(attr)))
    width = max(len(k) for k, _, _ in rows)
    lines = [f"{k.ljust(width)}  {v}" + (f"    ({o})" if o else "") for k, v, o in rows]
    if config.overrides:
        lines.append(f"{'overrides'.ljust(width)}  ({config.origin('overrides')})")
        for ov in config.overrides:
            parts = [f"files: {_show_value(ov.files)}"]
            if ov.select is not None:
                parts.append(f"select: {_show_value(ov.select)}")
            if ov.ignore:
                parts.append(f"ignore: {_show_value(ov.ignore)}")
            if ov.severity:
                parts.append(f"severity: {_show_value(ov.severity)}")
            if ov.fail_on is not None:
                parts.append(f"fail-on: {ov.fail_on.label}")
            if ov.accept:
                parts.append(f"accept: {_show_value(ov.accept)}")
            lines.append(f"  - {'; '.join(parts)}    ({ov.origin})")
    else:
        lines.append(f"{'overrides'.ljust(width)}  []    ({DEFAULT})")
    return "\n".join(lines) + "\n"


# --- cxlint init -----------------------------------------------------------------------------

STARTER = """\
# cxlint configuration. Every key is optional; `cxlint config` shows what is in force.
# Rules are named by code (CX201), code prefix (CX2) or name (experience-job-title).

# Exit 1 when a finding is at or above this level: info, warning or error.
fail-on: warning

# Only these rules (default: all), and rules to skip.
# select: [CX2, CX3]
# ignore: [acronym-first]

# Change a rule's severity.
# severity:
#   CX201: error

# Your own term packs (paths relative to this file). A rule with the id of a built-in
# rule replaces it; `disable` switches built-in rules off altogether.
# packs: [terms/our-terms.yaml]
# disable: [CX602]

# Files never checked (globs relative to this file). .gitignore is honoured too.
exclude:
  - "vendor/**"
# respect-gitignore: true

# Your organisation's own names, never flagged: for every rule (a list), or per rule.
# accept:
#   - Customer Experience Centre
# accept:
#   "*": [Customer Experience Centre]
#   CX201: [Customer Experience Ambassador Programme]

# Per-folder profiles: later entries win; select and fail-on replace, the rest add up.
# overrides:
#   - files: ["jobs/**"]
#     fail-on: info
#     severity: {CX201: error}
#   - files: ["articles/**"]
#     fail-on: error
#     ignore: [CX6]

# Columns (CSV) or fields (JSON) to read as prose; default: every text value.
# columns: [title, description]

# Skip files larger than this many bytes.
# max-bytes: 209715200

# Give up on a file that takes longer than this many seconds to read and check (0: no limit).
# timeout: 60
"""


def write_starter(folder: str | os.PathLike = ".", force: bool = False) -> Path:
    target = Path(folder) / CONFIG_NAMES[0]
    if target.exists() and not force:
        raise ConfigError(f"{target} already exists (use --force to overwrite it)")
    from cxlint.writeback import write_atomic

    write_atomic(str(target), STARTER.encode("utf-8"), new_mode=0o644)
    return target
