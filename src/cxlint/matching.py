"""Phrase normalisation: turns pack phrase patterns into bounded, case-insensitive regular expressions.

A phrase such as ``customer experience {role}`` becomes a regex that matches across
spaces, tabs, non-breaking spaces, a single line break and hyphens, accepts the plural of
the last word, and never starts or ends inside another word.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

# Horizontal blanks, including the non-breaking and narrow spaces office files are full of.
_H = r"[ \t\u00a0\u202f\u2007\u2009]"
# Between two words: blanks with at most one line break (a blank line ends a paragraph),
# or a hyphen (ASCII, Unicode hyphen, non-breaking hyphen) with optional blanks around it.
SEP = rf"(?:{_H}*(?:\r\n|\r|\n){_H}*|{_H}+|{_H}*[-\u2010\u2011]{_H}*)"
WORD_START = r"(?<![\w])"
WORD_END = r"(?![\w])"

BUILTIN_VARIABLES: Mapping[str, str] = {
    "phone": r"\+?\(?\d[\d \-().\u00a0]{5,}\d",
    "email": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    "any": r"[^\W\d_][\w'\u2019]*",
}

_TOKEN = re.compile(r"\s+|\{[^{}]*\}|[()\[\]|]|[^\s()\[\]|{}]+")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class PatternError(ValueError):
    """A phrase pattern the compiler cannot understand."""


def plural_form(word_regex: str, word: str) -> str:
    """Regex for a word and its regular plural."""
    low = word.lower()
    if re.search(r"[^aeiou]y$", low):
        return re.escape(word[:-1]) + "(?:y|ies)"
    if re.search(r"[^aeiou]o$", low):  # hero → heroes, but also photo → photos
        return word_regex + "(?:es|s)?"
    if re.search(r"(?:s|x|z|ch|sh)$", low):
        return word_regex + "(?:es)?"
    if not low[-1:].isalpha():
        return word_regex
    return word_regex + "s?"


def word_regex(word: str) -> str:
    """One literal word; an inner hyphen or space in it is as flexible as a word gap."""
    parts = re.split(r"[-\s]+", word)
    return SEP.join(re.escape(p) for p in parts if p)


@dataclass
class _Compiler:
    variables: Mapping[str, Sequence[str]]
    plurals: bool
    used_groups: set

    def compile(self, pattern: str) -> str:
        tokens = [t for t in _TOKEN.findall(pattern) if not t.isspace()]
        if not tokens:
            raise PatternError("empty pattern")
        pos, body = self._alternation(tokens, 0, top=True, last=True)
        if pos != len(tokens):
            raise PatternError(f"unexpected {tokens[pos]!r}")
        return body

    def _alternation(self, tokens, pos, top, last):
        branches = []
        while True:
            pos, seq = self._sequence(tokens, pos, last)
            branches.append(seq)
            if pos < len(tokens) and tokens[pos] == "|":
                pos += 1
                continue
            break
        if not top and (pos >= len(tokens) or tokens[pos] not in ")]"):
            raise PatternError("unclosed bracket")
        return pos, branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    def _sequence(self, tokens, pos, last):
        items: list[tuple[str, bool]] = []  # (regex, optional)
        while pos < len(tokens) and tokens[pos] not in "|)]":
            tok = tokens[pos]
            # Only the final item of the whole pattern gets a plural ending.
            is_last = last and self._ends_sequence(tokens, pos)
            if tok == "(" or tok == "[":
                close = ")" if tok == "(" else "]"
                pos, inner = self._alternation(tokens, pos + 1, top=False, last=is_last)
                if tokens[pos] != close:
                    raise PatternError(f"expected {close!r}")
                items.append(("(?:" + inner + ")", tok == "["))
                pos += 1
            elif tok.startswith("{"):
                items.append((self._variable(tok[1:-1].strip(), is_last), False))
                pos += 1
            else:
                if re.fullmatch(r"n['’]t", tok, re.I):
                    raise PatternError("\"n't\" alone never matches (it sits inside a word): write the contractions out (isn't, don't)")
                w = word_regex(tok)
                if is_last and self.plurals:
                    w = plural_form(w, tok)
                items.append((w, False))
                pos += 1
        if not items:
            raise PatternError("empty alternative")
        out = ""
        seen_required = False
        for rx, optional in items:
            if not seen_required:
                # Optional words before the first required one carry their own separator.
                if optional:
                    out += f"(?:{rx}{SEP})?" if len(items) > 1 else f"(?:{rx})?"
                else:
                    out += rx
                    seen_required = True
            elif optional:
                out += f"(?:{SEP}{rx})?"
            else:
                out += SEP + rx
        return pos, out

    @staticmethod
    def _ends_sequence(tokens, pos):
        """True if the item at ``pos`` is the last of its sequence (a group counts as one item)."""
        k = pos + 1
        if tokens[pos] in "([":
            depth = 0
            for k in range(pos, len(tokens)):
                if tokens[k] in "([":
                    depth += 1
                elif tokens[k] in ")]":
                    depth -= 1
                    if depth == 0:
                        break
            k += 1
        return k >= len(tokens) or tokens[k] in "|)]"

    def _variable(self, name: str, is_last: bool) -> str:
        if name in BUILTIN_VARIABLES:
            body = BUILTIN_VARIABLES[name]
        elif name in self.variables:
            words = sorted(self.variables[name], key=len, reverse=True)
            forms = [plural_form(word_regex(w), w) if (is_last and self.plurals) else word_regex(w) for w in words]
            body = "|".join(forms)
        else:
            raise PatternError(f"unknown variable {{{name}}}")
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise PatternError(f"bad variable name {name!r}")
        if name in self.used_groups:
            return f"(?:{body})"
        self.used_groups.add(name)
        return f"(?P<{name}>{body})"


def compile_phrase(pattern: str, variables: Mapping[str, Sequence[str]], plurals: bool = True) -> str:
    """Regex source (without flags) for one phrase pattern, bounded on both sides."""
    body = _Compiler(variables, plurals, set()).compile(pattern)
    return WORD_START + "(?:" + body + ")" + WORD_END


def first_reading(pattern: str) -> str:
    """A readable form of a phrase pattern: first alternative of each group, optional words dropped."""
    text = pattern
    while True:
        new = re.sub(r"\(([^()|]*)(?:\|[^()]*)?\)", r"\1", text)
        new = re.sub(r"\[[^\[\]]*\]", "", new)
        if new == text:
            break
        text = new
    return " ".join(text.split())


def pattern_variables(pattern: str) -> list[str]:
    return [m.group(1).strip() for m in _PLACEHOLDER.finditer(pattern)]


def anchor_candidates(pattern: str, variables: Mapping[str, Sequence[str]]) -> list[frozenset[str]]:
    """Word sets such that every match of ``pattern`` contains a word of each set.

    Any one of the returned sets is a valid prefilter; the caller picks the cheapest. Words
    are lower-cased stems (``agency`` → ``agenc``) so that plurals still contain them.
    """
    tokens = [t for t in _TOKEN.findall(pattern) if not t.isspace()]
    _, cands = _seq_candidates(tokens, 0, variables)
    return [c for c in cands if c]


def _seq_candidates(tokens, pos, variables):
    """Parse one alternation level; return (pos, candidate sets for the whole level)."""
    branches: list[list[frozenset[str]]] = []
    current: list[frozenset[str]] = []
    while pos < len(tokens):
        tok = tokens[pos]
        if tok == "|":
            branches.append(current)
            current = []
            pos += 1
        elif tok in ")]":
            break
        elif tok in "([":
            pos, inner = _seq_candidates(tokens, pos + 1, variables)
            if tok == "(":
                current.extend(inner)  # a required group: each of its sets holds for the whole
            pos += 1
        elif tok.startswith("{"):
            name = tok[1:-1].strip()
            words = variables.get(name)
            if words:
                current.append(frozenset(s for w in words for s in _stems(w)[:1]))
            pos += 1
        else:
            for s in _stems(tok):
                current.append(frozenset([s]))
            pos += 1
    branches.append(current)
    if len(branches) == 1:
        return pos, branches[0]
    if not all(branches):
        return pos, []
    # One set per branch, merged: a match contains a word from whichever branch it took. Every
    # way of picking one set per branch is valid ("nps|net promoter score" gives {nps, net},
    # {nps, promoter}, {nps, score}); offer them all while they are few, so the anchor choice can
    # take the rarest words, else only the smallest sets.
    combos = 1
    for b in branches:
        combos *= len(b)
    if combos > _MAX_COMBOS:
        return pos, [frozenset().union(*(min(b, key=len) for b in branches))]
    merged = [frozenset()]
    for b in branches:
        merged = [m | s for m in merged for s in b]
    return pos, list(dict.fromkeys(merged))


_MAX_COMBOS = 16


def _stems(token: str) -> list[str]:
    return [anchor_stem(p) for p in re.split(r"[^\w]+", token) if len(p) >= 2]


def anchor_stem(word: str) -> str:
    """The part of a word that survives pluralisation (``agency`` → ``agenc``)."""
    word = word.lower()
    return word[:-1] if re.search(r"[^aeiou]y$", word) else word


@functools.lru_cache(maxsize=4096)
def _parsed(source: str):
    """The parsed form of a regex (read only), once per process for regex_requirements and first_literals."""
    from re import _parser

    try:
        return _parser.parse(source, re.IGNORECASE)
    except (re.error, RecursionError):
        return None


def regex_requirements(source: str) -> list[frozenset[str]]:
    """Substring sets a raw regex's every match must contain (one of each set), lower-cased.

    Read from the parsed expression: a run of literal characters in the pattern's main
    sequence (or in a repeat taken at least once) must appear in every match; an alternation
    requires one run from each branch. Lookarounds, optional parts and classes require nothing.
    Used only for cheap substring prechecks, so missing a requirement costs speed, never a match.
    """
    from re import _constants as K

    parsed = _parsed(source)
    if parsed is None:
        return []
    repeats = {K.MAX_REPEAT, K.MIN_REPEAT} | ({K.POSSESSIVE_REPEAT} if hasattr(K, "POSSESSIVE_REPEAT") else set())

    def walk(seq, prefix: str = "") -> list[frozenset[str]]:
        out: list[frozenset[str]] = []
        run: list[str] = list(prefix)

        def flush() -> None:
            text = "".join(run).lower()
            run.clear()
            if len(text) >= 2:
                out.append(frozenset([text]))

        for op, av in seq:
            if op is K.LITERAL:
                run.append(chr(av))
                continue
            if op is K.BRANCH:
                # The parser moves a prefix shared by all branches in front of the
                # alternation ("customer|cx" becomes "c" + "ustomer|x"): give it back.
                shared = "".join(run)
                run.clear()
                firsts, longest = [], []
                for branch in av[1]:
                    sets = walk(branch, shared)
                    if not sets:
                        firsts = []
                        break
                    firsts.append(sets[0])
                    longest.append(max(sets, key=lambda s: (min(len(w) for w in s), -len(s))))
                if firsts:
                    # Two valid requirements: each branch's first run (usually its leading
                    # word, a good anchor) and each branch's longest (the most selective).
                    for picks in (firsts, longest):
                        union = frozenset().union(*picks)
                        if union not in out:
                            out.append(union)
                continue
            flush()
            if op is K.SUBPATTERN:
                out.extend(walk(av[-1]))
            elif op in repeats and av[0] >= 1:
                out.extend(walk(av[2]))
        flush()
        return out

    return walk(parsed)


_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]")


def check_user_regex(source: str, compile_it: bool = True) -> None:
    """Reject invalid expressions and the nested quantifiers that backtrack catastrophically.

    ``compile_it=False`` skips the (costly) trial compilation, for the built-in packs, whose
    every pattern is compiled by the test suite before a release.
    """
    if compile_it:
        try:
            re.compile(source, re.IGNORECASE)
        except re.error as exc:
            raise PatternError(f"invalid regular expression: {exc}") from None
    if _NESTED_QUANTIFIER.search(source):
        raise PatternError("nested quantifier (like (a+)+) can backtrack catastrophically")
    if re.search(r"\\[1-9]", source):
        raise PatternError("back-references are not allowed")


_CASE_WORD = re.compile(r"[^\W\d_]+")


def match_case(template: str, matched: str) -> str:
    """Give a replacement the capitalisation style of the text it replaces.

    Short all-capital words (acronyms such as CX) say nothing about the style, so they are
    left out of the vote.
    """
    words = _CASE_WORD.findall(matched)
    real = [w for w in words if not (w.isupper() and len(w) <= 4)]
    if not real:
        return template
    if all(w.isupper() for w in real):
        return template.upper()
    starts_with_real = real[0] is words[0]
    if all(w[0].isupper() for w in real) and (len(real) > 1 or not starts_with_real):
        return _title(template)
    if starts_with_real and real[0][0].isupper():
        return template[:1].upper() + template[1:]
    return template


def _title(text: str) -> str:
    small = {"of", "and", "or", "the", "a", "an", "to", "for", "in", "on"}
    out = []
    for i, w in enumerate(text.split(" ")):
        if i and w.lower() in small:
            out.append(w.lower())
        elif w[:1].islower():
            # Each part of a hyphenated compound is capitalised: "Customer-Centric".
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
        else:
            out.append(w)
    return " ".join(out)


def first_literals(source: str) -> tuple[str, ...] | None:
    """Lower-cased literals, one of which starts every match of a regex; None if there are none.

    Read from the parsed expression: zero-width parts (``\\b``, lookarounds) are skipped, groups
    and alternations are followed, optional parts add what follows them. A regex that may start
    with a class, a dot or nothing at all has no such literals. Used to try a regex only where one
    of these literals occurs instead of at every position, which Python's ``re`` does for any
    pattern that starts with ``\\b`` or a lookbehind.
    """
    parsed = _parsed(source)
    if parsed is None:
        return None
    got = _firsts(list(parsed), 0)
    if not got or "" in got or len(got) > _MAX_FIRSTS:
        return None
    # A literal that starts with another adds no place to look.
    kept = sorted(got, key=len)
    kept = [w for i, w in enumerate(kept) if not any(w.startswith(v) for v in kept[:i])]
    if min(len(w) for w in kept) < 2:
        return None  # one character would be everywhere: scanning the regex is as fast
    return tuple(sorted(kept))


_MAX_FIRSTS = 32
_FIRST_RUN = 12  # no need to know more of a literal than this


def _firsts(items: list, depth: int) -> set[str] | None:
    """Lower-cased literal prefixes starting every match of ``items``; "" among them if a match may be empty."""
    from re import _constants as K

    if depth > 40:
        return None
    repeats = (K.MAX_REPEAT, K.MIN_REPEAT, getattr(K, "POSSESSIVE_REPEAT", K.MAX_REPEAT))
    for i, (op, av) in enumerate(items):
        if op in (K.AT, K.ASSERT, K.ASSERT_NOT):
            continue
        rest = items[i + 1 :]
        if op is K.LITERAL:
            run = chr(av)
            j = i + 1
            while j < len(items) and items[j][0] is K.LITERAL and len(run) < _FIRST_RUN:
                run += chr(items[j][1])
                j += 1
            run = run.lower()
            if len(run) < _FIRST_RUN:
                # "customer|cx" parses as "c" + ("ustomer" | "x"): take what follows along.
                more = _firsts(items[j:], depth + 1)
                if more and "" not in more and len(more) <= _MAX_FIRSTS:
                    return {run + m for m in more}
            return {run}
        if op is K.SUBPATTERN:
            return _firsts(list(av[-1]) + rest, depth + 1)
        if op is K.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                sub = _firsts(list(branch) + rest, depth + 1)
                if sub is None:
                    return None
                out |= sub
            return out
        if op in repeats:
            # What follows one pass of the item may be another pass, so its literals are not
            # extended past the item's end; if the item may be skipped or match nothing, the
            # match may also start with what comes after the repeat.
            lo, _, item = av
            first = _firsts(list(item), depth + 1)
            if first is None or (lo >= 1 and "" not in first):
                return first
            after = _firsts(rest, depth + 1)
            return None if after is None else (first - {""}) | after
        return None  # a class, any character, a back-reference: could start anywhere
    return {""}
