"""HTML reader: visible text by block with scopes, alt text, meta descriptions and JobPosting JSON-LD.

Python's html.parser is used because it reports where every tag, text run and character
reference starts (``getpos``), which selectolax and lxml's HTML parser do not; with those
offsets each segment gets a SourceMap and findings land on the exact line and column of the
HTML source. Inline elements (<b>, <span>, <a>, ...) join their text into the enclosing block,
so "Customer <b>Experience</b> Representative" is one phrase; <br> is a line break; script,
style, code, pre and hidden elements are skipped. JobPosting objects in
``<script type="application/ld+json">`` are read field by field (see jsonfile.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from cxlint.errors import InputFailure
from cxlint.extract.pieces import TextBuilder, compose
from cxlint.model import Document, Scope, Segment, SourceMap

_HEADINGS = {f"h{i}": Scope.HEADING for i in range(1, 7)}
_SCOPES: dict[str, Scope] = {
    **_HEADINGS, "title": Scope.TITLE, "li": Scope.LIST, "dt": Scope.LIST, "dd": Scope.LIST,
    "td": Scope.TABLE_CELL, "th": Scope.TABLE_CELL, "caption": Scope.TABLE_CELL,
    "blockquote": Scope.QUOTE, "header": Scope.HEADER, "footer": Scope.FOOTER,
}
_INLINE = frozenset(
    "a abbr acronym b bdi bdo big cite data del dfn em font i img ins label mark nobr q rp rt ruby s small "
    "span strike strong sub sup time tt u var wbr br".split()
)
# Not prose, or not shown: never linted.
_SKIP = frozenset(
    "script style code pre kbd samp template svg math noscript textarea select iframe object canvas audio video".split()
)
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
# An open element of the key is closed by a new start tag of the same group, up to a boundary.
_IMPLIED: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "thead", "tbody", "tfoot"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist"})),
}
# How far down the open elements an implied end tag is looked for. Real pages nest a handful
# of levels between a <li> and its list; hostile ones nest 100,000, and a search through all
# of them for every tag would be quadratic.
_IMPLIED_REACH = 256
_META_SCOPES = {
    "description": Scope.META, "og:description": Scope.META, "twitter:description": Scope.META,
    "og:title": Scope.TITLE, "twitter:title": Scope.TITLE,
}
_REF = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_LOOKS_HTML = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?/?>|</[a-zA-Z][a-zA-Z0-9-]*\s*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)
_ESCAPED_HTML = re.compile(r"&lt;/?[a-zA-Z][a-zA-Z0-9-]*(?:\s|/|&gt;)", re.I)


@dataclass(frozen=True)
class Block:
    """One run of visible text; ``source_map`` maps into the text given to ``extract``."""

    text: str
    scope: Scope
    source_map: SourceMap
    element: str


@dataclass(frozen=True)
class Script:
    """The raw content of a JSON-LD script and where it starts."""

    text: str
    start: int


def read_html(path: str, text: str, notices: tuple[str, ...] = (), options: dict | None = None) -> Document:
    blocks, scripts = extract(text)
    segments = [
        Segment(text=b.text, scope=b.scope, where=(("element", b.element),), source_map=b.source_map)
        for b in blocks
    ]
    extra = list(notices)
    if scripts:
        from cxlint.extract import jsonfile

        for k, script in enumerate(scripts, 1):
            try:
                root = jsonfile.parse(script.text, base=script.start)
            except InputFailure as exc:
                line = text.count("\n", 0, script.start) + 1
                extra.append(f"{path}:{line}: JSON-LD block {k} skipped: {exc}")
                continue
            segments.extend(jsonfile.job_posting_segments(root, anchor=f"JSON-LD {k}", where=(("jsonld", k),)))
    segments.sort(key=lambda s: s.source_map.src[0] if s.source_map else 0)
    return Document(path=path, format="html", segments=tuple(segments), source=text, notices=tuple(extra))


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.search(text)) or bool(_ESCAPED_HTML.search(text))


def fragment_blocks(text: str) -> list[Block]:
    """Blocks of an HTML fragment held in a data field (a JSON string, a CSV cell), maps into ``text``.

    A field that holds escaped HTML ("&lt;p&gt;...") is unescaped first, as the site that shows
    it would, and the two maps are chained.
    """
    if _ESCAPED_HTML.search(text) and "<" not in text:
        b = TextBuilder()
        b.add_decoded(text, 0)
        inner_text, outer = b.text, b.source_map()
        return [Block(x.text, x.scope, compose(x.source_map, outer, len(x.text)), x.element)
                for x in extract(inner_text, fragment=True)[0]]
    return extract(text, fragment=True)[0]


def extract(text: str, fragment: bool = False) -> tuple[list[Block], list[Script]]:
    parser = _Extractor(text, fragment)
    # Every tag, comment and declaration ends with '>', so after the last one the text can only
    # be text. html.parser, left to find that out, retries each '<' there against the rest of the
    # input (quadratic: "<a " repeated 30,000 times took minutes), so it never sees that tail.
    head = text.rfind(">") + 1
    try:
        parser.feed(text[:head])
        parser.close()
        parser.tail(text[head:], head)
    except (AssertionError, AttributeError, ValueError, IndexError) as exc:
        # html.parser is forgiving, but a few malformed declarations still raise.
        raise InputFailure(f"cannot parse HTML ({type(exc).__name__}: {exc})") from None
    parser.flush()
    return parser.blocks, parser.scripts


class _Extractor(HTMLParser):
    def __init__(self, text: str, fragment: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        # html.parser counts lines by "\n" only; so must the offset table.
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.fragment = fragment
        # Open elements: (tag, skipped, scope, element), the last two as _place() would find
        # them with this element on top, so that finding them is O(1) at any depth.
        self.stack: list[tuple[str, bool, Scope, str]] = []
        self.open_tags: dict[str, int] = {}  # how many of each tag are open
        self._closers: tuple[int, int, int, int] | None = None  # see _last_closers
        self.skipping = 0
        self.blocks: list[Block] = []
        self.scripts: list[Script] = []
        self.builder = TextBuilder()
        self.scope = Scope.PARAGRAPH
        self.element = "body"
        self.script: TextBuilder | None = None
        self.script_start = 0

    # --- positions ------------------------------------------------------------------------

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    # --- segments -------------------------------------------------------------------------

    def flush(self) -> None:
        b = self.builder
        text = b.text
        if text.strip():
            self.blocks.append(Block(text, self.scope, b.source_map(), self.element))
        self.builder = TextBuilder()

    def _place(self) -> tuple[Scope, str]:
        if not self.stack:
            return Scope.PARAGRAPH, "body"
        return self.stack[-1][2], self.stack[-1][3]

    def _push(self, tag: str, skip: bool) -> None:
        scope, element = self._place()
        if tag in _SCOPES:
            scope = _SCOPES[tag]
        if tag not in _INLINE:
            element = tag
        self.stack.append((tag, skip, scope, element))
        self.open_tags[tag] = self.open_tags.get(tag, 0) + 1
        if skip:
            self.skipping += 1

    def _pop(self) -> str:
        tag, skip, _, _ = self.stack.pop()
        self.open_tags[tag] -= 1
        if skip:
            self.skipping -= 1
        return tag

    def tail(self, text: str, at: int) -> None:
        """Text after the last '>': what html.parser would make of it, without its quadratic retries."""
        if text and not self.cdata_elem:  # inside an unclosed <script>, html.parser drops it too
            self._text(text, at)

    # --- bounded searches -------------------------------------------------------------------

    def _last_closers(self) -> tuple[int, int, int, int]:
        """Where the last "-->", "]]>" and "]>" of the buffer start (-1: none), computed once per buffer."""
        raw = self.rawdata
        if self._closers is None or self._closers[0] != id(raw):
            last = [-1, -1, -1]
            for k, pattern in enumerate((r"--\s*>", r"]\s*]\s*>", r"]\s*>")):
                for m in re.finditer(pattern, raw):
                    last[k] = m.start()
            self._closers = (id(raw), *last)
        return self._closers

    def parse_comment(self, i: int, report: int = 1) -> int:
        # A comment with no closer anywhere after it: answer at once instead of searching the
        # rest of the input again for every "<!--" (quadratic).
        if self._last_closers()[1] < i + 4:
            return -1
        return super().parse_comment(i, report)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        # "<![CDATA[" and friends end at "]]>", Office's "<![if ...]>" at "]>".
        standard = self.rawdata[i + 3 : i + 10].lower().startswith(("temp", "cdata", "ignore", "include", "rcdata"))
        if self._last_closers()[2 if standard else 3] < i + 3:
            return -1
        return super().parse_marked_section(i, report)

    def _text(self, raw: str, at: int) -> None:
        if self.script is not None:
            if not self.script.parts:
                self.script_start = at
            self.script.add(raw, at)
            return
        if self.skipping:
            return
        if not self.builder.parts:
            if not raw.strip():
                return  # whitespace between blocks starts no segment
            self.scope, self.element = self._place()
        self.builder.add_decoded(raw, at, collapse=True)

    # --- html.parser callbacks ------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        self._text(data, self._offset())

    def handle_entityref(self, name: str) -> None:
        self._ref()

    def handle_charref(self, name: str) -> None:
        self._ref()

    def _ref(self) -> None:
        at = self._offset()
        m = _REF.match(self.text, at)
        if m:
            self._text(m.group(), at)

    def handle_starttag(self, tag: str, attrs) -> None:
        at = self._offset()
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "script" and "ld+json" in attr.get("type", "").lower():
            # Structured data is never shown, so a hidden parent does not make it any less read.
            self.flush()
            self.script = TextBuilder()
            self._push(tag, True)
            return
        if tag == "br":
            if not self.skipping and self.builder.parts:
                self.builder.replace("\n", at, len(self.get_starttag_text() or "<br>"))
            return
        if tag not in _INLINE:
            self._close_implied(tag)
            self.flush()
        if not self.skipping:
            self._attributes(tag, attr, at)
        if tag in _VOID:
            return
        hidden = "hidden" in attr or attr.get("aria-hidden", "").lower() == "true" or _display_none(attr.get("style", ""))
        self._push(tag, tag in _SKIP or hidden)

    def handle_startendtag(self, tag: str, attrs) -> None:
        # <br/>, <img/>: XHTML-style empty tags; a non-void one (<p/>) opens and closes at once.
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack and self.stack[-1][0] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # "</br>" is read as <br> by browsers
            if not self.skipping and self.builder.parts:
                self.builder.replace("\n", self._offset(), 5)
            return
        if not self.open_tags.get(tag):
            return  # a stray end tag closes nothing
        if tag not in _INLINE:
            self.flush()
        while self.stack:
            t = self._pop()
            if t == "script" and self.script is not None:
                self.scripts.append(Script(self.script.text, self.script_start))
                self.script = None
            if t == tag:
                break

    def _close_implied(self, tag: str) -> None:
        group = _IMPLIED.get(tag)
        if group is not None:
            closes, boundary = group
            for i in range(len(self.stack) - 1, max(-1, len(self.stack) - 1 - _IMPLIED_REACH), -1):
                t = self.stack[i][0]
                if t in boundary:
                    return
                if t in closes:
                    self._pop_to(i)
                    return
            return
        # Any block start closes an open <p> (through inline elements above it).
        for i in range(len(self.stack) - 1, max(-1, len(self.stack) - 1 - _IMPLIED_REACH), -1):
            t = self.stack[i][0]
            if t == "p":
                self._pop_to(i)
                return
            if t not in _INLINE:
                return

    def _pop_to(self, index: int) -> None:
        self.flush()
        while len(self.stack) > index:
            self._pop()

    # --- attributes that hold prose -------------------------------------------------------

    def _attributes(self, tag: str, attr: dict, at: int) -> None:
        if tag in ("img", "area") or (tag == "input" and attr.get("type", "").lower() == "image"):
            if attr.get("alt", "").strip():
                self._attribute(at, "alt", Scope.ALT, tag)
        elif tag == "meta":
            key = (attr.get("name") or attr.get("property") or "").lower()
            scope = _META_SCOPES.get(key)
            if scope is not None and attr.get("content", "").strip():
                self._attribute(at, "content", scope, f"meta {key}")

    def _attribute(self, at: int, name: str, scope: Scope, element: str) -> None:
        raw_tag = self.get_starttag_text() or ""
        m = re.search(r"\s" + name + r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", raw_tag, re.I)
        if not m:
            return
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        b = TextBuilder()
        b.add_decoded(m.group(group), at + m.start(group), collapse=True)
        if b.text.strip():
            self.blocks.append(Block(b.text, scope, b.source_map(), element))


def _display_none(style: str) -> bool:
    return bool(re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style, re.I))
