"""Checkstyle XML: a ``file`` element per file with findings or an input error, an ``error`` element for each."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from cxlint.model import Report, Severity
from cxlint.report.xmlsafe import clean, to_string

SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
FORMAT_VERSION = "4.3"  # the checkstyle report version that CI plugins (Jenkins, reviewdog) parse


def render(report: Report, ctx) -> str:
    root = ET.Element("checkstyle", version=FORMAT_VERSION)
    files: dict[str, ET.Element] = {}

    def file_element(path: str) -> ET.Element:
        if path not in files:
            files[path] = ET.Element("file", name=clean(path))
        return files[path]

    for f in report.findings:
        loc = f.location
        attrs = {}
        if loc.line is not None:
            attrs["line"] = str(loc.line)
            if loc.column is not None:
                attrs["column"] = str(loc.column)
        message = " ".join(f.message.split())
        if loc.line is None and loc.anchor:
            message = f"{loc.anchor}: {message}"
        attrs.update(severity=SEVERITY[f.severity], message=clean(message), source=f"cxlint.{f.rule}.{f.name}")
        ET.SubElement(file_element(loc.path), "error", attrs)
    for e in report.errors:
        ET.SubElement(file_element(e.path), "error", severity="error",
                      message=clean(f"could not be read: {e.message}"), source="cxlint.CX001.unreadable-input")
    for path in sorted(files):
        root.append(files[path])
    return to_string(root)
