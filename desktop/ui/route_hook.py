"""The main window's hook for the paraaf route: Beeld > Te paraferen / Te adviseren… (Ctrl+Shift+P).

Only Qt is imported here; the list, the route services and the cryptography behind them load
when the action is used (benchmark startup_drafts_listed: importing ``route_inbox`` up front cost
about 115 ms before the drafts were listed).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction

from desktop.ui.hook_action import hook_action


def route_inbox_action(window: Any) -> QAction:
    return hook_action(window, "Te &paraferen / Te adviseren…", "Ctrl+Shift+P",
                       "Stukken die op uw paraaf of advies wachten", open_inbox)


def open_inbox(parent: Any) -> Any:
    from desktop.ui.route_inbox import (
        open_inbox as open_list,  # on use only: see the module docstring
    )

    return open_list(parent)
