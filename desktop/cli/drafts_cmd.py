"""``main.py drafts ...`` (the window's draft list, scriptable), ``main.py backup|restore FILE``.

Exit codes: 0 done, 2 unreadable input, an unknown id or a store that cannot be opened.

The local draft store (``desktop.storage``); heavy imports stay inside the functions.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from desktop.cli.output import CliError, print_json

if TYPE_CHECKING:
    from desktop.storage.records import DraftSummary
    from desktop.storage.service import DraftStore


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    drafts = sub.add_parser("drafts", parents=[common], help="de eigen concepten (lokale opslag)")
    dsub = drafts.add_subparsers(dest="drafts_command", metavar="OPDRACHT", required=True)

    p = dsub.add_parser("import", parents=[common], help="een conceptbestand opslaan; toont het nieuwe id")
    p.add_argument("files", nargs="+", metavar="CONCEPT.json")
    p.set_defaults(func=run_import)

    p = dsub.add_parser("list", parents=[common], help="alle concepten, laatst gewijzigd eerst")
    p.add_argument("--json", action="store_true", help="als JSON")
    p.add_argument("--prullenbak", action="store_true", help="alleen de concepten in de prullenbak")
    p.set_defaults(func=run_list)

    p = dsub.add_parser("show", parents=[common], help="één concept tonen")
    p.add_argument("id", metavar="ID", help="het id (of het begin ervan)")
    p.add_argument("--json", action="store_true", help="het concept in het uitwisselformaat (JSON)")
    p.set_defaults(func=run_show)

    p = dsub.add_parser("search", parents=[common], help="zoeken in de tekst van alle concepten")
    p.add_argument("text", metavar="TEKST")
    p.add_argument("--json", action="store_true", help="als JSON")
    p.add_argument("--limit", type=int, default=200, help="hoogstens zoveel resultaten (200)")
    p.set_defaults(func=run_search)

    p = dsub.add_parser("history", parents=[common], help="de bewaarde versies en de statusgeschiedenis")
    p.add_argument("id", metavar="ID", help="het id (of het begin ervan)")
    p.add_argument("--json", action="store_true", help="als JSON")
    p.set_defaults(func=run_history)

    p = dsub.add_parser("revert", parents=[common], help="een eerdere versie terugzetten (als nieuwe versie)")
    p.add_argument("id", metavar="ID", help="het id (of het begin ervan)")
    p.add_argument("number", metavar="VERSIE", type=int, help="het versienummer uit 'drafts history'")
    p.set_defaults(func=run_revert)

    p = dsub.add_parser("new", parents=[common], help="een nieuw, leeg concept van een formulier; toont het id")
    p.add_argument("form", metavar="FORMULIER", help="het formulier, bijvoorbeeld a4tje of raadsbrief")
    p.set_defaults(func=run_new)

    p = dsub.add_parser("save", parents=[common], help="een nieuwe versie van een opgeslagen concept")
    p.add_argument("id", metavar="ID", help="het id (of het begin ervan)")
    p.add_argument("file", metavar="CONCEPT.json", help="de nieuwe inhoud (uitwisselformaat)")
    p.set_defaults(func=run_save)

    for name, help_text, func in (
        ("duplicate", "een kopie als nieuw concept; toont het nieuwe id", run_duplicate),
        ("delete", "naar de prullenbak (met 'drafts undelete' terug te halen)", run_trash_step),
        ("undelete", "terugzetten uit de prullenbak", run_trash_step),
        ("purge", "definitief verwijderen (alleen uit de prullenbak)", run_trash_step),
    ):
        p = dsub.add_parser(name, parents=[common], help=help_text)
        p.add_argument("id", metavar="ID", help="het id (of het begin ervan)")
        p.set_defaults(func=func)

    p = sub.add_parser("backup", parents=[common], help="alle concepten met hun versies naar één bestand")
    p.add_argument("file", metavar="BESTAND")
    p.add_argument("--overwrite", action="store_true", help="een bestaand bestand vervangen (in één stap)")
    p.set_defaults(func=run_backup)

    p = sub.add_parser("restore", parents=[common], help="een back-up terugzetten (overschrijft nooit iets nieuwers)")
    p.add_argument("file", metavar="BESTAND")
    p.add_argument("--json", action="store_true", help="het verslag als JSON")
    p.set_defaults(func=run_restore)


@contextmanager
def open_store() -> Iterator[DraftStore]:
    from desktop.storage.errors import StorageError
    from desktop.storage.service import DraftStore

    try:
        store = DraftStore()
    except StorageError as exc:
        raise CliError(exc.message, exc.detail, 2) from exc
    for notice in store.notices:
        print(f"Let op: {notice}", file=sys.stderr)
    try:
        yield store
    except StorageError as exc:
        raise CliError(exc.message, exc.detail, 2) from exc
    finally:
        store.close()


def _summary_json(s: DraftSummary) -> dict[str, Any]:
    return {
        "id": s.id, "form": s.form, "onderwerp": s.onderwerp, "soort": s.soort, "status": s.status,
        "created_at": s.created_at.isoformat(), "updated_at": s.updated_at.isoformat(),
        "deleted": s.deleted,
    }


def _print_summaries(rows: list[DraftSummary], as_json: bool, empty: str) -> None:
    if as_json:
        print_json([_summary_json(s) for s in rows])
        return
    if not rows:
        print(empty)
    for s in rows:
        when = s.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{s.id}  {when}  {s.status:<14} {s.soort:<16} {s.onderwerp}")


def run_import(args: argparse.Namespace) -> int:
    from desktop.domain.draft import DraftError, load_draft_file

    drafts = []
    for name in args.files:
        try:
            drafts.append(load_draft_file(name))
        except DraftError as exc:
            raise CliError(f"{name}: {exc}", exc.detail, 2) from exc
    with open_store() as store:
        for draft_id in store.create_many(drafts, kind="import"):
            print(draft_id)
    return 0


def run_new(args: argparse.Namespace) -> int:
    from desktop.cli.forms_cmd import load_formset
    from desktop.domain.draft import new_draft

    formset = load_formset()
    form = formset.get(args.form)
    if form is None:
        known = ", ".join(sorted(formset.forms))
        raise CliError(f"Onbekend formulier '{args.form}'; kies uit {known}.", f"unknown form {args.form!r}", 2)
    with open_store() as store:
        print(store.create(new_draft(form)))
    return 0


def run_save(args: argparse.Namespace) -> int:
    from desktop.domain.draft import DraftError, load_draft_file

    try:
        draft = load_draft_file(args.file)
    except DraftError as exc:
        raise CliError(f"{args.file}: {exc}", exc.detail, 2) from exc
    with open_store() as store:
        draft_id = store.resolve_id(args.id)
        stored = store.get(draft_id).draft.form
        if draft.form != stored:
            raise CliError(
                f"{args.file} is een {draft.form}, concept {draft_id} een {stored}; sla het op als nieuw "
                "concept met 'drafts import'.",
                f"form {draft.form!r} != stored {stored!r}",
                2,
            )
        number = store.save(draft_id, draft)
    print(f"Opgeslagen als versie {number} van {draft_id}.")
    return 0


def run_duplicate(args: argparse.Namespace) -> int:
    with open_store() as store:
        print(store.duplicate(store.resolve_id(args.id)))
    return 0


# The trash: (store method, what is printed) per command.
_TRASH_STEPS = {
    "delete": ("delete", "Concept {id} staat in de prullenbak; 'drafts undelete {id}' haalt het terug."),
    "undelete": ("undelete", "Concept {id} is teruggezet uit de prullenbak."),
    "purge": ("purge", "Concept {id} is definitief verwijderd."),
}


def run_trash_step(args: argparse.Namespace) -> int:
    method, done = _TRASH_STEPS[args.drafts_command]
    with open_store() as store:
        draft_id = store.resolve_id(args.id)
        getattr(store, method)(draft_id)
    print(done.format(id=draft_id))
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_store() as store:
        rows = store.list(deleted_only=args.prullenbak)
    _print_summaries(rows, args.json, "De prullenbak is leeg." if args.prullenbak else "Nog geen concepten.")
    return 0


def run_show(args: argparse.Namespace) -> int:
    with open_store() as store:
        stored = store.get(store.resolve_id(args.id))
        revisions = store.revisions(stored.id)
    if args.json:
        print_json(stored.draft.to_json())
        return 0
    from desktop.domain.text import plain_text
    from desktop.storage.searchtext import guess_kind

    print(f"id:          {stored.id}")
    print(f"formulier:   {stored.draft.form}")
    print(f"status:      {stored.status}" + ("  (in de prullenbak)" if stored.deleted else ""))
    print(f"aangemaakt:  {stored.created_at.astimezone():%Y-%m-%d %H:%M}")
    print(f"gewijzigd:   {stored.updated_at.astimezone():%Y-%m-%d %H:%M}")
    print(f"versies:     {len(revisions)}")
    for field_id, value in stored.draft.values.items():
        text = plain_text(guess_kind(value), value)
        if text.strip():
            lines = text.splitlines()
            print(f"\n{field_id}:")
            for line in lines:
                print(f"  {line}")
    return 0


def run_search(args: argparse.Namespace) -> int:
    with open_store() as store:
        rows = store.search(args.text, limit=args.limit)
    _print_summaries(rows, args.json, "Niets gevonden.")
    return 0


def run_history(args: argparse.Namespace) -> int:
    with open_store() as store:
        draft_id = store.resolve_id(args.id)
        revisions = store.revisions(draft_id)
        history = store.status_history(draft_id)
    if args.json:
        print_json(
            {
                "id": draft_id,
                "revisions": [
                    {"number": r.number, "kind": r.kind, "created_at": r.created_at.isoformat(),
                     "onderwerp": r.onderwerp}
                    for r in revisions
                ],
                "status_history": [
                    {"at": at.isoformat(), "status": st, "detail": detail, "actor": actor}
                    for at, st, detail, actor in history
                ],
            }
        )
        return 0
    kinds = {"save": "opgeslagen", "autosave": "automatisch", "restore": "teruggezet", "import": "ingelezen"}
    print("Versies (nieuwste eerst):")
    for r in revisions:
        print(f"  {r.number:>4}  {r.created_at.astimezone():%Y-%m-%d %H:%M:%S}  "
              f"{kinds.get(r.kind, r.kind):<12} {r.onderwerp}")
    print("Status:")
    for at, st, detail, actor in history:
        extra = "  ".join(x for x in (detail, actor and f"door {actor}") if x)
        print(f"  {at.astimezone():%Y-%m-%d %H:%M:%S}  {st:<14} {extra}")
    return 0


def run_revert(args: argparse.Namespace) -> int:
    with open_store() as store:
        draft_id = store.resolve_id(args.id)
        number = store.restore_revision(draft_id, args.number)
    print(f"Versie {args.number} is teruggezet als versie {number}.")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.storage.backup import write_backup

    target = Path(args.file)
    if target.exists() and not target.is_dir() and not args.overwrite:
        raise CliError(
            f"Het bestand '{target}' bestaat al; kies een andere naam, of gebruik --overwrite om het "
            "te vervangen (zoals een aanmeldscript elke dag doet).",
            f"exists: {target}",
            2,
        )
    with open_store() as store:
        count = write_backup(store, target, overwrite=args.overwrite)
    # Not count_label(count, "concept", ...): the noun alone is the workflow's state word.
    drafts = "1 concept" if count == 1 else f"{count} concepten"
    print(f"{drafts} bewaard, met alle versies, in {args.file}.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desktop.storage.backup import restore_backup

    with open_store() as store:
        report = restore_backup(store, Path(args.file))
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.lines():
            print(line)
    return 0
