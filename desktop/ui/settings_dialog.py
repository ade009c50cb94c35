"""The settings dialog: own name, telephone, directie, queue folder, role, autosave delay."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop.config.settings import OPTIONS, Settings, SettingsError
from desktop.domain.forms import default_formset


def tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(tr("Instellingen"))
        self.inputs: dict[str, Any] = {}
        form = QFormLayout(self)
        directies: tuple[str, ...] = ()
        names: dict[str, str] = {}
        try:
            formset = default_formset()
            directies = formset.config.choices("directies")
            names = dict(formset.config.names)
        except Exception:  # a broken site file must not keep the user out of the settings
            pass
        for option in OPTIONS:
            value = settings[option.name]
            widget: Any
            if isinstance(option.default, bool):
                widget = QCheckBox(self)
                widget.setChecked(bool(value))
            elif isinstance(option.default, int):
                widget = QSpinBox(self)
                widget.setRange(option.minimum or 0, option.maximum or 10**6)
                widget.setSingleStep(500)
                widget.setValue(int(value))
            elif option.choices or (option.name == "directie" and directies):
                widget = QComboBox(self)
                choices = option.choices or ("", *directies)
                widget.addItems(list(choices))
                if value and value not in choices:
                    widget.addItem(value)
                widget.setCurrentText(value)
            else:
                widget = QLineEdit(value, self)
            widget.setAccessibleName(tr(option.label))
            self.inputs[option.name] = widget
            if option.name == "wachtrij_map":
                row = QHBoxLayout()
                row.addWidget(widget, 1)
                browse = QPushButton(tr("Bladeren…"), self)
                browse.clicked.connect(self._browse)
                row.addWidget(browse)
                form.addRow(tr(option.label), row)
            else:
                form.addRow(tr(option.label), widget)
        if names:
            info = QLabel(
                tr("Ondertekening raadsbrief (ingesteld door ICT): de burgemeester, {b}; de secretaris, {s}.").format(
                    b=names.get("burgemeester", "?"), s=names.get("secretaris", "?")
                ),
                self,
            )
            info.setWordWrap(True)
            form.addRow(info)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Wachtrijmap kiezen"), self.inputs["wachtrij_map"].text())
        if folder:
            self.inputs["wachtrij_map"].setText(folder)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QCheckBox):
                out[name] = widget.isChecked()
            elif isinstance(widget, QSpinBox):
                out[name] = widget.value()
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentText()
            else:
                out[name] = widget.text().strip()
        return out

    def accept(self) -> None:
        for name, value in self.values().items():
            self.settings[name] = value
        try:
            self.settings.save()
        except SettingsError as exc:
            QMessageBox.warning(self, tr("Instellingen"), str(exc))
            return
        super().accept()
