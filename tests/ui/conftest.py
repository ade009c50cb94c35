"""Fixtures for the window tests: the real application object, store and dictionary."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest


def write_settings(**values: Any) -> None:
    from desktop.config import paths
    from desktop.config.settings import SETTINGS_FILE

    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SETTINGS_FILE).write_text(json.dumps(values), encoding="utf-8")


@pytest.fixture
def stukken(qtbot: Any) -> Iterator[Any]:
    """The application as ``main.py`` builds it, the list loaded, autosave after 300 ms."""
    write_settings(autosave_ms=500, naam="J. de Vries", telefoon="1234")
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import Application

    app = Application(QApplication.instance())
    qtbot.addWidget(app.window)
    app.window.show()
    with qtbot.waitSignal(app.window.drafts_shown, timeout=20_000):
        app.start()
    yield app
    app.controller.close_all()
    app.shutdown()


def wait_idle(qtbot: Any, editor: Any) -> None:
    """Wait until the editor's checks have run on what is typed now."""
    with qtbot.waitSignal(editor.checker.findings_changed, timeout=10_000):
        editor.checker.run_now()


@pytest.fixture
def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture
def open_editor(qtbot: Any) -> Iterator[Any]:
    """``open_editor(draft)``: an editor on a real store, without the main window."""
    from desktop.domain.forms import default_formset
    from desktop.ui.editor.window import EditorContext, EditorWindow
    from desktop.ui.services import DraftService, PageMeasure

    service = DraftService()
    editors: list[Any] = []

    def make(draft: Any, spell: Any = None) -> Any:
        ctx = EditorContext(default_formset(), spell, None, PageMeasure())
        editor = EditorWindow(draft, None, service, ctx)
        editor.show()
        editors.append(editor)
        wait_idle(qtbot, editor)
        return editor

    yield make
    for editor in editors:
        editor.autosave_timer.stop()
        editor.dirty = False
    service.stop()
