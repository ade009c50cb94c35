"""Versioned records in the share: ``v000001.json``, ``v000002.json`` ... one signed file per write.

A writer states the version it based its change on; the next version's name is created
exclusively, so of two writers with the same base exactly one succeeds and the other
gets :class:`StaleError` with who changed it and when. Nothing is merged silently.

Only versions signed by a trusted secretariat key count (``desktop.secretariat.records``):
the latest is the highest-numbered file that verifies, so an unsigned, forged, damaged or
oddly named file (``v²²²²²².json``, a FIFO) is skipped and reported, never a blocker. A name
taken by such a file is skipped by the next writer (``_vorige_versie`` says which version it
follows). Each version carries the hash of the one before: a missing link is reported, and a
version older than the newest one this application verified is refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from desktop.queue.signed import content_hash, version_of
from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.records import RecordTrust
from desktop.share import AlreadyExists, ShareError

MAX_SKIPS = 100


class StaleError(SecretariatError):
    """A write based on an older version than the latest one in the share."""


# A version's name among all names of its folder joined by NUL (which no file name holds): a
# meeting saved hundreds of times lists hundreds of names, scanned in one regex call, not one
# Python test per name. ASCII digits only ("v²²²²²².json" is no version).
_VERSION_NAME = re.compile(r"\0v([0-9]{6,})\.json(?=\0)")


def _listed(trust: RecordTrust, folder: str) -> list[int]:
    """The version numbers named in ``folder``, in listing order."""
    names = trust.share.list_names(folder, sort=False)
    return list(map(int, _VERSION_NAME.findall("\0" + "\0".join(names) + "\0")))


def versions(trust: RecordTrust, folder: str) -> list[int]:
    """The version numbers named in ``folder`` (whether they verify or not), ascending."""
    return sorted(_listed(trust, folder))


def version_path(folder: str, version: int) -> str:
    return f"{folder}/v{version:06d}.json"


def read_version(trust: RecordTrust, folder: str, record: str, version: int) -> dict[str, Any] | None:
    rel = version_path(folder, version)
    doc = trust.read(rel, record)
    if doc is not None and version_of(doc) != version:
        trust.report(rel, "Het versienummer in het bestand past niet bij de naam (gekopieerd of verplaatst).",
                     f"_versie {doc.get('_versie')!r} in {rel}")
        return None
    return doc


# Version files are written once and never changed, so a version verified before need not be
# read again: a later poll lists the folder (one round trip on SMB) and opens only what is new.
# A record in a final state (``final``: a published meeting) gets no later version at all, so
# once verified it is not even listed again (a published meeting kept in view has hundreds of
# versions: benchmark inbox_poll_history_smb).
class _Cached(NamedTuple):
    version: int
    record: str
    raw: bytes  # the verified object as JSON: every caller gets a fresh copy
    digest: str
    public: bytes  # the signer's key then: the cache counts only while it is still trusted
    final: bool


_CACHE_MAX = 4096
_cache: dict[tuple[str, str], _Cached] = {}


def _from_cache(trust: RecordTrust, folder: str, record: str, cached: _Cached) -> dict[str, Any] | None:
    if cached.record != record:
        return None
    doc = json.loads(cached.raw)  # a fresh copy: callers change what they load
    if trust.trusted().get(str(doc.get("key_id"))) != cached.public:
        return None  # its signer is no longer trusted: read and verify again
    trust.check_not_older(record, cached.version, doc, folder, cached.digest)
    return doc


def load_latest(trust: RecordTrust, folder: str, record: str,
                final: Callable[[dict[str, Any]], bool] | None = None) -> tuple[int, dict[str, Any]] | None:
    """The latest verified version and its data, or ``None`` when no version verifies.

    ``final(doc)`` tells that a version is the record's last (no transition leads out of its
    state): verified once, it is used without listing the folder again.
    Raises :class:`SecretariatError` when it is older than a version this application saw.
    """
    cache_key = (str(trust.share.root), folder)
    cached = _cache.get(cache_key)
    if final is not None and cached is not None and cached.final:
        doc = _from_cache(trust, folder, record, cached)
        if doc is not None:
            return cached.version, doc
    listed = _listed(trust, folder)
    latest = max(listed, default=0)
    if latest and cached is not None and cached.version == latest:
        doc = _from_cache(trust, folder, record, cached)
        if doc is not None:
            return latest, doc
    for version in sorted(listed, reverse=True):
        doc = read_version(trust, folder, record, version)
        if doc is None:
            continue
        digest = content_hash(doc)
        seen = trust.seen.get(record)
        trust.check_not_older(record, version, doc, folder, digest)
        if seen is None or version > seen[0]:
            _check_chain(trust, folder, record, version, doc)
            trust.seen.note(record, version, digest)
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        _cache[cache_key] = _Cached(version, record, json.dumps(doc).encode("utf-8"), digest,
                                    trust.trusted().get(str(doc.get("key_id")), b""),
                                    final is not None and final(doc))
        return version, doc
    seen = trust.seen.get(record)
    if seen is not None:
        trust.check_not_older(record, 0, {}, folder)
    return None


def _check_chain(trust: RecordTrust, folder: str, record: str, version: int, doc: dict[str, Any]) -> None:
    """Follow the chain back to the version seen before (all of it on first sight); report a gap."""
    seen = trust.seen.get(record)
    stop = seen[0] if seen else 0
    while version > stop:
        prev = doc.get("_vorige_versie", version - 1 if version > 1 else 0)
        if not isinstance(prev, int) or prev < 0 or prev >= version:
            trust.report(version_path(folder, version), "De keten van versies is onderbroken.", f"bad _vorige_versie {prev!r}")
            return
        if prev == 0:
            return
        if prev < stop:
            break
        before = read_version(trust, folder, record, prev)
        if before is None or content_hash(before) != doc.get("_vorige_hash"):
            trust.report(
                version_path(folder, prev),
                f"Versie {prev} ontbreekt of is gewijzigd: de keten van versies is onderbroken (gat).",
                f"{record}: v{version} links to v{prev}, which is missing or has another hash",
            )
            return
        version, doc = prev, before
    if seen and version == stop and content_hash(doc) != seen[1]:
        trust.report(folder, "Een eerder geziene versie is gewijzigd.", f"{record}: v{stop} hash differs")


def save(trust: RecordTrust, folder: str, record: str, data: dict[str, Any], base: int, actor: str,
         what: str) -> int:
    """Write ``data`` as the version after ``base``; :class:`StaleError` when ``base`` is not the latest."""
    found = load_latest(trust, folder, record)
    latest = found[0] if found else 0
    if latest != base:
        raise _stale(found, base, what, folder)
    body = {k: v for k, v in data.items() if not k.startswith("_")}
    body.update(_record=record, _vorige_versie=base, _vorige_hash=content_hash(found[1]) if found else "",
                _door=actor, _op=datetime.now().astimezone().isoformat(timespec="seconds"))
    new = base + 1
    for _ in range(MAX_SKIPS):
        body["_versie"] = new
        try:
            trust.share.write_exclusive(version_path(folder, new), trust.sign(body))
        except AlreadyExists:
            # (A colleague's file still being filled in place is waited for by ``trust.read``.)
            if read_version(trust, folder, record, new) is not None:
                raise _stale(load_latest(trust, folder, record), base, what, folder) from None
            new += 1  # a file that does not verify holds the name: skip it (reported)
            continue
        except ShareError as exc:
            raise SecretariatError(str(exc), exc.detail) from exc
        trust.seen.note(record, new, content_hash(body))
        return new
    raise SecretariatError(f"{what} kan niet worden opgeslagen: te veel onbruikbare bestanden in {folder}.",
                           f"{MAX_SKIPS} names taken after v{base} in {folder}")


def _stale(found: tuple[int, dict[str, Any]] | None, base: int, what: str, folder: str) -> StaleError:
    data = found[1] if found else {}
    who = str(data.get("_door") or "een collega")
    when = str(data.get("_op") or "zojuist")
    return StaleError(
        f"{what} is intussen gewijzigd door {who} ({when}). Uw wijziging is NIET opgeslagen; "
        "laad de nieuwste versie en voer de wijziging opnieuw uit.",
        f"stale write: base v{base}, latest v{found[0] if found else 0} in {folder}",
    )
