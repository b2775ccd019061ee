"""Markdown block structure: the prose blocks of a text with their lines and scope, read line by line for plain texts, else from cmark (C) when it can answer, else markdown-it-py.

Both parsers follow CommonMark, so where both run they find the same blocks on the same
lines; cmark (through the ``cmarkgfm`` wheel) does it about ten times faster. cmark is not
asked where the two differ (tables, HTML blocks and the other cases ``cmark_may_differ``
lists, setext headings, deep nesting, huge texts), and markdown-it-py answers those and
everything when cmarkgfm is not installed. A text of nothing but paragraphs, ``#`` headings
and ``- `` items (most job postings) needs neither: ``simple_blocks`` reads it in a third of
cmark's time. tests/extract/test_mdblocks.py checks that all three agree on fixed cases and
on generated Markdown.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from cxlint.model import Scope

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# markdown-it stops at this depth of nested quotes and lists and silently drops the rest of
# the document; a document that deep is read as plain text instead (see read_markdown).
MAX_NESTING = 100


class Block(NamedTuple):
    """A block of prose: its kind, its lines ``[first, end)`` (0-based) and the scope of its text."""

    kind: str  # "heading", "paragraph" or "table"
    first: int
    end: int
    scope: Scope


@functools.lru_cache(maxsize=1)
def _parser() -> "MarkdownIt":
    from markdown_it import MarkdownIt  # 25 ms to import: only when cmark cannot answer

    # Blocks only: segments come from block tokens and their line maps, and inline parsing
    # (links, emphasis) costs ~10 µs a character on a paragraph of brackets or asterisks.
    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").disable("inline")


def block_tokens(text: str) -> list:
    """Block-level tokens of ``text`` from markdown-it (inline tokens carry their line map but no children)."""
    return _parser().parse(text)


def has_lone_cr(text: str) -> bool:
    """Whether a carriage return not followed by a line feed ends a line somewhere in ``text``."""
    return "\r" in text and text.count("\r") != text.count("\r\n")


def prose_blocks(text: str) -> list[Block] | None:
    """Headings, paragraphs and tables of ``text`` in document order; None if nested too deep to read as Markdown."""
    got = simple_blocks(text)
    if got is not None:
        return got
    if _native() is not None:
        got = _cmark_blocks(text)
        if got is not None:
            return got
    return markdown_it_blocks(text)


def markdown_it_blocks(text: str) -> list[Block] | None:
    """``prose_blocks`` by markdown-it-py alone."""
    tokens = block_tokens(text)
    if tokens and max(tok.level for tok in tokens) >= MAX_NESTING - 1:
        return None
    out: list[Block] = []
    scope_stack: list[Scope] = []
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            scope_stack.append(Scope.LIST)
        elif tok.type == "blockquote_open":
            scope_stack.append(Scope.QUOTE)
        elif tok.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            scope_stack.pop()
        elif tok.type == "table_open" and tok.map:
            out.append(Block("table", tok.map[0], tok.map[1], Scope.TABLE_CELL))
        elif tok.type == "inline" and tok.map and i > 0:
            opener = tokens[i - 1].type
            if opener == "heading_open":
                out.append(Block("heading", tok.map[0], tok.map[1], Scope.HEADING))
            elif opener == "paragraph_open":
                out.append(Block("paragraph", tok.map[0], tok.map[1], scope_stack[-1] if scope_stack else Scope.PARAGRAPH))
    return out


# --- plain lines -----------------------------------------------------------------------------

# A line starting with one of these, or with a letter, is paragraph text: no block starts so
# (a "\\" escapes what follows; "[" could open a link reference definition, see below).
_PLAIN_FIRST = frozenset("\"'(\u201c\u2018\\")
_HEADING = re.compile(r"#{1,6} ")


def simple_blocks(text: str) -> list[Block] | None:
    """``prose_blocks`` for a text made only of paragraphs, ``#`` headings and ``- `` list items, read line by line; None for any other text.

    Most postings are just that, and reading them here costs a third of asking cmark through
    ctypes (three C calls a block). Every line must be blank, a heading (``#`` to ``######``
    and a space), a bullet item (``- `` at the margin) or text at the margin, where each of the
    last three begins with a letter, ``"``, ``'``, ``(``, a curly quote, ``\\``, ``[`` or ``**``
    and a word: nothing else. So nothing can be code, a quote, an ordered or nested list, a
    thematic break, a setext underline, HTML, a table row or an empty item, and what is left
    has one reading in CommonMark: text lines run on as a paragraph (in a list item too:
    lazy continuation); a blank line ends it; a heading or an item interrupts it; text after
    a blank line is at the margin, so it closes a list. tests/extract/test_mdblocks.py checks
    that the result is markdown-it's on fixed cases, generated Markdown and the benchmark corpus.
    """
    if has_lone_cr(text):
        return None  # it ends a line too
    # markdown-it drops link reference definitions ("[a]: /u"), cmark keeps them: neither here.
    bracket = "]:" not in text
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    out: list[Block] = []
    start = -1  # first line of the open paragraph, -1: none
    scope = Scope.PARAGRAPH
    for i, line in enumerate(lines):
        if _plain(line, 0, bracket):
            if start < 0:
                start, scope = i, Scope.PARAGRAPH
        elif not line.strip(" \t\r"):  # blank (a CR can only be the end of a CRLF here)
            if start >= 0:
                out.append(Block("paragraph", start, i, scope))
                start = -1
        elif line.startswith("- ") and _plain(line, 2, bracket):
            if start >= 0:
                out.append(Block("paragraph", start, i, scope))
            start, scope = i, Scope.LIST
        elif (m := _HEADING.match(line)) is not None and _plain(line, m.end(), bracket):
            if start >= 0:
                out.append(Block("paragraph", start, i, scope))
                start = -1
            out.append(Block("heading", i, i + 1, Scope.HEADING))
        else:
            return None
    if start >= 0:
        out.append(Block("paragraph", start, len(lines), scope))
    return out


def _plain(line: str, at: int, bracket: bool) -> bool:
    """Does ``line`` read as paragraph text from ``at`` on (see simple_blocks)?"""
    first = line[at : at + 1]
    return first.isalpha() or first in _PLAIN_FIRST or (first == "[" and bracket) or _bold(line, at)


def _bold(line: str, at: int) -> bool:
    # "**" then a character that can neither make the line a thematic break ("** *") nor be blank.
    return line.startswith("**", at) and line[at + 2 : at + 3] not in ("", "*", " ", "\t", "\r")


# --- cmark ------------------------------------------------------------------------------------

# Larger texts go to markdown-it: a C call cannot be interrupted by the per-file time limit.
CMARK_MAX_CHARS = 1 << 20
# Deeper texts go to markdown-it, which knows where its own nesting limit cuts (MAX_NESTING).
CMARK_MAX_DEPTH = 48


@functools.lru_cache(maxsize=1)
def _native() -> "_Cmark | None":
    """cmark's node functions from the library inside the cmarkgfm wheel, or None if they cannot be loaded."""
    try:
        import ctypes

        from cmarkgfm import _cmark

        # cmarkgfm's own bindings expose only HTML rendering; the node API is in the same
        # library. ctypes, not cffi: it loads in 3 ms where cffi's declarations take 18 ms.
        lib = ctypes.CDLL(_cmark.__file__)
        node = ctypes.c_void_p

        def fn(name: str, result, *args):
            f = getattr(lib, name)
            f.restype, f.argtypes = result, list(args)
            return f

        api = _Cmark(
            parse=fn("cmark_parse_document", node, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int),
            free=fn("cmark_node_free", None, node),
            first_child=fn("cmark_node_first_child", node, node),
            next=fn("cmark_node_next", node, node),
            type=fn("cmark_node_get_type", ctypes.c_int, node),
            type_string=fn("cmark_node_get_type_string", ctypes.c_char_p, node),
            start_line=fn("cmark_node_get_start_line", ctypes.c_int, node),
            end_line=fn("cmark_node_get_end_line", ctypes.c_int, node),
        )
        probe = b"# a\n"
        api.free(api.parse(probe, len(probe), 0))
    except Exception:  # noqa: BLE001 - any failure (not installed, another build) means markdown-it
        return None
    return api


class _Cmark(NamedTuple):
    """The C functions used, with their argument and result types set."""

    parse: Any
    free: Any
    first_child: Any
    next: Any
    type: Any
    type_string: Any
    start_line: Any
    end_line: Any


class _Unsure(Exception):
    """cmark's answer may differ from markdown-it's: ask markdown-it."""


# Where cmark (CommonMark 0.29 with GitHub's changes) and markdown-it-py (0.31) may differ,
# found by tests/extract/test_mdblocks.py; such texts go to markdown-it:
# - a table: cmark's table extension is not markdown-it's (and markdown-it's needs a "|");
# - HTML blocks: their start and end conditions changed between the two versions;
# - link reference definitions: cmark keeps their lines in the paragraph that follows;
# - lone CR line ends, and a byte-order mark at the start (cmark skips it);
# - lines indented four columns or more: markdown-it does not take them as lazy
#   continuation lines of a paragraph in a quote or list, cmark does;
# - empty list items: cmark lets one run on over a line of blanks.
_HTML_START = re.compile(r"^[ \t>*+\-\d.)]*<", re.M)
_MARKER = r"(?:[-*+]|\d{1,9}[.)])"
_EMPTY_ITEM = re.compile(rf"^[ \t>]*(?:{_MARKER}[ \t]+)*{_MARKER}[ \t]*\r?$", re.M)
_TAB_INDENT = re.compile(r"^ {0,3}\t", re.M)


def cmark_may_differ(text: str) -> bool:
    """True where markdown-it must read ``text`` (see above); cheap tests first."""
    return (
        "|" in text or "]:" in text or text.startswith(("\ufeff", "    ")) or "\n    " in text
        or has_lone_cr(text)
        or ("<" in text and _HTML_START.search(text) is not None)
        or ("\t" in text and _TAB_INDENT.search(text) is not None)
        or _EMPTY_ITEM.search(text) is not None
    )


def _cmark_blocks(text: str) -> list[Block] | None:
    """``prose_blocks`` by cmark, or None where markdown-it must answer."""
    if len(text) > CMARK_MAX_CHARS or cmark_may_differ(text):
        return None
    cm = _native()
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    root = cm.parse(data, len(data), 0)
    if not root:  # out of memory in C
        return None
    out: list[Block] = []
    try:
        _walk(cm, root, 0, Scope.PARAGRAPH, out, {})
    except _Unsure:
        return None
    finally:
        cm.free(root)
    return out


def _walk(cm: _Cmark, node, level: int, scope: Scope, out: list[Block], names: dict) -> None:
    """Prose blocks under ``node``; ``level`` is markdown-it's token level of its children."""
    if level >= CMARK_MAX_DEPTH:
        raise _Unsure
    child = cm.first_child(node)
    while child:  # a null pointer is None
        kind = cm.type(child)
        name = names.get(kind)
        if name is None:
            name = names[kind] = cm.type_string(child).decode()
        if name == "paragraph" or name == "heading":
            # cmark: 1-based first and last line; markdown-it: 0-based first, and the line after.
            first, last = cm.start_line(child) - 1, cm.end_line(child)
            if name == "heading" and last != first + 1:
                # A setext heading: cmark's last line is the underline or the line after it,
                # depending on what closed it; markdown-it's ends before the underline.
                raise _Unsure
            out.append(Block(name, first, last, Scope.HEADING if name == "heading" else scope))
        elif name == "list":
            _walk(cm, child, level + 1, Scope.LIST, out, names)  # its items
        elif name == "item":
            _walk(cm, child, level + 1, scope, out, names)
        elif name == "block_quote":
            _walk(cm, child, level + 1, Scope.QUOTE, out, names)
        child = cm.next(child)
