"""Named validation rules, declared by name in the form files and implemented once here.

A rule is a function ``(ctx, field_def, value) -> Iterable[Finding]`` registered with
``@rule("name")``. The generic checks every field gets (required, types, limits,
choices) live in ``desktop.domain.validation``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.domain.findings import Finding
    from desktop.domain.forms import FieldDef
    from desktop.domain.validation import Context

RuleFn = Callable[["Context", "FieldDef", Any], Iterable["Finding"]]
RULES: dict[str, RuleFn] = {}


def rule(name: str) -> Callable[[RuleFn], RuleFn]:
    def register(fn: RuleFn) -> RuleFn:
        RULES[name] = fn
        return fn

    return register


_loaded = False


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    # Importing the modules registers their rules.
    from desktop.domain.rules import besluit, formats, letter, readability, spelling  # noqa: F401

    _loaded = True


def known_rule_names() -> frozenset[str]:
    _load_all()
    return frozenset(RULES)


def get_rule(name: str) -> RuleFn:
    _load_all()
    return RULES[name]
