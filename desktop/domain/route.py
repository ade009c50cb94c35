"""The paraaf route of a stuk: who must paraferen and advise, by when, and what is valid.

Pure: no Qt, no SQL, no files. The site configuration (``config.toml``) declares the
routes per directie, the advising departments, whose key counts for which role
(``[[routesleutels]]``, deputies with a period) and the public holidays; a form file
declares when an advice is required (``[route]``). Decisions arrive here with their
signature already verified (``desktop.queue.route``); this module decides whether a
verified decision *counts*: a listed key for that role, signed over this exact
content, in the configured order. Format: ``docs/forms.md`` ("Parafen en adviezen").
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
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

# Step states (the route's own words; the stuk's states live in the workflow model).
OPEN = "open"
DONE = "gedaan"
REFUSED = "niet akkoord"
WAITS = "wacht op eerdere paraaf"


class RouteConfigError(ValueError):
    """The route part of a configuration or form file is wrong; Dutch ``str()``."""


def key_id(text: str) -> str:
    """A key id as people copy it ("ab12:cd34 ...") normalized: lower-case hex, no separators."""
    return re.sub(r"[^0-9a-f]", "", text.lower())


# -- content binding --------------------------------------------------------------------------
def canonical(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def content_hash(form: str, form_version: int | None, values: Mapping[str, Any], attachment_sha256: Sequence[str]) -> str:
    """SHA-256 (hex) over the canonical JSON of form, form_version and values, followed by
    each attachment's SHA-256 (32 raw bytes, in the order of the draft's attachment list)."""
    h = hashlib.sha256(canonical({"form": form, "form_version": form_version, "values": dict(values)}))
    for digest in attachment_sha256:
        h.update(bytes.fromhex(digest))
    return h.hexdigest()


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
    def mandaat(self) -> str:
        if not self.vervangt:
            return ""
        period = f"{format_date(self.van) if self.van else '…'} t/m {format_date(self.tot) if self.tot else '…'}"
        return f"plaatsvervanger van {self.vervangt} (mandaat {period})"


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


# -- steps and decisions --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Step:
    soort: str  # paraaf | advies
    wie: str  # the role (teamleider, directeur) or the advising department
    eenheid: str  # the directie (paraaf) or the department (advies)
    termijn: int  # working days
    waarom: str = ""

    @property
    def key(self) -> str:
        return f"{self.soort}:{self.wie}"

    @property
    def label(self) -> str:
        return f"paraaf {self.wie}" if self.soort == PARAAF else f"advies {self.wie}"


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision whose signature has been verified (by ``desktop.queue.route``)."""

    id: str
    soort: str
    wie: str  # role or department, as the signer claims
    eenheid: str
    oordeel: str
    tekst: str
    content_hash: str
    sleutel: str  # the normalized key id of the verified signing key
    naam: str
    getekend: datetime
    verzoek: str = ""
    opmerkingen: tuple[Mapping[str, Any], ...] = ()


@dataclass(slots=True)
class StepStatus:
    step: Step
    state: str = OPEN
    decision: Decision | None = None
    signer: Signer | None = None
    due: date | None = None
    late: bool = False
    rejected: list[str] = field(default_factory=list)  # Dutch: why a decision does not count

    def to_json(self) -> dict[str, Any]:
        d = self.decision
        return {
            "stap": self.step.label, "soort": self.step.soort, "wie": self.step.wie, "status": self.state,
            "waarom": self.step.waarom,
            "termijn": format_date(self.due) if self.due else None, "te_laat": self.late,
            "door": d.naam if d else None, "oordeel": d.oordeel if d else None, "tekst": d.tekst if d else None,
            "getekend": d.getekend.isoformat(timespec="seconds") if d else None,
            "mandaat": self.signer.mandaat if self.signer else "",
            "opmerkingen": [dict(o) for o in d.opmerkingen] if d else [],
            "afgewezen": list(self.rejected),
        }


def required_steps(form: str, values: Mapping[str, Any], form_route: FormRoute, config: RouteConfig) -> list[Step]:
    """The steps this stuk needs, in order: the directie's parafen, then the required advices."""
    if not config.aan:
        return []
    directie = str(values.get("directie") or "")
    steps = [Step(PARAAF, role, directie, config.paraaf_days) for role in config.roles_for(directie)]
    for rule in form_route.adviezen:
        if rule.applies(values) and all(s.wie != rule.adviseur for s in steps):
            days = config.adviseurs.get(rule.adviseur, config.advice_days)
            steps.append(Step(ADVIES, rule.adviseur, rule.adviseur, days, rule.reason()))
    return steps


def authorize(config: RouteConfig, decision: Decision, step: Step) -> tuple[Signer | None, str]:
    """The listed signer a decision's key counts as for ``step``, or a Dutch reason why not."""
    role = step.wie if step.soort == PARAAF else ADVISEUR
    day = decision.getekend.date()
    for s in config.signers_for(decision.sleutel):
        if s.rol == role and config.same_unit(s.eenheid, step.eenheid):
            if s.valid_on(day):
                return s, ""
            return None, f"{s.naam} had op {format_date(day)} geen mandaat ({s.mandaat})"
    return None, f"de sleutel van '{decision.naam}' staat niet op de lijst voor {step.label}"


def evaluate(
    steps: Sequence[Step],
    decisions: Iterable[Decision],
    digest: str,
    config: RouteConfig,
    requested: Mapping[str, date] | None = None,
    today: date | None = None,
) -> list[StepStatus]:
    """Which steps are done for content ``digest``: the newest counting decision per step."""
    requested = requested or {}
    today = today or date.today()
    by_step: dict[str, list[Decision]] = {}
    for d in decisions:
        by_step.setdefault(f"{d.soort}:{d.wie}", []).append(d)
    out: list[StepStatus] = []
    previous_signed: datetime | None = None
    for step in steps:
        st = StepStatus(step)
        asked = requested.get(step.key)
        if asked is not None:
            st.due = add_working_days(asked, step.termijn, config.holidays)
        for d in sorted(by_step.get(step.key, []), key=lambda d: d.getekend):
            if d.content_hash != digest:
                st.rejected.append(f"{d.naam}: getekend voor een andere inhoud (het stuk is daarna gewijzigd)")
                continue
            signer, why = authorize(config, d, step)
            if signer is None:
                st.rejected.append(why)
                continue
            st.decision, st.signer = d, signer
        late_paraaf = step.soort == PARAAF and previous_signed is not None
        if st.decision is not None and late_paraaf and st.decision.getekend < previous_signed:  # type: ignore[operator]
            st.rejected.append(f"{st.decision.naam}: geparafeerd vóór de vorige paraaf")
            st.decision = st.signer = None
        if st.decision is not None:
            st.state = REFUSED if st.decision.oordeel == NOT_AGREED else DONE
        elif step.soort == PARAAF and out and any(o.step.soort == PARAAF and o.state != DONE for o in out):
            st.state = WAITS
        if step.soort == PARAAF:
            previous_signed = st.decision.getekend if st.decision else previous_signed
        st.late = st.state != DONE and st.due is not None and today > st.due
        out.append(st)
    return out


def gate_reason(statuses: Sequence[StepStatus]) -> str:
    """Empty when the route is complete; else the Dutch reason submission is refused."""
    missing = []
    for st in statuses:
        if st.state == REFUSED:
            missing.append(f"{st.step.label}: niet akkoord ({st.decision.tekst if st.decision else ''})")
        elif st.state != DONE:
            missing.append(f"{st.step.label} ontbreekt")
    if not missing:
        return ""
    return "Dit stuk heeft eerst een volledige route nodig: " + "; ".join(missing) + "."


def summary(statuses: Sequence[StepStatus]) -> list[str]:
    """One Dutch line per done step, for the inbox and the besluitenlijst."""
    lines = []
    for st in statuses:
        if st.decision is None:
            continue
        who = st.decision.naam + (f", {st.signer.mandaat}" if st.signer and st.signer.mandaat else "")
        if st.step.soort == PARAAF:
            lines.append(f"geparafeerd door {who} ({st.step.wie}): {st.decision.oordeel}")
        else:
            lines.append(f"advies {st.step.wie}: {st.decision.oordeel} ({who})")
    return lines
