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
    SARIF = "sarif"
    GITHUB = "github"
    GITLAB = "gitlab"
    CHECKSTYLE = "checkstyle"
    JUNIT = "junit"


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
    OutputFormat.SARIF: "cxlint.report.sarif",
    OutputFormat.GITHUB: "cxlint.report.github",
    OutputFormat.GITLAB: "cxlint.report.gitlab",
    OutputFormat.CHECKSTYLE: "cxlint.report.checkstyle",
    OutputFormat.JUNIT: "cxlint.report.junit",
}


def render(fmt: OutputFormat, report: Report, ctx: RenderContext) -> str:
    return importlib.import_module(MODULES[fmt]).render(report, ctx)
