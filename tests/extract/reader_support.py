"""Shared by the reader tests: the test pack, a compiled rule set, and lint helpers over real bytes."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from cxlint.engine import RuleSet, check
from cxlint.extract import format_for, read_document
from cxlint.model import Document, Finding
from cxlint.termpack import parse_pack

PACK = Path(__file__).resolve().parents[1] / "fixtures" / "extract-pack.yaml"


@lru_cache(maxsize=1)
def ruleset() -> RuleSet:
    return RuleSet(parse_pack(PACK.read_text(encoding="utf-8"), str(PACK)).rules)


def read(name: str, data: bytes | str, options: dict | None = None) -> Document:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return read_document(name, data, format_for(name), options)


def lint(doc: Document) -> list[Finding]:
    return check(doc, ruleset())


def lint_bytes(name: str, data: bytes | str, options: dict | None = None) -> list[Finding]:
    return lint(read(name, data, options))


def by_match(findings: list[Finding]) -> dict[str, Finding]:
    """Findings keyed by their match with whitespace normalised (each test phrase is unique)."""
    return {" ".join(f.match.split()): f for f in findings}


def where(f: Finding) -> dict:
    return dict(f.location.where)
