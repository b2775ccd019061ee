"""Runs cxlint on the full-size hostile inputs of issue 8 and prints wall time, peak RSS and what cxlint said.

    python benchmarks/hostile_bench.py                  # every case at full size (1 GB file included)
    python benchmarks/hostile_bench.py --scale 0.1      # everything ten times smaller
    python benchmarks/hostile_bench.py --only text-1gb,line-50mb

The tests (tests/hostile/) run each case scaled down; this script is where the sizes the
issue names are measured. Inputs are written to a temporary folder (about 1.3 GB at full
size, generated in chunks so this script stays small) and removed afterwards. Each case
runs with --timeout 0 (no limit), so the time shown is what the input really costs.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from measure import GNU_TIME  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from hostile.builders import lying_sizes, pdf  # noqa: E402  (the same builders the tests use)

PACK = ROOT / "tests" / "fixtures" / "mini-pack.yaml"
PHRASE = b"customer experience agent"
MB = 1024 * 1024


def write_repeated(path: Path, chunk: bytes, total: int, head: bytes = b"", tail: bytes = b"") -> None:
    with open(path, "wb") as fh:
        fh.write(head)
        written = 0
        while written < total:
            fh.write(chunk)
            written += len(chunk)
        fh.write(tail)


def line_50mb(path: Path, scale: float) -> None:
    write_repeated(path, b"lorem ipsum dolor sit amet " * 4096, int(50 * MB * scale), tail=b"ask our " + PHRASE)


def text_1gb(path: Path, scale: float) -> None:
    block = b"lorem ipsum dolor sit amet consectetur\n" * 2000 + b"Talk to our " + PHRASE + b" today.\n"
    write_repeated(path, block, int(1024 * MB * scale))


def json_deep(path: Path, scale: float) -> None:
    n = int(100_000 * scale)
    path.write_bytes(b"[" * n + b"]" * n)


def html_deep(path: Path, scale: float) -> None:
    n = int(100_000 * scale)
    path.write_bytes(b"<div>" * n + PHRASE + b"</div>" * n)


def markdown_deep(path: Path, scale: float) -> None:
    path.write_bytes(b">" * int(100_000 * scale) + b" " + PHRASE + b"\n")


def csv_field_100mb(path: Path, scale: float) -> None:
    write_repeated(path, b"lorem ipsum " * 8192, int(100 * MB * scale), head=b'title,description\nx,"',
                   tail=PHRASE + b'"\n')


def html_start_tags(path: Path, scale: float) -> None:
    write_repeated(path, b"<a " * 4096, int(5 * MB * scale))


def markdown_brackets(path: Path, scale: float) -> None:
    write_repeated(path, b"[" * 4096, int(5 * MB * scale))


def binary_100mb(path: Path, scale: float) -> None:
    with open(path, "wb") as fh:
        fh.truncate(int(100 * MB * scale))  # sparse: all NUL bytes


def _docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph(PHRASE.decode())
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _with_part(base: bytes, name: str, chunk: bytes, total: int) -> bytes:
    """``base`` plus a part of ``total`` bytes of ``chunk`` repeated, deflated as it is written."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w") as part:
            written = 0
            while written < total:
                part.write(chunk)
                written += len(chunk)
    return out.getvalue()


def docx_zip_bomb(path: Path, scale: float) -> None:
    path.write_bytes(_with_part(_docx(), "word/media/zeros.bin", b"\x00" * MB, int(1024 * MB * scale)))


def docx_lying_header(path: Path, scale: float) -> None:
    data = _with_part(_docx(), "word/document.xml.bak", b"<w:p/>" * 100_000, int(500 * MB * scale))
    path.write_bytes(lying_sizes(data, "word/document.xml.bak", 1000))


_CATALOG, _PAGES = b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_flate_bomb(path: Path, scale: float) -> None:
    raw = zlib.compress(b"0 0 m " * int(1024 * MB * scale / 6), 9)
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(raw) + raw + b"\nendstream"
    path.write_bytes(pdf([_CATALOG, _PAGES, _PAGE, content, _FONT]))


def pdf_deep_arrays(path: Path, scale: float) -> None:
    n = int(100_000 * scale)
    content = b"<< /Length 30 >>\nstream\nBT /F1 12 Tf (x) Tj ET      \nendstream"
    path.write_bytes(pdf([b"<< /Type /Catalog /Pages 2 0 R /J " + b"[" * n + b"]" * n + b" >>", _PAGES, _PAGE, content, _FONT]))


CASES: dict[str, tuple[str, Callable[[Path, float], None]]] = {
    "line-50mb": ("one.txt", line_50mb),
    "text-1gb": ("huge.txt", text_1gb),
    "json-deep": ("deep.json", json_deep),
    "html-deep": ("deep.html", html_deep),
    "markdown-deep": ("deep.md", markdown_deep),
    "csv-field-100mb": ("field.csv", csv_field_100mb),
    "html-start-tags-5mb": ("tags.html", html_start_tags),
    "markdown-brackets-5mb": ("brackets.md", markdown_brackets),
    "binary-100mb": ("zeros.txt", binary_100mb),
    "docx-zip-bomb-1gb": ("bomb.docx", docx_zip_bomb),
    "docx-lying-header-500mb": ("liar.docx", docx_lying_header),
    "pdf-flate-bomb-1gb": ("bomb.pdf", pdf_flate_bomb),
    "pdf-deep-arrays": ("deep.pdf", pdf_deep_arrays),
}


def run_case(path: Path, limit: float) -> tuple[float, float | None, str]:
    """(seconds, peak RSS in MB, outcome) of one cxlint run on ``path``."""
    argv = [sys.executable, "-m", "cxlint", "check", "--no-builtin", "--pack", str(PACK), "--format", "json",
            "--max-bytes", str(4 * 1024 * MB), "--timeout", "0", str(path)]
    with tempfile.NamedTemporaryFile("r") as rss:
        if GNU_TIME:
            argv = [GNU_TIME, "-q", "-f", "%M", "-o", rss.name, *argv]
        start = time.perf_counter()
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, timeout=limit)
        except subprocess.TimeoutExpired:
            return time.perf_counter() - start, None, f"HUNG: still running after {limit:.0f} s"
        seconds = time.perf_counter() - start
        lines = rss.read().split() if GNU_TIME else []
        peak = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else None
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        return seconds, peak, f"exit {proc.returncode}, no report: {proc.stderr.strip()[-200:]}"
    if report["errors"]:
        outcome = f"error: {report['errors'][0]['message']}"
    else:
        outcome = f"{report['summary']['findings']} findings"
        notes = [line for line in proc.stderr.splitlines() if line.strip()]
        if notes:
            outcome += f"; {notes[0].split(': ', 2)[-1]}"
    return seconds, peak, f"exit {proc.returncode}, {outcome}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size factor for every input (default 1)")
    parser.add_argument("--only", default="", help="comma-separated case names")
    parser.add_argument("--limit", type=float, default=900, help="seconds after which a case counts as hung")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case(s) {', '.join(unknown)}; known: {', '.join(CASES)}")
    if not GNU_TIME:
        print("note: /usr/bin/time not found (Debian package 'time'); peak RSS not measured", file=sys.stderr)
    folder = Path(tempfile.mkdtemp(prefix="cxlint-hostile-"))
    try:
        print(f"{'case':26} {'input':>9} {'seconds':>8} {'peak RSS':>9}  outcome")
        for name in names:
            filename, build = CASES[name]
            path = folder / filename
            build(path, args.scale)
            size = path.stat().st_size
            seconds, peak, outcome = run_case(path, args.limit)
            shown_size = f"{size / MB:,.1f} MB" if size >= MB else f"{size / 1024:,.0f} KB"
            shown_peak = f"{peak:,.0f} MB" if peak is not None else "-"
            print(f"{name:26} {shown_size:>9} {seconds:8.2f} {shown_peak:>9}  {outcome}", flush=True)
            path.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
