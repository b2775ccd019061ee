"""PowerPoint reader: slide titles, placeholders, text boxes, tables, groups and speaker notes → segments.

Each paragraph is one segment whose text joins all of its runs, so a phrase split across
differently formatted runs ("Customer Experience " bold + "Representative" plain) or across a
line break (<a:br/>, typed as Shift+Enter) is one match. Slides have no lines: segments carry
no source map, and their place is the slide, shape and paragraph.
"""

from __future__ import annotations

import io
from typing import Any, Iterator

from cxlint.errors import InputFailure
from cxlint.extract.ooxml import check_package, library_failure
from cxlint.model import Document, Scope, Segment

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_T, _BR = _A + "t", _A + "br"


def read_pptx(path: str, data: bytes, notices: tuple[str, ...] = (), options: dict | None = None) -> Document:
    check_package(data, "pptx")
    # Imported here: a run over Markdown files must not pay for python-pptx (and lxml).
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(data))
        segments = list(_presentation(prs))
    except InputFailure:
        raise
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many types on damaged parts
        raise library_failure(exc, "pptx") from None
    return Document(path=path, format="pptx", segments=tuple(segments), source=None, notices=tuple(notices))


def _presentation(prs) -> Iterator[Segment]:
    for number, slide in enumerate(prs.slides, 1):
        place = (("slide", number),)
        for shape in slide.shapes:
            yield from _shape(shape, place, f"slide {number}")
        if slide.has_notes_slide:
            frame = slide.notes_slide.notes_text_frame
            if frame is not None:
                yield from _paragraphs(frame, Scope.NOTES, place + (("notes", True),), f"slide {number} › notes")


def _shape(shape, place: tuple, anchor: str) -> Iterator[Segment]:
    name = shape.name or f"shape {shape.shape_id}"
    here = f"{anchor} › {name}"
    where = _replace(place, "shape", name)
    alt = _alt_text(shape)
    if alt:
        yield Segment(text=alt, scope=Scope.ALT, anchor=f"{here} › alt text", where=where + (("alt", True),))
    if _is_group(shape):
        # The group's own name goes into the anchor; "shape" in `where` names the innermost shape.
        for child in shape.shapes:
            yield from _shape(child, place + (("group", name),) if not _has(place, "group") else place, here)
        return
    if getattr(shape, "has_table", False) and shape.has_table:
        for r, row in enumerate(shape.table.rows, 1):
            for c, cell in enumerate(row.cells, 1):
                if cell.is_spanned:
                    continue  # covered by a merged cell: its text is empty and belongs to the origin
                cell_where = where + (("row", r), ("cell", c))
                yield from _paragraphs(cell.text_frame, Scope.TABLE_CELL, cell_where, f"{here} › row {r} › cell {c}")
        return
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        yield from _paragraphs(shape.text_frame, _scope(shape), where, here)


def _paragraphs(frame, scope: Scope, where: tuple, anchor: str) -> Iterator[Segment]:
    texts = [(n, paragraph_text(p._p)) for n, p in enumerate(frame.paragraphs, 1)]
    texts = [(n, t) for n, t in texts if t.strip()]
    several = len(texts) > 1
    for n, text in texts:
        yield Segment(
            text=text, scope=scope,
            anchor=f"{anchor} › paragraph {n}" if several else anchor,
            where=where + (("paragraph", n),),
        )


def paragraph_text(p) -> str:
    """The text of one <a:p>: runs and fields joined, each <a:br/> a line break."""
    parts = []
    for el in p.iter(_T, _BR):
        if el.tag == _BR:
            parts.append("\n")
        elif el.text:
            parts.append(el.text)
    # A vertical tab is PowerPoint's line break inside text that reached the XML unconverted.
    return "".join(parts).replace("\v", "\n")


def _scope(shape) -> Scope:
    if getattr(shape, "is_placeholder", False) and shape.is_placeholder:
        from pptx.enum.shapes import PP_PLACEHOLDER

        try:
            kind = shape.placeholder_format.type
        except (ValueError, AttributeError):
            return Scope.BODY
        if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE):
            return Scope.TITLE
    return Scope.BODY


def _is_group(shape) -> bool:
    from pptx.shapes.group import GroupShape

    return isinstance(shape, GroupShape)


def _alt_text(shape) -> str:
    # Alt text ("descr") lives on the shape's cNvPr, whatever the shape type.
    el = shape._element
    for child in el:
        for sub in child:
            if sub.tag.endswith("}cNvPr"):
                return (sub.get("descr") or "").strip()
    return ""


def _replace(place: tuple, key: str, value: Any) -> tuple:
    return tuple(p for p in place if p[0] != key) + ((key, value),)


def _has(place: tuple, key: str) -> bool:
    return any(k == key for k, _ in place)
