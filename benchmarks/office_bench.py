"""Time linting a generated 100-slide deck and a 50-page PDF (a script, not a test); prints seconds.

    .venv/bin/python benchmarks/office_bench.py [--slides 100] [--pages 50] [--repeat 3]

Needs the office and test extras (python-pptx, pypdf, fpdf2). Each figure is the best of
--repeat runs of the whole path a user pays for: read the bytes, parse, check with the
built-in rules (or tests/fixtures/extract-pack.yaml if the built-in packs do not load).
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PARAGRAPHS = [
    "Our customer service advisors answered 4,000 calls and chats this week.",
    "The Head of Customer Experience presented the journey map to the board.",
    "Every Customer Experience Representative on nights logs each contact in the CRM.",
    "Customer satisfaction after each interaction rose to 86 percent; NPS is measured quarterly.",
    "We are a customer-centric company because our CX agents answer within 60 seconds.",
]


def make_deck(slides: int) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    for n in range(slides):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = f"Quarterly review {n + 1}: Customer Experience Agents"
        body = s.placeholders[1].text_frame
        body.text = PARAGRAPHS[n % len(PARAGRAPHS)]
        for p in PARAGRAPHS:
            body.add_paragraph().text = p
        if n % 4 == 0:
            table = s.shapes.add_table(4, 3, Inches(0.5), Inches(5), Inches(9), Inches(1.5)).table
            for r in range(4):
                for c in range(3):
                    table.cell(r, c).text = PARAGRAPHS[(r + c) % len(PARAGRAPHS)][:40]
        s.notes_slide.notes_text_frame.text = " ".join(PARAGRAPHS)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def make_pdf(pages: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    text = " ".join(PARAGRAPHS * 2)
    for _ in range(pages):
        pdf.add_page()
        for _ in range(5):
            pdf.multi_cell(w=0, text=text)
            pdf.ln(3)
    return bytes(pdf.output())


def ruleset():
    from cxlint.app import build_ruleset, RunOptions
    from cxlint.errors import CxlintError

    try:
        return build_ruleset(RunOptions(paths=())), "built-in packs"
    except CxlintError as exc:
        pack = ROOT / "tests" / "fixtures" / "extract-pack.yaml"
        print(f"built-in packs did not load ({exc}); using {pack.name}", file=sys.stderr)
        return build_ruleset(RunOptions(paths=(), builtin=False, packs=(str(pack),))), pack.name


def timed(path: Path, rs, repeat: int) -> tuple[float, float, int, int]:
    """Best seconds for read+parse, and for read+parse+check; segment and finding counts."""
    from cxlint.engine import check
    from cxlint.extract import format_for, read_document

    best_read = best_all = float("inf")
    segments = findings = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        doc = read_document(str(path), path.read_bytes(), format_for(str(path)))
        t1 = time.perf_counter()
        found = check(doc, rs)
        t2 = time.perf_counter()
        best_read = min(best_read, t1 - t0)
        best_all = min(best_all, t2 - t0)
        segments, findings = len(doc.segments), len(found)
    return best_read, best_all, segments, findings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--slides", type=int, default=100)
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rs, source = ruleset()
    with tempfile.TemporaryDirectory() as tmp:
        deck = Path(tmp) / "deck.pptx"
        deck.write_bytes(make_deck(args.slides))
        pdf = Path(tmp) / "report.pdf"
        pdf.write_bytes(make_pdf(args.pages))
        print(f"rules: {len(rs.rules)} from {source}; best of {args.repeat} runs")
        for label, path in ((f"{args.slides}-slide deck", deck), (f"{args.pages}-page PDF", pdf)):
            read, total, segs, found = timed(path, rs, args.repeat)
            size = path.stat().st_size / 1024
            print(f"{label:>16}: {total:6.2f} s lint ({read:5.2f} s read+parse), "
                  f"{size:,.0f} KiB, {segs} segments, {found} findings")


if __name__ == "__main__":
    main()
