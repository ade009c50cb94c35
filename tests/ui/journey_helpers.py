"""Helpers of the journey test (tests/ui/test_journey.py): people, pictures, what a window shows."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any

import keyring
import pytest

from tests.conftest import MemoryKeyring
from tests.ui.conftest import write_settings

REPO = Path(__file__).resolve().parents[2]
SHOTS_DIR = REPO / "docs" / "screenshots"
SHOTS = os.environ.get("STUKKEN_SCREENSHOTS", "").lower() in ("1", "true", "yes")


class People:
    """Switches this process between people: own folders, account name and keyring."""

    def __init__(self, base: Path, share: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.base, self.share, self.mp = base, share, monkeypatch
        self.keyrings: dict[str, MemoryKeyring] = {}

    def become(self, name: str, **settings: Any) -> None:
        home = self.base / name
        (home / "data").mkdir(parents=True, exist_ok=True)
        for var, value in (("STUKKEN_DATA_DIR", home / "data"), ("STUKKEN_CONFIG_DIR", home / "data" / "config"),
                           ("STUKKEN_QUEUE_DIR", self.share)):
            self.mp.setenv(var, str(value))
        for var in ("LOGNAME", "USER", "USERNAME"):  # getpass: trust is per account
            self.mp.setenv(var, name)
        self.mp.delenv("USERDOMAIN", raising=False)
        keyring.set_keyring(self.keyrings.setdefault(name, MemoryKeyring()))
        if settings:
            write_settings(autosave_ms=500, **settings)


def shot(widget: Any, name: str) -> None:
    """With STUKKEN_SCREENSHOTS=1: ``widget`` painted offscreen into docs/screenshots/NAME.png."""
    if not SHOTS:
        return
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = widget.grab().toImage()
    if image.width() > 1280:
        image = image.scaledToWidth(1280, Qt.TransformationMode.SmoothTransformation)
    # A palette of 256 colours keeps a window picture near 100 KB without visible loss.
    image = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    assert image.save(str(SHOTS_DIR / f"{name}.png"), "PNG", 0), name


def shown_text(widget: Any) -> str:
    """What a person reads in ``widget`` and its visible children: labels, fields, table cells; no tooltips."""
    from PySide6.QtCore import QAbstractListModel, Qt
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QGroupBox,
        QHeaderView,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
        QWidget,
    )

    parts: list[str] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if not (w is widget or w.isVisibleTo(widget)) or not widget.isVisible():
            continue
        if isinstance(w, QLabel):
            parts.append(re.sub(r"<[^>]+>", " ", w.text()))
        elif isinstance(w, QLineEdit):
            parts.append(w.text())
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            parts.append(w.toPlainText())
        elif isinstance(w, QGroupBox):
            parts.append(w.title())
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model() is not None:
            model = w.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()  # a list: one column
            parts += [str(model.index(r, c).data(Qt.ItemDataRole.DisplayRole) or "")
                      for r in range(model.rowCount()) for c in range(columns)]
    return " ".join(" ".join(parts).split())


def named(window: Any, name: str) -> str | None:
    """The shown text of the visible widget with accessible name ``name``; None when there is none."""
    from PySide6.QtWidgets import QWidget

    found = [w for w in window.findChildren(QWidget) if w.accessibleName() == name and w.isVisible()]
    return " ".join(shown_text(w) for w in found) if found else None


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Type ``text`` key by key; QTest only knows ASCII keys, so "é" and "€" arrive as text events."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, run))


def settled(qtbot: Any, window: Any, name: str, expect: str) -> str | None:
    """``named(window, name)`` once it shows ``expect`` (a pane may fill in from a worker thread), or
    after 20 s whatever it shows then; None at once when the window has no such widget."""
    if named(window, name) is None:
        return None
    # On time-out the journey's sees_the_outcome says what is missing.
    with contextlib.suppress(qtbot.TimeoutError):
        qtbot.waitUntil(lambda: expect in (named(window, name) or ""), timeout=20_000)
    return named(window, name)


def message_box(parent: Any, *titles: str) -> Any:
    from PySide6.QtWidgets import QMessageBox

    return next((b for b in parent.findChildren(QMessageBox) if b.isVisible() and b.windowTitle() in titles), None)


def click(box: Any, text: str) -> None:
    next(b for b in box.buttons() if b.text().replace("&", "") == text).click()
