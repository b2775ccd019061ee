"""Bytes to text: BOMs, UTF-8, UTF-16, a single-byte fallback with a notice, NUL bytes mean binary."""

from __future__ import annotations

import codecs

from cxlint.errors import InputFailure, InputSkipped


def decode(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Text of a file and any notices about how it was decoded."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), ()
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return _strict(data, "utf-32", path), ()
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", path), ()
    if b"\x00" in data[:8192] or b"\x00" in data[-8192:]:
        encoding = bomless_utf16(data)
        if encoding is None:
            raise InputSkipped("binary file (contains NUL bytes); skipped")
        return _strict(data, encoding, path), (f"{path}: no byte-order mark; decoded as {encoding.upper()}",)
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        where = exc.start
    # Not UTF-8: most such files in the wild are Windows-1252; latin-1 accepts every byte.
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return text, (f"{path}: not valid UTF-8 (first bad byte at offset {where}); decoded as {enc}",)
    raise InputFailure("cannot decode text")  # unreachable: latin-1 decodes everything


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputFailure(f"invalid {encoding} at byte {exc.start}") from None
    return text[1:] if text.startswith("\ufeff") else text


def bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for UTF-16 text saved without a BOM, else None (binary).

    Text in Latin script saved as UTF-16 has a NUL in every other byte and nowhere else;
    binary files have NULs at both even and odd offsets.
    """
    sample = data[:8192]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for nuls, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if others == 0 and nuls >= half * 0.3:
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding
    return None
