"""The meetmoment figures against hand-computed values, through the real services.

Five stukken in meetmoment 2027-1, with the clock injected (all times +01:00):

| stuk | directie / ph | arrives | then |
|---|---|---|---|
| A | StadBeheer / Visscher | 4-1 09:00 | accepted 15:00; placed 5-1 09:00 on 12-1 (cut-off 7-1 12:00); conform 12-1 10:00; published 13-1 10:00 |
| B | StadBeheer / Visscher | 8-1 09:00 | accepted 11:00; placed 12:00 on 12-1 (te laat); aangehouden; moved to 19-1; conform 19-1 10:00; published 20-1 10:00 |
| C | Sociale Zaken / Pastoor | 5-1 10:00 | samenvatting 90 words (budget 80: a warning); sent back 13:00 "Onvolledig: financiën ontbreken" |
| D | Sociale Zaken / Pastoor | 6-1 09:00 | the same; sent back 10:00 "onvolledig: geen besluit." |
| E | StadBeheer / Visscher | 18-1 09:00 | accepted 10:00; placed na-agenda 19-1 09:30 (te laat, cut-off 14-1); conform 10:00; published 20-1 |
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop.secretariat import cijfers_service, publishing
from tests.secretariat.cijfers_helpers import TZ, Clock, known_a4tje

OTHER = "Sociale Zaken en Werk"


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2027, 1, 1, tzinfo=TZ))


@pytest.fixture
def csec(queue: Path, tmp_path: Path, clock: Clock) -> Any:
    from desktop.secretariat.service import Secretariaat

    return Secretariaat(queue, actor="Anna (anna)", data_dir=tmp_path / "anna", clock=clock)


def _arrive(csec: Any, clock: Clock, submit: Any, when: str, draft: Any) -> str:
    sid = submit(draft)
    clock.at(when)
    csec.note_arrival([csec.submission(sid)])
    return sid


@pytest.fixture
def small(csec: Any, clock: Clock, submit: Any) -> dict[str, str]:
    s: dict[str, str] = {}
    s["A"] = _arrive(csec, clock, submit, "2027-01-04 09:00", known_a4tje(onderwerp="A"))
    clock.at("2027-01-04 15:00")
    csec.accept(s["A"])
    first, second = date(2027, 1, 12), date(2027, 1, 19)
    clock.at("2027-01-05 08:00")
    csec.create_meeting(first, datetime(2027, 1, 7, 12, tzinfo=TZ))
    clock.at("2027-01-05 09:00")
    csec.place(first, s["A"], "bespreekstuk")
    s["C"] = _arrive(csec, clock, submit, "2027-01-05 10:00", known_a4tje(OTHER, "Wethouder Pastoor", True, "C"))
    clock.at("2027-01-05 13:00")
    csec.send_back(s["C"], "Onvolledig: financiën ontbreken")
    s["D"] = _arrive(csec, clock, submit, "2027-01-06 09:00", known_a4tje(OTHER, "Wethouder Pastoor", True, "D"))
    clock.at("2027-01-06 10:00")
    csec.send_back(s["D"], "onvolledig: geen besluit.")
    s["B"] = _arrive(csec, clock, submit, "2027-01-08 09:00", known_a4tje(onderwerp="B"))
    clock.at("2027-01-08 11:00")
    csec.accept(s["B"])
    clock.at("2027-01-08 12:00")
    csec.place(first, s["B"], "bespreekstuk")
    clock.at("2027-01-11 12:00")
    csec.freeze(first)
    clock.at("2027-01-12 10:00")
    csec.decide(first, s["A"], "conform")
    csec.decide(first, s["B"], "aangehouden")
    clock.at("2027-01-13 10:00")
    publishing.publish(csec, first)
    clock.at("2027-01-13 11:00")
    csec.create_meeting(second, datetime(2027, 1, 14, 12, tzinfo=TZ))  # takes B along
    s["E"] = _arrive(csec, clock, submit, "2027-01-18 09:00", known_a4tje(onderwerp="E"))
    clock.at("2027-01-18 10:00")
    csec.accept(s["E"])
    clock.at("2027-01-19 09:00")
    csec.freeze(second)
    clock.at("2027-01-19 09:30")
    csec.place(second, s["E"], "hamerstuk")
    clock.at("2027-01-19 10:00")
    csec.decide(second, s["B"], "conform")
    csec.decide(second, s["E"], "conform")
    clock.at("2027-01-20 10:00")
    publishing.publish(csec, second)
    return s


def _fig(csec: Any, key: str = "2027-1", **kw: Any) -> dict[str, Any]:
    return cijfers_service.figures(csec, cijfers_service.choose(csec, key), **kw)


def test_process_counts_and_lead_times_by_hand(csec: Any, small: dict[str, str]) -> None:
    fig = _fig(csec)
    assert fig["proces"] == {
        "ingediend": 5, "aanvaard": 3, "teruggestuurd": 2, "aandeel_teruggestuurd": 0.4,
        "ingetrokken": 0, "aangehouden": 1, "na_agenda": 1, "te_laat": 2,
        "uitkomsten": {"conform": 3, "aangehouden": 1},
    }
    lt = {r["fase"]: (r["aantal"], r["mediaan_uren"], r["p90_uren"]) for r in fig["doorlooptijden"]}
    assert lt["aankomst tot aanvaarding"] == (3, 2.0, 5.2)  # 6, 2, 1 hours
    assert lt["aanvaarding tot agendering"] == (3, 18.0, 22.4)  # 18, 1, 23.5
    assert lt["agendering tot besluit"] == (3, 169.0, 243.4)  # 169, 262 (first placement), 0.5
    assert lt["besluit tot terugkoppeling"] == (3, 24.0, 24.0)
    assert lt["aankomst tot terugkoppeling"] == (3, 217.0, 274.6)  # 217, 289, 49
    assert fig["terugstuurredenen"] == {"Onvolledig": 2}


def test_quality_at_arrival_by_hand(csec: Any, small: dict[str, str]) -> None:
    q = _fig(csec)["kwaliteit"]
    assert (q["gemeten"], q["zonder_fouten"], q["aandeel_zonder_fouten"]) == (5, 5, 1.0)
    assert q["per_regel"] == {"max_words": {"fouten": 0, "opmerkingen": 2, "stukken": 2}}
    # A, B, E: 4 x "De raad stelt de begroting vast." + "de begroting vast te stellen.": 29 words,
    # 5 sentences, 40 syllables: 206.835 - 0.93 * 29 / 5 - 77 * 40 / 29 = 95.2.
    # C, D: 18 such sentences + the point: 113 words, 19 sentences, 152 syllables: 97.7.
    assert q["flesch_douma"]["gemiddeld"] == round((3 * 95.2 + 2 * 97.7) / 5, 1) == 96.2
    assert q["flesch_douma"]["verdeling"]["makkelijk"] == 5
    assert q["woorden"]["samenvatting"] == {"gemiddeld": 39.6, "budget": 80, "boven_budget": 2, "aantal": 5}
    assert q["woorden"]["besluit"] == {"gemiddeld": 5.0, "budget": 40, "boven_budget": 0, "aantal": 5}
    assert q["besluitpunten"] == {"gemiddeld": 1.0, "verdeling": {"1": 5}}
    # Page fill is the page-fit estimate at arrival (Qt's text layout): the same for the same text.
    from desktop.domain.forms import default_formset
    from desktop.export.pagefit import default_layout_check

    def fill(draft: Any) -> float:
        form = default_formset().get("a4tje")
        return round(default_layout_check().estimator.measure(draft, form, default_formset()).used_fraction, 3)

    short, long = fill(known_a4tje(onderwerp="A")), fill(known_a4tje(OTHER, "Wethouder Pastoor", True, "C"))
    assert 0.2 < short < long < 1.0
    assert q["paginavulling"]["gemiddeld"] == round((3 * short + 2 * long) / 5, 3)
    assert len(q["regels_versies"]) == 1 and "a4tje-v1" in q["regels_versies"][0]


def test_per_directie_per_portefeuillehouder_and_filter(csec: Any, small: dict[str, str]) -> None:
    fig = _fig(csec)
    assert fig["per_directie"]["StadBeheer"]["ingediend"] == 3
    assert fig["per_directie"][OTHER]["aandeel_teruggestuurd"] == 1.0
    assert fig["per_portefeuillehouder"]["Wethouder Pastoor"]["teruggestuurd"] == 2
    only = _fig(csec, directie=OTHER)
    assert only["proces"]["ingediend"] == 2 and only["proces"]["aanvaard"] == 0
    assert only["kwaliteit"]["woorden"]["samenvatting"]["gemiddeld"] == 90.0


def test_other_period_and_trend(csec: Any, small: dict[str, str]) -> None:
    later = _fig(csec, "2027-2")
    assert later["proces"]["ingediend"] == 0
    assert [r["meetmoment"] for r in later["trend"]] == ["2025-3", "2026-1", "2026-2", "2026-3", "2027-1", "2027-2"]
    assert later["trend"][-2]["ingediend"] == 5 and later["trend"][-1]["ingediend"] == 0
    free = cijfers_service.figures(csec, cijfers_service.choose(csec, van="5-1-2027", tot="2027-01-06"))
    assert free["proces"]["ingediend"] == 2 and free["proces"]["teruggestuurd"] == 2


def test_arrival_is_measured_once_and_never_again(csec: Any, small: dict[str, str], queue: Path) -> None:
    from desktop.secretariat import arrivals

    files = sorted((queue / "secretariaat" / "aankomsten").rglob("*.json"))
    assert len(files) == 5 and {f.parent.name for f in files} == {"2027-01"}
    before = [f.read_bytes() for f in files]
    sub = csec.submission(small["A"])
    assert arrivals.record(csec.trust, csec.layout, sub, csec.clock(), csec.formset) is False  # first writer wins
    assert [f.read_bytes() for f in files] == before
    # A forged file in the record is skipped, never fatal.
    (files[0].parent / "rommel.json").write_text("{niet json", encoding="utf-8")
    assert _fig(csec)["proces"]["ingediend"] == 5


def test_meetmoment_parsing_and_errors(csec: Any) -> None:
    from desktop.domain import meetmoment as M

    assert cijfers_service.choose(csec, "2027-2").van == date(2027, 5, 1)
    assert M.parse_date("31-12-2027") == M.parse_date("2027-12-31")
    with pytest.raises(M.PeriodError, match="geen meetmoment"):
        cijfers_service.choose(csec, "2027-4")
    with pytest.raises(M.PeriodError, match="geen datum"):
        cijfers_service.choose(csec, van="31-2-2027", tot="1-3-2027")
    with pytest.raises(M.PeriodError, match="voor de begindatum"):
        cijfers_service.choose(csec, van="2-3-2027", tot="1-3-2027")


def test_cijfers_tab_shows_charts_filters_and_exports(qtbot: Any, csec: Any, small: dict[str, str],
                                                     tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMenu

    from desktop.ui import tasks
    from desktop.ui.secretariat.window import SecretariatWindow

    w = SecretariatWindow(csec)
    qtbot.addWidget(w)
    w.show()
    panel = w.cijfers
    assert not panel.loaded  # nothing computed before the tab is shown
    menu = next(m for m in w.menuBar().findChildren(QMenu) if m.title() == "C&ijfers")
    show = next(a for a in menu.actions() if a.text() == "Cijfers tonen")
    assert show.shortcut().toString() == "Ctrl+Shift+C"
    with qtbot.waitSignal(panel.idle, timeout=60_000):
        show.trigger()
    assert w.tabs.currentWidget() is panel
    assert panel.period.currentData() == "2027-1"
    assert "Ingediend" in panel.summary.text(), panel.message.text()
    assert "<td>&nbsp;&nbsp;5</td>" in panel.summary.text()
    assert len(panel.chart_labels) == 5 and not panel.chart_labels[0].pixmap().isNull()
    panel.directie.setCurrentIndex(panel.directie.findData(OTHER))
    with qtbot.waitSignal(panel.idle, timeout=60_000):
        panel.reload()
    assert panel.figures is not None and panel.figures["proces"]["ingediend"] == 2
    out = tmp_path / "rapport.docx"
    with qtbot.waitSignal(panel.idle, timeout=60_000):
        panel.export_report(out)
    assert out.is_file() and "Rapport opgeslagen" in panel.message.text()
    tasks.shutdown(wait=True)


def test_generated_text_names_the_biggest_changes() -> None:
    from desktop.secretariat.cijfers_text import changes

    row = {"ingediend": 100, "aandeel_teruggestuurd": 0.10, "aandeel_zonder_fouten": 0.80, "flesch_douma": 40.0,
           "paginavulling": 0.90, "doorlooptijd_mediaan_uren": 240.0}
    later = {**row, "aandeel_teruggestuurd": 0.25, "flesch_douma": 41.0, "doorlooptijd_mediaan_uren": 168.0}
    text = changes({"trend": [{"meetmoment": "2027-1", **row}, {"meetmoment": "2027-2", **later}]})
    assert text[0] == "Ten opzichte van 2027-1:"
    # 15 procentpunt (3x the threshold of 5) before -30% (2x the threshold of 15%); +1 point is too small.
    assert text[1] == ("Het aandeel teruggestuurde stukken steeg met 15 procentpunt (10% naar 25%) "
                       "(een verslechtering).")
    assert text[2] == ("De mediane doorlooptijd van aankomst tot terugkoppeling daalde met 30% "
                       "(10,0 dagen naar 7,0 dagen) (een verbetering).")
    assert len(text) == 3
    assert changes({"trend": [{"meetmoment": "2027-2", **row}]}) == [
        "Er is nog geen vorig meetmoment om mee te vergelijken."]


def test_forged_record_files_never_break_the_figures(csec: Any, small: dict[str, str], queue: Path) -> None:
    import json

    folder = queue / "secretariaat" / "aankomsten" / "2027-01"
    forged = {"inzending": "vals", "aangekomen": "2027-01-10T09:00:00+01:00", "meetbaar": True,
              "directie": ["x"], "fouten": "veel", "per_regel": ["x"], "flesch_douma": "hoog",
              "paginavulling": True, "woorden": {"samenvatting": {"woorden": -3, "budget": "80"}},
              "besluitpunten": 10**12}
    (folder / "vals.json").write_text(json.dumps(forged), encoding="utf-8")
    (folder / "lijst.json").write_text("[1, 2]", encoding="utf-8")
    (folder / "tijd.json").write_text(json.dumps({"inzending": "t", "aangekomen": "gisteren"}), encoding="utf-8")
    log = queue / "secretariaat" / "logboek" / "2027-01"
    (log / "x.json").write_text(json.dumps({"soort": "geagendeerd", "op": 5, "onderwerp_id": []}), encoding="utf-8")
    fig = _fig(csec)
    assert fig["proces"]["ingediend"] == 5  # not signed by a secretariat key: skipped and reported
    q = fig["kwaliteit"]
    assert q["flesch_douma"]["gemiddeld"] == 96.2 and q["besluitpunten"]["gemiddeld"] == 1.0
    assert q["woorden"]["samenvatting"]["aantal"] == 5 and "['x']" not in fig["per_directie"]
    assert {p.waar.rsplit("/", 1)[-1] for p in csec.problems} >= {"vals.json", "lijst.json", "tijd.json"}
