"""The config applied to a run: per-glob profiles, severities, disable and replace, accept lists, columns, max-bytes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxlint.cli import main
from cxlint.config import Config
from cxlint.engine import RuleSet, check
from cxlint.model import Document, Scope, Segment, Severity
from cxlint.policy import Policy, accept_regex, drop_accepted
from cxlint.termpack import load_packs, merge_rules
from helpers import MINI_PACK

JOB = "We're hiring a Customer Experience Representative to answer calls.\n"


def setup(tmp_path: Path, config: str, files: dict[str, str]) -> None:
    (tmp_path / "pack.yaml").write_text(MINI_PACK.read_text())
    (tmp_path / ".cxlint.yaml").write_text("packs: [pack.yaml]\nbuiltin: false\n" + textwrap.dedent(config))
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)


def lint(tmp_path: Path, monkeypatch, *args: str) -> tuple[int, list[tuple[str, str, str]], dict]:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-f", "json", *args, "."], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return result.exit_code, [(f["path"], f["rule"], f["severity"]) for f in data["findings"]], data


def test_jobs_strict_and_articles_lenient(tmp_path, monkeypatch):
    setup(tmp_path, """\
        fail-on: error
        overrides:
          - files: ["jobs/**"]
            fail-on: info
            severity: {CX201: error, CX601: warning}
          - files: ["articles/**"]
            ignore: [CX2]
    """, {
        "jobs/night.txt": "Our CX agents work nights.\n",
        "articles/cx.txt": "Our CX agents work nights.\n",
        "notes.txt": "Our CX agents work nights.\n",
    })
    code, found, _ = lint(tmp_path, monkeypatch)
    assert found == [
        ("articles/cx.txt", "CX601", "info"),
        ("jobs/night.txt", "CX201", "error"),
        ("jobs/night.txt", "CX601", "warning"),
        ("notes.txt", "CX201", "warning"),
        ("notes.txt", "CX601", "info"),
    ]
    assert code == 1  # jobs/ fails on info
    (tmp_path / "jobs" / "night.txt").unlink()
    # notes.txt has only warnings and the top level fails on error; articles/ too.
    assert lint(tmp_path, monkeypatch)[0] == 0


def test_override_select_runs_a_rule_the_top_level_leaves_out(tmp_path, monkeypatch):
    setup(tmp_path, """\
        select: [CX201]
        overrides:
          - files: ["**/*.md"]
            select: [CX601]
    """, {"a.txt": "Our CX agents.\n", "b.md": "Our CX agents.\n"})
    assert lint(tmp_path, monkeypatch)[1] == [("a.txt", "CX201", "warning"), ("b.md", "CX601", "info")]


def test_exact_code_severity_beats_a_prefix_whatever_the_order(tmp_path, monkeypatch):
    setup(tmp_path, "severity:\n  CX201: error\n  CX: info\n", {"a.txt": "Our CX agents.\n"})
    assert lint(tmp_path, monkeypatch)[1] == [("a.txt", "CX201", "error"), ("a.txt", "CX601", "info")]


def test_severity_set_in_config_replaces_grading_by_place(tmp_path, monkeypatch):
    # The pack raises CX201 to error in headings; a configured level holds everywhere.
    setup(tmp_path, "select: [CX201]\n", {"a.md": "# CX agents wanted\n"})
    assert lint(tmp_path, monkeypatch)[1] == [("a.md", "CX201", "error")]
    setup(tmp_path, "select: [CX201]\nseverity: {experience-job-title: info}\n", {})
    assert lint(tmp_path, monkeypatch)[1] == [("a.md", "CX201", "info")]


def test_user_pack_replaces_and_disables_built_in_rules_by_code(tmp_path, monkeypatch):
    mine = textwrap.dedent("""\
        rules:
          - id: CX201
            name: experience-job-title
            family: job-title
            kind: phrase
            severity: error
            message: "'{match}': ours."
            explain: Our own wording of the rule.
            patterns: ["cx crew"]
            examples: {flag: ["the CX crew"], pass: ["CX agents"]}
          - id: CX601
            name: acronym-first
            family: style
            kind: acronym
            severity: info
            message: x
            explain: x
            acronyms: {CX: customer experience}
            disabled: true
            examples: {flag: ["Our CX."], pass: ["Customer experience (CX)."]}
    """)
    setup(tmp_path, "packs: [pack.yaml, mine.yaml]\ndisable: [CX602]\n", {
        "a.txt": "Our CX agents and the CX crew. A customer-centric plan, a customer centric plan.\n"})
    (tmp_path / ".cxlint.yaml").write_text("packs: [pack.yaml, mine.yaml]\nbuiltin: false\ndisable: [CX602]\n")
    (tmp_path / "mine.yaml").write_text(mine)
    assert lint(tmp_path, monkeypatch)[1] == [("a.txt", "CX201", "error")]


ACCEPT = [
    # (accept config, text, rules still reported)
    ("accept: [CX Agent Hub]", "Visit the CX Agent Hub. Our CX agents help.", ["CX201"]),
    ("accept: [cx agent hub]", "Visit the CX\nAgent Hub today.", []),  # any case, across a line break
    ("accept: [CX Agent]", "Visit the CX Agent Hub.", []),
    ("accept: [Agent Hub]", "Visit the CX Agent Hub.", ["CX201"]),  # the match must lie inside
    ("accept: {CX201: [CX Agent Hub]}", "Visit the CX Agent Hub.", []),
    ("accept: {CX202: [CX Agent Hub]}", "Visit the CX Agent Hub.", ["CX201"]),  # spares only its rule
    ("accept: {experience-job-title: [CX Agent Hub]}", "Visit the CX Agent Hub.", []),
]


@pytest.mark.parametrize("config, text, left", ACCEPT)
def test_accepted_phrases_are_never_flagged(tmp_path, monkeypatch, config, text, left):
    setup(tmp_path, f"select: [CX201]\n{config}\n", {"a.txt": text + "\n"})
    assert [rule for _, rule, _ in lint(tmp_path, monkeypatch)[1]] == left


def test_accept_per_glob_in_overrides(tmp_path, monkeypatch):
    setup(tmp_path, """\
        select: [CX201]
        overrides:
          - files: ["press/**"]
            accept: [CX Agent Awards]
    """, {"press/a.txt": "The CX Agent Awards.\n", "blog/a.txt": "The CX Agent Awards.\n"})
    assert lint(tmp_path, monkeypatch)[1] == [("blog/a.txt", "CX201", "warning")]


def test_accept_in_documents_without_lines(tmp_path):
    """Slides and pages have no offsets: the match is found in the accepted span by its text and neighbours."""
    rules = merge_rules(load_packs([str(MINI_PACK)], builtin=False))
    rs = RuleSet([r for r in rules if r.id == "CX201"])
    doc = Document("deck.pptx", "pptx", (
        Segment("Welcome to the CX Agent Hub, where CX agents meet.", Scope.BODY, "slide 1", (("slide", 1),)),
        Segment("The CX Agent Hub is open.", Scope.BODY, "slide 2", (("slide", 2),)),
    ))
    found = check(doc, rs)
    assert len(found) == 3
    kept = drop_accepted(doc, found, [(accept_regex("CX Agent Hub"), None)])
    assert [(f.location.anchor, f.match) for f in kept] == [("slide 1", "CX agents")]


def test_columns_and_max_bytes_reach_the_readers(tmp_path, monkeypatch):
    setup(tmp_path, "select: [CX201]\ncolumns: [title]\nmax-bytes: 400\n", {
        "jobs.csv": "title,description\nCX agent,Join our CX agents\n",
        "big.txt": "x" * 500,
    })
    code, found, data = lint(tmp_path, monkeypatch)
    assert found == [("jobs.csv", "CX201", "error")]  # a title column is a job title
    assert [e["path"] for e in data["errors"]] == ["big.txt"] and "400" in data["errors"][0]["message"]
    # The command line still wins over the config.
    _, found, _ = lint(tmp_path, monkeypatch, "--columns", "description", "--max-bytes", "1000")
    assert [(p, r) for p, r, _ in found] == [("jobs.csv", "CX201")]
    assert json.loads(CliRunner().invoke(main, ["check", "-f", "json", "--columns", "description", "jobs.csv"]).stdout)[
        "findings"][0]["match"] == "CX agents"


def test_policy_compiles_only_rules_some_profile_needs(tmp_path):
    rules = merge_rules(load_packs([str(MINI_PACK)], builtin=False))
    config = Config(root=str(tmp_path), select=("CX201",), overrides=())
    policy = Policy(config, rules)
    assert [r.id for r in policy.rules] == ["CX201"]
    fp = policy.for_path(str(tmp_path / "a.txt"))
    assert fp.active is None and fp.rule_ids == {"CX201"} and fp.fail_on is Severity.WARNING
