"""Rounds of the paraaf route: one open request per content and addressee, one row per draft.

A *round* is the steller's request of one content (its content hash) to one addressee. The
steller's side never sends a round that is still open (``open_duplicate``: ``AlreadyWaiting``,
Dutch); the outbox delivers a round queued twice once (``RouteStore.deliver``). The
addressee's side (``newest_rounds``) shows one row per steller (the verified signing key),
draft and addressee, for the newest content only, whatever duplicate folders a forger or an
old client put in the share, and nothing for a round already decided here.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from desktop.domain import route as R
from desktop.domain.dates import format_date
from desktop.queue.route_local import RouteStore
from desktop.queue.route_share import (
    AlreadyWaiting,
    Request,
    public_key_id,
    request_folder,
    slug,
    to_decision,
)
from desktop.share import ShareError, connect

_NEVER = datetime.min.replace(tzinfo=UTC)
_DECISION, _REQUEST = 0, 1  # the order of a decision and a request signed in the same second


def moment(value: Any) -> datetime | None:
    """An ISO moment from a record (a naive one read as UTC), or None."""
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def answers(config: R.RouteConfig, dec: R.Decision, window: R.Window) -> bool:
    """A listed key signed it, within its period if it has one: the request is answered.
    (A deputy's decision outside the mandate leaves the request waiting for someone who may.)"""
    return any(s.van is None and s.tot is None or not R.period_problem(s, dec, window)
               for s in config.signers_for(dec.sleutel))


def concept_of(draft_key: str) -> str:
    """Which draft a request is for, without telling the addressee the steller's file paths."""
    return hashlib.sha256(draft_key.encode("utf-8")).hexdigest()[:32]


# -- the steller's side ------------------------------------------------------------------------
def answered(store: RouteStore, config: R.RouteConfig, row: dict[str, Any]) -> bool:
    rid = str(row.get("id"))
    for doc in store.cached_decisions(rid):
        dec = to_decision(doc)
        if dec is not None and dec.verzoek == rid and answers(
            config, dec, R.Window(moment(row.get("created")), store.first_seen(rid, dec.id))
        ):
            return True
    return False


def open_duplicate(store: RouteStore, config: R.RouteConfig, queue_dir: str, aan: str,
                   digest: str) -> dict[str, Any] | None:
    """An earlier request of this very content to ``aan`` that is still open (or still in the outbox)."""
    for row in store.requests():
        if (row.get("aan"), row.get("content_hash"), row.get("queue_dir")) == (aan, digest, queue_dir) \
                and not answered(store, config, row):
            return row
    return None


def retire_older(store: RouteStore, config: R.RouteConfig, queue_dir: str, draft_key: str, aan: str, digest: str,
                 timeout: float) -> None:
    """After a new round: take this draft's older, unanswered requests to ``aan`` out of the
    share (best effort), so the addressee's list reads open work only. The rows stay: a
    decision that comes in anyway is still fetched (and counts for its own content only)."""
    older = [r for r in store.requests(draft_key) if (r.get("aan"), r.get("queue_dir")) == (aan, queue_dir)
             and r.get("content_hash") != digest and not store.in_outbox(str(r.get("id")))
             and not answered(store, config, r)]
    if not older:
        return
    fs = connect(queue_dir)

    def work() -> None:
        for r in older:
            with contextlib.suppress(ShareError):
                fs.rmtree(f"{request_folder(aan)}/{r['id']}")

    with contextlib.suppress(ShareError):
        fs.run(work, timeout, "oude verzoeken opruimen")


def already_waiting(store: RouteStore, row: dict[str, Any]) -> AlreadyWaiting:
    since = moment(row.get("created"))
    day = format_date(since.astimezone().date()) if since else "eerder"
    outbox = " (het verzoek staat nog in de uitbak)" if store.in_outbox(str(row.get("id"))) else ""
    return AlreadyWaiting(
        f"Dit stuk wacht al sinds {day} op {row.get('aan')} (verzoek {str(row.get('id'))[:8]}){outbox}; "
        "er is niets opnieuw verstuurd.",
        f"open request {row.get('id')} with content {row.get('content_hash')}",
    )


# -- the addressee's side ----------------------------------------------------------------------
def round_of(req: Request) -> str:
    """Steller (verified key), addressee and draft; an old client's request without a draft id
    counts as a round of its own content."""
    concept = str(req.meta.get("concept_id") or "") or f"inhoud:{req.meta.get('content_hash')}"
    return f"{public_key_id(req.public_key)}|{slug(req.aan)}|{concept}"


def decided_info(req: Request) -> dict[str, str]:
    """What ``RouteStore.add_decided`` keeps of a request, so its duplicates stay hidden."""
    return {"ronde": round_of(req), "inhoud": str(req.meta.get("content_hash", "")),
            "aangemaakt": str(req.meta.get("created", ""))}


def newest_rounds(found: Sequence[tuple[Request, dict[str, Any]]], decided: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The inbox rows to show: per round the newest content, once (its earliest request, which
    carries the first due date), unless that content was decided here already."""
    by_round: dict[str, list[tuple[Request, dict[str, Any]]]] = {}
    for req, row in found:
        by_round.setdefault(round_of(req), []).append((req, row))
    done: dict[str, list[tuple[datetime, int, str]]] = {}
    for d in decided:
        if d.get("ronde"):
            done.setdefault(str(d["ronde"]), []).append((moment(d.get("aangemaakt")) or _NEVER, _DECISION,
                                                         str(d.get("inhoud"))))
    rows: list[dict[str, Any]] = []
    # (steller, addressee, content) shown or decided: an old client's copy in a round of its own stays out.
    shown = {(*rnd.split("|")[:2], h) for rnd, hashes in done.items() for _, _, h in hashes}
    for rnd, items in by_round.items():
        stamps = [(moment(req.meta.get("created")) or _NEVER, _REQUEST, str(req.meta.get("content_hash")))
                  for req, _ in items]
        # Signed times are to the second: in a tie, the steller's request is the newer content (a
        # new round answers a decision; a decision never carries content of its own).
        newest = max(stamps + done.get(rnd, []))[2]
        if any(h == newest for _, _, h in done.get(rnd, [])):
            continue  # this content was decided here: its duplicates wait for nobody
        req, row = min(((q, r) for q, r in items if str(q.meta.get("content_hash")) == newest),
                       key=lambda qr: (moment(qr[0].meta.get("created")) or _NEVER, qr[0].id))
        exact = (public_key_id(req.public_key), slug(req.aan), newest)
        if exact not in shown:
            shown.add(exact)
            rows.append(row)
    return rows
