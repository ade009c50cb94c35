"""Share identity: ``stukken-share.json`` at the share root says "this is the queue of Stukken".

``meeting init`` writes it once, with a random ``share_id``, signed with the acting
secretariat key. A steller's application pins the ``share_id`` on first contact
(locally, per queue folder). A missing, unsigned or different marker means the share
is not there: a submission stays in the outbox and nothing is created on the share.
That is what keeps a stuk from vanishing into a new, empty folder where the share
used to be mounted.

The embedded default (``<data>/wachtrij``, a fresh install without a secretariat) is
initialised by the application itself with a local marker; a local marker counts in
that folder only.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from pathlib import Path
from typing import Any

from desktop.queue import protocol as P
from desktop.queue.anchor import current
from desktop.queue.secretariat_keys import signed_by_trusted, trusted_secretariat_keys
from desktop.share import AlreadyExists, NotFound, Share, ShareError

MARKER = "stukken-share.json"
MARKER_FORMAT = "stukken-share"
PINS_FILE = "gedeelde-mappen.json"
NOT_A_SHARE = "geen wachtrijmap van Stukken"
OTHER_SHARE = "een andere wachtrijmap"


def _marker_doc(signer_sign: Any, public_raw: bytes, key_id: str, local: bool) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": MARKER_FORMAT,
        "version": P.FORMAT_VERSION,
        "share_id": uuid.uuid4().hex,
        "created": P.now_iso(),
        "key_id": key_id,
    }
    if local:
        doc["lokaal"] = True
    return P.sign_document(doc, signer_sign, public_raw)


def embedded_default() -> Path:
    from desktop.config.paths import data_dir

    return data_dir() / "wachtrij"


def is_embedded_default(root: Path) -> bool:
    return os.path.abspath(root) == os.path.abspath(embedded_default())


def valid_marker(doc: Any, root: Path, fs: Share | None = None) -> bool:
    """Signed, of this format, and (a local marker) in the embedded default folder only.

    With a site folder the signer must be a trusted secretariat key (IT's list); without
    one the marker only names the share, and the steller pins its ``share_id``.
    """
    if not (
        isinstance(doc, dict)
        and doc.get("format") == MARKER_FORMAT
        and doc.get("version") == P.FORMAT_VERSION
        and isinstance(doc.get("share_id"), str)
        and doc["share_id"]
        and P.verify_document(doc)
    ):
        return False
    if doc.get("lokaal"):
        return is_embedded_default(root)
    if not current().site:
        return True
    return signed_by_trusted(doc, trusted_secretariat_keys(fs))


def read_marker(fs: Share) -> dict[str, Any] | None:
    """The valid marker of the share, or None (missing, damaged, unsigned). ``ShareError`` when unreachable."""
    try:
        raw = fs.read_bytes(MARKER, 64 * 1024)
    except NotFound:
        if not fs.available():
            raise
        return None
    except ShareError as exc:
        if exc.reason == "hangt" or not fs.available():
            raise
        return None  # too large, a FIFO, a folder: not a marker
    try:
        doc = P.parse_json(raw)
    except ValueError:
        return None
    return doc if valid_marker(doc, fs.root, fs) else None


def init_share(fs: Share, key: Any, create_root: bool = True) -> tuple[str, bool]:
    """Make ``fs.root`` a share: the folder (when missing) and the signed marker.

    Returns ``(share_id, created)``; an existing valid marker is kept. The only place
    (with the embedded default) that creates a share root or its marker.
    """
    if create_root and not fs.available():
        fs.create_root()
    existing = read_marker(fs)
    if existing is not None:
        return str(existing["share_id"]), False
    if fs.exists(MARKER):
        raise ShareError(
            f"In {fs.root} staat al een {MARKER} dat niet geldig is (niet ondertekend of beschadigd). "
            "Controleer de map; verwijder het bestand alleen als u zeker weet dat dit de juiste map is.",
            f"invalid marker present in {fs.root}",
            "ongeldig",
        )
    doc = _marker_doc(key.sign, key.public.ed25519_public, key.key_id, local=False)
    try:
        fs.write_exclusive(MARKER, json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"))
    except AlreadyExists:
        found = read_marker(fs)  # a colleague initialised it at the same moment
        if found is None:
            raise
        return str(found["share_id"]), False
    return str(doc["share_id"]), True


def _init_embedded(fs: Share) -> dict[str, Any] | None:
    """The application's own local default folder: made and marked locally, on first use."""
    from desktop.queue.keys import load_identity

    identity = load_identity()
    if not fs.available():
        fs.create_root()
    doc = _marker_doc(identity.sign, identity.public_raw, "lokaal", local=True)
    with contextlib.suppress(AlreadyExists):
        fs.write_exclusive(MARKER, json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"))
    return read_marker(fs)


def _pins_path() -> Path:
    from desktop.config.paths import data_dir

    return data_dir() / PINS_FILE


def _load_pins() -> dict[str, str]:
    try:
        data = json.loads(_pins_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _save_pins(pins: dict[str, str]) -> None:
    path = _pins_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(json.dumps(pins, indent=2), encoding="utf-8")
    os.replace(tmp, path)


def pinned_id(root: Path) -> str | None:
    return _load_pins().get(os.path.abspath(root))


def check_share(fs: Share) -> str:
    """The share's id when this is the share the steller knows; ``ShareError`` (offline) otherwise.

    Pins the id on first contact. Never creates anything, except the embedded default.
    """
    root = fs.root
    embedded = is_embedded_default(root)
    try:
        marker = read_marker(fs)
    except NotFound:
        if not embedded or not root.parent.is_dir():
            raise ShareError(
                f"De wachtrijmap {root} is niet bereikbaar.", f"share root missing: {root}", "onbereikbaar"
            ) from None
        marker = None
    if marker is None and embedded:
        marker = _init_embedded(fs)
    if marker is None:
        raise ShareError(
            f"{root} is geen wachtrijmap van Stukken (het kenmerkbestand {MARKER} ontbreekt of is niet "
            "geldig). Het secretariaat maakt die met 'meeting init'.",
            f"no valid {MARKER} in {root}",
            NOT_A_SHARE,
        )
    share_id = str(marker["share_id"])
    pins = _load_pins()
    key = os.path.abspath(root)
    known = pins.get(key)
    if known is None:
        pins[key] = share_id
        with contextlib.suppress(OSError):  # pinned again next time
            _save_pins(pins)
    elif known != share_id:
        raise ShareError(
            f"In {root} staat een andere wachtrij dan eerder (kenmerk {share_id[:8]} in plaats van "
            f"{known[:8]}). Er wordt niets ingediend; vraag het secretariaat of de map klopt.",
            f"share id {share_id} != pinned {known} for {root}",
            OTHER_SHARE,
        )
    return share_id
