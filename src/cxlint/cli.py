"""Command line: click commands and options. The only module that imports click."""

from __future__ import annotations

import dataclasses
import os
import sys

import click

from cxlint import __version__
from cxlint.errors import CxlintError
from cxlint.model import Severity

COMMANDS = ("check", "rules", "explain", "terms", "test-rules", "init", "config")


class _DefaultToCheck(click.Group):
    """``cxlint PATHS...`` is shorthand for ``cxlint check PATHS...``."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


class _OrderedOptions(click.Command):
    """Remembers the command-line order of --format and --output, which click's lists lose.

    ``-f sarif -o a.sarif -f text`` pairs sarif with a.sarif because the output follows it.
    """

    def make_parser(self, ctx):
        parser = super().make_parser(ctx)
        parse = parser.parse_args

        def parse_args(args):
            opts, largs, order = parse(args)
            names = {"fmt": "format", "outputs": "output"}
            ctx.meta["cxlint.output_order"] = [names[p.name] for p in order if p.name in names]
            return opts, largs, order

        parser.parse_args = parse_args
        return parser


# Kept literal so that `cxlint --version` does not import the formatters; a test checks it
# against report.OutputFormat.
FORMATS = ("rich", "text", "json", "sarif", "github", "gitlab", "checkstyle", "junit")


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


@main.command(cls=_OrderedOptions)
@click.argument("paths", nargs=-1)
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), multiple=True,
              help="Output format; repeatable, each followed by its own --output. Default: rich on a terminal, text when piped.")
@click.option("--output", "-o", "outputs", multiple=True, type=click.Path(dir_okay=False),
              help="Write the report in the --format given just before to FILE (atomically, after the run); repeatable.")
@click.option("--fail-on", callback=_severity, default=None, metavar="LEVEL",
              help="Exit 1 when a finding is at or above LEVEL (info, warning, error). Default: warning.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these rules (codes, code prefixes or names; comma-separated).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules (codes, code prefixes or names).")
@click.option("--pack", "packs", multiple=True, type=click.Path(dir_okay=False), help="Extra term pack (YAML); repeatable.")
@click.option("--no-builtin", is_flag=True, help="Do not load the built-in term packs.")
@click.option("--stdin-filename", metavar="NAME", help="Name (and so format) of the text read from '-'.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, help="Skip files larger than this (default 200 MB).")
@click.option("--timeout", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Give up on a file after this long reading and checking it (default 60; 0: no limit).")
@click.option("--columns", "columns", multiple=True, metavar="NAME[,NAME]",
              help="CSV/TSV: check only these columns (header names, case-insensitive). Default: every text cell.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Use this config file (default: the nearest .cxlint.yaml, .cxlint.yml or pyproject.toml [tool.cxlint]).")
@click.option("--no-config", is_flag=True, help="Ignore config files; use defaults and the command line only.")
@click.option("--show-config", is_flag=True, help="Print the resolved settings and where each came from, then exit.")
@click.option("--fix", is_flag=True, help="Apply the safe single-replacement fixes (txt, md, html, json, csv; docx and pptx inside runs).")
@click.option("--diff", is_flag=True, help="Print the changes --fix would make as a unified diff; write nothing.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Record every current finding in FILE (JSON, or YAML for .yaml/.yml).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=False,
              help="Worker processes for many files (default 0: one per CPU cxlint may use; 1: no workers).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the caches in ~/.cache/cxlint (same as CXLINT_NO_CACHE=1).")
def check(paths, fmt, outputs, fail_on, select, ignore, packs, no_builtin, stdin_filename, max_bytes, timeout, columns,
          config_path, no_config, show_config, fix, diff, baseline_path, write_baseline, jobs, no_cache):
    """Lint files and folders (use '-' for standard input)."""
    from cxlint.fix import FixMode

    if no_cache:
        os.environ["CXLINT_NO_CACHE"] = "1"  # read by plancache and rxcache, and by workers

    config = _config_or_exit(config_path, no_config, select=_split(select) or None, ignore=_split(ignore) or None,
                             fail_on=fail_on, packs=tuple(packs) or None, builtin=False if no_builtin else None,
                             max_bytes=max_bytes, timeout=timeout)
    if show_config:
        _print_config(config)
        sys.exit(0)
    if not paths:
        raise click.UsageError("Missing argument 'PATHS...'.")
    if fix and diff:
        raise click.UsageError("--fix and --diff cannot be used together (--diff shows what --fix would do).")
    from cxlint.app import RunOptions, build_plan, execute, exit_code
    from cxlint.report import OutputFormat, RenderContext, render
    from cxlint.report.output import plan, write_atomic

    opts = RunOptions(
        paths=tuple(paths), select=config.select, ignore=config.ignore, packs=config.packs,
        builtin=config.builtin, fail_on=config.fail_on, stdin_filename=stdin_filename,
        max_bytes=config.max_bytes, timeout=config.timeout,
        reader_options={"columns": list(_split(columns))} if columns else {},
        config=config, fix=FixMode.WRITE if fix else FixMode.DIFF if diff else FixMode.OFF,
        baseline=baseline_path, write_baseline=write_baseline, jobs=jobs,
    )
    try:
        dests = plan(fmt, outputs, click.get_current_context().meta.get("cxlint.output_order"))
        run_plan = build_plan(opts)
        ruleset = run_plan.ruleset
        with _progress_bar() as bar:
            outcome = execute(opts, plan=run_plan, progress=bar and bar.files, on_bytes=bar and bar.bytes)
        report = outcome.report
    except CxlintError as exc:
        _fail(exc)
    if diff:
        _show_diff(outcome)
    to_stdout = next((d.format for d in dests if d.path is None), None)
    if not dests:
        to_stdout = OutputFormat.RICH if _stdout_is_terminal() else OutputFormat.TEXT
    ctx = RenderContext(rules={r.id: r for r in ruleset.rules}, fail_on=opts.fail_on, color=_use_color(),
                        tool_version=__version__)
    if to_stdout is not None:
        sys.stdout.write(render(to_stdout, report, ctx))
        errors_listed_on_stderr = to_stdout is OutputFormat.RICH
    else:
        # Every report went to a file: the terminal (stderr) still shows what was found.
        _summary_to_stderr(report, ctx)
        errors_listed_on_stderr = True
    try:
        for d in dests:
            if d.path is not None:
                # Files never get colour codes, whatever the terminal does.
                write_atomic(d.path, render(d.format, report, dataclasses.replace(ctx, color=False)))
    except CxlintError as exc:
        _fail(exc)
    for notice in report.notices:
        click.echo(f"cxlint: notice: {notice}", err=True)
    if not errors_listed_on_stderr:
        for err in report.errors:
            click.echo(f"cxlint: {err.path}: {err.message}", err=True)
    if fix:
        done = report.meta.get("fixed", {})
        click.echo(f"cxlint: fixed {_count(done.get('issues', 0), 'issue')} in {_count(done.get('files', 0), 'file')}", err=True)
    sys.exit(exit_code(report, outcome.fail_on))


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _show_diff(outcome) -> None:
    """--diff: the changes on stdout, notes and a count on stderr; exit 1 if anything would change."""
    sys.stdout.write("".join(outcome.diffs))
    for notice in outcome.report.notices:
        click.echo(f"cxlint: notice: {notice}", err=True)
    for err in outcome.report.errors:
        click.echo(f"cxlint: {err.path}: {err.message}", err=True)
    done = outcome.report.meta.get("fixed", {})
    click.echo(f"cxlint: would fix {_count(done.get('issues', 0), 'issue')} in {_count(done.get('files', 0), 'file')}", err=True)
    sys.exit(1 if outcome.diffs or outcome.report.errors else 0)


def _config_or_exit(config_path=None, no_config=False, **cli):
    """The resolved configuration: file (found or named) then command-line values; exit 2 on error."""
    from cxlint.config import resolve

    try:
        return resolve(config_path, os.getcwd(), use_files=not no_config).with_cli(**cli)
    except CxlintError as exc:
        _fail(exc)


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .cxlint.yaml.")
def init(force):
    """Write a commented starter .cxlint.yaml in the current folder."""
    from cxlint.config import write_starter

    try:
        target = write_starter(".", force=force)
    except CxlintError as exc:
        _fail(exc)
    except OSError as exc:
        click.echo(f"cxlint: cannot write .cxlint.yaml: {exc.strerror or exc}", err=True)
        sys.exit(2)
    click.echo(f"wrote {target}; `cxlint config` shows the settings in force")


@main.command("config")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE", help="Use this config file.")
@click.option("--no-config", is_flag=True, help="Ignore config files.")
def show_config(config_path, no_config):
    """Print the resolved settings and where each came from (default, file:line or command line)."""
    _print_config(_config_or_exit(config_path, no_config))


def _print_config(config) -> None:
    from cxlint.app import RunOptions, build_plan
    from cxlint.config import describe

    try:
        # Loading the rules checks every rule code the config names.
        build_plan(RunOptions(paths=(), packs=config.packs, builtin=config.builtin, config=config,
                              select=config.select, ignore=config.ignore, fail_on=config.fail_on))
    except CxlintError as exc:
        _fail(exc)
    click.echo(describe(config), nl=False)


class _progress_bar:
    """A rich progress bar on stderr for long runs, only when stderr is a terminal.

    It counts the files of a run of ``FILES_MIN`` files or more (``files``), and the bytes of a
    huge plain-text file as it is streamed (``bytes``). Piped and machine-readable runs never
    see it; it appears after ``AFTER`` seconds, so a pre-commit run over a few files stays silent.
    """

    FILES_MIN = 50
    AFTER = 1.0

    def __enter__(self):
        self.bar = None
        self.tasks: dict = {}
        if not sys.stderr.isatty() or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
            return None
        import time

        self.clock = time.monotonic
        self.start = self.clock()
        return self

    def files(self, done: int, total: int) -> None:
        if total >= self.FILES_MIN:
            self._show(("files",), "checking", done, total)

    def bytes(self, path: str, done: int, total: int) -> None:
        self._show(("bytes", path), f"checking {os.path.basename(path)}", done, total)

    def _show(self, key: tuple, name: str, done: int, total: int) -> None:
        if self.bar is None:
            if self.clock() - self.start < self.AFTER:
                return
            from rich.progress import Progress

            self.bar = Progress(transient=True, console=_stderr_console())
            self.bar.start()
        task = self.tasks.get(key)
        if task is None:
            task = self.tasks[key] = self.bar.add_task(name, total=total)
        self.bar.update(task, completed=done)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True, no_color=not _use_color())


def _summary_to_stderr(report, ctx) -> None:
    """Findings, input errors and a summary on stderr: rich on a terminal, plain text otherwise."""
    from cxlint.report import OutputFormat, render
    from cxlint.report.terminal import summary_text

    if sys.stderr.isatty():
        no_color = os.environ.get("NO_COLOR", "") != ""
        sys.stderr.write(render(OutputFormat.RICH, report, dataclasses.replace(ctx, color=not no_color)))
        return
    sys.stderr.write(render(OutputFormat.TEXT, report, ctx))
    sys.stderr.write(summary_text(report, dataclasses.replace(ctx, color=False)).plain + "\n")


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
