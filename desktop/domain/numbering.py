"""Registratienummer and kenmerk: ``BD 12.3224639``.

The directie code (2 to 4 capitals), a space, the two-digit year, a dot and a
seven-digit sequence number. The secretariat assigns it; the steller leaves it empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEQ_DIGITS = 7
PATTERN = re.compile(r"([A-Z]{2,4}) (\d{2})\.(\d{7})")
_CODE = re.compile(r"[A-Z]{2,4}")
EXAMPLE = "BD 12.3224639"


@dataclass(frozen=True, slots=True)
class Registratienummer:
    code: str
    year: int  # two digits: 12 for 2012
    seq: int

    def __str__(self) -> str:
        return format_registratienummer(self.code, self.year, self.seq)


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
    """A Dutch explanation of what is wrong with a number (None when it is fine)."""
    value = text.strip()
    if PATTERN.fullmatch(value):
        return None
    code, _, rest = value.partition(" ")
    if not _CODE.fullmatch(code):
        return f"begint met de directiecode: 2 tot 4 hoofdletters, zoals in {EXAMPLE}"
    if not re.fullmatch(r"\d{2}\.\d+", rest):
        return f"na de directiecode volgen een spatie, het jaar in 2 cijfers en een punt, zoals in {EXAMPLE}"
    return f"na de punt volgen precies {SEQ_DIGITS} cijfers, zoals in {EXAMPLE}"
