"""Backup of all drafts with their revisions to one file, and restoring it.

The file is a zip with ``manifest.json`` and one ``drafts/<id>.json`` per draft
(its revisions in the interchange format, its status history). JSON rather than a
copy of the SQLite file: it does not depend on the schema version (a backup made
before a migration restores into any later schema), a person or another tool can
read it, and restoring merges draft by draft instead of replacing the database.

Restoring never overwrites a newer draft silently. Per draft in the backup:

- not here: added with its id, revisions and status history;
- same current content here, or the backup's content is already one of this
  draft's revisions: nothing changes (reported as unchanged);
- the backup continues this draft (our current content is one of its revisions):
  the later revisions are added on top, so the earlier text stays in the history;
- both changed since they split: both are kept, the backup's as a new draft (a
  conflict copy, reported with both ids). The copy keeps the original's creation
  time, so restoring the same backup again finds it and adds nothing.

Contents are compared as the forms' current version would load them
(``current_draft``): a backup written before a site form renamed a field matches the
same text saved since under the new name. Restoring the same file twice changes
nothing the second time.
"""

from __future__ import annotations

import json
import os
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain import workflow as wf
from desktop.domain.draft import Draft, DraftError, current_draft
from desktop.domain.forms import FormError, FormSet, default_formset
from desktop.storage.draft_rows import dump_draft, index_text
from desktop.storage.errors import StorageError
from desktop.storage.models import REVISION_KINDS, STATUSES
from desktop.storage.searchtext import clean, summary_onderwerp, summary_soort

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from desktop.storage.service import DraftStore

FORMAT = "stukken-backup"
VERSION = 1
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class RestoreReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_both: list[tuple[str, str]] = field(default_factory=list)  # (existing id, new id)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (entry, Dutch reason)

    def lines(self) -> list[str]:
        out = [
            f"Teruggezet: {len(self.added)} nieuw, {len(self.updated)} bijgewerkt, "
            f"{len(self.unchanged)} ongewijzigd, {len(self.kept_both)} dubbel bewaard, "
            f"{len(self.skipped)} overgeslagen."
        ]
        for existing, new in self.kept_both:
            out.append(
                f"Let op: concept {existing} is hier én in de back-up gewijzigd; beide zijn "
                f"bewaard, de versie uit de back-up als nieuw concept {new}."
            )
        for name, reason in self.skipped:
            out.append(f"Overgeslagen: {name}: {reason}")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "kept_both": [{"id": a, "new_id": b} for a, b in self.kept_both],
            "skipped": [{"entry": a, "reason": b} for a, b in self.skipped],
        }


def _canon(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def _formset() -> FormSet | None:
    """The installation's forms to compare contents with; None when a form file is broken."""
    try:
        return default_formset()
    except FormError:
        return None


def _content_key(draft: Draft, formset: FormSet | None) -> str:
    """A draft's content as its form's current version loads it, canonical for comparing."""
    return _canon((current_draft(draft, formset) if formset is not None else draft).to_json())


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _records(conn: Connection) -> list[dict[str, Any]]:
    drafts = conn.exec_driver_sql(
        "SELECT id, form, status, created_at, updated_at, deleted_at, head FROM drafts ORDER BY created_at"
    ).all()
    revs: dict[str, list[dict[str, Any]]] = {}
    for draft_id, number, kind, created_at, content in conn.exec_driver_sql(
        "SELECT draft_id, number, kind, created_at, content FROM revisions ORDER BY draft_id, number"
    ):
        revs.setdefault(draft_id, []).append(
            {"number": number, "kind": kind, "created_at": created_at, "draft": json.loads(content)}
        )
    events: dict[str, list[dict[str, Any]]] = {}
    for draft_id, at, status, detail, actor in conn.exec_driver_sql(
        "SELECT draft_id, at, status, detail, actor FROM status_events ORDER BY id"
    ):
        events.setdefault(draft_id, []).append(
            {"at": at, "status": status, "detail": detail, "actor": actor}
        )
    return [
        {
            "id": d[0], "form": d[1], "status": d[2], "created_at": d[3], "updated_at": d[4],
            "deleted_at": d[5], "head": d[6], "revisions": revs.get(d[0], []),
            "status_history": events.get(d[0], []),
        }
        for d in drafts
    ]


def write_backup(store: DraftStore, path: Path, *, overwrite: bool = False) -> int:
    """Write every draft (trash included) with all revisions to ``path``; returns the count."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise StorageError(
            f"Het bestand '{path}' bestaat al; kies een andere naam (of overschrijf bewust).",
            f"exists: {path}",
        )
    if path.is_dir():
        raise StorageError(f"'{path}' is een map, geen bestand.", f"is a directory: {path}")
    with store._read() as conn:
        records = _records(conn)
    manifest = {
        "format": FORMAT, "version": VERSION, "created_at": _ts(datetime.now(UTC)),
        "drafts": len(records),
    }
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            for rec in records:
                zf.writestr(f"drafts/{rec['id']}.json", json.dumps(rec, ensure_ascii=False))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        _sync_folder(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(
            f"De back-up kon niet worden geschreven naar '{path}': {exc.strerror or exc}.",
            f"{type(exc).__name__}: {exc}",
        ) from exc
    return len(records)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_record(rec: Any) -> dict[str, Any]:
    """A backup entry, checked; raises ValueError with a Dutch reason."""
    if not isinstance(rec, dict) or not isinstance(rec.get("id"), str) or not _ID.match(rec["id"]):
        raise ValueError("geen geldig concept-id")
    revs = rec.get("revisions")
    if not isinstance(revs, list) or not revs:
        raise ValueError("geen versies")
    checked = []
    for rev in revs:
        if not isinstance(rev, dict) or isinstance(rev.get("number"), bool) or not isinstance(rev.get("number"), int):
            raise ValueError("een versie zonder nummer")
        if rev.get("kind") not in REVISION_KINDS:
            raise ValueError(f"onbekend soort versie {rev.get('kind')!r}")
        try:
            created = datetime.fromisoformat(str(rev.get("created_at")))
            draft = Draft.from_json(rev.get("draft"))
        except (ValueError, DraftError) as exc:
            raise ValueError(f"versie {rev['number']} is onleesbaar ({exc})") from exc
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        checked.append({"number": rev["number"], "kind": rev["kind"], "created_at": created, "draft": draft})
    checked.sort(key=lambda r: r["number"])
    if len({r["number"] for r in checked}) != len(checked):
        raise ValueError("dubbele versienummers")
    events = []
    for ev in rec.get("status_history") or []:
        if not isinstance(ev, dict) or ev.get("status") not in STATUSES:
            raise ValueError("onleesbare statusgeschiedenis")
        try:
            at = datetime.fromisoformat(str(ev.get("at")))
        except ValueError as exc:
            raise ValueError("onleesbare statusgeschiedenis") from exc
        events.append(
            {"at": at if at.tzinfo else at.replace(tzinfo=UTC), "status": ev["status"],
             "detail": str(ev.get("detail", "")), "actor": str(ev.get("actor", ""))}
        )
    status = rec.get("status", wf.CONCEPT)
    deleted_at = rec.get("deleted_at")
    try:
        created_at = datetime.fromisoformat(str(rec.get("created_at")))
        deleted = datetime.fromisoformat(deleted_at) if isinstance(deleted_at, str) else None
    except ValueError as exc:
        raise ValueError("onleesbare tijden") from exc
    return {
        "id": rec["id"], "status": status if status in STATUSES else wf.CONCEPT,
        "created_at": created_at if created_at.tzinfo else created_at.replace(tzinfo=UTC),
        "deleted_at": deleted, "revisions": checked, "status_history": events,
    }


def read_backup(path: Path) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """The checked entries of a backup file and the ones skipped (with a Dutch reason)."""
    path = Path(path)
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError as exc:
        raise StorageError(f"Het bestand '{path}' bestaat niet.", f"FileNotFoundError: {path}") from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise StorageError(
            f"'{path}' is geen back-up van Stukken (geen leesbaar zip-bestand).",
            f"{type(exc).__name__}: {exc}",
        ) from exc
    entries: list[dict[str, Any]] = []
    skipped: list[tuple[str, str]] = []
    with zf:
        try:
            manifest = json.loads(zf.read("manifest.json"))
        except (KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
            raise StorageError(
                f"'{path}' is geen back-up van Stukken (manifest.json ontbreekt of is onleesbaar).",
                f"{type(exc).__name__}: {exc}",
            ) from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise StorageError(f"'{path}' is geen back-up van Stukken.", f"manifest: {manifest!r:.200}")
        if not isinstance(manifest.get("version"), int) or manifest["version"] > VERSION:
            raise StorageError(
                "Deze back-up is gemaakt door een nieuwere versie van Stukken; werk Stukken bij.",
                f"backup version {manifest.get('version')!r} > {VERSION}",
            )
        for info in zf.infolist():
            if not (info.filename.startswith("drafts/") and info.filename.endswith(".json")):
                continue
            if info.file_size > MAX_ENTRY_BYTES:
                skipped.append((info.filename, "te groot voor een concept"))
                continue
            try:
                entries.append(_check_record(json.loads(zf.read(info))))
            except (ValueError, zipfile.BadZipFile, OSError) as exc:
                skipped.append((info.filename, str(exc) or type(exc).__name__))
    return entries, skipped


def restore_backup(store: DraftStore, path: Path) -> RestoreReport:
    """Merge a backup into the store (one transaction: all of it or nothing)."""
    entries, skipped = read_backup(path)
    report = RestoreReport(skipped=skipped)
    formset = _formset()
    with store._write() as conn:
        for entry in entries:
            _restore_one(store, conn, entry, report, formset)
    return report


def _insert_copy(store: DraftStore, conn: Connection, entry: dict[str, Any], draft_id: str) -> None:
    revs = entry["revisions"]
    last = revs[-1]
    doc_id = conn.exec_driver_sql("SELECT coalesce(max(doc_id), 0) + 1 FROM drafts").scalar_one()
    conn.exec_driver_sql(
        "INSERT INTO drafts (id, doc_id, form, onderwerp, soort, status, created_at, updated_at, "
        "deleted_at, head) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            draft_id, doc_id, clean(last["draft"].form), clean(summary_onderwerp(last["draft"])),
            summary_soort(last["draft"]), entry["status"], _ts(entry["created_at"]),
            _ts(last["created_at"]), _ts(entry["deleted_at"]) if entry["deleted_at"] else None,
            last["number"],
        ),
    )
    for rev in revs:
        conn.exec_driver_sql(
            "INSERT INTO revisions (draft_id, number, kind, created_at, onderwerp, content) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (draft_id, rev["number"], rev["kind"], _ts(rev["created_at"]),
             clean(summary_onderwerp(rev["draft"])), dump_draft(rev["draft"])),
        )
    events = entry["status_history"] or [
        {"at": entry["created_at"], "status": wf.CONCEPT, "detail": "aangemaakt", "actor": ""}
    ]
    _insert_events(conn, draft_id, events)
    index_text(conn, doc_id, last["draft"])


def _insert_events(conn: Connection, draft_id: str, events: list[dict[str, Any]]) -> None:
    for ev in events:
        conn.exec_driver_sql(
            "INSERT INTO status_events (draft_id, at, status, detail, actor) VALUES (?, ?, ?, ?, ?)",
            (draft_id, _ts(ev["at"]), ev["status"], ev["detail"], ev["actor"]),
        )


def _revision_keys(conn: Connection, draft_id: str, formset: FormSet | None) -> dict[int, str]:
    return {
        int(n): _content_key(Draft.from_json(json.loads(c)), formset)
        for n, c in conn.exec_driver_sql(
            "SELECT number, content FROM revisions WHERE draft_id = ?", (draft_id,)
        )
    }


def _conflict_copy(conn: Connection, entry: dict[str, Any], newest: str, formset: FormSet | None) -> str | None:
    """The conflict copy an earlier restore of this entry made, if it is still here.

    A copy is a draft with the backup's creation time (to the microsecond) and, among its
    revisions, the backup's newest content."""
    for (other,) in conn.exec_driver_sql(
        "SELECT id FROM drafts WHERE created_at = ? AND id != ?", (_ts(entry["created_at"]), entry["id"])
    ).all():
        if newest in _revision_keys(conn, other, formset).values():
            return str(other)
    return None


def _restore_one(
    store: DraftStore, conn: Connection, entry: dict[str, Any], report: RestoreReport, formset: FormSet | None
) -> None:
    draft_id = entry["id"]
    row = conn.exec_driver_sql("SELECT head, doc_id FROM drafts WHERE id = ?", (draft_id,)).first()
    if row is None:
        _insert_copy(store, conn, entry, draft_id)
        report.added.append(draft_id)
        return
    head, doc_id = int(row[0]), int(row[1])
    local = _revision_keys(conn, draft_id, formset)
    ours = local.get(head)
    theirs = [_content_key(r["draft"], formset) for r in entry["revisions"]]
    if theirs[-1] == ours or theirs[-1] in local.values():
        report.unchanged.append(draft_id)
        return
    if ours in theirs:
        # The backup continues from our current text: add its later revisions on top.
        start = len(theirs) - 1 - theirs[::-1].index(ours)
        number = head
        last = None
        for rev in entry["revisions"][start + 1 :]:
            number += 1
            last = rev
            conn.exec_driver_sql(
                "INSERT INTO revisions (draft_id, number, kind, created_at, onderwerp, content) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (draft_id, number, rev["kind"], _ts(rev["created_at"]),
                 clean(summary_onderwerp(rev["draft"])), dump_draft(rev["draft"])),
            )
        assert last is not None
        newest = conn.exec_driver_sql(
            "SELECT max(at) FROM status_events WHERE draft_id = ?", (draft_id,)
        ).scalar()
        later = [e for e in entry["status_history"] if newest is None or _ts(e["at"]) > newest]
        _insert_events(conn, draft_id, later)
        status_sql = ", status = ?" if later else ""
        params: tuple[Any, ...] = (
            clean(last["draft"].form), clean(summary_onderwerp(last["draft"])),
            summary_soort(last["draft"]), _ts(last["created_at"]), number,
            _ts(entry["deleted_at"]) if entry["deleted_at"] else None,
        )
        if later:
            params += (later[-1]["status"],)
        conn.exec_driver_sql(
            "UPDATE drafts SET form = ?, onderwerp = ?, soort = ?, updated_at = max(updated_at, ?), "
            "head = ?, "
            f"deleted_at = ?{status_sql} WHERE id = ?",
            (*params, draft_id),
        )
        index_text(conn, doc_id, last["draft"])
        report.updated.append(draft_id)
        return
    if _conflict_copy(conn, entry, theirs[-1], formset) is not None:
        report.unchanged.append(draft_id)  # an earlier restore already kept both
        return
    new_id = uuid.uuid4().hex
    _insert_copy(store, conn, entry, new_id)
    report.kept_both.append((draft_id, new_id))
