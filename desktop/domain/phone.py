"""Dutch telephone numbers in the notations people really write.

Accepted as written: a four-digit extension (``8889``), ``(050) 367 88 89``,
``(050) 367 8889``, ``050-3678889``, ``050 367 88 89``, ``14 050``, ``06-12345678``,
``06 1234 5678`` and ``+31 50 367 8889``: any grouping in which the area code (or
``06``) stands apart. A number whose digits are right but whose area code is not set
apart (``0503678889``) gets a suggestion in the house style's own notation (see
docs/house-style.md); anything else is not a telephone number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Dutch area codes of three digits (with the 0); every other area code has four.
_AREA3 = frozenset(
    ["010", "013", "015", "020", "023", "024", "026", "030", "033", "035", "036", "038", "040", "043", "045", "046", "050", "053", "055", "058", "070", "071", "072", "073", "074", "075", "076", "077", "078", "079"]
)
_SERVICE = ("0800", "0900", "0906", "0909")
_EXTENSION = re.compile(r"\d{4}")
_GEMEENTE = re.compile(r"14 ?0\d{2,3}")
_INTERNATIONAL = re.compile(r"(?:\+|00)31 ?(?:\(0\) ?)?(?P<rest>[\d][\d \-]*)")
_NATIONAL = re.compile(r"(?:\((?P<area>0\d{1,3})\) ?)?(?P<rest>[\d][\d \-.]*)")
_GROUPS = re.compile(r"[ \-.]+")


@dataclass(frozen=True, slots=True)
class PhoneVerdict:
    ok: bool
    suggestion: str | None = None  # the house-style form, when the digits make a number


def house_style(digits: str) -> str | None:
    """The house style's notation of a ten-digit Dutch number (``0503678889``)."""
    if len(digits) != 10 or not digits.startswith("0") or not digits.isdigit():
        return None
    if digits.startswith("06"):
        return f"06 {digits[2:6]} {digits[6:]}"
    if digits[:3] in _AREA3:
        return f"({digits[:3]}) {digits[3:6]} {digits[6:8]} {digits[8:]}"
    return f"({digits[:4]}) {digits[4:6]} {digits[6:8]} {digits[8:]}"


def _area_apart(first: str, digits: str) -> bool:
    """Is ``first`` (the first group written) the number's area code, mobile prefix or service prefix?"""
    if first == "06":
        return digits.startswith("06")
    if first in _SERVICE:
        return True
    return (len(first) == 3 and first in _AREA3) or (len(first) == 4 and first[:3] not in _AREA3)


def classify(value: str) -> PhoneVerdict:
    text = " ".join(value.split())
    if _EXTENSION.fullmatch(text) or _GEMEENTE.fullmatch(text):
        return PhoneVerdict(True)
    intl = _INTERNATIONAL.fullmatch(text)
    if intl:
        groups = [g for g in _GROUPS.split(intl.group("rest")) if g]
        digits = "0" + "".join(groups)
        if len(digits) != 10:
            return PhoneVerdict(False)
        if len(groups) > 1 and _area_apart("0" + groups[0], digits):
            return PhoneVerdict(True)
        return PhoneVerdict(False, _international(digits))
    national = _NATIONAL.fullmatch(text)
    if national is None:
        return PhoneVerdict(False)
    area = national.group("area")
    groups = [g for g in _GROUPS.split(national.group("rest")) if g]
    digits = (area or "") + "".join(groups)
    if digits.startswith(_SERVICE) and 7 <= len(digits) <= 11:
        return PhoneVerdict(bool(area) or (len(groups) > 1 and groups[0] in _SERVICE))
    if len(digits) != 10 or not digits.startswith("0"):
        return PhoneVerdict(False)
    first = area if area else groups[0]
    apart = bool(area) or len(groups) > 1
    if apart and _area_apart(first, digits):
        return PhoneVerdict(True)
    return PhoneVerdict(False, house_style(digits))


def _international(digits: str) -> str | None:
    national = house_style(digits)
    if national is None:
        return None
    if digits.startswith("06"):
        return f"+31 6 {digits[2:6]} {digits[6:]}"
    area = digits[1:3] if digits[:3] in _AREA3 else digits[1:4]
    rest = digits[1 + len(area):]
    return f"+31 {area} {rest[:-4]} {rest[-4:-2]} {rest[-2:]}"
