"""The paraaf route of a stuk: who must paraferen and advise, by when, and what is valid.

Pure: no Qt, no SQL, no files. The configuration (``desktop.domain.route_config``: the
site's routes per directie, advising departments, listed keys, deputies and holidays, and
the form's advice rules) is re-exported here. Decisions arrive with their signature
already verified (``desktop.queue.route_share``); this module decides whether a
verified decision *counts*: a listed key for that role, signed over this exact
content, in the configured order. Format: ``docs/forms.md`` ("Parafen en adviezen").
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from desktop.domain.dates import format_date
from desktop.domain.findings import Finding, Severity
from desktop.domain.route_config import (
    ADVICE_VERDICTS,
    ADVIES,
    ADVISEUR,
    CONDITIONS,
    DEFAULT_ADVICE_DAYS,
    DEFAULT_PARAAF_DAYS,
    NOT_AGREED,
    PARAAF,
    PARAAF_ROLES,
    PARAAF_VERDICTS,
    AdviceRule,
    FormRoute,
    RouteConfig,
    RouteConfigError,
    Signer,
    add_working_days,
    key_id,
    names_amount,
    parse_form_route,
    route_config,
)

# Step states (the route's own words; the stuk's states live in the workflow model).
OPEN = "open"
DONE = "gedaan"
REFUSED = "niet akkoord"
WAITS = "wacht op eerdere paraaf"
REMARK_RULE = "route-opmerking"
# Clocks of different computers differ a little: a claimed moment this far outside its
# window is still believed to lie inside it (the mandate check itself is by whole days).
CLOCK_SKEW = timedelta(minutes=10)


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


@dataclass(frozen=True, slots=True)
class Window:
    """When a decision can have been signed, from clocks the verifier trusts (not the signer's).

    ``earliest``: the time of the request it answers (signed by the steller); ``latest``: when
    this verifier first saw the decision (the steller's computer), or when the submission that
    carries it arrived (the secretariat). ``None`` when not known.
    """

    earliest: datetime | None = None
    latest: datetime | None = None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _day(moment: datetime) -> date:
    return _aware(moment).astimezone().date()


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
            "namens": self.signer.vervangt if self.signer else "",
            "periode": self.signer.periode if self.signer else "",
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


def authorize(config: RouteConfig, decision: Decision, step: Step, window: Window | None = None) -> tuple[Signer | None, str]:
    """The listed signer a decision's key counts as for ``step``, or a Dutch reason why not.

    A signer listed for a period (a plaatsvervanger's mandaat, ``van``/``tot``) counts only
    when the moment the decision claims lies in ``window`` and the period covers the whole
    window: the signer's own clock is not believed, so a mandate that has ended cannot be
    used by backdating.
    """
    role = step.wie if step.soort == PARAAF else ADVISEUR
    for s in config.signers_for(decision.sleutel):
        if s.rol == role and config.same_unit(s.eenheid, step.eenheid):
            why = period_problem(s, decision, window) if s.van is not None or s.tot is not None else ""
            return (None, why) if why else (s, "")
    return None, f"de sleutel van '{decision.naam}' staat niet op de lijst voor {step.label}"


def period_problem(signer: Signer, decision: Decision, window: Window | None) -> str:
    """Dutch: why a period-bound signer's decision does not count, or "" when it does."""
    claimed = _aware(decision.getekend)
    day = _day(claimed)
    if not signer.valid_on(day):
        return f"{signer.naam} had op {format_date(day)} geen mandaat ({signer.mandaat})"
    if window is None or window.earliest is None or window.latest is None:
        return (f"{signer.naam}: niet vast te stellen wanneer er getekend is (geen tijdstip van het verzoek of van "
                f"ontvangst), dus telt het mandaat niet ({signer.mandaat})")
    earliest, latest = _aware(window.earliest), _aware(window.latest)
    if claimed < earliest - CLOCK_SKEW:
        return (f"{signer.naam}: getekend op {format_date(day)}, vóór het verzoek van {format_date(_day(earliest))}; "
                "dat kan niet")
    if claimed > latest + CLOCK_SKEW:
        return (f"{signer.naam}: getekend op {format_date(day)}, na de ontvangst op {format_date(_day(latest))}; "
                "dat kan niet")
    if not (signer.valid_on(_day(earliest)) and signer.valid_on(_day(latest))):
        return (f"{signer.naam}: getekend tussen het verzoek ({format_date(_day(earliest))}) en de ontvangst "
                f"({format_date(_day(latest))}), maar het mandaat dekt die hele periode niet ({signer.mandaat})")
    return ""


def evaluate(
    steps: Sequence[Step],
    decisions: Iterable[Decision],
    digest: str,
    config: RouteConfig,
    requested: Mapping[str, date] | None = None,
    today: date | None = None,
    windows: Mapping[str, Window] | None = None,
) -> list[StepStatus]:
    """Which steps are done for content ``digest``: the newest counting decision per step.

    ``windows`` (by decision id) bounds when each decision can have been signed, from the
    verifier's own records (``Window``); a signer listed for a period needs one.
    """
    requested = requested or {}
    windows = windows or {}
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
            signer, why = authorize(config, d, step, windows.get(d.id))
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


def signed_by(st: StepStatus) -> str:
    """Who signed a done step: "T. Leider", or "P. Vervanger namens D. Recteur, plaatsvervanger ..."."""
    if st.decision is None:
        return ""
    if st.signer is None or not st.signer.mandaat:
        return st.decision.naam
    return f"{st.decision.naam} namens {st.signer.vervangt}, {st.signer.mandaat}"


def summary(statuses: Sequence[StepStatus]) -> list[str]:
    """One Dutch line per done step, for the inbox and the besluitenlijst."""
    lines = []
    for st in statuses:
        if st.decision is None:
            continue
        who = signed_by(st)
        if st.step.soort == PARAAF:
            lines.append(f"geparafeerd door {who} ({st.step.wie}): {st.decision.oordeel}")
        else:
            lines.append(f"advies {st.step.wie}: {st.decision.oordeel} ({who})")
    return lines


def remark_findings(remarks: Iterable[Mapping[str, Any]], values: Mapping[str, Any]) -> list[Finding]:
    """A parafeerder's or adviser's remarks as findings at their text, also after a change.

    A remark is anchored by its span and the text it quoted: where the span still holds that
    text it stays, else the quote is looked up again in the field (the remark carries over to
    the new round), else the remark stays on the field without a span.
    """
    out = []
    for r in remarks:
        field_id = str(r.get("veld", ""))
        text = values.get(field_id)
        text = text if isinstance(text, str) else ""
        quote = str(r.get("citaat", ""))
        begin, end = r.get("begin"), r.get("eind")
        span: tuple[int, int] | None = None
        if isinstance(begin, int) and isinstance(end, int) and quote and text[begin:end] == quote:
            span = (begin, end)
        elif quote and (at := text.find(quote)) >= 0:
            span = (at, at + len(quote))
        who = f"{r.get('naam', '')} ({r.get('stap', '')})" if r.get("stap") else str(r.get("naam", ""))
        out.append(Finding(field_id, Severity.WARNING, f"Opmerking van {who}: {r.get('tekst', '')}", span,
                           rule=REMARK_RULE))
    return out

__all__ = [
    "ADVICE_VERDICTS",
    "ADVIES",
    "ADVISEUR",
    "AdviceRule",
    "CONDITIONS",
    "DEFAULT_ADVICE_DAYS",
    "DEFAULT_PARAAF_DAYS",
    "DONE",
    "Decision",
    "FormRoute",
    "NOT_AGREED",
    "OPEN",
    "PARAAF",
    "PARAAF_ROLES",
    "PARAAF_VERDICTS",
    "REFUSED",
    "REMARK_RULE",
    "RouteConfig",
    "RouteConfigError",
    "Signer",
    "Step",
    "StepStatus",
    "WAITS",
    "Window",
    "add_working_days",
    "authorize",
    "canonical",
    "content_hash",
    "evaluate",
    "gate_reason",
    "key_id",
    "names_amount",
    "parse_form_route",
    "period_problem",
    "required_steps",
    "remark_findings",
    "signed_by",
    "route_config",
    "summary",
]
