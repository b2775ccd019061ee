"""SARIF 2.1.0 output: one run with rule metadata, results, fixes, suppressions and input errors.

Checked against the OASIS schema in the tests, and shaped for GitHub code scanning: stable
``partialFingerprints``, rules carrying their explanations, regions only where a format has lines
(slides, pages and rows become logical locations instead).
"""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePath
from typing import Any, Mapping
from urllib.parse import quote

from cxlint.model import Finding, InputError, Report, Severity
from cxlint.report.fingerprint import fingerprints, normal_path

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/cxlint/"
FINGERPRINT_KEY = "cxlint/v1"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SUPPRESSION_KIND = {"inline": "inSource", "baseline": "external"}
UNREADABLE = {
    "id": "CX001",
    "name": "unreadable-input",
    "shortDescription": {"text": "An input could not be read; the other inputs were still checked."},
    "defaultConfiguration": {"level": "error"},
}


def render(report: Report, ctx) -> str:
    return json.dumps(to_dict(report, ctx), indent=2, ensure_ascii=False) + "\n"


def to_dict(report: Report, ctx) -> dict:
    rule_ids = _rule_ids(report)
    index = {rid: i for i, rid in enumerate(rule_ids)}
    records: Mapping[str, Any] = getattr(ctx, "rules", None) or {}
    seen_names = {f.rule: f.name for f in (*report.findings, *report.suppressed)}
    rules = [_descriptor(rid, records.get(rid), seen_names.get(rid, "")) for rid in rule_ids]

    # Active and suppressed findings share one sorted list so that fingerprints of equal
    # findings count occurrences the same way whichever of them a baseline silenced.
    everything = sorted((*report.findings, *report.suppressed), key=lambda f: (f.sort_key(), f.suppressed))
    prints = fingerprints(everything)
    results = [_result(f, index[f.rule], fp) for f, fp in zip(everything, prints)]

    notifications = [_unreadable(e) for e in report.errors]
    notifications += [{"level": "note", "message": {"text": n}} for n in report.notices]
    invocation: dict[str, Any] = {
        # The run finished: unreadable inputs are reported as error notifications (and make the
        # exit code 1), they do not mean the tool itself failed.
        "executionSuccessful": True,
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications

    driver: dict[str, Any] = {"name": "cxlint"}
    version = getattr(ctx, "tool_version", "")
    if version:
        driver["version"] = version
        driver["semanticVersion"] = version
    driver.update(informationUri=INFORMATION_URI, rules=rules, notifications=[UNREADABLE])
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"filesChecked": report.files, "inputErrors": len(report.errors)},
            }
        ],
    }


def _rule_ids(report: Report) -> list[str]:
    """Every rule of the run, in run order; rules only seen in findings (e.g. from an old baseline) after."""
    ids = list(dict.fromkeys(report.rules))
    known = set(ids)
    extra = sorted({f.rule for f in (*report.findings, *report.suppressed)} - known)
    return ids + extra


def _descriptor(rid: str, rule, seen_name: str) -> dict:
    if rule is None:
        name = seen_name or rid
        return {"id": rid, "name": name, "shortDescription": {"text": name}}
    explain = " ".join(rule.explain.split()) or rule.name
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": _first_sentence(explain)},
        "fullDescription": {"text": explain},
        "help": {"text": _help_text(rule, explain), "markdown": _help_markdown(rule, explain)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "family": rule.family.value,
            "kind": rule.kind.value,
            "fixable": rule.fixable,
            "tags": ["cxlint", rule.family.value],
        },
    }


# A sentence ends at . ! or ? followed by a capital: "i.e. our team" does not end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“'‘(])")


def _first_sentence(text: str) -> str:
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    return first if len(first) <= 200 else first[:199] + "…"


def _help_text(rule, explain: str) -> str:
    lines = [explain]
    if rule.suggest:
        lines.append("Instead: " + " | ".join(rule.suggest))
    if rule.examples.flag:
        lines.append("Flagged: " + " | ".join(rule.examples.flag))
    if rule.examples.passes:
        lines.append("Not flagged: " + " | ".join(rule.examples.passes))
    return "\n".join(lines)


def _help_markdown(rule, explain: str) -> str:
    parts = [explain]
    if rule.suggest:
        parts.append("**Instead:** " + ", ".join(f"`{s}`" for s in rule.suggest))
    if rule.examples.flag:
        parts.append("**Flagged:**\n" + "\n".join(f"- {x}" for x in rule.examples.flag))
    if rule.examples.passes:
        parts.append("**Not flagged:**\n" + "\n".join(f"- {x}" for x in rule.examples.passes))
    return "\n\n".join(parts)


def artifact_location(path: str) -> dict:
    if PurePath(path).is_absolute():
        try:
            return {"uri": Path(path).as_uri()}
        except ValueError:
            pass
    # Relative paths are relative to where cxlint ran, normally the repository root.
    return {"uri": quote(normal_path(path), safe="/"), "uriBaseId": "%SRCROOT%"}


def _region(f: Finding) -> dict | None:
    loc = f.location
    if loc.line is None:
        return None
    region: dict[str, Any] = {"startLine": loc.line}
    if loc.column is not None:
        region["startColumn"] = loc.column
    if loc.end_line is not None:
        region["endLine"] = loc.end_line
    if loc.end_column is not None:
        region["endColumn"] = loc.end_column
    if f.match:
        region["snippet"] = {"text": f.match}
    return region


def _logical(f: Finding) -> list[dict]:
    loc = f.location
    if not loc.where and not loc.anchor:
        return []
    where = dict(loc.where)
    name = loc.anchor or " › ".join(f"{k} {v}" for k, v in loc.where)
    logical: dict[str, Any] = {
        "name": name,
        "fullyQualifiedName": f"{normal_path(loc.path)} › {name}",
        # The outermost place names the kind: slide, page, row, field, paragraph…
        "kind": loc.where[0][0] if loc.where else "text",
    }
    if where:
        logical["properties"] = {"location": {k: v for k, v in where.items()}}
    return [logical]


def _result(f: Finding, rule_index: int, fingerprint: str) -> dict:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(f.path)}
    region = _region(f)
    if region:
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    logical = _logical(f)
    if logical:
        location["logicalLocations"] = logical
    text = " ".join(f.message.split())
    if region is None and f.location.anchor:
        # Viewers such as GitHub show the message but not logical locations: say where in it.
        text = f"{f.location.anchor}: {text}"
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVEL[f.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"match": f.match, "scope": f.scope.value, "suggestions": list(f.suggestions)},
    }
    if f.fix is not None:
        result["fixes"] = [_fix(f)]
    if f.suppressed:
        result["suppressions"] = [{"kind": SUPPRESSION_KIND.get(f.suppressed, "external"), "status": "accepted"}]
    return result


def _fix(f: Finding) -> dict:
    edit = f.fix
    deleted: dict[str, Any] = {"charOffset": edit.start, "charLength": edit.end - edit.start}
    loc = f.location
    # The engine's fixes replace exactly the match; then the finding's region is the fix's too.
    if loc.line is not None and loc.offset == edit.start and edit.end - edit.start == len(f.match):
        deleted.update(startLine=loc.line, startColumn=loc.column, endLine=loc.end_line, endColumn=loc.end_column)
    return {
        "description": {"text": f"Replace '{f.match}' with '{edit.replacement}'"},
        "artifactChanges": [
            {
                "artifactLocation": artifact_location(f.path),
                "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": edit.replacement}}],
            }
        ],
    }


def _unreadable(e: InputError) -> dict:
    return {
        "level": "error",
        "message": {"text": f"{e.path}: {e.message}"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(e.path)}}],
        "descriptor": {"id": UNREADABLE["id"], "index": 0},
    }
