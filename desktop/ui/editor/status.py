"""The editor's status panel ("Status van het stuk") and the registratienummer it fills in.

The state is read from the local database on the store's writer thread
(``DraftService.stuk_status``), never from the share: typing never waits on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QScrollArea
from shiboken6 import isValid

from desktop.domain import workflow as wf
from desktop.domain.stuk_status import StukStatus, stuk_status
from desktop.ui.editor.fields import tr
from desktop.ui.stuk_status_view import StukStatusView

if TYPE_CHECKING:
    from desktop.ui.editor.window import EditorWindow

STATUS_PANEL = "Status van het stuk"


class StatusSide:
    """Builds the panel (in a scroll area) and keeps it up to date for one editor."""

    def __init__(self, editor: EditorWindow) -> None:
        self.editor = editor
        self.panel = StukStatusView(STATUS_PANEL, editor, title="Status", max_history=4)
        self.state = wf.CONCEPT
        self.panel.show_status(stuk_status("", []))  # a new draft: concept
        self.scroller = QScrollArea(editor)
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(self.panel)

    def refresh(self) -> None:
        editor = self.editor
        draft_id = editor.session.draft_id
        if draft_id is None:
            return

        def read(status: StukStatus | None, error: BaseException | None) -> None:
            if not isValid(editor) or editor.closing:
                return
            if error is not None or status is None:
                message = tr("De status van het stuk kon niet worden gelezen: {e}").format(e=error)
                editor.statusBar().showMessage(message, 8000)
                return
            self.show(status)

        editor.session.service.stuk_status(draft_id, read)

    def show(self, status: StukStatus) -> None:
        before, self.state = self.state, status.state
        self.panel.show_status(status)
        if before != status.state and self.editor.route.status is not None:
            self.editor.route.show_route(self.editor.route.status)  # submitted or sent back: it reads differently
        if status.registratienummer:
            self.fill_number(status.registratienummer)

    def fill_number(self, number: str) -> None:
        """The secretariat's number in the field that waited for it ("wordt toegekend")."""
        editor = self.editor
        for fdef in editor.form.fields:
            row = editor.view.rows.get(fdef.id)
            if row is None or not fdef.secretariat or "registratienummer" not in fdef.rules:
                continue
            if not row.widget.value():
                row.widget.set_value(number)
                # Saved like an edit, so an export (window or command line) prints it; it does
                # not count as a change of the stuk (``desktop.queue.submit.content_hash``).
                editor._field_changed(fdef.id)
