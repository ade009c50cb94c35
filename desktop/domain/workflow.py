"""The workflow model: the states of a stuk, of a meeting, and the decision outcomes.

This is the one home of these words. Every other module takes them from here; only the
migrations (frozen history) and ``from_protocol_v1`` (the on-share words of protocol
version 1, which existing shares keep using) spell them. ``tests/domain/test_workflow.py``
scans ``desktop/`` and fails when another module spells a state as a bare string.

A stuk: concept -> (ter parafering, ter advisering) -> gereed voor indiening -> in de uitbak
(local, waiting for the share) -> ingediend (in the queue) -> aanvaard (numbered by the
secretariat) -> geagendeerd -> besloten -> teruggekoppeld; aside: teruggestuurd, aangehouden
(back to aanvaard for a later meeting), ingetrokken (by the steller), vervangen (by a newer
version of the same draft). Each transition names who may cause it.

Pure Python: no Qt, no SQL, no files.
"""

from __future__ import annotations

from typing import Any, Final, NamedTuple

# -- who causes a transition ------------------------------------------------------------------
STELLER: Final = "steller"
SECRETARIAAT: Final = "secretariaat"
PARAFEERDER: Final = "parafeerder"
ADVISEUR: Final = "adviseur"
ACTORS: Final = (STELLER, SECRETARIAAT, PARAFEERDER, ADVISEUR)

# -- the states of a stuk (the stored words) --------------------------------------------------
CONCEPT: Final = "concept"
TER_PARAFERING: Final = "ter parafering"
TER_ADVISERING: Final = "ter advisering"
GEREED: Final = "gereed voor indiening"
# Stored as "wacht op verbinding": what the outbox has always called it (records, scripts).
IN_DE_UITBAK: Final = "wacht op verbinding"
INGEDIEND: Final = "ingediend"
AANVAARD: Final = "aanvaard"
TERUGGESTUURD: Final = "teruggestuurd"
GEAGENDEERD: Final = "geagendeerd"
AANGEHOUDEN: Final = "aangehouden"
BESLOTEN: Final = "besloten"
TERUGGEKOPPELD: Final = "teruggekoppeld"
INGETROKKEN: Final = "ingetrokken"
VERVANGEN: Final = "vervangen"


class StateInfo(NamedTuple):
    # A NamedTuple, not a dataclass: the window imports this module before first paint,
    # and dataclasses is not loaded yet then (benchmark startup_first_paint).
    word: str  # stored in the databases and printed by `status --json`
    label: str  # Dutch, for the UI
    explanation: str  # Dutch, one line, for a tooltip or the help


_INFO = (
    StateInfo(CONCEPT, "Concept", "Het stuk wordt nog geschreven; alleen de steller ziet het."),
    StateInfo(TER_PARAFERING, "Ter parafering", "Teamleider of directeur leest het stuk en zet er een paraaf op."),
    StateInfo(TER_ADVISERING, "Ter advisering", "Een vakafdeling (Financiën, Juridische Zaken, Communicatie) geeft advies."),
    StateInfo(GEREED, "Gereed voor indiening", "Parafen en adviezen zijn binnen; het stuk kan worden ingediend."),
    StateInfo(IN_DE_UITBAK, "In de uitbak", "Het stuk is ingediend maar wacht op verbinding met de gedeelde map."),
    StateInfo(INGEDIEND, "Ingediend", "Het stuk staat in de wachtrij van het secretariaat."),
    StateInfo(AANVAARD, "Aanvaard", "Het secretariaat heeft het stuk aanvaard en een registratienummer gegeven."),
    StateInfo(TERUGGESTUURD, "Teruggestuurd", "Het secretariaat heeft het stuk met een reden teruggestuurd."),
    StateInfo(GEAGENDEERD, "Geagendeerd", "Het stuk staat op de agenda van een collegevergadering."),
    StateInfo(AANGEHOUDEN, "Aangehouden", "Het college heeft het besluit uitgesteld; het stuk komt terug."),
    StateInfo(BESLOTEN, "Besloten", "Het college heeft over het stuk besloten."),
    StateInfo(TERUGGEKOPPELD, "Teruggekoppeld", "Het besluit is gepubliceerd en aan alle betrokkenen teruggekoppeld."),
    StateInfo(INGETROKKEN, "Ingetrokken", "De steller heeft het stuk ingetrokken."),
    StateInfo(VERVANGEN, "Vervangen", "Een nieuwere versie van hetzelfde stuk vervangt deze inzending."),
)
INFO: Final = {i.word: i for i in _INFO}
STATES: Final = tuple(i.word for i in _INFO)
# No further transition leaves these.
FINAL: Final = frozenset({TERUGGEKOPPELD, INGETROKKEN, VERVANGEN})
# Once on an agenda a stuk can no longer be withdrawn by its steller, nor replaced.
PLACED: Final = frozenset({GEAGENDEERD, AANGEHOUDEN, BESLOTEN, TERUGGEKOPPELD})
# A submission that left the steller's hands and is not finished: its status is read back.
OPEN_SUBMITTED: Final = frozenset({INGEDIEND, AANVAARD, TERUGGESTUURD, GEAGENDEERD, AANGEHOUDEN, BESLOTEN})
# The paraaf route governs the content: before submission, and again once sent back. Later, what
# counts is the route the secretariat verified at acceptance (filling in the registratienummer
# changes the draft but not what was signed).
ROUTE_OPEN: Final = frozenset({CONCEPT, TER_PARAFERING, TER_ADVISERING, GEREED, TERUGGESTUURD})

# (from, to) -> who may cause it
TRANSITIONS: Final[dict[tuple[str, str], frozenset[str]]] = {
    (CONCEPT, TER_PARAFERING): frozenset({STELLER}),
    (CONCEPT, TER_ADVISERING): frozenset({STELLER}),
    (CONCEPT, GEREED): frozenset({STELLER}),
    (CONCEPT, IN_DE_UITBAK): frozenset({STELLER}),
    # The paraaf route (desktop.domain.route): the steller sends each request, and the
    # steller's application records what the signed decisions say (complete: gereed).
    (TER_PARAFERING, CONCEPT): frozenset({PARAFEERDER, STELLER}),
    (TER_PARAFERING, TER_ADVISERING): frozenset({PARAFEERDER, STELLER}),
    (TER_PARAFERING, GEREED): frozenset({PARAFEERDER, STELLER}),
    (TER_ADVISERING, CONCEPT): frozenset({ADVISEUR, STELLER}),
    (TER_ADVISERING, TER_PARAFERING): frozenset({ADVISEUR, STELLER}),
    (TER_ADVISERING, GEREED): frozenset({ADVISEUR, STELLER}),
    (GEREED, TER_PARAFERING): frozenset({STELLER}),  # changed after the parafen: a new round
    (GEREED, TER_ADVISERING): frozenset({STELLER}),
    (GEREED, CONCEPT): frozenset({STELLER}),
    (GEREED, IN_DE_UITBAK): frozenset({STELLER}),
    (IN_DE_UITBAK, INGEDIEND): frozenset({STELLER}),  # delivered by the steller's application
    (IN_DE_UITBAK, INGETROKKEN): frozenset({STELLER}),
    (IN_DE_UITBAK, VERVANGEN): frozenset({STELLER}),
    (INGEDIEND, AANVAARD): frozenset({SECRETARIAAT}),
    (INGEDIEND, TERUGGESTUURD): frozenset({SECRETARIAAT}),
    (INGEDIEND, INGETROKKEN): frozenset({STELLER}),
    (INGEDIEND, VERVANGEN): frozenset({STELLER, SECRETARIAAT}),
    (AANVAARD, GEAGENDEERD): frozenset({SECRETARIAAT}),
    (AANVAARD, TERUGGESTUURD): frozenset({SECRETARIAAT}),
    (AANVAARD, INGETROKKEN): frozenset({STELLER}),
    (AANVAARD, VERVANGEN): frozenset({STELLER, SECRETARIAAT}),
    (TERUGGESTUURD, INGETROKKEN): frozenset({STELLER}),
    (TERUGGESTUURD, VERVANGEN): frozenset({STELLER, SECRETARIAAT}),
    (GEAGENDEERD, AANVAARD): frozenset({SECRETARIAAT}),  # taken off the agenda
    (GEAGENDEERD, AANGEHOUDEN): frozenset({SECRETARIAAT}),
    (GEAGENDEERD, BESLOTEN): frozenset({SECRETARIAAT}),
    (AANGEHOUDEN, GEAGENDEERD): frozenset({SECRETARIAAT}),
    (BESLOTEN, TERUGGEKOPPELD): frozenset({SECRETARIAAT}),
}


def label(state: str) -> str:
    """The Dutch label of a state (an unknown word is shown as it is)."""
    info = INFO.get(state)
    return info.label if info else state


def explanation(state: str) -> str:
    info = INFO.get(state)
    return info.explanation if info else ""


def allowed(old: str, new: str, actor: str) -> bool:
    """May ``actor`` move a stuk from ``old`` to ``new``?"""
    return actor in TRANSITIONS.get((old, new), frozenset())


def next_states(state: str, actor: str | None = None) -> list[str]:
    return [b for (a, b), who in TRANSITIONS.items() if a == state and (actor is None or actor in who)]


# -- protocol version 1: the words in the share's status files --------------------------------
# The secretariat writes ``ingediend`` when it accepts a stuk (with its registratienummer)
# and when it takes a stuk off the agenda again: on the share it means "accepted".
PROTOCOL_V1_WORDS: Final = (
    "ingediend", "teruggestuurd", "ingetrokken", "geagendeerd", "besloten", "teruggekoppeld", "vervangen",
)
_FROM_V1: Final = {
    "ingediend": AANVAARD,
    "teruggestuurd": TERUGGESTUURD,
    "ingetrokken": INGETROKKEN,
    "geagendeerd": GEAGENDEERD,
    "besloten": BESLOTEN,
    "teruggekoppeld": TERUGGEKOPPELD,
    # Added in version 1 without a new version number: older applications ignore a
    # status file with a word they do not know, so the last state they knew stands.
    "vervangen": VERVANGEN,
}
_TO_V1: Final = {
    **{model: word for word, model in _FROM_V1.items()},
    INGEDIEND: "ingediend",
    AANGEHOUDEN: "besloten",  # with outcome aangehouden
    IN_DE_UITBAK: "wacht op verbinding",
}


def from_protocol_v1(word: Any, doc: dict[str, Any] | None = None) -> str | None:
    """The model state of an on-share status word of protocol version 1, or None (unknown).

    A ``besloten`` whose outcome is ``aangehouden`` is the model's AANGEHOUDEN.
    """
    state = _FROM_V1.get(word) if isinstance(word, str) else None
    if state == BESLOTEN and doc is not None and doc.get("outcome") == "aangehouden":
        return AANGEHOUDEN
    return state


def to_protocol_v1(state: str) -> str:
    """The protocol-1 word for a model state: what the share and `status --json` say."""
    return _TO_V1.get(state, state)


# -- a meeting ----------------------------------------------------------------------------------
MEETING_CONCEPT: Final = CONCEPT
MEETING_VASTGESTELD: Final = "vastgesteld"
MEETING_BESLOTEN: Final = BESLOTEN
MEETING_GEPUBLICEERD: Final = "gepubliceerd"
MEETING_STATES: Final = (MEETING_CONCEPT, MEETING_VASTGESTELD, MEETING_BESLOTEN, MEETING_GEPUBLICEERD)
MEETING_LABELS: Final = {
    MEETING_CONCEPT: "Concept", MEETING_VASTGESTELD: "Vastgesteld", MEETING_BESLOTEN: "Besloten",
    MEETING_GEPUBLICEERD: "Gepubliceerd",
}
# The agenda can still take (na-agenda) items.
MEETING_OPEN: Final = (MEETING_CONCEPT, MEETING_VASTGESTELD)

# -- decision outcomes --------------------------------------------------------------------------
CONFORM: Final = "conform"
GEWIJZIGD: Final = "gewijzigd"
# AANGEHOUDEN (above) is both an outcome and the state it leads to.
TERUGGETROKKEN: Final = "teruggetrokken"
AFGEWEZEN: Final = "afgewezen"
OUTCOMES: Final = (CONFORM, GEWIJZIGD, AANGEHOUDEN, TERUGGETROKKEN, AFGEWEZEN)
OUTCOME_LABELS: Final = {
    CONFORM: "Conform", GEWIJZIGD: "Gewijzigd", AANGEHOUDEN: "Aangehouden",
    TERUGGETROKKEN: "Teruggetrokken", AFGEWEZEN: "Afgewezen",
}

# Every word above: the scan test looks for these outside this module.
ALL_WORDS: Final = frozenset(STATES) | frozenset(MEETING_STATES) | frozenset(OUTCOMES)
