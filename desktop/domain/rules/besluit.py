"""The besluit points: te-infinitive clause, ';' and '.' endings (count: the form's limits)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.domain.besluit import point_problems
from desktop.domain.findings import Finding, Severity
from desktop.domain.rules import rule

if TYPE_CHECKING:
    from desktop.domain.forms import FieldDef
    from desktop.domain.validation import Context


@rule("besluitpunten")
def check_besluitpunten(ctx: Context, fdef: FieldDef, value: Any) -> list[Finding]:
    if not isinstance(value, list):
        return []
    out: list[Finding] = []
    last = len(value) - 1
    for i, point in enumerate(value):
        if not isinstance(point, str):
            continue
        for problem in point_problems(point, is_last=i == last):
            out.append(
                Finding(
                    fdef.id,
                    Severity.ERROR,
                    f"Beslispunt {i + 1}: {problem.message}",
                    span=problem.span,
                    item=i,
                    rule="besluitpunten",
                )
            )
    return out
