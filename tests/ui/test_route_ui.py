"""The paraaf route in the windows: send from the editor, sign in "Te paraferen / Te adviseren",
see the status with its remarks, and the gate refusing submission until the route is complete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.domain.draft import load_draft_file
from tests.shareinit import trusted_share
from tests.ui.conftest import wait_idle

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def route_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site where this test's one key is teamleider of StadBeheer and Financiën's adviser."""
    from desktop.domain import forms
    from desktop.queue.keys import load_identity
    from desktop.queue.route_share import own_key_id

    share = tmp_path / "share"
    site = tmp_path / "site"
    trusted_share(share, site)
    key = own_key_id(load_identity())
    (site / "forms").mkdir()
    (site / "config.toml").write_text(
        '[route]\naan = true\n[[routes]]\nnaam = "StadBeheer"\nparafen = ["teamleider"]\n'
        '[[adviseurs]]\nnaam = "Financiën"\n'
        f'[[routesleutels]]\nnaam = "T. Leider"\nrol = "teamleider"\ndirectie = "StadBeheer"\nsleutel = "{key}"\n'
        f'[[routesleutels]]\nnaam = "F. Inancien"\nrol = "adviseur"\nafdeling = "Financiën"\nsleutel = "{key}"\n',
        "utf-8")
    form = (REPO / "forms" / "a4tje.toml").read_text("utf-8").replace("vereist = false", "vereist = true", 1)
    (site / "forms" / "a4tje.toml").write_text(form, "utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    monkeypatch.setenv("STUKKEN_QUEUE_DIR", str(share))
    monkeypatch.setattr(forms, "_default", None)
    return share


def test_send_sign_status_and_gate_in_the_windows(qtbot: Any, route_site: Path, stukken: Any) -> None:
    from desktop.domain.forms import default_formset
    from desktop.ui import queue_actions, route_actions
    from desktop.ui.route_inbox import RouteInboxDialog

    draft = load_draft_file(REPO / "tests" / "fixtures" / "a4tje_full.json")
    draft.values.update(bijlagen=[], participatie="")
    editor = stukken.controller._open_editor(draft, None, stukken.context())
    wait_idle(qtbot, editor)
    assert route_actions.addressees(default_formset().config.route) == ["T. Leider", "Financiën"]
    told: list[tuple[str, str]] = []
    route_actions.send(editor, done=lambda t, x: told.append((t, x)), choice="T. Leider")
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    assert told[0][0] == "Verstuurd" and "T. Leider" in told[0][1], told

    dialog = RouteInboxDialog(default_formset(), route_site)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=30_000)
    assert dialog.table.item(0, 0).text() == "Ter parafering"
    assert not dialog.buttons["advies:positief"].isEnabled() and dialog.buttons["paraaf:akkoord"].isEnabled()
    # The stuk is shown as it will print; a remark is anchored to text selected in it.
    assert "Koepelplan" in dialog.document.toPlainText()
    assert dialog.add_remark() is False  # nothing selected yet
    dialog.document.setTextCursor(dialog.document.document().find("de reserve Stadsbeheer"))
    dialog.remark.setText("Welke reserve?")
    assert dialog.add_remark() is True and dialog.remarks[0].startswith("financien:")
    dialog.text.setPlainText("Prima stuk.")
    dialog.buttons["paraaf:akkoord"].click()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Er wacht niets")
                    or dialog.status.text().startswith("Getekend"), timeout=30_000)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=30_000)

    # Financiën advises with a remark on a span of the financial paragraph.
    from desktop.domain import route as R
    from desktop.queue.route_decide import decide

    told.clear()
    route_actions.send(editor, done=lambda t, x: told.append((t, x)), choice="Financiën")
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    fin = draft.values["financien"]
    start = fin.index("€ 400.000")
    dialog.reload()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=30_000)
    decide(dialog.rows[0]["id"], R.ADVIES, "positief", "Gedekt.", formset=default_formset(), queue_dir=route_site,
           remarks=[f"financien:{start}-{start + 9}:Welk begrotingsjaar?"])

    told.clear()
    route_actions.show_status(editor, done=lambda t, x: told.append((t, x)))
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    text = told[0][1]
    assert "paraaf teamleider: akkoord (T. Leider) \u2014 Prima stuk." in text, text
    assert "advies Financiën: positief (F. Inancien) — Gedekt." in text and "De route is compleet." in text
    qtbot.waitUntil(lambda: any(f.rule == R.REMARK_RULE for f in editor.checker.findings), timeout=30_000)
    fin_remark, tl = sorted((f for f in editor.checker.findings if f.rule == R.REMARK_RULE), key=lambda f: f.message)
    assert fin_remark.field == "financien" and fin_remark.span == (start, start + 9)
    assert "Welk begrotingsjaar?" in fin_remark.message and "F. Inancien (advies Financiën)" in fin_remark.message
    reserve = fin.index("de reserve Stadsbeheer")
    assert tl.span == (reserve, reserve + len("de reserve Stadsbeheer"))
    assert tl.message == "Opmerking van T. Leider (paraaf teamleider): Welke reserve?"
    assert route_actions.remarks_handled(editor) == 2
    qtbot.waitUntil(lambda: not any(f.rule == R.REMARK_RULE for f in editor.checker.findings), timeout=30_000)
    told.clear()
    route_actions.show_status(editor, done=lambda t, x: told.append((t, x)))
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    assert editor.checker.remarks == []  # handled: not shown again

    told.clear()
    question = queue_actions.submit(editor, done=lambda t, x: told.append((t, x)))
    assert question is not None
    next(b for b in question.buttons() if b.text() == "Indienen").click()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    assert told[0][0] == "Ingediend", told


def test_secretariat_stuk_view_shows_the_verified_route() -> None:
    from desktop.ui.secretariat.stuk_view import facts_html

    row = {"onderwerp": "Krediet", "verificatie": "vertrouwd",
           "route": {"compleet": True, "regels": ["geparafeerd door T. Leider (teamleider): akkoord",
                                                  "advies Financiën: positief (F. Inancien)"], "problemen": []}}
    html = facts_html(row)
    assert "Parafen en adviezen:</b> <span style='color:#1b5e20'>volledig, geverifieerd" in html
    assert "<li>advies Financiën: positief (F. Inancien)</li>" in html
    bad = facts_html({**row, "route": {"compleet": False, "regels": [], "problemen": ["Een paraaf is vervalst."]}})
    assert "onvolledig" in bad and "Een paraaf is vervalst." in bad
    assert "Parafen" not in facts_html({"onderwerp": "x", "route": None})
