"""The main window's controller (Mu-style): it receives its view and talks to the services.

The view only shows things and forwards the user's wishes; the controller keeps the
open editors, the last deleted draft (for undo) and every store call, so the logic
can be read and tested apart from the widgets.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, Protocol

from shiboken6 import isValid

from desktop.ui.services import DraftService, queue_service

log = logging.getLogger(__name__)


class MainView(Protocol):
    def show_drafts(self, summaries: list[Any]) -> None: ...
    def show_message(self, text: str) -> None: ...
    def show_error(self, text: str, detail: str = "") -> None: ...
    def offer_undo(self, text: str) -> None: ...
    def hide_undo(self) -> None: ...
    def selected_id(self) -> Any: ...
    def confirm(self, title: str, text: str) -> bool: ...
    def ask_text(self, title: str, label: str) -> str | None: ...


def _message(error: BaseException) -> str:
    return str(error) or type(error).__name__


class MainController:
    def __init__(self, view: MainView, service: DraftService, ctx_factory: Any) -> None:
        self.view = view
        self.service = service
        self.ctx_factory = ctx_factory
        self.editors: dict[Any, Any] = {}
        self.new_editors: list[Any] = []
        self.last_deleted: Any = None
        self.search_text = ""
        self.listed = 0
        self.trash = False

    # -- the list --------------------------------------------------------------------------
    def first_refresh(self) -> None:
        """The list at start-up (a fast read-only path), then the store starts behind it."""

        def shown(rows: Any, error: BaseException | None) -> None:
            self._listed(rows, error)
            # Only now start the store: its imports would otherwise compete for the GIL.
            self.service.submit(lambda store: list(getattr(store, "notices", [])), self._notices)

        self.service.quick_list(shown)

    def _notices(self, notices: Any, error: BaseException | None) -> None:
        if error is not None:
            self._listed(None, error)
        elif notices and isValid(self.view):
            self.view.show_error("\n".join(notices))

    def show_trash(self, on: bool) -> None:
        self.trash = on
        self.refresh()

    def refresh(self) -> None:
        if self.trash:
            self.service.submit(lambda s: s.list(deleted_only=True), self._listed)
        elif self.search_text:
            self.service.search(self.search_text, self._listed)
        else:
            self.service.list(self._listed)

    def search(self, text: str) -> None:
        self.search_text = text.strip()
        self.refresh()

    def _listed(self, summaries: Any, error: BaseException | None) -> None:
        if not isValid(self.view):
            return  # the answer came after the window closed
        if error is not None:
            log.warning("listing drafts failed: %r", error)
            self.view.show_error(
                "De concepten konden niet worden gelezen: " + _message(error), repr(error)
            )
            return
        rows = list(summaries or [])
        self.listed += 1
        self.view.show_drafts(rows)

    # -- opening and creating --------------------------------------------------------------
    def new(self, form_id: str) -> Any:
        from desktop.domain.draft import new_draft

        ctx = self.ctx_factory()
        form = ctx.formset.get(form_id)
        if form is None:
            self.view.show_error(f"Het formulier '{form_id}' bestaat niet.")
            return None
        draft = new_draft(form)
        settings = ctx.settings
        if settings is not None:
            for field_id, key in (("steller", "naam"), ("telefoon", "telefoon"), ("directie", "directie")):
                if form.field(field_id) is not None and settings[key]:
                    draft.values[field_id] = settings[key]
        return self._open_editor(draft, None, ctx)

    def open(self, draft_id: Any) -> None:
        if draft_id is None:
            return
        editor = self.editors.get(draft_id)
        if editor is not None:
            editor.show()
            editor.raise_()
            editor.activateWindow()
            return

        def opened(stored: Any, error: BaseException | None) -> None:
            if error is not None:
                self.view.show_error("Het concept kon niet worden geopend: " + _message(error), repr(error))
                return
            if draft_id in self.editors:
                return
            try:
                self._open_editor(stored.draft, draft_id, self.ctx_factory())
            except Exception as exc:  # a draft of an unknown form: say so, keep the data
                self.view.show_error("Het concept kon niet worden geopend: " + _message(exc), repr(exc))

        self.service.get(draft_id, opened)

    def _open_editor(self, draft: Any, draft_id: Any, ctx: Any) -> Any:
        from desktop.ui.editor.window import EditorWindow

        editor = EditorWindow(draft, draft_id, self.service, ctx)
        if draft_id is None:
            self.new_editors.append(editor)
        else:
            self.editors[draft_id] = editor
        editor.session.on_saved.append(functools.partial(self._saved, editor))
        editor.closed.connect(lambda e=editor: self._closed(e))
        editor.show()
        return editor

    def _saved(self, editor: Any, draft_id: Any) -> None:
        if editor in self.new_editors and draft_id is not None:
            self.new_editors.remove(editor)
            if not editor.closing:
                self.editors[draft_id] = editor
        self.refresh()

    def _closed(self, editor: Any) -> None:
        editor.closing = True
        if editor in self.new_editors:
            self.new_editors.remove(editor)
        for key, value in list(self.editors.items()):
            if value is editor:
                del self.editors[key]

    # -- duplicate, trash, undo ------------------------------------------------------------
    def _then_refresh(
        self,
        failed: str,
        success: str,
        before: Callable[[], None] | None = None,
        *,
        offer_undo: bool = False,
    ) -> Callable[[Any, BaseException | None], None]:
        """The GUI-thread callback of a list action: report failure, or say it and refresh."""

        def done(_result: Any, error: BaseException | None) -> None:
            if error is not None:
                self.view.show_error(f"{failed}: {_message(error)}", repr(error))
                return
            if before is not None:
                before()
            if offer_undo:
                self.view.offer_undo(success)
            else:
                self.view.show_message(success)
            self.refresh()

        return done

    def duplicate(self, draft_id: Any) -> None:
        if draft_id is None:
            return
        self.service.duplicate(draft_id, self._then_refresh("Dupliceren mislukt", "Kopie gemaakt."))

    def delete(self, draft_id: Any) -> None:
        if draft_id is None:
            return
        editor = self.editors.get(draft_id)
        if editor is not None:
            editor.close()

        def remember() -> None:
            self.last_deleted = draft_id

        done = self._then_refresh(
            "Verwijderen mislukt", "Het concept staat in de prullenbak.", remember, offer_undo=True
        )
        self.service.delete(draft_id, done)

    def undo_delete(self) -> bool:
        draft_id, self.last_deleted = self.last_deleted, None
        if draft_id is None:
            return False
        self.view.hide_undo()
        self.service.undelete(
            draft_id, self._then_refresh("Terugzetten mislukt", "Het concept is teruggezet.")
        )
        return True

    def restore(self, draft_id: Any) -> None:
        """Take a draft out of the trash."""
        if draft_id is None:
            return
        self.service.undelete(
            draft_id, self._then_refresh("Terugzetten mislukt", "Het concept is teruggezet.")
        )

    def purge(self, draft_id: Any) -> None:
        """Delete a draft from the trash for good, after the user confirmed it."""
        if draft_id is None or not self.trash:
            return
        if not self.view.confirm("Definitief verwijderen", "Dit concept en al zijn versies definitief verwijderen?"):
            return
        done = self._then_refresh("Verwijderen mislukt", "Het concept is definitief verwijderd.")
        self.service.submit(lambda s: s.purge(draft_id), done)

    def withdraw(self, draft_id: Any) -> None:
        """Withdraw the latest submission of a draft from the queue (with a reason)."""
        if draft_id is None:
            return
        from desktop.ui.tasks import run_task

        def states() -> Any:
            return queue_service(self.service).states().get(draft_id)

        def got(state: Any, error: BaseException | None) -> None:
            if error is not None:
                self.view.show_error("De wachtrij kon niet worden gelezen: " + _message(error), repr(error))
                return
            if state is None:
                self.view.show_message("Dit concept is niet ingediend.")
                return
            if not state.can_withdraw:
                self.view.show_error(f"Intrekken kan niet meer: het stuk is {state.state}.")
                return
            reason = self.view.ask_text("Intrekken", "Waarom trekt u het stuk in?")
            if reason is None:
                return

            def job() -> Any:
                return queue_service(self.service).withdraw(state.submission_id, reason=reason)

            def withdrawn(message: Any, err: BaseException | None) -> None:
                if err is not None:
                    self.view.show_error("Intrekken mislukt: " + _message(err), repr(err))
                    return
                self.view.show_message(str(message))
                self.refresh()

            run_task(job, withdrawn)

        run_task(states, got)

    def close_all(self) -> None:
        for editor in list(self.editors.values()) + list(self.new_editors):
            editor.close()
