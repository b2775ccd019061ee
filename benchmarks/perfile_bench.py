"""Split a worker's CPU per posting on the many-files corpus into the rule scan and everything else (a script, not a test).

    .venv/bin/python benchmarks/perfile_bench.py [--folders team-00,team-01] [--ext .md] [--repeat 5]

One process does what a ``--jobs`` worker does for each file (``app.check_input``: stat, time
limit, read, decode, extract, check, settle, result), over postings of ``data/many/``. The
"rest" figure runs it with ``engine.check`` replaced by a lookup of the findings it returned
on a first pass, so it is everything but the rule scan; the "scan" figure is ``engine.check``
alone on documents read beforehand. Each is the best of --repeat passes (the machine is shared:
compare figures taken in the same minute). Needs the corpus (``benchmarks/corpus.py``).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folders", default="team-00,team-01", help="folders of data/many/ to read (comma-separated)")
    parser.add_argument("--ext", default="", help="only files ending so (.md or .txt); default both")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    import cxlint.app as app
    from cxlint.app import RunOptions, build_plan, check_input
    from cxlint.config import resolve
    from cxlint.discovery import discover
    from cxlint.engine import check
    from cxlint.extract import read_document

    many = ROOT / "benchmarks" / "data" / "many"
    if not many.is_dir():
        print(f"no corpus at {many}: run benchmarks/corpus.py first", file=sys.stderr)
        return 2
    paths = tuple(str(many / f) for f in args.folders.split(","))
    config = resolve(str(ROOT / "benchmarks" / "data" / "cxlint-walk.yaml"))
    opts = RunOptions(paths=paths, config=config, select=config.select, ignore=config.ignore,
                      fail_on=config.fail_on, jobs=1)
    plan = build_plan(opts)
    inputs = [i for i in discover(paths) if i.path.endswith(args.ext)]
    # As app.check_all sets it for a run of this much text (the RE2 path even for short texts).
    plan.ruleset.prefilter_min = 0 if len(inputs) >= 2 and app._much_to_check(inputs) else app.PREFILTER_MIN
    if not inputs:
        print("no files", file=sys.stderr)
        return 2

    found = {}

    def remember(doc, ruleset, active=None):
        got = found[doc.path] = list(check(doc, ruleset, active))
        return got

    app.check = remember  # first pass: the real scan, remembered
    for item in inputs:
        check_input(item, plan.ruleset, opts, plan=plan)
    docs = [(read_document(i.path, Path(i.path).read_bytes(), i.format, {}), plan.file_policy(i.path).active) for i in inputs]
    app.check = lambda doc, ruleset, active=None: found[doc.path]
    try:
        from cxlint.limits import keep_alarm_handler

        keep_alarm_handler()  # as a worker process does once
    except ImportError:
        pass
    gc.freeze()

    def rest() -> None:
        for item in inputs:
            check_input(item, plan.ruleset, opts, plan=plan)
            gc.freeze()

    def scan() -> None:
        for doc, active in docs:
            check(doc, plan.ruleset, active)
            gc.freeze()

    best = {"rest": float("inf"), "scan": float("inf")}
    for _ in range(args.repeat):
        for name, work in (("rest", rest), ("scan", scan)):
            start = time.process_time()
            work()
            best[name] = min(best[name], time.process_time() - start)
    n = len(inputs)
    print(f"{n} postings: rule scan {best['scan'] / n * 1e6:.0f} us, everything else {best['rest'] / n * 1e6:.0f} us "
          f"of CPU per posting (best of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
