"""The main window: the list of drafts with new, open, duplicate, delete (with undo), search,
and what happened to submitted stukken (detail pane, message bar, Uitbak: ``steller_parts``).

Imports only Qt at module level: the window paints before the store (SQLAlchemy)
or the editor are loaded; the list arrives from the writer thread afterwards.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import workflow as wf
from desktop.ui.window_state import restore_states, window_settings


def tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    first_painted = Signal()
    drafts_shown = Signal(int)
    poll_requested = Signal()  # F5, "Nu versturen": the application's poller polls now

    def __init__(self) -> None:
        super().__init__()
        self.controller: Any = None
        self.steller: Any = None  # StellerParts, after the first paint
        self._painted = False
        self._shortcuts: list[tuple[QAction, Any]] = []
        self.setWindowTitle(tr("Stukken — Gemeente Groningen"))
        self.model: Any = None
        self.proxy: Any = None
        self.table = QTableView(self)
        self.table.setAccessibleName(tr("Concepten"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.activated.connect(lambda _i: self._open())
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Zoeken in concepten (Ctrl+F)"))
        self.search.setAccessibleName(tr("Zoeken"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(lambda: self.controller and self.controller.search(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.table.setFocus)
        self.undo_bar = self._build_undo_bar()
        self.empty_label = QLabel(tr("Concepten laden…"), self)
        central = QWidget(self)
        self.central_layout = layout = QVBoxLayout(central)
        layout.addWidget(self.search)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.table, 1)  # into a splitter with the detail pane after the first paint
        layout.addWidget(self.empty_label)
        self.setCentralWidget(central)
        self._build_actions()
        # The count of drafts stays in its own corner: messages no longer overwrite each other.
        self.count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().showMessage(tr("Welkom."))
        self.resize(1000, 700)
        self._restore()

    def _build_undo_bar(self) -> QFrame:
        bar = QFrame(self)
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.undo_label = QLabel(bar)
        button = QPushButton(tr("Ongedaan maken (Ctrl+Z)"), bar)
        button.clicked.connect(self._undo)
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.undo_label, 1)
        layout.addWidget(button)
        bar.hide()
        return bar

    def _action(self, text: str, keys: Any, slot: Any, tip: str = "") -> QAction:
        action = QAction(tr(text), self)
        if keys is not None:
            # Set after the first paint: the first shortcut makes PySide build Qt's enum
            # classes (~45 ms), and no one can press a key before the window is there.
            self._shortcuts.append((action, keys))
        if tip:
            action.setToolTip(tr(tip))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        # Key names, not QKeySequence.StandardKey: touching that enum before the first paint
        # makes PySide build Qt's enum classes; these are the Windows keys the users know.
        self.new_a4_action = self._action("Nieuw &A4tje", "Ctrl+N", lambda: self._new("a4tje"))
        self.new_rb_action = self._action("Nieuwe &raadsbrief", "Ctrl+Shift+N", lambda: self._new("raadsbrief"))
        self.open_action = self._action("&Openen", "Ctrl+O", self._open)
        self.dup_action = self._action("&Dupliceren", "Ctrl+D", self._duplicate)
        self.delete_action = self._action("&Verwijderen", "Del", self._delete)
        self.undo_action = self._action("&Ongedaan maken", "Ctrl+Z", self._undo)
        self.find_action = self._action("&Zoeken", "Ctrl+F", self._focus_search)
        self.settings_action = self._action("&Instellingen…", "Ctrl+,", self._settings)
        self.quit_action = self._action("&Afsluiten", "Ctrl+Q", self.close)
        self.refresh_action = self._action("&Vernieuwen en wachtrij bijwerken", "F5", self._refresh)
        self.outbox_action = self._action("&Uitbak…", "Ctrl+U", lambda: self.controller and self.controller.outbox())
        self.send_now_action = self._action("Uitbak nu &versturen", "Ctrl+Shift+U", self._send_now)
        self.dismiss_action = self._action("&Meldingen sluiten", "Ctrl+Shift+L", lambda: self.build_steller().bar.dismiss())
        self.trash_action = self._action("&Prullenbak tonen", "Ctrl+Shift+T", self._toggle_trash)
        self.trash_action.setCheckable(True)
        self.restore_action = self._action("&Terugzetten uit de prullenbak", "Ctrl+Shift+R", self._restore_selected)
        self.purge_action = self._action("Definitief verwijderen…", "Ctrl+Shift+Del", self._purge)
        self.withdraw_action = self._action("&Intrekken…", "Ctrl+Shift+W", self._withdraw)
        self.restore_action.setEnabled(False)
        self.purge_action.setEnabled(False)
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&Bestand"))
        for a in (self.new_a4_action, self.new_rb_action, self.open_action, self.dup_action, self.delete_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(tr("Be&werken"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.find_action)
        queue_menu = bar.addMenu(tr("&Wachtrij"))
        queue_menu.addAction(self.withdraw_action)
        queue_menu.addSeparator()
        queue_menu.addAction(self.outbox_action)
        queue_menu.addAction(self.send_now_action)
        view_menu = bar.addMenu(tr("Bee&ld"))
        view_menu.addAction(self.refresh_action)
        view_menu.addAction(self.dismiss_action)
        view_menu.addSeparator()
        for a in (self.trash_action, self.restore_action, self.purge_action):
            view_menu.addAction(a)
        self.view_menu = view_menu
        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self._action("&Over Stukken", None, self._about))
        toolbar = self.addToolBar(tr("Werkbalk"))
        toolbar.setObjectName("main_toolbar")
        for a in (self.new_a4_action, self.new_rb_action, self.open_action, self.dup_action, self.delete_action):
            toolbar.addAction(a)

    def attach_model(self) -> None:
        """The list's model, after the first paint (Qt's enum namespace costs ~40 ms to load)."""
        if self.model is not None:
            return
        from PySide6.QtCore import QSortFilterProxyModel, Qt

        for action, keys in self._shortcuts:
            action.setShortcut(QKeySequence(keys))
        from desktop.ui.besluiten_hook import besluiten_action
        from desktop.ui.keys_hook import keys_action
        from desktop.ui.meting_hook import meting_action
        from desktop.ui.route_hook import route_inbox_action
        from desktop.ui.secretariat.hook import secretariat_action

        # Added here, after the first paint: the hook sets a shortcut (see _action).
        self.view_menu.addAction(secretariat_action(self, self.view_menu))
        self.view_menu.addAction(meting_action(self))
        self.view_menu.addAction(besluiten_action(self))
        self.view_menu.addAction(keys_action(self))
        self.view_menu.addAction(route_inbox_action(self))

        from desktop.ui.drafts_model import SORT_ROLE, DraftsModel

        self.model = DraftsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table.setModel(self.proxy)
        self.table.selectionModel().currentRowChanged.connect(lambda _a, _b: self._selection_changed())
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        # Fixed widths from the longest values: measuring 1,000 rows to fit would cost more.
        longest_state = max((wf.label(s) for s in wf.STATES), key=len)
        for column, sample in ((1, "Raadsbrief · collegevoorstel"), (2, longest_state), (3, "31-12-2012 23:59")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def build_steller(self) -> Any:
        """Detail pane, message bar, Uitbak: once, after the first list (~40 ms the list need not
        wait for, benchmark startup_drafts_listed; QSplitter builds Qt's enums, startup_first_paint)."""
        if self.steller is None:
            from desktop.ui.steller_parts import StellerParts

            splitter = QSplitter(self)
            splitter.setChildrenCollapsible(False)
            self.central_layout.replaceWidget(self.table, splitter)
            splitter.addWidget(self.table)
            self.steller = StellerParts(self, self.central_layout, splitter, window_settings())
            self._selection_changed()
        return self.steller

    # -- what the controller calls ----------------------------------------------------------
    def show_drafts(self, summaries: list[Any]) -> None:
        self.attach_model()
        selected = self.selected_id()
        self.model.set_rows(summaries)
        self.empty_label.setVisible(not summaries)
        if self.trash_action.isChecked():
            empty = tr("De prullenbak is leeg.")
        elif self.search.text():
            empty = tr("Geen concepten gevonden.")
        else:
            empty = tr("Nog geen concepten. Kies Nieuw A4tje (Ctrl+N).")
        self.empty_label.setText(empty)
        if selected is not None:
            self.select_id(selected)
        from desktop.ui.drafts_model import count_text  # loaded by attach_model above

        self.count_label.setText(count_text(len(summaries), self.trash_action.isChecked(), bool(self.search.text())))
        self.drafts_shown.emit(len(summaries))
        if self.steller is None:
            QTimer.singleShot(0, self, self.build_steller)

    def show_details(self, status: Any, onderwerp: str = "") -> None:
        if self.steller is not None:  # else it shows the selection once built
            self.steller.show_details(status, onderwerp)

    def open_outbox(self, service: Any) -> Any:
        return self.build_steller().open_outbox(service)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(tr(text), 8000)

    def show_error(self, text: str, detail: str = "") -> None:
        self.statusBar().showMessage(tr(text), 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Stukken"), tr(text), parent=self)
        if detail:
            box.setDetailedText(detail)
        box.open()

    def offer_undo(self, text: str) -> None:
        self.undo_label.setText(tr(text))
        self.undo_bar.show()
        QTimer.singleShot(15000, self.undo_bar.hide)

    def hide_undo(self) -> None:
        self.undo_bar.hide()

    def selected_id(self) -> Any:
        from desktop.ui.drafts_model import ID_ROLE

        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_id(self, draft_id: Any) -> None:
        from desktop.ui.drafts_model import ID_ROLE

        if self.proxy is None:
            return
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == draft_id:
                self.table.setCurrentIndex(index)
                return

    # -- user wishes ------------------------------------------------------------------------
    def _new(self, form_id: str) -> None:
        if self.controller:
            self.controller.new(form_id)

    def _open(self) -> None:
        if self.controller and not self.trash_action.isChecked():
            self.controller.open(self.selected_id())

    def _duplicate(self) -> None:
        if self.controller:
            self.controller.duplicate(self.selected_id())

    def _delete(self) -> None:
        if self.controller and self.trash_action.isChecked():
            self.controller.purge(self.selected_id())
        elif self.controller and not self.search.hasFocus():
            self.controller.delete(self.selected_id())

    def _undo(self) -> None:
        if self.search.hasFocus():
            self.search.undo()
        elif self.controller:
            self.controller.undo_delete()

    def _toggle_trash(self) -> None:
        on = self.trash_action.isChecked()
        self.restore_action.setEnabled(on)
        self.purge_action.setEnabled(on)
        self.setWindowTitle(tr("Prullenbak — Stukken") if on else tr("Stukken — Gemeente Groningen"))
        if self.controller:
            self.controller.show_trash(on)

    def _restore_selected(self) -> None:
        if self.controller and self.trash_action.isChecked():
            self.controller.restore(self.selected_id())

    def _purge(self) -> None:
        if self.controller:
            self.controller.purge(self.selected_id())

    def _withdraw(self) -> None:
        if self.controller:
            self.controller.withdraw(self.selected_id())

    def _selection_changed(self) -> None:
        if self.controller:
            self.controller.details(self.selected_id())

    def _send_now(self) -> None:
        self.statusBar().showMessage(tr("Uitbak versturen…"), 8000)
        self.poll_requested.emit()

    def set_queue_states(self, states: dict[str, Any]) -> None:
        self.attach_model()
        self.model.set_queue_states(states)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, tr(title), tr(text))
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, title: str, label: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(self, tr(title), tr(label))
        return text.strip() if ok else None

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _refresh(self) -> None:
        """F5: the list again, and the queue now (delivery and status, on a worker thread)."""
        if self.controller:
            self.controller.refresh()
        self.statusBar().showMessage(tr("Wachtrij bijwerken…"), 8000)
        self.poll_requested.emit()

    def _settings(self) -> None:
        from desktop.ui.settings_dialog import SettingsDialog

        if self.controller:
            SettingsDialog(self.controller.ctx_factory().settings, self).exec()

    def _about(self) -> None:
        from desktop import __version__

        QMessageBox.about(self, tr("Over Stukken"), tr("Stukken {v}\nA4tjes en raadsbrieven, offline.").format(v=__version__))

    # -- window state -----------------------------------------------------------------------
    def _restore(self) -> None:
        restore_states((("main/geometry", self.restoreGeometry), ("main/state", self.restoreState)))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        settings = window_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        if self.steller is not None:
            self.steller.save_layout(settings)
        if self.controller:
            self.controller.close_all()
        super().closeEvent(event)
