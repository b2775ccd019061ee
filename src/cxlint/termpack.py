"""Load and validate term packs (terms/*.yaml and users' packs) into frozen Rule and Term records."""

from __future__ import annotations

import enum
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from cxlint.errors import PackError
from cxlint.matching import PatternError, check_user_regex, compile_phrase, pattern_variables
from cxlint.model import Scope, Severity
from cxlint.yamlload import LineDict, load_yaml


class Family(str, enum.Enum):
    JOB_TITLE = "job-title"
    INTERCHANGEABLE = "interchangeable"
    CONTACT_POINT = "contact-point"
    EXCELLENCE_BUZZWORD = "excellence-buzzword"
    CENTRICITY_CLAIM = "centricity-claim"
    SINGLE_OWNER = "single-owner"
    METRIC = "metric"
    STYLE = "style"
    CUSTOM = "custom"


class Kind(str, enum.Enum):
    PHRASE = "phrase"
    NEAR = "near"
    ACRONYM = "acronym"
    CONSISTENT = "consistent"


@dataclass(frozen=True)
class Context:
    """A ``near`` / ``not_near`` window: one of ``patterns`` within ``within`` words."""

    patterns: tuple[str, ...]
    within: int


@dataclass(frozen=True)
class Examples:
    flag: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()
    fix: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    family: Family
    kind: Kind
    severity: Severity
    message: str
    explain: str
    source: str  # "path:line" of the rule, for messages
    term: str = ""
    suggest: tuple[str, ...] = ()
    fixable: bool = False
    severity_by_scope: tuple[tuple[Scope, Severity], ...] = ()
    scopes: tuple[Scope, ...] = ()
    variables: tuple[tuple[str, tuple[str, ...]], ...] = ()
    patterns: tuple[str, ...] = ()
    regex: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    near: Context | None = None
    not_near: Context | None = None
    acronyms: tuple[tuple[str, str], ...] = ()
    forms: tuple[tuple[str, ...], ...] = ()
    quoted: str = "skip"
    plurals: bool = True
    examples: Examples = field(default_factory=Examples)
    disabled: bool = False

    def severity_in(self, scope: Scope) -> Severity:
        for s, sev in self.severity_by_scope:
            if s == scope:
                return sev
        return self.severity

    @property
    def variable_map(self) -> dict[str, tuple[str, ...]]:
        return dict(self.variables)


@dataclass(frozen=True)
class Term:
    id: str
    name: str
    definition: str
    acronym: str = ""
    is_not: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Pack:
    path: str
    term: Term | None
    rules: tuple[Rule, ...]


# --- validation -----------------------------------------------------------------------------

_RULE_KEYS = {
    "id", "name", "family", "kind", "severity", "severity_by_scope", "scopes", "message",
    "suggest", "fixable", "explain", "term", "variables", "patterns", "regex", "anchors",
    "unless", "near", "not_near", "acronyms", "forms", "quoted", "plurals", "examples",
    "disabled",
}
_TOP_KEYS = {"term", "variables", "rules"}
_TERM_KEYS = {"id", "name", "acronym", "definition", "not", "facts"}
_EXAMPLE_KEYS = {"flag", "pass", "fix"}
_MESSAGE_FIELDS = {"match", "suggestion", "term"}
# Placeholders each kind fills in besides the rule's variables.
_KIND_FIELDS = {
    Kind.PHRASE: frozenset(),
    Kind.NEAR: frozenset(),
    Kind.ACRONYM: frozenset({"acronym", "expansion"}),
    Kind.CONSISTENT: frozenset({"form"}),
}
_ID = re.compile(r"CX\d{3}")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class _Checker:
    """Reads one parsed pack, raising PackError with the line of the offending key."""

    def __init__(self, path: str, trusted: bool = False) -> None:
        self.path = path
        self.trusted = trusted  # built-in pack: skip trial regex compilation (tests cover it)

    def fail(self, message: str, line: int | None) -> None:
        raise PackError(message, self.path, line)

    def mapping(self, value: Any, what: str, line: int) -> LineDict:
        if not isinstance(value, dict):
            self.fail(f"{what} must be a mapping, not {_type_name(value)}", line)
        return value  # type: ignore[return-value]

    def keys(self, value: LineDict, allowed: set[str], what: str) -> None:
        for key in value:
            if key not in allowed:
                hint = _closest(str(key), allowed)
                self.fail(f"{what}: unknown key {key!r}{hint}", value.line_of(key))

    def string(self, value: Any, what: str, line: int, required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(f"{what} must be a non-empty string, not {_type_name(value)}", line)
        return value

    def strings(self, value: Any, what: str, line: int) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.fail(f"{what} must be a list of strings, not {_type_name(value)}", line)
        lines = getattr(value, "item_lines", [line] * len(value))
        for item, item_line in zip(value, lines):
            if not isinstance(item, str) or not item.strip():
                self.fail(f"{what} must hold non-empty strings, not {_type_name(item)}", item_line)
        return tuple(value)

    def boolean(self, value: Any, what: str, line: int, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(f"{what} must be true or false, not {_type_name(value)}", line)
        return value

    def severity(self, value: Any, what: str, line: int) -> Severity:
        try:
            return Severity.parse(self.string(value, what, line))
        except ValueError as exc:
            self.fail(f"{what}: {exc}", line)
            raise  # unreachable

    def scope(self, value: Any, what: str, line: int) -> Scope:
        try:
            return Scope(value)
        except ValueError:
            self.fail(f"{what}: unknown scope {value!r} (one of {', '.join(s.value for s in Scope)})", line)
            raise


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    for kind, name in ((bool, "true/false"), (dict, "a mapping"), (list, "a list"), (str, "a string"), (int, "a number"), (float, "a number")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _closest(key: str, allowed: Iterable[str]) -> str:
    import difflib

    near = difflib.get_close_matches(key, sorted(allowed), n=1)
    return f" (did you mean {near[0]!r}?)" if near else ""


def parse_pack(text: str, path: str, trusted: bool = False) -> Pack:
    """Validate one pack's text. Pure: no file access."""
    data = load_yaml(text, path)
    ck = _Checker(path, trusted)
    if data is None:
        ck.fail("empty term pack", 1)
    top = ck.mapping(data, "a term pack", 1)
    ck.keys(top, _TOP_KEYS, "term pack")
    term = _parse_term(ck, top.get("term"), top.line_of("term")) if "term" in top else None
    pack_vars = _parse_variables(ck, top.get("variables"), top.line_of("variables"), "variables")
    raw_rules = top.get("rules")
    if raw_rules is None:
        raw_rules = []
    if not isinstance(raw_rules, list):
        ck.fail(f"rules must be a list, not {_type_name(raw_rules)}", top.line_of("rules"))
    rules = []
    lines = getattr(raw_rules, "item_lines", [1] * len(raw_rules))
    for raw, line in zip(raw_rules, lines):
        rules.append(_parse_rule(ck, raw, line, pack_vars, term.id if term else ""))
    _check_unique(ck, rules)
    return Pack(path=path, term=term, rules=tuple(rules))


def _check_unique(ck: _Checker, rules: list[Rule]) -> None:
    seen: dict[str, str] = {}
    for rule in rules:
        for key in (rule.id, rule.name):
            if key in seen:
                ck.fail(f"{key} is defined twice (first at {seen[key]})", int(rule.source.rsplit(":", 1)[1]))
            seen[key] = rule.source


def _parse_term(ck: _Checker, raw: Any, line: int) -> Term:
    t = ck.mapping(raw, "term", line)
    ck.keys(t, _TERM_KEYS, "term")
    term_id = ck.string(t.get("id"), "term.id", t.line_of("id"))
    return Term(
        id=term_id,
        name=ck.string(t.get("name"), "term.name", t.line_of("name")),
        definition=ck.string(t.get("definition"), "term.definition", t.line_of("definition")).strip(),
        acronym=ck.string(t.get("acronym"), "term.acronym", t.line_of("acronym"), required=False),
        is_not=ck.strings(t.get("not"), "term.not", t.line_of("not")),
        facts=ck.strings(t.get("facts"), "term.facts", t.line_of("facts")),
        source=f"{ck.path}:{t.line}",
    )


def _parse_variables(ck: _Checker, raw: Any, line: int, what: str) -> dict[str, tuple[str, ...]]:
    if raw is None:
        return {}
    v = ck.mapping(raw, what, line)
    out = {}
    for name, words in v.items():
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_]\w*", name):
            ck.fail(f"{what}: bad variable name {name!r}", v.line_of(name))
        out[name] = ck.strings(words, f"{what}.{name}", v.line_of(name))
        if not out[name]:
            ck.fail(f"{what}.{name} is empty", v.line_of(name))
    return out


def _parse_context(ck: _Checker, raw: Any, line: int, what: str) -> Context | None:
    if raw is None:
        return None
    c = ck.mapping(raw, what, line)
    ck.keys(c, {"patterns", "within"}, what)
    within = c.get("within", 8)
    if not isinstance(within, int) or isinstance(within, bool) or not 0 < within <= 60:
        ck.fail(f"{what}.within must be a whole number of words from 1 to 60", c.line_of("within"))
    patterns = ck.strings(c.get("patterns"), f"{what}.patterns", c.line_of("patterns"))
    if not patterns:
        ck.fail(f"{what}.patterns must not be empty", c.line_of("patterns"))
    return Context(patterns=patterns, within=within)


def _parse_rule(ck: _Checker, raw: Any, line: int, pack_vars: dict, term_id: str) -> Rule:
    r = ck.mapping(raw, "a rule", line)
    rid = r.get("id")
    label = f"rule {rid}" if isinstance(rid, str) else "rule"
    ck.keys(r, _RULE_KEYS, label)
    at = r.line_of

    rid = ck.string(rid, "id", at("id"))
    if not _ID.fullmatch(rid):
        ck.fail(f"{label}: id must be CX followed by three digits", at("id"))
    if rid.startswith("CX0"):
        ck.fail(f"{label}: ids CX000-CX099 are reserved for cxlint itself", at("id"))
    name = ck.string(r.get("name"), f"{label}: name", at("name"))
    if not _NAME.fullmatch(name):
        ck.fail(f"{label}: name must be kebab-case (like experience-job-title)", at("name"))

    def enum_of(cls, key):
        value = r.get(key)
        try:
            return cls(value)
        except ValueError:
            ck.fail(f"{label}: {key} must be one of {', '.join(m.value for m in cls)}, not {value!r}", at(key))

    family = enum_of(Family, "family")
    kind = enum_of(Kind, "kind")
    severity = ck.severity(r.get("severity"), f"{label}: severity", at("severity"))
    message = ck.string(r.get("message"), f"{label}: message", at("message"))
    explain = ck.string(r.get("explain"), f"{label}: explain", at("explain"))
    suggest = ck.strings(r.get("suggest"), f"{label}: suggest", at("suggest"))
    fixable = ck.boolean(r.get("fixable"), f"{label}: fixable", at("fixable"), False)
    plurals = ck.boolean(r.get("plurals"), f"{label}: plurals", at("plurals"), True)
    disabled = ck.boolean(r.get("disabled"), f"{label}: disabled", at("disabled"), False)
    if fixable and len(suggest) != 1:
        ck.fail(f"{label}: fixable needs exactly one suggestion, found {len(suggest)}", at("fixable"))

    variables = dict(pack_vars)
    variables.update(_parse_variables(ck, r.get("variables"), at("variables"), f"{label}: variables"))

    sev_scope = []
    if r.get("severity_by_scope") is not None:
        m = ck.mapping(r["severity_by_scope"], f"{label}: severity_by_scope", at("severity_by_scope"))
        for key, value in m.items():
            scope = ck.scope(key, f"{label}: severity_by_scope", m.line_of(key))
            sev_scope.append((scope, ck.severity(value, f"{label}: severity_by_scope.{key}", m.line_of(key))))
    scopes_raw = ck.strings(r.get("scopes"), f"{label}: scopes", at("scopes"))
    scopes = tuple(ck.scope(s, f"{label}: scopes", at("scopes")) for s in scopes_raw)

    quoted = r.get("quoted", "skip")
    if quoted not in ("skip", "flag"):
        ck.fail(f"{label}: quoted must be skip or flag", at("quoted"))

    patterns = ck.strings(r.get("patterns"), f"{label}: patterns", at("patterns"))
    regex = ck.strings(r.get("regex"), f"{label}: regex", at("regex"))
    anchors = tuple(a.lower() for a in ck.strings(r.get("anchors"), f"{label}: anchors", at("anchors")))
    unless = ck.strings(r.get("unless"), f"{label}: unless", at("unless"))
    near = _parse_context(ck, r.get("near"), at("near"), f"{label}: near")
    not_near = _parse_context(ck, r.get("not_near"), at("not_near"), f"{label}: not_near")

    def check_phrases(items, key):
        raw_items = r.get(key)
        if isinstance(raw_items, dict):
            raw_items = raw_items.get("patterns")
        lines = getattr(raw_items, "item_lines", None) or [at(key)] * len(items)
        for item, item_line in zip(items, lines):
            try:
                compile_phrase(item, variables, plurals)
            except PatternError as exc:
                ck.fail(f"{label}: {key} {item!r}: {exc}", item_line)

    check_phrases(patterns, "patterns")
    check_phrases(unless, "unless")
    if near:
        check_phrases(near.patterns, "near")
    if not_near:
        check_phrases(not_near.patterns, "not_near")
    regex_lines = getattr(r.get("regex"), "item_lines", None) or [at("regex")] * len(regex)
    for item, item_line in zip(regex, regex_lines):
        try:
            check_user_regex(item, compile_it=not ck.trusted)
        except PatternError as exc:
            ck.fail(f"{label}: regex {item!r}: {exc}", item_line)
    if regex and not anchors:
        ck.fail(f"{label}: regex patterns need anchors (lower-case words every match contains)", at("regex"))

    acronyms: list[tuple[str, str]] = []
    forms: list[tuple[str, ...]] = []
    if kind in (Kind.PHRASE, Kind.NEAR):
        if not patterns and not regex:
            ck.fail(f"{label}: kind {kind.value} needs patterns or regex", line)
        if kind is Kind.NEAR and not near:
            ck.fail(f"{label}: kind near needs a near window", line)
    elif kind is Kind.ACRONYM:
        m = ck.mapping(r.get("acronyms"), f"{label}: acronyms", at("acronyms"))
        for key, value in m.items():
            if not isinstance(key, str) or not re.fullmatch(r"[A-Z][A-Za-z0-9&]{1,7}", key):
                ck.fail(f"{label}: acronym {key!r} must be a short capitalised word", m.line_of(key))
            acronyms.append((key, ck.string(value, f"{label}: acronyms.{key}", m.line_of(key))))
    elif kind is Kind.CONSISTENT:
        raw_forms = r.get("forms")
        if not isinstance(raw_forms, list) or not raw_forms:
            ck.fail(f"{label}: kind consistent needs forms: a list of lists of spellings", at("forms"))
        flines = getattr(raw_forms, "item_lines", [at("forms")] * len(raw_forms))
        for group, gline in zip(raw_forms, flines):
            spellings = ck.strings(group, f"{label}: forms", gline)
            if len(spellings) < 2:
                ck.fail(f"{label}: each forms group needs at least two spellings", gline)
            forms.append(spellings)

    allowed = _MESSAGE_FIELDS | set(variables) | _KIND_FIELDS[kind]
    for what, template in [("message", message)] + [("suggest", s) for s in suggest]:
        for _, fname, _, _ in string.Formatter().parse(template):
            if fname is None:
                continue
            base = re.split(r"[.\[!:]", fname, maxsplit=1)[0]
            if base not in allowed or (what == "suggest" and base in ("suggestion", "match")):
                ck.fail(f"{label}: {what} has unknown placeholder {{{fname}}}", at(what))
    for s in suggest:
        for var in pattern_variables(s):
            if not any(var in pattern_variables(p) for p in patterns):
                ck.fail(f"{label}: suggest uses {{{var}}} but no pattern captures it", at("suggest"))

    examples = _parse_examples(ck, r.get("examples"), at("examples"), label)
    if fixable and not examples.fix:
        ck.fail(f"{label}: a fixable rule needs fix examples", at("examples"))

    return Rule(
        id=rid, name=name, family=family, kind=kind, severity=severity, message=message,
        explain=explain.strip(), source=f"{ck.path}:{line}",
        term=ck.string(r.get("term"), f"{label}: term", at("term"), required=False) or term_id,
        suggest=suggest, fixable=fixable, severity_by_scope=tuple(sev_scope), scopes=scopes,
        variables=tuple(sorted(variables.items())), patterns=patterns, regex=regex, anchors=anchors,
        unless=unless, near=near, not_near=not_near, acronyms=tuple(acronyms), forms=tuple(forms),
        quoted=quoted, plurals=plurals, examples=examples, disabled=disabled,
    )


def _parse_examples(ck: _Checker, raw: Any, line: int, label: str) -> Examples:
    if raw is None:
        ck.fail(f"{label}: examples (flag and pass) are required", line)
    e = ck.mapping(raw, f"{label}: examples", line)
    ck.keys(e, _EXAMPLE_KEYS, f"{label}: examples")
    flag = ck.strings(e.get("flag"), f"{label}: examples.flag", e.line_of("flag"))
    passes = ck.strings(e.get("pass"), f"{label}: examples.pass", e.line_of("pass"))
    if not flag or not passes:
        ck.fail(f"{label}: examples need at least one flag and one pass", line)
    fixes = []
    raw_fix = e.get("fix") or []
    if not isinstance(raw_fix, list):
        ck.fail(f"{label}: examples.fix must be a list", e.line_of("fix"))
    for item, item_line in zip(raw_fix, getattr(raw_fix, "item_lines", [line] * len(raw_fix))):
        f = ck.mapping(item, f"{label}: examples.fix item", item_line)
        ck.keys(f, {"from", "to"}, f"{label}: examples.fix")
        fixes.append((ck.string(f.get("from"), "fix.from", f.line_of("from")), ck.string(f.get("to"), "fix.to", f.line_of("to"))))
    return Examples(flag=flag, passes=passes, fix=tuple(fixes))


# --- discovery of packs ----------------------------------------------------------------------

BUILTIN_ORDER = ("service", "experience", "excellence", "centricity", "metrics", "style")


def builtin_pack_texts() -> list[tuple[str, str]]:
    """(display path, text) of every built-in pack, in a fixed order."""
    root = _builtin_root()
    names = sorted((p.name for p in root.iterdir() if p.name.endswith(".yaml")), key=_builtin_key)
    return [(f"terms/{n}", root.joinpath(n).read_text(encoding="utf-8")) for n in names]


def _builtin_key(name: str) -> tuple[int, str]:
    stem = name[: -len(".yaml")]
    return (BUILTIN_ORDER.index(stem) if stem in BUILTIN_ORDER else len(BUILTIN_ORDER), stem)


def _builtin_root():
    # Installed: the wheel carries terms/ as cxlint/packs (a plain folder; cxlint is never
    # imported from a zip, so importlib.resources, which costs start-up time, is not needed).
    packaged = Path(__file__).resolve().parent / "packs"
    if packaged.is_dir():
        return packaged
    # A source checkout (editable install): the packs sit at the top of the repository.
    here = Path(__file__).resolve().parents[2] / "terms"
    return here


@dataclass(frozen=True)
class PackText:
    """One pack's source before parsing: where it came from, its text, and whether it ships with cxlint."""

    path: str
    text: str
    trusted: bool


def pack_texts(extra_paths: Iterable[str] = (), builtin: bool = True) -> list[PackText]:
    """The text of every pack a run loads, built-in ones first; unreadable files are errors."""
    texts = [PackText(path, text, True) for path, text in builtin_pack_texts()] if builtin else []
    for p in extra_paths:
        try:
            text = Path(p).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PackError(f"cannot read term pack: {exc.__class__.__name__}: {exc}", p) from None
        texts.append(PackText(p, text, False))
    return texts


def parse_packs(texts: Iterable[PackText]) -> list[Pack]:
    return [parse_pack(t.text, t.path, trusted=t.trusted) for t in texts]


def load_packs(extra_paths: Iterable[str] = (), builtin: bool = True) -> list[Pack]:
    return parse_packs(pack_texts(extra_paths, builtin))


def merge_rules(packs: Iterable[Pack]) -> list[Rule]:
    """Later packs replace earlier rules with the same id; duplicate names across ids are errors."""
    by_id: dict[str, Rule] = {}
    for pack in packs:
        for rule in pack.rules:
            by_id[rule.id] = rule
    names: dict[str, Rule] = {}
    for rule in by_id.values():
        if rule.name in names:
            other = names[rule.name]
            path, _, line = rule.source.rpartition(":")
            raise PackError(f"rule name {rule.name!r} is used by {other.id} ({other.source}) and {rule.id}", path, int(line))
        names[rule.name] = rule
    return sorted((r for r in by_id.values() if not r.disabled), key=lambda r: r.id)


def terms_of(packs: Iterable[Pack]) -> list[Term]:
    return [p.term for p in packs if p.term is not None]
