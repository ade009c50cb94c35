"""Building a submission bundle: the plain files, then sealing (encrypt if needed, hash, sign).

A bundle is a set of files ``{relative name: bytes}``; the outbox keeps it locally
and the delivery copies it into the share. See ``docs/queue-format.md``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.queue import protocol as P
from desktop.queue.keys import Identity, b64
from desktop.queue.names import clean_attachment_name

CONFIDENTIAL = frozenset({"Vertrouwelijk", "Geheim"})


class BundleError(Exception):
    """The bundle cannot be made (an attachment too large or missing); Dutch ``str()``."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str  # as the steller named it
    path: Path


def is_confidential(draft: Any) -> bool:
    return draft.values.get("classificatie") in CONFIDENTIAL


def names_not_paths(draft: Any, formset: Any) -> Any:
    """The draft as submitted: attachment fields hold file names, never local paths.

    The window may keep full paths there; the document and the bundle show names only
    (a path would print on the A4tje and tell the share about the steller's disk).
    """
    from pathlib import PureWindowsPath

    form = formset.forms.get(draft.form) if hasattr(formset, "forms") else None
    if form is None:
        return draft
    fields = [f.id for f in form.fields if f.kind == "attachments"]
    if not any(
        isinstance(v, str) and ("/" in v or "\\" in v)
        for fid in fields
        for v in (draft.values.get(fid) or [])
        if isinstance(draft.values.get(fid), list)
    ):
        return draft
    copy = draft.copy()
    for fid in fields:
        value = copy.values.get(fid)
        if isinstance(value, list):
            copy.values[fid] = [PureWindowsPath(v).name if isinstance(v, str) else v for v in value]
    return copy


def attachment_files(
    attachments: Sequence[Attachment], max_bytes: int
) -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    """The attachments as bundle files, checked against the size limit."""
    files: dict[str, bytes] = {}
    listed: list[dict[str, Any]] = []
    for att in attachments:
        try:
            size = att.path.stat().st_size
        except OSError as exc:
            raise BundleError(
                f"De bijlage '{att.name}' is niet te lezen ({att.path}).", f"{type(exc).__name__}: {exc}"
            ) from exc
        if size > max_bytes:
            raise BundleError(
                f"De bijlage '{att.name}' is {size / 2**20:.1f} MB; de grens is "
                f"{max_bytes / 2**20:.0f} MB. Maak het bestand kleiner of verwijs ernaar.",
                f"{att.path}: {size} > {max_bytes} bytes",
            )
        name = clean_attachment_name(att.name)
        rel = f"{P.ATTACHMENTS}/{name}"
        if rel in files:
            raise BundleError(
                f"Er zijn twee bijlagen met de naam '{name}'; geef ze verschillende namen.",
                f"duplicate attachment name {name!r}",
            )
        try:
            data = att.path.read_bytes()
        except OSError as exc:
            raise BundleError(
                f"De bijlage '{att.name}' is niet te lezen ({att.path}).", f"{type(exc).__name__}: {exc}"
            ) from exc
        if len(data) > max_bytes:
            raise BundleError(f"De bijlage '{att.name}' is te groot.", f"{len(data)} > {max_bytes}")
        files[rel] = data
        # The SHA-256 binds a paraaf or advice to the attachments too (docs/queue-format.md).
        listed.append({"name": att.name, "file": rel, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
    return files, listed


def plain_files(
    draft: Any,
    *,
    submission_id: str,
    docx: bytes,
    attachments: Sequence[Attachment],
    account: str,
    draft_id: str | None,
    supersedes: str | None,
    max_attachment_bytes: int,
    route: list[dict[str, Any]] | None = None,
    route_requests: dict[str, str] | None = None,
) -> dict[str, bytes]:
    """``meta.json``, ``stuk.docx`` and ``bijlagen/*`` of a submission."""
    att_files, listed = attachment_files(attachments, max_attachment_bytes)
    meta = {
        "format": P.BUNDLE_FORMAT,
        "version": P.FORMAT_VERSION,
        "submission_id": submission_id,
        "created": P.now_iso(),
        "supersedes": supersedes,
        "draft_id": draft_id,
        "form": draft.form,
        "form_version": draft.form_version,
        "onderwerp": draft.get_text("onderwerp"),
        "steller": draft.get_text("steller"),
        "os_account": account,
        "classificatie": draft.get_text("classificatie") or "Openbaar",
        "document": P.DOCUMENT,
        "bijlagen": listed,
        "draft": draft.to_json(),
    }
    if route:
        meta["route"] = route  # the signed parafen and adviezen (desktop.queue.route_decide.verify_carried)
        # The signed time of each request they answer: no decision can be older than its request.
        meta["route_verzoeken"] = dict(route_requests or {})
    files = {P.META: json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8"), P.DOCUMENT: docx}
    files.update(att_files)
    return files


def manifest_bytes(submission_id: str, files: dict[str, bytes]) -> bytes:
    entries = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in sorted(files.items())
    }
    doc = {
        "format": P.BUNDLE_FORMAT,
        "version": P.FORMAT_VERSION,
        "submission_id": submission_id,
        "files": entries,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def seal(
    plain: dict[str, bytes],
    submission_id: str,
    identity: Identity,
    recipients: list[Any] | None = None,
) -> dict[str, bytes]:
    """The files as they go into the share: encrypted when ``recipients`` is given, then signed."""
    if recipients is not None:
        from desktop.queue.crypto import encrypt

        ciphertext, header = encrypt(plain, recipients, submission_id)
        stub = {
            "format": P.BUNDLE_FORMAT,
            "version": P.FORMAT_VERSION,
            "submission_id": submission_id,
            "vertrouwelijk": True,
        }
        files = {
            P.META: json.dumps(stub, indent=2).encode("utf-8"),
            P.CIPHERTEXT: ciphertext,
            P.KEY_HEADER: json.dumps(header, indent=2).encode("utf-8"),
        }
    else:
        files = dict(plain)
    manifest = manifest_bytes(submission_id, files)
    signature = {
        "algorithm": "ed25519",
        "public_key": identity.public_b64,
        "signature": b64(identity.sign(manifest)),
    }
    files[P.MANIFEST] = manifest
    files[P.SIGNATURE] = json.dumps(signature, indent=2).encode("utf-8")
    return files
