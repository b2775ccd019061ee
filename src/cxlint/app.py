"""One run: packs → rule set → discover → read → check → Report, and the exit code it implies."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Callable, Sequence

from cxlint.discovery import Input, discover
from cxlint.engine import RuleSet, Selection, check
from cxlint.errors import InputFailure
from cxlint.extract import read_document, supported
from cxlint.model import Document, Finding, InputError, Report, Severity
from cxlint.termpack import Rule, load_packs, merge_rules

DEFAULT_MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class RunOptions:
    paths: tuple[str, ...]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()
    builtin: bool = True
    fail_on: Severity = Severity.WARNING
    stdin_filename: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    reader_options: dict = field(default_factory=dict)


def load_rules(packs: Sequence[str] = (), builtin: bool = True) -> list[Rule]:
    return merge_rules(load_packs(packs, builtin=builtin))


def build_ruleset(opts: RunOptions) -> RuleSet:
    rules = Selection(opts.select, opts.ignore).apply(load_rules(opts.packs, opts.builtin))
    return RuleSet(rules)


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    error: InputError | None = None
    notices: tuple[str, ...] = ()
    document: Document | None = None


def read_input(item: Input, opts: RunOptions, stdin: Callable[[], bytes] | None = None) -> bytes:
    if item.stdin:
        return (stdin or (lambda: sys.stdin.buffer.read()))()
    size = os.path.getsize(item.path)
    if size > opts.max_bytes:
        raise InputFailure(f"file is {size:,} bytes, over the {opts.max_bytes:,}-byte limit (--max-bytes)")
    with open(item.path, "rb") as fh:
        return fh.read()


def check_input(item: Input, ruleset: RuleSet, opts: RunOptions, stdin=None, keep_document: bool = False) -> FileResult:
    """Read and lint one input; every failure becomes a FileResult with an error, never an exception."""
    if item.problem:
        return FileResult(item.path, error=InputError(item.path, item.problem))
    if item.format is None or not supported(item.format):
        return FileResult(item.path, error=InputError(item.path, "unsupported file type"))
    try:
        data = read_input(item, opts, stdin)
        doc = read_document(item.path, data, item.format, opts.reader_options)
        findings = tuple(check(doc, ruleset))
    except InputFailure as exc:
        return FileResult(item.path, error=InputError(item.path, str(exc)))
    except OSError as exc:
        return FileResult(item.path, error=InputError(item.path, f"cannot read: {exc.strerror or exc}"))
    except MemoryError:
        return FileResult(item.path, error=InputError(item.path, "out of memory while reading; skipped"))
    except RecursionError:
        return FileResult(item.path, error=InputError(item.path, "structure nested too deeply; skipped"))
    except Exception as exc:  # noqa: BLE001 - one bad input must never stop the others
        return FileResult(item.path, error=InputError(item.path, f"could not be read ({type(exc).__name__}: {exc})"))
    return FileResult(item.path, findings, notices=doc.notices, document=doc if keep_document else None)


def run(opts: RunOptions, stdin=None) -> Report:
    ruleset = build_ruleset(opts)
    inputs = discover(opts.paths, opts.stdin_filename)
    results = [check_input(item, ruleset, opts, stdin) for item in inputs]
    return assemble(results, ruleset)


def assemble(results: Sequence[FileResult], ruleset: RuleSet) -> Report:
    findings: list[Finding] = []
    errors: list[InputError] = []
    notices: list[str] = []
    for r in results:
        findings.extend(r.findings)
        notices.extend(r.notices)
        if r.error:
            errors.append(r.error)
    findings.sort(key=Finding.sort_key)
    errors.sort(key=lambda e: e.path)
    return Report(
        findings=tuple(findings), errors=tuple(errors),
        files=sum(1 for r in results if r.error is None),
        rules=tuple(r.id for r in ruleset.rules), notices=tuple(notices),
    )


def exit_code(report: Report, fail_on: Severity) -> int:
    """0 clean, 1 findings at or above ``fail_on`` or an input that could not be read."""
    if report.errors:
        return 1
    return 1 if any(f.severity >= fail_on for f in report.findings) else 0
