"""The menu actions of the secretariat window: they pick the selection, ask what they must, then act.

Kept apart from ``window.py`` (layout and the worker plumbing): these are the only places
that open dialogs, and each names what will happen before anything is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from desktop.domain import workflow as wf
from desktop.domain.dates import format_date
from desktop.ui.secretariat import dialogs, outputs
from desktop.ui.secretariat.outputs import KINDS


class AskingMixin:
    """Mixed into SecretariatWindow; uses its attributes (meeting, sec, inbox_panel, agenda, ...)."""

    meeting: Any
    sec: Any
    inbox_panel: Any
    agenda: Any
    meetings: Any

    # -- selection helpers ---------------------------------------------------------------------
    def _with_inbox(self, action: Callable[[str], None]) -> None:
        sid = self.inbox_panel.selected_id()
        if sid is None:
            self.show_message("Selecteer eerst een inzending in de inbox.", error=True)  # type: ignore[attr-defined]
            return
        action(sid)

    def _with_agenda(self, action: Callable[[str], None]) -> None:
        sid = self.agenda.selected_id()
        if sid is None or self.meeting is None:
            self.show_message("Selecteer eerst een agendapunt.", error=True)  # type: ignore[attr-defined]
            return
        action(sid)

    def _numbered(self, sid: str) -> tuple[int, Any]:
        return next((nr, it) for nr, it in self.meeting.numbered() if it.inzending == sid)

    # -- inbox -----------------------------------------------------------------------------------
    def find_in_inbox(self) -> None:
        self.inbox_panel.search.setFocus()
        self.inbox_panel.search.selectAll()

    def open_selected(self) -> None:
        self._with_inbox(self.open_stuk)  # type: ignore[attr-defined]

    def accept_selected(self) -> None:
        def ask(sid: str) -> None:
            row = self.inbox_panel.row_of(sid) or {}
            trust = row.get("verificatie") == "gewijzigde sleutel"
            if trust and not dialogs.confirm(
                self, "Andere sleutel", f"'{row.get('onderwerp') or sid}' is ondertekend met een ANDERE sleutel "  # type: ignore[arg-type]
                f"dan {row.get('steller') or 'de steller'} eerder gebruikte.",
                "Sleutel vertrouwen en aanvaarden",
                "Controleer eerst bij de steller (telefoon, niet per mail) dat die een nieuwe sleutel heeft; "
                "anders kan een collega het stuk hebben vervalst. Daarna worden stukken met deze sleutel "
                "als echt gezien."):
                return
            self.accept(sid, trust_new_key=trust)  # type: ignore[attr-defined]

        self._with_inbox(ask)

    def place_hamer(self) -> None:
        self._with_inbox(lambda s: self.place(s, "hamerstuk"))  # type: ignore[attr-defined]

    def place_bespreek(self) -> None:
        self._with_inbox(lambda s: self.place(s, "bespreekstuk"))  # type: ignore[attr-defined]

    def return_selected(self) -> None:
        def ask(sid: str) -> None:
            row = self.inbox_panel.row_of(sid) or {}
            reason, ok = QInputDialog.getText(
                self, "Terugsturen",  # type: ignore[arg-type]
                f"'{row.get('onderwerp', sid)}' terugsturen naar {row.get('steller') or 'de steller'}.\n"
                "Reden (de steller ziet deze):")
            if ok:
                self.send_back(sid, reason)  # type: ignore[attr-defined]

        self._with_inbox(ask)

    # -- agenda ----------------------------------------------------------------------------------
    def remove_selected(self) -> None:
        def ask(sid: str) -> None:
            nr, it = self._numbered(sid)
            if dialogs.confirm(self, "Van de agenda halen",  # type: ignore[arg-type]
                               f"Punt {nr}, '{it.onderwerp or it.registratienummer}', van de agenda van "
                               f"{format_date(self.meeting.datum)} halen?",
                               "Van de agenda halen",
                               "Het stuk blijft aanvaard en staat weer in de inbox; de steller ziet "
                               "'ingediend'. De andere punten schuiven op."):
                self.remove_item(sid)  # type: ignore[attr-defined]

        self._with_agenda(ask)

    def _move_by(self, step: int) -> None:
        def go(sid: str) -> None:
            nr, _ = self._numbered(sid)
            if 1 <= nr + step <= len(self.meeting.items):
                self.move_item(sid, nr + step)  # type: ignore[attr-defined]

        self._with_agenda(go)

    def move_up(self) -> None:
        self._move_by(-1)

    def move_down(self) -> None:
        self._move_by(1)

    def toggle_kind(self) -> None:
        def go(sid: str) -> None:
            kind = "bespreekstuk" if self.meeting.item(sid).behandeling == "hamerstuk" else "hamerstuk"
            self.set_kind(sid, kind)  # type: ignore[attr-defined]

        self._with_agenda(go)

    def ask_freeze(self) -> None:
        if not self._need_meeting():  # type: ignore[attr-defined]
            return
        text, detail = dialogs.freeze_question(self.meeting)
        if dialogs.confirm(self, "Agenda vaststellen", text, "Agenda vaststellen", detail):  # type: ignore[arg-type]
            self.freeze()  # type: ignore[attr-defined]

    def ask_decision(self) -> None:
        def ask(sid: str) -> None:
            nr, it = self._numbered(sid)
            dialog = dialogs.DecisionDialog(nr, it, self)  # type: ignore[arg-type]
            if dialog.exec():
                outcome, changed = dialog.values()
                self.decide(sid, outcome, changed=changed)  # type: ignore[attr-defined]

        self._with_agenda(ask)

    def ask_publish(self) -> None:
        if not self._need_meeting():  # type: ignore[attr-defined]
            return
        if self.meeting.status == wf.MEETING_GEPUBLICEERD:
            if dialogs.confirm(self, "Publicatie afmaken",  # type: ignore[arg-type]
                               f"De vergadering van {format_date(self.meeting.datum)} staat al op gepubliceerd.",
                               "Publicatie afmaken",
                               "Als de gedeelde map tijdens het publiceren wegviel, zet dit de terugkoppeling "
                               "alsnog klaar. Er wordt niets dubbel gepubliceerd."):
                self.publish(repair=True)  # type: ignore[attr-defined]
            return
        text, detail = dialogs.publish_question(self.meeting)
        box = QMessageBox(QMessageBox.Icon.Question, "Publiceren", text, parent=self)  # type: ignore[call-overload]
        box.setInformativeText(detail + "\n\nBesluitenlijst, terugkoppeling en de definitieve stukken kunnen "
                               "ook als .docx in een map worden bewaard.")
        with_docs = box.addButton("Publiceren en documenten bewaren…", QMessageBox.ButtonRole.AcceptRole)
        only = box.addButton("Alleen publiceren", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        if box.clickedButton() is only:
            self.publish()  # type: ignore[attr-defined]
        elif box.clickedButton() is with_docs:
            folder = QFileDialog.getExistingDirectory(self, "Map voor besluitenlijst en terugkoppeling")  # type: ignore[arg-type]
            if folder:  # no folder chosen: nothing is published
                self.publish(Path(folder))  # type: ignore[attr-defined]

    # -- meetings, documents ---------------------------------------------------------------------
    def new_meeting(self) -> None:
        dialog = dialogs.NewMeetingDialog(self)  # type: ignore[arg-type]
        if dialog.exec():
            self.create_meeting(*dialog.values())  # type: ignore[attr-defined]

    def _ask_export(self, what: str) -> None:
        if not self._need_meeting():  # type: ignore[attr-defined]
            return
        title, _landscape, pattern = KINDS[what]
        if not pattern:
            folder = QFileDialog.getExistingDirectory(self, f"Map voor de {title.lower()}")  # type: ignore[arg-type]
            if folder:
                self.export(what, Path(folder))  # type: ignore[attr-defined]
            return
        name, _ = QFileDialog.getSaveFileName(
            self, f"{title} exporteren", str(Path.home() / pattern.format(key=self.meeting.key)),  # type: ignore[arg-type]
            "Word-document (*.docx)")
        if name:
            self.export(what, Path(name if name.lower().endswith(".docx") else name + ".docx"))  # type: ignore[attr-defined]

    def export_agenda(self) -> None:
        self._ask_export("agenda")

    def export_set(self) -> None:
        self._ask_export("set")

    def export_besluitenlijst(self) -> None:
        self._ask_export("besluitenlijst")

    def export_terugkoppeling(self) -> None:
        self._ask_export("terugkoppeling")

    def print_meeting(self, what: str, show: bool = True) -> Any:
        """Print preview of agenda, besluitenlijst or terugkoppeling; printing starts from the preview."""
        if not self._need_meeting():  # type: ignore[attr-defined]
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(outputs.page_layout(what))
        names = self.sec.formset.config.names
        doc = outputs.print_document(what, self.meeting, str(names.get("organisatie", "")), self.sec.port_order,
                                     str(names.get("secretaris", "")))
        dialog = QPrintPreviewDialog(printer, self)  # type: ignore[call-overload]
        dialog.setWindowTitle(f"Afdrukvoorbeeld: {KINDS[what][0].lower()} {format_date(self.meeting.datum)}")
        dialog.paintRequested.connect(doc.print_)
        dialog.keep_alive = (doc, printer)
        if show:
            dialog.exec()
        return dialog

    def print_set(self, show: bool = True) -> None:
        """Print preview of the meeting set: the stukken are read from the share first (worker)."""
        if not self._need_meeting():  # type: ignore[attr-defined]
            return
        key = self.meeting.key
        organisatie = str(self.sec.formset.config.names.get("organisatie", ""))

        def done(result: tuple[Any, list[Any]]) -> None:
            meeting, models = result
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintPreviewDialog(printer, self)  # type: ignore[call-overload]
            dialog.setWindowTitle(f"Afdrukvoorbeeld: vergaderset {format_date(meeting.datum)}")
            dialog.paintRequested.connect(lambda target: outputs.paint_set(target, meeting, models, organisatie))
            dialog.keep_alive = (models, printer)
            self.set_preview = dialog
            self.idle.emit()  # type: ignore[attr-defined]
            if show:
                dialog.exec()

        self._run(lambda: outputs.set_work(self.sec, key), done)  # type: ignore[attr-defined]

    def print_agenda(self) -> None:
        self.print_meeting("agenda")

    def print_besluitenlijst(self) -> None:
        self.print_meeting("besluitenlijst")

    def print_terugkoppeling(self) -> None:
        self.print_meeting("terugkoppeling")

    # -- focus -----------------------------------------------------------------------------------
    def focus_meetings(self) -> None:
        self.meetings.setFocus()
        self.meetings.showPopup()

    def focus_inbox(self) -> None:
        self.inbox_panel.table.setFocus()

    def focus_agenda(self) -> None:
        self.agenda.setFocus()
