"""The registratienummer/kenmerk sequence per directie and year, kept in the share.

Each number is claimed by creating its own file exclusively
(``nummers/<CODE>/<JJ>/0000042.json``). Two secretaries who try the same number at
the same moment: one creation wins, the other sees the name taken and tries the next.
No locks, so nothing hangs when a laptop drops off the network mid-claim.

Each claim is a signed record (``_record`` "nummer:<CODE>:<JJ>", ``_versie`` the number).
Only claims that verify count: a hand-made ``9999999.json`` is skipped and reported, and a
name taken by a file that does not verify is passed over. The highest number this
application verified is remembered, so deleting the newest claim never re-issues it.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from desktop.domain.numbering import SEQ_DIGITS as DIGITS
from desktop.domain.numbering import format_registratienummer
from desktop.queue.signed import content_hash, version_of
from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.records import RecordTrust
from desktop.share import AlreadyExists, ShareError

_CODE = re.compile(r"^[A-Z]{2,4}$")
_FILE = re.compile(r"(\d{7})\.json", re.ASCII)
_NAMES = re.compile(r"\0([0-9]{7})\.json(?=\0)")  # _FILE among names joined by NUL (no name holds one)
MAX_TRIES = 10_000


def format_number(code: str, year: int, seq: int) -> str:
    """``BD 12.0000042``, by the domain's formatter."""
    return format_registratienummer(code, year % 100, seq)


def _record(code: str, yy: str) -> str:
    return f"nummer:{code}:{yy}"


def _verified_claim(trust: RecordTrust, rel: str, record: str, seq: int) -> dict[str, str] | None:
    doc = trust.read(rel, record)
    if doc is not None and version_of(doc) != seq:
        trust.report(rel, "Het nummer in het bestand past niet bij de naam.", f"_versie {doc.get('_versie')!r}")
        return None
    return doc


def highest_claim(trust: RecordTrust, folder: str, record: str) -> int:
    """The highest number claimed by a verified file (files that do not verify are skipped)."""
    # A year holds thousands of claims: one regex call over all names, not a test per name;
    # the highest one nearly always verifies, so the whole list is sorted only when it does not.
    taken = list(map(int, _NAMES.findall("\0" + "\0".join(trust.share.list_names(folder, sort=False)) + "\0")))
    if not taken:
        return 0
    top = max(taken)
    if _verified_claim(trust, _claim_path(folder, top), record, top) is not None:
        return top
    for seq in sorted(set(taken), reverse=True)[1:]:
        if _verified_claim(trust, _claim_path(folder, seq), record, seq) is not None:
            return seq
    return 0


def _claim_path(folder: str, seq: int) -> str:
    return f"{folder}/{seq:0{DIGITS}d}.json"


def _unreachable(exc: ShareError) -> SecretariatError:
    return SecretariatError(
        "Er kon geen nummer worden uitgegeven: de gedeelde map is niet bereikbaar. "
        "Er is niets toegekend; probeer het opnieuw.",
        exc.detail,
    )


def claim_number(trust: RecordTrust, root: str, code: str, submission_id: str, actor: str,
                 when: date | None = None) -> str:
    """Claim the next free number for ``code`` in the year of ``when``; returns it formatted."""
    if not _CODE.match(code or ""):
        raise SecretariatError(
            f"De directiecode '{code}' is ongeldig (2 tot 4 hoofdletters); kijk de lijst met directies na.",
            f"bad directie code {code!r}",
        )
    when = when or date.today()
    yy = f"{when.year % 100:02d}"
    folder = f"{root}/{code}/{yy}"
    name = _record(code, yy)
    record: dict[str, object] = {
        "_record": name,
        "inzending": submission_id,
        "door": actor,
        "op": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    try:
        # One share call (one hand-off to the share's worker) for the look and the claim
        # (benchmark secretariat_claim_number); on SMB every operation is a round trip anyway.
        seq = trust.share.run(lambda: _claim(trust, folder, name, record, code, when.year), None, "nummer uitgeven")
    except ShareError as exc:
        raise _unreachable(exc) from exc
    if seq is None:
        raise SecretariatError(
            f"De nummerreeks van {code} voor {when.year} is vol of onbereikbaar.",
            f"no free number in {folder} after {MAX_TRIES} tries",
        )
    trust.seen.note(name, seq, content_hash(record))
    return str(record["nummer"])


def _claim(trust: RecordTrust, folder: str, name: str, record: dict[str, object], code: str, year: int) -> int | None:
    """Create the next free claim file in ``folder`` (``record`` filled in); its number, or None."""
    found = highest_claim(trust, folder, name)
    seen = trust.seen.get(name)
    if seen is not None and seen[0] > found:
        trust.report(folder, f"Nummer {seen[0]} is eerder uitgegeven maar het bestand ervan ontbreekt; "
                     "het wordt niet opnieuw uitgegeven.", f"{name}: highest verified {found}, seen {seen[0]}")
    seq = max(found, seen[0] if seen else 0) + 1
    for _ in range(MAX_TRIES):
        if seq >= 10**DIGITS:
            break
        record["nummer"] = format_number(code, year, seq)
        record["_versie"] = seq
        try:
            trust.share.write_exclusive(_claim_path(folder, seq), trust.sign(record))
            return seq
        except AlreadyExists:
            seq += 1  # a colleague was faster, the listing lagged behind, or a forged file holds it
    return None


def issued_numbers(trust: RecordTrust, root: str) -> list[dict[str, str]]:
    """Every verified claimed number (for audits and tests); the others are reported."""
    share = trust.share
    out = []
    for code in share.list_names(root):
        for yy in share.list_names(f"{root}/{code}"):
            for name in share.list_names(f"{root}/{code}/{yy}"):
                if m := _FILE.fullmatch(name):
                    data = _verified_claim(trust, f"{root}/{code}/{yy}/{name}", _record(code, yy), int(m.group(1)))
                    if data is not None:
                        out.append({k: str(v) for k, v in data.items() if k in ("nummer", "inzending", "door", "op")})
    return out
