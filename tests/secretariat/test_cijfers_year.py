"""A year played out through the real services (clock injected): three meetmomenten, three
directies, returns, a withdrawal, held-over stukken and questionnaire answers; then the CLI
writes the report, the CSV tables and the JSON, and LibreOffice renders the report."""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.secretariat import publishing
from desktop.secretariat.overview import inbox_rows
from tests.secretariat.cijfers_helpers import TZ, Clock, known_a4tje

DIRECTIES = (("StadBeheer", "Wethouder Visscher"), ("Sociale Zaken en Werk", "Wethouder Pastoor"),
             ("DIA", "Burgemeester Rehwinkel"))
# Per meetmoment: its first meeting (a Tuesday); a second one follows two weeks later.
MEETINGS = (date(2027, 2, 9), date(2027, 6, 8), date(2027, 10, 12))
SURVEY = {  # group -> answers of each respondent to rollen_helder (the other questions: 3)
    "GMT": [4, 5, 3, 4, 4, 2],
    "steller": [2, 3, 3, 4, 3],
    "collegelid": [5, 5, 4],  # three: fewer than 5, never reported
}


def _at(clock: Clock, day: date, hour: int, minute: int = 0) -> None:
    clock.now = datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def play_year(csec: Any, clock: Clock, submit: Any, steller_root: Path) -> None:
    from desktop.queue.status import withdraw
    from tests.steller import steller_record

    n = 0
    for period, first in enumerate(MEETINGS):
        second = first + timedelta(days=14)
        _at(clock, first - timedelta(days=20), 8)
        csec.create_meeting(first, datetime.combine(first - timedelta(days=5), datetime.min.time(), TZ)
                            .replace(hour=12))
        placed = []
        for i in range(6 + period):  # 6, 7, 8 stukken: the trend has something to show
            n += 1
            directie, port = DIRECTIES[i % 3]
            sid = submit(known_a4tje(directie, port, long=(i % 4 == 0), onderwerp=f"Stuk {n}"))
            _at(clock, first - timedelta(days=18 - i), 9)
            inbox_rows(csec)  # the secretary's inbox sees it: measured at arrival
            _at(clock, first - timedelta(days=18 - i), 9 + 2 * (i % 3) + period)
            if i == 1:
                csec.send_back(sid, "Onvolledig: financiën ontbreken" if period else "Te lang")
                continue
            if i == 5 and period == 1:
                withdraw(sid, record=steller_record(steller_root))
                _at(clock, first - timedelta(days=18 - i), 16)
                inbox_rows(csec)  # confirms the withdrawal
                continue
            csec.accept(sid)
            csec.place(first, sid, "hamerstuk" if i % 2 else "bespreekstuk")
            placed.append(sid)
        _at(clock, first - timedelta(days=1), 9)
        csec.freeze(first)
        _at(clock, first, 10)
        for j, sid in enumerate(placed):
            csec.decide(first, sid, "aangehouden" if j == 0 else "conform")
        _at(clock, first + timedelta(days=1), 10 + period)
        publishing.publish(csec, first)
        _at(clock, first + timedelta(days=2), 8)
        csec.create_meeting(second, datetime.combine(second - timedelta(days=5), datetime.min.time(), TZ)
                            .replace(hour=12))  # takes the held stuk along
        _at(clock, second - timedelta(days=1), 9)
        csec.freeze(second)
        _at(clock, second, 10)
        csec.decide(second, placed[0], "conform")
        _at(clock, second + timedelta(days=1), 10)
        publishing.publish(csec, second)


def answer_survey(queue: Path, tmp_path: Path) -> None:
    from desktop.domain import questionnaire as Q
    from desktop.secretariat import metingen

    form = Q.load()
    k = 0
    for group, values in SURVEY.items():
        for v in values:
            k += 1
            answers = {q.id: 3 for q in Q.questions(form)} | {"rollen_helder": v}
            metingen.submit(queue, form, "2027-3", group, answers, tmp_path / f"r{k}", person=f"persoon{k}",
                            now=datetime(2027, 11, 1, 9, tzinfo=TZ))
    # Persoon 1 changes their mind: only the newest answer counts (4 -> 5 in GMT).
    metingen.submit(queue, form, "2027-3", "GMT", {"rollen_helder": 5}, tmp_path / "r1", person="persoon1",
                    now=datetime(2027, 11, 2, 9, tzinfo=TZ))


@pytest.fixture
def year(queue: Path, tmp_path: Path, submit: Any) -> Any:
    from desktop.secretariat.service import Secretariaat

    clock = Clock(datetime(2027, 1, 1, tzinfo=TZ))
    csec = Secretariaat(queue, actor="Anna (anna)", data_dir=tmp_path / "anna", clock=clock)
    play_year(csec, clock, submit, tmp_path / "steller")
    answer_survey(queue, tmp_path)
    return csec


@pytest.mark.render
def test_year_report_csv_json(year: Any, queue: Path, tmp_path: Path, soffice: str,
                              capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli.main import main
    from desktop.export.render import pdf_text, soffice_to_pdf

    report, tables = tmp_path / "rapport.docx", tmp_path / "csv"
    assert main(["meeting", "cijfers", "--queue", str(queue), "--meetmoment", "2027-3", "--rapport", str(report),
                 "--csv", str(tables), "--json"]) == 0
    fig = json.loads(capsys.readouterr().out)
    # The trend over the three meetmomenten of the year (and three empty ones before).
    trend = {r["meetmoment"]: r for r in fig["trend"]}
    assert [trend[k]["ingediend"] for k in ("2027-1", "2027-2", "2027-3")] == [6, 7, 8]
    assert [trend[k]["teruggestuurd"] for k in ("2027-1", "2027-2", "2027-3")] == [1, 1, 1]
    assert [trend[k]["aangehouden"] for k in ("2027-1", "2027-2", "2027-3")] == [1, 1, 1]
    assert fig["proces"]["aanvaard"] == 7 and fig["proces"]["ingetrokken"] == 0
    assert json.loads(json.dumps(trend["2027-2"]))["aanvaard"] == 5  # one returned, one withdrawn
    assert set(fig["per_directie"]) == {d for d, _ in DIRECTIES}
    # Rolvastheid: GMT (6, newest answers) reported; collegelid (3) not; the total neither.
    surv = fig["rolvastheid"]
    gmt = surv["groepen"]["GMT"]
    assert gmt["respondenten"] == 6
    assert gmt["vragen"]["rollen_helder"] == {"antwoorden": 6, "gemiddeld": round((5 + 5 + 3 + 4 + 4 + 2) / 6, 2),
                                              "verdeling": [0, 1, 1, 2, 2]}
    assert surv["groepen"]["steller"]["vragen"]["rollen_helder"]["gemiddeld"] == 3.0
    assert surv["groepen"]["collegelid"]["respondenten"] is None
    assert surv["totaal"]["respondenten"] is None
    assert "persoon" not in json.dumps(surv)
    # CSV for Dutch Excel.
    assert "uitkomst conform;" in (tables / "proces.csv").read_text(encoding="utf-8-sig")
    raw = (tables / "trend.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw
    assert "GMT;rollen_helder;6;6;3,83;0;1;1;2;2" in (tables / "rolvastheid.csv").read_text(encoding="utf-8-sig")
    # The report: charts as images, and LibreOffice renders it with them.
    with zipfile.ZipFile(report) as zf:
        images = [n for n in zf.namelist() if n.startswith("word/media/")]
        body = zf.read("word/document.xml").decode("utf-8")
    assert len(images) == 6  # lead times, rules, readability, page fill, trend, rolvastheid
    assert "persoon" not in body
    pdf = soffice_to_pdf([report], tmp_path / "pdf")[0]
    text = " ".join(pdf_text(pdf).split())
    assert "Harde cijfers" in text and "Grootste veranderingen" in text and "Rolvastheid" in text
    # The columns are wide enough: no header word broken (only at a space or a hyphen).
    assert "Ingediend Teruggestuurd Zonder fouten Flesch-Douma Doorlooptijd DIA" in text.replace("- ", "-")
    from desktop.export.render import pdf_page_count

    # Six charts of 7.6 cm do not fit on two pages: fewer pages means clipped images.
    assert pdf_page_count(pdf) >= 4
