"""Stable finding fingerprints for CI systems that track issues across runs (GitLab, SARIF).

A fingerprint must survive edits elsewhere in the file, so it is built from what the finding is
(rule, file, the matched words, the words around them), never from its line or column. Two
findings with the same key in one file are told apart by their order of appearance.
"""

from __future__ import annotations

import hashlib
from typing import Iterable

from cxlint.model import Finding


def normal_path(path: str) -> str:
    """The same file spelled the same way on Windows and POSIX runners."""
    p = path.replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return p


def _key(f: Finding) -> tuple[str, ...]:
    return (f.rule, normal_path(f.path), " ".join(f.match.casefold().split()), f.context)


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """One sha256 hex digest per finding, in the order given (the report's sorted order)."""
    seen: dict[tuple[str, ...], int] = {}
    out = []
    for f in findings:
        key = _key(f)
        n = seen.get(key, 0) + 1
        seen[key] = n
        parts = key if n == 1 else (*key, str(n))
        out.append(hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest())
    return out
