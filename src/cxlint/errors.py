"""Errors that stop a run with exit code 2 (usage, config, term pack), each naming file and line."""

from __future__ import annotations


class CxlintError(Exception):
    """A problem with how cxlint was asked to run; the CLI prints it and exits 2."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class PackError(CxlintError):
    """An invalid term pack: bad YAML, unknown key, wrong type, bad pattern or placeholder."""


class ConfigError(CxlintError):
    """An invalid configuration file or option."""


class InputFailure(Exception):
    """Raised by a reader for an input it cannot read; becomes a per-file error, never a crash."""


class InputSkipped(InputFailure):
    """An input that is not text at all (NUL bytes in a .txt): skipped with a notice, not counted as a failure."""
