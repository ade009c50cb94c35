"""The verified route travels with the stuk: zaak, agenda, besluitenlijst, publication, archive.

A real cycle through the services on a real folder: the steller asks teamleider, directeur
(a plaatsvervanger with mandaat) and Financiën, each signs, the stuk is submitted with its
route, the secretariat accepts, places, decides and publishes. What is printed is what was
verified at acceptance: a forged zaak version and a changed site configuration afterwards
change nothing.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.dates import format_date
from tests.queue.test_route_processes import SITE_CONFIG
from tests.secretariat.conftest import a4tje

REPO = Path(__file__).resolve().parents[2]

# The processes test's site, plus a plaatsvervanger for the directeur (whose own key is elsewhere).
DEPUTY = """
[[routesleutels]]
naam = "B. Bos"
rol = "directeur"
directie = "StadBeheer"
sleutel = "{key}"
vervangt = "D. Recteur"
van = "{van}"
tot = "{tot}"
"""


@pytest.fixture
def route_site(queue: Path, site_keys: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """IT's site folder with routes on: this process's one route key is teamleider of StadBeheer,
    B. Bos (directeur, plaatsvervanger of D. Recteur) and Financiën's adviser; the A4tje requires
    a complete route."""
    from desktop.domain import forms
    from desktop.queue.keys import load_identity
    from desktop.queue.route_share import own_key_id

    site: Path = site_keys.folder
    (site / "forms").mkdir()
    form = (REPO / "forms" / "a4tje.toml").read_text("utf-8").replace("vereist = false", "vereist = true", 1)
    (site / "forms" / "a4tje.toml").write_text(form, "utf-8")
    today = date.today()
    van, tot = today - timedelta(days=10), today + timedelta(days=30)
    key = own_key_id(load_identity())
    config = (SITE_CONFIG.format(teamleider=key, directeur="d1" * 8, financien=key)
              + DEPUTY.format(key=key, van=van.isoformat(), tot=tot.isoformat()))
    (site / "config.toml").write_text(config, "utf-8")
    monkeypatch.setattr(forms, "_default", None)
    return {"site": site, "config": config, "periode": f"{format_date(van)} t/m {format_date(tot)}"}


def routed_submission(queue: Path, submit_record: Any) -> str:
    """The Koepelplan stuk through teamleider, directeur (deputy) and Financiën, then submitted."""
    from desktop.domain import route as R
    from desktop.domain.forms import default_formset
    from desktop.queue.route_decide import decide
    from desktop.queue.route_service import request
    from desktop.queue.submit import submit

    draft = a4tje("Koepelplan Stadsbeheer")
    draft.values.update(bijlagen=[], participatie="")  # Financiën for the amount; no Communicatie
    formset = default_formset()
    for aan, soort, word, tekst in (("T. Leider", R.PARAAF, "akkoord", ""),
                                    ("B. Bos", R.PARAAF, "opmerkingen", "Graag de dekking noemen."),
                                    ("Financiën", R.ADVIES, "positief", "Gedekt uit de reserve.")):
        rid, _, delivered = request(draft, aan=aan, formset=formset, queue_dir=queue, draft_key="concept:koepel")
        assert delivered
        decide(rid, soort, word, tekst, formset=formset, queue_dir=queue)
    result = submit(draft, queue_dir=queue, draft_key="concept:koepel", record=submit_record, layout=None,
                    docx=b"PK-test")
    return str(result.submission_id)


def plain_submission(queue: Path, submit_record: Any) -> str:
    """A stuk of a directie without a route and without an amount: no parafen or adviezen at all."""
    from desktop.queue.submit import submit

    draft = a4tje("Jaarverslag Bestuursdienst", directie="Bestuursdienst", port="Wethouder Pastoor")
    draft.values.update(bijlagen=[], participatie="", financien="Geen.")
    result = submit(draft, queue_dir=queue, draft_key="concept:jaarverslag", record=submit_record, layout=None,
                    docx=b"PK-test")
    return str(result.submission_id)


def docx_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def test_route_verified_at_acceptance_is_what_the_besluitenlijst_and_archive_record(
    queue: Path, route_site: dict[str, Any], sec: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.cli.main import main
    from desktop.queue.publications import PublicationReader, fetch_new
    from desktop.secretariat import archive, publishing
    from desktop.ui.besluiten_view import render
    from tests.steller import steller_record

    record = steller_record(tmp_path / "steller")
    sid, plain = routed_submission(queue, record), plain_submission(queue, record)
    assert sec.submission(sid).extra["route"]["compleet"] is True
    sec.accept(sid)
    sec.accept(plain)
    today = format_date(date.today())
    parafen = (f"Geparafeerd door: teamleider T. Leider ({today}), directeur B. Bos namens D. Recteur "
               f"(akkoord met opmerkingen, plaatsvervanger, mandaat {route_site['periode']}; {today})")
    advies = f"Advies Financiën: positief (F. Inancien, {today})"

    # The signed zaak holds the route as verified now: who, role, for whom, verdict, day; not the advice text.
    _, zaak = sec.zaken.load(sid)
    steps = zaak["stuk"]["route"]["stappen"]
    assert [(s["wie"], s["naam"], s["namens"], s["oordeel"]) for s in steps] == [
        ("teamleider", "T. Leider", "", "akkoord"), ("directeur", "B. Bos", "D. Recteur", "akkoord met opmerkingen"),
        ("Financiën", "F. Inancien", "", "positief")]
    assert "Gedekt" not in json.dumps(zaak) and "route" not in sec.zaken.load(plain)[1]["stuk"]

    # Afterwards the share and the site change: a forged zaak version names Mallory, and IT
    # takes the deputy off the list. Neither changes what was verified at acceptance.
    folder = queue / sec.zaken.folder(sid)
    forged = json.loads((folder / "v000001.json").read_text("utf-8"))
    forged["stuk"]["route"]["stappen"][0]["naam"] = "M. Allory"
    forged["_versie"] = 2
    (folder / "v000002.json").write_text(json.dumps(forged), "utf-8")
    (route_site["site"] / "config.toml").write_text(route_site["config"].split("[[routesleutels]]\nnaam = \"B. Bos\"")[0],
                                                    "utf-8")
    from desktop.domain import forms

    monkeypatch.setattr(forms, "_default", None)  # the site is read again
    assert sec.submission(sid).extra["route"]["compleet"] is False  # verified today, the route would differ

    day = date.today() + timedelta(days=7)
    sec.create_meeting(day, datetime.combine(day - timedelta(days=5), datetime.min.time()).replace(hour=12))
    sec.place(day, sid)
    sec.place(day, plain)
    sec.freeze(day)
    sec.decide(day, sid, "conform")
    sec.decide(day, plain, "conform")
    assert any("v000002" in p.waar for p in sec.problems)  # the forgery is skipped and reported
    stored = sec.meetings.load(day).to_json()
    assert stored["formaat"] == 2 and stored["agenda"][0]["route"]["stappen"][0]["naam"] == "T. Leider"

    monkeypatch.setenv("STUKKEN_QUEUE_DIR", str(queue))
    capsys.readouterr()
    assert main(["meeting", "show", format_date(day)]) == 0  # the agenda on the CLI shows it too
    shown = capsys.readouterr().out
    assert f"       {parafen}" in shown and shown.count("Geparafeerd door") == 1 and "Allory" not in shown

    out = tmp_path / "besluiten"
    publishing.publish(sec, day, out_dir=out)
    lijst = docx_text(out / f"besluitenlijst {day.isoformat()}.docx")
    assert parafen in lijst and advies in lijst and "Allory" not in lijst
    assert lijst.count("Geparafeerd door") == 1 and lijst.count("Advies ") == 1  # the plain stuk: nothing extra
    assert parafen in docx_text(out / f"terugkoppeling {day.isoformat()}.docx")

    # The archive version of the stuk records it on its last sheet; the plain stuk's has none.
    _, zaak = sec.zaken.load(sid)
    finals = {p.name: docx_text(p) for p in out.glob("definitief *.docx")}
    number = zaak["registratienummer"].replace(" ", "_")
    [mine] = [t for n, t in finals.items() if number in n]
    assert "Parafen en adviezen" in mine and parafen in mine and advies in mine
    assert sum("Parafen en adviezen" in t for t in finals.values()) == 1
    # ... and so does the archived zaak: moved to archief/<JJJJ>/, still signed, still verified.
    archived = archive.archived(f"{sec.layout.zaken}/{sid}", date.today().year)
    assert sec.zaken.folder(sid) == archived and (queue / archived / "v000001.json").is_file()
    assert zaak["stuk"]["route"]["stappen"][1]["namens"] == "D. Recteur"

    # The publication the stellers read carries the lines (Openbaar stukken), and their views show them.
    items = {i["submission_id"]: i for i in sec.source.publication(day.isoformat())["items"]}
    assert items[sid]["route"] == [parafen, advies] and "route" not in items[plain]
    reader = PublicationReader(tmp_path / "gelezen.json")
    [lijst_steller] = fetch_new(queue, reader)
    html = render(lijst_steller)
    assert "Geparafeerd door: teamleider T. Leider" in html and "Advies Financiën: positief" in html
    monkeypatch.setenv("STUKKEN_QUEUE_DIR", str(queue))
    assert main(["besluitenlijsten"]) == 0
    printed = capsys.readouterr().out
    assert f"     {parafen}" in printed and f"     {advies}" in printed


def test_a_confidential_stuk_shows_its_route_to_the_college_only(tmp_path: Path) -> None:
    from desktop.domain import route_record
    from desktop.secretariat import documents, publishing
    from desktop.secretariat import meeting as m

    verified = {"compleet": True, "stappen": [{"soort": "paraaf", "wie": "directeur", "door": "B. Bos",
                                               "oordeel": "akkoord", "getekend": "2026-11-30T10:00:00+01:00"}]}
    mt = m.Meeting(datum=date(2026, 12, 8), sluiting=datetime(2026, 12, 3, 12))
    for sid, klass, route in (("a", "Geheim", route_record.from_verified(verified, datetime(2026, 12, 1))),
                              ("b", "Openbaar", None)):
        m.place(mt, m.AgendaItem(inzending=sid, registratienummer=f"SB 26.000000{sid == 'b' and 2 or 1}",
                                 onderwerp=f"Stuk {sid}", portefeuillehouder="Wethouder Visscher",
                                 directie="StadBeheer", steller="J. de Vries", classificatie=klass, route=route),
                lambda _: 0)
    assert m.Meeting.from_json(mt.to_json()).items[0].route == mt.items[0].route
    assert mt.to_json()["formaat"] == 2
    m.freeze(mt)
    for sid in ("a", "b"):
        m.decide(mt, sid, "conform", "anna")
    line = "Geparafeerd door: directeur B. Bos (30-11-2026)"
    rows = documents.besluit_rows(mt)  # the besluitenlijst is for the college: it shows the route
    assert rows[0][4].endswith("\n" + line) and line not in rows[1][4]
    payload = publishing.publication_payload(mt)  # every steller reads the publication: nothing of it
    assert "route" not in payload["items"][0] and "route" not in payload["items"][1]
    feedback = documents.terugkoppeling_docx(mt, tmp_path / "t.docx", lambda _: 0)
    assert line not in docx_text(feedback)
    # The printed lists (the secretariat window) are the same rows as the .docx.
    from desktop.ui.secretariat.outputs import meeting_html

    assert line in meeting_html("besluitenlijst", mt) and line not in meeting_html("terugkoppeling", mt)
    mt.items[0].classificatie = "Openbaar"
    assert line in meeting_html("terugkoppeling", mt) and line in docx_text(
        documents.terugkoppeling_docx(mt, tmp_path / "t2.docx", lambda _: 0))
    # A meeting without a route is written as before (format 1), so older installations read it.
    mt.items[0].route = None
    assert mt.to_json()["formaat"] == 1 and "route" not in mt.to_json()["agenda"][0]


@pytest.mark.render
def test_route_lines_render_in_libreoffice_and_the_stuk_keeps_its_page(tmp_path: Path, soffice: str) -> None:
    """The besluitenlijst with a route renders (no word broken), and the archive version of a
    one-page A4tje is that same page followed by a sheet with the parafen and adviezen."""
    from desktop.domain import route_record
    from desktop.domain.draft import load_draft_file
    from desktop.export.docx_export import FinalInfo, export_docx
    from desktop.export.render import pdf_page_count, pdf_text, soffice_to_pdf
    from desktop.secretariat import documents
    from desktop.secretariat import meeting as m

    verified = {"compleet": True, "stappen": [
        {"soort": "paraaf", "wie": "teamleider", "door": "A. de Vries", "oordeel": "akkoord",
         "getekend": "2026-11-27T10:00:00+01:00"},
        {"soort": "paraaf", "wie": "directeur", "door": "B. Bos", "oordeel": "akkoord", "namens": "C. Dijkstra",
         "periode": "1-11-2026 t/m 31-12-2026", "getekend": "2026-11-30T10:00:00+01:00"},
        {"soort": "advies", "wie": "Financiën", "door": "F. Jansen", "oordeel": "positief met opmerkingen",
         "getekend": "2026-11-30T11:00:00+01:00"}]}
    route = route_record.from_verified(verified, datetime(2026, 12, 1))
    lines = route_record.lines(route)
    mt = m.Meeting(datum=date(2026, 12, 8), sluiting=datetime(2026, 12, 3, 12))
    m.place(mt, m.AgendaItem(inzending="a", registratienummer="SB 26.0000001", onderwerp="Koepelplan Stadsbeheer",
                             portefeuillehouder="Wethouder Visscher", directie="StadBeheer", steller="J. de Vries",
                             besluit=["in te stemmen met het Koepelplan."], route=route), lambda _: 0)
    m.freeze(mt)
    m.decide(mt, "a", "conform", "anna")
    lijst = documents.besluitenlijst_docx(mt, tmp_path / "besluitenlijst.docx")
    a4tje = load_draft_file(REPO / "tests" / "fixtures" / "a4tje_full.json")
    plain, routed = tmp_path / "zonder.docx", tmp_path / "met.docx"
    export_docx(a4tje, plain, final=FinalInfo("SB 26.0000001", date(2026, 12, 8), "conform"))
    export_docx(a4tje, routed, final=FinalInfo("SB 26.0000001", date(2026, 12, 8), "conform", "", tuple(lines)))
    pdf_lijst, pdf_plain, pdf_routed = soffice_to_pdf([lijst, plain, routed], tmp_path / "pdf")

    flat = " ".join(pdf_text(pdf_lijst).split())
    assert all(line in flat for line in lines), flat
    assert "plaatsvervanger" in pdf_text(pdf_lijst)  # not broken over two lines
    from pypdf import PdfReader

    assert pdf_page_count(pdf_plain) == 1 and pdf_page_count(pdf_routed) == 2
    first, sheet = (page.extract_text() for page in PdfReader(str(pdf_routed)).pages)
    assert first == pdf_text(pdf_plain)  # the stuk's own page is unchanged
    sheet = " ".join(sheet.split())
    assert sheet.startswith("Parafen en adviezen") and all(line in sheet for line in lines), sheet


def test_the_archive_version_of_a_raadsbrief_ends_with_the_route_sheet() -> None:
    import io

    import docx

    from desktop.domain.draft import load_draft_file
    from desktop.export.docx_export import FinalInfo, export_bytes

    brief = load_draft_file(REPO / "tests" / "fixtures" / "raadsbrief_full.json")
    line = "Advies Financiën: positief (F. Inancien, 30-11-2026)"
    with_route = docx.Document(io.BytesIO(export_bytes(
        brief, final=FinalInfo("SB 26.0000002", date(2026, 12, 8), "conform", "", (line,)))))
    without = docx.Document(io.BytesIO(export_bytes(brief, final=FinalInfo("SB 26.0000002", date(2026, 12, 8),
                                                                            "conform"))))
    texts = [p.text for p in with_route.paragraphs]
    assert texts[-3:] == ["Parafen en adviezen", "Registratienr. SB 26.0000002; zoals het secretariaat ze bij het "
                          "aanvaarden controleerde.", line]
    assert with_route.paragraphs[-3].style.name == "Bijlagetitel"  # a page of its own
    assert texts[:-3] == [p.text for p in without.paragraphs]
    assert "Parafen en adviezen" not in [p.text for p in without.paragraphs]
