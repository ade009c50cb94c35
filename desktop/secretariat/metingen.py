"""Rolvastheid answers: encrypted for the secretariat in the share, reported in aggregate only.

    metingen/<meetmoment>/<respondent>-<tijd>.json     {"formaat", "versleuteling", "inhoud"}

``respondent`` is a random token kept in the respondent's own data folder, so the file name
names nobody; the person (the operating-system account) is inside the encrypted content and
only used to keep the newest answer per person per meetmoment ("a new one replaces the old").
The answers live apart from the queue (``ingediend/``): the inbox never lists them.
Reported per question and group: counts, mean and the spread over 1..5; a group with fewer
than :data:`MIN_GROUP` respondents is not reported, and neither is the total then (it would
give the small group away by subtraction). Never a name.

Not signed yet (the trust issue): a colleague with access to the share could add forged
answers; they are encrypted, so they cannot read or change anyone else's.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain import questionnaire as Q
from desktop.domain.forms import SCALE_STEPS, FormDef
from desktop.queue import crypto
from desktop.queue.keys import b64, os_account, unb64
from desktop.queue.secretariat_keypair import own_keys
from desktop.queue.secretariat_keys import no_usable_key_reason, trusted_key_records
from desktop.secretariat.errors import SecretariatError
from desktop.share import ShareError, connect, dumps

if TYPE_CHECKING:
    from desktop.secretariat.service import Secretariaat

FOLDER = "metingen"
FORMAAT = 1
MIN_GROUP = 5
MAX_ANSWER_BYTES = 256 * 1024
_TOKEN = re.compile(r"^[0-9a-f]{16}$")


def _binding(meetmoment: str, token: str) -> str:
    return f"meting/{meetmoment}/{token}"


def respondent_token(data_dir: Path) -> str:
    """This person's anonymous file-name token (made once, kept locally)."""
    path = data_dir / "meting-respondent.txt"
    try:
        token = path.read_text(encoding="utf-8").strip()
        if _TOKEN.match(token):
            return token
    except OSError:
        pass
    token = secrets.token_hex(8)
    # A local file in the user's data folder, not on the share.
    tmp = path.with_name(f"{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(token.encode("ascii"))
        os.replace(tmp, path)
    except OSError as exc:
        raise SecretariatError(f"Kan {path} niet opslaan.", f"{type(exc).__name__}: {exc}") from exc
    return token


def submit(queue_dir: Path, form: FormDef, meetmoment: str, group: str, answers: dict[str, Any],
           data_dir: Path, person: str | None = None, now: datetime | None = None) -> Path:
    """Encrypt and store one person's answers; ``SecretariatError`` (Dutch) when it cannot."""
    try:
        clean = Q.check_answers(form, group, answers)
    except ValueError as exc:
        raise SecretariatError(str(exc), f"bad answers: {exc}") from exc
    try:
        share = connect(queue_dir)
        keys = trusted_key_records(share)
    except ShareError as exc:
        raise SecretariatError(f"De gedeelde map {queue_dir} is niet bereikbaar ({exc}).", repr(exc)) from exc
    if not keys:
        reason, detail = no_usable_key_reason(share)
        raise SecretariatError(f"{reason} Uw antwoorden kunnen niet veilig worden verstuurd.", detail)
    now = now or datetime.now().astimezone()
    token = respondent_token(data_dir)
    content = {
        "formaat": FORMAAT, "vragenlijst": form.id, "versie": form.version, "meetmoment": meetmoment,
        "groep": group, "antwoorden": clean, "persoon": person or os_account(),
        "ingevuld_op": now.isoformat(timespec="seconds"),
    }
    cipher, header = crypto.encrypt(
        {"antwoorden.json": json.dumps(content, ensure_ascii=False).encode("utf-8")},
        [crypto.Recipient(k.key_id, k.x25519_public) for k in keys],
        _binding(meetmoment, token),
    )
    rel = f"{FOLDER}/{meetmoment}/{token}-{now.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}.json"
    try:
        share.write_exclusive(rel, dumps({"formaat": FORMAAT, "versleuteling": header, "inhoud": b64(cipher)}))
    except ShareError as exc:
        raise SecretariatError(str(exc), exc.detail) from exc
    return Path(queue_dir) / rel


def read(queue_dir: Path, meetmoment: str, keys: list[Any]) -> list[dict[str, Any]]:
    """The newest readable answer per person; forged, damaged or foreign files are skipped."""
    share = connect(queue_dir)
    folder = f"{FOLDER}/{meetmoment}"
    newest: dict[str, dict[str, Any]] = {}
    for name in share.list_names(folder):
        token = name.split("-", 1)[0]
        if not _TOKEN.match(token) or not name.endswith(".json"):
            continue
        try:
            doc = share.read_json(f"{folder}/{name}")
            content = _open(doc, meetmoment, token, keys)
        except (ShareError, crypto.DecryptError, ValueError, KeyError, TypeError):
            continue
        if content is None or content.get("meetmoment") != meetmoment:
            continue
        who = str(content.get("persoon", ""))
        if not isinstance(content.get("antwoorden"), dict):
            continue
        if who not in newest or str(content.get("ingevuld_op")) > str(newest[who].get("ingevuld_op")):
            newest[who] = content
    return list(newest.values())


def _open(doc: Any, meetmoment: str, token: str, keys: list[Any]) -> dict[str, Any] | None:
    if not isinstance(doc, dict) or doc.get("formaat") != FORMAAT:
        return None
    cipher = unb64(doc.get("inhoud"))
    for key in keys:
        try:
            files = crypto.decrypt(cipher, doc.get("versleuteling"), key.key_id, key.x25519_private,
                                   _binding(meetmoment, token), MAX_ANSWER_BYTES)
        except crypto.DecryptError:
            continue
        content = json.loads(files["antwoorden.json"].decode("utf-8"))
        return content if isinstance(content, dict) else None
    return None


def aggregate(form: FormDef, answers: list[dict[str, Any]], min_group: int = MIN_GROUP) -> dict[str, Any]:
    """Per group and question: respondents, answers, mean and spread; small groups left out."""
    groups = list(form.field(Q.GROUP_FIELD).choices)  # type: ignore[union-attr]
    by_group: dict[str, list[dict[str, Any]]] = {g: [] for g in groups}
    for a in answers:  # anyone can encrypt for the secretariat's public key: trust no shape
        rows = a.get("antwoorden")
        if a.get("vragenlijst") == form.id and a.get("groep") in by_group and isinstance(rows, dict):
            by_group[str(a["groep"])].append(rows)
    suppressed = [g for g, rows in by_group.items() if 0 < len(rows) < min_group]
    out_groups: dict[str, Any] = {}
    for g, rows in by_group.items():
        out_groups[g] = _per_question(form, rows) if len(rows) >= min_group else \
            {"respondenten": None, "niet_gerapporteerd": f"minder dan {min_group} respondenten" if rows else
             "geen respondenten"}
    everyone = [row for rows in by_group.values() for row in rows]
    total = _per_question(form, everyone) if len(everyone) >= min_group and not suppressed else \
        {"respondenten": None, "niet_gerapporteerd": "een groep is te klein; het totaal zou die verraden"
         if suppressed else f"minder dan {min_group} respondenten"}
    return {
        "vragenlijst": form.id,
        "vragen": {q.id: q.label for q in Q.questions(form)},
        "labels": list(Q.questions(form)[0].labels),
        "minimale_groep": min_group,
        "groepen": out_groups,
        "totaal": total,
    }


def _per_question(form: FormDef, rows: list[dict[str, Any]]) -> dict[str, Any]:
    per: dict[str, Any] = {}
    for q in Q.questions(form):
        values = [r[q.id] for r in rows
                  if type(r.get(q.id)) is int and 1 <= r[q.id] <= SCALE_STEPS]
        per[q.id] = {
            "antwoorden": len(values),
            "gemiddeld": round(sum(values) / len(values), 2) if values else None,
            "verdeling": [values.count(i) for i in range(1, SCALE_STEPS + 1)],
        }
    return {"respondenten": len(rows), "vragen": per}


def aggregate_for(sec: Secretariaat, meetmoment: str) -> dict[str, Any]:
    """The aggregate of one meetmoment with this machine's secretariat keys."""
    try:
        form = Q.load()
    except Exception as exc:  # a broken questionnaire file: the rest of the report still works
        return {"beschikbaar": False, "reden": f"De vragenlijst kon niet worden gelezen: {exc}"}
    try:
        keys = own_keys()
    except Exception:
        keys = []
    if not keys:
        return {"beschikbaar": False, "reden": "Deze computer heeft geen sleutel van het secretariaat."}
    try:
        answers = read(sec.queue_dir, meetmoment, keys)
    except ShareError as exc:
        return {"beschikbaar": False, "reden": str(exc)}
    return {"beschikbaar": True, **aggregate(form, answers)}
