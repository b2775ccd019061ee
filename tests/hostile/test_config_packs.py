"""Hostile configuration and term packs: bad YAML, Python tags, bad or catastrophic regexes, unknown keys, limits."""

from __future__ import annotations

import re

import pytest

from helpers import MINI_PACK, run_cli
from hostile.support import PHRASE

RULE = """rules:
  - id: CX990
    name: user-rule
    family: custom
    kind: phrase
    severity: warning
    message: "x"
    explain: x
    regex: [{regex!r}]
    anchors: [customer]
    examples:
      flag: ["a customer aac here"]
      pass: ["a customer b here"]
"""

PACKS = [
    ("invalid YAML", "rules: [\n", r"^cxlint: pack\.yaml:2: invalid YAML: "),
    ("python object tag", 'rules: !!python/object/apply:os.system ["touch PWNED"]\n',
     r"^cxlint: pack\.yaml:1: invalid YAML: could not determine a constructor for the tag 'tag:yaml\.org,2002:python/object/apply:os\.system'"),
    ("python name tag", "rules: !!python/name:os.system\n", r"^cxlint: pack\.yaml:1: invalid YAML: could not determine a constructor"),
    ("YAML nested 10,000 deep", "rules: " + "[" * 10_000 + "]" * 10_000 + "\n", r"^cxlint: pack\.yaml(:\d+)?: invalid YAML"),
    ("unknown key", "rules: []\nrulez: []\n", r"^cxlint: pack\.yaml:2: term pack: unknown key 'rulez' \(did you mean 'rules'\?\)"),
    ("invalid regex", RULE.format(regex="customer (a["), r"pack\.yaml:9: rule CX990: regex .*invalid regular expression"),
    ("nested quantifier", RULE.format(regex="customer (a+)+c"), r"nested quantifier \(like \(a\+\)\+\) can backtrack catastrophically"),
    ("quantified group with a quantifier", RULE.format(regex=r"customer (?:\w+\s?)+c"), r"nested quantifier"),
    ("back-reference", RULE.format(regex=r"customer (a)\1"), r"back-references are not allowed"),
]


@pytest.mark.parametrize("text, message", [c[1:] for c in PACKS], ids=[c[0] for c in PACKS])
def test_bad_pack_stops_the_run_with_path_and_line(tmp_path, text, message):
    (tmp_path / "pack.yaml").write_text(text)
    (tmp_path / "a.md").write_text(PHRASE + "\n")
    proc = run_cli("check", "--no-builtin", "--pack", "pack.yaml", "a.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1
    assert re.search(message, proc.stderr), proc.stderr
    assert not (tmp_path / "PWNED").exists()


CONFIGS = [
    ("invalid YAML", "select: [CX201\n", r"^cxlint: \.cxlint\.yaml:2: invalid YAML"),
    ("python object tag", 'select: !!python/object/apply:os.system ["touch PWNED"]\n',
     r"^cxlint: \.cxlint\.yaml:1: invalid YAML: could not determine a constructor"),
    ("unknown key", "select: [CX201]\nmax-byte: 10\n", r"^cxlint: \.cxlint\.yaml:2: config: unknown key 'max-byte' \(did you mean 'max-bytes'\?\)"),
    ("negative timeout", "timeout: -1\n", r"^cxlint: \.cxlint\.yaml:1: timeout must be a number of seconds \(0 for no limit\), not -1$"),
    ("timeout as text", "timeout: soon\n", r"^cxlint: \.cxlint\.yaml:1: timeout must be a number of seconds \(0 for no limit\), not (a )?str"),
    ("max-bytes of zero", "max-bytes: 0\n", r"^cxlint: \.cxlint\.yaml:1: max-bytes must be a whole number of bytes above 0"),
]


@pytest.mark.parametrize("text, message", [c[1:] for c in CONFIGS], ids=[c[0] for c in CONFIGS])
def test_bad_config_stops_the_run_with_path_and_line(tmp_path, text, message):
    (tmp_path / ".cxlint.yaml").write_text(text)
    (tmp_path / "a.md").write_text(PHRASE + "\n")
    proc = run_cli("check", "--no-builtin", "--pack", str(MINI_PACK), "a.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert re.search(message, proc.stderr.strip()), proc.stderr
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.parametrize("config, args, shown", [
    ("", (), r"timeout +60\.0 +\(default\)"),
    ("timeout: 2.5\nmax-bytes: 1000\n", (), r"timeout +2\.5 +\(\.cxlint\.yaml:1\)"),
    ("timeout: 2.5\n", ("--timeout", "0"), r"timeout +0\.0 +\(command line\)"),
])
def test_limits_are_configurable(tmp_path, config, args, shown):
    (tmp_path / ".cxlint.yaml").write_text(config or "select: []\n")
    proc = run_cli("check", "--show-config", *args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert re.search(shown, proc.stdout), proc.stdout


def test_max_bytes_from_config_skips_a_big_file(tmp_path):
    (tmp_path / ".cxlint.yaml").write_text("max-bytes: 100\n")
    (tmp_path / "big.md").write_text(PHRASE + " " * 200 + "\n")
    (tmp_path / "small.md").write_text(PHRASE + "\n")
    proc = run_cli("check", "--no-builtin", "--pack", str(MINI_PACK), "--format", "text", ".", cwd=tmp_path)
    assert proc.returncode == 1
    assert "big.md: error CX001 file is 226 bytes, over the 100-byte limit (--max-bytes)" in proc.stdout
    assert "small.md:1:1: warning CX201" in proc.stdout


def test_a_catastrophic_regex_that_passes_the_checks_is_stopped_by_the_time_limit(tmp_path):
    """(a|aa)* backtracks exponentially yet has no nested quantifier: the per-file time limit bounds it."""
    (tmp_path / "pack.yaml").write_text(RULE.format(regex="customer (?:a|aa)*c"))
    (tmp_path / "bad.txt").write_text("customer " + "a" * 60 + "b\n")
    (tmp_path / "ok.txt").write_text("customer aac\n")
    proc = run_cli("check", "--no-builtin", "--pack", "pack.yaml", "--timeout", "0.5", "--format", "text", ".",
                   cwd=tmp_path)
    assert proc.returncode == 1
    assert sorted(proc.stdout.splitlines()) == [
        "bad.txt: error CX001 took longer than 0.5 s reading and checking it; skipped (raise --timeout to allow more)",
        "ok.txt:1:1: warning CX990 x",
    ]


def test_the_time_limit_holds_in_worker_processes(tmp_path):
    """--jobs runs files in worker processes; each enforces the limit in its own main thread."""
    (tmp_path / "pack.yaml").write_text(RULE.format(regex="customer (?:a|aa)*c"))
    # The match at the end gets the window past RE2's filter set (which alone would rule the
    # backtracking text out), so Python's regex runs and backtracks on the first "customer".
    (tmp_path / "bad.txt").write_text("customer " + "a" * 60 + "b customer aac\n")
    filler = "Lorem ipsum dolor sit amet.\n" * 500  # 14 KB a file: enough text for the run to use workers
    for n in range(20):
        (tmp_path / f"ok{n:02}.txt").write_text("customer aac\n" + filler)
    proc = run_cli("check", "--no-builtin", "--pack", "pack.yaml", "--timeout", "0.5", "--jobs", "2",
                   "--format", "text", ".", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert "bad.txt: error CX001 took longer than 0.5 s reading and checking it; skipped (raise --timeout to allow more)" in lines
    assert sum(line.endswith("warning CX990 x") for line in lines) == 20
