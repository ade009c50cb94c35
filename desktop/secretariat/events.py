"""The record of every status change: one small signed file per event in the share, never rewritten.

One file per event (rather than appending to a shared file) because appends from two
machines to one file over SMB can interleave or be lost. These records feed the process
figures (lead times, how often sent back or held over).

The log is one hash chain (``_record`` "logboek"): event ``n`` is
``logboek/<JJJJ-MM>/<n:09d>.json``, created exclusively, and names the event before it
(``_vorige_versie``, ``_vorige_hash``). Of two secretaries writing at once, one gets the name
and the other takes the next. A file that does not verify is skipped and reported; a
missing event (a gap) or a missing newest one is reported by ``read_all``.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from desktop.queue.signed import content_hash, version_of
from desktop.secretariat.records import RecordTrust
from desktop.share import AlreadyExists, ShareError

RECORD = "logboek"
_MONTH = re.compile(r"\d{4}-\d{2}", re.ASCII)
_NAMES = re.compile(r"\0([0-9]{9})\.json(?=\0)")  # an event file name among names joined by NUL
MAX_TRIES = 200


def _path(folder: str, month: str, seq: int) -> str:
    return f"{folder}/{month}/{seq:09d}.json"


def _months(trust: RecordTrust, folder: str) -> list[str]:
    return sorted(n for n in trust.share.list_names(folder, sort=False) if _MONTH.fullmatch(n))


def _entries(trust: RecordTrust, folder: str, month: str) -> list[int]:
    # A month holds thousands of events: one regex call over all names (joined by NUL, which no
    # name holds), not a match per name.
    names = trust.share.list_names(f"{folder}/{month}", sort=False)
    return sorted(map(int, _NAMES.findall("\0" + "\0".join(names) + "\0")))


def _read(trust: RecordTrust, folder: str, month: str, seq: int) -> dict[str, Any] | None:
    rel = _path(folder, month, seq)
    doc = trust.read(rel, RECORD)
    if doc is not None and version_of(doc) != seq:
        trust.report(rel, "Het volgnummer in het bestand past niet bij de naam.", f"_versie {doc.get('_versie')!r}")
        return None
    return doc


def latest(trust: RecordTrust, folder: str, months: list[str] | None = None) -> tuple[int, dict[str, Any]] | None:
    """The newest verified event (searched from the newest month back, or in ``months`` only)."""
    best: tuple[int, dict[str, Any]] | None = None
    for month in months if months is not None else reversed(_months(trust, folder)):
        for seq in reversed(_entries(trust, folder, month)):
            doc = _read(trust, folder, month, seq)
            if doc is not None:
                if best is None or seq > best[0]:
                    best = (seq, doc)
                break
        if best is not None and months is None:
            break
    return best


def record(trust: RecordTrust, folder: str, kind: str, actor: str, subject: str, now: datetime | None = None,
           **details: Any) -> dict[str, Any]:
    """Write one event (at ``now``, default the clock); a failure raises :class:`desktop.share.ShareError`."""
    now = now or datetime.now().astimezone()
    clash = {"soort", "door", "op", "onderwerp_id"} & set(details)
    if clash:
        raise ValueError(f"event details may not override {sorted(clash)}")
    event = {
        **{k: v for k, v in details.items() if not k.startswith("_")},
        "soort": kind,
        "door": actor,
        "op": now.isoformat(timespec="milliseconds"),
        "onderwerp_id": subject,
        "_record": RECORD,
    }
    month = now.strftime("%Y-%m")
    here = latest(trust, folder, [month])  # a clock set wrong once may have written a later month
    # When this month is the newest, the newest event is the one just found: no second look.
    newest = here if here is not None and _months(trust, folder)[-1:] == [month] else latest(trust, folder)
    found = here if here is not None and (newest is None or here[0] > newest[0]) else newest
    base = found[0] if found else 0
    seen = trust.seen.get(RECORD)
    if seen is not None and seen[0] > base:
        trust.report(folder, f"Gebeurtenis {seen[0]} van het logboek ontbreekt (eerder gezien).",
                     f"log: newest verified {base}, seen {seen[0]}")
    event.update(_vorige_versie=base, _vorige_hash=content_hash(found[1]) if found else "")
    seq = max(base, seen[0] if seen else 0) + 1
    for _ in range(MAX_TRIES):
        event["_versie"] = seq
        path = _path(folder, month, seq)
        try:
            trust.share.write_exclusive(path, trust.sign(event))
        except AlreadyExists:
            taken = _read(trust, folder, month, seq)  # waits for a file still being filled in place
            if taken is not None:  # a colleague's event: chain after it
                event.update(_vorige_versie=seq, _vorige_hash=content_hash(taken))
            seq += 1  # after a colleague's event, or past a file that does not verify
            continue
        trust.seen.note(RECORD, seq, content_hash(event))
        return event
    raise ShareError("Het logboek kon niet worden bijgewerkt (te veel gelijktijdige schrijvers).",
                     f"no free log name after {MAX_TRIES} tries")


def _read_month(trust: RecordTrust, folder: str, month: str) -> dict[int, dict[str, Any]]:
    found = {}
    for seq in _entries(trust, folder, month):
        doc = _read(trust, folder, month, seq)
        if doc is not None:
            found[seq] = doc
    return found


def read_all(trust: RecordTrust, folder: str, subject: str | None = None,
             months: set[str] | None = None) -> list[dict[str, Any]]:
    """The verified events, oldest first; gaps and a missing newest event are reported.

    ``months`` ("2027-01", ...) limits the month folders read (and then no chain is checked).
    """
    chain: dict[int, dict[str, Any]] = {}
    for month in _months(trust, folder):
        if months is not None and month not in months:
            continue
        # One share call per month folder: a hang still ends within the time-out, and a
        # month of files costs one hand-over to the share's worker instead of one per file.
        chain.update(trust.share.run(lambda month=month: _read_month(trust, folder, month), None, "logboek lezen"))
    for seq, doc in chain.items() if months is None else ():
        prev = doc.get("_vorige_versie")
        if prev and (prev not in chain or content_hash(chain[prev]) != doc.get("_vorige_hash")):
            trust.report(folder, f"Gebeurtenis {prev} van het logboek ontbreekt of is gewijzigd (gat in de keten).",
                         f"log event {seq} links to {prev}")
    seen = trust.seen.get(RECORD)
    newest = max(chain, default=0)
    if months is not None:
        pass
    elif seen is not None and seen[0] > newest:
        trust.report(folder, f"De nieuwste gebeurtenis ({seen[0]}) van het logboek ontbreekt.",
                     f"log: newest verified {newest}, seen {seen[0]}")
    elif newest:
        trust.seen.note(RECORD, newest, content_hash(chain[newest]))
    out = [d for _, d in sorted(chain.items()) if subject is None or d.get("onderwerp_id") == subject]
    return [{k: v for k, v in d.items() if not k.startswith("_") and k not in ("public_key", "signature", "key_id")}
            for d in out]
