"""Builders of broken and malicious files, shared by the hostile-input tests and benchmarks/hostile_bench.py.

Standard library only, so the benchmark script can import it without the test helpers.
"""

from __future__ import annotations

import io
import struct
import zipfile


def lying_sizes(data: bytes, part: str, declared: int) -> bytes:
    """``data`` with ``part``'s uncompressed size rewritten to ``declared`` in both zip headers.

    The compressed stream is left as it is, so the part inflates to far more than it says.
    """
    buf = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(part)
    struct.pack_into("<I", buf, info.header_offset + 22, declared)  # local file header
    at = bytes(buf).find(b"PK\x01\x02")
    while at >= 0:  # central directory entries
        name_len = struct.unpack_from("<H", buf, at + 28)[0]
        if bytes(buf[at + 46 : at + 46 + name_len]).decode() == part:
            struct.pack_into("<I", buf, at + 24, declared)
        at = bytes(buf).find(b"PK\x01\x02", at + 4)
    return bytes(buf)


def pdf(objects: list[bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF with these bodies as objects 1..n and a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, trailer, xref)
    return bytes(out)
