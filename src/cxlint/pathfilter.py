"""Which discovered files to skip: the config's ``exclude`` globs, and .gitignore files when walking folders.

``exclude`` applies to every file, named or found (a pre-commit hook names files one by
one). .gitignore applies only to files found by walking a folder: a file named on the
command line is checked even if ignored. .gitignore files are read from the file's folder
up to the repository root (the nearest folder holding ``.git``), or, outside a repository,
up to the folder named on the command line; deeper files win, and ``!pattern`` re-includes.
"""

from __future__ import annotations

import os
from typing import Iterable

from cxlint.config import Config


class GitIgnore:
    """Nested .gitignore files with git's precedence (the last matching pattern of the deepest file wins)."""

    def __init__(self) -> None:
        self._specs: dict[str, object | None] = {}
        self._chains: dict[tuple[str, str], tuple[str, ...]] = {}

    def _spec(self, folder: str):
        if folder not in self._specs:
            spec = None
            try:
                with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as fh:
                    lines = fh.read().splitlines()
            except OSError:
                lines = []
            if lines:
                import pathspec

                spec = pathspec.GitIgnoreSpec.from_lines(lines)
            self._specs[folder] = spec
        return self._specs[folder]

    def _chain(self, folder: str, top: str) -> tuple[str, ...]:
        """Folders whose .gitignore applies to files in ``folder``, outermost first."""
        key = (folder, top)
        if key not in self._chains:
            chain = []
            here = folder
            while True:
                chain.append(here)
                if os.path.exists(os.path.join(here, ".git")):
                    break
                parent = os.path.dirname(here)
                if parent == here:  # no repository: stop at the folder named on the command line
                    chain = chain[: chain.index(top) + 1] if top in chain else [folder]
                    break
                here = parent
            self._chains[key] = tuple(reversed(chain))
        return self._chains[key]

    def ignored(self, path: str, top: str = "") -> bool:
        full = os.path.abspath(path)
        decision = False
        for folder in self._chain(os.path.dirname(full), os.path.abspath(top) if top else ""):
            spec = self._spec(folder)
            if spec is None:
                continue
            rel = _relative(full, folder)
            verdict = _verdict(spec, rel)
            if verdict is not None:
                decision = verdict
        return decision


def _relative(full: str, folder: str) -> str:
    """``full`` relative to ``folder`` (one of its folders), with "/" separators; a slice, not os.path.relpath (5 µs)."""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    rel = full[len(prefix):] if full.startswith(prefix) else os.path.relpath(full, folder)
    return rel.replace(os.sep, "/")


def _verdict(spec, rel: str) -> bool | None:
    """True ignored, False re-included, None: no pattern of this file speaks about ``rel``."""
    check = getattr(spec, "check_file", None)
    if check is not None:
        return check(rel).include
    verdict = None  # pathspec before 0.12: the last matching pattern decides, as in git
    for pattern in spec.patterns:
        if pattern.include is not None and pattern.match_file(rel) is not None:
            verdict = pattern.include
    return verdict


class PathFilter:
    """Decides, per discovered path, whether the config or a .gitignore says to skip it."""

    def __init__(self, config: Config, named: Iterable[str], own_files: Iterable[str | None] = ()) -> None:
        self.config = config
        # The run's own outputs (a baseline file) are never inputs, even in a folder being walked.
        self.own = {os.path.abspath(p) for p in own_files if p}
        self.gitignore = GitIgnore() if config.respect_gitignore else None
        self.files: set[str] = set()
        self.folders: list[str] = []
        for p in named:
            if p == "-":
                continue
            full = os.path.abspath(p)
            if os.path.isdir(full):
                self.folders.append(full)
            else:
                self.files.add(full)

    def _top(self, full: str) -> str:
        best = ""
        for f in self.folders:
            if (full.startswith(f + os.sep) or f == os.sep) and len(f) > len(best):
                best = f
        return best

    def skip(self, path: str) -> bool:
        if self.config.excluded(path):
            return True
        if not self.own and self.gitignore is None:
            return False  # nothing below needs the absolute path, which costs 2 µs a file
        full = os.path.abspath(path)
        if full in self.own:
            return True
        if self.gitignore is None or full in self.files:
            return False
        return self.gitignore.ignored(full, self._top(full))
