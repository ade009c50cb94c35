"""Beeld > Besluitenlijsten: the steller reads the signed publications not read before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.queue import protocol as P


def _publish(queue: Path, key: Any, day: str, onderwerp: str) -> None:
    from desktop.queue.secretariat_keys import write_publication
    from desktop.share import LocalShare

    item = {"submission_id": "x", "nr": 1, "registratienummer": "BD 12.0000001", "portefeuillehouder": "Wethouder Visscher",
            "classificatie": "Openbaar", "outcome": "conform", "openbaar": True, "onderwerp": onderwerp,
            "decision_text": "Het college besluit: I. in te stemmen met het plan."}
    write_publication(LocalShare(queue), key, day, {"meeting_date": day, "items": [item]})


def test_besluitenlijsten_view_reads_only_new_signed_publications(qtbot: Any, tmp_path: Path) -> None:
    from desktop.secretariat.queue_source import init_queue, own_key
    from desktop.ui.besluiten_hook import besluiten_action
    from desktop.ui.besluiten_view import BesluitenlijstenView

    queue = tmp_path / "share"
    key = own_key(create=True)
    init_queue(queue)
    _publish(queue, key, "2030-06-04", "Koepelplan Stadsbeheer 2012")
    (queue / P.PUBLICATIONS / "2030-06-11.json").write_text('{"format": "stukken-publicatie"}', encoding="utf-8")

    view = BesluitenlijstenView(queue)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.refresh()
    assert view.list.count() == 1 and "(nieuw)" in view.list.item(0).text()  # the forged one is left out
    assert view.list.item(0).font().bold() and view.unread_count() == 1
    assert view.list.accessibleName() and view.text.accessibleName()
    view.list.setCurrentRow(0)
    assert "Koepelplan Stadsbeheer 2012" in view.text.toPlainText()
    assert view.unread_count() == 0 and "(nieuw)" not in view.list.item(0).text()

    # A later poll opens only what is new: a read list is never read again (even when it changed).
    (queue / P.PUBLICATIONS / "2030-06-04.json").write_text("kapot", encoding="utf-8")
    _publish(queue, key, "2030-06-18", "Subsidieregeling Oosterpoort")
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.refresh()
    assert [view.list.item(i).text() for i in range(view.list.count())] == ["18-6-2030  (nieuw)", "4-6-2030"]
    assert "1 nieuwe" in view.status.text()

    action = besluiten_action(view)  # the menu entry in Beeld, with its shortcut
    assert action.text() == "&Besluitenlijsten…" and action.shortcut().toString() == "Ctrl+Shift+B"


def test_besluitenlijsten_view_without_share_keeps_what_was_read(qtbot: Any, tmp_path: Path) -> None:
    from desktop.ui.besluiten_view import BesluitenlijstenView

    view = BesluitenlijstenView(tmp_path / "weg")
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.refresh()
    assert view.list.count() == 0 and view.status.text()
