"""Qt's built-in dialogs speak Dutch: qtbase_nl.qm plus our stukken_nl.qm for what it lacks."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
ENGLISH = ("Look in", "Files of type", "Page Set", "Long side binding", "Short side binding",
           "Double Sided Printing", "Cancel", "Print", "Options", "Properties")


@pytest.fixture
def dutch(qtbot: Any) -> Iterator[list[Any]]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import install_translations

    loaded = install_translations(QApplication.instance())
    yield loaded
    for translator in loaded:
        QCoreApplication.removeTranslator(translator)


def texts_of(dialog: Any) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QWidget

    out = [dialog.windowTitle()]
    for w in dialog.findChildren(QWidget):
        if isinstance(w, QLabel | QAbstractButton):
            out.append(w.text())
        if isinstance(w, QGroupBox):
            out.append(w.title())
        if isinstance(w, QComboBox):
            out.extend(w.itemText(i) for i in range(w.count()))
        out.append(w.toolTip())
    return [t.replace("&", "") for t in out if t]


def english_in(texts: list[str]) -> list[str]:
    return [t for t in texts if any(t == e or t.startswith(e + ":") or t.startswith(e + " ") for e in ENGLISH)]


def test_file_and_print_dialogs_are_dutch(qtbot: Any, dutch: list[Any]) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
    from PySide6.QtWidgets import QFileDialog

    assert len(dutch) == 2, "qtbase_nl.qm and resources/translations/stukken_nl.qm should both load"
    files = QFileDialog(None, "Opslaan als")
    files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    files.setNameFilter("Word-document (*.docx)")
    qtbot.addWidget(files)
    files.show()
    found = texts_of(files)
    assert "Zoeken in:" in found and "Bestandstype:" in found
    assert not [t for t in found if "Look in" in t or "Files of type" in t]
    assert english_in(found) == []

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    found = texts_of(dialog)
    assert "Paginaselectie:" in found and "Afdrukken" in found
    assert english_in(found) == [], english_in(found)

    preview = QPrintPreviewDialog(printer)
    qtbot.addWidget(preview)
    preview.show()
    assert english_in(texts_of(preview)) == []


def test_committed_qm_matches_the_ts() -> None:
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "build_translations.py"), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
