"""Hostile structure: nesting 100,000 deep, huge CSV fields, and inputs that made parsers quadratic."""

from __future__ import annotations

import pytest

from cxlint.errors import InputFailure
from cxlint.extract import Format, read_document
from extract.reader_support import lint
from hostile.support import PHRASE, within

DEEP = 100_000


def read(fmt: Format, text: str):
    return read_document(f"hostile.{fmt.value}", text.encode("utf-8"), fmt)


@pytest.mark.parametrize("text", [
    "[" * DEEP + "]" * DEEP,
    '{"a":' * DEEP + '"x"' + "}" * DEEP,
    "[" * DEEP,  # never closed
    '[{"title": ' * 5000 + '"x"' + "}]" * 5000,
], ids=["arrays", "objects", "unclosed", "objects in arrays"])
def test_deep_json_is_one_clear_error(text):
    with within(5), pytest.raises(InputFailure, match=r"^JSON nested (too deeply|deeper than \d+ levels)$"):
        read(Format.JSON, text)


def test_json_just_inside_the_depth_limit_is_read():
    doc = read(Format.JSON, '{"a":' * 300 + f'"{PHRASE}"' + "}" * 300)
    assert [s.text for s in doc.segments] == [PHRASE]


@pytest.mark.parametrize("text", [
    "<div>" * DEEP + PHRASE + "</div>" * DEEP,
    "<div>" * DEEP + PHRASE,  # never closed
    "<b>" * DEEP + PHRASE,
    "<table><tr><td>" * (DEEP // 3) + PHRASE,
    "<ul><li>" * (DEEP // 2) + PHRASE,
    "<span><div>" * (DEEP // 2) + PHRASE + "</x>" * DEEP,  # stray end tags at depth
], ids=["div", "unclosed div", "inline", "tables", "lists", "stray end tags"])
def test_deep_html_is_read(text):
    with within(10):
        findings = lint(read(Format.HTML, text))
    assert [f.match for f in findings] == [PHRASE]


def test_deep_json_ld_in_html_is_a_notice():
    text = '<script type="application/ld+json">' + "[" * DEEP + "]" * DEEP + f"</script><p>{PHRASE}</p>"
    doc = read(Format.HTML, text)
    assert doc.notices == ("hostile.html:1: JSON-LD block 1 skipped: JSON nested too deeply",)
    assert [f.match for f in lint(doc)] == [PHRASE]


PLAIN = ("hostile.markdown: Markdown nested over 99 levels deep; read as plain text",)


@pytest.mark.parametrize("text, notices", [
    (">" * DEEP + " " + PHRASE, PLAIN),
    ("".join("  " * i + "- x\n" for i in range(1000)) + "\n" + PHRASE, PLAIN),
    ("> " * 50 + "x\n\n" + PHRASE, ()),  # deep, but within what markdown-it parses
    ("*" * DEEP + "\n\n" + PHRASE, ()),
], ids=["quotes", "lists", "50 quotes", "emphasis"])
def test_deep_markdown_loses_no_text(text, notices):
    """markdown-it drops everything after its nesting limit; cxlint reads such a file as plain text."""
    with within(10):
        doc = read(Format.MARKDOWN, text)
    assert doc.notices == notices
    assert PHRASE in [f.match for f in lint(doc)]


N = 200_000  # characters; each of these took from seconds to minutes before the fix
QUADRATIC = [
    (Format.HTML, "start tags never closed", "<a " * (N // 3)),
    (Format.HTML, "start tags with open quotes", "<a b='" * (N // 6)),
    (Format.HTML, "start tags closed once at the end", "<a " * (N // 3) + ">"),
    (Format.HTML, "comments never closed", "<!--" * (N // 4)),
    (Format.HTML, "comments never closed, '>' after each", "<!--a>" * (N // 6)),
    (Format.HTML, "end tags never closed", "</a" * (N // 3)),
    (Format.HTML, "processing instructions", "<?" * (N // 2)),
    (Format.HTML, "marked sections never closed", "<![if a>" * (N // 8)),
    (Format.HTML, "CDATA sections never closed", "<![cdata[ x ]>" * (N // 14)),
    (Format.HTML, "stray end tags under deep nesting", "<div>" * (N // 12) + "</x>" * (N // 12)),
    (Format.HTML, "paragraphs under deep nesting", "<div>" * (N // 20) + "<p>x</p>" * (N // 16)),
    (Format.HTML, "list items under deep nesting", "<div>" * (N // 10) + "<li>x" * (N // 10)),
    (Format.HTML, "blocks under deep inline nesting", "<b>" * (N // 8) + "<div>x" * (N // 12)),
    (Format.MARKDOWN, "brackets", "[" * N),
    (Format.MARKDOWN, "link openers", "[a](" * (N // 4)),
    (Format.MARKDOWN, "emphasis", "*a" * (N // 2)),
    (Format.MARKDOWN, "backtick runs of every length", "".join("`" * i + "a" for i in range(1, 630))),
    (Format.MARKDOWN, "HTML tags with endless blanks", "x <a" + " " * N),
    (Format.MARKDOWN, "comments never closed inside a paragraph", "x <!--" * (N // 6)),
    (Format.MARKDOWN, "heading with endless blanks", "# customer" + " " * N + "x"),
    (Format.MARKDOWN, "front matter value with endless blanks", "---\ntitle: a" + " " * N + "b\n---\nx\n"),
    (Format.CSV, "a 5 MB field", 'title,description\nx,"' + (PHRASE + " ") * (5 * 1024 * 1024 // 26) + '"\n'),
    (Format.CSV, "half a million empty cells", "," * 500_000),
    (Format.CSV, "doubled quotes", '"' + '""' * N),
    (Format.CSV, "a quote never closed", 'a,"' + "x" * N),
]


@pytest.mark.parametrize("fmt, text", [(c[0], c[2]) for c in QUADRATIC], ids=[f"{c[0].value}: {c[1]}" for c in QUADRATIC])
def test_no_input_makes_a_reader_quadratic(fmt, text):
    with within(5):
        read(fmt, text)


def test_a_huge_csv_field_keeps_its_text_and_place():
    field = "x " * (5 * 1024 * 1024 // 2) + PHRASE
    doc = read(Format.CSV, f'title,description\nok,"{field}"\n')
    [seg] = [s for s in doc.segments if PHRASE in s.text]
    assert seg.text == field and seg.source_map.to_source(0) == len('title,description\nok,"')
