"""The paraaf route's configuration: the site's routes, advisers, listed keys, deputies and
holidays (``config.toml``), and a form's advice rules (``[route]`` in the form file).

Pure: no Qt, no SQL, no files. ``desktop.domain.route`` computes with it. Format:
``docs/forms.md`` ("Parafen en adviezen").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from desktop.domain.dates import DateError, format_date, parse_date

PARAAF = "paraaf"
ADVIES = "advies"
PARAAF_ROLES = ("teamleider", "directeur")
ADVISEUR = "adviseur"

# CLI word -> the verdict as recorded and shown.
PARAAF_VERDICTS = {"akkoord": "akkoord", "opmerkingen": "akkoord met opmerkingen", "niet-akkoord": "niet akkoord"}
ADVICE_VERDICTS = {"positief": "positief", "opmerkingen": "positief met opmerkingen", "negatief": "negatief"}
NOT_AGREED = "niet akkoord"

DEFAULT_PARAAF_DAYS = 3
DEFAULT_ADVICE_DAYS = 5
CONDITIONS = ("bedrag", "gevuld", "gelijk")

class RouteConfigError(ValueError):
    """The route part of a configuration or form file is wrong; Dutch ``str()``."""


def key_id(text: str) -> str:
    """A key id as people copy it ("ab12:cd34 ...") normalized: lower-case hex, no separators."""
    return re.sub(r"[^0-9a-f]", "", text.lower())


# -- configuration ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Signer:
    """A key that counts for a role: ``[[routesleutels]]`` in the site configuration."""

    naam: str
    rol: str  # teamleider | directeur | adviseur
    eenheid: str  # the directie (teamleider, directeur) or the advising department (adviseur)
    sleutel: str  # normalized key id
    vervangt: str = ""  # a plaatsvervanger: the name of the one they act for (mandaat)
    van: date | None = None
    tot: date | None = None

    def valid_on(self, day: date) -> bool:
        return (self.van is None or self.van <= day) and (self.tot is None or day <= self.tot)

    @property
    def periode(self) -> str:
        """The mandate period as people write it ("1-11-2026 t/m 31-12-2026"); empty for no deputy."""
        if not self.vervangt:
            return ""
        return f"{format_date(self.van) if self.van else '…'} t/m {format_date(self.tot) if self.tot else '…'}"

    @property
    def mandaat(self) -> str:
        if not self.vervangt:
            return ""
        return f"plaatsvervanger van {self.vervangt} (mandaat {self.periode})"


@dataclass(frozen=True, slots=True)
class RouteConfig:
    aan: bool = False
    routes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # directie -> paraaf roles
    adviseurs: Mapping[str, int] = field(default_factory=dict)  # department -> due in working days
    signers: tuple[Signer, ...] = ()
    holidays: frozenset[date] = frozenset()
    paraaf_days: int = DEFAULT_PARAAF_DAYS
    advice_days: int = DEFAULT_ADVICE_DAYS
    directie_codes: Mapping[str, str] = field(default_factory=dict)  # naam -> code

    def roles_for(self, directie: str) -> tuple[str, ...]:
        code = self.directie_codes.get(directie, "")
        for name, roles in self.routes.items():
            if name in (directie, code):
                return roles
        return ()

    def same_unit(self, configured: str, wanted: str) -> bool:
        return configured == wanted or (bool(configured) and self.directie_codes.get(wanted) == configured)

    def signers_for(self, key: str) -> list[Signer]:
        return [s for s in self.signers if s.sleutel == key]

    def addressees(self, key: str) -> list[str]:
        """The inbox names of a key: the person's name and, for an adviser, the department."""
        out: list[str] = []
        for s in self.signers_for(key):
            for name in (s.naam, s.eenheid if s.rol == ADVISEUR else "", s.vervangt):
                if name and name not in out:
                    out.append(name)
        return out

    def known_addressee(self, name: str) -> str | None:
        """The configured spelling of a person or department (case-insensitive), or None."""
        for candidate in [*self.adviseurs, *(s.naam for s in self.signers)]:
            if candidate.casefold() == name.strip().casefold():
                return candidate
        return None


def _date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except DateError as exc:
        raise RouteConfigError(f"{where}: {exc}") from None


def _days(value: Any, default: int, where: str) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RouteConfigError(f"{where}: de termijn moet een geheel aantal werkdagen zijn")
    return value


def route_config(lists: Mapping[str, Sequence[Mapping[str, Any]]], sections: Mapping[str, Mapping[str, Any]]) -> RouteConfig:
    """The route configuration from a ``SiteConfig``'s lists and sections; ``RouteConfigError``."""
    section = sections.get("route", {})
    aan = section.get("aan", False)
    if not isinstance(aan, bool):
        raise RouteConfigError("[route] aan moet true of false zijn")
    routes: dict[str, tuple[str, ...]] = {}
    for entry in lists.get("routes", ()):
        roles = entry.get("parafen", list(PARAAF_ROLES))
        if not isinstance(roles, list) or any(r not in PARAAF_ROLES for r in roles):
            raise RouteConfigError(f"[[routes]] {entry['naam']}: 'parafen' is een lijst uit {', '.join(PARAAF_ROLES)}")
        routes[str(entry["naam"])] = tuple(roles)
    adviseurs = {
        str(e["naam"]): _days(e.get("termijn"), _days(section.get("adviestermijn"), DEFAULT_ADVICE_DAYS, "[route]"),
                              f"[[adviseurs]] {e['naam']}")
        for e in lists.get("adviseurs", ())
    }
    signers = []
    for e in lists.get("routesleutels", ()):
        where = f"[[routesleutels]] {e['naam']}"
        rol = str(e.get("rol", ""))
        if rol not in (*PARAAF_ROLES, ADVISEUR):
            raise RouteConfigError(f"{where}: 'rol' is teamleider, directeur of adviseur")
        eenheid = str(e.get("afdeling" if rol == ADVISEUR else "directie", ""))
        if not eenheid:
            raise RouteConfigError(f"{where}: geef {'de afdeling' if rol == ADVISEUR else 'de directie'}")
        if rol == ADVISEUR and eenheid not in adviseurs:
            raise RouteConfigError(f"{where}: afdeling '{eenheid}' staat niet in [[adviseurs]]")
        sleutel = key_id(str(e.get("sleutel", "")))
        if len(sleutel) < 16:
            raise RouteConfigError(f"{where}: 'sleutel' moet een sleutel-id zijn (zie 'route sleutel')")
        signers.append(Signer(str(e["naam"]), rol, eenheid, sleutel, str(e.get("vervangt", "")),
                              _date(e.get("van"), where), _date(e.get("tot"), where)))
    holidays = frozenset(d for e in lists.get("feestdagen", ()) if (d := _date(e.get("datum"), f"[[feestdagen]] {e['naam']}")))
    codes = {str(e.get("naam")): str(e.get("code", "")) for e in lists.get("directies", ())}
    return RouteConfig(
        aan=aan, routes=routes, adviseurs=adviseurs, signers=tuple(signers), holidays=holidays,
        paraaf_days=_days(section.get("paraaftermijn"), DEFAULT_PARAAF_DAYS, "[route] paraaftermijn"),
        advice_days=_days(section.get("adviestermijn"), DEFAULT_ADVICE_DAYS, "[route] adviestermijn"),
        directie_codes=codes,
    )


def add_working_days(start: date, days: int, holidays: Iterable[date] = ()) -> date:
    """``days`` working days after ``start`` (weekends and ``holidays`` do not count)."""
    off = set(holidays)
    day = start
    left = days
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in off:
            left -= 1
    return day


# -- form rules -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AdviceRule:
    adviseur: str
    veld: str
    als: str  # bedrag | gevuld | gelijk
    waarde: str = ""

    def applies(self, values: Mapping[str, Any]) -> bool:
        value = values.get(self.veld)
        text = " ".join(str(v) for v in value) if isinstance(value, list) else str(value or "")
        if self.als == "gevuld":
            return bool(text.strip())
        if self.als == "gelijk":
            return text.strip() == self.waarde
        return names_amount(text)

    def reason(self) -> str:
        if self.als == "gevuld":
            return f"'{self.veld}' is ingevuld"
        if self.als == "gelijk":
            return f"'{self.veld}' is {self.waarde}"
        return f"'{self.veld}' noemt een bedrag"


@dataclass(frozen=True, slots=True)
class FormRoute:
    vereist: bool = False  # a complete route before submission
    adviezen: tuple[AdviceRule, ...] = ()


_AMOUNT = re.compile(
    r"(€|\beur\b|\beuro)\s*\d|\d[\d.,]*\s*(€|euro|eur\b|miljoen|mln|duizend)|\bk€\s*\d", re.IGNORECASE
)


def names_amount(text: str) -> bool:
    """The text names an amount of money ("€ 400.000", "2 miljoen", "12.500 euro")."""
    return bool(_AMOUNT.search(text))


def parse_form_route(raw: Any, field_ids: Iterable[str]) -> FormRoute:
    """A form file's ``[route]`` table; ``RouteConfigError`` names what is wrong."""
    if raw is None:
        return FormRoute()
    if not isinstance(raw, dict):
        raise RouteConfigError("[route] moet een tabel zijn")
    unknown = set(raw) - {"vereist", "adviezen"}
    if unknown:
        raise RouteConfigError(f"[route] kent geen {', '.join(sorted(unknown))}")
    vereist = raw.get("vereist", False)
    if not isinstance(vereist, bool):
        raise RouteConfigError("[route] vereist moet true of false zijn")
    ids = set(field_ids)
    rules = []
    for r in raw.get("adviezen", []):
        if not isinstance(r, dict) or not isinstance(r.get("adviseur"), str) or not r["adviseur"]:
            raise RouteConfigError("[[route.adviezen]] heeft een 'adviseur' nodig")
        if r.get("veld") not in ids:
            raise RouteConfigError(f"[[route.adviezen]] {r['adviseur']}: onbekend veld '{r.get('veld')}'")
        als = r.get("als", "gevuld")
        if als not in CONDITIONS:
            raise RouteConfigError(f"[[route.adviezen]] {r['adviseur']}: 'als' is {', '.join(CONDITIONS)}")
        if als == "gelijk" and not isinstance(r.get("waarde"), str):
            raise RouteConfigError(f"[[route.adviezen]] {r['adviseur']}: 'gelijk' heeft een 'waarde' nodig")
        rules.append(AdviceRule(r["adviseur"], r["veld"], als, str(r.get("waarde", ""))))
    return FormRoute(vereist, tuple(rules))
