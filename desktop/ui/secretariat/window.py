"""The secretariat's window: the inbox on the left, the agenda of one meeting on the right.

Every action calls ``desktop.secretariat.service.Secretariaat`` on a worker thread (the share
may be slow or gone) and then reloads what it shows from the share; the agenda the secretary
edits carries its version, so a change based on a copy a colleague has overtaken is refused
and explained in the message bar, never merged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import workflow as wf
from desktop.ui.secretariat.agenda_view import AgendaList
from desktop.ui.secretariat.inbox_model import InboxModel


def _button(text: str, parent: QWidget, slot: Callable[[], None]) -> QPushButton:
    b = QPushButton(text, parent)
    b.clicked.connect(slot)
    return b


class SecretariatWindow(QMainWindow):
    idle = Signal()  # after every action and reload: the tests wait for it

    def __init__(self, service: Any) -> None:
        super().__init__()
        self.sec = service
        self.meeting: Any = None
        self.busy = False
        self.setWindowTitle("Stukken — secretariaat")
        central = QWidget(self)
        root = QVBoxLayout(central)

        top = QHBoxLayout()
        top.addWidget(QLabel("Vergadering:", central))
        self.meetings = QComboBox(central)
        self.meetings.setAccessibleName("Vergadering")
        self.meetings.activated.connect(lambda _i: self.refresh())
        top.addWidget(self.meetings, 1)
        top.addWidget(_button("Nieuwe vergadering…", central, self._ask_new_meeting))
        top.addWidget(_button("Vernieuwen", central, self.refresh))
        root.addLayout(top)

        self.message = QLabel("", central)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Melding")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        root.addWidget(self.message)

        split = QSplitter(central)
        left = QWidget(split)
        lv = QVBoxLayout(left)
        lv.addWidget(QLabel("Inbox", left))
        self.inbox_model = InboxModel(self)
        self.inbox = QTableView(left)
        self.inbox.setModel(self.inbox_model)
        self.inbox.setAccessibleName("Inbox")
        self.inbox.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.inbox.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.inbox.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.inbox.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.inbox.verticalHeader().hide()
        self.inbox.doubleClicked.connect(lambda index: self.show_details(index.row()))
        lv.addWidget(self.inbox, 1)
        row = QHBoxLayout()
        row.addWidget(_button("Aanvaarden", left, lambda: self._with_inbox(self.accept)))
        row.addWidget(_button("Terugsturen…", left, self._ask_return))
        row.addWidget(_button("Als hamerstuk agenderen", left,
                              lambda: self._with_inbox(lambda s: self.place(s, "hamerstuk"))))
        row.addWidget(_button("Als bespreekstuk agenderen", left,
                              lambda: self._with_inbox(lambda s: self.place(s, "bespreekstuk"))))
        lv.addLayout(row)

        right = QWidget(split)
        rv = QVBoxLayout(right)
        self.agenda_title = QLabel("Agenda", right)
        rv.addWidget(self.agenda_title)
        self.agenda = AgendaList(right)
        self.agenda.reordered.connect(self.move_item)
        rv.addWidget(self.agenda, 1)
        row = QHBoxLayout()
        row.addWidget(_button("Automatische volgorde", right, self.auto_order))
        row.addWidget(_button("Hamer/bespreek wisselen", right, self._toggle_kind))
        row.addWidget(_button("Agenda vaststellen", right, self.freeze))
        rv.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(_button("Besluit vastleggen…", right, self._ask_decision))
        row.addWidget(_button("Publiceren…", right, self._ask_publish))
        rv.addLayout(row)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([860, 440])
        root.addWidget(split, 1)
        self.setCentralWidget(central)
        self.resize(1300, 700)

    # -- running work off the GUI thread -------------------------------------------------------
    def _run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        from desktop.ui import tasks

        if self.busy:
            self.show_message("Even geduld: de vorige handeling loopt nog.")
            return
        self.busy = True
        self.agenda.setEnabled(False)  # no drag while a save is under way: the list would lie

        def finished(result: Any, error: BaseException | None) -> None:
            self.busy = False
            self.agenda.setEnabled(True)
            if error is not None:
                self.show_message(str(getattr(error, "message", None) or error), error=True)
                self.sec.warnings.clear()
                self._reload()
                return
            done(result)

        tasks.run_task(work, finished)

    def _act(self, work: Callable[[], Any], success: str) -> None:
        def done(_result: Any) -> None:
            warnings = " ".join(self.sec.warnings)
            self.sec.warnings.clear()
            self.show_message(success + (f" Let op: {warnings}" if warnings else ""))
            self._reload()

        self._run(work, done)

    def refresh(self) -> None:
        self.show_message("")
        self._reload()

    def _reload(self) -> None:
        from desktop.secretariat.overview import inbox_rows
        from desktop.secretariat.publishing import hydrate

        wanted = self.meetings.currentData() or (self.meeting.key if self.meeting is not None else None)

        def work() -> tuple[list[Any], Any, list[dict[str, Any]]]:
            meetings = self.sec.list_meetings()
            keys = [mt.key for mt in meetings]
            key = wanted if wanted in keys else next(
                (mt.key for mt in meetings if mt.status in wf.MEETING_OPEN), keys[-1] if keys else None)
            meeting = hydrate(self.sec, self.sec.meetings.load(key)) if key else None
            return meetings, meeting, inbox_rows(self.sec, key)

        def done(result: tuple[list[Any], Any, list[dict[str, Any]]]) -> None:
            meetings, meeting, rows = result
            self.meetings.blockSignals(True)
            self.meetings.clear()
            for mt in meetings:
                self.meetings.addItem(f"{mt.datum:%d-%m-%Y} — {mt.status}", mt.key)
            if meeting is not None:
                self.meetings.setCurrentIndex(self.meetings.findData(meeting.key))
            self.meetings.blockSignals(False)
            self.meeting = meeting
            self.inbox_model.set_rows(rows)
            self.agenda.show_meeting(meeting)
            self.agenda_title.setText(
                f"Agenda {meeting.datum:%d-%m-%Y} ({meeting.status}, versie {meeting.version})"
                if meeting is not None else "Nog geen vergadering: maak er een aan.")
            self.idle.emit()

        self._run(work, done)

    def show_details(self, row: int) -> None:
        """The findings and the verification of one submission, in the message bar."""
        r = self.inbox_model.rows[row]
        lines = [f"{r['onderwerp']} — {r['verificatie']}" + (f": {r['probleem']}" if r["probleem"] else "")]
        if r["te_laat"]:
            lines.append(f"Te laat voor de vergadering van {r['vergadering']} (eerst gezien {r['eerst_gezien']}).")
        lines += [f"{f['ernst']}: {f['veld']}: {f['melding']}" for f in r["bevindingen"]] or ["Geen bevindingen."]
        self.show_message("\n".join(lines))

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;" if error else "")
        if text:
            self.statusBar().showMessage(text, 15000)

    # -- actions (the tests call these directly) ----------------------------------------------
    def _base(self) -> int | None:
        return self.meeting.version if self.meeting is not None else None

    def _need_meeting(self) -> bool:
        if self.meeting is None:
            self.show_message("Kies of maak eerst een vergadering.", error=True)
            return False
        return True

    def selected_inbox_id(self) -> str | None:
        rows = self.inbox.selectionModel().selectedRows()
        return self.inbox_model.id_at(rows[0].row()) if rows else None

    def _with_inbox(self, action: Callable[[str], None]) -> None:
        sid = self.selected_inbox_id()
        if sid is None:
            self.show_message("Selecteer eerst een inzending in de inbox.", error=True)
            return
        action(sid)

    def accept(self, sid: str) -> None:
        self._act(lambda: self.sec.accept(sid), "Aanvaard.")

    def send_back(self, sid: str, reason: str) -> None:
        self._act(lambda: self.sec.send_back(sid, reason), "Teruggestuurd; de steller ziet de reden.")

    def place(self, sid: str, kind: str) -> None:
        if self._need_meeting():
            key, base = self.meeting.key, self._base()
            self._act(lambda: self.sec.place(key, sid, kind, base=base), f"Geagendeerd als {kind}.")

    def move_item(self, sid: str, number: int) -> None:
        if self._need_meeting():
            key, base = self.meeting.key, self._base()
            self._act(lambda: self.sec.move(key, sid, number, base=base), f"Verplaatst naar punt {number}.")

    def auto_order(self) -> None:
        if self._need_meeting():
            key, base = self.meeting.key, self._base()
            self._act(lambda: self.sec.order(key, base=base), "Automatische volgorde toegepast.")

    def freeze(self) -> None:
        if self._need_meeting():
            key, base = self.meeting.key, self._base()
            self._act(lambda: self.sec.freeze(key, base=base), "Agenda vastgesteld.")

    def create_meeting(self, datum: Any, sluiting: Any) -> None:
        def work() -> Any:
            return self.sec.create_meeting(datum, sluiting)

        def done(meeting: Any) -> None:
            self.meeting = meeting
            self.meetings.addItem(meeting.key, meeting.key)
            self.meetings.setCurrentIndex(self.meetings.count() - 1)
            self.show_message(f"Vergadering {meeting.key} aangemaakt.")
            self._reload()

        self._run(work, done)

    def decide(self, sid: str, outcome: str, text: str = "", changed: str = "") -> None:
        if self._need_meeting():
            key, base = self.meeting.key, self._base()
            self._act(lambda: self.sec.decide(key, sid, outcome, text, changed, base=base),
                      f"Besluit vastgelegd: {outcome}.")

    def publish(self, out_dir: Any = None) -> None:
        """Publish the meeting; with ``out_dir`` also write besluitenlijst, terugkoppeling, final stukken."""
        from desktop.secretariat.publishing import publish

        if self._need_meeting():
            key = self.meeting.key
            self._act(lambda: publish(self.sec, key, out_dir),
                      "Gepubliceerd; elke steller ziet het besluit over het eigen stuk.")

    def _ask_decision(self) -> None:
        from desktop.secretariat.meeting import OUTCOMES

        sid = self.agenda.selected_id()
        if sid is None or not self._need_meeting():
            self.show_message("Selecteer eerst een agendapunt.", error=True)
            return
        outcome, ok = QInputDialog.getItem(self, "Besluit", "Uitkomst:", list(OUTCOMES), 0, False)
        if not ok:
            return
        changed = ""
        if outcome == wf.GEWIJZIGD:
            changed, ok = QInputDialog.getMultiLineText(self, "Besluit", "De gewijzigde besluittekst:")
            if not ok:
                return
        self.decide(sid, outcome, changed=changed)

    def _ask_publish(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if not self._need_meeting():
            return
        folder = QFileDialog.getExistingDirectory(self, "Map voor besluitenlijst en terugkoppeling")
        if folder:
            from pathlib import Path

            self.publish(Path(folder))

    def _toggle_kind(self) -> None:
        sid = self.agenda.selected_id()
        if sid is None or not self._need_meeting():
            self.show_message("Selecteer eerst een agendapunt.", error=True)
            return
        kind = "bespreekstuk" if self.meeting.item(sid).behandeling == "hamerstuk" else "hamerstuk"
        key, base = self.meeting.key, self._base()
        self._act(lambda: self.sec.set_kind(key, sid, kind, base=base), f"Nu {kind}.")

    def _ask_return(self) -> None:
        sid = self.selected_inbox_id()
        if sid is None:
            self.show_message("Selecteer eerst een inzending in de inbox.", error=True)
            return
        reason, ok = QInputDialog.getText(self, "Terugsturen", "Reden (de steller ziet deze):")
        if ok:
            self.send_back(sid, reason)

    def _ask_new_meeting(self) -> None:
        from datetime import date, datetime, timedelta

        text, ok = QInputDialog.getText(self, "Nieuwe vergadering", "Datum (JJJJ-MM-DD):")
        if not ok:
            return
        try:
            datum = date.fromisoformat(text.strip())
        except ValueError:
            self.show_message(f"'{text}' is geen datum; schrijf JJJJ-MM-DD.", error=True)
            return
        cutoff = datetime.combine(datum - timedelta(days=5), datetime.min.time()).replace(hour=12)
        self.create_meeting(datum, cutoff)


def run(service: Any) -> int:
    from PySide6.QtWidgets import QApplication

    from desktop import APP_NAME, APP_ORG
    from desktop.ui.app import install_translations

    app = QApplication.instance() or QApplication(["stukken-secretariaat"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ORG)
    install_translations(app)
    window = SecretariatWindow(service)
    window.show()
    window.refresh()
    code = app.exec()
    from desktop.ui import tasks

    tasks.shutdown(wait=True)
    return code
