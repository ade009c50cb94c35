"""``main.py submit | queue list | outbox | status | withdraw``: the shared-folder queue.

Exit codes: 0 done (also when the stuk waits in the outbox), 1 refused (validation
errors, already on an agenda), 2 bad input or no keyring.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.draft_input import is_file_arg, load_draft_arg
from desktop.cli.output import CliError, print_json
from desktop.domain import workflow as wf

if TYPE_CHECKING:
    from desktop.queue.record import Record


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    queue_opt = argparse.ArgumentParser(add_help=False)
    queue_opt.add_argument("--queue", metavar="MAP", help="de wachtrijmap (standaard: uit de instellingen)")
    json_opt = argparse.ArgumentParser(add_help=False)
    json_opt.add_argument("--json", action="store_true", help="uitvoer als JSON")

    p = sub.add_parser("submit", parents=[common, queue_opt, json_opt], help="dien een stuk in via de wachtrij")
    p.add_argument("draft", metavar="CONCEPT", help="een conceptbestand (.json) of een concept-id")
    p.add_argument("--bijlage", action="append", default=[], metavar="BESTAND", help="een bijlage (herhaalbaar)")
    p.add_argument("--bijlagen-map", metavar="MAP", help="map waarin de bijlagen uit het concept staan")
    p.add_argument("--max-bijlage-mb", type=int, default=None, metavar="MB", help="grootste bijlage (standaard 50)")
    p.add_argument("--no-layout", action="store_true", help="sla de controle of het A4tje op één pagina past over")
    p.add_argument(
        "--timeout", type=float, default=20.0, metavar="SECONDEN", help="hoe lang wachten op de gedeelde map"
    )
    p.set_defaults(func=run_submit)

    q = sub.add_parser("queue", parents=[common], help="de wachtrij bekijken")
    qsub = q.add_subparsers(dest="queue_command", metavar="OPDRACHT", required=True)
    ql = qsub.add_parser("list", parents=[common, queue_opt, json_opt], help="toon de inzendingen in de wachtrij")
    ql.set_defaults(func=run_list)

    o = sub.add_parser("outbox", parents=[common, json_opt], help="wat in de uitbak wacht op verbinding")
    o.add_argument("--bezorg", action="store_true", help="probeer de uitbak nu te versturen")
    o.set_defaults(func=run_outbox)

    s = sub.add_parser("status", parents=[common, json_opt], help="de eigen inzendingen en hun status")
    s.add_argument("--offline", action="store_true", help="niet in de gedeelde map kijken")
    s.set_defaults(func=run_status)

    b = sub.add_parser("besluitenlijsten", parents=[common, json_opt],
                       help="de gepubliceerde besluitenlijsten; nieuwe worden opgehaald en getoond")
    b.add_argument("--alles", action="store_true", help="ook de besluitenlijsten die al gelezen zijn")
    b.add_argument("--offline", action="store_true", help="niet in de gedeelde map kijken")
    b.set_defaults(func=run_besluitenlijsten)

    w = sub.add_parser("withdraw", parents=[common], help="trek een eigen inzending in")
    w.add_argument("submission", metavar="INZENDING_ID")
    w.add_argument("--reden", default="", help="waarom (voor het secretariaat)")
    w.set_defaults(func=run_withdraw)


def queue_dir(args: argparse.Namespace) -> Path:
    if getattr(args, "queue", None):
        return Path(args.queue)
    from desktop.config.settings import Settings

    return Settings().queue_dir()


@contextlib.contextmanager
def steller_record() -> Iterator[Record]:
    """The steller's record: the outbox in the data folder, the rows in the local database."""
    # Imported here: `--help` must not load the database layer (test_help_does_not_import_the_database_layer).
    from desktop.queue.record import Record
    from desktop.storage.service import DraftStore

    with DraftStore() as store:
        yield Record(rows=store.submissions)


def _draft_identity(arg: str) -> tuple[str | None, Path | None]:
    """``(stored draft id, file)`` of the command's draft argument.

    A submission is tied to what was submitted, never to a file path: a stored draft by its
    id, a draft file by its content (``submit`` keys it so when no id is given).
    """
    path = Path(arg)
    if is_file_arg(arg):
        return None, path
    from desktop.storage.service import DraftStore  # see steller_record

    try:
        with DraftStore() as store:
            full = store.resolve_id(arg)
        return full, None
    except Exception:  # the store reports its own error when loading the draft
        return arg, None


def _attachments(draft: Any, args: argparse.Namespace, draft_file: Path | None) -> list[Any]:
    from desktop.queue.bundle import Attachment

    names = [n for n in draft.values.get("bijlagen", []) or [] if isinstance(n, str) and n.strip()]
    given = {Path(p).name: Path(p) for p in args.bijlage}
    folder = Path(args.bijlagen_map) if args.bijlagen_map else (draft_file.parent if draft_file else Path.cwd())
    out, missing = [], []
    for name in names:
        path = given.pop(name, None) or folder / name
        if path.is_file():
            out.append(Attachment(name, path))
        else:
            missing.append(name)
    if given:
        extra = ", ".join(sorted(given))
        raise CliError(
            f"De bijlage(n) {extra} staan niet in het concept (veld Bijlagen); voeg ze daar eerst toe.",
            f"--bijlage not listed in draft: {extra}",
            2,
        )
    if missing:
        raise CliError(
            f"Bijlage(n) niet gevonden: {', '.join(missing)} (gezocht in {folder}). Geef de map met "
            "--bijlagen-map of elk bestand met --bijlage.",
            f"missing attachment files in {folder}: {missing}",
            2,
        )
    return out


def run_submit(args: argparse.Namespace) -> int:
    from desktop.cli.forms_cmd import load_formset
    from desktop.cli.validate_cmd import layout_check
    from desktop.queue import protocol as P
    from desktop.queue.bundle import BundleError
    from desktop.queue.keys import KeyUnavailable
    from desktop.queue.submit import SubmitRefused, submit

    draft = load_draft_arg(args.draft)
    draft_id, draft_file = _draft_identity(args.draft)
    attachments = _attachments(draft, args, draft_file)
    mb = args.max_bijlage_mb if args.max_bijlage_mb is not None else P.DEFAULT_MAX_ATTACHMENT_MB
    if mb < 1 or args.timeout <= 0:
        raise CliError(
            "--max-bijlage-mb moet minstens 1 zijn en --timeout groter dan 0.",
            f"max_bijlage_mb={mb} timeout={args.timeout}",
            2,
        )
    try:
        with steller_record() as record:
            result = submit(
                draft,
                record=record,
                queue_dir=queue_dir(args),
                draft_id=draft_id,
                attachments=attachments,
                formset=load_formset(),
                layout=None if args.no_layout else layout_check(),
                max_attachment_bytes=mb * 2**20,
                timeout=args.timeout,
            )
    except SubmitRefused as exc:
        if exc.findings and not args.json:
            for f in exc.findings:
                if f.is_error:
                    print(f"FOUT   {f.field}: {f.message}")
        if exc.findings and args.json:
            print_json({"ingediend": False, "bevindingen": [f.to_json() for f in exc.findings]})
        raise CliError(str(exc), exc.detail, 1) from exc
    except (KeyUnavailable, BundleError) as exc:
        raise CliError(str(exc), exc.detail, 2) from exc
    if args.json:
        print_json(
            {
                "id": result.submission_id,
                "status": result.state,
                "melding": result.message,
                "vervangt": result.supersedes,
                "al_ingediend": result.already,
            }
        )
    else:
        print(result.submission_id)
        print(result.message)
        if result.supersedes:
            print(f"Deze versie vervangt inzending {result.supersedes}.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from desktop.queue.reader import QueueReader
    from desktop.queue.trust import TrustStore
    from desktop.share import ShareError, connect

    folder = queue_dir(args)
    if not getattr(args, "queue", None) and not folder.exists():
        from desktop.config.settings import Settings

        if Settings().queue_choice()[1] == "standaard":
            # A fresh install: the local queue folder is made by the first submit.
            listing_empty: list[Any] = []
            print_json(listing_empty) if args.json else print("De wachtrij is leeg.")
            return 0
    fs = connect(folder)
    try:
        if not fs.available():
            raise ShareError(f"De wachtrijmap {folder} is niet bereikbaar.", f"not a directory: {folder}")
        listing = QueueReader(fs, trust=TrustStore()).list()
    except ShareError as exc:
        raise CliError(str(exc), exc.detail, 2) from exc
    if args.json:
        print_json(listing.entries)
        return 0
    if not listing.entries:
        print("De wachtrij is leeg.")
    for e in listing.entries:
        flag = f" [{wf.INGETROKKEN}]" if e[wf.INGETROKKEN] else ""
        print(f"{e['id']}  {e['aangekomen']}  {e['verificatie']:<18} {e['steller']:<20} {e['onderwerp']}{flag}")
        if e["melding"]:
            print(f"    let op: {e['melding']}")
    for q in listing.quarantined:
        print(f"In quarantaine gezet: {q['name']} — {q['reason']}")
    return 0


def run_outbox(args: argparse.Namespace) -> int:
    from desktop.queue.delivery import deliver_outbox, outbox_entries

    with steller_record() as record:
        if args.bezorg:
            report = deliver_outbox(record)
            if not args.json:
                print(f"Verstuurd: {len(report.delivered)}, wacht nog: {len(report.waiting)}.")
                for folder, why in report.problems.items():
                    print(f"  {folder}: {why}")
        entries = outbox_entries(record)
    if args.json:
        print_json(entries)
        return 0
    if not entries:
        print("De uitbak is leeg.")
    for e in entries:
        print(f"{e['id']}  {e['status']}  {e['onderwerp']}  (pogingen: {e['pogingen']})")
        if e["laatste_fout"]:
            print(f"    laatste fout: {e['laatste_fout']}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from desktop.queue.anchor import pending_notice
    from desktop.queue.delivery import deliver_outbox
    from desktop.queue.status import own_status, refresh_status

    changes = []
    problems: dict[str, str] = {}
    warnings: list[str] = []
    with steller_record() as record:
        if not args.offline:
            deliver_outbox(record, timeout=10.0)
            changes = refresh_status(record, timeout=10.0, problems=problems, warnings=warnings)
        rows = own_status(record)
    for queue, reason in problems.items():
        print(f"Let op: de gedeelde map {queue} is niet bereikbaar ({reason}); de status kan verouderd zijn.",
              file=sys.stderr)
    for warning in warnings:
        print(f"Let op: {warning}", file=sys.stderr)
    notice = pending_notice()
    if notice:
        print(f"Let op: {notice}", file=sys.stderr)
    if args.json:
        print_json(rows)
        return 0
    for c in changes:
        print(f"Nieuw: {c.message}")
    if not rows:
        print("U hebt nog niets ingediend.")
    for r in rows:
        extra = f" — {r['toelichting']}" if r["toelichting"] else ""
        print(f"{r['id']}  {r['status']:<20} {r['onderwerp']}{extra}")
    return 0


def run_besluitenlijsten(args: argparse.Namespace) -> int:
    from desktop.queue.publications import PublicationReader, fetch_new, route_lines
    from desktop.share import reason_of

    reader = PublicationReader()
    if not args.offline:
        try:
            fetch_new(queue_dir(args), reader)
        except OSError as exc:
            print(f"Let op: de gedeelde map is niet bereikbaar ({reason_of(exc)}); u ziet wat al was opgehaald.",
                  file=sys.stderr)
    lijsten = reader.all() if args.alles else reader.unread()
    if args.json:
        print_json([{"vergadering": b.meeting_id, "gepubliceerd": b.published, "gelezen": b.gelezen,
                     "punten": b.items} for b in lijsten])
    elif not lijsten:
        print("Geen nieuwe besluitenlijsten." if not args.alles else "Er zijn nog geen besluitenlijsten gelezen.")
    for b in lijsten if not args.json else []:
        print(f"Besluitenlijst {b.meeting_id}{'' if b.gelezen else ' (nieuw)'}")
        for item in b.items:
            print(f"  {item.get('nr', '')}. {item.get('onderwerp') or '(vertrouwelijk)'} "
                  f"[{item.get('registratienummer', '')}] {item.get('outcome', '')}")
            if item.get("decision_text"):
                print(f"     {item['decision_text']}")
            for line in route_lines(item):
                print(f"     {line}")
    for b in lijsten:
        reader.mark_read(b.meeting_id)
    return 0


def run_withdraw(args: argparse.Namespace) -> int:
    from desktop.queue.keys import KeyUnavailable
    from desktop.queue.status import WithdrawRefused, withdraw

    try:
        with steller_record() as record:
            print(withdraw(args.submission, reason=args.reden, record=record))
    except WithdrawRefused as exc:
        raise CliError(str(exc), exc.detail, 1) from exc
    except KeyUnavailable as exc:
        raise CliError(str(exc), exc.detail, 2) from exc
    return 0
