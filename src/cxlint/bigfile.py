"""Lint one huge plain-text file in several worker processes, one byte range each, as if read whole.

The file is cut at line breaks into one range per job. Each worker streams its range with
context on both sides (``stream.run_span``) and owns exactly its range, so a match across a
cut is found once. Lines, columns and offsets become global from each range's counts of line
breaks and characters. Acronym rules (the first mention in the file decides) are settled
afterwards from the acronyms each range mentions. For consistent-spelling rules (the first
spelling decides every later one) each range offers every spelling it sees as a candidate
finding for each other spelling that may come first, and says which came first in it; the
first range that uses a group decides, and only the candidates that assumed that spelling
stand. Anything
unusual (no fork, a byte-order mark, text that is not UTF-8, no line breaks to cut at) falls
back to one streamed pass.
"""

from __future__ import annotations

import codecs
import multiprocessing
import os
from typing import Callable

from cxlint import stream
from cxlint.engine import RuleSet, StreamChecker
from cxlint.kinds.acronym import AcronymMatcher
from cxlint.kinds.consistent import ConsistentMatcher
from cxlint.model import Document, Finding, evolve

# Files smaller than this per job are not worth the processes.
MIN_BYTES_PER_JOB = 8 * 1024 * 1024
# Ranges are at most about this long: small enough for workers to share the work evenly.
RANGE_BYTES = 8 * 1024 * 1024
# Bytes of context read on each side of a range: at least stream.CONTEXT characters.
_CONTEXT_BYTES = 4 * stream.CONTEXT
_STATE: dict = {}  # what forked workers inherit: rule set, active matchers, settle


def check_parallel(path: str, ruleset: RuleSet, jobs: int, active: frozenset[int] | None = None,
                   settle: Callable[[Document, list[Finding]], list[Finding]] = lambda doc, fs: fs,
                   on_bytes: Callable[[int], None] | None = None,
                   ) -> tuple[list[Finding], tuple[str, ...]]:
    """Findings of a whole plain-text file and notices, as ``stream.check_stream`` gives them;
    ``on_bytes`` hears how many bytes are done (the ranges done so far, in file order)."""
    cuts = _cuts(path, jobs)
    if cuts is None:
        with open(path, "rb") as fh:
            return stream.check_stream(path, fh, ruleset, active, settle, on_bytes)
    everyone = frozenset(range(len(ruleset.matchers))) if active is None else active
    consistent = frozenset(i for i in everyone if isinstance(ruleset.matchers[i], ConsistentMatcher))
    _STATE.update(ruleset=ruleset, active=everyone, consistent=consistent, settle=settle, path=path)
    from concurrent.futures import ProcessPoolExecutor

    ranges = list(zip(cuts, cuts[1:]))
    findings: list[Finding] = []
    lines = chars = 0
    mentioned: dict[str, set[int]] = {}  # acronym rule id -> acronyms mentioned in earlier ranges
    winners: dict[int, dict[int, int]] = {}  # consistent matcher -> group -> the file's first spelling
    failed = False
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        parts = pool.map(_lint_range, ranges)  # in file order, as they come: one range in memory at a time
        for k, part in enumerate(parts, 1):
            if part is None or failed:
                failed = True
                continue
            found, breaks, count, firsts, (left_lines, left_chars), candidates, first_forms = part
            move = (lines - left_lines, chars - left_chars)
            for f, acronym in found:
                if acronym is not None and acronym[1] in mentioned.get(acronym[0], ()):
                    continue  # not the file's first mention of this acronym
                findings.append(_shift(f, *move))
            for rule_id, which in firsts.items():
                mentioned.setdefault(rule_id, set()).update(which)
            # The first spelling of a group in the first range that uses it is the file's first;
            # a candidate stands if its spelling is not that one and it assumed that one.
            for mi, forms in first_forms.items():
                for g, f in forms.items():
                    winners.setdefault(mi, {}).setdefault(g, f)
            for f, (mi, g, used, assumed) in candidates:
                if used != winners[mi][g] == assumed:
                    findings.append(_shift(f, *move))
            lines += breaks
            chars += count
            del found, part, candidates
            if on_bytes is not None:
                on_bytes(cuts[k])  # the end of range k
    _STATE.clear()
    if failed:  # not UTF-8 after all: one pass, which says how it decoded
        with open(path, "rb") as fh:
            return stream.check_stream(path, fh, ruleset, active, settle, on_bytes)
    return findings, ()


def _cuts(path: str, jobs: int) -> list[int] | None:
    """Byte offsets of the ranges (each after a line feed; at least ``jobs``), or None to lint in one pass."""
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods() or multiprocessing.parent_process() is not None:
        return None
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            head = fh.read(8192)
            if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
                return None
            if min(jobs, size // MIN_BYTES_PER_JOB) < 2:
                return None
            # More ranges than jobs once the file is big: each range's findings travel back to
            # this process on their own, so memory holds one range's worth at a time.
            n = max(jobs, -(-size // RANGE_BYTES))
            cuts = [0]
            for k in range(1, n):
                fh.seek(size * k // n)
                probe = fh.read(1 << 16)
                nl = probe.find(b"\n")
                at = size * k // n + nl + 1
                if nl >= 0 and cuts[-1] < at < size:
                    cuts.append(at)
    except OSError:
        return None
    cuts.append(size)
    return cuts if len(cuts) > 2 else None


def _lint_range(span: tuple[int, int]):
    """What one range gives the parent; None if the text is not UTF-8.

    (findings with their acronym, line breaks, characters, acronyms mentioned, (line breaks,
    characters) of the context before the range, consistent-spelling candidates with their tags,
    the first spelling of each group). Findings and candidates count lines and offsets from the
    start of that context: the parent moves them to the file's.
    """
    ruleset, active, settle, path = _STATE["ruleset"], _STATE["active"], _STATE["settle"], _STATE["path"]
    consistent = _STATE["consistent"]
    b0, b1 = span
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        lo = _char_start(fh, max(0, b0 - _CONTEXT_BYTES), size)
        hi = _char_start(fh, min(size, b1 + _CONTEXT_BYTES), size)
        fh.seek(lo)
        left = fh.read(b0 - lo)
        fh.seek(b1)
        right = fh.read(hi - b1)
        try:
            left_text, right_text = left.decode("utf-8"), right.decode("utf-8")
            fh.seek(lo)
            reader = _Slice(fh, hi - lo)
            checker = StreamChecker(ruleset, active, deferred=consistent)
            candidates: list = []
            found, breaks, chars = stream.run_span(
                path, reader, reader.read(stream.READ_BYTES), codecs.getincrementaldecoder("utf-8")("strict"),
                checker, settle, own_from=len(left_text), tail=len(right_text), candidates=candidates)
        except UnicodeDecodeError:
            return None
    left_breaks = stream._line_breaks(left_text)
    acronyms = {i: m for i, m in enumerate(ruleset.matchers) if isinstance(m, AcronymMatcher)}
    # Lines and offsets still count from the context before the range: the parent moves them
    # once, to the file's, instead of twice.
    out = [(f, _acronym_of(ruleset, acronyms, f)) for f in found]
    firsts = {m.rule.id: {ev[2] for ev in checker.carried[i]} for i, m in acronyms.items()}
    own_breaks = breaks - left_breaks - stream._line_breaks(right_text)
    return (out, own_breaks, chars - len(left_text) - len(right_text), firsts, (left_breaks, len(left_text)),
            candidates, checker.first_forms)


def _acronym_of(ruleset: RuleSet, acronyms: dict, f: Finding) -> tuple[str, int] | None:
    """(rule id, acronym index) of an acronym finding, else None."""
    for m in acronyms.values():
        if m.rule.id == f.rule:
            for i, entry in enumerate(m.entries):
                if entry[1].fullmatch(f.match):
                    return m.rule.id, i
    return None


def _char_start(fh, at: int, size: int) -> int:
    """``at`` moved forward past UTF-8 continuation bytes, to the start of a character."""
    fh.seek(at)
    probe = fh.read(4)
    k = 0
    while k < len(probe) and 0x80 <= probe[k] < 0xC0:
        k += 1
    return min(size, at + k)


def _shift(f: Finding, lines: int, chars: int) -> Finding:
    loc = f.location
    if loc.line is None or (not lines and not chars):
        return f
    # evolve, not dataclasses.replace: this was most of the parent's time with 20,000 findings.
    return evolve(f, location=evolve(loc, line=loc.line + lines, end_line=loc.end_line + lines,
                                     offset=None if loc.offset is None else loc.offset + chars))


class _Slice:
    """The next ``n`` bytes of a file, read in chunks."""

    def __init__(self, fh, n: int) -> None:
        self.fh = fh
        self.left = n

    def read(self, size: int) -> bytes:
        data = self.fh.read(min(size, self.left))
        self.left -= len(data)
        return data
