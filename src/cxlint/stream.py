"""Lint a huge plain-text file in overlapping windows, in bounded memory, as if it were read whole.

Each text position is owned by exactly one window and is checked with at least ``CONTEXT``
characters of text on both sides, so a match across a window edge is found once. Lines and
columns are made global from a running count of line breaks.
"""

from __future__ import annotations

import codecs
from typing import BinaryIO, Callable

from cxlint.engine import RuleSet, StreamChecker
from cxlint.errors import InputSkipped
from cxlint.extract.text import read_text
from cxlint.model import Document, Finding, evolve

# Plain-text files larger than this are streamed instead of read whole.
STREAM_THRESHOLD = 32 * 1024 * 1024
WINDOW_CHARS = 4 * 1024 * 1024
CONTEXT = 4096  # no phrase, context window or excerpt reaches further than this
READ_BYTES = 1024 * 1024


def _line_breaks(text: str) -> int:
    n = text.count("\n")
    if "\r" in text:  # a quick scan; most texts have none, and then two counts are saved
        n += text.count("\r") - text.count("\r\n")
    return n


def _decoder_for(head: bytes):
    """(incremental decoder, bytes of BOM to skip) for the start of a file."""
    if head.startswith(codecs.BOM_UTF8):
        return codecs.getincrementaldecoder("utf-8")("strict"), 3
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return codecs.getincrementaldecoder("utf-16")("strict"), 0
    if b"\x00" in head[:8192]:
        raise InputSkipped("binary file (contains NUL bytes); skipped")  # a notice, as for small files
    return codecs.getincrementaldecoder("utf-8")("strict"), 0


def check_stream(
    path: str,
    fh: BinaryIO,
    ruleset: RuleSet,
    active: frozenset[int] | None = None,
    settle: Callable[[Document, list[Finding]], list[Finding]] = lambda doc, fs: fs,
    on_bytes: Callable[[int], None] | None = None,
) -> tuple[list[Finding], tuple[str, ...]]:
    """Findings of a whole file read through ``fh``, plus notices; ``on_bytes`` hears how many
    bytes are done after each window."""
    head = fh.read(READ_BYTES)
    try:
        decoder, skip = _decoder_for(head)
        return _run(path, fh, head[skip:], decoder, ruleset, active, settle, on_bytes), ()
    except UnicodeDecodeError as exc:
        # Not UTF-8 after all: start again as Windows-1252, which accepts nearly every byte.
        fh.seek(0)
        notice = f"{path}: not valid UTF-8 (near byte {exc.start}); decoded as cp1252"
        decoder = codecs.getincrementaldecoder("cp1252")("replace")
        return _run(path, fh, fh.read(READ_BYTES), decoder, ruleset, active, settle, on_bytes), (notice,)


def _run(path, fh, first, decoder, ruleset, active, settle, on_bytes=None) -> list[Finding]:
    return run_span(path, fh, first, decoder, StreamChecker(ruleset, active), settle, on_bytes=on_bytes)[0]


def run_span(path, fh, first, decoder, checker: StreamChecker, settle, own_from: int = 0,
             tail: int = 0, candidates: list | None = None,
             on_bytes: Callable[[int], None] | None = None) -> tuple[list[Finding], int, int]:
    """Findings of the text read through ``fh``, except its first ``own_from`` and last ``tail``
    characters, which are context only (bigfile.py lints one range of a file so); also the
    text's line breaks and characters in all. Lines and offsets count from the text's start.
    The checker's candidate findings (StreamChecker ``deferred``) go to ``candidates``, settled
    and placed the same way, each with its tag."""
    findings: list[Finding] = []
    buf = ""  # text from global offset buf_base on
    buf_base = 0
    lines_before_buf = 0  # line breaks before buf_base
    last_break_before_buf = -1  # global offset of the last line break before buf_base
    own_start = own_from
    pending = first
    while True:
        if pending is not None:
            chunk, pending = pending, None
        else:
            chunk = fh.read(READ_BYTES)
        eof = not chunk
        buf += decoder.decode(chunk, final=eof)
        have = buf_base + len(buf)
        # Owned text needs CONTEXT characters after it, and the tail is never owned.
        goal = have - tail if eof else have - max(CONTEXT, tail)
        if not eof and goal - own_start < WINDOW_CHARS:
            continue
        own_end = max(own_start, goal)
        if own_end > own_start:
            w0 = _not_inside_crlf(buf, buf_base, max(buf_base, own_start - CONTEXT))
            window = buf[w0 - buf_base : min(have, own_end + CONTEXT) - buf_base]
            # Where the window sits among the file's lines.
            before = buf[: w0 - buf_base]
            line0 = lines_before_buf + _line_breaks(before)
            nl = max(before.rfind("\n"), before.rfind("\r"))
            line_start = buf_base + nl + 1 if nl >= 0 else last_break_before_buf + 1
            col0 = w0 - line_start
            doc = read_text(path, window)
            for f in settle(doc, checker.feed(doc, own_start - w0, own_end - w0)):
                findings.append(_globalise(f, w0, line0, col0))
            if candidates is not None:
                for f, tag in checker.candidates:
                    candidates.extend((_globalise(g, w0, line0, col0), tag) for g in settle(doc, [f]))
            checker.candidates.clear()
            own_start = own_end
            if on_bytes is not None:
                on_bytes(fh.tell())
        if eof:
            break
        # Keep only what the next window needs as left context.
        drop = _not_inside_crlf(buf, buf_base, max(buf_base, own_start - CONTEXT)) - buf_base
        if drop:
            dropped = buf[:drop]
            lines_before_buf += _line_breaks(dropped)
            nl = max(dropped.rfind("\n"), dropped.rfind("\r"))
            if nl >= 0:
                last_break_before_buf = buf_base + nl
            buf = buf[drop:]
            buf_base += drop
    return findings, lines_before_buf + _line_breaks(buf), buf_base + len(buf)


def _not_inside_crlf(buf: str, buf_base: int, at: int) -> int:
    """``at``, or one less if it falls between a CR and its LF: the pair is one line break, and
    counting the halves on either side of a cut would count it twice."""
    i = at - buf_base
    if 0 < i < len(buf) and buf[i - 1] == "\r" and buf[i] == "\n":
        return at - 1
    return at


def _globalise(f: Finding, w0: int, line0: int, col0: int) -> Finding:
    loc = f.location
    if loc.line is None:
        return f
    col = loc.column + col0 if loc.line == 1 else loc.column
    end_col = loc.end_column + col0 if loc.end_line == 1 else loc.end_column
    new = evolve(
        loc, line=loc.line + line0, column=col, end_line=loc.end_line + line0, end_column=end_col,
        offset=None if loc.offset is None else loc.offset + w0,
    )
    # Offsets into a window cannot drive --fix on the whole file: streamed files are not fixed.
    return evolve(f, location=new, fix=None)

