"""Command line: click commands and options. The only module that imports click."""

from __future__ import annotations

import os
import sys

import click

from cxlint import __version__
from cxlint.errors import CxlintError
from cxlint.model import Severity

COMMANDS = ("check", "rules", "explain", "terms", "test-rules")


class _DefaultToCheck(click.Group):
    """``cxlint PATHS...`` is shorthand for ``cxlint check PATHS...``."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _use_color() -> bool:
    if "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != "":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _stdout_is_terminal()


def _split(values) -> tuple[str, ...]:
    out = []
    for v in values:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    return tuple(out)


def _severity(ctx, param, value):
    if value is None:
        return None
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _fail(exc: CxlintError) -> None:
    click.echo(f"cxlint: {exc}", err=True)
    sys.exit(exc.exit_code)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cxlint")
def main() -> None:
    """Find misuse of customer service, customer experience, customer excellence and
    customer centricity in documents.

    Run `cxlint PATHS...` (short for `cxlint check PATHS...`).
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "-f", "fmt", type=click.Choice(["rich", "text", "json"]), default=None,
              help="Output format. Default: rich on a terminal, text when piped.")
@click.option("--fail-on", callback=_severity, default=None, metavar="LEVEL",
              help="Exit 1 when a finding is at or above LEVEL (info, warning, error). Default: warning.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these rules (codes, code prefixes or names; comma-separated).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules (codes, code prefixes or names).")
@click.option("--pack", "packs", multiple=True, type=click.Path(dir_okay=False), help="Extra term pack (YAML); repeatable.")
@click.option("--no-builtin", is_flag=True, help="Do not load the built-in term packs.")
@click.option("--stdin-filename", metavar="NAME", help="Name (and so format) of the text read from '-'.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, help="Skip files larger than this (default 200 MB).")
def check(paths, fmt, fail_on, select, ignore, packs, no_builtin, stdin_filename, max_bytes):
    """Lint files and folders (use '-' for standard input)."""
    from cxlint.app import DEFAULT_MAX_BYTES, RunOptions, exit_code, run
    from cxlint.report import OutputFormat, RenderContext, render

    opts = RunOptions(
        paths=tuple(paths), select=_split(select), ignore=_split(ignore), packs=tuple(packs),
        builtin=not no_builtin, fail_on=fail_on or Severity.WARNING, stdin_filename=stdin_filename,
        max_bytes=max_bytes or DEFAULT_MAX_BYTES,
    )
    try:
        report = run(opts)
    except CxlintError as exc:
        _fail(exc)
    out_fmt = OutputFormat(fmt) if fmt else (OutputFormat.RICH if _stdout_is_terminal() else OutputFormat.TEXT)
    ctx = RenderContext(fail_on=opts.fail_on, color=_use_color(), tool_version=__version__)
    sys.stdout.write(render(out_fmt, report, ctx))
    for notice in report.notices:
        click.echo(f"cxlint: notice: {notice}", err=True)
    if out_fmt is not OutputFormat.RICH:
        for err in report.errors:
            click.echo(f"cxlint: {err.path}: {err.message}", err=True)
    sys.exit(exit_code(report, opts.fail_on))


def _rules_or_exit(packs=(), builtin=True):
    from cxlint.app import load_rules

    try:
        return load_rules(packs, builtin)
    except CxlintError as exc:
        _fail(exc)


@main.command()
@click.option("--pack", "packs", multiple=True, type=click.Path(dir_okay=False), help="Extra term pack (YAML).")
def rules(packs):
    """List every rule: code, name, severity, family and whether --fix can apply it."""
    found = _rules_or_exit(packs)
    if _stdout_is_terminal():
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False)
        for col in ("code", "name", "severity", "family", "fix"):
            table.add_column(col)
        for r in found:
            table.add_row(r.id, r.name, r.severity.label, r.family.value, "yes" if r.fixable else "")
        Console(no_color=not _use_color()).print(table)
    else:
        for r in found:
            click.echo(f"{r.id}\t{r.name}\t{r.severity.label}\t{r.family.value}\t{'fixable' if r.fixable else '-'}")


@main.command()
@click.argument("code")
@click.option("--pack", "packs", multiple=True, type=click.Path(dir_okay=False), help="Extra term pack (YAML).")
def explain(code, packs):
    """Explain one rule (by code or name), with its examples."""
    found = _rules_or_exit(packs)
    key = code.strip()
    rule = next((r for r in found if r.id.lower() == key.lower() or r.name == key.lower()), None)
    if rule is None:
        click.echo(f"cxlint: no rule {code!r}; `cxlint rules` lists them", err=True)
        sys.exit(2)
    lines = [
        f"{rule.id} {rule.name} ({rule.severity.label}, {rule.family.value}{', fixable' if rule.fixable else ''})",
        "",
        rule.explain,
        "",
    ]
    if rule.severity_by_scope:
        lines.append("Severity by place: " + ", ".join(f"{s.value} → {v.label}" for s, v in rule.severity_by_scope))
        lines.append("")
    if rule.suggest:
        lines.append("Suggestion: " + " | ".join(rule.suggest))
        lines.append("")
    lines.append("Flagged:")
    lines += [f"  ✗ {x}" for x in rule.examples.flag]
    lines.append("Not flagged:")
    lines += [f"  ✓ {x}" for x in rule.examples.passes]
    if rule.examples.fix:
        lines.append("Fixed by --fix:")
        lines += [f"  {a}  →  {b}" for a, b in rule.examples.fix]
    lines.append("")
    lines.append(f"Defined in {rule.source}")
    click.echo("\n".join(lines))


@main.command()
def terms():
    """The glossary: what each of the terms means and what it is not."""
    from cxlint.termpack import load_packs, terms_of

    try:
        entries = terms_of(load_packs())
    except CxlintError as exc:
        _fail(exc)
    out = []
    for t in entries:
        title = t.name + (f" ({t.acronym})" if t.acronym else "")
        out.append(title)
        out.append("=" * len(title))
        out.append(t.definition)
        for n in t.is_not:
            out.append(f"  not: {n}")
        for fact in t.facts:
            out.append(f"  • {fact}")
        out.append("")
    click.echo("\n".join(out).rstrip())


@main.command("test-rules")
@click.argument("packs", nargs=-1, type=click.Path(dir_okay=False))
def test_rules(packs):
    """Run the examples of the built-in packs, or of the given packs, as tests."""
    from cxlint.selftest import run_examples

    found = _rules_or_exit(packs, builtin=not packs)
    if packs:
        # Check a user's pack against itself and the built-in rules it may rely on.
        own = {r.id for r in _rules_or_exit(packs, builtin=False)}
        found = [r for r in _rules_or_exit(packs) if r.id in own]
    try:
        from cxlint.engine import RuleSet

        count, failures = run_examples(found, RuleSet(found))
    except CxlintError as exc:
        _fail(exc)
    for f in failures:
        click.echo(f"FAIL {f.rule} {f.name} [{f.kind}] {f.example!r}: {f.detail}  ({f.source})")
    click.echo(f"{count - len(failures)} passed, {len(failures)} failed ({len(found)} rules)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
