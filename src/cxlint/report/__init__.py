"""Formatter registry: each output format is a module with ``render(report, ctx) -> str``."""

from __future__ import annotations

import enum
import importlib
from dataclasses import dataclass, field
from typing import Mapping

from cxlint.model import Report, Severity
from cxlint.termpack import Rule


class OutputFormat(str, enum.Enum):
    RICH = "rich"
    TEXT = "text"
    JSON = "json"


@dataclass(frozen=True)
class RenderContext:
    """What a formatter may know besides the report itself."""

    rules: Mapping[str, Rule] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    color: bool = False
    tool_version: str = ""


MODULES = {
    OutputFormat.RICH: "cxlint.report.terminal",
    OutputFormat.TEXT: "cxlint.report.text",
    OutputFormat.JSON: "cxlint.report.json_report",
}


def render(fmt: OutputFormat, report: Report, ctx: RenderContext) -> str:
    return importlib.import_module(MODULES[fmt]).render(report, ctx)
