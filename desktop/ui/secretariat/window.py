"""The secretariat's window: the inbox on the left, the agenda of one meeting on the right.

Every action calls ``desktop.secretariat.service.Secretariaat`` on a worker thread (the share
may be slow or gone) and then reloads what it shows from the share; the agenda the secretary
edits carries its version, so a change based on a copy a colleague has overtaken is refused
and explained in the message bar, never merged. Menus and shortcuts: ``menus.py``; the
questions asked first: ``dialogs.py`` and ``asking.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import workflow as wf
from desktop.domain.dates import format_date
from desktop.secretariat.audit import scan
from desktop.secretariat.overview import inbox_rows
from desktop.secretariat.publishing import hydrate, publish
from desktop.ui import tasks
from desktop.ui.secretariat import cijfers_tab, menus
from desktop.ui.secretariat.agenda_view import AgendaTable
from desktop.ui.secretariat.asking import AskingMixin
from desktop.ui.secretariat.dialogs import ProblemsDialog
from desktop.ui.secretariat.inbox_panel import InboxPanel
from desktop.ui.secretariat.outputs import export_work
from desktop.ui.secretariat.stuk_view import StukDialog
from desktop.ui.window_state import restore_states, window_settings

GEOMETRY_KEY = "secretariaat/venster"
SPLIT_KEY = "secretariaat/verdeling"


class SecretariatWindow(AskingMixin, QMainWindow):
    idle = Signal()  # after every action and reload: the tests wait for it

    def __init__(self, service: Any) -> None:
        super().__init__()
        self.sec = service
        self.meeting: Any = None
        self.busy = False
        self.dialogs: list[Any] = []  # open non-modal windows (Stuk openen), kept alive
        self.setWindowTitle("Stukken — secretariaat")
        self.actions_by_name = menus.build(self)
        act = self.actions_by_name
        central = QWidget(self)
        root = QVBoxLayout(central)

        top = QHBoxLayout()
        label = QLabel("&Vergadering:", central)
        top.addWidget(label)
        self.meetings = QComboBox(central)
        self.meetings.setAccessibleName("Vergadering")
        label.setBuddy(self.meetings)
        self.meetings.activated.connect(lambda _i: self.refresh())
        top.addWidget(self.meetings, 1)
        top.addWidget(menus.button(act["new_meeting"], central))
        top.addWidget(menus.button(act["refresh"], central))
        root.addLayout(top)

        self.message = QLabel("", central)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Melding")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        root.addWidget(self.message)

        self.split = split = QSplitter(central)
        left = QWidget(split)
        lv = QVBoxLayout(left)
        self.inbox_panel = InboxPanel(left)
        self.inbox_model = self.inbox_panel.model
        self.inbox = self.inbox_panel.table
        self.inbox_panel.activated.connect(self.open_stuk)
        self.inbox_panel.done.toggled.connect(lambda _on: self._reload())
        lv.addWidget(self.inbox_panel, 1)
        row = QHBoxLayout()
        for name in ("open_selected", "accept_selected", "return_selected", "place_hamer", "place_bespreek"):
            row.addWidget(menus.button(act[name], left))
        lv.addLayout(row)

        right = QWidget(split)
        rv = QVBoxLayout(right)
        self.agenda_title = QLabel("Agenda", right)
        rv.addWidget(self.agenda_title)
        self.agenda = AgendaTable(right)
        self.agenda.reordered.connect(self.move_item)
        rv.addWidget(self.agenda, 1)
        row = QHBoxLayout()
        for name in ("auto_order", "toggle_kind", "remove_selected", "ask_freeze"):
            row.addWidget(menus.button(act[name], right))
        rv.addLayout(row)
        row = QHBoxLayout()
        for name in ("ask_decision", "ask_publish", "export_agenda", "print_agenda"):
            row.addWidget(menus.button(act[name], right))
        rv.addLayout(row)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        root.addWidget(split, 1)
        self.setCentralWidget(central)
        self.resize(1400, 760)
        split.setSizes([700, 700])
        cijfers_tab.install(self, service)  # the "Cijfers" tab next to this content
        restore_states(((GEOMETRY_KEY, self.restoreGeometry), (SPLIT_KEY, split.restoreState)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Keep the window's size, the split and the inbox's columns for the next time."""
        self.inbox_panel.save_state()
        settings = window_settings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(SPLIT_KEY, self.split.saveState())
        settings.sync()
        super().closeEvent(event)

    # -- running work off the GUI thread -------------------------------------------------------
    def _run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        if self.busy:
            self.show_message("Even geduld: de vorige handeling loopt nog.")
            return
        self.busy = True
        self.agenda.setEnabled(False)  # no drag while a save is under way: the table would lie

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
        wanted = self.meetings.currentData() or (self.meeting.key if self.meeting is not None else None)
        include_done = self.inbox_panel.done.isChecked()

        def work() -> tuple[list[Any], Any, list[dict[str, Any]]]:
            meetings = self.sec.list_meetings()
            keys = [mt.key for mt in meetings]
            key = wanted if wanted in keys else next(
                (mt.key for mt in meetings if mt.status in wf.MEETING_OPEN), keys[-1] if keys else None)
            meeting = hydrate(self.sec, self.sec.meetings.load(key)) if key else None
            return meetings, meeting, inbox_rows(self.sec, key, include_done=include_done)

        def done(result: tuple[list[Any], Any, list[dict[str, Any]]]) -> None:
            meetings, meeting, rows = result
            if self.sec.problems and not self.message.text():
                self.show_message(f"{len(self.sec.problems)} bestand(en) in de gedeelde map worden niet vertrouwd "
                                  "en zijn overgeslagen; zie Beeld > Problemen (Ctrl+Shift+F).", error=True)
            self.meetings.blockSignals(True)
            self.meetings.clear()
            for mt in meetings:
                self.meetings.addItem(f"{format_date(mt.datum)} — {mt.status}", mt.key)
            if meeting is not None:
                self.meetings.setCurrentIndex(self.meetings.findData(meeting.key))
            self.meetings.blockSignals(False)
            self.meeting = meeting
            self.inbox_panel.set_rows(rows)
            self.agenda.show_meeting(meeting)
            self.agenda_title.setText(
                f"Agenda {format_date(meeting.datum)} ({meeting.status}, versie {meeting.version})"
                if meeting is not None else "Nog geen vergadering: maak er een aan (Ctrl+N).")
            self.idle.emit()

        self._run(work, done)

    def show_problems(self) -> None:
        """Beeld > Problemen: every file of the secretariat that is not believed, in a list."""
        def done(found: list[Any]) -> None:
            self.problems_dialog = ProblemsDialog(found, self)
            self.problems_dialog.show()
            self.idle.emit()

        self._run(lambda: scan(self.sec), done)

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
        return self.inbox_panel.selected_id()

    def accept(self, sid: str, trust_new_key: bool = False) -> None:
        self._act(lambda: self.sec.accept(sid, trust_new_key=trust_new_key), "Aanvaard.")

    def send_back(self, sid: str, reason: str) -> None:
        self._act(lambda: self.sec.send_back(sid, reason), "Teruggestuurd; de steller ziet de reden.")

    def place(self, sid: str, kind: str) -> None:
        if self._need_meeting():
            key, base = self.meeting.key, self._base()
            self._act(lambda: self.sec.place(key, sid, kind, base=base), f"Geagendeerd als {kind}.")

    def remove_item(self, sid: str) -> None:
        if self._need_meeting():
            key, base = self.meeting.key, self._base()
            self._act(lambda: self.sec.remove(key, sid, base=base),
                      "Van de agenda gehaald; het stuk staat weer in de inbox.")

    def move_item(self, sid: str, number: int) -> None:
        if self._need_meeting():
            key, base = self.meeting.key, self._base()
            self._act(lambda: self.sec.move(key, sid, number, base=base), f"Verplaatst naar punt {number}.")

    def set_kind(self, sid: str, kind: str) -> None:
        if self._need_meeting():
            key, base = self.meeting.key, self._base()
            self._act(lambda: self.sec.set_kind(key, sid, kind, base=base), f"Nu {kind}.")

    def auto_order(self) -> None:
        if self._need_meeting():
            key, base = self.meeting.key, self._base()
            self._act(lambda: self.sec.order(key, base=base), "Automatische volgorde toegepast.")

    def freeze(self) -> None:
        if self._need_meeting():
            key, base = self.meeting.key, self._base()
            self._act(lambda: self.sec.freeze(key, base=base), "Agenda vastgesteld.")

    def create_meeting(self, datum: Any, sluiting: Any) -> None:
        def done(meeting: Any) -> None:
            self.meeting = meeting
            self.meetings.addItem(meeting.key, meeting.key)
            self.meetings.setCurrentIndex(self.meetings.count() - 1)
            self.show_message(f"Vergadering van {format_date(meeting.datum)} aangemaakt.")
            self._reload()

        self._run(lambda: self.sec.create_meeting(datum, sluiting), done)

    def decide(self, sid: str, outcome: str, text: str = "", changed: str = "") -> None:
        if self._need_meeting():
            key, base = self.meeting.key, self._base()
            self._act(lambda: self.sec.decide(key, sid, outcome, text, changed, base=base),
                      f"Besluit vastgelegd: {outcome}.")

    def publish(self, out_dir: Any = None, repair: bool = False) -> None:
        """Publish the meeting; with ``out_dir`` also write besluitenlijst, terugkoppeling, final stukken.

        ``repair`` completes a publication the share interrupted (``meeting publish --herstel``)."""
        if self._need_meeting():
            key = self.meeting.key
            self._act(lambda: publish(self.sec, key, out_dir, repair=repair),
                      ("Publicatie afgemaakt" if repair else "Gepubliceerd")
                      + "; elke steller ziet het besluit over het eigen stuk.")

    def export(self, what: str, target: Any) -> None:
        """Write agenda, besluitenlijst, terugkoppeling (a file) or the meeting set (a folder)."""
        if self._need_meeting():
            key = self.meeting.key

            def done(files: list[Any]) -> None:
                self.show_message(f"Geëxporteerd: {', '.join(str(f) for f in files)}")
                self.idle.emit()

            self._run(lambda: export_work(self.sec, what, key, target), done)

    def open_stuk(self, sid: str) -> None:
        """The submitted document rendered, with its verification and findings (non-modal)."""
        row = self.inbox_panel.row_of(sid)
        if row is None:
            return

        def done(sub: Any) -> None:
            dialog = StukDialog(row, sub, self.sec.formset, self)
            dialog.finished.connect(lambda _r: self.dialogs.remove(dialog) if dialog in self.dialogs else None)
            self.dialogs.append(dialog)
            dialog.show()
            self.idle.emit()

        self._run(lambda: self.sec.submission(sid), done)


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
    tasks.shutdown(wait=True)
    return code
