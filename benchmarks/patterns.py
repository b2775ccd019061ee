"""Writes the term packs' phrases as ripgrep regexes (patterns.txt) and as a textlint-rule-prh dictionary (prh.yml).

The peers in the benchmark must look for the same thing cxlint looks for, so this module
reads the packs' phrase patterns (syntax in terms/README.md) and expands them itself,
without importing cxlint:

- words are separated by ``[\\s-]+`` (case is left to ``rg -i`` and prh's ``/i`` flag);
- ``{name}`` is one of the words of the variable ``name`` (pack or rule variables, or the
  built-in ``{phone}``, ``{email}``, ``{any}``);
- ``(a|b c)`` is an alternative, ``[words]`` is optional;
- the last word also matches its plural unless the rule says ``plurals: false``.

Besides ``patterns`` it takes the acronyms of ``acronym`` rules and the forms of
``consistent`` rules: that set is ``patterns.txt`` (what the issue's target compares
against) and ``prh.yml``. ``patterns-all.txt`` adds the rules' raw ``regex`` entries,
translated by regexconv.py (without look-around, as a superset), for a second ripgrep
row. What ripgrep cannot say (``unless``, ``near``, quoted mentions) is left out:
ripgrep is the practical speed limit, not a second implementation of the rules.
Expressions an engine still rejects are dropped with a warning on stderr.

    python benchmarks/patterns.py [--terms DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from regexconv import check_js, check_rg, convert

ROOT = Path(__file__).resolve().parent.parent
TERMS = ROOT / "terms"
DATA = Path(__file__).resolve().parent / "data"

GAP = r"[\s-]+"
BUILTIN_VARIABLES = {
    "phone": r"\+?\(?[0-9][0-9 ().-]{5,}[0-9]",
    "email": r"[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    "any": r"[A-Za-z][A-Za-z']*",
}
# Characters each engine wants escaped. Rust's regex rejects unknown escapes, and so does
# JavaScript with the `u` flag that prh always adds, so each gets exactly its own set.
META = {"rg": set("\\.+*?()|[]{}^$#&-~"), "js": set("\\^$.*+?()[]{}|/")}
_TOKEN = re.compile(r"\{[^{}]*\}|[()\[\]|]|[^\s()\[\]|{}]+")


def escape(text: str, dialect: str) -> str:
    return "".join("\\" + c if c in META[dialect] else c for c in text)


def plural(word_rx: str, word: str) -> str:
    """The regex for a word that also accepts its regular plural (agent/agents, agency/agencies)."""
    low = word.lower()
    if re.search(r"[^aeiou]y$", low):
        return word_rx[:-1] + "(?:y|ies)"
    if re.search(r"(?:s|x|z|ch|sh)$", low):
        return word_rx + "(?:es)?"
    if not low[-1:].isalpha():
        return word_rx
    return word_rx + "s?"


@dataclass
class PhraseCompiler:
    """Turns one phrase pattern into a regex; variables become numbered capture groups."""

    variables: dict
    plurals: bool = True
    dialect: str = "rg"
    groups: list = field(default_factory=list)  # variable names, in capture-group order

    def compile(self, pattern: str) -> str:
        self.groups = []
        tokens = _TOKEN.findall(pattern)
        pos, body = self._alternation(tokens, 0, last=True)
        if pos != len(tokens):
            raise ValueError(f"unexpected {tokens[pos]!r} in {pattern!r}")
        return r"\b(?:" + body + r")\b"

    def _alternation(self, tokens, pos, last):
        branches = []
        while True:
            pos, seq = self._sequence(tokens, pos, last)
            branches.append(seq)
            if pos < len(tokens) and tokens[pos] == "|":
                pos += 1
                continue
            return pos, branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    def _sequence(self, tokens, pos, last):
        items = []  # (regex, optional)
        while pos < len(tokens) and tokens[pos] not in "|)]":
            tok = tokens[pos]
            is_last = last and _ends_here(tokens, pos)
            if tok in "([":
                close = ")" if tok == "(" else "]"
                pos, inner = self._alternation(tokens, pos + 1, is_last)
                if pos >= len(tokens) or tokens[pos] != close:
                    raise ValueError(f"expected {close!r}")
                items.append(("(?:" + inner + ")", tok == "["))
            elif tok.startswith("{"):
                items.append((self._variable(tok[1:-1].strip(), is_last), False))
            else:
                items.append((self._word(tok, is_last), False))
            pos += 1
        if not items:
            raise ValueError("empty alternative")
        out, gap = "", ""  # gap: what goes before the next item
        for i, (rx, optional) in enumerate(items):
            if i == 0 and optional and len(items) > 1:
                out += f"(?:{rx}{GAP})?"  # an optional first item brings its own gap
                continue
            out += f"(?:{gap}{rx})?" if optional else gap + rx
            gap = GAP
        return pos, out

    def _word(self, word: str, is_last: bool) -> str:
        rx = GAP.join(escape(p, self.dialect) for p in re.split(r"[-\s]+", word) if p)
        return plural(rx, word) if is_last and self.plurals and word[-1:].isalpha() else rx

    def _variable(self, name: str, is_last: bool) -> str:
        if name in self.variables:
            words = sorted(self.variables[name], key=len, reverse=True)
            body = "|".join(self._word(w, is_last) for w in words)
        elif name in BUILTIN_VARIABLES:
            body = BUILTIN_VARIABLES[name]
        else:
            raise ValueError(f"unknown variable {{{name}}}")
        self.groups.append(name)
        return "(" + body + ")"


def _ends_here(tokens, pos) -> bool:
    """True when nothing but closing brackets follows ``tokens[pos]`` up to the end of its branch."""
    depth = 0
    for t in tokens[pos + 1 :]:
        if t in "([":
            depth += 1
        elif t in ")]":
            if depth == 0:
                continue
            depth -= 1
        elif t == "|" and depth == 0:
            return True
        else:
            return False
    return True


@dataclass
class Entry:
    """One pattern of one rule, in both dialects, with the prh replacement."""

    rule: str
    rg: str
    js: str
    expected: str
    raw: bool = False  # from a rule's `regex:` list rather than the phrase syntax


def load_packs(terms: Path) -> list[dict]:
    packs = []
    for path in sorted(terms.glob("*.yaml")) + sorted(terms.glob("*.yml")):
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
        data["_path"] = path
        packs.append(data)
    return packs


def entries(packs: list[dict], warn=lambda msg: None) -> list[Entry]:
    """Every searchable pattern of every rule of the packs."""
    out = []
    for pack in packs:
        pack_vars = pack.get("variables") or {}
        for rule in pack.get("rules") or []:
            out.extend(_rule_entries(rule, {**pack_vars, **(rule.get("variables") or {})}, pack["_path"], warn))
    return out


def _rule_entries(rule: dict, variables: dict, path: Path, warn) -> list[Entry]:
    rid = f"{rule.get('id', '?')} {rule.get('name', '')}".strip()
    suggestion = (rule.get("suggest") or [None])[0]
    found = []
    for pattern in rule.get("patterns") or []:
        try:
            rg_c = PhraseCompiler(variables, rule.get("plurals", True), "rg")
            js_c = PhraseCompiler(variables, rule.get("plurals", True), "js")
            rg_rx, js_rx = rg_c.compile(pattern), js_c.compile(pattern)
        except ValueError as exc:
            warn(f"{path.name}: {rid}: skipped pattern {pattern!r}: {exc}")
            continue
        found.append(Entry(rid, rg_rx, js_rx, _expected(suggestion, js_c.groups, variables, rid)))
    for rx in rule.get("regex") or []:
        found.append(Entry(rid, rx, convert(rx, "js"), _expected(suggestion, [], variables, rid), raw=True))
    for acronym, expansion in (rule.get("acronyms") or {}).items():
        lit = r"\b" + escape(str(acronym), "rg") + r"\b"
        found.append(Entry(rid, lit, r"\b" + escape(str(acronym), "js") + r"\b", f"{expansion} ({acronym})"))
    for group in rule.get("forms") or []:
        for form in group:  # every spelling: which one comes first decides the findings
            found.append(Entry(rid, _literal(form, "rg"), _literal(form, "js"), group[0]))
    return found


def _literal(text: str, dialect: str) -> str:
    """A literal form as a whole-word regex."""
    rx = escape(text, dialect)
    return (r"\b" if text[:1].isalnum() else "") + rx + (r"\b" if text[-1:].isalnum() else "")


def _expected(suggestion, groups, variables, rid) -> str:
    """prh's replacement: the rule's first suggestion with each variable as its capture group."""
    if not suggestion:
        return rid.split()[0]

    def sub(m):
        name = m.group(1).strip()
        if name in groups:
            return f"${groups.index(name) + 1}"
        return (variables.get(name) or [name])[0]

    return re.sub(r"\{([^{}]*)\}", sub, suggestion)


@dataclass
class Written:
    """The files ``write`` made and how many ripgrep patterns each holds."""

    patterns: Path  # phrase syntax only: patterns, acronyms, consistent forms
    patterns_all: Path  # the same plus the rules' raw `regex:` entries
    prh: Path  # phrase syntax only, as a prh dictionary
    count: int
    count_all: int


def write(terms: Path = TERMS, out: Path = DATA, warn=None) -> Written:
    """Write ``patterns.txt``, ``patterns-all.txt`` and ``prh.yml`` under ``out``."""
    warn = warn or (lambda msg: print("patterns:", msg, file=sys.stderr))
    found = entries(load_packs(terms), warn)
    phrases = [e for e in found if not e.raw]
    for i, err in sorted(check_js([e.js for e in phrases]).items(), reverse=True):
        warn(f"JavaScript rejects {phrases.pop(i).js!r} ({err}); left out of prh.yml")
    rg_lines = {raw: list(dict.fromkeys(convert(e.rg, "rg") for e in found if raw or not e.raw)) for raw in (False, True)}
    rejected = {rg_lines[True][i]: err for i, err in check_rg(rg_lines[True]).items()}
    for line, err in rejected.items():
        warn(f"ripgrep rejects {line!r}: {err}; left out")
    out.mkdir(parents=True, exist_ok=True)
    paths = {False: out / "patterns.txt", True: out / "patterns-all.txt"}
    for raw, path in paths.items():
        rg_lines[raw] = [line for line in rg_lines[raw] if line not in rejected]
        path.write_text("".join(line + "\n" for line in rg_lines[raw]), encoding="utf-8")
    prh_rules = [{"expected": e.expected, "patterns": [f"/{e.js}/i"], "prh": e.rule} for e in phrases]
    prh_path = out / "prh.yml"
    with open(prh_path, "w", encoding="utf-8") as fh:
        yaml.safe_dump({"version": 1, "rules": prh_rules}, fh, allow_unicode=True, sort_keys=False, width=1000)
    return Written(paths[False], paths[True], prh_path, len(rg_lines[False]), len(rg_lines[True]))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--terms", type=Path, default=TERMS, help="folder of term packs (default: terms/)")
    ap.add_argument("--out", type=Path, default=DATA, help="output folder (default: benchmarks/data/)")
    args = ap.parse_args(argv)
    w = write(args.terms, args.out)
    print(f"{w.count} phrase patterns -> {w.patterns} and {w.prh}; {w.count_all} with raw regexes -> {w.patterns_all}")
    return 0 if w.count else 1


if __name__ == "__main__":
    sys.exit(main())
