"""The main window's hook for the besluitenlijsten: Beeld > Besluitenlijsten… (Ctrl+Shift+B).

Only Qt is imported here; the view and its services load when the action is used
(benchmark startup_first_paint: the main window's first paint must not pay for them).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction

from desktop.ui.hook_action import hook_action


def besluiten_action(window: Any) -> QAction:
    return hook_action(window, "&Besluitenlijsten…", "Ctrl+Shift+B",
                       "De gepubliceerde besluitenlijsten van het college; nieuwe staan bovenaan",
                       open_view)


def open_view(parent: Any) -> Any:
    from desktop.config.settings import Settings
    from desktop.ui.besluiten_view import (
        BesluitenlijstenView,  # on use only: see the module docstring
    )

    view = BesluitenlijstenView(Settings().queue_dir(), parent)
    view.show()
    view.refresh()
    return view
