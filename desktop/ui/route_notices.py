"""Late parafen and adviezen: the steller is told once, in the main window's bar "Meldingen".

After every poll of the queue (the timer, F5) ``desktop.queue.route_watch.overdue`` looks, on a
worker thread, at the steps this steller asked for whose due date has passed; each late step is
reported once (the data folder remembers it), never again after a restart.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication
from shiboken6 import isValid

from desktop.domain.dates import format_date
from desktop.domain.forms import default_formset
from desktop.queue.route_watch import overdue
from desktop.ui.tasks import run_task

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("Route", text)


def late_message(row: dict[str, Any]) -> str:
    stap = str(row["stap"])
    return tr("{stap} voor \u201c{o}\u201d is te laat: de termijn was {d} ({aan}).").format(
        stap=stap[:1].upper() + stap[1:], o=row["onderwerp"] or tr("(zonder onderwerp)"), d=format_date(row["termijn"]),
        aan=row["aan"])


class LateWatcher:
    """Connected to the poller's ``polled``: one check at a time, news to ``notify(messages)``."""

    def __init__(self, window: Any, notify: Any) -> None:
        self.window = window
        self.notify = notify
        self.running = False

    def check(self) -> None:
        if self.running:
            return
        self.running = True

        def job() -> list[str]:
            formset = default_formset()
            if not formset.config.route.aan:
                return []
            return [late_message(r) for r in overdue(formset)]

        def done(messages: list[str] | None, error: BaseException | None) -> None:
            self.running = False
            if error is not None:
                log.warning("late route check failed: %r", error)
                return
            if messages and isValid(self.window):
                self.notify(messages)

        run_task(job, done)
