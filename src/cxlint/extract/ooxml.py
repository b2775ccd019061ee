"""Guard for OOXML packages (.docx, .pptx): reject what is not a sound, safe zip before a parser sees it.

python-docx and python-pptx trust the zip they are given: they read every part into memory
and let zipfile raise whatever it raises. A user's folder can hold a renamed legacy .doc, a
password-protected document (an OLE2 container, not a zip), a half-downloaded file or a zip
bomb; each must become one clear line, and none may exhaust memory. The checks here use only
the zip's central directory and the first bytes of each XML part, so they cost little.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass

from cxlint.errors import InputFailure

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"


@dataclass(frozen=True)
class ZipLimits:
    """Caps on what a package may declare; defaults are listed in README ("Limits and hostile input")."""

    max_total: int = 300 * 1024 * 1024  # declared uncompressed bytes, all parts together
    max_xml: int = 100 * 1024 * 1024  # declared uncompressed bytes of XML parts (parsed into memory, ~8x)
    max_ratio: int = 200  # uncompressed / compressed, for one part ...
    ratio_floor: int = 10 * 1024 * 1024  # ... only judged once the part is this big
    max_parts: int = 20_000
    prolog_bytes: int = 4096  # read at first from each part to see whether it is XML
    max_prolog: int = 1024 * 1024  # comments and processing instructions allowed before the root element


DEFAULT_LIMITS = ZipLimits()

def check_package(data: bytes, kind: str, limits: ZipLimits = DEFAULT_LIMITS) -> None:
    """Raise InputFailure unless ``data`` is an intact zip that is safe to hand to the parser.

    ``kind`` names the format for messages ("docx", "pptx").
    """
    if data.startswith(OLE2_MAGIC):
        raise InputFailure(_ole_reason(data, kind))
    if not data.startswith(ZIP_MAGIC):
        raise InputFailure(f"not a .{kind} file (not a zip package)" if data else f"empty file, not a .{kind} package")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        # The central directory sits at the end of a zip: a cut-off download loses it first.
        raise InputFailure(f"corrupt or truncated .{kind} file (zip directory unreadable)") from None
    except (ValueError, OSError, EOFError) as exc:
        raise InputFailure(f"corrupt .{kind} file ({exc})") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_parts:
            raise InputFailure(f"package has {len(infos):,} parts, over the limit of {limits.max_parts:,}; skipped")
        total = xml_total = 0
        for info in infos:
            # zipfile stops reading a member at its declared size (and then fails its CRC), so
            # the declared sizes bound what parsing can inflate, even when a header lies.
            total += info.file_size
            if total > limits.max_total:
                raise InputFailure(
                    f"package would inflate to over {limits.max_total // (1024 * 1024)} MB; skipped as a possible zip bomb"
                )
            if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                raise InputFailure(
                    f"part {info.filename} is compressed {info.file_size // max(info.compress_size, 1):,}:1; "
                    "skipped as a possible zip bomb"
                )
            if info.flag_bits & 0x1:
                raise InputFailure(f"encrypted .{kind} package (zip encryption); cannot be read")
            if _is_xml(info.filename):
                xml_total += info.file_size
                if xml_total > limits.max_xml:
                    raise InputFailure(
                        f"package holds over {limits.max_xml // (1024 * 1024)} MB of XML; skipped as too large to parse"
                    )
        for info in infos:
            if not info.is_dir():
                _check_prolog(zf, info, kind, limits)


def _is_xml(name: str) -> bool:
    low = name.lower()
    return low.endswith(".xml") or low.endswith(".rels")


def _check_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str, limits: ZipLimits) -> None:
    """Reject a DOCTYPE before the root element of any part that is XML, whatever its name.

    The parser decides by content type, not by name, which part it parses, so every part that
    starts like XML is looked at; the whole prolog is scanned (comments and processing
    instructions may pad a DOCTYPE far past any fixed number of bytes).
    """
    try:
        with zf.open(info) as fh:
            head = fh.read(limits.prolog_bytes)
            text = _as_xml_text(head)
            if text is None:
                return  # not XML: media, fonts, embedded objects; never parsed
            state, at = _scan_prolog(text)
            while state is _MORE and len(head) < limits.max_prolog:
                chunk = fh.read(64 * 1024)
                if not chunk:
                    break
                head += chunk
                text = _as_xml_text(head) or ""
                state, at = _scan_prolog(text)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise InputFailure(f"corrupt .{kind} file: part {info.filename} cannot be read ({_short(exc)})") from None
    except Exception as exc:  # zlib.error and friends: a damaged deflate stream
        raise InputFailure(f"corrupt .{kind} file: part {info.filename} cannot be read ({_short(exc)})") from None
    if state is _DOCTYPE_FOUND:
        # An image (SVG) may carry a plain DOCTYPE naming a public DTD: without an internal
        # subset it declares no entities, and the DTD is never loaded. Office XML has none at all.
        if _is_xml(info.filename) or not _PLAIN_DOCTYPE.match(text, at):
            raise InputFailure(f"part {info.filename} declares a DOCTYPE, which Office never writes; skipped as unsafe")
    elif (state is _MORE and len(head) >= limits.max_prolog) or at > limits.max_prolog:
        raise InputFailure(f"part {info.filename} has over {limits.max_prolog:,} bytes before its root element; skipped as unsafe")


# States of a prolog scan.
_ROOT_FOUND, _DOCTYPE_FOUND, _MORE = object(), object(), object()
_NAME_START = re.compile(r"<[A-Za-z_:\u00c0-\uffff]")
_QUOTED = r"""(?:"[^"]*"|'[^']*')"""
_PLAIN_DOCTYPE = re.compile(rf"<!DOCTYPE\s+[^\s\[>]+(?:\s+(?:SYSTEM\s+{_QUOTED}|PUBLIC\s+{_QUOTED}\s+{_QUOTED}))?\s*>")


def _as_xml_text(head: bytes) -> str | None:
    """Text of the start of a part if it looks like XML (after any BOM and blanks it starts with '<').

    UTF-16 is tried first: ASCII text never decodes to '<' as UTF-16, while UTF-16 read as
    UTF-8 would show '<' followed by NULs and hide what comes next.
    """
    boms = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
    encodings = next(((enc,) for bom, enc in boms if head.startswith(bom)), ("utf-16-le", "utf-16-be", "utf-8"))
    for encoding in encodings:
        text = head.decode(encoding, "replace")
        if text.lstrip(_BLANKS).startswith("<"):
            return text
    return None


_BLANKS = " \t\r\n\ufeff"


def _scan_prolog(text: str) -> tuple[object, int]:
    """Walk blanks, the XML declaration, comments and processing instructions up to the root element: (state, where)."""
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in _BLANKS:
            i += 1
        if i >= n:
            return _MORE, i
        if text.startswith("<?", i):
            j = text.find("?>", i + 2)
            if j < 0:
                return _MORE, i
            i = j + 2
        elif text.startswith("<!--", i):
            j = text.find("-->", i + 4)
            if j < 0:
                return _MORE, i
            i = j + 3
        elif text.startswith("<!", i):
            if len(text) - i < 9:
                return _MORE, i
            # "<!DOCTYPE", or any other declaration, which only a DTD can give meaning to.
            return _DOCTYPE_FOUND, i
        elif _NAME_START.match(text, i):
            return _ROOT_FOUND, i
        elif len(text) - i < 2:
            return _MORE, i
        else:
            return _ROOT_FOUND, i  # not well-formed: the parser rejects it, and no DOCTYPE came first


def _ole_reason(data: bytes, kind: str) -> str:
    # A password-protected .docx/.pptx is an OLE2 container holding an "EncryptedPackage"
    # stream; stream names are stored in UTF-16LE in the directory sectors.
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return f"encrypted (password-protected) .{kind} file; save an unprotected copy to check it"
    legacy = {"docx": ".doc", "pptx": ".ppt"}.get(kind, "binary Office")
    return f"a legacy {legacy} (OLE2) file, not .{kind}; save it as .{kind} to check it"


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:120] if text else type(exc).__name__


_CONTENT_KINDS = {
    "wordprocessingml": "a Word document",
    "presentationml": "a PowerPoint presentation",
    "spreadsheetml": "an Excel workbook",
}


def library_failure(exc: BaseException, kind: str) -> InputFailure:
    """One line for an exception raised inside python-docx/python-pptx on a package we let through."""
    full = " ".join(str(exc).split())
    text = _short(exc)
    if "content type is" in full and ("not a Word file" in full or "not a PowerPoint file" in full):
        content_type = full.split("content type is", 1)[-1].strip(" .'\"")
        what = next((name for key, name in _CONTENT_KINDS.items() if key in content_type), content_type)
        return InputFailure(f"not a .{kind} document: the package holds {what}")
    if isinstance(exc, KeyError):
        if "[Content_Types].xml" in full:
            return InputFailure(f"not a .{kind} file: a zip archive without Office content")
        return InputFailure(f"corrupt .{kind} file: missing part {text}")
    return InputFailure(f"corrupt .{kind} file ({type(exc).__name__}: {text})")
