"""Deciding on a route request (paraaf or advice), and checking a submission's carried route.

``decide`` reads the request from the share, checks that its content matches the hash
the steller signed, finds the role the decider's key is listed for, and stages a
decision signed over that hash (delivered at once, or later from the outbox).
``verify_carried`` is the secretariat's check of the decisions a submission carries.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.domain import route as R
from desktop.domain.draft import Draft, DraftError
from desktop.queue.keys import load_identity
from desktop.queue.route_inbox import draft_and_digest, my_names
from desktop.queue.route_local import RouteStore
from desktop.queue.route_rounds import decided_info, moment
from desktop.queue.route_rules import closed_reason, config_of, digest_of, form_route
from desktop.queue.route_service import deliver_all
from desktop.queue.route_share import (
    DECISIONS,
    Request,
    RouteError,
    decision_doc,
    list_requests,
    load_route_key,
    own_key_id,
    read_request,
    to_decision,
)
from desktop.share import ShareError, connect


def find_request(formset: Any, queue_dir: Path, prefix: str, timeout: float = 20.0) -> Request:
    identity = load_identity()
    names = my_names(formset, identity)
    keys = [load_route_key(identity)]
    fs = connect(queue_dir)

    def work() -> Request:
        hits = [(n, rid) for n in names for rid in list_requests(fs, n) if rid.startswith(prefix)]
        if not hits:
            raise RouteError(f"Er is geen verzoek '{prefix}' voor u.", f"no request {prefix!r} for {names}")
        if len({rid for _, rid in hits}) > 1:
            raise RouteError(f"'{prefix}' past bij meer dan één verzoek; geef meer tekens.", str(hits))
        return read_request(fs, hits[0][0], hits[0][1], keys)

    try:
        return fs.run(work, timeout, "verzoek lezen")
    except ShareError as exc:
        raise RouteError(f"De gedeelde map is niet bereikbaar: {exc}", exc.detail) from exc


def parse_remark(text: str, draft: Draft) -> dict[str, Any]:
    """``veld:begin-eind:tekst`` (Python indices into the field's text) -> an anchored remark."""
    try:
        fid, span, body = text.split(":", 2)
        start_s, end_s = span.split("-", 1)
        start, end = int(start_s), int(end_s)
    except ValueError:
        raise RouteError(f"Opmerking '{text}': schrijf veld:begin-eind:tekst, bijvoorbeeld financien:0-12:Welk jaar?",
                         text) from None
    value = draft.values.get(fid)
    if not isinstance(value, str):
        raise RouteError(f"Opmerking bij onbekend of leeg tekstveld '{fid}'.", fid)
    if not 0 <= start < end <= len(value):
        raise RouteError(f"Opmerking bij '{fid}': de tekens {start}-{end} liggen buiten de tekst ({len(value)}).",
                         f"{start}-{end} outside 0-{len(value)}")
    return {"veld": fid, "begin": start, "eind": end, "citaat": value[start:end], "tekst": body.strip()}


def decide(
    request_prefix: str, soort: str, word: str, tekst: str, *, formset: Any, queue_dir: Path,
    remarks: list[str] | None = None, deliver: bool = True, timeout: float = 20.0, store: RouteStore | None = None,
) -> tuple[str, str, bool]:
    """Sign a paraaf or advice on a request; ``(decision id, Dutch summary, delivered now)``."""
    verdicts = R.PARAAF_VERDICTS if soort == R.PARAAF else R.ADVICE_VERDICTS
    if word not in verdicts:
        raise RouteError(f"Kies {', '.join(verdicts)}.", word)
    oordeel = verdicts[word]
    if (soort == R.ADVIES or oordeel == R.NOT_AGREED) and not tekst.strip():
        raise RouteError("Geef een toelichting met --tekst." if soort == R.ADVIES else
                         "Geef bij niet akkoord de reden met --tekst.", "empty text")
    identity = load_identity()
    config = config_of(formset)
    req = find_request(formset, queue_dir, request_prefix, timeout)
    draft, _ = draft_and_digest(req)
    wanted = {str(s) for s in req.meta.get("stappen", [])}
    directie = draft.get_text("directie")
    today = date.today()
    signer = None
    for s in config.signers_for(own_key_id(identity)):
        if soort == R.PARAAF and s.rol in R.PARAAF_ROLES and config.same_unit(s.eenheid, directie):
            step, eenheid = s.rol, directie
        elif soort == R.ADVIES and s.rol == R.ADVISEUR:
            step, eenheid = s.eenheid, s.eenheid
        else:
            continue
        if f"{soort}:{step}" in wanted and s.valid_on(today):
            signer = s
            break
    if signer is None:
        what = "te paraferen" if soort == R.PARAAF else "te adviseren"
        raise RouteError(f"U staat vandaag niet op de lijst om dit stuk {what} ({', '.join(sorted(wanted))}).",
                         f"key {own_key_id(identity)} not listed for {wanted}")
    anchored = [parse_remark(r, draft) for r in remarks or []]
    decision_id = str(uuid.uuid4())
    doc = decision_doc(identity, decision_id=decision_id, request=req, soort=soort, wie=step, eenheid=eenheid,
                       oordeel=oordeel, tekst=tekst.strip(), opmerkingen=anchored, naam=signer.naam,
                       mandaat=signer.mandaat)
    store = store or RouteStore()
    steller_key = req.meta.get("steller_sleutel")
    order = {"id": decision_id, "kind": "besluit", "folder": f"{DECISIONS}/{req.id}",
             "queue_dir": str(Path(queue_dir).absolute()),
             "confidential": req.meta.get("classificatie") in ("Vertrouwelijk", "Geheim"),
             "x25519": [steller_key] if isinstance(steller_key, dict) else []}
    store.stage(decision_id, order, {"besluit.json": json.dumps(doc, ensure_ascii=False).encode("utf-8")})
    store.add_decided(req.id, decision_id, **decided_info(req))
    delivered = False
    if deliver:
        done, _ = deliver_all(identity, store, timeout, signer.naam)
        delivered = decision_id in done
    label = f"paraaf {step}" if soort == R.PARAAF else f"advies {step}"
    return decision_id, f"{label}: {oordeel} ({signer.naam}{', ' + signer.mandaat if signer.mandaat else ''})", delivered


def verify_carried(meta: dict[str, Any], formset: Any, arrived: datetime | None = None) -> dict[str, Any]:
    """The secretariat's check of a submission's route: every decision verified again here.

    A decision cannot be older than the request it answers (``route_verzoeken`` in the
    submission, signed by the steller) nor later than ``arrived``, when the secretariat's
    application first saw the submission: a plaatsvervanger's mandate must cover that window.
    """
    docs = meta.get("route") or []
    try:
        d = Draft.from_json(meta.get("draft"))
    except DraftError:
        return {"compleet": False, "regels": [], "problemen": ["Het concept is onleesbaar."], "vereist": False}
    hashes = [str(b.get("sha256", "")) for b in meta.get("bijlagen", []) if isinstance(b, dict)]
    problems: list[str] = []
    try:
        digest = digest_of(d, hashes)
    except ValueError:
        digest, problems = "", ["De bijlagen hebben geen geldige vingerafdruk."]
    decisions = []
    asked = meta.get("route_verzoeken")
    asked = asked if isinstance(asked, dict) else {}
    windows: dict[str, R.Window] = {}
    for doc in docs if isinstance(docs, list) else []:
        dec = to_decision(doc)
        if dec is None:
            problems.append("Een meegestuurde paraaf of advies is vervalst of beschadigd.")
        else:
            decisions.append(dec)
            windows[dec.id] = R.Window(moment(asked.get(dec.verzoek)), arrived)
    config = config_of(formset)
    statuses = R.evaluate(R.required_steps(d.form, d.values, form_route(formset, d.form), config), decisions,
                          digest, config, windows=windows)
    for st in statuses:
        problems.extend(st.rejected)
    closed = closed_reason(formset, d.form)  # the site folder out of reach and never read here
    if closed:
        problems.insert(0, closed)
    return {"compleet": not closed and not R.gate_reason(statuses), "regels": R.summary(statuses),
            "problemen": problems, "vereist": bool(closed) or form_route(formset, d.form).vereist and config.aan,
            "stappen": [s.to_json() for s in statuses]}
