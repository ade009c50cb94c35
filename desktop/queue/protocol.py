"""Names and versions of the on-disk protocol (``docs/queue-format.md``), and signed JSON.

Everything that identifies the format lives here, so the writer, the reader and the
secretariat agree by construction.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from desktop.domain import workflow as wf
from desktop.queue.keys import b64, unb64, verify_signature

FORMAT_VERSION = 1

# Folders at the queue root.
SUBMITTED = "ingediend"
TEMP = "tmp"
QUARANTINE = "quarantaine"
WITHDRAWN = "ingetrokken"
STATUS = "status"
PUBLICATIONS = "publicaties"
KEYS = "sleutels/secretariaat"

# Files of a bundle.
META = "meta.json"
DOCUMENT = "stuk.docx"
ATTACHMENTS = "bijlagen"
MANIFEST = "manifest.json"
SIGNATURE = "handtekening.json"
CIPHERTEXT = "inhoud.enc"
KEY_HEADER = "sleutels.json"

# The "format" value of each JSON document.
BUNDLE_FORMAT = "stukken-bundel"
STATUS_FORMAT = "stukken-status"
WITHDRAWAL_FORMAT = "stukken-intrekking"
PUBLICATION_FORMAT = "stukken-publicatie"
KEY_FORMAT = "stukken-sleutel"

DEFAULT_MAX_ATTACHMENT_MB = 50
MAX_JSON_BYTES = 16 * 1024 * 1024
TEMP_MAX_AGE_S = 24 * 3600

# States of a submission: names kept for the queue's callers; the model is
# desktop.domain.workflow. The status files on the share carry protocol-1 words
# (STATUS_STATES), read through workflow.from_protocol_v1.
WAITING = wf.IN_DE_UITBAK
SUBMITTED_STATE = wf.INGEDIEND
RETURNED = wf.TERUGGESTUURD
WITHDRAWN_STATE = wf.INGETROKKEN
SCHEDULED = wf.GEAGENDEERD
DECIDED = wf.BESLOTEN
REPORTED = wf.TERUGGEKOPPELD
REPLACED = wf.VERVANGEN
STATUS_STATES = wf.PROTOCOL_V1_WORDS
# Once on an agenda a stuk can no longer be withdrawn by its steller.
PLACED_STATES = wf.PLACED


def canonical(obj: Any) -> bytes:
    """The bytes a signature covers: sorted keys, no spaces, UTF-8."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def sign_document(doc: dict[str, Any], sign: Any, public_raw: bytes) -> dict[str, Any]:
    """``doc`` plus ``public_key`` and ``signature`` (Ed25519 over the canonical rest)."""
    body = {k: v for k, v in doc.items() if k != "signature"}
    body["public_key"] = b64(public_raw)
    return {**body, "signature": b64(sign(canonical(body)))}


def verify_document(doc: Any, allowed_keys: set[str] | None = None) -> bool:
    """A signed document's signature holds (and, if given, its key is one of ``allowed_keys``)."""
    if not isinstance(doc, dict):
        return False
    key = doc.get("public_key")
    sig = doc.get("signature")
    if not isinstance(key, str) or not isinstance(sig, str):
        return False
    if allowed_keys is not None and key not in allowed_keys:
        return False
    body = {k: v for k, v in doc.items() if k != "signature"}
    try:
        return verify_signature(unb64(key), unb64(sig), canonical(body))
    except ValueError:
        return False


def parse_json(data: bytes) -> Any:
    """JSON from bytes; ``ValueError`` for anything that is not (including deep nesting)."""
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValueError(f"{type(exc).__name__}: {exc}") from exc
