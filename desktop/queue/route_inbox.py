"""The parafeerder's and adviseur's side of the route: what waits for them (``inbox``).

``my_names`` says as whom this person's route key may act; ``inbox`` lists the requests
addressed to those names (one bad request never stops the list), with their due dates;
``draft_and_digest`` reads a request's draft and checks it against the content hash the
steller signed. Deciding is ``route_decide``; the steller's side is ``route_service``.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.domain import route as R
from desktop.domain import workflow as wf
from desktop.domain.draft import Draft, DraftError
from desktop.queue.keys import Identity, fingerprint, load_identity, unb64
from desktop.queue.route_local import RouteStore
from desktop.queue.route_rounds import newest_rounds
from desktop.queue.route_rules import config_of, digest_of, require_on
from desktop.queue.route_service import ensure_published
from desktop.queue.route_share import (
    Request,
    RouteError,
    carried_remarks,
    list_requests,
    load_route_key,
    own_key_id,
    read_request,
)
from desktop.share import ShareError, ShareTimeout, connect


def my_names(formset: Any, identity: Identity) -> list[str]:
    config = config_of(formset)
    require_on(formset)
    names = config.addressees(own_key_id(identity))
    if not names:
        raise RouteError(
            f"Uw sleutel ({identity.fingerprint}) staat niet in de routeconfiguratie; geef dit sleutel-id aan de "
            "beheerder.", f"key {own_key_id(identity)} not listed")
    return names


def inbox(formset: Any, queue_dir: Path, timeout: float = 20.0, store: RouteStore | None = None,
          with_draft: bool = False) -> tuple[list[dict[str, Any]], list[str]]:
    """What waits for this person (rows, Dutch problems), with due dates; ``with_draft`` adds
    each request's verified draft (``draft``, checked against its content hash) for reading."""
    identity = load_identity()
    names = my_names(formset, identity)
    config = config_of(formset)
    store = store or RouteStore()
    done = store.decided()
    keys = [load_route_key(identity)]
    fs = connect(queue_dir)
    found: list[tuple[Request, dict[str, Any]]] = []
    problems: list[str] = []

    def work() -> None:
        ensure_published(fs, identity, names[0])
        for name in names:
            for rid in list_requests(fs, name):
                if rid in done:
                    continue
                try:
                    req = read_request(fs, name, rid, keys)
                except ShareTimeout:
                    raise
                except (RouteError, ShareError, ValueError, KeyError) as exc:  # one bad request never stops the list
                    problems.append(str(exc) if isinstance(exc, RouteError | ShareError) else
                                    f"Het verzoek {rid[:8]} is beschadigd.")
                    continue
                row = _inbox_row(req, config)
                if with_draft:
                    try:
                        row["draft"] = draft_and_digest(req)[0]
                    except RouteError as exc:
                        problems.append(str(exc))
                        continue
                found.append((req, row))

    try:
        fs.run(work, timeout, "route lezen")
    except ShareError as exc:
        raise RouteError(f"De gedeelde map is niet bereikbaar: {exc}", exc.detail) from exc
    rows = newest_rounds(found, store.decided_rounds())  # one row per steller, draft and addressee
    rows.sort(key=lambda r: (r["termijn"] or "", r["id"]))
    return rows, problems


def _inbox_row(req: Request, config: R.RouteConfig) -> dict[str, Any]:
    meta = req.meta
    try:
        asked = datetime.fromisoformat(str(meta.get("created"))).date()
    except ValueError:
        asked = date.today()
    advice = any(str(s).startswith(R.ADVIES) for s in meta.get("stappen", []))
    days = config.adviseurs.get(req.aan, config.advice_days) if advice else config.paraaf_days
    due = R.add_working_days(asked, days, config.holidays)
    return {"id": req.id, "aan": req.aan, "soort": wf.TER_ADVISERING if advice else wf.TER_PARAFERING,
            "onderwerp": meta.get("onderwerp", ""), "steller": meta.get("steller", ""),
            # Who really sent it: the account and the signing key, not only the typed name.
            "account": meta.get("os_account", ""), "sleutel": fingerprint(unb64(req.public_key)),
            "classificatie": meta.get("classificatie", ""), "ontvangen": meta.get("created", ""),
            "termijn": due.isoformat(), "te_laat": date.today() > due, "opmerkingen": carried_remarks(meta)}


def draft_and_digest(req: Request) -> tuple[Draft, str]:
    try:
        d = Draft.from_json(req.meta["draft"])
    except (DraftError, KeyError) as exc:
        raise RouteError("Het verzoek bevat geen leesbaar concept.", repr(exc)) from exc
    hashes = []
    for item in req.meta.get("bijlagen", []):
        data = req.files.get(str(item.get("file")))
        if data is None:
            raise RouteError(f"De bijlage '{item.get('name')}' ontbreekt in het verzoek.", str(item))
        hashes.append(hashlib.sha256(data).hexdigest())
    digest = digest_of(d, hashes)
    if digest != req.meta.get("content_hash"):
        raise RouteError("Het verzoek klopt niet: de inhoud past niet bij de vingerafdruk die de steller tekende.",
                         f"{digest} != {req.meta.get('content_hash')}")
    return d, digest
