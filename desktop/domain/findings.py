"""Findings: what the validation engine reports about a draft."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one field.

    ``span`` is a pair of Python string indices into the field's text (for a
    list field: into item ``item``); the UI converts them to UTF-16 units.
    ``rule`` names the rule that produced it, for tests and statistics.
    """

    field: str
    severity: Severity
    message: str
    span: tuple[int, int] | None = None
    item: int | None = None
    rule: str = ""
    # Replacements the writer can pick (spelling), best first.
    suggestions: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "field": self.field,
            "severity": str(self.severity),
            "message": self.message,
            "rule": self.rule,
        }
        if self.span is not None:
            data["span"] = list(self.span)
        if self.item is not None:
            data["item"] = self.item
        if self.suggestions:
            data["suggestions"] = list(self.suggestions)
        return data


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)
