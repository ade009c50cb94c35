"""Listing the queue: every bundle with its verification state, robust against anything.

Bundles are immutable once published. A listing reads ``ingediend/`` flat (names and
types, no stat) and opens only bundles it has not seen before; a local index (in the
data folder, never on the share) remembers the verification of the others. What is
trusted is verified again on the bytes at the moment it is used (``recheck``).
Malformed entries go to the quarantine folder with a reason file; temporaries older
than 24 hours are removed (``housekeeping``). Any error on one entry affects that entry
only. A listed bundle's row comes from ``listing_entry``, its withdrawal from ``withdrawals``.
"""

from __future__ import annotations

import builtins
import hashlib
import json
import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from desktop.config.paths import data_dir
from desktop.queue import housekeeping
from desktop.queue import protocol as P
from desktop.queue.crypto import DecryptError
from desktop.queue.listing_entry import listing_entry
from desktop.queue.secretariat_keypair import decrypt_files
from desktop.queue.trust import TrustStore
from desktop.queue.verify import (
    DEFAULT_MAX_FILE_BYTES,
    Checked,
    Malformed,
    check_bundle,
)
from desktop.queue.withdrawals import apply_withdrawals
from desktop.share import NotFound, Share, ShareError

INDEX_VERSION = 2
ARCHIVE = "archief"  # archief/<JJJJ>/ingediend/<id>: finished stukken (docs/queue-format.md)
CLEANUP_EVERY_S = 600.0
VERIFIED_FILES = "_bestanden"  # in a recheck entry: the plain files as verified (decrypted if confidential)


@dataclass
class Listing:
    entries: list[dict[str, Any]] = field(default_factory=list)
    quarantined: list[dict[str, str]] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # incomplete for now (a lagging listing)
    removed_temporaries: int = 0


def index_path(root: Path) -> Path:
    key = hashlib.sha256(str(Path(root).absolute()).encode("utf-8")).hexdigest()[:16]
    return data_dir() / "wachtrij-index" / f"{key}.json"


class QueueReader:
    """Lists one queue folder; keep the instance to keep its index in memory."""

    def __init__(
        self,
        fs: Share,
        *,
        trust: TrustStore | None = None,
        secretariat_keys: list[Any] | None = None,
        grace_s: float = 60.0,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        temp_max_age_s: float = P.TEMP_MAX_AGE_S,
        index_file: Path | None = None,
    ) -> None:
        self.fs = fs
        self.trust = trust
        self.keys = secretariat_keys
        self.grace_s = grace_s
        self.max_file = max_file_bytes
        self.temp_max_age_s = temp_max_age_s
        self.index_file = index_file or index_path(fs.root)
        self._index: dict[str, Any] | None = None
        self._dirty = False
        self._last_cleanup = 0.0
        # The last open listing, reused while the names, the trust list and the index are the same.
        self._memo: tuple[frozenset[str], str, builtins.list[dict[str, Any]]] | None = None
        self._complete = True
        self._clear: dict[str, dict[str, Any]] = {}  # decrypted meta of confidential bundles: memory only
        self._verified: tuple[str, dict[str, bytes] | None] = ("", None)

    # -- index ---------------------------------------------------------------
    def _load_index(self) -> dict[str, Any]:
        if self._index is None:
            try:
                data = json.loads(self.index_file.read_text(encoding="utf-8"))
                ok = isinstance(data, dict) and data.get("version") == INDEX_VERSION
                self._index = data.get("bundles", {}) if ok else {}
            except (OSError, ValueError):
                self._index = {}  # rebuilt from the share
        return self._index

    def _save_index(self) -> None:
        if not self._dirty or self._index is None:
            return
        try:
            self.index_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.index_file.with_name(f".{self.index_file.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
            tmp.write_text(json.dumps({"version": INDEX_VERSION, "bundles": self._index}), encoding="utf-8")
            os.replace(tmp, self.index_file)
            self._dirty = False
        except OSError:
            pass  # only a cache: the next listing verifies again

    # -- listing -------------------------------------------------------------
    def list(self, archive: bool = False) -> Listing:
        """The open bundles (``ingediend/``); with ``archive`` also the finished ones (``archief/``)."""
        out = Listing()
        if time.monotonic() - self._last_cleanup > CLEANUP_EVERY_S:
            out.removed_temporaries = self.cleanup_temporaries()
            self._last_cleanup = time.monotonic()
        index = self._load_index()
        try:
            names = frozenset(self.fs.names(P.SUBMITTED))
        except NotFound:
            if not self.fs.available():
                # A vanished share is not an empty queue.
                raise ShareError(
                    f"De wachtrijmap {self.fs.root} is niet bereikbaar.", f"not a directory: {self.fs.root}"
                ) from None
            names = frozenset()
        trust_snapshot = self.trust.snapshot() if self.trust is not None else None
        trust_key = json.dumps(trust_snapshot, sort_keys=True) if trust_snapshot else ""
        memo = self._memo
        if not archive and memo is not None and memo[0] == names and memo[1] == trust_key:
            # Nothing new: the entries of the last listing (bundles are immutable), no bundle opened.
            out.entries = list(memo[2])  # the same entry dicts: callers copy before changing one
            apply_withdrawals(self.fs, out.entries)
            return out
        try:
            entries = self.fs.listdir(P.SUBMITTED) if names else []
        except NotFound:
            entries = []
        listed = set(names)
        self._complete = True
        self._list_folder(P.SUBMITTED, entries, out, trust_snapshot, quarantine=True)
        memoize = not archive and self._complete and not out.waiting
        if archive:
            for year in self._archive_years():
                folder = f"{ARCHIVE}/{year}/{P.SUBMITTED}"
                try:
                    found = self.fs.listdir(folder)
                except NotFound:
                    continue
                listed |= {e.name for e in found}
                self._list_folder(folder, found, out, trust_snapshot, quarantine=False)
        for gone in set(index) - listed:
            # Archived bundles stay in the index while only the open ones are listed.
            if archive or index[gone].get("folder", P.SUBMITTED) == P.SUBMITTED:
                index.pop(gone, None)
                self._dirty = True
        apply_withdrawals(self.fs, [e for e in out.entries if e["map"] == P.SUBMITTED])
        self._save_index()
        out.entries.sort(key=itemgetter("aangekomen", "id"))
        self._memo = None
        if memoize:
            done = self.trust.snapshot() if self.trust is not None else None
            self._memo = (names, json.dumps(done, sort_keys=True) if done else "", list(out.entries))
        return out

    def _archive_years(self) -> builtins.list[str]:
        try:
            return sorted(e.name for e in self.fs.listdir(ARCHIVE) if e.is_dir and e.name.isdigit())
        except NotFound:
            return []

    def _list_folder(self, folder: str, entries: builtins.list[Any], out: Listing,
                     trust_snapshot: dict[str, Any] | None, quarantine: bool) -> None:
        index = self._load_index()
        for e in entries:
            name = e.name
            try:
                cached = index.get(name)
                if cached is not None and cached.get("folder", P.SUBMITTED) == folder and self._keys_same(name, cached):
                    record = cached  # immutable once published: no stat, no read
                else:
                    if e.is_symlink or not e.is_dir:
                        raise Malformed(f"'{name}' is geen bundelmap.", f"not a directory: {name!r}")
                    record = self.fs.run(lambda n=name, c=cached: self._verify(n, c, folder),
                                         what=f"bundel {name} controleren")
                    index[name] = record
                    self._dirty = True
            except NotFound:
                self._complete = False
                continue  # gone since the listing (or a lagging listing): next poll
            except Malformed as bad:
                self._complete = False
                if bad.missing and self._young_entry(folder, name):
                    out.waiting.append(name)
                    continue
                if quarantine and self._quarantine(folder, name, bad):
                    out.quarantined.append({"name": name, "reason": bad.reason})
                continue
            except ShareError as exc:
                if exc.reason == "hangt":
                    raise  # a hanging share is not one bad entry
                self._complete = False
                continue  # this entry could not be read now; the others still list
            out.entries.append(self._entry(record, trust_snapshot))

    def recheck(self, name: str, folder: str | None = None) -> dict[str, Any] | None:
        """Verify one bundle again on its bytes now (before it is used); its listing entry, or None.

        The entry carries ``VERIFIED_FILES``: ``meta.json`` and ``stuk.docx`` exactly as read
        and matched with the signed manifest (decrypted for a confidential stuk with our key),
        so accepting or placing uses the bytes that were checked (no second read)."""
        cached = self._load_index().get(name)
        folder = folder or str((cached or {}).get("folder", P.SUBMITTED))
        try:
            record = self.fs.run(lambda: self._verify(name, cached, folder, keep=(P.DOCUMENT,)),
                                 what=f"bundel {name} controleren")
        except Malformed:
            return None
        files = self._verified[1] if self._verified[0] == name else None
        self._load_index()[name] = record
        self._dirty = True
        self._memo = None
        self._save_index()
        entry = self._entry(record, self.trust.snapshot() if self.trust is not None else None)
        apply_withdrawals(self.fs, [entry] if folder == P.SUBMITTED else [])
        if files is not None:
            entry[VERIFIED_FILES] = files  # the bytes that were verified: use these, never re-read
        return entry

    def moved(self, name: str, folder: str) -> None:
        """The secretariat moved bundle ``name`` into ``folder`` (the archive): keep its verification."""
        record = self._load_index().get(name)
        if record is not None:
            record["folder"] = folder
            self._dirty = True
            self._memo = None
            self._save_index()

    def _young_entry(self, folder: str, name: str) -> bool:
        try:
            return self._young(self.fs.lstat(f"{folder}/{name}").st_mtime_ns)
        except ShareError:
            return False

    def _key_ids(self) -> builtins.list[str]:
        return sorted(str(getattr(k, "key_id", "")) for k in self.keys or [])

    def _keys_same(self, name: str, cached: dict[str, Any]) -> bool:
        """A confidential entry read without our keys is read again now that we have them, and
        once per process with them (its decrypted meta is never written to the index)."""
        if not cached.get("confidential"):
            return True
        return cached.get("keys", []) == self._key_ids() and (not self.keys or name in self._clear)

    def _young(self, mtime_ns: int) -> bool:
        return time.time() - mtime_ns / 1e9 < self.grace_s

    def _verify(self, name: str, cached: dict[str, Any] | None, folder: str = P.SUBMITTED,
                keep: tuple[str, ...] = ()) -> dict[str, Any]:
        """Check the bundle; the index record. A confidential bundle's decrypted meta stays in
        memory only (``_clear``): the index on disk never holds confidential content."""
        checked = check_bundle(self.fs, name, self.max_file, folder,
                               keep=(*keep, P.CIPHERTEXT) if self.keys else keep)
        meta = checked.meta
        self._clear.pop(name, None)
        plain = dict(checked.files)
        if checked.confidential and self.keys:
            opened = self._decrypted(checked)
            if opened is not None:
                plain = opened
                self._clear[name] = {k: v for k, v in P.parse_json(opened[P.META]).items() if k != "draft"}
        self._verified = (name, plain if checked.ok else None)
        first_seen = (cached or {}).get("first_seen") or datetime.now(UTC).astimezone().isoformat(
            timespec="seconds"
        )
        return {
            "folder": folder,
            "ok": checked.ok,
            "problem": checked.problem,
            "public_key": checked.public_key,
            "confidential": checked.confidential,
            "first_seen": first_seen,
            "keys": self._key_ids() if checked.confidential else [],
            "meta": {k: v for k, v in meta.items() if k != "draft"},  # the plain meta.json only
        }

    def _decrypted(self, checked: Checked) -> dict[str, bytes] | None:
        """The plain files of a verified confidential bundle, from its verified bytes."""
        if not checked.ok:
            return None
        try:
            files = decrypt_files(checked.files, checked.submission_id, self.keys)
            meta = P.parse_json(files[P.META])
        except (DecryptError, KeyError, ValueError):
            return None
        ok = isinstance(meta, dict) and meta.get("submission_id") == checked.submission_id
        return files if ok else None

    def _entry(self, record: dict[str, Any], trust_snapshot: dict[str, Any] | None) -> dict[str, Any]:
        meta = self._clear.get(str(record["meta"].get("submission_id", ""))) or record["meta"]
        return listing_entry(record, meta, self.trust, trust_snapshot)

    # -- housekeeping --------------------------------------------------------
    def _quarantine(self, folder: str, name: str, bad: Malformed) -> bool:
        """Move ``folder/name`` aside with a reason file and forget it; False if the share refuses."""
        if not housekeeping.quarantine(self.fs, folder, name, bad):
            return False
        if self._index is not None and self._index.pop(name, None) is not None:
            self._dirty = True
        return True

    def cleanup_temporaries(self) -> int:
        """Remove temporaries older than the limit (writers that died); returns how many."""
        return housekeeping.cleanup_temporaries(self.fs, self.temp_max_age_s)
