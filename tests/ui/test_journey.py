"""The whole cycle through the real windows (issue 14, item 5): two stellers and a secretary, one share.

Piet and Marie each write an A4tje in the editor (typed, field by field) and submit it through
the editor's action and its confirmation; Anna, the secretary, works in the secretariat window
only: inbox, new meeting, accept, place, vaststellen, the besluit dialog, publish. Then each
steller opens the application again and must see what the college decided.

One process plays the three people one after the other: each has their own data and settings
folders, account name and keyring (``People.become``), and every window of one person is closed,
its worker threads ended, before the next person starts. ``STUKKEN_SCREENSHOTS=1`` saves the
main steps as PNG files in ``docs/screenshots/`` (the README shows them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.domain import workflow as wf
from desktop.domain.dates import format_date
from tests.secretariat.conftest import act, answer, trigger
from tests.ui.conftest import wait_idle
from tests.ui.journey_helpers import (
    REPO,
    SHOTS_DIR,
    People,
    click,
    message_box,
    settled,
    shot,
    shown_text,
    type_text,
)

WAIT = 60_000  # generous: a loaded 2-core machine, Hunspell and SQLAlchemy loading on the side

# What each steller types; the second besluit point of Piet first lacks its "te" (a finding).
STUKKEN = {
    "piet": {
        "naam": "P. Bakker", "telefoon": "1234", "directie": "StadBeheer",
        "portefeuillehouder": "Wethouder Visscher",
        "onderwerp": "Koepelplan Stadsbeheer 2013",
        "besluit": ["in te stemmen met het Koepelplan Stadsbeheer 2013;",
                    "een krediet van € 400.000 beschikbaar te stellen."],
        "samenvatting": "Stadsbeheer, Reiniging en Stadstoezicht werken samen verder als StadBeheer. "
                        "Het plan beschrijft hoe we de stad schoon, heel en veilig houden.",
        "aanleiding": "De drie diensten werken elk met een eigen plan. Dat kost geld.",
        "argumenten": "Eén plan geeft bewoners één loket. De wijkteams handelen sneller.",
        "financien": "Het krediet dekken we uit de reserve Stadsbeheer.",
    },
    "marie": {
        "naam": "M. Jansen", "telefoon": "5678", "directie": "Onderwijs, Cultuur, Sport en Welzijn",
        "portefeuillehouder": "Wethouder Pastoor",
        "onderwerp": "Subsidie buurthuizen 2013",
        "besluit": ["de subsidieregeling buurthuizen 2013 vast te stellen."],
        "samenvatting": "Buurthuizen krijgen in 2013 subsidie op basis van het aantal bezoekers.",
        "aanleiding": "De oude regeling loopt eind 2012 af.",
        "argumenten": "Een regeling per bezoeker is eenvoudig en eerlijk.",
        "financien": "Geen.",
    },
}
CHANGED = "I. de subsidieregeling buurthuizen 2013 vast te stellen voor één jaar."


def meeting_day(today: date | None = None) -> date:
    """The Tuesday at least eight days ahead: its cut-off (five days before) is still to come."""
    day = (today or date.today()) + timedelta(days=8)
    return day + timedelta(days=(1 - day.weekday()) % 7)


@pytest.fixture
def open_apps(qtbot: Any) -> Iterator[Callable[[], Any]]:
    """``open_app()``: the steller's application as main.py builds it; whatever is left open ends with the test."""
    from PySide6.QtWidgets import QApplication
    from shiboken6 import isValid

    from desktop.ui.app import Application

    apps: list[Any] = []

    def open_app() -> Any:
        app = Application(QApplication.instance())
        apps.append(app)
        app.window.resize(1100, 620)
        app.window.show()
        with qtbot.waitSignal(app.window.drafts_shown, timeout=WAIT):
            app.start()
        # The queue starts 2 s after the list: wait for its first poll (delivery, status read back).
        qtbot.waitUntil(lambda: app.poller is not None and not app.poller.running, timeout=WAIT)
        return app

    yield open_app
    for app in apps:
        if isValid(app.window):
            close_app(qtbot, app)


def close_app(qtbot: Any, app: Any) -> None:
    """Close every window of this person and end the worker threads before the next person starts."""
    from shiboken6 import isValid

    if app.poller is not None:
        app.poller.timer.stop()
    qtbot.waitUntil(lambda: app.poller is None or not app.poller.running, timeout=WAIT)
    app.controller.close_all()
    app.window.close()
    app.shutdown()
    window = app.window
    window.deleteLater()
    qtbot.waitUntil(lambda: not isValid(window), timeout=WAIT)


# -- the steller ---------------------------------------------------------------------------------
def type_a4tje(qtbot: Any, editor: Any, values: dict[str, Any], wrong_point: str | None = None) -> None:
    """Fill the A4tje the way a steller does: choose, type, add besluit points."""
    from PySide6.QtCore import Qt

    rows = editor.view.rows
    for fid in ("directie", "portefeuillehouder"):
        combo = rows[fid].widget.combo
        combo.setFocus()
        combo.setCurrentIndex(combo.findData(values[fid]))
    assert rows["soort"].widget.value() == "collegevoorstel" and rows["classificatie"].widget.value() == "Openbaar"
    assert rows["steller"].widget.value() == values["naam"]  # from the settings
    type_text(qtbot, rows["onderwerp"].widget.edit, values["onderwerp"])
    points = rows["besluit"].widget
    for i, point in enumerate(values["besluit"]):
        if i:
            qtbot.mouseClick(points.add_button, Qt.MouseButton.LeftButton)
        type_text(qtbot, points.rows[i].edit, wrong_point if wrong_point and i == len(values["besluit"]) - 1 else point)
    for fid in ("samenvatting", "aanleiding", "argumenten", "financien"):
        type_text(qtbot, rows[fid].widget.edit, values[fid])


def write_and_submit(qtbot: Any, app: Any, name: str) -> str:
    """A new A4tje typed in the editor, then Indienen with its confirmation; returns the draft id."""
    from PySide6.QtCore import Qt

    from desktop.ui.queue_actions import submit_blocker

    values = STUKKEN[name]
    app.window.new_a4_action.trigger()
    editor = app.controller.new_editors[-1]
    qtbot.waitUntil(editor.isVisible, timeout=WAIT)
    wrong = "het krediet beschikbaar stellen." if name == "piet" else None
    type_a4tje(qtbot, editor, values, wrong)
    wait_idle(qtbot, editor)
    if wrong:
        # The live check names the mistake while typing; the page meter shows the fill.
        qtbot.waitUntil(lambda: any(f.field == "besluit" and f.is_error for f in editor.checker.findings or []),
                        timeout=WAIT)
        qtbot.waitUntil(lambda: editor.meter.fraction is not None, timeout=WAIT)
        assert "Indienen kan pas" in (submit_blocker(editor.checker.findings) or "")
        editor.go_to_section("besluit")
        # The word counters follow 100 ms after typing, the autosave 500 ms: the picture shows both.
        qtbot.waitUntil(lambda: not editor.counter_timer.isActive() and not editor.dirty, timeout=WAIT)
        shot(editor, "1-editor-bevindingen")
        point = editor.view.rows["besluit"].widget.rows[-1].edit
        point.setFocus()
        point.selectAll()
        qtbot.keyClick(point, Qt.Key.Key_Delete)
        type_text(qtbot, point, values["besluit"][-1])
        wait_idle(qtbot, editor)
    assert submit_blocker(editor.checker.findings or []) is None, [f.message for f in editor.checker.findings]

    editor.submit_action.trigger()
    question = message_box(editor, "Indienen bij het secretariaat")
    assert question is not None
    summary = question.informativeText()
    assert f"\u201c{values['onderwerp']}\u201d" in summary and "Classificatie: Openbaar" in summary, summary
    assert f"Portefeuillehouder: {values['portefeuillehouder']}" in summary and "Bijlagen: geen" in summary
    if name == "piet":
        shot(question, "2-indienen-bevestigen")
    click(question, "Indienen")
    qtbot.waitUntil(lambda: message_box(editor, "Ingediend", "Indienen mislukt") is not None, timeout=WAIT)
    told = message_box(editor, "Ingediend", "Indienen mislukt")
    assert told.windowTitle() == "Ingediend", told.text()
    told.buttons()[0].click()  # OK
    draft_id = editor.session.draft_id
    assert draft_id is not None
    model = app.window.model
    qtbot.waitUntil(lambda: any(r.id == draft_id and r.status == wf.INGEDIEND for r in model.rows), timeout=WAIT)
    return str(draft_id)


# -- the secretary -------------------------------------------------------------------------------
def inbox_id(window: Any, onderwerp: str) -> str:
    return next(r["id"] for r in window.inbox_model.rows if r.get("onderwerp") == onderwerp)


def secretariat_week(qtbot: Any, share: Path, day: date) -> dict[str, str]:
    """Anna's week in the secretariat window; returns onderwerp -> registratienummer."""
    from desktop.secretariat.service import Secretariaat
    from desktop.ui import tasks
    from desktop.ui.secretariat.window import SecretariatWindow

    window = SecretariatWindow(Secretariaat(share))
    qtbot.addWidget(window)
    window.resize(1600, 800)  # every inbox column in view; the pictures are scaled to 1280 px
    window.show()
    try:
        act(qtbot, window, lambda: trigger(window, "refresh"))
        piet, marie = (STUKKEN[n]["onderwerp"] for n in ("piet", "marie"))
        assert {r.get("onderwerp") for r in window.inbox_model.rows} >= {piet, marie}
        for r in window.inbox_model.rows:
            assert r["verificatie"] == "nieuwe sleutel", r  # signed; each steller's key seen the first time
            assert not r.get("te_laat"), r
        window.split.setSizes([1000, 600])  # as a secretary drags it: the inbox wide, later the agenda
        shot(window, "3-secretariaat-inbox")

        def fill(dialog: Any) -> None:
            dialog.datum.edit.clear()
            type_text(qtbot, dialog.datum.edit, format_date(day))
            assert dialog.sluiting.edit.text() == format_date(day - timedelta(days=5)) and dialog.ok.isEnabled()

        answer("Aanmaken", before=fill)
        act(qtbot, window, lambda: trigger(window, "new_meeting"))
        assert window.meetings.currentText() == f"{format_date(day)} — {wf.MEETING_CONCEPT}"

        for onderwerp, place in ((piet, "place_hamer"), (marie, "place_bespreek")):
            sid = inbox_id(window, onderwerp)
            assert window.inbox_panel.select_id(sid)
            act(qtbot, window, lambda: trigger(window, "accept_selected"))
            assert "Aanvaard" in window.message.text(), window.message.text()
            assert window.inbox_panel.select_id(sid)
            act(qtbot, window, lambda place=place: trigger(window, place))
            assert "Geagendeerd" in window.message.text(), window.message.text()
        agenda = window.agenda.texts()
        assert len(agenda) == 2 and piet in agenda[0] and "hamerstuk" in agenda[0] and marie in agenda[1], agenda
        numbers = {r.get("onderwerp"): r.get("registratienummer") for r in window.inbox_model.rows}
        header, metrics = window.agenda.horizontalHeader(), window.agenda.fontMetrics()
        widest = max(metrics.horizontalAdvance(str(n)) for n in numbers.values())  # "OCSW 26.0000001"
        assert header.sectionSize(2) >= widest + 8, "the agenda shows the registratienummer in full"

        seen: list[Any] = []
        answer("Agenda vaststellen", seen=seen)
        act(qtbot, window, lambda: trigger(window, "ask_freeze"))
        assert f"De agenda van {format_date(day)} vaststellen? Zij telt 2 punten" in seen[0][1], seen
        assert window.meetings.currentText().endswith(wf.MEETING_VASTGESTELD)

        def conform(dialog: Any) -> None:
            assert piet in " ".join(label.text() for label in dialog.findChildren(type(dialog.preview)))
            assert STUKKEN["piet"]["besluit"][0] in dialog.preview.text()

        def changed(dialog: Any) -> None:
            assert marie in " ".join(label.text() for label in dialog.findChildren(type(dialog.preview)))
            dialog.outcome.setCurrentIndex(dialog.outcome.findData(wf.GEWIJZIGD))
            dialog.changed.clear()
            type_text(qtbot, dialog.changed, CHANGED)
            assert dialog.preview.text() == f"Het college besluit: {CHANGED}"
            shot(dialog, "5-besluit-vastleggen")

        for onderwerp, before in ((piet, conform), (marie, changed)):
            window.agenda.select_id(agenda_id(window, onderwerp))
            seen.clear()
            answer("Besluit vastleggen", before=before, seen=seen)
            act(qtbot, window, lambda: trigger(window, "ask_decision"))
            assert seen[0][0].endswith(numbers[onderwerp]), seen  # the title names the stuk
        assert window.meetings.currentText().endswith(wf.MEETING_BESLOTEN)
        window.agenda.setFocus()
        window.split.setSizes([600, 1000])
        shot(window, "4-secretariaat-agenda")  # the decisions in the agenda's Uitkomst column

        seen.clear()
        answer("Alleen publiceren", seen=seen)
        act(qtbot, window, lambda: trigger(window, "ask_publish"))
        assert f"De besluiten van {format_date(day)} publiceren? 2 besluiten (1 conform, 1 gewijzigd)." in seen[0][1]
        assert window.meetings.currentText().endswith(wf.MEETING_GEPUBLICEERD), window.meetings.currentText()
        assert "Gepubliceerd" in window.message.text()
        return {k: str(v) for k, v in numbers.items()}
    finally:
        window.close()
        tasks.shutdown(wait=True)


def agenda_id(window: Any, onderwerp: str) -> str:
    return next(it.inzending for it in window.meeting.items if it.onderwerp == onderwerp)


# -- the journey ---------------------------------------------------------------------------------
def test_journey(qtbot: Any, open_apps: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.secretariat.queue_source import init_queue, own_key

    share = tmp_path / "gedeelde-map"
    people = People(tmp_path / "mensen", share, monkeypatch)
    day = meeting_day()

    # 'meeting init' on Anna's machine: her key, the share with its signed marker.
    people.become("anna", naam="A. de Boer")
    own_key(create=True)
    init_queue(share)

    drafts = {}
    for name in ("piet", "marie"):
        values = STUKKEN[name]
        people.become(name, naam=values["naam"], telefoon=values["telefoon"], directie=values["directie"])
        app = open_apps()
        drafts[name] = write_and_submit(qtbot, app, name)
        close_app(qtbot, app)

    people.become("anna")
    numbers = secretariat_week(qtbot, share, day)

    for name in ("piet", "marie"):
        people.become(name)
        app = open_apps()  # the next morning: the first poll reads the published decision
        sees_the_outcome(name, steller_reads(qtbot, app, name, drafts[name], numbers[STUKKEN[name]["onderwerp"]]))
        close_app(qtbot, app)


def steller_reads(qtbot: Any, app: Any, name: str, draft_id: str, number: str) -> dict[str, Any]:
    """What the steller's list, detail pane, message bar and editor show once the decision is published."""
    window, model, onderwerp = app.window, app.window.model, STUKKEN[name]["onderwerp"]
    qtbot.waitUntil(lambda: any(r.id == draft_id and r.status == wf.TERUGGEKOPPELD for r in model.rows),
                    timeout=WAIT)
    outcome, text = {"piet": ("Conform", STUKKEN["piet"]["besluit"][0]), "marie": ("Gewijzigd", CHANGED)}[name]
    # The steller's own record holds the decision read from the share (what the view below must show).
    read: list[Any] = []
    app.service.submit(lambda store: store.submissions.all(), lambda rows, error: read.append((rows, error)))
    qtbot.waitUntil(lambda: bool(read), timeout=WAIT)
    [row] = [r for r in read[0][0] or [] if r.draft_id == draft_id]
    assert row.state == wf.TERUGGEKOPPELD and text.removeprefix("I. ") in row.detail, row
    window.activateWindow()
    window.select_id(draft_id)
    seen: dict[str, Any] = {"onderwerp": onderwerp, "registratienummer": number, "uitkomst": outcome,
                            "besluit": text, "lijst": shown_text(window.table)}
    assert onderwerp in seen["lijst"] and wf.TERUGGEKOPPELD in seen["lijst"].casefold(), seen["lijst"]
    seen["Details van het stuk"] = settled(qtbot, window, "Details van het stuk", number)
    seen["Meldingen"] = settled(qtbot, window, "Meldingen", onderwerp)
    if name == "piet":
        shot(window, "6-steller-na-het-besluit")
    window.open_action.trigger()
    qtbot.waitUntil(lambda: draft_id in app.controller.editors, timeout=WAIT)
    editor = app.controller.editors[draft_id]
    qtbot.waitUntil(editor.isVisible, timeout=WAIT)
    seen["Status van het stuk"] = settled(qtbot, editor, "Status van het stuk", number)
    seen["registratienummer in de editor"] = editor.view.rows["registratienummer"].widget.edit.text()
    return seen


def sees_the_outcome(name: str, seen: dict[str, Any]) -> None:
    """The steller's window shows outcome, decision text and registratienummer itself: no hovering."""
    details, status, bar = seen["Details van het stuk"], seen["Status van het stuk"], seen["Meldingen"]
    assert details is not None and status is not None and bar is not None, (name, seen)
    assert seen["onderwerp"] in bar, (name, bar)  # the news stays until dismissed
    for text in (details, status):
        assert seen["uitkomst"].casefold() in text.casefold(), (name, text)
        assert seen["besluit"].removeprefix("I. ") in text, (name, text)
        assert seen["registratienummer"] in text, (name, text)
    assert seen["registratienummer in de editor"] == seen["registratienummer"], (name, seen)


def test_readme_shows_the_journey_pictures() -> None:
    """Every picture the journey saves is in the README, committed, at most 1280 px wide, small."""
    from PySide6.QtGui import QImage

    source = Path(__file__).read_text(encoding="utf-8")
    names = re.findall(r'shot\([a-z]+, "([0-9a-z-]+)"\)', source)
    assert len(names) == 6, names
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "STUKKEN_SCREENSHOTS=1 python -m pytest tests/ui/test_journey.py" in readme
    total = 0
    for name in names:
        path = SHOTS_DIR / f"{name}.png"
        assert f"(docs/screenshots/{name}.png)" in readme, name
        image = QImage(str(path))
        assert not image.isNull() and 300 <= image.width() <= 1280, (name, image.width())
        total += path.stat().st_size
    assert total < 400_000, total
