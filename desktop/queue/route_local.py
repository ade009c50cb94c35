"""This computer's side of the route: the outbox for requests and decisions, the list of
requests sent, the verified decisions fetched, and the requests already decided.

Everything lives in ``<data folder>/route/`` on the local disk, never on the share. Like a
submission, a request or decision is staged first and delivered when the share is
reachable (``deliver``): offline work is never lost. A request is sealed at delivery,
when the addressee's and the secretariat's keys can be read.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.queue import protocol as P
from desktop.queue.bundle import seal
from desktop.queue.crypto import Recipient
from desktop.queue.identity import check_share
from desktop.queue.keys import Identity, unb64
from desktop.queue.route_share import RouteError, read_route_key, request_folder, seal_decision
from desktop.queue.secretariat_keys import trusted_key_records
from desktop.share import AlreadyExists, Share, ShareError

ORDER = "opdracht.json"
PLAIN = "inhoud"
_lock = threading.Lock()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class RouteStore:
    """``<data>/route``: ``uitbak/``, ``verzoeken.json``, ``besluiten/<request>/``, ``gedaan.json``."""

    def __init__(self, root: Path | None = None) -> None:
        if root is None:
            from desktop.config.paths import data_dir

            root = data_dir()
        self.root = Path(root) / "route"
        self.outbox = self.root / "uitbak"
        self.cache = self.root / "besluiten"

    # -- small JSON lists ---------------------------------------------------------------------
    def _load(self, name: str) -> list[dict[str, Any]]:
        try:
            data = json.loads((self.root / name).read_text("utf-8"))
        except (OSError, ValueError):
            return []
        return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []

    def _save(self, name: str, rows: list[dict[str, Any]]) -> None:
        _write(self.root / name, json.dumps(rows, ensure_ascii=False, indent=2).encode("utf-8"))

    def requests(self, draft_key: str | None = None, digest: str = "") -> list[dict[str, Any]]:
        """The requests sent for a stuk: by its key, or for exactly this content."""
        rows = self._load("verzoeken.json")
        return [r for r in rows if draft_key is None or r.get("draft_key") == draft_key
                or (digest and r.get("content_hash") == digest)]

    def add_request(self, row: dict[str, Any]) -> None:
        with _lock:
            self._save("verzoeken.json", [*self._load("verzoeken.json"), row])

    def forget_request(self, request_id: str) -> None:
        """Drop a request that was never sent (a duplicate taken out of the outbox)."""
        with _lock:
            self._save("verzoeken.json", [r for r in self._load("verzoeken.json") if r.get("id") != request_id])

    def in_outbox(self, item_id: str) -> bool:
        return (self.outbox / item_id).is_dir()

    def decided(self) -> set[str]:
        return {str(r.get("verzoek")) for r in self._load("gedaan.json")}

    def decided_rounds(self) -> list[dict[str, Any]]:
        """What this person decided: ``verzoek``, ``besluit`` and, since rounds are kept apart,
        ``ronde`` (steller, addressee and draft), ``inhoud`` (content hash) and ``aangemaakt``."""
        return self._load("gedaan.json")

    def add_decided(self, request_id: str, decision_id: str, **round_info: str) -> None:
        with _lock:
            row = {"verzoek": request_id, "besluit": decision_id, **round_info}
            self._save("gedaan.json", [*self._load("gedaan.json"), row])

    def handled(self) -> set[str]:
        """Ids of remarks the steller marked as handled (``<decision id>:<n>``)."""
        return {str(r.get("id")) for r in self._load("afgehandeld.json")}

    def add_handled(self, remark_ids: list[str]) -> None:
        with _lock:
            rows = self._load("afgehandeld.json")
            known = {str(r.get("id")) for r in rows}
            self._save("afgehandeld.json", rows + [{"id": i} for i in remark_ids if i not in known])

    def remove_handled(self, remark_ids: list[str]) -> None:
        """Open remarks again that were marked handled."""
        with _lock:
            gone = set(remark_ids)
            self._save("afgehandeld.json", [r for r in self._load("afgehandeld.json") if str(r.get("id")) not in gone])

    def told(self) -> set[str]:
        """Late steps (``<request id>:<step key>``) the steller was told about, or that were settled."""
        return {str(r.get("id")) for r in self._load("gemeld.json")}

    def add_told(self, keys: list[str]) -> None:
        with _lock:
            rows = self._load("gemeld.json")
            known = {str(r.get("id")) for r in rows}
            self._save("gemeld.json", rows + [{"id": k} for k in dict.fromkeys(keys) if k not in known])

    # -- fetched decisions (verified again at every use) ------------------------------------------
    def cache_decision(self, request_id: str, decision_id: str, doc: dict[str, Any]) -> None:
        path = self.cache / request_id / f"{decision_id}.json"
        if not path.exists():
            _write(path, json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"))
        self.first_seen(request_id, decision_id)

    def first_seen(self, request_id: str, decision_id: str) -> datetime:
        """When this computer first saw a decision (this computer's clock, not the signer's):
        ``besluiten/<request>/<decision>.gezien``, recorded now when not yet known."""
        path = self.cache / request_id / f"{decision_id}.gezien"
        with contextlib.suppress(OSError, ValueError):
            return datetime.fromisoformat(path.read_text("utf-8").strip())
        now = datetime.now(UTC)
        with contextlib.suppress(OSError):
            _write(path, now.isoformat(timespec="seconds").encode("utf-8"))
        return now

    def cached_decisions(self, request_id: str) -> list[Any]:
        out = []
        folder = self.cache / request_id
        if folder.is_dir():
            for p in sorted(folder.glob("*.json")):
                with contextlib.suppress(OSError, ValueError):
                    out.append(json.loads(p.read_text("utf-8")))
        return out

    # -- outbox ---------------------------------------------------------------------------------
    def stage(self, item_id: str, order: dict[str, Any], files: dict[str, bytes]) -> None:
        tmp = self.outbox / f".{item_id}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            for rel, data in files.items():
                _write(tmp / PLAIN / rel, data)
            _write(tmp / ORDER, json.dumps(order, ensure_ascii=False, indent=2).encode("utf-8"))
            os.rename(tmp, self.outbox / item_id)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    def waiting(self) -> list[dict[str, Any]]:
        out = []
        if self.outbox.is_dir():
            for entry in sorted(self.outbox.iterdir()):
                if entry.name.startswith("."):
                    continue
                with contextlib.suppress(OSError, ValueError):
                    out.append(json.loads((entry / ORDER).read_text("utf-8")))
        return out

    def _plain(self, item_id: str) -> dict[str, bytes]:
        base = self.outbox / item_id / PLAIN
        return {p.relative_to(base).as_posix(): p.read_bytes() for p in base.rglob("*") if p.is_file()}

    def deliver(self, fs_for: Any, identity: Identity, timeout: float = 20.0) -> tuple[list[str], dict[str, str]]:
        """Deliver what waits; ``(delivered ids, {id: Dutch reason})`` (the rest stays)."""
        delivered: list[str] = []
        waiting: dict[str, str] = {}
        rounds: set[tuple[str, str, str]] = set()
        for order in self.waiting():
            item_id = str(order.get("id"))
            if order.get("kind") == "verzoek":
                same = self._round(order)
                if same in rounds:  # the same content to the same addressee queued twice: delivered once
                    shutil.rmtree(self.outbox / item_id, ignore_errors=True)
                    self.forget_request(item_id)
                    continue
                rounds.add(same)
            fs = fs_for(order["queue_dir"])
            try:
                fs.run(lambda fs=fs, order=order: self._deliver_one(fs, identity, order), timeout, "route afleveren")
            except (ShareError, RouteError) as exc:
                waiting[item_id] = str(exc)
                continue
            shutil.rmtree(self.outbox / item_id, ignore_errors=True)
            delivered.append(item_id)
        return delivered, waiting

    def _round(self, order: dict[str, Any]) -> tuple[str, str, str]:
        """(queue, addressee, content hash) of a staged request (older orders: from its meta.json)."""
        digest = str(order.get("content_hash") or "")
        if not digest:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                meta = json.loads((self.outbox / str(order.get("id")) / PLAIN / P.META).read_bytes())
                digest = str(meta.get("content_hash") or "")
        return str(order.get("queue_dir")), str(order.get("aan")), digest or str(order.get("id"))

    def _deliver_one(self, fs: Share, identity: Identity, order: dict[str, Any]) -> None:
        check_share(fs)  # only the share this person knows; never creates anything elsewhere
        item_id = str(order["id"])
        recipients = _recipients(fs, order) if order.get("confidential") else None
        plain = self._plain(item_id)
        if order["kind"] == "verzoek":
            files = seal(plain, item_id, identity, recipients)
            _copy_folder(fs, files, request_folder(order["aan"]), item_id)
        else:
            doc = json.loads(plain["besluit.json"])
            rel = f"{order['folder']}/{item_id}.json"
            with contextlib.suppress(AlreadyExists):  # an earlier try got there
                fs.write_exclusive(rel, seal_decision(doc, recipients))


def _recipients(fs: Share, order: dict[str, Any]) -> list[Recipient]:
    """The addressees' published route keys (only listed key ids) plus the secretariat's keys."""
    secretariat = [Recipient(k.key_id, k.x25519_public) for k in trusted_key_records(fs)]
    wanted = [str(k) for k in order.get("sleutels", [])]
    addressees = [r for k in wanted if (r := read_route_key(fs, k)) is not None]
    if not secretariat or (wanted and not addressees):
        who = "het secretariaat" if not secretariat else "de geadresseerde"
        raise RouteError(
            f"Voor dit vertrouwelijke stuk is nog geen sleutel van {who} gepubliceerd; het wacht in de uitbak.",
            f"secretariat keys {len(secretariat)}, addressee keys {[r.key_id for r in addressees]} of {wanted}",
        )
    given = [Recipient(str(g["key_id"]), unb64(g["x25519_public"])) for g in order.get("x25519", [])]
    return secretariat + addressees + given


def _copy_folder(fs: Share, files: dict[str, bytes], folder: str, name: str) -> None:
    """Put ``files`` in place as ``folder/name`` in one rename (readers see all or nothing)."""
    final = f"{folder}/{name}"
    if fs.exists(final):
        return
    fs.makedirs(folder)
    fs.makedirs(P.TEMP)
    tmp = f"{P.TEMP}/{name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    fs.mkdir(tmp, exist_ok=False)
    try:
        for rel, data in sorted(files.items()):
            if "/" in rel:
                fs.makedirs(f"{tmp}/{rel.rsplit('/', 1)[0]}")
            fs.write_durable(f"{tmp}/{rel}", data)
        fs.fsync_dir(tmp)
        fs.rename(tmp, final)
    except FileExistsError:
        with contextlib.suppress(OSError):
            fs.rmtree(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            fs.rmtree(tmp)
        raise
