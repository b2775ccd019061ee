"""Term pack loading: every validation error names the file and line; valid packs become Rule records."""

from __future__ import annotations

import textwrap

import pytest

from cxlint.errors import PackError
from cxlint.model import Scope, Severity
from cxlint.termpack import Family, Kind, load_packs, merge_rules, parse_pack

GOOD_RULE = """\
rules:
  - id: CX901
    name: my-rule
    family: custom
    kind: phrase
    severity: warning
    message: "'{match}' is ours; say {suggestion}."
    suggest: ["our thing"]
    explain: Because.
    patterns: ["their thing"]
    examples:
      flag: ["their thing"]
      pass: ["our thing"]
"""


def pack(text: str):
    return parse_pack(textwrap.dedent(text), "my-pack.yaml")


def test_a_valid_rule_loads_into_a_record():
    (rule,) = pack(GOOD_RULE).rules
    assert (rule.id, rule.name, rule.family, rule.kind, rule.severity) == (
        "CX901", "my-rule", Family.CUSTOM, Kind.PHRASE, Severity.WARNING)
    assert rule.source == "my-pack.yaml:2"
    assert rule.examples.flag == ("their thing",)


def replace(old: str, new: str) -> str:
    assert old in GOOD_RULE
    return GOOD_RULE.replace(old, new)


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        (replace("    kind: phrase\n", "    kind: phrase\n    sugest: [x]\n"), 6, "unknown key 'sugest' (did you mean 'suggest'?)"),
        (replace("severity: warning", "severity: loud"), 6, "unknown severity"),
        (replace("kind: phrase", "kind: magic"), 5, "kind must be one of"),
        (replace("family: custom", "family: [a]"), 4, "family must be one of"),
        (replace('suggest: ["our thing"]', "suggest: 3"), 8, "list of strings"),
        (replace("{suggestion}", "{sugestion}"), 7, "unknown placeholder {sugestion}"),
        (replace("id: CX901", "id: X901"), 2, "id must be CX"),
        (replace("id: CX901", "id: CX001"), 2, "reserved"),
        (replace("name: my-rule", "name: My Rule"), 3, "kebab-case"),
        (replace('patterns: ["their thing"]', 'patterns: ["their {thing}"]'), 10, "unknown variable"),
        (replace('patterns: ["their thing"]', 'regex: ["(a+)+"]\n    anchors: [a]'), 10, "nested quantifier"),
        (replace('patterns: ["their thing"]', 'regex: ["(unclosed"]\n    anchors: [a]'), 10, "invalid regular expression"),
        (replace('patterns: ["their thing"]', 'regex: ["their"]'), 10, "need anchors"),
        (replace("    explain: Because.\n", "    explain: Because.\n    fixable: true\n    suggest: [a, b]\n"), 11, "duplicate key"),
        (replace("      pass: [\"our thing\"]\n", ""), 11, "at least one flag and one pass"),
        (GOOD_RULE + GOOD_RULE.replace("rules:\n", ""), 14, "CX901 is defined twice"),
        ("rules: [\n", 2, "invalid YAML"),
        ("rules:\n  - !!python/object/apply:os.system [echo hi]\n", 2, "invalid YAML"),
        ("term: 3\n", 1, "term must be a mapping"),
        ("colour: red\n", 1, "unknown key 'colour'"),
    ],
)
def test_errors_name_file_and_line(text, line, fragment):
    with pytest.raises(PackError) as info:
        pack(text)
    err = info.value
    assert err.path == "my-pack.yaml"
    assert fragment in err.message
    assert err.line == line, str(err)
    assert str(err).startswith(f"my-pack.yaml:{line}: ")


def test_fixable_needs_exactly_one_suggestion():
    text = replace('suggest: ["our thing"]', 'suggest: ["a", "b"]\n    fixable: true')
    with pytest.raises(PackError, match="exactly one suggestion"):
        pack(text)


def test_severity_by_scope_and_scopes_are_enums():
    text = replace("    kind: phrase\n", "    kind: phrase\n    severity_by_scope: {job.title: error}\n    scopes: [heading, job.title]\n")
    (rule,) = pack(text).rules
    assert rule.severity_in(Scope.JOB_TITLE) is Severity.ERROR
    assert rule.severity_in(Scope.PARAGRAPH) is Severity.WARNING
    assert rule.scopes == (Scope.HEADING, Scope.JOB_TITLE)


def test_unknown_scope_is_an_error():
    with pytest.raises(PackError, match="unknown scope 'jobtitle'"):
        pack(replace("    kind: phrase\n", "    kind: phrase\n    scopes: [jobtitle]\n"))


def test_user_pack_replaces_and_disables_builtin_rules_by_id(tmp_path):
    builtin = pack(GOOD_RULE)
    override = parse_pack(GOOD_RULE.replace("my-rule", "my-better-rule"), "mine.yaml")
    assert [r.name for r in merge_rules([builtin, override])] == ["my-better-rule"]
    disabled = parse_pack(GOOD_RULE.replace("    kind: phrase\n", "    kind: phrase\n    disabled: true\n"), "off.yaml")
    assert merge_rules([builtin, disabled]) == []


def test_builtin_packs_load_and_have_unique_ids():
    rules = merge_rules(load_packs())
    assert rules, "the built-in packs define rules"
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert rule.explain and rule.examples.flag and rule.examples.passes, rule.id
        if rule.fixable:
            assert len(rule.suggest) == 1 and rule.examples.fix, rule.id
