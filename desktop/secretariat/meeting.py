"""A college meeting and its agenda, as plain data with pure operations (no files, no Qt).

States: concept -> vastgesteld -> besloten -> gepubliceerd. Items are hamerstuk or
bespreekstuk; the automatic order puts the hamerstukken first, then the bespreekstukken,
each by portefeuillehouder in the configured order. Numbers follow the position.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desktop.domain import route_record
from desktop.domain import workflow as wf
from desktop.domain.besluit import roman
from desktop.secretariat.errors import SecretariatError

# Of the meeting record; a newer one is refused rather than saved without its news. Format 2
# adds each item's verified route; a meeting without one is still written as format 1, so an
# older installation keeps reading it (and one with routes cannot be saved without them).
FORMAT = 2
STATES = wf.MEETING_STATES
KINDS = ("hamerstuk", "bespreekstuk")
OUTCOMES = wf.OUTCOMES
CONFIDENTIAL = ("Vertrouwelijk", "Geheim")


@dataclass(slots=True)
class Decision:
    uitkomst: str
    tekst: str
    gewijzigde_tekst: str = ""
    door: str = ""
    op: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "uitkomst": self.uitkomst,
            "tekst": self.tekst,
            "gewijzigde_tekst": self.gewijzigde_tekst,
            "door": self.door,
            "op": self.op,
        }

    @staticmethod
    def from_json(data: dict[str, Any]) -> Decision:
        return Decision(**{k: str(data.get(k, "")) for k in ("uitkomst", "tekst", "gewijzigde_tekst", "door", "op")})


@dataclass(slots=True)
class AgendaItem:
    inzending: str  # the submission id; unique on one agenda
    registratienummer: str
    onderwerp: str
    portefeuillehouder: str
    directie: str
    steller: str
    soort_stuk: str = "a4tje"  # the form id
    classificatie: str = "Openbaar"
    naar_raad: bool = False
    besluit: list[str] = field(default_factory=list)
    behandeling: str = "hamerstuk"
    na_agenda: bool = False
    aangehouden_van: str = ""
    besluit_uitkomst: Decision | None = None
    # The parafen and adviezen as verified at acceptance (``desktop.domain.route_record``).
    route: dict[str, Any] | None = None

    @property
    def vertrouwelijk(self) -> bool:
        return self.classificatie in CONFIDENTIAL

    @property
    def route_lines(self) -> list[str]:
        """"Geparafeerd door: …", "Advies Financiën: positief (…)"; empty without a route."""
        return route_record.lines(self.route)

    def to_json(self) -> dict[str, Any]:
        return {
            "inzending": self.inzending,
            "registratienummer": self.registratienummer,
            "onderwerp": self.onderwerp,
            "portefeuillehouder": self.portefeuillehouder,
            "directie": self.directie,
            "steller": self.steller,
            "soort_stuk": self.soort_stuk,
            "classificatie": self.classificatie,
            "naar_raad": self.naar_raad,
            "besluit": list(self.besluit),
            "behandeling": self.behandeling,
            "na_agenda": self.na_agenda,
            "aangehouden_van": self.aangehouden_van,
            "beslissing": self.besluit_uitkomst.to_json() if self.besluit_uitkomst else None,
            **({"route": self.route} if self.route else {}),  # only when there is one: see FORMAT
        }

    @staticmethod
    def from_json(data: dict[str, Any]) -> AgendaItem:
        decision = data.get("beslissing")
        return AgendaItem(
            inzending=str(data["inzending"]),
            registratienummer=str(data.get("registratienummer", "")),
            onderwerp=str(data.get("onderwerp", "")),
            portefeuillehouder=str(data.get("portefeuillehouder", "")),
            directie=str(data.get("directie", "")),
            steller=str(data.get("steller", "")),
            soort_stuk=str(data.get("soort_stuk", "a4tje")),
            classificatie=str(data.get("classificatie", "Openbaar")),
            naar_raad=bool(data.get("naar_raad", False)),
            besluit=[str(p) for p in data.get("besluit", []) if isinstance(p, str)],
            behandeling=str(data.get("behandeling", "hamerstuk")),
            na_agenda=bool(data.get("na_agenda", False)),
            aangehouden_van=str(data.get("aangehouden_van", "")),
            besluit_uitkomst=Decision.from_json(decision) if isinstance(decision, dict) else None,
            route=route_record.cleaned(data.get("route")),
        )


@dataclass(slots=True)
class Meeting:
    datum: date
    sluiting: datetime  # the cut-off: later arrivals are te laat
    status: str = wf.MEETING_CONCEPT
    items: list[AgendaItem] = field(default_factory=list)
    version: int = 0  # the share version this copy was read from (0: not saved yet)

    @property
    def key(self) -> str:
        return self.datum.isoformat()

    def item(self, submission_id: str) -> AgendaItem:
        for it in self.items:
            if it.inzending == submission_id or it.registratienummer == submission_id:
                return it
        raise SecretariatError(
            f"Stuk '{submission_id}' staat niet op de agenda van {self.datum:%d-%m-%Y}.",
            f"no item {submission_id!r} in meeting {self.key}",
        )

    def numbered(self) -> list[tuple[int, AgendaItem]]:
        return [(i + 1, it) for i, it in enumerate(self.items)]

    def to_json(self) -> dict[str, Any]:
        return {
            "formaat": FORMAT if any(it.route for it in self.items) else 1,
            "datum": self.key,
            "sluiting": self.sluiting.isoformat(timespec="minutes"),
            "status": self.status,
            "agenda": [it.to_json() for it in self.items],
        }

    @staticmethod
    def from_json(data: dict[str, Any], version: int = 0) -> Meeting:
        fmt = data.get("formaat", 1)
        if not isinstance(fmt, int) or fmt > FORMAT:
            raise SecretariatError(
                "Deze vergadering is opgeslagen door een nieuwere versie van Stukken; werk de toepassing "
                "bij voordat u haar wijzigt (anders gaat informatie verloren).",
                f"meeting format {fmt!r} > {FORMAT}",
            )
        try:
            status = str(data["status"])
            if status not in STATES:
                raise ValueError(f"unknown state {status!r}")
            return Meeting(
                datum=date.fromisoformat(str(data["datum"])),
                sluiting=datetime.fromisoformat(str(data["sluiting"])),
                status=status,
                items=[AgendaItem.from_json(d) for d in data.get("agenda", [])],
                version=version,
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise SecretariatError(
                "Het vergaderbestand is beschadigd of van een onbekende versie.",
                f"meeting record invalid: {type(exc).__name__}: {exc}",
            ) from exc


def _require(meeting: Meeting, states: tuple[str, ...], action: str) -> None:
    if meeting.status not in states:
        raise SecretariatError(
            f"Kan niet {action}: de vergadering van {meeting.datum:%d-%m-%Y} is {meeting.status}.",
            f"{action} needs state in {states}, is {meeting.status}",
        )


def order_key(item: AgendaItem, port_order: Callable[[str], int]) -> tuple[int, int, int]:
    return (1 if item.na_agenda else 0, KINDS.index(item.behandeling), port_order(item.portefeuillehouder))


def auto_order(meeting: Meeting, port_order: Callable[[str], int]) -> None:
    """Hamerstukken first, then bespreekstukken, each by portefeuillehouder; na-agenda last."""
    _require(meeting, wf.MEETING_OPEN, "de volgorde wijzigen")
    meeting.items.sort(key=lambda it: order_key(it, port_order))  # stable: ties keep their order


def place(meeting: Meeting, item: AgendaItem, port_order: Callable[[str], int]) -> None:
    """Put an item at its automatic position; after vastgesteld it becomes na-agenda."""
    _require(meeting, wf.MEETING_OPEN, "een stuk agenderen")
    if item.behandeling not in KINDS:
        raise SecretariatError(
            f"Kies hamerstuk of bespreekstuk, niet '{item.behandeling}'.", f"bad kind {item.behandeling!r}"
        )
    if any(it.inzending == item.inzending for it in meeting.items):
        raise SecretariatError(
            f"'{item.onderwerp}' staat al op deze agenda.", f"duplicate item {item.inzending}"
        )
    item.na_agenda = meeting.status == wf.MEETING_VASTGESTELD
    key = order_key(item, port_order)
    pos = len(meeting.items)
    for i, other in enumerate(meeting.items):
        if order_key(other, port_order) > key:
            pos = i
            break
    meeting.items.insert(pos, item)


def move(meeting: Meeting, submission_id: str, new_number: int) -> None:
    """Manual reorder: the item gets agenda number ``new_number`` (1-based)."""
    _require(meeting, wf.MEETING_OPEN, "de volgorde wijzigen")
    item = meeting.item(submission_id)
    if not 1 <= new_number <= len(meeting.items):
        raise SecretariatError(
            f"Nummer {new_number} bestaat niet; de agenda heeft {len(meeting.items)} punten.",
            f"position {new_number} out of range",
        )
    meeting.items.remove(item)
    meeting.items.insert(new_number - 1, item)


def remove(meeting: Meeting, submission_id: str) -> AgendaItem:
    _require(meeting, (wf.MEETING_CONCEPT,), "een stuk van de agenda halen")
    item = meeting.item(submission_id)
    meeting.items.remove(item)
    return item


def set_kind(meeting: Meeting, submission_id: str, kind: str) -> None:
    _require(meeting, wf.MEETING_OPEN, "de behandeling wijzigen")
    if kind not in KINDS:
        raise SecretariatError(f"Kies hamerstuk of bespreekstuk, niet '{kind}'.", f"bad kind {kind!r}")
    meeting.item(submission_id).behandeling = kind


def freeze(meeting: Meeting) -> None:
    _require(meeting, (wf.MEETING_CONCEPT,), "de agenda vaststellen")
    if not meeting.items:
        raise SecretariatError("Een lege agenda kan niet worden vastgesteld.", "freeze of empty agenda")
    meeting.status = wf.MEETING_VASTGESTELD


def college_text(points: list[str]) -> str:
    """'Het college besluit: I. ...; II. ....' from besluit points."""
    clean = [p.strip() for p in points if p.strip()]
    if not clean:
        return "Het college besluit overeenkomstig het voorstel."
    return "Het college besluit: " + " ".join(f"{roman(i + 1)}. {p}" for i, p in enumerate(clean))


def default_decision_text(item: AgendaItem, outcome: str, changed: str = "") -> str:
    if outcome == wf.CONFORM:
        if item.soort_stuk == "raadsbrief":
            return "Het college besluit: I. de raadsbrief vast te stellen en aan de raad te zenden."
        return college_text(item.besluit)
    if outcome == wf.GEWIJZIGD:
        text = changed.strip()
        return text if text.lower().startswith("het college besluit") else f"Het college besluit: {text}"
    if outcome == wf.AANGEHOUDEN:
        return "Aangehouden; het stuk komt terug op een volgende vergadering."
    if outcome == wf.TERUGGETROKKEN:
        return "Teruggetrokken door de portefeuillehouder."
    return "Het college besluit het voorstel niet over te nemen."


def decide(
    meeting: Meeting, submission_id: str, outcome: str, actor: str, text: str = "", changed: str = ""
) -> Decision:
    """Record the outcome of one item; the meeting becomes besloten when every item has one."""
    _require(meeting, (wf.MEETING_VASTGESTELD, wf.MEETING_BESLOTEN), "een besluit vastleggen")
    if outcome not in OUTCOMES:
        raise SecretariatError(
            f"Onbekende uitkomst '{outcome}'; kies uit {', '.join(OUTCOMES)}.", f"bad outcome {outcome!r}"
        )
    if outcome == wf.GEWIJZIGD and not changed.strip():
        raise SecretariatError(
            "Bij 'gewijzigd' hoort de gewijzigde besluittekst.", "gewijzigd without changed text"
        )
    item = meeting.item(submission_id)
    decision = Decision(
        uitkomst=outcome,
        tekst=text.strip() or default_decision_text(item, outcome, changed),
        gewijzigde_tekst=changed.strip(),
        door=actor,
        op=datetime.now().astimezone().isoformat(timespec="seconds"),
    )
    item.besluit_uitkomst = decision
    if all(it.besluit_uitkomst for it in meeting.items):
        meeting.status = wf.MEETING_BESLOTEN
    return decision


def mark_published(meeting: Meeting) -> None:
    _require(meeting, (wf.MEETING_BESLOTEN,), "publiceren")
    meeting.status = wf.MEETING_GEPUBLICEERD
