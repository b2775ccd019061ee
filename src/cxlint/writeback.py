"""Write files safely: atomic replace (temporary file in the same folder + rename), same permissions, same encoding."""

from __future__ import annotations

import codecs
import os
import stat

from cxlint.errors import InputFailure

# (byte-order mark, codec that encodes without adding one), longest marks first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def encode_like(original: bytes, text: str) -> bytes:
    """Encode ``text`` the way ``original`` was encoded: same BOM, same codec (as extract.decode read it).

    Raises InputFailure when the text cannot be written in that encoding, or would not read
    back as the same text.
    """
    bom, codec = b"", None
    for mark, name in _BOMS:
        if original.startswith(mark):
            bom, codec = mark, name
            break
    if codec is None and b"\x00" in original[:8192]:
        from cxlint.extract.decode import bomless_utf16

        codec = bomless_utf16(original)  # UTF-16 saved without a BOM stays so
    if codec is None:
        codec = "utf-8"
        try:
            original.decode("utf-8")
        except UnicodeDecodeError:
            # extract.decode falls back to cp1252, then latin-1; write back in the one it used.
            try:
                original.decode("cp1252")
                codec = "cp1252"
            except UnicodeDecodeError:
                codec = "latin-1"
    try:
        data = bom + text.encode(codec)
    except UnicodeEncodeError as exc:
        raise InputFailure(f"the fixed text cannot be written as {codec}: {exc.reason}") from None
    if data[len(bom):].decode(codec) != text:
        raise InputFailure(f"the fixed text does not round-trip through {codec}")
    return data


def write_atomic(path: str, data: bytes, new_mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one, never a part.

    The data goes to a temporary file in the same folder (same file system, so the rename is
    atomic), is flushed to disk, gets the original file's permission bits, and then replaces
    the original. A symbolic link is followed, so the link stays a link. On any failure the
    temporary file is removed and the original is untouched.
    """
    target = os.path.realpath(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = new_mode if new_mode is not None else new_file_mode()
    replace_file(target, data, durable=True, mode=mode)


def new_file_mode() -> int:
    """The permission bits a new ordinary file gets here (0o666 less the umask)."""
    return 0o666 & ~_umask()


def replace_file(target: str, data: bytes, durable: bool = False, mode: int | None = None) -> None:
    """Put ``data`` at ``target`` through a temporary file beside it and a rename, so readers see
    the old file or the whole new one, never half; on failure the temporary file is removed and
    the error raised. ``durable``: flushed to disk first; ``mode``: its permission bits (else
    the temporary file's private 0600, which suits cache entries)."""
    import tempfile  # only when writing: it costs start-up time (random, shutil)

    folder = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(target) + ".", suffix=".cxlint-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    # os.umask can only be read by setting it; put it straight back.
    current = os.umask(0)
    os.umask(current)
    return current
