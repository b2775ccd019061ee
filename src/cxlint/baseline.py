"""Baselines: record today's findings, then report only new ones; entries are keyed by content, not line numbers.

A fingerprint hashes the rule, the path (relative to the baseline file), the matched text
(lower-cased, whitespace collapsed) and the neighbouring words (``Finding.context``), so
inserting or removing lines elsewhere in a file leaves every entry valid. Two identical
occurrences in one file give two entries with the same fingerprint: each entry absolves one
finding.

The file is JSON, or YAML when its name ends in .yaml/.yml; entries are sorted and written
one per finding, so it reads and diffs well.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Sequence

from cxlint.errors import ConfigError
from cxlint.model import Finding

VERSION = 1


@dataclass(frozen=True)
class Entry:
    rule: str
    path: str  # POSIX, relative to the baseline file's folder
    match: str
    context: str
    fingerprint: str


def normalise(text: str) -> str:
    return " ".join(text.split()).lower()


def fingerprint(rule: str, path: str, match: str, context: str) -> str:
    key = "\0".join((rule, path, normalise(match), normalise(context)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def key_path(path: str, base_dir: str) -> str:
    """The path as stored in a baseline: relative to the baseline's folder, so any working directory works."""
    if path.startswith("<") or path == "-":  # stdin has no place on disk
        return path
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base_dir))
    return rel.replace(os.sep, "/")


def entry_for(f: Finding, base_dir: str) -> Entry:
    p = key_path(f.path, base_dir)
    return Entry(rule=f.rule, path=p, match=normalise(f.match), context=f.context,
                 fingerprint=fingerprint(f.rule, p, f.match, f.context))


# --- pure matching ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Baseline:
    entries: tuple[Entry, ...]
    base_dir: str
    path: str = ""

    def by_path(self) -> dict[str, Counter]:
        out: dict[str, Counter] = {}
        for e in self.entries:
            out.setdefault(e.path, Counter())[e.fingerprint] += 1
        return out


@dataclass(frozen=True)
class Match:
    new: tuple[Finding, ...]
    known: tuple[Finding, ...]  # suppressed="baseline"
    stale: int  # entries for this file that matched nothing


def match_file(findings: Sequence[Finding], budget: Mapping[str, int], base_dir: str) -> Match:
    """Split one file's findings by a baseline's fingerprint counts for that file (``budget``)."""
    left = Counter(budget)
    new, known = [], []
    for f in findings:
        fp = entry_for(f, base_dir).fingerprint
        if left[fp] > 0:
            left[fp] -= 1
            known.append(replace(f, suppressed="baseline"))
        else:
            new.append(f)
    return Match(tuple(new), tuple(known), sum(v for v in left.values() if v > 0))


def entries(findings: Iterable[Finding], base_dir: str) -> list[Entry]:
    return sorted((entry_for(f, base_dir) for f in findings),
                  key=lambda e: (e.path, e.rule, e.match, e.context, e.fingerprint))


# --- the file ---------------------------------------------------------------------------------


def dumps(items: Sequence[Entry], yaml_format: bool = False) -> str:
    doc = {
        "version": VERSION,
        "tool": "cxlint",
        "findings": [
            {"rule": e.rule, "path": e.path, "match": e.match, "context": e.context, "fingerprint": e.fingerprint}
            for e in items
        ],
    }
    if yaml_format:
        import yaml

        return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=1000)
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _is_yaml(path: str) -> bool:
    return path.lower().endswith((".yaml", ".yml"))


def write(path: str, findings: Iterable[Finding]) -> int:
    """Record ``findings`` in ``path`` (atomically); returns how many entries were written."""
    from cxlint.writeback import write_atomic

    base = os.path.dirname(os.path.abspath(path))
    items = entries(findings, base)
    try:
        os.makedirs(base, exist_ok=True)
        write_atomic(path, dumps(items, _is_yaml(path)).encode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot write baseline: {exc.strerror or exc}", path) from None
    return len(items)


def load(path: str) -> Baseline:
    """Read a baseline file; a missing or malformed file is a ConfigError (exit 2)."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read baseline: {getattr(exc, 'strerror', None) or exc}", path) from None
    return parse(text, path)


def parse(text: str, path: str) -> Baseline:
    try:
        if _is_yaml(path):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except Exception as exc:  # noqa: BLE001 - any parse failure is one clear error
        mark = getattr(exc, "problem_mark", None)
        line = getattr(exc, "lineno", None) or (mark.line + 1 if mark is not None else None)
        raise ConfigError(f"invalid baseline file: {str(exc).splitlines()[0]}", path, line) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ConfigError("invalid baseline file: expected a mapping with a 'findings' list", path)
    if data.get("version") != VERSION:
        raise ConfigError(f"baseline version {data.get('version')!r} is not supported (expected {VERSION})", path)
    out = []
    for n, item in enumerate(data["findings"], start=1):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("rule", "path", "fingerprint")):
            raise ConfigError(f"invalid baseline entry {n}: needs rule, path and fingerprint", path)
        out.append(Entry(rule=item["rule"], path=item["path"], match=str(item.get("match", "")),
                         context=str(item.get("context", "")), fingerprint=item["fingerprint"]))
    return Baseline(tuple(out), os.path.dirname(os.path.abspath(path)), path)
