"""Format rules: registratienummer/kenmerk and telephone numbers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from desktop.domain import numbering
from desktop.domain.findings import Finding, Severity
from desktop.domain.rules import rule

if TYPE_CHECKING:
    from desktop.domain.forms import FieldDef
    from desktop.domain.validation import Context

_EXTENSION = re.compile(r"\d{4}")
# House style: "(050) 367 1234"; a four-digit area code groups the rest as "12 34 56".
_HOUSE_STYLE = re.compile(r"\(0\d{2}\) \d{3} \d{4}|\(0\d{3}\) \d{2} \d{2} \d{2}|06 \d{4} \d{4}")
_SEPARATORS = re.compile(r"[\s()\-.]")


def _span(value: str) -> tuple[int, int]:
    start = len(value) - len(value.lstrip())
    return (start, len(value.rstrip()))


@rule("registratienummer")
def check_registratienummer(ctx: Context, fdef: FieldDef, value: Any) -> list[Finding]:
    """Empty is fine (the secretariat assigns it); otherwise ``BD 12.3224639``."""
    if not isinstance(value, str) or not value.strip():
        return []
    problem = numbering.explain_problem(value)
    if problem:
        return [
            Finding(fdef.id, Severity.ERROR, f"{fdef.label} {problem}.", _span(value), rule="registratienummer")
        ]
    parsed = numbering.parse_registratienummer(value)
    codes = {str(e.get("code")) for e in ctx.formset.config.lists.get("directies", ())}
    if parsed and codes and parsed.code not in codes:
        start = _span(value)[0]
        return [
            Finding(
                fdef.id,
                Severity.WARNING,
                f"{fdef.label}: directiecode '{parsed.code}' staat niet in de lijst met directies "
                f"({', '.join(sorted(codes))}).",
                (start, start + len(parsed.code)),
                rule="registratienummer",
            )
        ]
    return []


def phone_suggestion(digits: str) -> str | None:
    """The house-style form of a ten-digit Dutch number, when one exists."""
    if len(digits) != 10 or not digits.startswith("0"):
        return None
    if digits.startswith("06"):
        return f"06 {digits[2:6]} {digits[6:]}"
    return f"({digits[:3]}) {digits[3:6]} {digits[6:]}"


@rule("telefoon")
def check_telefoon(ctx: Context, fdef: FieldDef, value: Any) -> list[Finding]:
    """A four-digit extension or a full number in house style, ``(050) 367 1234``."""
    if not isinstance(value, str) or not value.strip():
        return []
    text = value.strip()
    if _EXTENSION.fullmatch(text) or _HOUSE_STYLE.fullmatch(text):
        return []
    digits = _SEPARATORS.sub("", text)
    suggestion = phone_suggestion(digits) if digits.isdigit() else None
    if suggestion:
        return [
            Finding(
                fdef.id,
                Severity.WARNING,
                f"{fdef.label}: schrijf het nummer als {suggestion}.",
                _span(value),
                rule="telefoon",
            )
        ]
    return [
        Finding(
            fdef.id,
            Severity.ERROR,
            f"{fdef.label}: geef uw toestelnummer (4 cijfers) of een volledig nummer zoals "
            "(050) 367 1234.",
            _span(value),
            rule="telefoon",
        )
    ]
