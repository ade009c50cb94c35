"""Format rules: registratienummer/kenmerk and telephone numbers.

A kenmerk the steller enters is compared with the configured formats
(``[[kenmerkformaten]]``); no match is a warning, never an error, because a steller
copies numbers from systems the application does not know. Only the secretariat's
own numbering (``desktop.domain.numbering.format_registratienummer``) is strict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.domain import numbering, phone
from desktop.domain.findings import Finding, Severity
from desktop.domain.rules import rule

if TYPE_CHECKING:
    from desktop.domain.forms import FieldDef
    from desktop.domain.validation import Context


def _span(value: str) -> tuple[int, int]:
    start = len(value) - len(value.lstrip())
    return (start, len(value.rstrip()))


@rule("registratienummer")
def check_registratienummer(ctx: Context, fdef: FieldDef, value: Any) -> list[Finding]:
    """Empty is fine (the secretariat assigns it); otherwise one of the configured formats."""
    if not isinstance(value, str) or not value.strip():
        return []
    formats = ctx.formset.config.kenmerk_formats
    found = numbering.matching_format(value, formats)
    if found is None:
        examples = list(dict.fromkeys([numbering.EXAMPLE, *(f.example for f in formats)]))
        return [
            Finding(
                fdef.id,
                Severity.WARNING,
                f"{fdef.label} '{value.strip()}' heeft geen bekende vorm (bekend: "
                f"{', '.join(examples)}). Klopt het nummer? Het secretariaat kent het anders toe.",
                _span(value),
                rule="registratienummer",
            )
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


@rule("telefoon")
def check_telefoon(ctx: Context, fdef: FieldDef, value: Any) -> list[Finding]:
    """A four-digit extension or a Dutch number in one of the usual notations."""
    if not isinstance(value, str) or not value.strip():
        return []
    verdict = phone.classify(value)
    if verdict.ok:
        return []
    if verdict.suggestion:
        return [
            Finding(
                fdef.id,
                Severity.WARNING,
                f"{fdef.label}: zet het netnummer apart, zoals in de huisstijl: {verdict.suggestion}.",
                _span(value),
                rule="telefoon",
            )
        ]
    return [
        Finding(
            fdef.id,
            Severity.ERROR,
            f"{fdef.label}: geef uw toestelnummer (4 cijfers) of een volledig nummer zoals "
            "(050) 367 88 89, 06 1234 5678 of 14 050.",
            _span(value),
            rule="telefoon",
        )
    ]
