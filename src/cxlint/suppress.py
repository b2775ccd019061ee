"""Pure: inline suppression directives — find them in source text, apply them to findings, report misuse (CX002).

Markdown and HTML use comments::

    <!-- cxlint-disable-line CX201 -- our legal name -->
    <!-- cxlint-disable-next-line experience-job-title -->
    <!-- cxlint-disable CX201,CX202 -->  ...  <!-- cxlint-enable -->

Plain text uses a marker, on a line of its own or at the end of a line::

    cxlint: disable-line CX201 -- reason
    cxlint: disable-next-line
    cxlint: disable CX2  ...  cxlint: enable

No codes means every rule; codes may be rule codes, code prefixes or names, separated by
commas or spaces; text after `` -- `` is the reason. CSV, JSON and the office formats carry
no directives: use a baseline for them.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from cxlint.model import Directive, Finding, LineIndex, Location, Severity

CODE = "CX002"
NAME = "unused-suppression"
BLOCK = "\ufffc"  # what masked directive text becomes (as in the Markdown reader)


class Action(str, enum.Enum):
    DISABLE_LINE = "disable-line"
    DISABLE_NEXT_LINE = "disable-next-line"
    DISABLE = "disable"
    ENABLE = "enable"


class Syntax(enum.Enum):
    COMMENT = "comment"  # <!-- cxlint-... -->
    MARKER = "marker"  # cxlint: ...


# Document.format → how directives are written there.
SYNTAX = {"markdown": Syntax.COMMENT, "html": Syntax.COMMENT, "text": Syntax.MARKER}

_ACTIONS = "disable-next-line|disable-line|disable|enable"
_COMMENT = re.compile(rf"<!--[ \t\r\n]*cxlint-({_ACTIONS})(?![\w-])(.*?)-->", re.S)
_MARKER = re.compile(rf"(?<![\w-])cxlint:[ \t]*({_ACTIONS})(?![\w-])([^\r\n]*)")
_RAW_TEXT = re.compile(r"<(script|style|textarea)\b.*?</\1\s*>", re.S | re.I)


@dataclass(frozen=True)
class Found:
    """A directive with where its text sits in the source (for masking and for CX002 locations)."""

    directive: Directive
    start: int
    end: int


def find(source: str, fmt: str) -> tuple[Found, ...]:
    """Every directive in ``source`` (a document of format ``fmt``), in source order."""
    syntax = SYNTAX.get(fmt)
    if syntax is None or "cxlint" not in source:
        return ()
    lines = LineIndex(source)
    out = []
    if syntax is Syntax.COMMENT:
        skip = _markdown_code(source) if fmt == "markdown" else _spans(_RAW_TEXT, source)
        matches = [m for m in _COMMENT.finditer(source) if not _inside(m.start(), skip)]
    else:
        matches = list(_MARKER.finditer(source))
    for m in matches:
        codes, reason = _body(m.group(2))
        line = lines.position(m.start())[0]
        end_line = lines.position(max(m.start(), m.end() - 1))[0]
        d = Directive(action=m.group(1), codes=codes, line=line, end_line=end_line, reason=reason)
        out.append(Found(d, m.start(), m.end()))
    return tuple(out)


def parse(source: str, fmt: str) -> tuple[Directive, ...]:
    return tuple(f.directive for f in find(source, fmt))


def mask_markers(text: str) -> str:
    """Same-length copy of plain text with every ``cxlint:`` marker blanked, so it is never read as prose."""
    if "cxlint" not in text:
        return text
    return _MARKER.sub(lambda m: BLOCK * len(m.group()), text)


def _body(raw: str) -> tuple[tuple[str, ...], str]:
    codes, _, reason = raw.partition("--")
    return tuple(c for c in re.split(r"[\s,]+", codes.strip()) if c), " ".join(reason.split())


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _markdown_code(source: str) -> list[tuple[int, int]]:
    """Code blocks and code spans: a directive shown as an example is not a directive."""
    from cxlint.extract.markdown import block_tokens, code_spans

    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", source)] + [len(source)]

    def offsets(line_map) -> tuple[int, int]:
        a, b = line_map
        return starts[min(a, len(starts) - 1)], starts[min(b, len(starts) - 1)]

    out = []
    for tok in block_tokens(source):  # block level only: inline parsing is slow on hostile text
        if not tok.map:
            continue
        if tok.type in ("fence", "code_block"):
            out.append(offsets(tok.map))
        elif tok.type == "inline":
            s, e = offsets(tok.map)
            out.extend((s + a, s + b) for a, b in code_spans(source[s:e]))
    return out


# --- applying them ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    kept: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]  # each with suppressed="inline"
    problems: tuple[Finding, ...]  # CX002 findings


@dataclass(frozen=True)
class _Cover:
    """Lines [first, last] where the rules ``include`` (None: all) minus ``exclude`` are off."""

    first: int
    last: int
    include: frozenset[str] | None
    exclude: frozenset[str]
    owner: int  # index of the directive that opened it

    def covers(self, f: Finding) -> bool:
        line = f.location.line
        end = f.location.end_line or line
        if line is None or end < self.first or line > self.last:
            return False
        if f.rule in self.exclude:
            return False
        return self.include is None or f.rule in self.include


def apply(
    findings: Sequence[Finding],
    found: Sequence[Found],
    rules: Iterable[tuple[str, str]],
    active: Iterable[str] | None = None,
    source: str = "",
    path: str = "",
) -> Outcome:
    """Split findings into kept and suppressed; report unknown codes and directives that did nothing.

    ``rules`` are (id, name) of every loaded rule, ``active`` the ids checked in this file
    (None: all of them). A directive naming only rules that are known but not checked here
    is not reported as unused: it may matter under another profile.
    """
    known = list(rules)
    active_ids = {rid for rid, _ in known} if active is None else set(active)
    lines = LineIndex(source) if source else None
    problems: list[Finding] = []
    covers: list[_Cover] = []
    named: dict[int, set[str]] = {}
    open_blocks: list[_Cover] = []
    last_line = 10**9

    for i, fd in enumerate(found):
        d = fd.directive
        ids: set[str] = set()
        for code in d.codes:
            hit = {rid for rid, name in known if rid == code or name == code or rid.startswith(code)}
            if not hit:
                problems.append(_problem(fd, f"unknown rule {code!r} in cxlint-{d.action}", source, lines, path))
            ids |= hit
        named[i] = ids
        include = frozenset(ids) if d.codes else None
        if d.codes and not ids:
            continue  # only unknown codes: already reported, and it covers nothing
        if d.action == Action.DISABLE_LINE:
            covers.append(_Cover(d.line, d.end_line, include, frozenset(), i))
        elif d.action == Action.DISABLE_NEXT_LINE:
            covers.append(_Cover(d.end_line + 1, d.end_line + 1, include, frozenset(), i))
        elif d.action == Action.DISABLE:
            open_blocks.append(_Cover(d.line, last_line, include, frozenset(), i))
        else:  # enable: close every open block (no codes) or carve the codes out of them
            closed_any = False
            still_open = []
            for b in open_blocks:
                if include is None or b.include is None or b.include & include:
                    closed_any = True
                    covers.append(replace(b, last=d.line))
                    if include is not None:
                        rest = replace(b, first=d.line, include=None if b.include is None else b.include - include,
                                       exclude=b.exclude | include if b.include is None else b.exclude)
                        if rest.include is None or rest.include:
                            still_open.append(rest)
                else:
                    still_open.append(b)
            open_blocks = still_open
            if not closed_any:
                problems.append(_problem(fd, "cxlint-enable without a cxlint-disable before it", source, lines, path))
    covers.extend(open_blocks)

    used: set[int] = set()
    kept, suppressed = [], []
    for f in findings:
        owners = [c.owner for c in covers if c.covers(f)]
        if owners:
            used.update(owners)
            suppressed.append(replace(f, suppressed="inline"))
        else:
            kept.append(f)

    for i, fd in enumerate(found):
        d = fd.directive
        if d.action == Action.ENABLE or i in used or (d.codes and not named[i]):
            continue
        if d.codes and not (named[i] & active_ids):
            continue
        what = f"cxlint-{d.action}" + (f" {','.join(d.codes)}" if d.codes else "")
        problems.append(_problem(fd, f"{what} suppressed nothing; remove it", source, lines, path))
    problems.sort(key=Finding.sort_key)
    return Outcome(tuple(kept), tuple(suppressed), tuple(problems))


def _problem(fd: Found, message: str, source: str, lines: LineIndex | None, path: str) -> Finding:
    d = fd.directive
    col = end_line = end_col = None
    excerpt, span = "", (0, 0)
    line = d.line
    if lines is not None:
        line, col = lines.position(fd.start)
        end_line, end_col = lines.position(fd.end)
        ls = lines.line_start(line)
        le = len(source)
        for ch in "\r\n":
            j = source.find(ch, fd.start)
            if j >= 0:
                le = min(le, j)
        excerpt, span = source[ls:le], (fd.start - ls, min(fd.end, le) - ls)
    text = source[fd.start:fd.end] if source else f"cxlint-{d.action}"
    return Finding(
        rule=CODE, name=NAME, severity=Severity.WARNING, message=message, match=" ".join(text.split()),
        location=Location(path=path, line=line, column=col, end_line=end_line, end_column=end_col, offset=fd.start),
        context=" ".join(text.split()).lower(), excerpt=excerpt, excerpt_span=span,
    )
