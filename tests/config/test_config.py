"""Configuration: discovery up the tree, YAML and pyproject, --config, strict errors with file:line, origins, init."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxlint.cli import main
from cxlint.config import (
    COMMAND_LINE, DEFAULT, STARTER, Config, Override, Profile, check_refs, describe, find_config, load_config,
    resolve, write_starter,
)
from cxlint.errors import ConfigError
from cxlint.model import Severity
from helpers import MINI_PACK

RULES = [("CX201", "experience-job-title"), ("CX202", "experience-contact-point"), ("CX601", "acronym-first")]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def cli(cwd: Path, monkeypatch, *args: str):
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --- discovery -------------------------------------------------------------------------------


@pytest.mark.parametrize("name, text", [
    (".cxlint.yaml", "fail-on: error\n"),
    (".cxlint.yml", "fail-on: error\n"),
    ("pyproject.toml", "[project]\nname = 'x'\n\n[tool.cxlint]\nfail-on = 'error'\n"),
])
def test_config_is_found_from_a_subfolder_upwards(tmp_path, name, text):
    write(tmp_path / name, text)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == (tmp_path / name).resolve()
    config = resolve(None, deep)
    assert config.fail_on is Severity.ERROR
    assert config.root == str(tmp_path.resolve())
    assert config.origin("fail_on").endswith(f"{name}:{5 if name == 'pyproject.toml' else 1}")


def test_nearest_file_wins_and_a_pyproject_without_our_table_is_passed_over(tmp_path):
    write(tmp_path / ".cxlint.yaml", "fail-on: info\n")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.black]\nline-length = 99\n")
    assert find_config(tmp_path / "sub") == (tmp_path / ".cxlint.yaml").resolve()
    write(tmp_path / "sub" / ".cxlint.yml", "fail-on: error\n")
    assert find_config(tmp_path / "sub") == (tmp_path / "sub" / ".cxlint.yml").resolve()


def test_yaml_beats_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.cxlint]\nfail-on = 'info'\n")
    write(tmp_path / ".cxlint.yaml", "fail-on: error\n")
    assert find_config(tmp_path).name == ".cxlint.yaml"


def test_no_file_gives_defaults_rooted_at_the_working_folder(tmp_path):
    config = resolve(None, tmp_path)
    assert (config.path, config.fail_on, config.select, config.respect_gitignore) == (None, Severity.WARNING, (), True)
    assert config.origin("select") == DEFAULT


def test_named_config_overrides_discovery_and_a_missing_one_is_an_error(tmp_path):
    write(tmp_path / ".cxlint.yaml", "fail-on: info\n")
    other = write(tmp_path / "ci" / "strict.yaml", "fail-on: error\n")
    assert resolve(str(other), tmp_path).fail_on is Severity.ERROR
    with pytest.raises(ConfigError, match="config file not found"):
        resolve(str(tmp_path / "nope.yaml"), tmp_path)


# --- parsing and errors ------------------------------------------------------------------------


def test_every_key_is_read(tmp_path):
    write(tmp_path / "pack.yaml", MINI_PACK.read_text())
    path = write(tmp_path / ".cxlint.yaml", """\
        select: [CX2, acronym-first]
        ignore: [CX202]
        severity: {CX201: error, CX2: info}
        fail-on: error
        packs: [pack.yaml]
        builtin: false
        disable: [CX602]
        exclude: ["vendor/**"]
        respect-gitignore: false
        accept:
          "*": [Customer Experience Centre]
          CX201: [CX Agent Programme]
        columns: [title, description]
        max-bytes: 1000
        overrides:
          - files: ["jobs/**"]
            fail-on: info
    """)
    c = load_config(str(path), tmp_path)
    assert c.select == ("CX2", "acronym-first") and c.ignore == ("CX202",)
    # Prefixes are applied first so that an exact code wins whatever the order in the file.
    assert c.severity == (("CX2", Severity.INFO), ("CX201", Severity.ERROR))
    assert c.fail_on is Severity.ERROR and c.builtin is False and c.disable == ("CX602",)
    assert c.packs == (str(tmp_path / "pack.yaml"),)
    assert c.exclude == ("vendor/**",) and c.respect_gitignore is False
    assert c.accept == (("*", ("Customer Experience Centre",)), ("CX201", ("CX Agent Programme",)))
    assert c.columns == ("title", "description") and c.max_bytes == 1000
    assert c.overrides == (Override(files=("jobs/**",), origin=".cxlint.yaml:16", fail_on=Severity.INFO),)
    assert c.origin("max_bytes") == ".cxlint.yaml:14"
    check_refs(c, RULES + [("CX602", "consistent-centric")])


def test_accept_as_a_plain_list_applies_to_every_rule(tmp_path):
    path = write(tmp_path / ".cxlint.yaml", "accept: [Customer Experience Centre]\n")
    assert load_config(str(path), tmp_path).accept == (("*", ("Customer Experience Centre",)),)


def test_empty_file_means_defaults(tmp_path):
    path = write(tmp_path / ".cxlint.yaml", "# nothing yet\n")
    assert load_config(str(path), tmp_path).fail_on is Severity.WARNING


YAML_ERRORS = [
    ("select: [CX201\nfail-on: error\n", 2, "invalid YAML"),
    ("fail-on: error\nfail_on: info\n", 2, "unknown key 'fail_on' (did you mean 'fail-on'?)"),
    ("selct: [CX201]\n", 1, "unknown key 'selct' (did you mean 'select'?)"),
    ("- CX201\n", 1, "the configuration must be a mapping"),
    ("select: 5\n", 1, "select must be a list of strings, not a number"),
    ("ignore: [CX201, 7]\n", 1, "ignore must hold non-empty strings"),
    ("fail-on: loud\n", 1, "fail-on: unknown severity 'loud'"),
    ("severity:\n  CX201: loud\n", 2, "severity.CX201: unknown severity 'loud'"),
    ("severity: [CX201]\n", 1, "severity must be a mapping"),
    ("max-bytes: lots\n", 1, "max-bytes must be a whole number"),
    ("max-bytes: 0\n", 1, "max-bytes must be a whole number"),
    ("respect-gitignore: maybe\n", 1, "respect-gitignore must be true or false"),
    ("packs: [missing.yaml]\n", 1, "packs: term pack 'missing.yaml' not found"),
    ("accept: 3\n", 1, "accept must be a list of phrases or a mapping"),
    ("overrides: {files: x}\n", 1, "overrides must be a list"),
    ("overrides:\n  - files: [a]\n  - select: [CX201]\n", 3, "overrides[2]: files (a list of globs) is required"),
    ("overrides:\n  - files: [a]\n    sevrity: {CX201: info}\n", 3, "unknown key 'sevrity' (did you mean 'severity'?)"),
    ("overrides:\n  - files: []\n", 2, "overrides[1].files must not be empty"),
    ("select: [CX201]\nselect: [CX202]\n", 2, "duplicate key 'select'"),
]


@pytest.mark.parametrize("text, line, message", YAML_ERRORS, ids=[m for _, _, m in YAML_ERRORS])
def test_yaml_errors_name_file_line_and_key(tmp_path, text, line, message):
    path = write(tmp_path / ".cxlint.yaml", text)
    with pytest.raises(ConfigError) as err:
        load_config(str(path), tmp_path)
    assert str(err.value).startswith(f".cxlint.yaml:{line}: "), str(err.value)
    assert message in str(err.value)


UNKNOWN_RULES = [
    ("ignore:\n  - CX201\n  - CX2O1\n", 3, "ignore: unknown rule 'CX2O1' (did you mean 'CX201'?)"),
    ("select: [experience-job-titel]\n", 1, "select: unknown rule 'experience-job-titel' (did you mean 'experience-job-title'?)"),
    ("severity:\n  CX201: info\n  CX7: error\n", 3, "severity: unknown rule 'CX7'"),
    ("accept:\n  CX999: [x]\n", 2, "accept: unknown rule 'CX999'"),
    ("disable: [CX555]\n", 1, "disable: unknown rule 'CX555'"),
    ("overrides:\n  - files: [a]\n    ignore: [nope]\n", 3, "overrides[1].ignore: unknown rule 'nope'"),
]


@pytest.mark.parametrize("text, line, message", UNKNOWN_RULES, ids=[m for _, _, m in UNKNOWN_RULES])
def test_unknown_rule_codes_are_errors_with_line(tmp_path, text, line, message):
    config = load_config(str(write(tmp_path / ".cxlint.yaml", text)), tmp_path)
    with pytest.raises(ConfigError) as err:
        check_refs(config, RULES)
    assert str(err.value) == f".cxlint.yaml:{line}: {message}"


def test_tool_codes_and_prefixes_are_known(tmp_path):
    config = load_config(str(write(tmp_path / ".cxlint.yaml", "ignore: [CX002, CX6, unused-suppression]\n")), tmp_path)
    check_refs(config, RULES)


PYPROJECT_ERRORS = [
    ("[tool.cxlint]\nfail-on = 'error'\nselect = 5\n", 3, "select must be a list of strings"),
    ("[tool.cxlint]\nfail_on = 'error'\n", 2, "unknown key 'fail_on' (did you mean 'fail-on'?)"),
    ("[tool.cxlint]\nfail-on = = 'error'\n", 2, "invalid TOML: Invalid value"),
    ("[tool.cxlint]\nfail-on = 'error'\n\n[tool.cxlint.severity]\nCX201 = 'loud'\n", 5, "severity.CX201: unknown severity"),
    ("[tool.cxlint]\nfail-on = 'error'\n\n[[tool.cxlint.overrides]]\nfiles = ['a/**']\n\n"
     "[[tool.cxlint.overrides]]\nfiles = ['b/**']\nfail-onn = 'info'\n", 9, "overrides[2]: unknown key 'fail-onn'"),
]


@pytest.mark.parametrize("text, line, message", PYPROJECT_ERRORS, ids=[m for _, _, m in PYPROJECT_ERRORS])
def test_pyproject_errors_name_the_line_of_the_key(tmp_path, text, line, message):
    path = write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError) as err:
        load_config(str(path), tmp_path)
    assert str(err.value).startswith(f"pyproject.toml:{line}: "), str(err.value)
    assert message in str(err.value)


def test_pyproject_table_with_overrides_and_unknown_rule_line(tmp_path):
    path = write(tmp_path / "pyproject.toml", """\
        [project]
        name = "site"

        [tool.cxlint]
        fail-on = "error"
        ignore = ["CX601"]

        [tool.cxlint.severity]
        CX201 = "info"

        [[tool.cxlint.overrides]]
        files = ["jobs/**"]
        select = ["CX2"]

        [[tool.cxlint.overrides]]
        files = ["articles/**"]
        ignore = ["CX2O1"]
    """)
    c = load_config(str(path), tmp_path)
    assert c.fail_on is Severity.ERROR and c.severity == (("CX201", Severity.INFO),)
    assert [o.origin for o in c.overrides] == ["pyproject.toml:11", "pyproject.toml:15"]
    assert c.origin("severity") == "pyproject.toml:8"
    with pytest.raises(ConfigError) as err:
        check_refs(c, RULES)
    assert str(err.value) == "pyproject.toml:17: overrides[2].ignore: unknown rule 'CX2O1' (did you mean 'CX201'?)"


# --- command line, origins, show ---------------------------------------------------------------


def test_command_line_values_replace_the_file_and_say_so(tmp_path):
    c = load_config(str(write(tmp_path / ".cxlint.yaml", "select: [CX2]\nfail-on: error\n")), tmp_path)
    merged = c.with_cli(select=("CX601",), ignore=None, fail_on=None)
    assert merged.select == ("CX601",) and merged.fail_on is Severity.ERROR
    assert (merged.origin("select"), merged.origin("fail_on"), merged.origin("ignore")) == (
        COMMAND_LINE, ".cxlint.yaml:2", DEFAULT)
    shown = describe(merged, tmp_path)
    assert "select             [CX601]    (command line)" in shown
    assert "fail-on            error    (.cxlint.yaml:2)" in shown
    assert "ignore             []    (default)" in shown


def test_packs_from_file_and_command_line_add_up_in_order(tmp_path):
    write(tmp_path / "a.yaml", MINI_PACK.read_text())
    c = load_config(str(write(tmp_path / ".cxlint.yaml", "packs: [a.yaml]\n")), tmp_path)
    merged = c.with_cli(packs=("b.yaml",))
    assert merged.packs == (str(tmp_path / "a.yaml"), "b.yaml")
    assert merged.origin("packs") == ".cxlint.yaml:1 + command line"


def test_cxlint_config_and_show_config_print_values_with_origins(tmp_path, monkeypatch):
    write(tmp_path / "pack.yaml", MINI_PACK.read_text())
    write(tmp_path / ".cxlint.yaml", "packs: [pack.yaml]\nbuiltin: false\nignore: [CX601]\n")
    shown = cli(tmp_path, monkeypatch, "config")
    assert shown.exit_code == 0, shown.output
    assert "config file        .cxlint.yaml" in shown.stdout
    assert "ignore             [CX601]    (.cxlint.yaml:3)" in shown.stdout
    via_check = cli(tmp_path, monkeypatch, "check", "--show-config", "--fail-on", "error")
    assert via_check.exit_code == 0
    assert "fail-on            error    (command line)" in via_check.stdout


def test_config_errors_exit_2_with_file_line_and_key(tmp_path, monkeypatch):
    write(tmp_path / ".cxlint.yaml", f"packs: [{MINI_PACK}]\nbuiltin: false\nseverity:\n  CX2O1: info\n")
    write(tmp_path / "a.txt", "fine\n")
    for args in (("check", "a.txt"), ("config",)):
        result = cli(tmp_path, monkeypatch, *args)
        assert result.exit_code == 2
        assert result.stderr == "cxlint: .cxlint.yaml:4: severity: unknown rule 'CX2O1' (did you mean 'CX201'?)\n"


def test_named_config_on_the_command_line_wins(tmp_path, monkeypatch):
    write(tmp_path / ".cxlint.yaml", "fail-on: [broken\n")
    write(tmp_path / "ok.yaml", "fail-on: error\n")
    assert cli(tmp_path, monkeypatch, "config").exit_code == 2
    result = cli(tmp_path, monkeypatch, "config", "--config", "ok.yaml")
    assert result.exit_code == 0 and "fail-on            error    (ok.yaml:1)" in result.stdout
    assert cli(tmp_path, monkeypatch, "config", "--no-config").exit_code == 0


# --- profiles ----------------------------------------------------------------------------------


def test_overrides_select_and_fail_on_replace_the_rest_adds_up(tmp_path):
    c = load_config(str(write(tmp_path / ".cxlint.yaml", """\
        ignore: [CX601]
        severity: {CX201: warning}
        overrides:
          - files: ["jobs/**"]
            fail-on: info
            severity: {CX201: error}
          - files: ["**/*.md"]
            select: [CX2]
            ignore: [CX202]
            accept: [CX Hub]
    """)), tmp_path)
    assert c.profile_for(str(tmp_path / "articles" / "a.txt")) == c.base_profile()
    assert c.profile_for(str(tmp_path / "jobs" / "x" / "a.txt")) == Profile(
        ignore=("CX601",), severity=(("CX201", Severity.WARNING), ("CX201", Severity.ERROR)), fail_on=Severity.INFO)
    both = c.profile_for(str(tmp_path / "jobs" / "a.md"))
    assert (both.select, both.ignore, both.fail_on) == (("CX2",), ("CX601", "CX202"), Severity.INFO)
    assert both.accept == (("*", ("CX Hub",)),)
    # Files outside the config's folder get the top-level settings only.
    assert c.profile_for(str(tmp_path.parent / "jobs" / "a.md")) == c.base_profile()


def test_exclude_globs_are_relative_to_the_config_folder(tmp_path):
    c = Config(root=str(tmp_path), exclude=("vendor/**", "*.draft.md"))
    assert c.excluded(str(tmp_path / "vendor" / "x" / "a.md"))
    assert c.excluded(str(tmp_path / "docs" / "a.draft.md"))
    assert not c.excluded(str(tmp_path / "docs" / "vendor.md"))


# --- init --------------------------------------------------------------------------------------


def test_init_writes_a_loadable_starter_and_refuses_to_overwrite(tmp_path, monkeypatch):
    first = cli(tmp_path, monkeypatch, "init")
    assert first.exit_code == 0 and (tmp_path / ".cxlint.yaml").read_text() == STARTER
    config = load_config(str(tmp_path / ".cxlint.yaml"), tmp_path)
    assert config.fail_on is Severity.WARNING and config.exclude == ("vendor/**",)
    (tmp_path / ".cxlint.yaml").write_text("fail-on: error\n")
    again = cli(tmp_path, monkeypatch, "init")
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert (tmp_path / ".cxlint.yaml").read_text() == "fail-on: error\n"
    assert cli(tmp_path, monkeypatch, "init", "--force").exit_code == 0
    assert (tmp_path / ".cxlint.yaml").read_text() == STARTER


def test_starter_commented_examples_are_valid_when_uncommented(tmp_path):
    # Users switch a feature on by deleting '# ' in front of an example: each must then load.
    example = re.compile(r"^# ( *)([\w\"*-]+:( |$)|- )")
    text = "\n".join(line[2:] if example.match(line) else line for line in STARTER.splitlines())
    # The starter shows `accept` in both of its forms; a file holds one.
    text = text.replace("accept:\n  - Customer Experience Centre\n", "", 1)
    write(tmp_path / "terms" / "our-terms.yaml", MINI_PACK.read_text())
    config = load_config(str(write(tmp_path / ".cxlint.yaml", text)), tmp_path)
    assert [o.files for o in config.overrides] == [("jobs/**",), ("articles/**",)]
    assert config.accept[0] == ("*", ("Customer Experience Centre",))
    assert config.columns == ("title", "description") and config.disable == ("CX602",)
    check_refs(config, RULES + [("CX602", "consistent-centric"), ("CX301", "excellence-buzzword")])


def test_write_starter_in_a_named_folder(tmp_path):
    assert write_starter(tmp_path) == tmp_path / ".cxlint.yaml"
    with pytest.raises(ConfigError, match="already exists"):
        write_starter(tmp_path)
