"""Streaming and the fast path find exactly what a plain whole-text reference scan finds."""

from __future__ import annotations

import io
import random

import pytest

from cxlint import stream
from cxlint.kinds import base, phrase
from cxlint.app import load_rules
from cxlint.engine import RuleSet, check
from cxlint.extract.markdown import read_markdown
from cxlint.extract.text import read_text

RULES = load_rules()


def corpus(seed: int, size: int) -> str:
    """Prose with every rule example sprinkled in, some non-ASCII, line breaks inside phrases."""
    rng = random.Random(seed)
    examples = [t for r in RULES for t in (*r.examples.flag, *r.examples.passes)]
    filler = ["The river ran past the mill.", "Café crème, naïve façade — 日本語 text.", "Numbers 0800 123 4567 and mail a@b.example.",
              "He said “hello” and left.", "Customers walked in.", "CX", "Customer experience (CX) is the whole journey."]
    parts = []
    n = 0
    while n < size:
        piece = rng.choice(examples) if rng.random() < 0.4 else rng.choice(filler)
        if rng.random() < 0.2:
            piece = piece.replace(" ", "\n", 1)
        if rng.random() < 0.1:
            piece = piece.replace(" ", "\u00a0")  # non-breaking spaces, as pasted from office files
        parts.append(piece)
        parts.append(rng.choice([" ", "\n", "\n\n", "\r\n", "  "]))
        n += len(piece) + 1
    return "".join(parts)


def fast(path: str) -> RuleSet:
    """The fast path with the anchor words only, or with RE2 (prefilter.py) from the first byte."""
    ruleset = RuleSet(RULES)
    ruleset.prefilter_min = 0 if path == "re2" else 1 << 60
    return ruleset


PATHS = ["anchors", "re2"]


def key(findings):
    return sorted((f.rule, f.location.line, f.location.column, f.location.end_line, f.location.end_column, f.match) for f in findings)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("seed, eager", [(1, False), (2, False), (3, False), (1, True), (2, True)])
def test_fast_path_equals_reference_matcher(seed, eager, path, monkeypatch):
    if eager:  # parse regexes and look for first literals from the first window on
        monkeypatch.setattr(phrase, "_PARSE_AFTER", 1)
        monkeypatch.setattr(base, "_PLAIN_SEARCHES", 0)
    text = corpus(seed, 60_000)
    reference = key(check(read_text("c", text), RuleSet(RULES, reference=True)))
    assert reference, "the corpus holds misuse"
    assert key(check(read_text("c", text), fast(path))) == reference


@pytest.mark.parametrize("seed, read_bytes, path", [(4, 777, "anchors"), (5, 4096, "anchors"), (6, 4096, "re2")])
def test_streamed_windows_neither_lose_nor_double_findings(seed, read_bytes, path, monkeypatch):
    text = corpus(seed, 120_000)
    whole = key(check(read_text("c", text), RuleSet(RULES, reference=True)))
    monkeypatch.setattr(stream, "WINDOW_CHARS", 5_000)
    monkeypatch.setattr(stream, "CONTEXT", 1_024)
    monkeypatch.setattr(stream, "READ_BYTES", read_bytes)
    found, notices = stream.check_stream("c", io.BytesIO(text.encode("utf-8")), fast(path))
    assert notices == ()
    assert key(found) == whole


def test_streaming_falls_back_to_cp1252_with_a_notice():
    data = ("Caf\xe9 staff. We hire CX agents.\n" * 50).encode("cp1252")
    found, notices = stream.check_stream("old.txt", io.BytesIO(data), RuleSet(RULES))
    assert notices and "cp1252" in notices[0]
    assert found and found[0].location.line == 1


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("text", [
    "Customercentricity means offering good customer service.",  # an anchor inside a glued word
    # Anchors overlapping one another in glued words (RE2 reports only one of them).
    "Our servicexperience agents and the experiencentric desk; promoteresolution, customercentricit.",
    "We are a customer\u00a0centric company because our customer service team is great.",
    "Call the customer\u00a0experience team.",  # an anchor after a non-breaking space
    "our cx\u00a0agents, the CXs agents and ÉCX agents",
    "Café: the customer experience representatives (CX reps) answer.",
])
def test_fast_path_equals_reference_on_edge_cases(text, path):
    reference = key(check(read_text("c", text), RuleSet(RULES, reference=True)))
    assert key(check(read_text("c", text), fast(path))) == reference


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("seed", [9, 10])
def test_fast_path_equals_reference_on_markdown_segments(seed, path):
    # Many short segments (headings, items, paragraphs, code) share one anchor pass per document.
    rng = random.Random(seed)
    blocks = corpus(seed, 20_000).split("\n\n")
    shapes = ["# {}", "- {}", "{}", "> {}", "```\n{}\n```", "| a | {} |\n|---|---|\n| x | y |"]
    text = "\n\n".join(rng.choice(shapes).format(b.replace("\n", " ")) for b in blocks)
    reference = key(check(read_markdown("c.md", text), RuleSet(RULES, reference=True)))
    assert reference
    assert key(check(read_markdown("c.md", text), fast(path))) == reference
