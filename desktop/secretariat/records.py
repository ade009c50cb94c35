"""Reading and writing the secretariat's signed records in the share (``desktop.queue.signed``).

``RecordTrust`` is what every store of the secretariat shares: the trusted keys (one
decision, ``trusted_secretariat_keys``), this machine's signing key, the local memory of
verified versions, and the list of problems: every file that was skipped because it is
unsigned, forged, damaged, out of place or older than what was seen before.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.queue import protocol as P
from desktop.queue.signed import (
    Problem,
    SeenVersions,
    Unverified,
    content_hash,
    record_bytes,
    verify_bytes,
)
from desktop.secretariat.errors import SecretariatError
from desktop.share import Share, ShareError

TRUSTED_TTL_S = 30.0
MAX_RECORD_BYTES = 4 * 1024 * 1024
YOUNG_RETRIES = 20
MAX_VERIFIED_CACHE = 50_000


class RecordTrust:
    def __init__(self, share: Share, data_dir: Path, signer: Callable[[], Any],
                 trusted: Callable[[], dict[str, bytes]] | None = None) -> None:
        self.share = share
        self.seen = SeenVersions.for_share(data_dir, share.root)
        self.problems: list[Problem] = []
        self._signer = signer
        self._trusted_fn = trusted
        self._trusted: tuple[float, dict[str, bytes]] | None = None
        # SHA-256 of bytes already verified -> (key id, record, public key), this process only.
        self._verified: dict[bytes, tuple[str, str | None, bytes]] = {}

    @staticmethod
    def for_key(share: Share, data_dir: Path, key: Any) -> RecordTrust:
        """Signs with ``key`` and trusts only it (benchmarks, tools and tests without a published key)."""
        trusted = {key.key_id: key.public.ed25519_public}
        return RecordTrust(share, data_dir, lambda: key, lambda: trusted)

    # -- keys -------------------------------------------------------------------------------
    def trusted(self) -> dict[str, bytes]:
        now = time.monotonic()
        if self._trusted is None or now - self._trusted[0] > TRUSTED_TTL_S:
            if self._trusted_fn is not None:
                keys = self._trusted_fn()
            else:
                from desktop.queue.secretariat_keys import trusted_secretariat_keys

                keys = trusted_secretariat_keys(self.share)
            self._trusted = (now, keys)
        return self._trusted[1]

    def forget_keys(self) -> None:
        self._trusted = None

    def key(self) -> Any:
        """The key this machine signs with; refused when the share does not trust it."""
        key = self._signer()
        if key.key_id not in self.trusted():
            self.forget_keys()
            if key.key_id not in self.trusted():
                raise SecretariatError(
                    "De sleutel van het secretariaat op deze computer wordt (nog) niet vertrouwd; er is niets "
                    "ondertekend of opgeslagen. Vraag de beheerder de sleutel toe te voegen.",
                    f"own key {key.key_id} not among the trusted secretariat keys",
                )
        return key

    def sign(self, doc: dict[str, Any]) -> bytes:
        """The file bytes of ``doc`` signed by this machine's (trusted) key.

        The bytes count as verified for ``doc``'s ``_record``: once written they are read back
        (the next claim, the next load) without checking our own signature again.
        """
        key = self.key()
        raw = record_bytes(doc, key)
        record = doc.get("_record")
        self._remember(raw, key.key_id, record if isinstance(record, str) else None)
        return raw

    def _remember(self, raw: bytes, key_id: str, record: str | None) -> None:
        if len(self._verified) > MAX_VERIFIED_CACHE:
            self._verified.clear()
        self._verified[hashlib.sha256(raw).digest()] = (key_id, record, self.trusted()[key_id])

    # -- reading ----------------------------------------------------------------------------
    def report(self, waar: str, melding: str, detail: str = "") -> None:
        problem = Problem(waar, melding, detail)
        if problem not in self.problems:
            self.problems.append(problem)

    def read(self, rel: str, record: str | None) -> dict[str, Any] | None:
        """The verified record in ``rel``, or None (reported) when it may not be believed.

        A hanging share raises: that is not one bad file but no share.
        """
        try:
            raw = self.share.read_bytes(rel, MAX_RECORD_BYTES)
        except ShareError as exc:
            if exc.reason == "hangt":
                raise
            self.report(rel, f"Niet leesbaar: {exc}", exc.detail)
            return None
        digest = hashlib.sha256(raw).digest()
        hit = self._verified.get(digest)
        if hit is not None and hit[1] == record and self.trusted().get(hit[0]) == hit[2]:
            # These exact bytes were verified before, by a key that is still trusted: no second
            # signature check, but a fresh object parsed from the bytes in hand.
            return dict(P.parse_json(raw))
        refreshed = False
        for _ in range(YOUNG_RETRIES):
            try:
                doc = verify_bytes(raw, self.trusted(), record)
                self._remember(raw, str(doc["key_id"]), record)
                return doc
            except Unverified as exc:
                if exc.detail.startswith("key_id") and not refreshed:
                    refreshed = True  # a colleague's key published since the keys were read
                    self.forget_keys()
                    continue
                # A writer on a share without hard links fills its exclusive file in place.
                if exc.detail.startswith("JSON") and self.share.young(rel):
                    time.sleep(0.1)
                    with contextlib.suppress(ShareError):
                        raw = self.share.read_bytes(rel, MAX_RECORD_BYTES)
                    continue
                self.report(rel, str(exc), exc.detail)
                return None
        self.report(rel, "Het bestand is beschadigd (geen geldige JSON).", "still not JSON while young")
        return None

    def verified(self, raw: bytes, record: str | None) -> dict[str, Any] | None:
        """``raw`` verified, without reporting (a name just taken by someone else)."""
        try:
            return verify_bytes(raw, self.trusted(), record)
        except Unverified:
            return None

    def check_not_older(self, record: str, version: int, doc: dict[str, Any], where: str,
                        digest: str | None = None) -> None:
        """Rollback and freeze: refuse a version below the highest one this application verified."""
        seen = self.seen.get(record)
        if seen is None:
            return
        if version < seen[0]:
            message = (f"De nieuwste versie ({seen[0]}) van {where} ontbreekt of is vervangen door een oudere "
                       f"(versie {version}); er wordt niet op de oudere versie verder gewerkt.")
            self.report(where, message, f"{record}: found v{version}, seen v{seen[0]}")
            raise SecretariatError(message, f"rollback of {record}: v{version} < v{seen[0]}")
        if version == seen[0] and (digest or content_hash(doc)) != seen[1]:
            message = f"Er zijn twee verschillende versies {version} van {where}; de gedeelde map is gewijzigd."
            self.report(where, message, f"{record}: v{version} hash differs from the one seen")
            raise SecretariatError(message, f"fork of {record} at v{version}")


def json_record(doc: dict[str, Any]) -> dict[str, Any]:
    """The record's own fields (without signature or chain), to write a next version from."""
    return {k: v for k, v in doc.items() if not k.startswith("_") and k not in ("public_key", "signature", "key_id")}

