"""The JSON reader: JobPosting objects field by field, other JSON by pointer, positions through escapes."""

from __future__ import annotations

import json

import pytest

from cxlint.errors import InputFailure
from cxlint.extract.jsonfile import JObject, JString, parse, read_json
from cxlint.model import LineIndex, Scope, Severity
from extract.reader_support import lint, where

POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Customer Experience Agent",
    "description": "<p>Join the <em>customer experience</em> representative team.</p>",
    "qualifications": "Two years as a customer experience associate",
    "skills": [{"@type": "DefinedTerm", "name": "customer experience advisor skills"}],
    "url": "https://jobs.example/customer-experience-agent",
    "identifier": {"@type": "PropertyValue", "name": "Customer Experience Specialist ATS"},
}


def located(text: str) -> list[tuple]:
    out = []
    for f in lint(read_json("jobs.json", text)):
        loc = f.location
        start = LineIndex(text).line_start(loc.line) + loc.column - 1
        assert text[start:].startswith(f.match)  # line/column point at the match in the file
        out.append((" ".join(f.match.split()), f.scope, where(f).get("pointer"), where(f).get("field")))
    return sorted(out, key=lambda t: t[2])


EXPECTED_POSTING = [
    ("customer experience</em> representative", Scope.JOB_DESCRIPTION, "/description", "description"),
    ("customer experience associate", Scope.JOB_FIELD, "/qualifications", "qualifications"),
    ("customer experience advisor", Scope.JOB_FIELD, "/skills/0/name", "skills"),
    ("Customer Experience Agent", Scope.JOB_TITLE, "/title", "title"),
]


@pytest.mark.parametrize("shape, prefix", [
    (lambda p: p, ""),
    (lambda p: [p], "/0"),
    (lambda p: {"@context": "https://schema.org", "@graph": [{"@type": "Organization", "name": "x"}, dict(p, **{"@context": None})]},
     "/@graph/1"),
    (lambda p: dict(p, **{"@type": ["JobPosting", "Thing"]}), ""),
])
def test_job_postings_single_list_and_graph(shape, prefix):
    text = json.dumps(shape(POSTING), indent=2)
    got = located(text)
    assert got == sorted([(m, s, prefix + p, fld) for m, s, p, fld in EXPECTED_POSTING], key=lambda t: t[2])


def test_job_title_is_an_error_by_place():
    [title] = [f for f in lint(read_json("j.json", json.dumps(POSTING))) if f.scope is Scope.JOB_TITLE]
    assert title.severity is Severity.ERROR


def test_other_json_every_string_by_pointer():
    data = {
        "site": {"banner": "Meet a customer experience agent", "links": ["/customer-experience-agent"]},
        "faq": [{"q": "Who?", "a": ["Ask a customer experience advisor"]}],
        "a/b": {"m~n": "customer experience specialist"},
        "count": 3,
    }
    got = located(json.dumps(data, indent=1))
    assert got == [
        ("customer experience specialist", Scope.VALUE, "/a~1b/m~0n", None),
        ("customer experience advisor", Scope.VALUE, "/faq/0/a/0", None),
        ("customer experience agent", Scope.VALUE, "/site/banner", None),
    ]


def test_title_keys_of_plain_job_data_are_job_titles():
    data = [{"Job Title": "Customer Experience Agent", "description": "Be a customer experience rep", "notes": "x"}]
    got = {m: s for m, s, *_ in located(json.dumps(data))}
    assert got == {"Customer Experience Agent": Scope.JOB_TITLE, "customer experience rep": Scope.JOB_DESCRIPTION}


@pytest.mark.parametrize("raw, decoded, match_in_source", [
    (r'"a customer experience agent"', "a customer experience agent", "customer experience agent"),
    (r'"a \"customer\u0020experience\" agent here"', 'a "customer experience" agent here', None),
    (r'"\ud83d\ude00 customer\nexperience\tagent"', "\U0001F600 customer\nexperience\tagent", r"customer\nexperience\tagent"),
    (r'"caf\u00e9: customer experience agent"', "café: customer experience agent", "customer experience agent"),
])
def test_string_escapes_keep_positions(raw, decoded, match_in_source):
    text = '{"k":\n  ' + raw + "}"
    node = parse(text)
    assert isinstance(node, JObject)
    s = node.get("k")
    assert isinstance(s, JString) and s.text == decoded
    if match_in_source:
        [f] = lint(read_json("e.json", text))
        assert f.match == match_in_source and f.location.line == 2


@pytest.mark.parametrize("text, message", [
    ('{"a": }', r"^invalid JSON: Expecting value at line 1 column 7$"),
    ("", r"^invalid JSON: Expecting value at line 1 column 1$"),
    ("[" * 450 + "]" * 450, r"^JSON nested deeper than 400 levels$"),
])
def test_invalid_json_is_one_line(text, message):
    with pytest.raises(InputFailure, match=message):
        read_json("bad.json", text)


def test_scalars_and_empty_containers():
    node = parse('{"a": [], "b": {}, "c": [1, -2.5e3, true, false, null, NaN]}')
    assert node.get("a") == () and node.get("b") == JObject(())
    c = node.get("c")
    assert c[:5] == (1, -2500.0, True, False, None) and c[5] != c[5]


def test_a_file_that_is_one_string_has_the_empty_pointer():
    [f] = lint(read_json("s.json", '"a customer experience agent"'))
    assert where(f) == {"pointer": ""} and (f.location.line, f.location.column) == (1, 4)
