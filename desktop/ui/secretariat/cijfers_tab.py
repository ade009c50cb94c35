"""The "Cijfers" tab of the secretariat window: the figures of a meetmoment with their charts.

A meetmoment selector and a directie filter; the summary, the biggest changes and every chart
of the report; exports of the report (.docx) and the CSV tables. The figures and the chart
images are made on a worker thread (the share may be slow); nothing is computed before the
tab is first shown, so the window's first paint does not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.meetmoment import PeriodError
from desktop.secretariat import charts, cijfers_export, cijfers_service
from desktop.secretariat.cijfers_text import changes, summary_rows
from desktop.ui import tasks

ALL = "Alle directies"


class CijfersPanel(QWidget):
    idle = Signal()  # after every load or export: the tests wait for it

    def __init__(self, service: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sec = service
        self.figures: dict[str, Any] | None = None
        self.loaded = False
        self.busy = False
        root = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Meetmoment:", self))
        self.period = QComboBox(self)
        self.period.setAccessibleName("Meetmoment")
        self.period.activated.connect(lambda _i: self.reload())
        top.addWidget(self.period, 1)
        top.addWidget(QLabel("Directie:", self))
        self.directie = QComboBox(self)
        self.directie.setAccessibleName("Directie")
        self.directie.activated.connect(lambda _i: self.reload())
        top.addWidget(self.directie, 1)
        for text, slot in (("Vernieuwen", self.reload), ("Rapport exporteren…", self.ask_report),
                           ("CSV exporteren…", self.ask_csv)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            top.addWidget(button)
        root.addLayout(top)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Melding cijfers")
        root.addWidget(self.message)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Samenvatting")
        root.addWidget(self.summary)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        holder = QWidget(scroll)
        self.chart_box = QVBoxLayout(holder)
        scroll.setWidget(holder)
        root.addWidget(scroll, 1)
        self.chart_labels: list[QLabel] = []

    # -- loading -------------------------------------------------------------------------------
    def first_show(self) -> None:
        if not self.loaded:
            self.loaded = True
            self._fill_selectors()
            self.reload()

    def _fill_selectors(self) -> None:
        for mm in cijfers_service.recent(self.sec):
            self.period.addItem(mm.label, mm.key)
        self.directie.addItem(ALL, None)
        for naam in self.sec.formset.config.choices("directies"):
            self.directie.addItem(naam, naam)

    def selection(self) -> tuple[str, str | None]:
        return str(self.period.currentData() or ""), self.directie.currentData()

    def reload(self) -> None:
        key, directie = self.selection()
        if not key:
            self.show_message("Er is geen meetmoment om te tonen.", error=True)
            self.idle.emit()
            return

        def work() -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
            period = cijfers_service.choose(self.sec, key)
            fig = cijfers_service.figures(self.sec, period, directie)
            return fig, [(name, charts.to_png(svg, 1.0)) for name, svg in charts.all_charts(fig)]

        self._run(work, self._show)

    def _show(self, result: tuple[dict[str, Any], list[tuple[str, bytes]]]) -> None:
        fig, images = result
        self.figures = fig
        rows = "".join(f"<tr><td>{label}</td><td>&nbsp;&nbsp;{value}</td></tr>" for label, value in summary_rows(fig))
        text = "<br>".join(changes(fig))
        self.summary.setText(f"<table>{rows}</table><p>{text}</p>")
        for label in self.chart_labels:
            label.deleteLater()
        self.chart_labels = []
        for name, png in images:
            label = QLabel(self)
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            label.setPixmap(pixmap)
            label.setAccessibleName(f"Grafiek {cijfers_export.CHART_TITLES.get(name, name)}")
            self.chart_box.addWidget(label)
            self.chart_labels.append(label)
        self.show_message(f"Meetmoment {fig['meetmoment']['naam']}.")

    # -- exports -------------------------------------------------------------------------------
    def ask_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Rapport opslaan", f"cijfers-{self.selection()[0]}.docx",
                                              "Word-document (*.docx)")
        if path:
            self.export_report(Path(path))

    def ask_csv(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Map voor de CSV-bestanden")
        if path:
            self.export_csv(Path(path))

    def export_report(self, out: Path) -> None:
        organisatie = self.sec.formset.config.names.get("organisatie", "")
        self._export(lambda fig: cijfers_export.write_report(fig, out, organisatie), f"Rapport opgeslagen: {out}")

    def export_csv(self, folder: Path) -> None:
        self._export(lambda fig: cijfers_export.write_csv(fig, folder), f"CSV-bestanden opgeslagen in {folder}")

    def _export(self, write: Any, success: str) -> None:
        fig = self.figures
        if fig is None:
            self.show_message("Er zijn nog geen cijfers geladen.", error=True)
            self.idle.emit()
            return
        self._run(lambda: write(fig), lambda _r: self.show_message(success))

    # -- plumbing ------------------------------------------------------------------------------
    def _run(self, work: Any, done: Any) -> None:
        if self.busy:
            self.show_message("Even geduld: de cijfers worden nog geladen.")
            return
        self.busy = True

        def finished(result: Any, error: BaseException | None) -> None:
            self.busy = False
            if error is not None:
                detail = str(error) if isinstance(error, PeriodError) else str(getattr(error, "message", None) or error)
                self.show_message(detail, error=True)
            else:
                done(result)
            self.idle.emit()

        tasks.run_task(work, finished)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #a00000;" if error else "")
        self.message.setText(text)


def install(window: QMainWindow, service: Any) -> CijfersPanel:
    """Put the window's current content in a tab next to a new "Cijfers" tab, with menu entries."""
    content = window.centralWidget()
    assert content is not None, "install the Cijfers tab after the window's own content"
    tabs = QTabWidget(window)
    tabs.setAccessibleName("Tabbladen")
    tabs.addTab(content, "&Inbox en agenda")
    panel = CijfersPanel(service, tabs)
    tabs.addTab(panel, "&Cijfers")
    tabs.currentChanged.connect(lambda i: panel.first_show() if tabs.widget(i) is panel else None)
    window.setCentralWidget(tabs)
    def then(step: Callable[[], None]) -> Callable[[], None]:
        def go() -> None:
            tabs.setCurrentWidget(panel)
            step()

        return go

    menu = window.menuBar().addMenu("C&ijfers")
    for text, keys, slot in (
        ("Cijfers tonen", "Ctrl+Shift+C", then(lambda: None)),
        ("Rapport exporteren…", "Ctrl+Shift+R", then(panel.ask_report)),
        ("CSV exporteren…", "Ctrl+Shift+E", then(panel.ask_csv)),
    ):
        action = QAction(text, window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        menu.addAction(action)
    window.cijfers = panel  # type: ignore[attr-defined]
    window.tabs = tabs  # type: ignore[attr-defined]
    return panel
