"""The inbox's view of the queue, through the queue layer's own reader, trust store and keys.

No second bundle reader: listing, verification, decryption, status files and the
signed publication all go through ``desktop.queue``; this module only translates.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from desktop.domain import workflow as wf
from desktop.domain.draft import Draft, DraftError, current_draft
from desktop.domain.forms import FormError, default_formset
from desktop.queue import protocol as P
from desktop.queue.identity import init_share
from desktop.queue.keys import KeyUnavailable
from desktop.queue.reader import VERIFIED_FILES, QueueReader
from desktop.queue.route_decide import verify_carried
from desktop.queue.route_rounds import moment
from desktop.queue.secretariat_key_files import publish as publish_key
from desktop.queue.secretariat_keypair import decrypt_bundle, generate_key, own_keys
from desktop.queue.secretariat_keys import (
    acting_key,
    trusted_secretariat_keys,
    write_publication,
    write_status,
)
from desktop.queue.signed import Unverified, verify_doc
from desktop.queue.trust import TrustStore
from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.inbox import Submission
from desktop.share import Share, ShareError, connect

# The service's Dutch field names -> the status-file fields of docs/queue-format.md.
LISTING_TTL_S = 2.0
STATUS_FIELDS = {"reden": "reason", "vergadering": "meeting_date"}


def _queue_error(exc: Exception) -> SecretariatError:
    return SecretariatError(str(exc), str(getattr(exc, "detail", "") or repr(exc)))


def new_key(name: str = "secretariaat") -> Any:
    """``meeting keys --nieuw``: a new secretariat key in this machine's keyring; nothing on the share.

    It does nothing until the trust anchor lists it (IT's site list), or, without a site
    folder, until it is used here."""
    try:
        return generate_key(name)
    except KeyUnavailable as exc:
        raise _queue_error(exc) from exc


def own_key(create: bool = False, name: str = "secretariaat") -> Any:
    """This machine's secretariat key that the anchor trusts (made when ``create`` and there is none).

    Without such a key every secretariat action is refused with the Dutch reason."""
    try:
        if create and not own_keys():
            generate_key(name)
        return acting_key()
    except KeyUnavailable as exc:  # NotTrusted included
        raise _queue_error(exc) from exc


def init_queue(queue_dir: Path, fs: Share | None = None) -> tuple[str, bool]:
    """``meeting init``: make the share (folder and signed marker) and publish this machine's key."""
    fs = fs or connect(queue_dir)
    key = own_key()
    try:
        result = init_share(fs, key)
    except ShareError as exc:
        raise SecretariatError(str(exc), exc.detail) from exc
    ensure_key(queue_dir, fs=fs)
    return result


def ensure_key(queue_dir: Path, create: bool = False, name: str = "secretariaat", fs: Share | None = None) -> Any:
    """This machine's trusted secretariat key (``own_key``), its public part published in the share."""
    fs = fs or connect(queue_dir)
    key = own_key(create, name)
    try:
        if not fs.exists(f"{P.KEYS}/{key.key_id}.json"):
            publish_key(fs, key)
    except ShareError as exc:
        raise SecretariatError(
            f"De publieke sleutel kon niet in de gedeelde map worden gezet ({exc}).", exc.detail
        ) from exc
    return key


def _parse_meta(raw: bytes | None) -> tuple[dict[str, Any] | None, str]:
    if raw is None:
        return None, "De inhoud is niet te ontsleutelen met een sleutel van deze computer."
    try:
        meta = P.parse_json(raw)
    except ValueError as exc:
        return None, str(exc)
    return (meta, "") if isinstance(meta, dict) else (None, "meta.json is geen object")


class QueueSource:
    def __init__(self, queue_dir: Path, fs: Share | None = None) -> None:
        self.queue_dir = Path(queue_dir)
        self.fs = fs or connect(self.queue_dir)
        self._reader: Any = None
        self._trust: Any = None
        self._listing: tuple[float, list[dict[str, Any]]] | None = None

    # -- helpers ----------------------------------------------------------------------------
    @property
    def trust(self) -> Any:
        if self._trust is None:
            self._trust = TrustStore()
        return self._trust

    def _keys(self) -> list[Any]:
        try:
            return own_keys()
        except Exception:  # no keyring: confidential stukken stay closed, the rest works
            return []

    def _reader_(self) -> Any:
        if self._reader is None:
            self._reader = QueueReader(self.fs, trust=self.trust, secretariat_keys=self._keys())
        return self._reader

    def _meta(self, rel: str, confidential: bool) -> tuple[dict[str, Any] | None, str]:
        try:
            if confidential:
                files = decrypt_bundle(self.fs, rel, self._keys())
                meta = P.parse_json(files[P.META])
            else:
                meta = P.parse_json(self.fs.read_bytes(f"{rel}/{P.META}", P.MAX_JSON_BYTES))
        except ShareError as exc:
            if exc.reason == "hangt":
                raise
            return None, str(exc)
        except Exception as exc:  # DecryptError, ValueError: shown in the inbox
            return None, str(exc)
        return (meta, "") if isinstance(meta, dict) else (None, "meta.json is geen object")

    def _draft(self, meta: dict[str, Any] | None) -> Any:
        if meta is None or not isinstance(meta.get("draft"), dict):
            return None
        try:
            draft = Draft.from_json(meta["draft"])
        except DraftError:
            return None
        try:
            # A stuk written before a site form renamed a field is read under the new names.
            return current_draft(draft, default_formset())
        except FormError:
            return draft

    def _route(self, meta: dict[str, Any] | None, arrived: str = "") -> dict[str, Any] | None:
        """The carried parafen and adviezen, verified here again (None when routes are off and none came).

        ``arrived``: when this application first saw the submission (the reader's local index),
        the latest moment a carried decision can have been signed."""
        if meta is None:
            return None
        try:
            formset = default_formset()
        except FormError as exc:
            return {"compleet": False, "regels": [], "problemen": [str(exc)], "vereist": False}
        if not meta.get("route") and not formset.config.route.aan:
            return None
        return verify_carried(meta, formset, moment(arrived) if arrived else None)

    def _submission(self, entry: dict[str, Any]) -> Submission:
        sid = str(entry["id"])
        rel = f"{entry.get('map') or P.SUBMITTED}/{sid}"
        verified = entry.get(VERIFIED_FILES)
        if isinstance(verified, dict):
            # Used now (accept, place): the bytes the recheck verified, never a second read.
            meta, problem = _parse_meta(verified.get(P.META))
        else:
            meta, problem = self._meta(rel, bool(entry.get("vertrouwelijk")))  # shown in a listing only
        docx = self.fs.path(f"{rel}/{P.DOCUMENT}") if not entry.get("vertrouwelijk") else None
        state = str(entry.get("verificatie", ""))
        return Submission(
            id=sid,
            draft=self._draft(meta),
            verificatie=state,
            steller=str(entry.get("steller", "")),
            aangekomen=str(entry.get("aangekomen", "")),
            supersedes=str(entry.get("supersedes") or (meta or {}).get("supersedes") or ""),
            vertrouwelijk=bool(entry.get("vertrouwelijk")),
            ingetrokken=bool(entry.get(wf.INGETROKKEN)),
            docx=docx,
            probleem=str(entry.get("melding") or problem),
            extra={"os_account": entry.get("os_account", ""), "public_key": entry.get("public_key", ""),
                   "map": entry.get("map") or P.SUBMITTED, "route": self._route(meta, str(entry.get("aangekomen") or ""))},
        )

    # -- SubmissionSource ---------------------------------------------------------------------
    def _entries(self) -> list[dict[str, Any]]:
        """The reader's listing, reused for a moment: one action asks for it several times."""
        now = time.monotonic()
        if self._listing is not None and now - self._listing[0] < LISTING_TTL_S:
            return self._listing[1]
        if not self.fs.available():
            raise SecretariatError(
                f"De wachtrijmap {self.queue_dir} is niet bereikbaar. Controleer de verbinding met de "
                "gedeelde map of de instelling 'Wachtrijmap'.",
                f"queue root not available: {self.queue_dir}",
            )
        try:
            entries = self._reader_().list().entries
        except OSError as exc:
            raise SecretariatError(
                f"De wachtrij in {self.queue_dir} is niet bereikbaar ({exc}).", repr(exc)
            ) from exc
        self._listing = (now, entries)
        return entries

    def moved(self, submission_id: str, folder: str) -> None:
        """The bundle was archived into ``folder``: the reader keeps what it knows of it."""
        self._reader_().moved(submission_id, folder)
        self._listing = None

    def forget(self) -> None:
        """Drop the reused listing: the next look is at the queue as it is now."""
        self._listing = None

    def submissions(self, archive: bool = False) -> list[Submission]:
        self._listing = None  # the inbox always shows a fresh listing
        if archive:
            return [self._submission(e) for e in self._listed(archive=True)]
        return [self._submission(e) for e in self._entries()]

    def _listed(self, archive: bool) -> list[dict[str, Any]]:
        try:
            return list(self._reader_().list(archive=archive).entries)
        except OSError as exc:
            raise SecretariatError(f"De wachtrij in {self.queue_dir} is niet bereikbaar ({exc}).", repr(exc)) from exc

    def get(self, submission_id: str, fresh: bool = True) -> Submission:
        if fresh:
            self._listing = None  # decisions (accept, place) need the queue as it is now
        for entry in self._entries():
            if entry.get("id") == submission_id:
                # Used now (accept, place, export): believe the bytes as they are, not the listing's memory.
                entry = self._reader_().recheck(submission_id) or {**entry, "verificatie": "mislukt"}
                return self._submission(entry)  # only this bundle is opened (and decrypted)
        for entry in self._listed(archive=True):
            if entry.get("id") == submission_id:
                # A finished stuk, from the archive: used (export, publish), so verified on its bytes too.
                folder = str(entry.get("map") or "")
                entry = self._reader_().recheck(submission_id, folder) or {**entry, "verificatie": "mislukt"}
                return self._submission(entry)
        raise SecretariatError(
            f"Inzending '{submission_id}' staat niet (meer) in de wachtrij.", f"no bundle {submission_id}"
        )

    def trust_key(self, submission_id: str) -> None:
        sub = self.get(submission_id)
        person = str(sub.extra.get("os_account") or "")
        key = str(sub.extra.get("public_key") or "")
        if not person or not key:
            raise SecretariatError("Van deze inzending is de afzender niet vast te stellen.", "no person/key")
        self.trust.accept(person, key)
        self._reader = None  # its trust snapshot is stale now
        self._listing = None

    def write_status(self, submission_id: str, status: str, floor: int = 0, **fields: Any) -> dict[str, Any]:
        key = ensure_key(self.queue_dir)
        mapped = {STATUS_FIELDS.get(k, k): v for k, v in fields.items() if v not in ("", None)}
        try:
            return write_status(self.fs, key, submission_id, status, floor, **mapped)
        except OSError as exc:
            raise SecretariatError(f"De gedeelde map is niet bereikbaar ({exc}).", repr(exc)) from exc

    def check_can_publish(self) -> None:
        """Refuse before anything changes when this machine cannot sign a publication."""
        ensure_key(self.queue_dir)

    def publish(self, meeting_key: str, payload: dict[str, Any]) -> None:
        key = ensure_key(self.queue_dir)
        write_publication(self.fs, key, meeting_key, payload)

    def publication(self, meeting_key: str) -> dict[str, Any] | None:
        rel = f"{P.PUBLICATIONS}/{meeting_key}.json"
        try:
            if not self.fs.exists(rel):
                return None
            doc = P.parse_json(self.fs.read_bytes(rel, P.MAX_JSON_BYTES))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except (OSError, ValueError):
            return {"_onleesbaar": True}  # only 'publish --herstel' may write it again
        try:
            doc = verify_doc(doc, trusted_secretariat_keys(self.fs))
        except Unverified:
            return {"_onleesbaar": True}
        valid = (
            doc.get("_record") in (None, f"publicatie:{meeting_key}")
            and doc.get("format") == P.PUBLICATION_FORMAT
            and doc.get("meeting_id") == meeting_key
        )
        # Damaged or forged (anyone can write in the share): 'publish --herstel' replaces it.
        return doc if valid else {"_onleesbaar": True}
