"""Measures what cxlint's start-up cannot go below with the stack it is built on, as run.py measures start-up (a script, not a test).

    .venv/bin/python benchmarks/floors.py [--runs 21]

Each line is one command, in a fresh process, timed the way run.py times start-up (median of
``--runs``, output discarded), and shown against ``python -c pass`` with the same interpreter.
The stack lines import only what cxlint cannot do without: Python's own modules that its
records and rules need, then click (the command line the project uses). The cxlint lines
show where the rest goes: importing cxlint's modules, then a whole check of ``one.md``.

Issue 7 asks for a start-up at most 4× ``python -c pass``; a line above that bound shows that
no change inside cxlint's own code reaches it while that line's imports stay on the path.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import measure  # noqa: E402
from run import precompile  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOAL = 4.0

# What a check of one Markdown file needs from the standard library: regexes, enums, frozen
# records (dataclasses, which imports inspect), typing, the plan cache's unpickler, paths.
STDLIB = "import re, enum, typing, dataclasses, pickle, pathlib"


def lines(python: str, cxlint: str, one: Path) -> list[tuple[str, list[str]]]:
    return [
        ("python -c pass", [python, "-c", "pass"]),
        ("import re", [python, "-c", "import re"]),
        ("import dataclasses", [python, "-c", "import dataclasses"]),
        ("import click", [python, "-c", "import click"]),
        ("stdlib cxlint needs", [python, "-c", STDLIB]),
        ("stdlib + click", [python, "-c", STDLIB + ", click"]),
        ("stdlib + click + cxlint's modules", [python, "-c", STDLIB + ", click, cxlint.cli, cxlint.app"]),
        ("cxlint check one.md", [cxlint, "check", "--format", "text", str(one)]),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per line (the median is shown)")
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"))
    parser.add_argument("--cxlint", default=str(ROOT / ".venv" / "bin" / "cxlint"))
    parser.add_argument("--one", type=Path, default=ROOT / "benchmarks" / "data" / "one.md")
    args = parser.parse_args(argv)
    if not args.one.is_file():
        print(f"no {args.one}: run benchmarks/corpus.py (or make bench) first", file=sys.stderr)
        return 2
    precompile(args.python)  # as run.py does: byte-code as an installed wheel has it
    measure([args.cxlint, "check", str(args.one)], repeat=2)  # the plan cache is warm

    base = None
    print(f"| command | ms (median of {args.runs}) | ÷ python -c pass | within {GOAL:.0f}× |")
    print("|---|---:|---:|:---:|")
    for name, cmd in lines(args.python, args.cxlint, args.one):
        r = measure(cmd, repeat=args.runs, median=True)
        if not r.ok:
            print(f"| {name} | {r.error} | | |")
            continue
        base = base or r.seconds
        ratio = r.seconds / base
        print(f"| {name} | {r.seconds * 1000:.1f} | {ratio:.2f}× | {'yes' if ratio <= GOAL else 'no'} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
