"""Write the office and data examples (deck, policy, job-postings export, careers page) with the real libraries.

Each file puts a misuse next to the correct wording, so `make demo` shows what cxlint flags
and what it leaves alone. Run from the repository root after `pip install -e '.[office]'`:

    python examples/make_examples.py

Output is byte-for-byte reproducible (fixed document dates and zip timestamps), so the
committed files change only when this script does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2024, 5, 1, 9, 0, 0)


def deck(path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = "Customer Experience at Northwind"
    s.placeholders[1].text = "Quarterly review, presented by our Head of Customer Experience"

    # Slide 2: the misuse in a slide title (an error) and in running text split across runs.
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Meet our Customer Experience Representatives"
    body = s.placeholders[1].text_frame
    body.text = "4,000 calls and chats a week, answered overnight"
    p = body.add_paragraph()
    r = p.add_run()
    r.text = "Every Customer Experience "
    r.font.bold = True
    p.add_run().text = "Agent logs each contact in the CRM"
    body.add_paragraph().text = "Better: every customer service agent logs each contact in the CRM"
    s.notes_slide.notes_text_frame.text = (
        "Thank the customer experience advisors on the night shift.\n"
        "Say it as it is: they are our customer service advisors, and customer experience is everyone's job."
    )

    # Slide 3: a roles table with misuse and correct titles side by side.
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Who does what"
    rows = [
        ("Role", "Team", "What they do"),
        ("Customer Experience Specialist", "Contact centre", "Answers billing calls"),
        ("Customer Service Specialist", "Contact centre", "Answers billing calls"),
        ("Head of Customer Experience", "CX research", "Redesigns the journeys that cause calls"),
    ]
    shape = s.shapes.add_table(len(rows), 3, Inches(0.5), Inches(1.6), Inches(9), Inches(2))
    shape.name = "Roles table"
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            shape.table.cell(i, j).text = text

    # Slide 4: an org chart drawn as grouped shapes.
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "How the teams fit together"
    group = s.shapes.add_group_shape()
    group.name = "Org chart"
    for k, text in enumerate(["Director of Customer Experience", "CX research team",
                              "Customer service team leaders", "Customer experience associates (nights)"]):
        box = group.shapes.add_textbox(Inches(0.5 + 2.3 * k), Inches(2.5), Inches(2.2), Inches(1))
        box.name = f"Org box {k + 1}"
        box.text_frame.word_wrap = True
        box.text_frame.text = text
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(14)

    prs.core_properties.created = prs.core_properties.modified = FIXED
    prs.core_properties.last_modified_by = prs.core_properties.author = "cxlint examples"
    buf = io.BytesIO()
    prs.save(buf)
    _write_zip(path, buf.getvalue())


def policy(path: Path) -> None:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.add_heading("Northwind Energy — Customer Service Policy", level=0)
    d.add_heading("1. Who answers you", level=1)
    d.add_paragraph(
        "Our customer service advisors answer calls, chats and e-mails from 8am to 8pm. "
        "Our Head of Customer Experience uses what they hear to fix the journeys that cause most calls."
    )
    p = d.add_paragraph("If you are unhappy, ask to speak to a ")
    p.add_run("Customer Experience").bold = True
    p.add_run(" Advisor, who will log a complaint.")
    d.add_heading("2. Customer Experience Agents: what they may promise", level=1)
    d.add_paragraph("Refunds up to £50 without approval.", style="List Bullet")
    d.add_paragraph("A call back within one working day.", style="List Bullet")
    d.add_heading("3. Service levels", level=1)
    table = d.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for i, row in enumerate([
        ("Channel", "Handled by", "Target"),
        ("Phone", "Customer experience representatives", "80% in 60 seconds"),
        ("Chat", "Customer service representatives", "90% in 30 seconds"),
    ]):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    section = d.sections[0]
    section.header.paragraphs[0].text = "Northwind Energy — Customer Service Policy (v4)"
    section.footer.paragraphs[0].text = "Questions about this policy? Ask any customer experience agent."
    for para in section.footer.paragraphs:
        for run in para.runs:
            run.font.size = Pt(8)
    d.core_properties.created = d.core_properties.modified = FIXED
    d.core_properties.last_modified_by = d.core_properties.author = "cxlint examples"
    buf = io.BytesIO()
    d.save(buf)
    _write_zip(path, buf.getvalue())


POSTINGS = [
    {
        "req_id": "NW-1042",
        "title": "Customer Experience Representative (Nights)",
        "department": "Contact centre",
        "location": "Leeds",
        "description": "Answer billing calls and chats overnight.\nLog every contact in the CRM\n"
                       "and hand complex cases to the morning shift.",
    },
    {
        "req_id": "NW-1043",
        "title": "Customer Service Representative (Nights)",
        "department": "Contact centre",
        "location": "Leeds",
        "description": "Answer billing calls and chats overnight.\nLog every contact in the CRM.",
    },
    {
        "req_id": "NW-1051",
        "title": "Head of Customer Experience",
        "department": "CX research",
        "location": "Remote (UK)",
        "description": "<p>Lead the team that maps every journey, from the first advert to the final bill.</p>"
                       "<p>You will coach the <b>customer experience</b>\nagents' team leaders on what the research shows.</p>",
    },
    {
        "req_id": "NW-1060",
        "title": "CX Researcher",
        "department": "CX research",
        "location": "Remote (UK)",
        "description": "Run interviews and journey-mapping workshops with marketing, billing and field teams.",
    },
]


def postings_csv(path: Path) -> None:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=list(POSTINGS[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(POSTINGS)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def careers_html(path: Path) -> None:
    posting = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": "Customer Experience Agent",
        "description": "<p>Join our <strong>Customer Experience</strong> Agent team and answer customers' "
                       "calls, chats and e-mails.</p><ul><li>Report to our Customer Service Team Leader</li></ul>",
        "responsibilities": ["Answer billing questions", "Log every contact in the CRM"],
        "datePosted": "2024-05-01",
        "employmentType": "FULL_TIME",
        "hiringOrganization": {"@type": "Organization", "name": "Northwind Energy", "sameAs": "https://northwind.example"},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Leeds", "addressCountry": "GB"}},
    }
    page = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Careers at Northwind Energy</title>
  <meta name="description" content="Join Northwind as a Customer Experience Agent or in our customer service team.">
  <script type="application/ld+json">
{json.dumps(posting, indent=2, ensure_ascii=False)}
  </script>
  <style>.customer-experience-agent {{ font-weight: bold }}</style>
</head>
<body>
  <h1>Careers at Northwind Energy</h1>
  <h2>Customer Experience Agent</h2>
  <p>Answer calls, chats and e-mails from customers. You will report to our
     Customer Service Team Leader.</p>
  <h2>Customer Service Advisor</h2>
  <p>The same front-line job, named for what it is: helping customers who contact us.</p>
  <h2>Head of Customer Experience</h2>
  <p>Lead the research team that redesigns the journeys that cause most calls.</p>
  <img src="team.jpg" alt="Our customer experience representatives at the Leeds contact centre">
  <p>Apply at <a href="https://careers.northwind.example/customer-experience-agent">our careers site</a>.</p>
  <pre>curl https://careers.northwind.example/api/jobs?title=customer+experience+agent</pre>
</body>
</html>
"""
    path.write_text(page, encoding="utf-8", newline="\n")


def _write_zip(path: Path, data: bytes) -> None:
    """Rewrite a package with fixed entry timestamps so the output does not change between runs."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info))
    path.write_bytes(out.getvalue())


def main() -> None:
    deck(HERE / "cx-quarterly-review.pptx")
    policy(HERE / "customer-service-policy.docx")
    postings_csv(HERE / "job-postings.csv")
    careers_html(HERE / "careers.html")
    print("wrote", ", ".join(p.name for p in sorted(HERE.glob("*")) if p.suffix in (".pptx", ".docx", ".csv", ".html")))


if __name__ == "__main__":
    main()
