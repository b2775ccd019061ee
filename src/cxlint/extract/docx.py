"""Word reader: paragraphs, headings, lists, tables (nested too), text boxes, headers and footers → segments.

python-docx opens the package and resolves sections and styles; the text of a paragraph is
read from its XML here, because python-docx's ``Paragraph.text`` leaves out runs inside tracked
insertions and content controls, and would pull text-box content into the paragraph that
anchors it. All runs of a paragraph are joined (a soft line break becomes "\\n"), so a phrase
split across formatting is one match. Word documents have no lines: segments carry no source
map; their place is "paragraph 12" or "table 1 › row 2 › cell 3".
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Iterator

from cxlint.errors import InputFailure
from cxlint.extract.ooxml import check_package, library_failure
from cxlint.model import Document, Scope, Segment

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
W_P, W_R, W_T, W_TBL, W_TR, W_TC = (_W + t for t in ("p", "r", "t", "tbl", "tr", "tc"))
W_TAB, W_PTAB, W_BR, W_CR, W_NBH = (_W + t for t in ("tab", "ptab", "br", "cr", "noBreakHyphen"))
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
W_TXBX = _W + "txbxContent"
W_PPR, W_RPR, W_VANISH, W_PSTYLE, W_NUMPR, W_OUTLINE = (
    _W + t for t in ("pPr", "rPr", "vanish", "pStyle", "numPr", "outlineLvl")
)
W_TCPR, W_GRIDSPAN = _W + "tcPr", _W + "gridSpan"
W_VAL = _W + "val"

# Never prose inside a paragraph: deleted text, field codes, properties, and the VML copy of a
# drawing that Word keeps as a fallback (its text boxes would otherwise be read twice).
_SKIP = frozenset({
    _W + "del", _W + "delText", _W + "instrText", _W + "moveFrom", W_PPR, W_RPR, W_TXBX, _MC + "Fallback",
})
_BLOCK_WRAPPERS = frozenset({W_SDT, W_SDT_CONTENT, W_CUSTOM_XML})
_HEADING_STYLE = re.compile(r"heading\s*\d|subtitle", re.I)


def read_docx(path: str, data: bytes, notices: tuple[str, ...] = (), options: dict | None = None) -> Document:
    check_package(data, "docx")
    # Imported here: a run over Markdown files must not pay for python-docx (and lxml).
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        reader = _Reader(_styles(document))
        reader.body(document.element.body)
        reader.headers_footers(document)
    except InputFailure:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types on damaged parts
        raise library_failure(exc, "docx") from None
    return Document(path=path, format="docx", segments=tuple(reader.segments), source=None, notices=tuple(notices))


def paragraph_text(p) -> str:
    """Visible text of one <w:p>: runs, hyperlinks, insertions and content controls in order."""
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


def _collect(el, parts: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag == W_T:
            parts.append(child.text or "")
        elif tag == W_R:
            if not _hidden(child):
                _collect(child, parts)
        elif tag in (W_TAB, W_PTAB):
            parts.append("\t")
        elif tag in (W_BR, W_CR):
            parts.append("\n")
        elif tag == W_NBH:
            parts.append("-")
        elif tag in _SKIP or not isinstance(tag, str):
            continue  # comments and processing instructions have non-string tags
        else:
            _collect(child, parts)


def _hidden(run) -> bool:
    rpr = run.find(W_RPR)
    if rpr is None:
        return False
    vanish = rpr.find(W_VANISH)
    return vanish is not None and vanish.get(W_VAL, "true") not in ("0", "false", "off")


@dataclass(frozen=True)
class _Style:
    name: str
    base: str | None
    outline: int | None


def _styles(document) -> dict[str, _Style]:
    out: dict[str, _Style] = {}
    for st in document.styles.element.iterchildren(_W + "style"):
        sid = st.get(_W + "styleId")
        if not sid:
            continue
        name_el = st.find(_W + "name")
        base_el = st.find(_W + "basedOn")
        outline = st.find(f"{W_PPR}/{W_OUTLINE}")
        out[sid] = _Style(
            name=(name_el.get(W_VAL) if name_el is not None else sid) or sid,
            base=base_el.get(W_VAL) if base_el is not None else None,
            outline=_int(outline.get(W_VAL)) if outline is not None else None,
        )
    return out


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass
class _Reader:
    styles: dict[str, _Style]
    segments: list[Segment] = field(default_factory=list)
    paragraphs: int = 0
    tables: int = 0
    text_boxes: int = 0
    _scope_cache: dict = field(default_factory=dict)

    # --- body -----------------------------------------------------------------------------

    def body(self, body) -> None:
        for el in _blocks(body):
            if el.tag == W_P:
                text = paragraph_text(el)
                if text.strip():
                    self.paragraphs += 1
                    n = self.paragraphs
                    self.segments.append(Segment(text=text, scope=self._paragraph_scope(el),
                                                 anchor=f"paragraph {n}", where=(("paragraph", n),)))
                self._text_boxes(el)
            else:
                self.tables += 1
                t = self.tables
                self._table(el, Scope.TABLE_CELL, f"table {t}", (("table", t),), nested="")

    def _table(self, tbl, scope: Scope, anchor: str, where: tuple, nested: str) -> None:
        """Cells of one table; ``where`` keeps the outermost table/row/cell, ``nested`` the path inside it."""
        for r, tr in enumerate(_children(tbl, W_TR), 1):
            col = 1
            for tc in _children(tr, W_TC):
                c = col
                col += _span(tc)
                if nested:
                    cell_where, cell_nested = where, f"{nested} › row {r} › cell {c}"
                else:
                    cell_where, cell_nested = where + (("row", r), ("cell", c)), ""
                cell_anchor = f"{anchor} › row {r} › cell {c}"
                inner = 0
                for el in _blocks(tc):
                    if el.tag == W_P:
                        text = paragraph_text(el)
                        if text.strip():
                            extra = (("nested", cell_nested),) if cell_nested else ()
                            self.segments.append(Segment(text=text, scope=scope, anchor=cell_anchor,
                                                         where=cell_where + extra))
                        self._text_boxes(el)
                    else:
                        inner += 1
                        path = f"{cell_nested} › table {inner}" if cell_nested else f"table {inner}"
                        self._table(el, scope, f"{cell_anchor} › table {inner}", cell_where, nested=path)

    def _text_boxes(self, p) -> None:
        if p.find(".//" + W_TXBX) is None:
            return
        for box in p.iter(W_TXBX):
            if any(a.tag == _MC + "Fallback" for a in box.iterancestors()):
                continue  # the VML copy of a box already read from its DrawingML original
            self.text_boxes += 1
            k = self.text_boxes
            for n, el in enumerate((e for e in _blocks(box) if e.tag == W_P), 1):
                text = paragraph_text(el)
                if text.strip():
                    self.segments.append(Segment(text=text, scope=Scope.BODY, anchor=f"text box {k}",
                                                 where=(("text_box", k), ("paragraph", n))))

    def _paragraph_scope(self, p) -> Scope:
        ppr = p.find(W_PPR)
        style_id = None
        if ppr is not None:
            if ppr.find(W_OUTLINE) is not None and (_int(ppr.find(W_OUTLINE).get(W_VAL)) or 0) < 9:
                return Scope.HEADING
            ps = ppr.find(W_PSTYLE)
            style_id = ps.get(W_VAL) if ps is not None else None
            if ppr.find(W_NUMPR) is not None and style_id is None:
                return Scope.LIST
        if style_id is None:
            return Scope.PARAGRAPH
        scope = self._scope_cache.get(style_id)
        if scope is None:
            scope = self._scope_cache[style_id] = self._style_scope(style_id)
        if scope is Scope.PARAGRAPH and ppr is not None and ppr.find(W_NUMPR) is not None:
            return Scope.LIST
        return scope

    def _style_scope(self, style_id: str) -> Scope:
        seen = set()
        sid: str | None = style_id
        while sid and sid not in seen:  # follow basedOn: a custom style based on Heading 1 is a heading
            seen.add(sid)
            st = self.styles.get(sid)
            if st is None:
                break
            name = st.name.strip().lower()
            if name == "title":
                return Scope.TITLE
            if _HEADING_STYLE.fullmatch(name) or (st.outline is not None and st.outline < 9):
                return Scope.HEADING
            if name.startswith("list"):
                return Scope.LIST
            sid = st.base
        return Scope.PARAGRAPH

    # --- headers and footers --------------------------------------------------------------

    def headers_footers(self, document) -> None:
        sections = list(document.sections)
        seen: set[int] = set()
        for s, section in enumerate(sections, 1):
            for kind, scope, attrs in (
                ("header", Scope.HEADER, ("header", "first_page_header", "even_page_header")),
                ("footer", Scope.FOOTER, ("footer", "first_page_footer", "even_page_footer")),
            ):
                for attr, variant in zip(attrs, ("", "first-page ", "even-page ")):
                    hf = getattr(section, attr)
                    # Linked to the previous section means no part of its own: already read.
                    if hf.is_linked_to_previous:
                        continue
                    part = hf._definition
                    if id(part) in seen:
                        continue
                    seen.add(id(part))
                    label = f"{variant}{kind}"
                    anchor = f"section {s} › {label}" if len(sections) > 1 else label
                    self._part(part.element, scope, anchor, (("section", s), (kind, variant.strip() or "default")))

    def _part(self, root, scope: Scope, anchor: str, where: tuple) -> None:
        n = tables = 0
        for el in _blocks(root):
            if el.tag == W_P:
                text = paragraph_text(el)
                if text.strip():
                    n += 1
                    self.segments.append(Segment(text=text, scope=scope, anchor=f"{anchor} › paragraph {n}",
                                                 where=where + (("paragraph", n),)))
            else:
                tables += 1
                self._table(el, scope, f"{anchor} › table {tables}", where + (("table", tables),), nested="")


def _blocks(container) -> Iterator:
    """Paragraphs and tables of a container in order, looking through content controls."""
    for child in container:
        tag = child.tag
        if tag == W_P or tag == W_TBL:
            yield child
        elif tag in _BLOCK_WRAPPERS:
            yield from _blocks(child)


def _children(el, tag: str) -> Iterator:
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _children(child, tag)


def _span(tc) -> int:
    pr = tc.find(W_TCPR)
    if pr is not None:
        gs = pr.find(W_GRIDSPAN)
        if gs is not None:
            return max(1, _int(gs.get(W_VAL)) or 1)
    return 1
