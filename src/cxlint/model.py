"""Frozen records shared by every stage of the pipeline: severities, segments, findings, reports."""

from __future__ import annotations

import bisect
import enum
import functools
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, Mapping


class Severity(enum.IntEnum):
    """Ordered so that ``finding.severity >= fail_on`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use info, warning or error)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Scope(str, enum.Enum):
    """Where a piece of text sits in its document; rules may restrict or grade by scope."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"
    TABLE_CELL = "table.cell"
    BODY = "body"
    NOTES = "notes"
    ALT = "alt"
    META = "meta"
    HEADER = "header"
    FOOTER = "footer"
    QUOTE = "quote"
    JOB_TITLE = "job.title"
    JOB_DESCRIPTION = "job.description"
    JOB_FIELD = "job.field"
    VALUE = "value"
    CODE = "code"

    def __str__(self) -> str:  # so f-strings and YAML show "job.title", not "Scope.JOB_TITLE"
        return self.value


@dataclass(frozen=True)
class SourceMap:
    """Maps offsets in a segment's text to offsets in the source file.

    Stored as breakpoints: from ``seg[i]`` on, segment offsets advance in step with source
    offsets starting at ``src[i]``. Identity slices need one breakpoint; readers that decode
    entities or join runs add one per piece.
    """

    seg: tuple[int, ...] = (0,)
    src: tuple[int, ...] = (0,)

    @staticmethod
    @functools.lru_cache(maxsize=4096)
    def shifted(base: int) -> "SourceMap":
        """The map of a slice of the source that starts at ``base``.

        Shared, not built each time: maps are immutable, and Markdown needs one per block, at
        offsets that recur from file to file (a sixth of the cost of a block's segment).
        """
        return SourceMap((0,), (base,))

    def to_source(self, offset: int) -> int:
        i = bisect.bisect_right(self.seg, offset) - 1
        if i < 0:
            i = 0
        base = self.src[i] + (offset - self.seg[i])
        # Never run past the start of the next piece (decoded entities are shorter in the
        # segment than in the source, so the next breakpoint is the true upper bound).
        if i + 1 < len(self.src):
            base = min(base, self.src[i + 1])
        return base


@dataclass(frozen=True)
class Segment:
    """One run of prose from a document, with where it came from."""

    text: str
    scope: Scope = Scope.PARAGRAPH
    anchor: str = ""  # human-readable place, e.g. "slide 4 › Title 1"
    where: tuple[tuple[str, Any], ...] = ()  # machine-readable place, JSON "location"
    source_map: SourceMap | None = None  # None: the format has no lines (pptx, docx, pdf)


@dataclass(frozen=True)
class Directive:
    """An inline suppression comment found by a reader (see suppress.py)."""

    action: str  # "disable-line" | "disable-next-line" | "disable" | "enable"
    codes: tuple[str, ...]  # empty means every rule
    line: int  # 1-based line the directive sits on
    end_line: int  # last line the directive occupies
    reason: str = ""


@dataclass(frozen=True)
class Document:
    """What a reader makes of one input."""

    path: str
    format: str
    segments: tuple[Segment, ...]
    source: str | None = None  # full text for formats that have lines
    directives: tuple[Directive, ...] = ()
    notices: tuple[str, ...] = ()  # non-fatal remarks, e.g. "decoded as cp1252"


@dataclass(frozen=True)
class Edit:
    """Replace ``source[start:end]`` with ``replacement`` (source offsets)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Location:
    path: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    anchor: str = ""
    where: tuple[tuple[str, Any], ...] = ()
    offset: int | None = None  # source offset of the match start, for sorting and fixes
    seq: int = 0  # document order where there are no lines (segment number, then position)

    def display(self) -> str:
        """``path:line:col`` where there are lines, else ``path › anchor``."""
        if self.line is not None:
            return f"{self.path}:{self.line}:{self.column}"
        if self.anchor:
            return f"{self.path} › {self.anchor}"
        return self.path


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: Severity
    message: str
    match: str
    location: Location
    suggestions: tuple[str, ...] = ()
    fix: Edit | None = None
    scope: Scope = Scope.PARAGRAPH
    context: str = ""  # neighbouring words, for baseline fingerprints
    suppressed: str = ""  # "", "inline" or "baseline"
    excerpt: str = ""  # the source line (or a slice of the segment) holding the match
    excerpt_span: tuple[int, int] = (0, 0)  # the match within the excerpt

    @property
    def path(self) -> str:
        return self.location.path

    def sort_key(self) -> tuple:
        loc = self.location
        return (
            loc.path,
            loc.line if loc.line is not None else 0,
            loc.column if loc.column is not None else 0,
            loc.seq,
            _where_key(loc.where) if loc.where else (),  # most findings have none: no generator to run
            self.rule,
            self.match,
        )


def evolve(record, **changes):
    """A copy of a frozen record with some fields changed: ``dataclasses.replace`` without its
    field lookups on every call, for the hot paths that move thousands of findings. Only for
    records whose fields are all ``__init__`` arguments.

    It goes through the constructor: an object whose ``__dict__`` was filled by hand keeps a dict
    of its own, which made 300,000 findings take 40 MB more.
    """
    return type(record)(**{**record.__dict__, **changes})


def _where_key(where: tuple[tuple[str, Any], ...]) -> tuple:
    return tuple((k, v if isinstance(v, int) else 0, str(v)) for k, v in where)


@dataclass(frozen=True)
class InputError:
    """An input that could not be read: reported, counted, never fatal to the run."""

    path: str
    message: str


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...] = ()
    errors: tuple[InputError, ...] = ()
    files: int = 0
    rules: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    suppressed: tuple[Finding, ...] = ()  # findings silenced inline or by a baseline
    meta: Mapping[str, Any] = field(default_factory=dict)

    def by_severity(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.severity.label] = counts.get(f.severity.label, 0) + 1
        return counts


def lf_line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts, counting line feeds only (0 first).

    Summed in C from the lengths of the lines: a find loop in Python costs more than the rest
    of a small file's check.
    """
    return list(accumulate(map((1).__add__, map(len, text.split("\n")[:-1])), initial=0))


class LineIndex:
    """Offsets to 1-based (line, column) in code points; CRLF and lone CR end lines too."""

    def __init__(self, text: str) -> None:
        n = len(text)
        starts = lf_line_starts(text)
        if "\r" in text:  # lone "\r" breaks are patched in only if the text has any
            extra = [m + 1 for m in _lone_cr(text)]
            if extra:
                starts = sorted(set(starts).union(extra))
        self._starts = starts
        self._n = n

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    def line_count(self) -> int:
        return len(self._starts)


def _lone_cr(text: str):
    i = text.find("\r")
    while i >= 0:
        if i + 1 >= len(text) or text[i + 1] != "\n":
            yield i
        i = text.find("\r", i + 1)
