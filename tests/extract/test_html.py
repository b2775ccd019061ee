"""The HTML reader: visible text with exact line/column, scopes, skipped elements, and JobPosting JSON-LD."""

from __future__ import annotations

import json

import pytest

from cxlint.extract.html import extract, fragment_blocks, read_html
from cxlint.model import LineIndex, Scope, Severity
from extract.reader_support import lint, where


def found(html: str) -> list[tuple]:
    """(match as written in the source, line, column, end line, end column, scope) per finding."""
    doc = read_html("page.html", html)
    out = []
    for f in lint(doc):
        loc = f.location
        out.append((f.match, loc.line, loc.column, loc.end_line, loc.end_column, f.scope.value))
    return out


CASES = [
    ("plain paragraph",
     "<p>Call a customer experience agent.</p>",
     [("customer experience agent", 1, 11, 1, 36, "paragraph")]),
    ("inline markup inside the phrase",
     "<h2>Customer <b>Experience</b>\n  Representative</h2>",
     [("Customer <b>Experience</b>\n  Representative", 1, 5, 2, 17, "heading")]),
    ("br inside a paragraph",
     "<p>Ask a Customer Experience<br>Advisor</p>",
     [("Customer Experience<br>Advisor", 1, 10, 1, 40, "paragraph")]),
    ("blank lines collapse like a browser does",
     "<p>customer\n\n   experience    rep</p>",
     [("customer\n\n   experience    rep", 1, 4, 3, 21, "paragraph")]),
    ("entities decoded, columns still exact",
     "<li>Caf&eacute; &amp; customer&nbsp;experience agent</li>",
     [("customer&nbsp;experience agent", 1, 23, 1, 53, "list")]),
    ("title element", "<html><head><title>Customer Experience Agent jobs</title></head></html>",
     [("Customer Experience Agent", 1, 20, 1, 45, "title")]),
    ("meta description", '<meta name="description" content="Be a customer experience specialist">',
     [("customer experience specialist", 1, 40, 1, 70, "meta")]),
    ("alt text", "<p>Team</p><img src=a.png alt='Our customer experience advisors'>",
     [("customer experience advisors", 1, 36, 1, 64, "alt")]),
    ("table cell", "<table><tr><td>x<td>customer experience associate</table>",
     [("customer experience associate", 1, 21, 1, 50, "table.cell")]),
    ("blockquote", "<blockquote>a customer experience rep said</blockquote>",
     [("customer experience rep", 1, 15, 1, 38, "quote")]),
    ("code, pre, script, style, hidden skipped",
     "<code>customer experience agent</code><pre>customer experience agent</pre>"
     "<script>var s='customer experience agent'</script><style>.customer-experience-agent{}</style>"
     "<div hidden>customer experience agent</div><p style='display:none'>customer experience agent</p>"
     "<p aria-hidden=true>customer experience agent</p>",
     []),
    ("correct use", "<p>Our Head of Customer Experience leads research.</p>", []),
    ("unclosed paragraphs end at the next block", "<p>customer experience<p>agent", []),
    ("second line of the file", "<p>intro</p>\r\n<p>  a customer experience agent</p>",
     [("customer experience agent", 2, 8, 2, 33, "paragraph")]),
]


@pytest.mark.parametrize("html, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_visible_text(html, expected):
    assert found(html) == expected


def test_match_is_the_source_slice_at_line_and_column():
    html = "<div>\n  <p>Hello <em>there</em>, <a href='/jobs'>Customer\n   Experience</a> Agent &amp; more</p>\n</div>"
    [f] = lint(read_html("p.html", html))
    start = LineIndex(html).line_start(f.location.line) + f.location.column - 1
    assert html[start:].startswith("Customer\n   Experience</a> Agent")
    assert f.match == "Customer\n   Experience</a> Agent"


JOB = {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    "title": "Customer Experience Representative",
    "description": "<p>Join our <strong>customer experience</strong> advisor team.</p>"
                   "<ul><li>Work with the Head of Customer Experience</li><li>Mentor each customer experience rep</li></ul>",
    "responsibilities": ["Answer calls as a customer experience specialist"],
    "experienceRequirements": {"@type": "OccupationalExperienceRequirements", "description": "2 years as a customer experience agent"},
    "hiringOrganization": {"@type": "Organization", "name": "Customer Experience Agent Ltd", "sameAs": "https://x.test"},
    "datePosted": "2024-05-01",
}


def _page(job: dict, indent: int | None = 1) -> str:
    payload = json.dumps(job, indent=indent)
    return f'<html><head>\n<script type="application/ld+json">\n{payload}\n</script>\n</head><body><h1>Jobs</h1></body></html>'


def test_job_posting_json_ld_is_read_field_by_field():
    html = _page(JOB)
    doc = read_html("careers.html", html)
    got = {(" ".join(f.match.split()) if "<" not in f.match else f.match): f for f in lint(doc)}
    title = got["Customer Experience Representative"]
    assert title.scope is Scope.JOB_TITLE and title.severity is Severity.ERROR
    assert where(title) == {"jsonld": 1, "pointer": "/title", "field": "title"}
    assert title.location.anchor == "JSON-LD 1 › JobPosting › title"
    # The description is HTML inside a JSON string: inline markup still joins the phrase.
    desc = got["customer experience</strong> advisor"]
    assert desc.scope is Scope.JOB_DESCRIPTION and where(desc)["field"] == "description"
    assert got["customer experience rep"].scope is Scope.JOB_DESCRIPTION
    assert got["customer experience specialist"].scope is Scope.JOB_FIELD
    assert where(got["customer experience specialist"])["pointer"] == "/responsibilities/0"
    assert where(got["customer experience agent"])["pointer"] == "/experienceRequirements/description"
    # The hiring organisation's name is not the posting's prose; the Head of CX is correct use.
    assert len(got) == 5
    for f in got.values():
        s = LineIndex(html).line_start(f.location.line) + f.location.column - 1
        assert html[s:].startswith(f.match)


def test_json_ld_escapes_map_back_to_the_source():
    job = dict(JOB, title="Customer Experience Agent", description="Be a customer experience \u00e9lite advisor")
    html = _page(job, indent=None).replace("Customer Experience Agent", "Customer\\u0020Experience Agent")
    [f] = [f for f in lint(read_html("c.html", html)) if f.scope is Scope.JOB_TITLE]
    assert f.match == "Customer\\u0020Experience Agent"


def test_escaped_html_description_is_unescaped_first():
    blocks = fragment_blocks("&lt;p&gt;Be a &lt;b&gt;customer experience&lt;/b&gt; agent&lt;/p&gt;")
    assert [b.text for b in blocks] == ["Be a customer experience agent"]


def test_invalid_json_ld_is_a_notice_and_the_page_is_still_read():
    html = '<script type="application/ld+json">{"title": </script>\n<p>customer experience agent</p>'
    doc = read_html("broken.html", html)
    assert any("JSON-LD block 1 skipped" in n and "broken.html:1" in n for n in doc.notices)
    assert [f.match for f in lint(doc)] == ["customer experience agent"]


def test_json_ld_of_other_types_is_not_read():
    html = _page({"@context": "https://schema.org", "@type": "Organization", "name": "Customer Experience Agent Co"})
    assert lint(read_html("org.html", html)) == []


def test_job_posting_in_a_graph_and_a_list():
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "x"}, dict(JOB, description="d")]}
    doc = read_html("g.html", _page(graph))
    assert [dict(s.where)["pointer"] for s in doc.segments if s.scope is Scope.JOB_TITLE] == ["/@graph/1/title"]
    many = [dict(JOB, description="d"), dict(JOB, description="e", title="Head of Customer Experience")]
    doc = read_html("l.html", _page(many))
    titles = [(s.anchor, dict(s.where)["pointer"]) for s in doc.segments if s.scope is Scope.JOB_TITLE]
    assert titles == [("JSON-LD 1 › JobPosting 1 › title", "/0/title"), ("JSON-LD 1 › JobPosting 2 › title", "/1/title")]


def test_blocks_keep_their_element():
    blocks, scripts = extract("<h3>a</h3><ul><li>b<li>c</ul><p>d<br/>e")
    assert [(b.text, b.scope, b.element) for b in blocks] == [
        ("a", Scope.HEADING, "h3"), ("b", Scope.LIST, "li"), ("c", Scope.LIST, "li"), ("d\ne", Scope.PARAGRAPH, "p"),
    ]
    assert scripts == []
