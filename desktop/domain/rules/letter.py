"""Raadsbrief rules: the fixed salutation and the college writing as 'wij'."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from desktop.domain.findings import Finding, Severity
from desktop.domain.rules import rule
from desktop.domain.text import text_items

if TYPE_CHECKING:
    from desktop.domain.forms import FieldDef
    from desktop.domain.validation import Context

AANHEF = "Geachte heer, mevrouw,"
_IK = re.compile(r"(?<![\w-])ik(?![\w-])", re.IGNORECASE)
# Enough to show the writer the pattern; a pasted book must not produce a million findings.
MAX_IK_FINDINGS = 25


@rule("aanhef")
def check_aanhef(ctx: Context, fdef: FieldDef, value: Any) -> list[Finding]:
    if not isinstance(value, str) or value.strip() == AANHEF:
        return []
    return [
        Finding(
            fdef.id,
            Severity.ERROR,
            f"De aanhef is altijd '{AANHEF}'.",
            span=(0, len(value)),
            rule="aanhef",
        )
    ]


@rule("wij_niet_ik")
def check_wij_niet_ik(ctx: Context, fdef: FieldDef, value: Any) -> list[Finding]:
    """A warning on every 'ik': the college writes as 'wij' and 'ons'."""
    out: list[Finding] = []
    for item, text in text_items(fdef.kind, value):
        for match in _IK.finditer(text):
            out.append(
                Finding(
                    fdef.id,
                    Severity.WARNING,
                    f"'{match.group()}': het college schrijft als 'wij' en 'ons', niet als 'ik'.",
                    span=(match.start(), match.end()),
                    item=item,
                    rule="wij_niet_ik",
                )
            )
            if len(out) >= MAX_IK_FINDINGS:
                return out
    return out
