"""Where the windows keep their geometry and layout between sessions.

One INI file in our own config folder (not the registry or ~/.config); the main window,
the secretariat's window and its inbox read and write their keys there. Qt only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


def window_settings() -> QSettings:
    """Window geometry and state, in our own config folder (not the registry or ~/.config)."""
    # Loaded here, not at the top: the main window imports only Qt before its first paint
    # (benchmark startup_first_paint).
    from desktop.config.paths import config_dir

    return QSettings(str(config_dir() / "venster.ini"), QSettings.Format.IniFormat)


def restore_states(restorers: Iterable[tuple[str, Callable[[QByteArray], Any]]]) -> None:
    """Hand each saved value (``key``) to its restore method; a missing or odd value is skipped."""
    settings = window_settings()
    for key, restore in restorers:
        value = settings.value(key)
        if isinstance(value, QByteArray):
            restore(value)
