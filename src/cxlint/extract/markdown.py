"""Markdown reader: prose blocks (extract/mdblocks.py), with code, link targets and comments masked.

Each segment is the raw source of one block with non-prose characters replaced in place, so
segment offsets equal source offsets (plus the block start) and line/column stay exact. Markup
that sits between words of a phrase (emphasis markers, list and quote markers, link targets)
becomes spaces, so a phrase still matches across it; code and comments become U+FFFC, which no
phrase can cross.
"""

from __future__ import annotations

import re

from cxlint.extract.mdblocks import MAX_NESTING, block_tokens, has_lone_cr, prose_blocks  # noqa: F401 - block_tokens for suppress
from cxlint.model import Document, Scope, Segment, SourceMap, lf_line_starts

BLOCK = "\ufffc"  # stands in for text that is not prose; no phrase matches across it

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# The lookahead only skips lines that start with a letter: the rest of the pattern would match
# nothing there.
_LINE_MARKER = r"(?=[ \t>*+\-\d])[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?"
_LINE_MARKERS = re.compile("^" + _LINE_MARKER, re.M)
# The same after a line feed: a literal first character lets the regex engine skip to each line
# feed, where "^" under re.M is tried at every character (three times slower on a whole posting).
_LINE_MARKERS_AFTER_LF = re.compile("\n" + _LINE_MARKER)
# The closing run starts only where a run of blanks starts: tried inside the run, it is quadratic.
_HEADING_MARKS = re.compile(r"^[ \t]*#{1,6}(?:[ \t]+|$)|(?<![ \t])[ \t]+#+[ \t]*$", re.M)

# Inline constructs, in the order they must be masked (code first: nothing inside it counts).
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*|[\w.+-]+@[\w.-]+)>")
# One \s, not \s+: "\s+[^<>]*" could split a run of spaces every way, quadratic on "<a" + spaces.
_HTML_TAG = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)")
_LINK_REF = re.compile(r"\]\[[^\]]*\]")
# Emphasis and strike-through runs, "_" runs at a word edge, backslash escapes, link and image
# brackets and no-break-space entities. Written so that every alternative starts with a literal
# character ("[*~]+" as "\*[*~]*|~[*~]*", "(?<!\w)_+" as "_(?<!\w_)_*", "!?\[" as "!\[|\["): the
# regex engine then skips to the next such character instead of trying each alternative at
# every position (three times faster; tests/extract/test_markdown.py checks it against the plain form).
_EMPHASIS = re.compile(r"\*[*~]*|~[*~]*|_(?<!\w_)_*|_+(?!\w)|\\(?=[!-/:-@\[-`{-~])|!\[|\[|\]|&nbsp;|&#160;")
_EMPHASIS_CHARS = re.compile(r"[*~_\\\[\]&]")  # one of these starts every match of _EMPHASIS; ten times faster to look for


_SETEXT_UNDERLINE = re.compile(r"^[ \t]*(?:=+|-+)[ \t]*$", re.M)


def _block_chars(m: re.Match) -> str:
    return BLOCK * len(m.group())


def _blank(m: re.Match) -> str:
    return " " * len(m.group())


def _block(m: re.Match) -> str:
    # Keep line breaks so that line numbers of later text do not move.
    return re.sub(r"[^\r\n]", BLOCK, m.group())


def code_spans(text: str) -> list[tuple[int, int]]:
    """Spans of inline code: a backtick run up to the next run of the same length (as ``_CODE_SPAN``).

    Linear time: the regular expression rescans to the end of the text for every run that is
    never closed, which a paragraph of stray backticks turns into minutes.
    """
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", text)]
    following: list[int] = [-1] * len(runs)  # index of the next run of the same length
    last: dict[int, int] = {}
    for k in range(len(runs) - 1, -1, -1):
        size = runs[k][1] - runs[k][0]
        following[k] = last.get(size, -1)
        last[size] = k
    out = []
    k = 0
    while k < len(runs):
        j = following[k]
        if j < 0:
            k += 1
            continue
        out.append((runs[k][0], runs[j][1]))
        k = j + 1
    return out


def _comments(text: str) -> list[tuple[int, int]]:
    """Spans of HTML comments, in linear time (an unclosed "<!--" ends the search for good)."""
    out = []
    pos = 0
    while True:
        s = text.find("<!--", pos)
        if s < 0:
            return out
        e = text.find("-->", s + 4)
        if e < 0:
            return out
        out.append((s, e + 3))
        pos = e + 3


def _mask_spans(raw: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return raw
    parts = []
    pos = 0
    for s, e in spans:
        parts.append(raw[pos:s])
        parts.append(re.sub(r"[^\r\n]", BLOCK, raw[s:e]))
        pos = e
    parts.append(raw[pos:])
    return "".join(parts)


def mask_inline(raw: str) -> str:
    """Same-length copy of ``raw`` with only prose left visible."""
    # Each step is skipped when the character every match needs is absent (most prose).
    if "`" in raw:
        raw = _mask_spans(raw, code_spans(raw))
    if "<" in raw:
        raw = _mask_spans(raw, _comments(raw))
        raw = _AUTOLINK.sub(_block, raw)
        raw = _HTML_TAG.sub(_blank, raw)
    if "](" in raw:
        raw = _LINK_TARGET.sub(_blank, raw)
    if "][" in raw:
        raw = _LINK_REF.sub(_blank, raw)
    if _EMPHASIS_CHARS.search(raw) is None:
        return raw
    return _EMPHASIS.sub(_blank, raw)


def read_markdown(path: str, text: str, notices: tuple[str, ...] = (), options: dict | None = None) -> Document:
    starts = _line_starts(text)
    segments: list[Segment] = []

    body = text
    fm = _FRONT_MATTER.match(text)
    if fm:
        segments.extend(_front_matter(text, fm))
        # Blank the front matter for the parser but keep its lines, so maps stay right.
        body = re.sub(r"[^\r\n]", " ", text[: fm.end()]) + text[fm.end() :]

    blocks = prose_blocks(body)
    if blocks is None:
        from cxlint.extract.text import read_text

        note = f"{path}: Markdown nested over {MAX_NESTING - 1} levels deep; read as plain text"
        return read_text(path, text, notices=(*notices, note), fmt="markdown")
    whole = _whole_masks(text)
    inline = whole[1]
    last = len(starts) - 1
    for kind, first, end, scope in blocks:
        if inline is not None and kind == "paragraph":  # the common case: a slice, without a call per block
            s = starts[min(first, last)]
            segments.append(Segment(inline[s : starts[min(end, last)]], scope, source_map=SourceMap.shifted(s)))
        elif kind == "table":
            segments.extend(_table(text, starts, [first, end]))
        else:
            segments.append(_region(text, starts, [first, end], scope, heading=kind == "heading", whole=whole))
    segments.sort(key=lambda s: s.source_map.src[0] if s.source_map else 0)
    return Document(path=path, format="markdown", segments=tuple(segments), source=text, notices=notices)


def _line_starts(text: str) -> list[int]:
    if "\r" in text:
        starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    else:
        starts = lf_line_starts(text)
    starts.append(len(text))
    return starts


def _span(starts: list[int], line_map: list[int]) -> tuple[int, int]:
    first, last = line_map
    return starts[min(first, len(starts) - 1)], starts[min(last, len(starts) - 1)]


def _whole_masks(text: str) -> tuple[str | None, str | None]:
    """``text`` with line markers blanked, and that with inline markup masked: what masking each
    block alone gives, sliced (None where it might not be), so a posting is masked in two passes, not sixty.

    Line markers match only at line starts and never cross a line end, and every block starts
    at a line start; so blanking them in the whole text and slicing out a block gives the same
    characters as blanking the block alone, wherever every line start follows a line feed (a
    lone CR ends lines for the parser but is not ``^`` to ``re.M``). Of the inline steps, only
    emphasis, brackets and entities never cross a line end; code spans, comments, tags and link
    targets may pair across blocks, so a text with any of them is masked block by block.
    """
    if has_lone_cr(text):
        return None, None
    first = _LINE_MARKERS.match(text)
    lined = _LINE_MARKERS_AFTER_LF.sub(_blank_after_lf, text)
    if first and first.end():
        lined = " " * first.end() + lined[first.end():]
    if "`" in text or "<" in text or "](" in text or "][" in text:
        return lined, None
    return lined, _mask_emphasis_by_line(lined)


def _blank_after_lf(m: re.Match) -> str:
    return "\n" + " " * (m.end() - m.start() - 1)


def _mask_emphasis_by_line(text: str) -> str:
    """``_EMPHASIS.sub(_blank, text)``, run only on the lines that hold a character it needs.

    No match crosses a line end, and a line end looks the same to its lookarounds as the edge
    of the text; run over a whole posting, the regex costs 60 ns at every character.
    """
    parts = []
    pos = 0
    search = _EMPHASIS_CHARS.search
    while True:
        m = search(text, pos)
        if m is None:
            break
        start = text.rfind("\n", pos, m.start()) + 1 or pos
        end = text.find("\n", m.start()) + 1 or len(text)
        parts.append(text[pos:start])
        parts.append(_EMPHASIS.sub(_blank, text[start:end]))
        pos = end
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def _region(text: str, starts: list[int], line_map: list[int], scope: Scope, heading: bool = False,
            whole: tuple[str | None, str | None] = (None, None)) -> Segment:
    s, e = _span(starts, line_map)
    lined = whole[0]
    masked = lined[s:e] if lined is not None else _LINE_MARKERS.sub(_blank, text[s:e])
    if heading:
        masked = _HEADING_MARKS.sub(_blank, masked)
        # A setext underline (=== or ---) is not prose and must not join the words above it.
        if "=" in masked or "-" in masked:  # what every underline needs (most headings have neither)
            masked = _SETEXT_UNDERLINE.sub(_block_chars, masked)
    masked = mask_inline(masked)
    return Segment(text=masked, scope=scope, source_map=SourceMap.shifted(s))


def _table(text: str, starts: list[int], line_map: list[int]) -> list[Segment]:
    out = []
    for line in range(line_map[0], line_map[1]):
        s, e = starts[line], starts[line + 1]
        raw = text[s:e]
        if re.fullmatch(r"[\s|:\-]*", raw):
            continue  # the delimiter row
        masked = mask_inline(raw.replace("|", BLOCK))
        out.append(Segment(text=masked, scope=Scope.TABLE_CELL, source_map=SourceMap.shifted(s)))
    return out


def _front_matter(text: str, fm: re.Match) -> list[Segment]:
    """``key: value`` lines of YAML front matter: titles and descriptions are prose too."""
    out = []
    if fm.group(1) is None:
        return out
    base = fm.start(1)
    # The value starts at a non-blank and is stripped in Python: "(.+?)[ \t]*$" is quadratic on blanks.
    for m in re.finditer(r"(?m)^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(\S[^\r\n]*)", fm.group(1)):
        key = m.group(1).lower()
        scope = Scope.TITLE if key in ("title", "job_title", "jobtitle", "position") else Scope.META
        value = m.group(2).rstrip(" \t")
        out.append(Segment(text=value, scope=scope, anchor=f"front matter › {m.group(1)}",
                           source_map=SourceMap.shifted(base + m.start(2))))
    return out
