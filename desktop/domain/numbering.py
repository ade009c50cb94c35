"""Registratienummer and kenmerk: the secretariat's own ``BD 12.3224639``, and the formats of the site.

The secretariat numbers strictly: the directie code (2 to 4 capitals), a space, the
two-digit year, a dot and a seven-digit sequence number (``format_registratienummer``).
A steller may copy a kenmerk from elsewhere (the current Groningen zaaknummer
``436495-2021``, a neighbour's format): those are matched against the configured
formats (``[[kenmerkformaten]]`` in the site configuration) and only warned about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

SEQ_DIGITS = 7
PATTERN = re.compile(r"([A-Z]{2,4}) (\d{2})\.(\d{7})")
_CODE = re.compile(r"[A-Z]{2,4}")
EXAMPLE = "BD 12.3224639"
# The secretariat's own format is always accepted, whatever the site configures.
OWN_FORMAT_NAME = "registratienummer Bestuursdienst (2012)"


@dataclass(frozen=True, slots=True)
class Registratienummer:
    code: str
    year: int  # two digits: 12 for 2012
    seq: int

    def __str__(self) -> str:
        return format_registratienummer(self.code, self.year, self.seq)


@dataclass(frozen=True, slots=True)
class KenmerkFormat:
    """One accepted kenmerk format: a regular expression over the whole value, with an example."""

    name: str
    pattern: re.Pattern[str]
    example: str

    def matches(self, text: str) -> bool:
        return self.pattern.fullmatch(text.strip()) is not None


OWN_FORMAT = KenmerkFormat(OWN_FORMAT_NAME, PATTERN, EXAMPLE)


def format_registratienummer(code: str, year: int, seq: int) -> str:
    """``format_registratienummer("BD", 2012, 3224639) -> "BD 12.3224639"`` (year 12 works too)."""
    if not _CODE.fullmatch(code or ""):
        raise ValueError(f"directie code must be 2-4 capitals, got {code!r}")
    if isinstance(year, bool) or not isinstance(year, int) or year < 0:
        raise ValueError(f"year must be a non-negative integer, got {year!r}")
    if isinstance(seq, bool) or not isinstance(seq, int) or not 0 <= seq < 10**SEQ_DIGITS:
        raise ValueError(f"sequence number must have at most {SEQ_DIGITS} digits, got {seq!r}")
    return f"{code} {year % 100:02d}.{seq:0{SEQ_DIGITS}d}"


def parse_registratienummer(text: str) -> Registratienummer | None:
    """The parts of a well-formed number (surrounding white space allowed), else None."""
    match = PATTERN.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        return None
    return Registratienummer(match.group(1), int(match.group(2)), int(match.group(3)))


def explain_problem(text: str) -> str | None:
    """A Dutch explanation of what is wrong with a number in the secretariat's format."""
    value = text.strip()
    if PATTERN.fullmatch(value):
        return None
    code, _, rest = value.partition(" ")
    if not _CODE.fullmatch(code):
        return f"begint met de directiecode: 2 tot 4 hoofdletters, zoals in {EXAMPLE}"
    if not re.fullmatch(r"\d{2}\.\d+", rest):
        return f"na de directiecode volgen een spatie, het jaar in 2 cijfers en een punt, zoals in {EXAMPLE}"
    return f"na de punt volgen precies {SEQ_DIGITS} cijfers, zoals in {EXAMPLE}"


def parse_formats(entries: Iterable[Mapping[str, Any]]) -> tuple[KenmerkFormat, ...]:
    """``[[kenmerkformaten]]`` entries (naam, patroon, voorbeeld) as formats.

    Raises ``ValueError`` with a Dutch message when a pattern does not compile or its
    own example does not match it (the example is what the steller is shown)."""
    out = []
    for entry in entries:
        name = str(entry.get("naam", "")).strip()
        source = entry.get("patroon")
        example = entry.get("voorbeeld")
        if not isinstance(source, str) or not source or not isinstance(example, str) or not example:
            raise ValueError(f"kenmerkformaat '{name}' heeft een 'patroon' en een 'voorbeeld' nodig")
        try:
            pattern = re.compile(source)
        except re.error as exc:
            raise ValueError(f"kenmerkformaat '{name}': het patroon is geen geldige reguliere expressie ({exc})") from exc
        fmt = KenmerkFormat(name, pattern, example)
        if not fmt.matches(example):
            raise ValueError(f"kenmerkformaat '{name}': het voorbeeld '{example}' past niet bij het patroon")
        out.append(fmt)
    return tuple(out)


def matching_format(text: str, formats: Iterable[KenmerkFormat]) -> KenmerkFormat | None:
    """The first format (the secretariat's own first) that the whole value matches."""
    for fmt in (OWN_FORMAT, *formats):
        if fmt.matches(text):
            return fmt
    return None
