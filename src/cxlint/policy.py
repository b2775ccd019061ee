"""Pure: what a configuration means for the rules and for each file — which rules run, at what severity, what is accepted.

The rule set is compiled once for every rule any profile may need; a file then runs only its
profile's rules (the engine's ``active`` set), and its findings get the profile's severities
and lose matches that lie inside an accepted phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from cxlint.config import ACCEPT_ALL, TOOL_CODES, Config, Profile, rule_matches
from cxlint.engine import Selection, _context
from cxlint.matching import WORD_END, WORD_START, word_regex
from cxlint.model import Document, Finding, LineIndex, Severity
from cxlint.termpack import Rule


@dataclass(frozen=True)
class FilePolicy:
    """What one file is checked with."""

    rule_ids: frozenset[str]
    active: frozenset[int] | None  # matcher indices for engine.check (None: every rule)
    severity: tuple[tuple[str, Severity], ...]  # rule id → level chosen by the config
    fail_on: Severity
    accept: tuple[tuple[re.Pattern, frozenset[str] | None], ...]  # phrase, rules it spares (None: all)
    tool_codes: frozenset[str] = frozenset(TOOL_CODES)  # the tool's own findings (CX002) not ignored here

    def settle(self, doc: Document, findings: Sequence[Finding]) -> list[Finding]:
        """Apply the config's severities and drop matches inside accepted phrases."""
        out = list(findings)
        if self.accept:
            out = drop_accepted(doc, out, self.accept)
        return self.relevel(out)

    def relevel(self, findings: Sequence[Finding]) -> list[Finding]:
        if not self.severity:
            return list(findings)
        levels = dict(self.severity)
        return [replace(f, severity=levels[f.rule]) if f.rule in levels and f.severity != levels[f.rule] else f
                for f in findings]


class Policy:
    """A configuration applied to loaded rules; ``rules`` is what the RuleSet is compiled from."""

    def __init__(self, config: Config, rules: Sequence[Rule]) -> None:
        self.config = config
        kept = [r for r in rules if not any(rule_matches(k, r.id, r.name) for k in config.disable)]
        base = config.base_profile()
        levels = dict(_levels(base, kept))
        # Rule records carry the top-level severity so that `rules`, SARIF metadata and the
        # engine agree; a level set by the config replaces any per-scope grading.
        self.all_rules = [replace(r, severity=levels[r.id], severity_by_scope=()) if r.id in levels else r for r in kept]
        wanted = {r.id for r in Selection(base.select, base.ignore).apply(self.all_rules)}
        for ov in config.overrides:
            if ov.select is not None:
                wanted |= {r.id for r in Selection(ov.select, base.ignore).apply(self.all_rules)}
        self.rules = [r for r in self.all_rules if r.id in wanted]
        self._index = {r.id: i for i, r in enumerate(self.rules)}
        self._cache: dict[Profile, FilePolicy] = {}

    def for_path(self, path: str) -> FilePolicy:
        if not self.config.overrides and self._cache:  # one profile for every file: no Profile to build and hash per file
            return next(iter(self._cache.values()))
        profile = self.config.profile_for(path)
        got = self._cache.get(profile)
        if got is None:
            got = self._cache[profile] = self._build(profile)
        return got

    def _build(self, profile: Profile) -> FilePolicy:
        chosen = Selection(profile.select, profile.ignore).apply(self.rules)
        ids = frozenset(r.id for r in chosen)
        active = None if len(ids) == len(self.rules) else frozenset(self._index[i] for i in ids)
        accept = []
        for key, phrases in profile.accept:
            spared = None if key == ACCEPT_ALL else frozenset(r.id for r in self.all_rules if rule_matches(key, r.id, r.name))
            for phrase in phrases:
                accept.append((accept_regex(phrase), spared))
        tools = frozenset(c for c, n in TOOL_CODES.items() if not any(rule_matches(k, c, n) for k in profile.ignore))
        return FilePolicy(ids, active, _levels(profile, self.all_rules), profile.fail_on, tuple(accept), tools)


def _levels(profile: Profile, rules: Sequence[Rule]) -> tuple[tuple[str, Severity], ...]:
    """Rule id → level; later entries win (config lists prefixes before exact codes, so exact ones win)."""
    out: dict[str, Severity] = {}
    named = [(r.id, r.name) for r in rules] + list(TOOL_CODES.items())
    for key, level in profile.severity:
        for rid, name in named:
            if rid == key or name == key or (rid not in TOOL_CODES and rule_matches(key, rid, name)):
                out[rid] = level
    return tuple(sorted(out.items()))


def accept_regex(phrase: str) -> re.Pattern:
    """An accepted phrase matches as a whole phrase, in any case, across line breaks and hyphens."""
    return re.compile(WORD_START + word_regex(phrase.strip()) + WORD_END, re.IGNORECASE)


def drop_accepted(doc: Document, findings: Sequence[Finding], accept) -> list[Finding]:
    """Findings whose match does not lie inside an occurrence of an accepted phrase (for its rule)."""
    if not findings:
        return list(findings)
    lines = LineIndex(doc.source) if doc.source is not None else None
    in_source: list[tuple[int, int, frozenset[str] | None]] = []
    in_segment: list[tuple[int, int, int, frozenset[str] | None]] = []
    for si, seg in enumerate(doc.segments):
        for rx, spared in accept:
            for m in rx.finditer(seg.text):
                if seg.source_map is not None and lines is not None:
                    s = seg.source_map.to_source(m.start())
                    in_source.append((s, seg.source_map.to_source(m.end() - 1) + 1, spared))
                else:
                    in_segment.append((si, m.start(), m.end(), spared))
    if not in_source and not in_segment:
        return list(findings)

    def inside(f: Finding) -> bool:
        loc = f.location
        if loc.offset is not None and loc.end_line is not None and lines is not None:
            end = lines.line_start(loc.end_line) + (loc.end_column or 1) - 1
            return any(s <= loc.offset and end <= e and (sp is None or f.rule in sp) for s, e, sp in in_source)
        for si, s, e, sp in in_segment:
            seg = doc.segments[si]
            if (sp is not None and f.rule not in sp) or seg.anchor != loc.anchor or seg.where != loc.where:
                continue
            # No offsets here: find the match inside the accepted span by its text and neighbours.
            for m in re.finditer(re.escape(f.match), seg.text[s:e]):
                if _context(seg.text, s + m.start(), s + m.end()) == f.context:
                    return True
        return False

    return [f for f in findings if not inside(f)]
