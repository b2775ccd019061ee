"""The on-disk regex cache returns patterns that behave exactly like re.compile's."""

from __future__ import annotations

import re

import pytest

from cxlint import rxcache


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("CXLINT_NO_CACHE", raising=False)
    monkeypatch.setattr(rxcache, "_new", {})
    return tmp_path


PATTERNS = [
    (r"(?<![\w])(?:customer[ \t]+experience[ \t]+(?P<role>agents?|reps?))(?![\w])", re.IGNORECASE),
    (r"\bNPS\b", 0),
    (r"caf\u00e9 (?:cr\u00e8me|noir)", re.IGNORECASE),
]
TEXT = "Our Customer Experience Agents and CX reps love NPS at the Café Crème; nps."


@pytest.mark.parametrize("source, flags", PATTERNS)
def test_cached_pattern_matches_like_re(fresh_cache, source, flags):
    first = rxcache.compile(source, flags)  # compiled and recorded
    rxcache._save()
    assert list(fresh_cache.glob("cxlint/regex-*/*.rx"))
    assert not rxcache._new
    assert rxcache._load(rxcache._cache_dir(), rxcache._key(source, flags)) is not None, "the entry reads back"
    again = rxcache.compile(source, flags)  # rebuilt from the file
    expected = re.compile(source, flags)
    for rx in (first, again):
        assert [(m.span(), m.groupdict()) for m in rx.finditer(TEXT)] == [(m.span(), m.groupdict()) for m in expected.finditer(TEXT)]
        assert rx.groupindex == expected.groupindex and rx.flags == expected.flags


def _code(*words: int) -> bytes:
    from array import array

    return array(rxcache._CODE_TYPE, words).tobytes()


@pytest.mark.parametrize("entry", [
    b"garbage without a line feed",
    b"0 0\n" + _code(1, 2, 3),  # nonsense code: _sre.compile refuses it
    b"0 0\n" + _code(1, 2, 3)[:-1],  # cut short: not whole code words
    b"zero 0\n" + _code(17),  # a header that is not numbers
    b"0 0 name=9\n" + _code(17),  # a group number past the groups
    b"\xff\xfe 0\n" + _code(17),  # not UTF-8
    b"",
])
def test_a_damaged_cache_file_is_ignored(fresh_cache, entry):
    folder = rxcache._cache_dir()
    folder.mkdir(parents=True)
    (folder / f"{rxcache._key('c(x)', 0)}{rxcache._SUFFIX}").write_bytes(entry)
    rx = rxcache.compile("c(x)", 0)
    assert rx.search("a cx b").span() == (2, 4) and rx.groups == 1


def test_invalid_pattern_still_raises(fresh_cache):
    with pytest.raises(re.error):
        rxcache.compile("(unclosed", 0)


def test_can_be_switched_off(fresh_cache, monkeypatch):
    monkeypatch.setenv("CXLINT_NO_CACHE", "1")
    assert rxcache._cache_dir() is None
    assert rxcache.compile("a+", 0).match("aaa")
