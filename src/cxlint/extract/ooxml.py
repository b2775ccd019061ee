"""Guard for OOXML packages (.docx, .pptx): reject what is not a sound, safe zip before a parser sees it.

python-docx and python-pptx trust the zip they are given: they read every part into memory
and let zipfile raise whatever it raises. A user's folder can hold a renamed legacy .doc, a
password-protected document (an OLE2 container, not a zip), a half-downloaded file or a zip
bomb; each must become one clear line, and none may exhaust memory. The checks here use only
the zip's central directory and the first bytes of each XML part, so they cost little.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from cxlint.errors import InputFailure

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"


@dataclass(frozen=True)
class ZipLimits:
    """Caps on what a package may declare; issue 8 (resource limits) can tighten or expose them."""

    max_total: int = 300 * 1024 * 1024  # declared uncompressed bytes, all parts together
    max_ratio: int = 200  # uncompressed / compressed, for one part ...
    ratio_floor: int = 10 * 1024 * 1024  # ... only judged once the part is this big
    max_parts: int = 20_000
    prolog_bytes: int = 4096  # how much of each XML part is searched for a DOCTYPE


DEFAULT_LIMITS = ZipLimits()

# Office never writes a DOCTYPE; one in a part can only be there to declare entities.
_DOCTYPE = b"<!DOCTYPE"


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
        total = 0
        for info in infos:
            # zipfile stops reading a member at its declared size (and then fails its CRC), so
            # the declared sizes bound what parsing can inflate.
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
        for info in infos:
            if _is_xml(info.filename):
                _check_prolog(zf, info, kind, limits)


def _is_xml(name: str) -> bool:
    low = name.lower()
    return low.endswith(".xml") or low.endswith(".rels")


def _check_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str, limits: ZipLimits) -> None:
    try:
        with zf.open(info) as fh:
            head = fh.read(limits.prolog_bytes)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise InputFailure(f"corrupt .{kind} file: part {info.filename} cannot be read ({_short(exc)})") from None
    except Exception as exc:  # zlib.error and friends: a damaged deflate stream
        raise InputFailure(f"corrupt .{kind} file: part {info.filename} cannot be read ({_short(exc)})") from None
    if _DOCTYPE in head or _DOCTYPE.decode().encode("utf-16-le") in head:
        raise InputFailure(f"part {info.filename} declares a DOCTYPE, which Office never writes; skipped as unsafe")


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
