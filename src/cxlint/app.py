"""One run: config → packs → discover → read → check → suppress → baseline → fix → Report, and the exit code it implies."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable, Sequence

from cxlint import plancache, suppress
from cxlint.config import DEFAULT_MAX_BYTES, Config, check_refs
from cxlint.discovery import Input, discover
from cxlint.engine import PREFILTER_MIN, RuleSet, check
from cxlint.errors import InputFailure, InputSkipped
from cxlint.extract import TEXT_FORMATS, Format, read_document, supported
from cxlint.limits import DEFAULT_TIMEOUT, keep_alarm_handler, read_capped, time_budget, time_limit
from cxlint.fix import FIXABLE_FORMATS, FixMode, broken_by_fix, fix_text, unified_diff
from cxlint.model import Document, Finding, InputError, Report, Severity
from cxlint.pathfilter import PathFilter
from cxlint.policy import FilePolicy, Policy
from cxlint.stream import STREAM_THRESHOLD, check_stream
from cxlint.termpack import Rule, load_packs, merge_rules, pack_texts, parse_packs


if TYPE_CHECKING:
    from cxlint import baseline as baselines


def _baselines():
    """The baseline module, imported by the runs that use one (it costs start-up time)."""
    from cxlint import baseline

    return baseline


@dataclass(frozen=True)
class RunOptions:
    paths: tuple[str, ...]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()
    builtin: bool = True
    fail_on: Severity = Severity.WARNING
    stdin_filename: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT  # seconds to read and check one file; 0 = no limit (see limits.py)
    reader_options: dict = field(default_factory=dict)
    config: Config | None = None  # resolved configuration (select, ignore, fail_on above are its top level)
    fix: FixMode = FixMode.OFF
    baseline: str | None = None  # report only findings not recorded in this file
    write_baseline: str | None = None  # record the run's findings in this file
    jobs: int = 0  # worker processes; 0 = one per core


def load_rules(packs: Sequence[str] = (), builtin: bool = True) -> list[Rule]:
    return merge_rules(load_packs(packs, builtin=builtin))


@dataclass(frozen=True)
class Plan:
    """The rules of a run with the configuration applied, compiled once and shared by every file."""

    config: Config
    policy: Policy
    ruleset: RuleSet
    known: tuple[tuple[str, str], ...]  # (id, name) of every rule loaded, disabled ones included

    def file_policy(self, path: str) -> FilePolicy:
        return self.policy.for_path(path)

    def settle(self, doc: Document, findings, fp: FilePolicy) -> tuple[list[Finding], tuple[Finding, ...]]:
        """Config severities and accept list, then inline directives: (reported, suppressed inline)."""
        findings = fp.settle(doc, findings)
        found = suppress.find(doc.source, doc.format) if doc.source else ()
        if not found:
            return findings, ()
        out = suppress.apply(findings, found, self.known, fp.rule_ids, doc.source, doc.path)
        problems = fp.relevel([p for p in out.problems if p.rule in fp.tool_codes])
        return sorted([*out.kept, *problems], key=Finding.sort_key), out.suppressed


def build_plan(opts: RunOptions, ruleset: RuleSet | None = None) -> Plan:
    """Load packs, check the config's rule references against them, and compile the rules once."""
    config = opts.config or Config(root=os.getcwd())
    texts = pack_texts(opts.packs, builtin=opts.builtin)

    def build() -> Plan:
        packs = parse_packs(texts)
        known = tuple((r.id, r.name) for p in packs for r in p.rules)
        check_refs(config, known)
        # RunOptions hold the top-level selection (from the config file or the command line).
        run_config = replace(config, select=opts.select, ignore=opts.ignore, fail_on=opts.fail_on)
        policy = Policy(run_config, merge_rules(packs))
        return Plan(run_config, policy, ruleset if ruleset is not None else RuleSet(policy.rules), known)

    if ruleset is not None or plancache.cache_dir() is None:
        return build()

    def build_prepared() -> Plan:
        plan = build()
        plan.ruleset.prepare()  # stored with the plan: later runs skip that work
        return plan

    # The same packs and settings always give the same plan: reuse the last one (plancache).
    return plancache.cached(plancache.key_of(texts, config, opts.select, opts.ignore, opts.fail_on), build_prepared)


def build_ruleset(opts: RunOptions) -> RuleSet:
    return build_plan(opts).ruleset


def _reader_options(opts: RunOptions, plan: Plan | None) -> dict:
    if plan is not None and plan.config.columns and "columns" not in opts.reader_options:
        return {**opts.reader_options, "columns": list(plan.config.columns)}
    return opts.reader_options


@dataclass(frozen=True)
class FileResult:
    path: str
    findings: tuple[Finding, ...] = ()
    error: InputError | None = None
    notices: tuple[str, ...] = ()
    document: Document | None = None
    suppressed: tuple[Finding, ...] = ()  # silenced inline or by the baseline
    skipped: bool = False  # not checked, by design (binary content): neither a file checked nor a failure


def read_input(item: Input, opts: RunOptions, stdin: Callable[[], bytes] | None = None) -> bytes:
    if item.stdin:
        data = (stdin or (lambda: sys.stdin.buffer.read(opts.max_bytes + 1)))()
        if len(data) > opts.max_bytes:
            raise InputFailure(f"standard input is over the {opts.max_bytes:,}-byte limit (--max-bytes)")
        return data
    # Never blocks on a FIFO, never reads past the limit (limits.read_capped).
    return read_capped(item.path, opts.max_bytes)


def _streamable(item: Input, size: int | None) -> bool:
    """Plain text too big to read whole is streamed in windows (bounded memory, no --fix)."""
    return not item.stdin and item.format is Format.TEXT and size is not None and size > STREAM_THRESHOLD


def _size(path: str) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return None  # read_input says why


# Progress through one streamed file: (path, bytes done, bytes in all), for a progress bar.
ByteProgress = Callable[[str, int, int], None]


def _check_streamed(item: Input, size: int, ruleset: RuleSet, plan: Plan | None, jobs: int = 1,
                    on_bytes: ByteProgress | None = None) -> FileResult:
    active = None
    settle = lambda doc, fs: fs  # noqa: E731
    if plan is not None:
        fp = plan.file_policy(item.path)
        active = fp.active
        settle = fp.settle
    if jobs != 1:  # one huge file: its ranges in worker processes (bigfile.py falls back to one pass)
        from cxlint.bigfile import check_parallel

        findings, notices = check_parallel(item.path, ruleset, jobs if jobs > 0 else usable_cpus(), active, settle,
                                           on_bytes=_bytes_of(item.path, size, on_bytes))
        findings.sort(key=Finding.sort_key)
        return FileResult(item.path, tuple(findings), notices=notices)
    with open(item.path, "rb") as fh:
        findings, notices = check_stream(item.path, fh, ruleset, active, settle, on_bytes=_bytes_of(item.path, size, on_bytes))
    findings.sort(key=Finding.sort_key)
    return FileResult(item.path, tuple(findings), notices=notices)


def _bytes_of(path: str, size: int, on_bytes: ByteProgress | None) -> Callable[[int], None] | None:
    """``on_bytes`` for one file of ``size`` bytes: bytes done, with the size."""
    if on_bytes is None:
        return None
    return lambda done: on_bytes(path, done, size)


def check_input(item: Input, ruleset: RuleSet, opts: RunOptions, stdin=None, keep_document: bool = False,
                plan: Plan | None = None, data: bytes | None = None, on_bytes: ByteProgress | None = None) -> FileResult:
    """Read (or take ``data``) and lint one input; every failure becomes a FileResult with an error, never an exception."""
    if item.problem:
        return FileResult(item.path, error=InputError(item.path, item.problem))
    if item.format is None or not supported(item.format):
        return FileResult(item.path, error=InputError(item.path, "unsupported file type"))
    try:
        # One stat for both the time budget and the choice to stream.
        size = None if item.stdin or data is not None else _size(item.path)
        with time_limit(time_budget(opts.timeout, size or 0)):
            if data is None and _streamable(item, size):
                return _check_streamed(item, size, ruleset, plan, opts.jobs, on_bytes)
            if data is None:
                data = read_input(item, opts, stdin)
            doc = read_document(item.path, data, item.format, _reader_options(opts, plan))
            suppressed: tuple[Finding, ...] = ()
            if plan is None:
                findings = tuple(check(doc, ruleset))
            else:
                fp = plan.file_policy(item.path)
                found, suppressed = plan.settle(doc, check(doc, ruleset, fp.active), fp)
                findings = tuple(found)
    except InputSkipped as exc:  # not text at all: a notice, not a failed input
        return FileResult(item.path, notices=(f"{item.path}: {exc}",), skipped=True)
    except InputFailure as exc:
        return FileResult(item.path, error=InputError(item.path, str(exc)))
    except OSError as exc:
        return FileResult(item.path, error=InputError(item.path, f"cannot read: {exc.strerror or exc}"))
    except MemoryError:
        return FileResult(item.path, error=InputError(item.path, "out of memory while reading; skipped"))
    except RecursionError:
        return FileResult(item.path, error=InputError(item.path, "structure nested too deeply; skipped"))
    except Exception as exc:  # noqa: BLE001 - one bad input must never stop the others
        return FileResult(item.path, error=InputError(item.path, f"could not be read ({type(exc).__name__}: {exc})"))
    return FileResult(item.path, findings, notices=doc.notices, document=doc if keep_document else None,
                      suppressed=suppressed)


def run(opts: RunOptions, stdin=None, ruleset: RuleSet | None = None) -> Report:
    # A caller that needs the rule records (SARIF metadata) builds the set once and passes it.
    return execute(opts, stdin, build_plan(opts, ruleset)).report


@dataclass(frozen=True)
class Outcome:
    """A run's report, the diffs --diff shows, and the --fail-on level that applies to each path."""

    report: Report
    diffs: tuple[str, ...] = ()
    fail_on: Callable[[str], Severity] | Severity = Severity.WARNING


def execute(opts: RunOptions, stdin=None, plan: Plan | None = None,
            progress: Callable[[int, int], None] | None = None, on_bytes: ByteProgress | None = None) -> Outcome:
    """Check every input of ``opts``; ``progress`` hears of files done, ``on_bytes`` of the bytes
    done in a streamed file checked in this process."""
    plan = plan if plan is not None else build_plan(opts)
    base = _baselines().load(opts.baseline) if opts.baseline else None  # a bad baseline stops the run before any work
    inputs = discover(opts.paths, opts.stdin_filename)
    keep = PathFilter(plan.config, opts.paths, own_files=(opts.baseline, opts.write_baseline))
    inputs = [i for i in inputs if i.stdin or i.problem or not keep.skip(i.path)]
    fixing = opts.fix is not FixMode.OFF
    with _out_of_gc():
        results = check_all(inputs, plan, opts, stdin, fixing, progress, on_bytes)
        return _finish(opts, plan, inputs, results, base)


@contextlib.contextmanager
def _out_of_gc():
    """Keep what exists now (modules, compiled rules), and each result as check_all adds it, out of the cyclic garbage collector's walks until the run is over.

    Results are plain data that reference counting frees. Without this, the collections that
    the many small objects of each file trigger walk every result so far again: two thirds of
    the time the parent spends receiving 20,000 files' results from its workers, and about
    5 % of a one-process run. Forked workers inherit the frozen rules, so they do not walk
    them either. gc.freeze() is O(1); unfreezing at the end lets anything cyclic be collected.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def usable_cpus() -> int:
    """The CPUs this process may run on: what ``--jobs 0`` (the default) starts workers for.

    ``os.cpu_count()`` counts the machine's; a container or ``taskset`` limited to fewer
    (the affinity mask) would then get more workers than CPUs, each slowing the others.
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


# A run with this many bytes to check (PDF and Office files counting HEAVY_WEIGHT times their
# size: their readers are that much slower per byte) gets worker processes, and every text in
# it, however short, the RE2 path. Below it, starting workers and compiling RE2's automata
# (some 30 ms each) cost more than they save: on job postings both break even at about 100
# files, 270 KB (benchmarks/README.md, "Runs of a few dozen files").
MANY_BYTES = 256 * 1024
HEAVY_WEIGHT = 8


def _much_to_check(files: Sequence[Input]) -> bool:
    """Whether ``files`` add up to MANY_BYTES (a stat per file until they do)."""
    total = 0
    for item in files:
        size = _size(item.path) or 0  # None: check_input reports why
        total += size if item.format in TEXT_FORMATS else size * HEAVY_WEIGHT
        if total >= MANY_BYTES:
            return True
    return False


_WORKER: dict = {}


def _worker_check(item: Input) -> FileResult:
    plan, opts, keep = _WORKER["plan"], _WORKER["opts"], _WORKER["keep"]
    return check_input(item, plan.ruleset, opts, keep_document=keep, plan=plan)


def _worker_init(opts: RunOptions, keep: bool) -> None:
    # Only used where processes are spawned, not forked: each worker compiles the rules once.
    _WORKER.update(plan=build_plan(opts), opts=opts, keep=keep)
    keep_alarm_handler()


def check_all(inputs: Sequence[Input], plan: Plan, opts: RunOptions, stdin=None, keep: bool = False,
              progress: Callable[[int, int], None] | None = None,
              on_bytes: ByteProgress | None = None) -> list[FileResult]:
    """Lint every input, in worker processes when there are many; results in input order."""
    jobs = opts.jobs if opts.jobs > 0 else usable_cpus()
    files = [i for i in inputs if not i.stdin]
    total = len(inputs)
    # A big run shares RE2's one-off cost (import, compiling the filter set), so even short
    # texts take the RE2 path then; a few small files do without it, and without workers.
    many = len(files) >= 2 and _much_to_check(files)
    plan.ruleset.prefilter_min = 0 if many else PREFILTER_MIN
    if jobs <= 1 or not many:
        out = []
        for n, item in enumerate(inputs, 1):
            out.append(check_input(item, plan.ruleset, opts, stdin, keep_document=keep, plan=plan, on_bytes=on_bytes))
            gc.freeze()  # see _out_of_gc
            if progress:
                progress(n, total)
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        # Forked workers inherit the compiled rules: nothing to load or compile again.
        _WORKER.update(plan=plan, opts=opts, keep=keep)
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=keep_alarm_handler)
    else:
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init, initargs=(opts, keep))
    done: list[FileResult] = []
    with pool:
        chunk = max(1, min(64, len(files) // (jobs * 8)))
        for result in pool.map(_worker_check, files, chunksize=chunk):  # keeps input order
            done.append(result)
            gc.freeze()  # see _out_of_gc
            if progress:
                progress(len(done), total)
    results = iter(done)
    return [check_input(item, plan.ruleset, opts, stdin, keep_document=keep, plan=plan) if item.stdin else next(results)
            for item in inputs]


def _finish(opts: RunOptions, plan: Plan, inputs: Sequence[Input], results: Sequence[FileResult],
            base: baselines.Baseline | None) -> Outcome:
    """Fixes, baseline and the baseline file: the steps after every file has been checked."""
    budgets = base.by_path() if base is not None else {}
    notices: list[str] = []
    diffs: list[str] = []
    meta: dict = {}
    fixed_issues = fixed_files = stale = matched = 0
    final: list[FileResult] = []
    for item, r in zip(inputs, results):
        budget = budgets.get(_baselines().key_path(r.path, base.base_dir), {}) if base is not None else {}
        if r.document is not None and opts.fix is not FixMode.OFF:
            r, applied, diff, note = _fix_one(item, r, plan, opts, budget, base)
            if note:
                notices.append(note)
            if applied:
                fixed_issues += applied
                fixed_files += 1
                diffs.append(diff)
        if base is not None and r.error is None:
            m = _baselines().match_file(r.findings, budget, base.base_dir)
            r = replace(r, findings=m.new, suppressed=r.suppressed + m.known)
            stale += m.stale
            matched += len(m.known)
        final.append(r if r.document is None else replace(r, document=None))
    if opts.write_baseline:
        current = [f for r in final for f in (*r.findings, *r.suppressed) if f.suppressed != "inline"]
        written = _baselines().write(opts.write_baseline, current)
        notices.append(f"wrote {written} finding{'s' if written != 1 else ''} to baseline {opts.write_baseline}")
        # Everything found is now recorded: this run reports it as known, as the next run will.
        final = [replace(r, findings=(), suppressed=r.suppressed + tuple(replace(f, suppressed="baseline") for f in r.findings))
                 for r in final]
        stale = 0
    if base is not None:
        meta["baseline"] = {"path": opts.baseline, "matched": matched, "stale": stale}
        if stale:
            notices.append(f"baseline {opts.baseline}: {stale} entr{'y' if stale == 1 else 'ies'} matched nothing "
                           "(fixed or changed since); refresh it with --write-baseline")
    if opts.fix is not FixMode.OFF:
        meta["fixed"] = {"issues": fixed_issues, "files": fixed_files, "written": opts.fix is FixMode.WRITE}
    report = assemble(final, plan.ruleset)
    report = replace(report, notices=report.notices + tuple(notices), meta={**report.meta, **meta})
    has_overrides = any(ov.fail_on is not None for ov in plan.config.overrides)
    fail_on = (lambda path: plan.file_policy(path).fail_on) if has_overrides else plan.config.fail_on
    return Outcome(report, tuple(diffs), fail_on)


def _fix_one(item: Input, r: FileResult, plan: Plan, opts: RunOptions, budget, base) -> tuple[FileResult, int, str, str]:
    """Fix one file's reported findings; the result holds what is left. Never writes a file that did not read back."""
    from cxlint.fix_office import OFFICE_FORMATS
    from cxlint.writeback import write_atomic

    doc = r.document
    if doc is None or (doc.format not in OFFICE_FORMATS and (doc.source is None or doc.format not in FIXABLE_FORMATS)):
        return r, 0, "", ""
    candidates = r.findings
    if base is not None:  # findings in the baseline are existing content: left as they are
        candidates = _baselines().match_file(r.findings, budget, base.base_dir).new
    fixable = {rule.id for rule in plan.ruleset.rules if rule.fixable}
    candidates = tuple(f for f in candidates if f.fix is not None or (f.rule in fixable and len(f.suggestions) == 1))
    if not candidates:
        return r, 0, "", ""
    if item.stdin:
        return r, 0, "", f"{r.path}: standard input is never fixed"
    try:
        with open(item.path, "rb") as fh:
            current = fh.read()
        if doc.format in OFFICE_FORMATS:
            new_bytes, applied, before, after_text, note = _fixed_office(item, doc, current, candidates, opts)
        else:
            new_bytes, applied, before, after_text, note = _fixed_text(item, doc, current, candidates)
    except (OSError, InputFailure) as exc:
        return r, 0, "", f"{r.path}: not fixed: {getattr(exc, 'strerror', None) or exc}"
    if not applied:
        return r, 0, "", note
    after = check_input(item, plan.ruleset, opts, keep_document=True, plan=plan, data=new_bytes)
    if after.error is not None or after.document is None:
        message = after.error.message if after.error else "no document"
        return r, 0, "", f"{r.path}: not fixed: the fixed file could not be read back ({message})"
    if opts.fix is FixMode.WRITE:
        try:
            write_atomic(item.path, new_bytes)
        except OSError as exc:
            return r, 0, "", f"{r.path}: not fixed: cannot write ({exc.strerror or exc})"
    diff = ""
    if opts.fix is FixMode.DIFF:
        if after_text is None:  # office files: the diff shows their text, paragraph by paragraph
            after_text = "\n".join(seg.text for seg in after.document.segments) + "\n"
        diff = unified_diff(r.path, before, after_text)
    return replace(after, notices=r.notices, document=None), applied, diff, note


def _fixed_text(item: Input, doc: Document, current: bytes, candidates) -> tuple[bytes, int, str, str | None, str]:
    from cxlint.extract.decode import decode
    from cxlint.writeback import encode_like

    assert doc.source is not None
    fixed = fix_text(doc.source, doc.format, candidates)
    detail = ""
    if fixed.skipped:
        detail = f"{fixed.skipped} fix{'es' if fixed.skipped != 1 else ''} left: not safe to write in {doc.format}"
    note = f"{doc.path}: {detail}" if detail else ""
    if not fixed.applied:
        return current, 0, "", None, f"{doc.path}: not fixed ({detail})" if detail else ""
    reason = broken_by_fix(doc.format, doc.source, fixed.text)
    if reason:
        return current, 0, "", None, f"{doc.path}: not fixed: {reason}"
    if decode(current, item.path)[0] != doc.source:
        return current, 0, "", None, f"{doc.path}: not fixed: the file changed while it was being checked"
    return encode_like(current, fixed.text), fixed.applied, doc.source, fixed.text, note


def _fixed_office(item: Input, doc: Document, current: bytes, candidates, opts: RunOptions) -> tuple[bytes, int, str, str | None, str]:
    from cxlint.fix_office import Wanted, fix_office

    if read_document(item.path, current, item.format, opts.reader_options).segments != doc.segments:
        return current, 0, "", None, f"{doc.path}: not fixed: the file changed while it was being checked"
    wanted = [Wanted(f.match, f.context, f.suggestions[0]) for f in candidates]
    try:
        new_bytes, applied = fix_office(doc.format, current, wanted)
    except Exception as exc:  # noqa: BLE001 - the library may fail on parts it cannot write back
        return current, 0, "", None, f"{doc.path}: not fixed: {type(exc).__name__}: {exc}"
    note = ""
    if applied < len(wanted):
        left = len(wanted) - applied
        note = f"{doc.path}: {left} fix{'es' if left != 1 else ''} left: the match crosses a tab, break or field, or is alt text"
    before = "\n".join(seg.text for seg in doc.segments) + "\n"
    return new_bytes, applied, before, None, note


def assemble(results: Sequence[FileResult], ruleset: RuleSet) -> Report:
    findings: list[Finding] = []
    errors: list[InputError] = []
    notices: list[str] = []
    suppressed: list[Finding] = []
    checked: list[str] = []
    for r in results:
        findings.extend(r.findings)
        suppressed.extend(r.suppressed)
        notices.extend(r.notices)
        if r.error:
            errors.append(r.error)
        elif not r.skipped:
            checked.append(r.path)
    findings.sort(key=Finding.sort_key)
    suppressed.sort(key=Finding.sort_key)
    errors.sort(key=lambda e: e.path)
    return Report(
        findings=tuple(findings), errors=tuple(errors),
        files=len(checked),
        rules=tuple(r.id for r in ruleset.rules), notices=tuple(notices), suppressed=tuple(suppressed),
        # Paths read without error, in order: JUnit lists a testcase per file checked.
        meta={"checked": tuple(checked)},
    )


def exit_code(report: Report, fail_on: Severity | Callable[[str], Severity]) -> int:
    """0 clean, 1 findings at or above ``fail_on`` (a level, or path → level) or an input that could not be read."""
    if report.errors:
        return 1
    if callable(fail_on):
        return 1 if any(f.severity >= fail_on(f.path) for f in report.findings) else 0
    return 1 if any(f.severity >= fail_on for f in report.findings) else 0
