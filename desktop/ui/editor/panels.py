"""The editor's side panels: section navigator, findings list, page meter and readability."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from desktop.domain.findings import Finding
from desktop.domain.forms import FormDef
from desktop.ui.editor.fields import tr

STATE_LABELS = {
    "leeg": "leeg",
    "onvolledig": "onvolledig",
    "fouten": "fouten",
    "klaar": "klaar",
}
STATE_MARKS = {"leeg": "○", "onvolledig": "◐", "fouten": "✕", "klaar": "✓"}
STATE_COLORS = {
    "leeg": QColor(120, 120, 120),
    "onvolledig": QColor(200, 120, 0),
    "fouten": QColor(200, 0, 0),
    "klaar": QColor(0, 130, 0),
}


class SectionNavigator(QListWidget):
    """One row per section with its state; activating a row jumps to the section."""

    section_chosen = Signal(str)

    def __init__(self, form: FormDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Secties"))
        self.states: dict[str, str] = {}
        for section in form.sections:
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            self.addItem(item)
            self.states[section.id] = "leeg"
        self.titles = {s.id: s.title for s in form.sections}
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)
        self.setMaximumWidth(260)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.section_chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def set_state(self, section_id: str, state: str) -> None:
        self.states[section_id] = state
        for i in range(self.count()):
            item = self.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == section_id:
                label = tr(STATE_LABELS[state])
                item.setText(f"{STATE_MARKS[state]}  {self.titles[section_id]} — {label}")
                item.setForeground(STATE_COLORS[state])
                item.setToolTip(label)


class FindingsPanel(QListWidget):
    """The findings, errors first; activating one jumps to its field and span."""

    finding_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Bevindingen"))
        self.setWordWrap(True)
        self.findings: list[Finding] | None = None
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)

    def _chosen(self, item: QListWidgetItem) -> None:
        finding = item.data(Qt.ItemDataRole.UserRole)
        if finding is not None:
            self.finding_chosen.emit(finding)

    def set_findings(self, findings: list[Finding], labels: dict[str, str]) -> None:
        ordered = sorted(findings, key=lambda f: 0 if f.is_error else 1)
        if ordered == self.findings:
            return
        self.findings = ordered
        self.clear()
        if not ordered:
            done = QListWidgetItem(tr("Geen fouten of waarschuwingen."))
            done.setForeground(STATE_COLORS["klaar"])
            self.addItem(done)
            return
        for f in ordered:
            mark = "✕" if f.is_error else "⚠"
            where = labels.get(f.field, f.field)
            item = QListWidgetItem(f"{mark} {where}: {f.message}" if where else f"{mark} {f.message}")
            item.setData(Qt.ItemDataRole.UserRole, f)
            item.setForeground(STATE_COLORS["fouten"] if f.is_error else QColor(160, 90, 0))
            self.addItem(item)

    def first_item_for(self, rule: str) -> QListWidgetItem | None:
        for i in range(self.count()):
            f = self.item(i).data(Qt.ItemDataRole.UserRole)
            if f is not None and f.rule == rule:
                return self.item(i)
        return None


class PageMeter(QWidget):
    """How much of the one A4 page is used; red when it overflows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction: float | None = None
        self.fits = True
        self.setMinimumHeight(22)
        self.setAccessibleName(tr("Paginagebruik"))
        self._update_text()

    def set_fit(self, fraction: float | None, fits: bool) -> None:
        if fraction == self.fraction and fits == self.fits:
            return
        self.fraction, self.fits = fraction, fits
        self._update_text()
        self.update()

    def text(self) -> str:
        if self.fraction is None:
            return tr("Pagina: wordt berekend…")
        pct = round(self.fraction * 100)
        if not self.fits:
            return tr("Pagina: {pct}% — past niet op één A4").format(pct=pct)
        return tr("Pagina: {pct}% van één A4").format(pct=pct)

    def _update_text(self) -> None:
        self.setToolTip(self.text())
        self.setAccessibleDescription(self.text())

    def color(self) -> QColor:
        if self.fraction is None:
            return QColor(160, 160, 160)
        if not self.fits:
            return QColor(200, 0, 0)
        return QColor(220, 140, 0) if self.fraction > 0.9 else QColor(0, 140, 60)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        rect = self.rect().adjusted(0, 0, -1, -1)
        p.setPen(self.palette().mid().color())
        p.setBrush(self.palette().base())
        p.drawRect(rect)
        if self.fraction is not None:
            filled = rect.adjusted(1, 1, 0, 0)
            filled.setWidth(int((rect.width() - 1) * min(1.0, self.fraction)))
            p.fillRect(filled, self.color())
        p.setPen(self.palette().text().color())
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text())
        p.end()
