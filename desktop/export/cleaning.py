"""Field text made fit for the document: what the export prints, cleaned once.

Control characters (python-docx refuses them) are removed with one warning per field;
tabs become spaces (the house style has no tab stops); spaces at a line end go (the
page fit cannot know where LibreOffice wraps them).
"""

from __future__ import annotations

from typing import Any

from desktop.domain.findings import Finding, Severity
from desktop.domain.sanitize import clean_text

# Spaces before a line break are invisible, but LibreOffice may wrap them onto a line
# of their own when the line is full; the page fit cannot know that, so they go.
_TRAILING = " \t\u00a0"


def strip_line_ends(text: str) -> str:
    if "\n" not in text:
        return text.rstrip(_TRAILING)
    return "\n".join(line.rstrip(_TRAILING) for line in text.split("\n"))


class Cleaner:
    """Cleans each field's text; ``findings`` holds the warnings (one per field)."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self._warned: set[str] = set()

    def __call__(self, field_id: str, value: Any, label: str = "") -> str:
        if not isinstance(value, str):
            value = "" if value is None else str(value)
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        cleaned = clean_text(value)
        changed = cleaned != value
        # The house style has no tab stops; where a tab ends depends on where it starts,
        # and LibreOffice wraps after a tab that crosses the margin. A space is what was meant.
        cleaned = strip_line_ends(cleaned.replace("\t", " "))
        if changed and field_id not in self._warned:
            self._warned.add(field_id)
            self.findings.append(
                Finding(
                    field_id,
                    Severity.WARNING,
                    f"{label or field_id}: onzichtbare stuurtekens zijn bij het exporteren verwijderd.",
                    rule="sanitized",
                )
            )
        return cleaned
