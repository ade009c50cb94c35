"""A date field that takes what people type (d-m-jjjj, or jjjj-mm-dd) and has a calendar pop-up.

The text is read with ``desktop.domain.dates.parse_date``, the one parser the CLI and
validation use too; a text that is no date gets a red frame and the Dutch reason as tooltip.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desktop.domain.dates import DateError, format_date, parse_date


class DatePicker(QWidget):
    dateChanged = Signal(object)  # noqa: N815  (Qt naming) a datetime.date, or None while the text is no date

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(name)
        self.edit.setPlaceholderText("d-m-jjjj")
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("00-00-0000") + 30)
        self.button = QToolButton(self)
        self.button.setText("Kalender…")
        self.button.setAccessibleName(f"{name}: kalender")
        self.button.setToolTip("Kies de datum in een kalender (Alt+Omlaag)")
        self.calendar = QCalendarWidget(self)
        self.calendar.setAccessibleName(f"{name}: kalender")
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.menu = menu
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._typed)

    def _picked(self, qdate: QDate) -> None:
        self.set_date(date(qdate.year(), qdate.month(), qdate.day()))
        self.menu.hide()

    def _typed(self, _text: str) -> None:
        day = self.value()
        self.edit.setStyleSheet("" if day is not None or not self.edit.text() else "border: 2px solid #b00020;")
        try:
            parse_date(self.edit.text())
            self.edit.setToolTip("")
        except DateError as exc:
            self.edit.setToolTip(str(exc))
        if day is not None:
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.dateChanged.emit(day)

    def value(self) -> date | None:
        try:
            return parse_date(self.edit.text())
        except DateError:
            return None

    def error(self) -> str:
        """The Dutch reason the text is no date ("" when it is one)."""
        try:
            parse_date(self.edit.text())
        except DateError as exc:
            return str(exc)
        return ""

    def set_date(self, day: date) -> None:
        self.edit.setText(format_date(day))
