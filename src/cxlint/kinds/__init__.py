"""Registry of rule kinds: each kind module maps a Kind to the class that matches it."""

from __future__ import annotations

from cxlint.kinds import acronym, consistent, phrase
from cxlint.termpack import Kind, Rule

REGISTRY = {**phrase.KINDS, **acronym.KINDS, **consistent.KINDS}


def build(rule: Rule, choose_anchor):
    return REGISTRY[Kind(rule.kind)](rule, choose_anchor)
