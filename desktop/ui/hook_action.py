"""A main-window menu action whose window loads only when the action is used.

The hook modules (``besluiten_hook``, ``meting_hook``, ``keys_hook``) import Qt only and
pass an opener that imports its window on use (benchmark startup_first_paint: the main
window's first paint must not pay for the windows behind the Beeld menu).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence


def hook_action(window: Any, text: str, keys: str, tip: str, open_: Callable[[Any], Any]) -> QAction:
    """An action with a shortcut and a tooltip that calls ``open_(window)``."""
    action = QAction(text, window)
    action.setShortcut(QKeySequence(keys))
    action.setToolTip(tip)
    action.triggered.connect(lambda: open_(window))
    return action
