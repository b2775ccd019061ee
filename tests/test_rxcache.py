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
    assert list(fresh_cache.glob("cxlint/regex-*/*.json"))
    assert not rxcache._new
    again = rxcache.compile(source, flags)  # rebuilt from the file
    expected = re.compile(source, flags)
    for rx in (first, again):
        assert [(m.span(), m.groupdict()) for m in rx.finditer(TEXT)] == [(m.span(), m.groupdict()) for m in expected.finditer(TEXT)]
        assert rx.groupindex == expected.groupindex and rx.flags == expected.flags


def test_a_damaged_cache_file_is_ignored(fresh_cache):
    folder = rxcache._cache_dir()
    folder.mkdir(parents=True)
    (folder / f"{rxcache._key('cx', 0)}.json").write_text("{not json")
    assert rxcache.compile(r"cx", 0).search("a cx b")
    (folder / f"{rxcache._key('cx2', 0)}.json").write_text("[0, [1, 2, 3], 0, {}, [null]]")  # nonsense code
    assert rxcache.compile("cx2", 0).search("cx2")
    (folder / f"{rxcache._key('cx3', 0)}.json").write_text('[0, ["17", 1.5], 0, {}, [null]]')  # not integers
    assert rxcache.compile("cx3", 0).search("cx3")


def test_invalid_pattern_still_raises(fresh_cache):
    with pytest.raises(re.error):
        rxcache.compile("(unclosed", 0)


def test_can_be_switched_off(fresh_cache, monkeypatch):
    monkeypatch.setenv("CXLINT_NO_CACHE", "1")
    assert rxcache._cache_dir() is None
    assert rxcache.compile("a+", 0).match("aaa")
