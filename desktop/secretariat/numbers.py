"""The registratienummer/kenmerk sequence per directie and year, kept in the share.

Each number is claimed by creating its own file exclusively
(``nummers/<CODE>/<JJ>/0000042.json``). Two secretaries who try the same number at
the same moment: one creation wins, the other sees the name taken and tries the next.
No locks, so nothing hangs when a laptop drops off the network mid-claim.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from desktop.domain.numbering import SEQ_DIGITS as DIGITS
from desktop.domain.numbering import format_registratienummer
from desktop.secretariat.errors import SecretariatError
from desktop.share import AlreadyExists, Share, ShareError, dumps

_CODE = re.compile(r"^[A-Z]{2,4}$")
_FILE = re.compile(r"^(\d{7})\.json$")
MAX_TRIES = 10_000


def format_number(code: str, year: int, seq: int) -> str:
    """``BD 12.0000042``, by the domain's formatter."""
    return format_registratienummer(code, year % 100, seq)


def claim_number(share: Share, root: str, code: str, submission_id: str, actor: str, when: date | None = None) -> str:
    """Claim the next free number for ``code`` in the year of ``when``; returns it formatted."""
    if not _CODE.match(code or ""):
        raise SecretariatError(
            f"De directiecode '{code}' is ongeldig (2 tot 4 hoofdletters); kijk de lijst met directies na.",
            f"bad directie code {code!r}",
        )
    when = when or date.today()
    folder = f"{root}/{code}/{when.year % 100:02d}"
    taken = [int(m.group(1)) for n in share.list_names(folder) if (m := _FILE.match(n))]
    seq = (max(taken) if taken else 0) + 1
    record = {
        "inzending": submission_id,
        "door": actor,
        "op": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    for _ in range(MAX_TRIES):
        if seq >= 10**DIGITS:
            break
        record["nummer"] = format_number(code, when.year, seq)
        try:
            share.write_exclusive(f"{folder}/{seq:0{DIGITS}d}.json", dumps(record))
            return str(record["nummer"])
        except AlreadyExists:
            seq += 1  # a colleague was faster, or the listing lagged behind
        except ShareError as exc:
            raise SecretariatError(
                "Er kon geen nummer worden uitgegeven: de gedeelde map is niet bereikbaar. "
                "Er is niets toegekend; probeer het opnieuw.",
                exc.detail,
            ) from exc
    raise SecretariatError(
        f"De nummerreeks van {code} voor {when.year} is vol of onbereikbaar.",
        f"no free number in {folder} after {MAX_TRIES} tries",
    )


def issued_numbers(share: Share, root: str) -> list[dict[str, str]]:
    """Every claimed number (for audits and tests)."""
    out = []
    for code in share.list_names(root):
        for yy in share.list_names(f"{root}/{code}"):
            for name in share.list_names(f"{root}/{code}/{yy}"):
                if _FILE.match(name):
                    try:
                        data = share.read_json(f"{root}/{code}/{yy}/{name}")
                    except ShareError:
                        continue  # a claim being written right now
                    if isinstance(data, dict):
                        out.append({k: str(v) for k, v in data.items()})
    return out
