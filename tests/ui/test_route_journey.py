"""The paraaf route entirely in the windows (issue 17, "Done when"): steller, teamleider, directeur,
Financiën and the secretary, each with own folders, account and keyring, on one share.

Sanne (steller) opens her A4tje: Indienen is disabled and says why. She sends it, from the editor's
Route menu, ter parafering to the teamleider and the directeur and ter advisering to Financiën.
Each of them opens "Te paraferen / Te adviseren" in their own main window and decides there.
Sanne opens her stuk again: the route is complete, Indienen is enabled, she submits. Anna's
secretariat window shows the route verified. One process plays the people one after the other
(``People.become``, as ``test_journey.py`` does).

The other tests here use one key for every role (faster) and the queue's ``decide`` for the
decisions, and look at the editor: a change after the paraaf closes Indienen again with the
reason and offers a new round; one remark of two is marked handled, and stays so after a restart;
a late advice shows as late and is told once in the bar "Meldingen".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.domain.draft import load_draft_file
from tests.queue.test_route_processes import SITE_CONFIG
from tests.ui.conftest import wait_idle
from tests.ui.journey_helpers import REPO, SHOTS_DIR, People, click, message_box, named, shot
from tests.ui.test_journey import close_app, open_apps  # noqa: F401  (the fixture)

WAIT = 60_000
# Who plays which key of SITE_CONFIG (T. Leider, D. Recteur of StadBeheer; F. Inancien of Financiën).
ROLES = {"tom": ("T. Leider", "teamleider"), "dirk": ("D. Recteur", "directeur"), "fleur": ("F. Inancien", "financien")}


def route_form(site: Path) -> None:
    """The site's A4tje requires a complete route before Indienen."""
    (site / "forms").mkdir(parents=True, exist_ok=True)
    form = (REPO / "forms" / "a4tje.toml").read_text("utf-8").replace("vereist = false", "vereist = true", 1)
    (site / "forms" / "a4tje.toml").write_text(form, "utf-8")


def the_stuk() -> Any:
    draft = load_draft_file(REPO / "tests" / "fixtures" / "a4tje_full.json")
    draft.values.update(bijlagen=[], participatie="", steller="S. Steller")  # no Communicatie advice here
    return draft


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[People, Path]:
    """Anna's share and key on IT's list; Tom, Dirk and Fleur's route keys in the site's config."""
    from desktop.domain import forms
    from desktop.queue.keys import load_identity
    from desktop.queue.route_share import own_key_id
    from desktop.queue.secretariat_keypair import generate_key
    from desktop.secretariat.queue_source import init_queue, own_key

    share, site = tmp_path / "gedeelde-map", tmp_path / "site"
    people = People(tmp_path / "mensen", share, monkeypatch)
    people.become("anna", naam="A. de Boer")
    site.mkdir()
    (site / "secretariaat-sleutels.txt").write_text(generate_key().key_id + "\n", "utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    own_key()
    init_queue(share)
    keys = {}
    for name, (naam, role) in ROLES.items():
        people.become(name, naam=naam)
        keys[role] = own_key_id(load_identity())
    (site / "config.toml").write_text(SITE_CONFIG.format(**keys), "utf-8")
    route_form(site)
    monkeypatch.setattr(forms, "_default", None)
    return people, share


def send(qtbot: Any, editor: Any, name: str) -> str:
    """Route > Ter parafering of advisering sturen…, choose ``name``, OK; returns what the editor said."""
    from tests.secretariat.conftest import answer

    action = next(a for a in editor.route_menu.actions() if a.text().startswith("Ter parafering of"))
    answer("OK", before=lambda dialog: dialog.setTextValue(name))
    action.trigger()
    qtbot.waitUntil(lambda: message_box(editor, "Verstuurd", "Versturen mislukt") is not None, timeout=WAIT)
    box = message_box(editor, "Verstuurd", "Versturen mislukt")
    text = box.text()
    assert box.windowTitle() == "Verstuurd", text
    box.buttons()[0].click()
    return str(text)


def decide_in_window(qtbot: Any, open_app: Any, button: str, text: str = "",
                     remarks: tuple[tuple[str, str], ...] = (), picture: str = "") -> str:
    """This person's main window: Beeld > Te paraferen / Te adviseren, the one request, decide."""
    from desktop.ui.route_inbox import RouteInboxDialog

    app = open_app()
    try:
        action = next(a for a in app.window.view_menu.actions() if a.text().startswith("Te &paraferen"))
        assert action.shortcut().toString() == "Ctrl+Shift+P"
        action.trigger()
        dialog = app.window.findChild(RouteInboxDialog)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
        assert "Koepelplan" in dialog.document.toPlainText()  # the stuk as it will print
        for quote, remark in remarks:
            dialog.document.setTextCursor(dialog.document.document().find(quote))
            dialog.remark.setText(remark)
            assert dialog.add_remark(), dialog.status.text()
        dialog.text.setPlainText(text)
        if picture:
            shot(dialog, picture)
        next(b for b in dialog.buttons.values() if b.text().replace("&", "") == button).click()
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 0 and not dialog.status.text().startswith(
            ("Laden", "Ondertekenen")), timeout=WAIT)
        said = dialog.status.text()
        dialog.close()
        return said
    finally:
        close_app(qtbot, app)


def test_route_entirely_in_the_windows(qtbot: Any, open_apps: Any, world: tuple[People, Path]) -> None:  # noqa: F811
    from desktop.domain import workflow as wf
    from desktop.ui.editor.route_panel import CHECKING

    people, share = world
    people.become("sanne", naam="S. Steller", telefoon="1234", directie="StadBeheer")
    app = open_apps()
    editor = app.controller._open_editor(the_stuk(), None, app.context())
    wait_idle(qtbot, editor)
    qtbot.waitUntil(lambda: editor.route.status is not None, timeout=WAIT)
    reason = "Indienen kan pas na paraaf teamleider, paraaf directeur en advies Financiën."
    assert not editor.submit_action.isEnabled()
    assert editor.submit_action.toolTip() == reason and editor.submit_action.statusTip() == reason
    assert reason in (named(editor, "Route van het stuk") or "")
    for name in ("T. Leider", "D. Recteur", "Financiën"):
        assert f"Verzoek aan {name}: verstuurd." in send(qtbot, editor, name)
    qtbot.waitUntil(lambda: wf.label(wf.TER_ADVISERING) in (named(editor, "Status van het stuk") or ""), timeout=WAIT)
    assert not editor.submit_action.isEnabled()
    qtbot.waitUntil(lambda: "termijn" in (named(editor, "Route van het stuk") or ""), timeout=WAIT)
    shot(editor, "7-route-indienen-wacht")
    draft_id = editor.session.draft_id
    close_app(qtbot, app)

    people.become("tom")
    nothing_left = "Er wacht niets op uw paraaf of advies."
    assert decide_in_window(qtbot, open_apps, "Akkoord", "Akkoord.") == nothing_left
    people.become("dirk")
    assert decide_in_window(qtbot, open_apps, "Akkoord met opmerkingen", "Let op de planning.",
                            (("Stadsbeheer, Reiniging", "Wanneer is het plan klaar?"),)) == nothing_left
    people.become("fleur")
    assert decide_in_window(qtbot, open_apps, "Positief met opmerkingen", "Gedekt binnen de reserve.",
                            (("€ 400.000", "Welk begrotingsjaar?"),), "8-te-adviseren") == nothing_left

    # Sanne, the next morning: the route is complete, Indienen is enabled; she submits.
    people.become("sanne")
    app = open_apps()
    app.controller.open(draft_id)
    qtbot.waitUntil(lambda: draft_id in app.controller.editors, timeout=WAIT)
    editor = app.controller.editors[draft_id]
    qtbot.waitUntil(editor.submit_action.isEnabled, timeout=WAIT)
    route_text = named(editor, "Route van het stuk") or ""
    assert "paraaf teamleider: akkoord (T. Leider)" in route_text, route_text
    assert "paraaf directeur: akkoord met opmerkingen (D. Recteur) — Let op de planning." in route_text
    assert "advies Financiën: positief met opmerkingen (F. Inancien)" in route_text
    assert "De route is compleet" in route_text and CHECKING not in route_text
    remarks = named(editor, "Opmerkingen van parafeerders en adviseurs") or ""
    assert "Wanneer is het plan klaar?" in remarks and "Welk begrotingsjaar?" in remarks
    qtbot.waitUntil(lambda: wf.label(wf.GEREED) in (named(editor, "Status van het stuk") or ""), timeout=WAIT)
    editor.submit_action.trigger()
    question = message_box(editor, "Indienen bij het secretariaat")
    assert question is not None
    click(question, "Indienen")
    qtbot.waitUntil(lambda: message_box(editor, "Ingediend", "Indienen mislukt") is not None, timeout=WAIT)
    told = message_box(editor, "Ingediend", "Indienen mislukt")
    assert told.windowTitle() == "Ingediend", told.text()
    told.buttons()[0].click()
    close_app(qtbot, app)

    # Anna's inbox: the route carried by the submission, verified at the secretariat; she accepts.
    people.become("anna")
    submission = secretariat_sees_the_route(qtbot, share)
    from desktop.secretariat.service import Secretariaat

    Secretariaat(share).accept(submission)

    # Sanne again: the registratienummer fills in, which changes the draft but not what was signed.
    people.become("sanne")
    app = open_apps()
    qtbot.waitUntil(lambda: app.poller is not None and not app.poller.running, timeout=WAIT)
    app.controller.open(draft_id)
    qtbot.waitUntil(lambda: draft_id in app.controller.editors, timeout=WAIT)
    editor = app.controller.editors[draft_id]
    qtbot.waitUntil(lambda: bool(editor.view.rows["registratienummer"].widget.value()), timeout=WAIT)
    qtbot.waitUntil(lambda: "Het stuk is ingediend" in (named(editor, "Route van het stuk") or ""), timeout=WAIT)
    wait_idle(qtbot, editor)
    route_text = named(editor, "Route van het stuk") or ""
    assert "telt niet meer" not in route_text and "Het stuk is ingediend (Aanvaard)" in route_text, route_text
    assert not editor.route.again_action.isEnabled()
    close_app(qtbot, app)


def secretariat_sees_the_route(qtbot: Any, share: Path) -> str:
    from desktop.secretariat.service import Secretariaat
    from desktop.ui import tasks
    from desktop.ui.secretariat.stuk_view import StukDialog
    from desktop.ui.secretariat.window import SecretariatWindow
    from tests.secretariat.conftest import act, trigger

    window = SecretariatWindow(Secretariaat(share))
    qtbot.addWidget(window)
    window.show()
    try:
        act(qtbot, window, lambda: trigger(window, "refresh"))
        row = next(r for r in window.inbox_model.rows if r.get("onderwerp") == "Koepelplan Stadsbeheer 2012")
        route = row["route"]
        assert route["compleet"] and not route["problemen"], route
        assert "geparafeerd door T. Leider (teamleider): akkoord" in route["regels"], route
        assert "geparafeerd door D. Recteur (directeur): akkoord met opmerkingen" in route["regels"], route
        assert "advies Financiën: positief met opmerkingen (F. Inancien)" in route["regels"], route
        window.open_stuk(row["id"])
        qtbot.waitUntil(lambda: window.findChild(StukDialog) is not None, timeout=WAIT)
        facts = window.findChild(StukDialog).facts.toPlainText()
        assert "Parafen en adviezen: volledig, geverifieerd" in facts, facts
        assert "geparafeerd door D. Recteur (directeur): akkoord met opmerkingen" in facts
        return str(row["id"])
    finally:
        window.close()
        tasks.shutdown(wait=True)


# -- one key for every role: the editor's side -----------------------------------------------------
@pytest.fixture
def one_key_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's one key is teamleider and directeur of StadBeheer and Financiën's adviser."""
    from desktop.domain import forms
    from desktop.queue.keys import load_identity
    from desktop.queue.route_share import own_key_id
    from tests.shareinit import trusted_share

    share, site = tmp_path / "share", tmp_path / "site"
    trusted_share(share, site)
    key = own_key_id(load_identity())
    (site / "config.toml").write_text(SITE_CONFIG.format(**{role: key for _, role in ROLES.values()}), "utf-8")
    route_form(site)
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    monkeypatch.setenv("STUKKEN_QUEUE_DIR", str(share))
    monkeypatch.setattr(forms, "_default", None)
    return share


def requested(qtbot: Any, stukken: Any, names: tuple[str, ...]) -> Any:
    """An editor on the stuk, sent to ``names`` (saved first: the requests know the draft)."""
    from desktop.ui import route_actions

    editor = stukken.controller._open_editor(the_stuk(), None, stukken.context())
    wait_idle(qtbot, editor)
    told: list[tuple[str, str]] = []
    route_actions.send_to(editor, list(names), done=lambda t, x: told.append((t, x)))
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT)
    assert told[0][0] == "Verstuurd", told
    message_box(editor, "Verstuurd").buttons()[0].click()  # OK: the box holds the editor's keys
    return editor


def decide_all(share: Path, answers: dict[str, tuple[str, str, list[str]]]) -> None:
    """Decide each open request (the queue's own ``decide``, as ``route sign`` does)."""
    from desktop.domain.forms import default_formset
    from desktop.queue.route_decide import decide
    from desktop.queue.route_inbox import inbox

    formset = default_formset()
    rows, problems = inbox(formset, share)
    assert not problems, problems
    for aan in ("T. Leider", "D. Recteur", "Financiën"):  # in the route's order
        for row in (r for r in rows if r["aan"] == aan and aan in answers):
            word, text, remarks = answers[aan]
            soort = "advies" if aan == "Financiën" else "paraaf"
            decide(row["id"], soort, word, text, formset=formset, queue_dir=share, remarks=remarks)


def remark_at(text: str, quote: str, remark: str, field: str = "financien") -> str:
    start = text.index(quote)
    return f"{field}:{start}-{start + len(quote)}:{remark}"


def test_a_change_after_the_paraaf_closes_indienen_and_offers_a_new_round(
        qtbot: Any, one_key_site: Path, stukken: Any) -> None:
    from PySide6.QtGui import QTextCursor

    from desktop.ui.editor.route_panel import CHECKING

    editor = requested(qtbot, stukken, ("T. Leider", "D. Recteur", "Financiën"))
    fin = editor.draft.values["financien"]
    decide_all(one_key_site, {"T. Leider": ("akkoord", "", []), "D. Recteur": ("akkoord", "", []),
                              "Financiën": ("positief", "Gedekt.", [remark_at(fin, "€ 400.000", "Welk jaar?")])})
    stukken.window.refresh_action.trigger()  # F5 in the main window: the poll reaches the open editors
    qtbot.waitUntil(editor.submit_action.isEnabled, timeout=WAIT)
    assert editor.submit_action.toolTip() == "Het stuk naar de wachtrij van het secretariaat sturen"
    assert not editor.route.again.isVisible()

    # One word more in the financial paragraph: at once Indienen waits, then says why.
    edit = editor.view.rows["financien"].widget.edit
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(edit, " Zeker.")
    assert not editor.submit_action.isEnabled() and editor.submit_action.toolTip() == CHECKING
    reason = "Indienen kan pas na paraaf teamleider, paraaf directeur en advies Financiën."
    qtbot.waitUntil(lambda: editor.submit_action.toolTip() == reason, timeout=WAIT)
    assert not editor.submit_action.isEnabled() and editor.submit_action.statusTip() == reason
    route_text = named(editor, "Route van het stuk") or ""
    for step in ("paraaf teamleider", "paraaf directeur", "advies Financiën"):
        assert f"{step} telt niet meer: het stuk is daarna gewijzigd." in route_text, route_text
    assert reason in route_text
    assert editor.route.again.isVisible() and editor.route.again_action.isEnabled()
    # The remark of the earlier round stays at its text (the quote moved along), not yet handled.
    assert [r["tekst"] for r in editor.route.status.remarks] == ["Welk jaar?"]

    # Opnieuw ter parafering: the same three people, the open remark carried in the request.
    told: list[tuple[str, str]] = []
    qtbot.wait(1100)  # rounds are ordered by their signed times, to the second: the new one comes later
    editor.route.new_round(done=lambda t, x: told.append((t, x)))
    qtbot.waitUntil(lambda: bool(told), timeout=WAIT)
    assert told[0][0] == "Verstuurd" and told[0][1].count("verstuurd") == 3, told
    qtbot.waitUntil(lambda: not editor.route.again_action.isEnabled(), timeout=WAIT)  # asked again: no new round
    assert not editor.submit_action.isEnabled()
    from desktop.domain.forms import default_formset
    from desktop.queue.route_inbox import inbox

    rows, _ = inbox(default_formset(), one_key_site)
    assert len(rows) == 3 and all(r["opmerkingen"] for r in rows), rows
    assert "Welk jaar?" in rows[0]["opmerkingen"][0]
    decide_all(one_key_site, {"T. Leider": ("akkoord", "", []), "D. Recteur": ("akkoord", "", []),
                              "Financiën": ("positief", "Nog steeds gedekt.", [])})
    editor.route.refresh_action.trigger()
    qtbot.waitUntil(editor.submit_action.isEnabled, timeout=WAIT)


def test_one_remark_of_two_is_marked_handled_and_stays_handled(qtbot: Any, one_key_site: Path,
                                                               stukken: Any) -> None:
    from PySide6.QtCore import Qt

    from desktop.domain import route as R

    editor = requested(qtbot, stukken, ("Financiën",))
    fin = editor.draft.values["financien"]
    decide_all(one_key_site, {"Financiën": ("opmerkingen", "Gedekt, met vragen.", [
        remark_at(fin, "€ 400.000", "Welk begrotingsjaar?"),
        remark_at(fin, "de reserve Stadsbeheer", "Hoeveel zit er nog in?")])})
    editor.route.refresh_action.trigger()
    qtbot.waitUntil(lambda: editor.route.remarks.count() == 2, timeout=WAIT)
    assert editor.route.remarks.accessibleName() == "Opmerkingen van parafeerders en adviseurs"
    qtbot.waitUntil(lambda: len([f for f in editor.checker.findings if f.rule == R.REMARK_RULE]) == 2, timeout=WAIT)
    marked = [f for f in editor.checker.findings if f.rule == R.REMARK_RULE]
    assert sorted(f.span for f in marked) == sorted([(fin.index("€ 400.000"), fin.index("€ 400.000") + 9), (
        fin.index("de reserve"), fin.index("de reserve") + len("de reserve Stadsbeheer"))])

    # The cursor in "de reserve Stadsbeheer", then Route > Opmerking afgehandeld (Ctrl+Shift+K).
    from PySide6.QtWidgets import QApplication

    edit = editor.view.rows["financien"].widget.edit
    editor.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit, timeout=WAIT)
    cursor = edit.textCursor()
    cursor.setPosition(fin.index("reserve") + 2)
    edit.setTextCursor(cursor)
    assert editor.route.handled_action.shortcut().toString() == "Ctrl+Shift+K"
    assert editor.route.remark_under_cursor()["tekst"] == "Hoeveel zit er nog in?"
    # The field's context menu on "€ 400.000" offers to mark that remark handled.
    from PySide6.QtGui import QContextMenuEvent

    from desktop.ui.editor.textedit import spell_menu

    at = edit.textCursor()
    at.setPosition(fin.index("400"))
    where = edit.cursorRect(at).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, edit.viewport().mapToGlobal(where))
    menu = spell_menu(edit, edit.highlighter, event)
    assert "Opmerking afgehandeld: \u201cWelk begrotingsjaar?\u201d (F. Inancien)" in [a.text() for a in menu.actions()]
    menu.deleteLater()
    assert editor.route.handled_action in editor.route_menu.actions()
    qtbot.keyClick(edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    states = {editor.route.remarks.item(i).text(): editor.route.remarks.item(i).checkState()
              for i in range(editor.route.remarks.count())}
    assert states == {"F. Inancien (advies Financiën) bij \u201c€ 400.000\u201d: Welk begrotingsjaar?": Qt.CheckState.Unchecked,
                      "F. Inancien (advies Financiën) bij \u201cde reserve Stadsbeheer\u201d: Hoeveel zit er nog in?":
                      Qt.CheckState.Checked}, states
    qtbot.waitUntil(lambda: [f.message for f in editor.checker.findings if f.rule == R.REMARK_RULE] == [
        "Opmerking van F. Inancien (advies Financiën): Welk begrotingsjaar?"], timeout=WAIT)
    # Nothing there: the cursor outside any remark.
    cursor.setPosition(0)
    edit.setTextCursor(cursor)
    assert editor.route.remark_under_cursor(edit) is None

    # Closed and opened again (a restart reads the same data folder): still handled.
    draft_id = editor.session.draft_id
    editor.close()
    stukken.controller.open(draft_id)
    qtbot.waitUntil(lambda: draft_id in stukken.controller.editors, timeout=WAIT)
    again = stukken.controller.editors[draft_id]
    qtbot.waitUntil(lambda: again.route.remarks.count() == 2, timeout=WAIT)
    checked = [again.route.remarks.item(i).checkState() == Qt.CheckState.Checked for i in range(2)]
    assert sorted(checked) == [False, True]
    # Space on the checked remark in the list (Route > Opmerkingen, Ctrl+Shift+O) opens it again.
    assert again.route.list_action.shortcut().toString() == "Ctrl+Shift+O"
    again.route.list_action.trigger()
    row = next(i for i in range(2) if again.route.remarks.item(i).checkState() == Qt.CheckState.Checked)
    again.route.remarks.setCurrentRow(row)
    qtbot.keyClick(again.route.remarks, Qt.Key.Key_Space)
    assert len(again.route.status.remarks) == 2 and not again.route.status.handled


def test_a_late_advice_shows_late_and_is_told_once(qtbot: Any, one_key_site: Path, stukken: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date, timedelta

    from desktop.domain import route as R
    from desktop.domain.dates import format_date
    from desktop.queue import route_inbox, route_watch
    from desktop.ui.route_inbox import RouteInboxDialog

    editor = requested(qtbot, stukken, ("Financiën",))
    due = format_date(R.add_working_days(date.today(), 5, editor.ctx.formset.config.route.holidays))

    later = date.today() + timedelta(days=21)

    class ThreeWeeksLater(date):
        @classmethod
        def today(cls) -> ThreeWeeksLater:
            return cls(later.year, later.month, later.day)

    for module in (R, route_inbox, route_watch):  # the route's clock, three weeks on: no advice came
        monkeypatch.setattr(module, "date", ThreeWeeksLater)
    editor.route.refresh_action.trigger()
    qtbot.waitUntil(lambda: "(te laat)" in (named(editor, "Route van het stuk") or ""), timeout=WAIT)
    assert f"advies Financiën: open, termijn {due} (te laat)" in (named(editor, "Route van het stuk") or "")

    bar = stukken.window.build_steller().bar
    stukken.poll_now()
    qtbot.waitUntil(lambda: any("te laat" in m for m in bar.messages), timeout=WAIT)
    assert bar.messages == [
        f"Advies Financiën voor \u201cKoepelplan Stadsbeheer 2012\u201d is te laat: de termijn was {due} (Financiën)."]
    bar.dismiss()
    stukken.poll_now()
    qtbot.waitUntil(lambda: not stukken.poller.running and not stukken.late.running, timeout=WAIT)
    assert bar.messages == []  # told once

    # Financiën's list "Te paraferen / Te adviseren" shows the row late too.
    dialog = RouteInboxDialog(editor.ctx.formset, one_key_site)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    assert dialog.table.item(0, 4).text() == f"{due} (te laat)"


def test_with_routes_off_indienen_is_as_before(qtbot: Any, open_editor: Any) -> None:
    """The default: no site, no route. The panel and its actions stay hidden, Indienen enabled."""
    editor = open_editor(the_stuk())
    assert not editor.route.on and not editor.route.isVisible()
    assert not any(a.isVisible() for a in (editor.route.handled_action, editor.route.again_action,
                                           editor.route.refresh_action, editor.route.list_action))
    qtbot.keyClicks(editor.view.rows["onderwerp"].widget.edit, " extra")
    assert editor.submit_action.isEnabled()
    wait_idle(qtbot, editor)
    assert editor.submit_action.isEnabled() and editor.route.status is None
    assert editor.submit_action.toolTip() == "Het stuk naar de wachtrij van het secretariaat sturen"


def test_readme_shows_the_route_pictures() -> None:
    """The pictures this journey saves are in the README, committed, at most 1280 px wide, small."""
    import re

    from PySide6.QtGui import QImage

    names = re.findall(r'shot\([a-z]+, "([0-9a-z-]+)"\)|"([0-9]-[a-z-]+)"\) == nothing_left',
                       Path(__file__).read_text(encoding="utf-8"))
    names = [a or b for a, b in names]
    assert names == ["7-route-indienen-wacht", "8-te-adviseren"], names
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "STUKKEN_SCREENSHOTS=1 python -m pytest tests/ui/test_route_journey.py" in readme
    for name in names:
        path = SHOTS_DIR / f"{name}.png"
        assert f"(docs/screenshots/{name}.png)" in readme, name
        image = QImage(str(path))
        assert not image.isNull() and 300 <= image.width() <= 1280, (name, image.width())
        assert path.stat().st_size < 200_000, (name, path.stat().st_size)


def test_site_rules_unknown_here_close_indienen_as_the_submission_does(
        qtbot: Any, open_editor: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A site folder out of reach and never read on this computer: the built-in forms need no route,
    but that must not open the gate (``route_rules.closed_reason``); the editor says so at once."""
    from desktop.domain import forms

    monkeypatch.setenv("STUKKEN_SITE_DIR", str(tmp_path / "niet-bereikbaar"))
    monkeypatch.setattr(forms, "_default", None)
    editor = open_editor(the_stuk())
    assert editor.route.isVisible() and not editor.submit_action.isEnabled()
    qtbot.waitUntil(lambda: editor.route.status is not None, timeout=WAIT)
    reason = editor.submit_action.toolTip()
    assert reason.startswith("De sitemap is niet bereikbaar en op deze computer is nog geen kopie"), reason
    assert not editor.submit_action.isEnabled() and reason in (named(editor, "Route van het stuk") or "")
