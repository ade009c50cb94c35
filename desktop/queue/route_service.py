"""The paraaf route as the CLI and the windows use it, the steller's side: request, status, gate.

The steller sends a stuk "ter parafering" or "ter advisering" (``request``); the
parafeerder or adviseur sees it (``route_inbox.inbox``) and decides (``route_decide``);
the steller's ``status`` fetches the signed decisions and lets ``desktop.domain.route``
say which count for the current content; ``gate`` refuses submission until the route is
complete and hands the signed decisions to the submission; ``verify_carried`` checks them
again at the secretariat.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.domain import route as R
from desktop.queue import protocol as P
from desktop.queue.bundle import Attachment, attachment_files, is_confidential
from desktop.queue.identity import check_share
from desktop.queue.keys import Identity, load_identity
from desktop.queue.route_local import RouteStore
from desktop.queue.route_rounds import (
    already_waiting,
    answers,
    concept_of,
    moment,
    open_duplicate,
    retire_older,
)
from desktop.queue.route_rules import (
    addressee,
    closed_reason,
    config_of,
    digest_of,
    form_route,
    prepared,
    require_on,
    site_notice,
    steps_of,
)
from desktop.queue.route_share import (
    DECISIONS,
    RouteError,
    list_decisions,
    load_route_key,
    open_decision,
    publish_route_key,
    read_route_key,
    request_folder,
    request_meta,
    to_decision,
)
from desktop.share import Share, ShareError, connect


class RouteRefused(RouteError):
    """The gate: the form needs a complete route first (Dutch ``str()``)."""


_request_lock = threading.Lock()


@dataclass(slots=True)
class RouteStatus:
    digest: str
    steps: list[R.StepStatus]
    reason: str  # empty when complete
    problems: list[str] = field(default_factory=list)
    docs: list[dict[str, Any]] = field(default_factory=list)  # the signed decisions that count
    offline: bool = False
    # Every remark received for this stuk (earlier rounds too), with who made it and on which step.
    remarks: list[dict[str, Any]] = field(default_factory=list)
    notice: str = ""  # Dutch: the configuration is the copy of the last read (the site folder is out of reach)
    handled: list[dict[str, Any]] = field(default_factory=list)  # the remarks marked handled
    # Steps whose decision was signed for earlier content (the stuk changed after it) and not yet
    # asked again for this content, and to whom a new round goes: ``{step key: addressee}``.
    stale: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"inhoud": self.digest, "compleet": not self.reason, "reden": self.reason,
                "stappen": [s.to_json() for s in self.steps], "problemen": self.problems, "offline": self.offline,
                "opmerkingen": self.remarks, "melding": self.notice}


def attachment_hashes(attachments: Sequence[Attachment]) -> list[str]:
    out = []
    for att in attachments:
        try:
            out.append(hashlib.sha256(att.path.read_bytes()).hexdigest())
        except OSError as exc:
            raise RouteError(f"De bijlage '{att.name}' is niet te lezen.", repr(exc)) from exc
    return out


def ensure_published(fs: Share, identity: Identity, naam: str) -> str:
    """Publish this person's route key in the share (once); returns the key id."""
    check_share(fs)  # never write into a folder that is not this person's share
    key = load_route_key(identity)
    if read_route_key_id(fs, key.key_id):
        return key.key_id
    publish_route_key(fs, identity, naam, key)
    return key.key_id


def read_route_key_id(fs: Share, key_id: str) -> bool:
    return read_route_key(fs, key_id) is not None


# -- steller ------------------------------------------------------------------------------------
def request(
    draft: Any, *, aan: str, formset: Any, queue_dir: Path, draft_key: str, attachments: Sequence[Attachment] = (),
    docx: bytes | None = None, deliver: bool = True, timeout: float = 20.0, store: RouteStore | None = None,
    remarks: Sequence[Mapping[str, Any]] = (),
) -> tuple[str, str, bool]:
    """Send ``draft`` to ``aan``; ``(request id, configured addressee, delivered now)``.

    ``remarks``: the open remarks of an earlier round, carried along in the signed request
    (``opmerkingen``: who made each, on which field and text) so the new round sees them."""
    config = config_of(formset)
    require_on(formset)
    d = prepared(draft, formset)
    name, step_keys, key_ids = addressee(config, aan, d.get_text("directie"))
    if not step_keys:
        raise RouteError(f"{name} heeft geen rol in de route van directie {d.get_text('directie') or '(geen)'}.",
                         f"no step for {name}")
    identity = load_identity()
    route_key = load_route_key(identity)
    att_files, listed = attachment_files(attachments, P.DEFAULT_MAX_ATTACHMENT_MB * 2**20)
    hashes = [str(item["sha256"]) for item in listed]  # of the very bytes that go into the bundle
    digest = digest_of(d, hashes)
    store = store or RouteStore()
    queue = str(Path(queue_dir).absolute())
    earlier = open_duplicate(store, config, queue, name, digest)
    if earlier is not None and deliver:  # answered meanwhile? one look at its decisions
        fetch_decisions([earlier], store, Path(queue_dir), timeout, [], config)
        earlier = open_duplicate(store, config, queue, name, digest)
    if earlier is not None:
        raise already_waiting(store, earlier)
    request_id = str(uuid.uuid4())
    meta = request_meta(d, request_id=request_id, aan=name, stappen=step_keys, digest=digest, attachments=listed,
                        identity=identity, route_key=route_key, concept=concept_of(draft_key))
    if remarks:
        meta["opmerkingen"] = [{k: str(r.get(k, "")) for k in ("naam", "stap", "veld", "citaat", "tekst")}
                               for r in remarks]
    if docx is None:
        # python-docx only when a request is made (benchmark startup_first_paint: the window
        # imports this module).
        from desktop.export.docx_export import export_bytes

        docx = export_bytes(d, formset=formset)
    plain = {P.META: json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8"), P.DOCUMENT: docx, **att_files}
    order = {"id": request_id, "kind": "verzoek", "aan": name, "queue_dir": queue, "content_hash": digest,
             "confidential": is_confidential(d), "sleutels": key_ids}
    with _request_lock:  # one window's two clicks: the second finds the first
        earlier = open_duplicate(store, config, queue, name, digest)
        if earlier is not None:
            raise already_waiting(store, earlier)
        store.stage(request_id, order, plain)
        store.add_request({"id": request_id, "draft_key": draft_key, "aan": name, "stappen": step_keys,
                           "content_hash": digest, "created": meta["created"], "onderwerp": d.get_text("onderwerp"),
                           "queue_dir": queue})
    delivered = False
    if deliver:
        done, _ = deliver_all(identity, store, timeout, d.get_text("steller"))
        delivered = request_id in done
        if delivered:
            retire_older(store, config, queue, draft_key, name, digest, timeout)
    return request_id, name, delivered


def deliver_all(identity: Identity | None = None, store: RouteStore | None = None, timeout: float = 20.0,
                naam: str = "") -> tuple[list[str], dict[str, str]]:
    store = store or RouteStore()
    if not store.waiting():
        return [], {}
    identity = identity or load_identity()

    def fs_for(queue: str) -> Share:
        fs = connect(queue)
        with contextlib.suppress(ShareError):  # delivery reports the share's trouble
            fs.run(lambda: ensure_published(fs, identity, naam or identity.account), timeout, "routesleutel")
        return fs

    return store.deliver(fs_for, identity, timeout)


def request_times(docs: Sequence[dict[str, Any]], store: RouteStore | None = None) -> dict[str, str]:
    """``{request id: its signed time}`` of the requests the decisions ``docs`` answer, as the
    submission carries them: the secretariat's lower bound of when each was signed."""
    wanted = {str(doc.get("verzoek")) for doc in docs}
    rows = (store or RouteStore()).requests()
    return {str(r["id"]): str(r.get("created")) for r in rows if str(r.get("id")) in wanted}


def _requested(rows: list[dict[str, Any]]) -> dict[str, date]:
    out: dict[str, date] = {}
    for r in rows:
        try:
            day = datetime.fromisoformat(str(r.get("created"))).date()
        except ValueError:
            continue
        for key in r.get("stappen", []):
            out[key] = max(out.get(key, day), day)
    return out


def status(
    draft: Any, *, formset: Any, queue_dir: Path | None, draft_key: str, attachments: Sequence[Attachment] = (),
    online: bool = True, timeout: float = 20.0, store: RouteStore | None = None,
) -> RouteStatus:
    """Which steps are done for the draft's current content (decisions fetched from the share)."""
    config = config_of(formset)
    d = prepared(draft, formset)
    digest = digest_of(d, attachment_hashes(attachments))
    store = store or RouteStore()
    rows = store.requests(draft_key, digest)
    problems: list[str] = []
    offline = False
    if online and rows and queue_dir is not None:
        offline = not fetch_decisions(rows, store, Path(queue_dir), timeout, problems, config)
    docs: dict[str, dict[str, Any]] = {}
    decisions = []
    windows: dict[str, R.Window] = {}
    remarks: list[dict[str, Any]] = []
    done_remarks: list[dict[str, Any]] = []
    handled = store.handled()
    asked_of: dict[str, str] = {}  # decision id -> the addressee of its request
    for r in rows:
        for doc in store.cached_decisions(str(r["id"])):
            dec = to_decision(doc)
            if dec is None or dec.verzoek != r["id"]:
                problems.append(f"Een besluit bij verzoek {str(r['id'])[:8]} is vervalst of beschadigd; genegeerd.")
                continue
            docs[dec.id] = doc
            decisions.append(dec)
            asked_of[dec.id] = str(r.get("aan", ""))
            # Not before the request (its signed time), not after this computer first saw it.
            windows[dec.id] = R.Window(moment(r.get("created")), store.first_seen(str(r["id"]), dec.id))
            label = f"paraaf {dec.wie}" if dec.soort == R.PARAAF else f"advies {dec.wie}"
            for n, rem in enumerate(dec.opmerkingen):
                row = {**rem, "id": f"{dec.id}:{n}", "naam": dec.naam, "stap": label}
                (done_remarks if row["id"] in handled else remarks).append(row)
    statuses = R.evaluate(steps_of(d, formset), decisions, digest, config, _requested(rows), windows=windows)
    counting = [docs[s.decision.id] for s in statuses if s.decision is not None]
    reason = closed_reason(formset, d.form) or R.gate_reason(statuses)
    asked_now = {str(k) for r in rows if r.get("content_hash") == digest for k in r.get("stappen", [])}
    stale = {s.step.key: asked_of[dec.id] for s in statuses if s.decision is None and s.step.key not in asked_now
             for dec in decisions if dec.content_hash != digest and f"{dec.soort}:{dec.wie}" == s.step.key}
    return RouteStatus(digest, statuses, reason, problems, counting, offline, remarks, site_notice(formset),
                       handled=done_remarks, stale=stale)


def fetch_decisions(rows: list[dict[str, Any]], store: RouteStore, queue_dir: Path, timeout: float,
           problems: list[str], config: R.RouteConfig) -> bool:
    """Copy new verified decisions of ``rows`` into the local cache; False when the share is out of reach.

    A request answered by a listed key is taken out of its addressee's folder, so that the
    inbox's cost follows the open requests, not the history (the decision stays).
    """
    identity = load_identity()
    keys = [load_route_key(identity)]
    fs = connect(queue_dir)

    def work() -> None:
        for r in rows:
            for name, raw in list_decisions(fs, str(r["id"])).items():
                try:
                    doc = open_decision(raw, keys)
                except RouteError as exc:
                    problems.append(f"{DECISIONS}/{r['id']}/{name}: {exc}")
                    continue
                dec = to_decision(doc)
                if dec is None or dec.verzoek != r["id"] or f"{dec.id}.json" != name:
                    problems.append(f"Een besluit bij verzoek {str(r['id'])[:8]} is vervalst of beschadigd; genegeerd.")
                    continue
                store.cache_decision(str(r["id"]), dec.id, doc)
                window = R.Window(moment(r.get("created")), store.first_seen(str(r["id"]), dec.id))
                if answers(config, dec, window):
                    with contextlib.suppress(ShareError):
                        fs.rmtree(f"{request_folder(str(r.get('aan', '')))}/{r['id']}")

    try:
        fs.run(work, timeout, "route lezen")
    except ShareError:
        return False
    return True


def gate(draft: Any, *, formset: Any, queue_dir: Path | None, draft_key: str,
         attachments: Sequence[Attachment] = (), timeout: float = 20.0) -> list[dict[str, Any]]:
    """The signed decisions a submission carries; ``RouteRefused`` when the form needs a complete route."""
    closed = closed_reason(formset, draft.form)
    if closed:
        raise RouteRefused(closed, f"route rules unknown or off (site config {formset.config.source!r})")
    if not config_of(formset).aan:
        return []
    st = status(draft, formset=formset, queue_dir=queue_dir, draft_key=draft_key, attachments=attachments,
                timeout=timeout)
    if form_route(formset, draft.form).vereist and st.reason:
        raise RouteRefused(st.reason, "; ".join(st.problems) or st.reason)
    return st.docs
