"""The plan cache gives back the plan a fresh build would give, and never anything else."""

from __future__ import annotations

import os
import pickle
import shutil

import pytest
from helpers import MINI_PACK

from cxlint import app, plancache
from cxlint.app import RunOptions, build_plan
from cxlint.config import Config
from cxlint.engine import check
from cxlint.extract.text import read_text
from cxlint.model import Severity

TEXT = "Apply to be a Customer Experience Representative today.\nOur NPS score rose.\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.delenv("CXLINT_NO_CACHE", raising=False)
    return tmp_path / "home-cache"


def _entries(cache) -> list:
    return sorted(cache.glob("cxlint/plans-*/*.pickle"))


def _findings(plan) -> list[tuple]:
    return [(f.rule, f.location.line, f.location.column, f.message) for f in check(read_text("t.txt", TEXT), plan.ruleset)]


def _forbid_builds(monkeypatch):
    def fail(*a, **k):
        raise AssertionError("the plan was built again instead of read from the cache")

    monkeypatch.setattr(app, "parse_packs", fail)


def test_second_run_reads_the_plan_and_finds_the_same(cache, monkeypatch):
    opts = RunOptions(paths=())
    fresh = build_plan(opts)
    assert len(_entries(cache)) == 1
    _forbid_builds(monkeypatch)
    again = build_plan(opts)
    assert _findings(again) == _findings(fresh) != []
    assert [r.id for r in again.ruleset.rules] == [r.id for r in fresh.ruleset.rules]
    assert again.known == fresh.known


@pytest.mark.parametrize("change", ["pack text", "config", "selection", "fail-on", "cxlint code"])
def test_any_changed_input_builds_a_new_plan(cache, tmp_path, monkeypatch, change):
    pack = tmp_path / "pack.yaml"
    shutil.copy(MINI_PACK, pack)
    opts = RunOptions(paths=(), packs=(str(pack),), builtin=False)
    build_plan(opts)
    if change == "pack text":
        pack.write_text(pack.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    elif change == "config":
        opts = RunOptions(paths=(), packs=(str(pack),), builtin=False, config=Config(root=str(tmp_path), exclude=("x",)))
    elif change == "selection":
        opts = RunOptions(paths=(), packs=(str(pack),), builtin=False, ignore=("T1",))
    elif change == "fail-on":
        opts = RunOptions(paths=(), packs=(str(pack),), builtin=False, fail_on=Severity.ERROR)
    else:
        real = plancache.code_fingerprint()
        monkeypatch.setattr(plancache, "code_fingerprint", lambda: real + "-upgraded")
    build_plan(opts)
    assert len(_entries(cache)) == 2


def test_code_fingerprint_follows_module_edits(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    mod = pkg / "m.py"
    mod.write_text("x = 1\n")
    before = plancache.code_fingerprint(str(pkg))
    assert plancache.code_fingerprint(str(pkg)) == before
    os.utime(mod, ns=(1, 1))
    assert plancache.code_fingerprint(str(pkg)) != before


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps({"a": 1})[:-3]])
def test_a_damaged_entry_is_rebuilt(cache, content):
    opts = RunOptions(paths=())
    fresh = build_plan(opts)
    (entry,) = _entries(cache)
    entry.write_bytes(content)
    assert _findings(build_plan(opts)) == _findings(fresh)


class _Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned > should-not-exist",))


@pytest.mark.parametrize("payload", [_Evil(), (shutil.rmtree, ("/nonexistent",)), print])
def test_an_entry_naming_anything_but_cxlint_classes_is_refused(cache, tmp_path, monkeypatch, payload):
    monkeypatch.chdir(tmp_path)
    opts = RunOptions(paths=())
    fresh = build_plan(opts)
    (entry,) = _entries(cache)
    entry.write_bytes(pickle.dumps(payload))
    calls = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a))
    got = build_plan(opts)
    assert calls == [] and not (tmp_path / "should-not-exist").exists()
    assert _findings(got) == _findings(fresh)


def test_a_cxlint_function_cannot_be_called_from_an_entry():
    from cxlint import writeback

    data = pickle.dumps((writeback.write_atomic, ("x", "y")))
    with pytest.raises(pickle.UnpicklingError):
        plancache._Unpickler(__import__("io").BytesIO(data)).load()


def test_switched_off_writes_nothing(cache, monkeypatch):
    monkeypatch.setenv("CXLINT_NO_CACHE", "1")
    build_plan(RunOptions(paths=()))
    assert _entries(cache) == []


def test_an_unwritable_cache_only_costs_speed(cache, monkeypatch):
    cache.parent.mkdir(exist_ok=True)
    cache.write_text("a file where the cache folder should be")  # mkdir fails, even as root
    assert _findings(build_plan(RunOptions(paths=())))


def test_old_entries_are_pruned(cache, monkeypatch):
    monkeypatch.setattr(plancache, "_KEEP", 2)
    for sev in (Severity.INFO, Severity.WARNING, Severity.ERROR):
        build_plan(RunOptions(paths=(), fail_on=sev))
    assert len(_entries(cache)) == 2


@pytest.mark.parametrize("flag, written", [((), True), (("--no-cache",), False)])
def test_cli_fills_the_cache_unless_told_not_to(tmp_path, flag, written):
    from helpers import run_cli

    doc = tmp_path / "post.md"
    doc.write_text("# Customer Experience Representative\n", encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(tmp_path / "c"), "CXLINT_NO_CACHE": ""}
    first = run_cli("check", "--format", "text", *flag, str(doc), env=env)
    second = run_cli("check", "--format", "text", *flag, str(doc), env=env)
    assert first.returncode == second.returncode == 1 and first.stdout == second.stdout
    assert "CX201" in first.stdout
    assert bool(list((tmp_path / "c").glob("cxlint/plans-*/*.pickle"))) is written


def test_a_prepared_rule_set_finds_what_a_lazy_one_finds():
    """A cached plan is prepared (lazy work done up front); that must not change any finding."""
    from helpers import ROOT

    from cxlint.engine import RuleSet
    from cxlint.evaluate import load_corpus
    from cxlint.termpack import load_packs, merge_rules

    rules = merge_rules(load_packs())
    lazy, prepared = RuleSet(rules), RuleSet(rules).prepare()
    passages = load_corpus(ROOT / "tests" / "corpus")
    text = "\n\n".join(p.text for p in passages)  # one long document: every rule, every path
    for source in [p.text for p in passages] + [text]:
        doc = read_text("p.txt", source)
        got = [(f.rule, f.location.offset, f.match) for f in check(doc, prepared)]
        assert got == [(f.rule, f.location.offset, f.match) for f in check(doc, lazy)]
