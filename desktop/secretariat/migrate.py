"""``meeting migreer`` and ``meeting keys --overdragen``: signing records once, and moving them to a key.

Migration: a share written before signed records holds unsigned meeting and zaak versions,
number claims, placements, log entries and arrival records. A trusted secretary signs them
once: every record is first read and checked against the others (a meeting's items against
the zaken, a zaak's number against its claim, a placement against its meeting, numbers
given twice); any contradiction refuses the whole migration and signs nothing. Then each
record is signed in place with its chain (``_record``, ``_vorige_versie``, ``_vorige_hash``),
the old log entries become the start of the log's chain, and a signed marker
(``secretariaat/migratie.json``) says it is done: unsigned files that turn up later are
forgeries, never signed by a second run.

Hand-over: every record signed by a key that is about to be delisted is signed again, in
place, by the acting trusted key. The chain hashes cover content, not signatures, so every
chain stays whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop.domain import workflow as wf
from desktop.queue import protocol as P
from desktop.queue.identity import MARKER as MARKER_FILE
from desktop.queue.signed import Unverified, content_hash, sign_record, verify_doc, version_of
from desktop.secretariat import arrivals, events
from desktop.secretariat.archive import archived
from desktop.secretariat.archive import years as archive_years
from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.numbers import format_number
from desktop.share import ShareError, dumps

if TYPE_CHECKING:
    from desktop.secretariat.service import Secretariaat

MARKER = "migratie.json"
_VERSION = re.compile(r"v(\d{6,9})\.json", re.ASCII)
_CLAIM = re.compile(r"(\d{7})\.json", re.ASCII)
_ROUND = re.compile(r"(\d{3})\.json", re.ASCII)


@dataclass
class Found:
    """The unsigned records of a share, read and parsed, before anything is written."""

    versioned: dict[str, tuple[str, list[tuple[int, dict[str, Any]]]]] = field(default_factory=dict)
    claims: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    placements: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    log: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    arrivals: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def count(self) -> int:
        return (sum(len(v) for _, v in self.versioned.values()) + len(self.claims) + len(self.placements)
                + len(self.log) + len(self.arrivals))


def _roots(sec: Secretariaat, folder: str) -> list[str]:
    return [folder] + [archived(folder, y) for y in archive_years(sec.share)]


def _unsigned(sec: Secretariaat, rel: str, found: Found) -> dict[str, Any] | None:
    """The parsed file when it is an unsigned record; None when signed already (or not JSON)."""
    try:
        doc = P.parse_json(sec.share.read_bytes(rel, P.MAX_JSON_BYTES))
    except (ShareError, ValueError) as exc:
        found.problems.append(f"{rel}: niet leesbaar ({exc})")
        return None
    if not isinstance(doc, dict):
        found.problems.append(f"{rel}: geen object")
        return None
    return None if "signature" in doc else doc


def collect(sec: Secretariaat) -> Found:
    found = Found()
    share, lay = sec.share, sec.layout
    for kind, base in (("vergadering", lay.meetings), ("zaak", lay.zaken)):
        for root in _roots(sec, base):
            for name in share.list_names(root):
                folder = f"{root}/{name}"
                versions = []
                for fname in share.list_names(folder):
                    m = _VERSION.fullmatch(fname)
                    doc = _unsigned(sec, f"{folder}/{fname}", found) if m else None
                    if m and doc is not None:
                        if version_of(doc) != int(m.group(1)):
                            found.problems.append(f"{folder}/{fname}: versie {doc.get('_versie')!r} past niet bij de naam")
                        key_field = "datum" if kind == "vergadering" else "inzending"
                        if str(doc.get(key_field, name)) != name:
                            found.problems.append(f"{folder}/{fname}: {key_field} {doc.get(key_field)!r} past niet bij de map")
                        versions.append((int(m.group(1)), doc))
                if versions:
                    found.versioned[folder] = (f"{kind}:{name}", sorted(versions, key=lambda v: v[0]))
    for code in share.list_names(lay.numbers):
        for yy in share.list_names(f"{lay.numbers}/{code}"):
            for fname in share.list_names(f"{lay.numbers}/{code}/{yy}"):
                m = _CLAIM.fullmatch(fname)
                rel = f"{lay.numbers}/{code}/{yy}/{fname}"
                doc = _unsigned(sec, rel, found) if m else None
                if m and doc is not None:
                    seq = int(m.group(1))
                    try:
                        expected = format_number(code, 2000 + int(yy), seq)
                    except (ValueError, TypeError):
                        expected = ""
                    if doc.get("nummer") != expected:
                        found.problems.append(f"{rel}: nummer {doc.get('nummer')!r} past niet bij de naam")
                    found.claims.append((rel, f"nummer:{code}:{yy}", {**doc, "_versie": seq}))
    for root in _roots(sec, lay.placements):
        for sid in share.list_names(root):
            for fname in share.list_names(f"{root}/{sid}"):
                m = _ROUND.fullmatch(fname)
                rel = f"{root}/{sid}/{fname}"
                doc = _unsigned(sec, rel, found) if m else None
                if m and doc is not None:
                    found.placements.append((rel, f"plaatsing:{sid}:{int(m.group(1))}", doc))
    for month in share.list_names(lay.log):
        for fname in share.list_names(f"{lay.log}/{month}"):
            rel = f"{lay.log}/{month}/{fname}"
            doc = _unsigned(sec, rel, found) if fname.endswith(".json") else None
            if doc is not None:
                found.log.append((rel, doc))
    aroot = arrivals.folder(lay)
    for month in share.list_names(aroot):
        for fname in share.list_names(f"{aroot}/{month}"):
            rel = f"{aroot}/{month}/{fname}"
            doc = _unsigned(sec, rel, found) if fname.endswith(".json") else None
            if doc is not None:
                found.arrivals.append((rel, f"aankomst:{doc.get('inzending', '')}", doc))
    return found


def contradictions(found: Found) -> list[str]:
    """Records that do not agree with each other (besides the ones ``collect`` found)."""
    out = list(found.problems)
    zaken = {rec.split(":", 1)[1]: vs[-1][1] for rec, vs in found.versioned.values() if rec.startswith("zaak:")}
    meetings = {rec.split(":", 1)[1]: vs[-1][1] for rec, vs in found.versioned.values()
                if rec.startswith("vergadering:")}
    claims = {str(d.get("nummer")): d for _, _, d in found.claims}
    accepted: dict[str, str] = {}
    for sid, z in zaken.items():
        number = str(z.get("registratienummer") or "")
        if z.get("status") == wf.AANVAARD and number:
            if number in accepted:
                out.append(f"nummer {number} is aanvaard voor zowel {accepted[number]} als {sid}")
            accepted[number] = sid
        if number and z.get("status") in (wf.AANVAARD, wf.VERVANGEN, wf.TERUGGESTUURD):
            claim = claims.get(number)
            owners = {sid}
            cur = z
            # A new version keeps the number of the one it replaces (a loop ends at a seen id).
            while cur.get("supersedes") and str(cur["supersedes"]) not in owners:
                owners.add(str(cur["supersedes"]))
                cur = zaken.get(str(cur["supersedes"]), {})
            if claim is not None and claim.get("inzending") not in owners:
                out.append(f"nummer {number} van zaak {sid} is geclaimd door {claim.get('inzending')}")
    for key, mt in meetings.items():
        for item in mt.get("agenda", []) if isinstance(mt.get("agenda"), list) else []:
            sid = str(item.get("inzending", "")) if isinstance(item, dict) else ""
            zaak = zaken.get(sid)
            if zaak is not None and zaak.get("registratienummer") != item.get("registratienummer"):
                out.append(f"vergadering {key}: {sid} heeft nummer {item.get('registratienummer')!r}, "
                           f"de zaak {zaak.get('registratienummer')!r}")
    for rel, _, doc in found.placements:
        sid = rel.rsplit("/", 2)[-2]
        held = meetings.get(str(doc.get("vergadering", "")))
        if held is not None and not any(isinstance(i, dict) and i.get("inzending") == sid
                                        for i in held.get("agenda", [])):
            out.append(f"{rel}: plaatsing op {doc.get('vergadering')}, maar die agenda heeft het stuk niet")
    return out


def migrate(sec: Secretariaat) -> str:
    """Sign the unsigned records once; returns a Dutch summary. ``SecretariatError`` when refused."""
    key = sec.trust.key()
    marker = f"{sec.layout.root}/{MARKER}"
    if sec.share.exists(marker):
        done = sec.trust.read(marker, "migratie")
        if done is not None:
            raise SecretariatError(
                f"Deze gedeelde map is al gemigreerd ({done.get('op', '?')} door {done.get('door', '?')}). "
                "Niet-ondertekende bestanden die er nu staan worden niet ondertekend: zie 'meeting problemen'.",
                "migration marker present",
            )
    found = collect(sec)
    problems = contradictions(found)
    if problems:
        raise SecretariatError(
            "Er is niets ondertekend: deze records spreken elkaar tegen. Los dat eerst op:\n  "
            + "\n  ".join(problems), f"{len(problems)} contradictions")
    try:
        _write(sec, key, found)
        sec.share.write_exclusive(marker, sec.trust.sign({
            "_record": "migratie", "door": sec.actor, "op": P.now_iso(), "aantal": found.count()}))
    except ShareError as exc:
        raise SecretariatError(f"De migratie is onderbroken ({exc}); voer haar opnieuw uit.", exc.detail) from exc
    sec.event("gemigreerd", "share", aantal=found.count())
    return f"{found.count()} records ondertekend; de gedeelde map is gemigreerd."


def _write(sec: Secretariaat, key: Any, found: Found) -> None:
    share, trust = sec.share, sec.trust
    for folder, (record, versions) in found.versioned.items():
        prev_no, prev_hash = 0, ""
        for version, doc in versions:
            body = {**{k: v for k, v in doc.items() if k not in ("public_key", "signature", "key_id")},
                    "_record": record, "_versie": version, "_vorige_versie": prev_no, "_vorige_hash": prev_hash}
            share.publish(f"{folder}/v{version:06d}.json", dumps(sign_record(body, key)))
            prev_no, prev_hash = version, content_hash(body)
        trust.seen.note(record, prev_no, prev_hash)
    for rel, record, doc in found.claims + found.placements + found.arrivals:
        share.publish(rel, dumps(sign_record({**doc, "_record": record}, key)))
    ordered = sorted(found.log, key=lambda e: str(e[1].get("op", "")))
    for rel, doc in ordered:
        op = str(doc.get("op", ""))
        details = {k: v for k, v in doc.items() if k not in ("soort", "door", "op", "onderwerp_id")}
        try:
            when: datetime | None = datetime.fromisoformat(op)
        except ValueError:
            when = None
        events.record(trust, sec.layout.log, str(doc.get("soort", "")), str(doc.get("door", "")),
                      str(doc.get("onderwerp_id", "")), now=when, **details)
        share.remove(rel)  # now in the chain, signed


def hand_over(sec: Secretariaat, old_key_id: str) -> str:
    """Re-sign every record ``old_key_id`` signed with this machine's trusted key; a Dutch summary."""
    key = sec.trust.key()
    if old_key_id == key.key_id:
        raise SecretariatError("Dit is de eigen sleutel; draag over met de sleutel van een collega.", "same key")
    trusted = sec.trust.trusted()
    if old_key_id not in trusted:
        raise SecretariatError(
            f"De sleutel {old_key_id} wordt niet (meer) vertrouwd; alleen records van een vertrouwde sleutel "
            "kunnen worden overgedragen. Laat IT een sleutel pas na het overdragen van de lijst halen.",
            f"key {old_key_id} not trusted",
        )
    moved = 0
    for rel in _signed_files(sec):
        try:
            doc = P.parse_json(sec.share.read_bytes(rel, P.MAX_JSON_BYTES))
        except (ShareError, ValueError):
            continue
        if not isinstance(doc, dict) or doc.get("key_id") != old_key_id:
            continue
        try:
            verify_doc(doc, trusted)
        except Unverified:  # not really signed by it: a forgery is never re-signed
            continue
        sec.share.publish(rel, dumps(sign_record(doc, key)))
        moved += 1
    sec.event("sleutel_overgedragen", old_key_id, naar=key.key_id, aantal=moved)
    return (f"{moved} records van sleutel {old_key_id} zijn opnieuw ondertekend met {key.key_id}. "
            "De sleutel kan nu van de lijst van vertrouwde sleutels.")


def _signed_files(sec: Secretariaat) -> list[str]:
    """Every file that may hold a record of the secretariat (open and archived)."""
    share = sec.share
    out: list[str] = []

    def walk(folder: str, depth: int) -> None:
        for e in share.listdir(folder) if share.exists(folder) else []:
            rel = f"{folder}/{e.name}"
            if e.is_dir and depth > 0:
                walk(rel, depth - 1)
            elif e.is_file and e.name.endswith(".json") and not e.name.startswith("."):
                out.append(rel)

    lay = sec.layout
    for base in (lay.root, P.STATUS, P.PUBLICATIONS):
        for root in _roots(sec, base):
            walk(root, 4)
    if share.exists(MARKER_FILE):
        out.append(MARKER_FILE)  # the share's identity, so stellers still accept it after the delisting
    return out

