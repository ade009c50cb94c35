"""Agenda, besluitenlijst and terugkoppeling: the right columns and rows, and LibreOffice renders them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from desktop.domain.forms import default_formset
from desktop.secretariat import documents
from desktop.secretariat import meeting as m


def port_order(naam: str) -> int:
    return default_formset().config.order_of("portefeuillehouders", naam)


def decided_meeting() -> m.Meeting:
    mt = m.Meeting(datum=date(2012, 3, 13), sluiting=datetime(2012, 3, 8, 12))
    specs = [
        ("a", "Koepelplan Stadsbeheer 2012", "Wethouder Pastoor", "bespreekstuk", "Openbaar", "conform"),
        ("b", "Subsidie Oosterpoort", "Wethouder Visscher", "hamerstuk", "Openbaar", "gewijzigd"),
        ("c", "Aankoop pand Oude Boteringestraat", "Wethouder Visscher", "hamerstuk", "Geheim", "afgewezen"),
    ]
    for sid, onderwerp, port, kind, klass, _ in specs:
        m.place(mt, m.AgendaItem(
            inzending=sid, registratienummer=f"SB 12.000000{ord(sid) - 96}", onderwerp=onderwerp,
            portefeuillehouder=port, directie="StadBeheer", steller="J. de Vries", behandeling=kind,
            classificatie=klass, naar_raad=sid == "a", besluit=["in te stemmen met het plan."],
        ), port_order)
    m.freeze(mt)
    for sid, *_, outcome in specs:
        m.decide(mt, sid, outcome, "anna", changed="de subsidie te verlagen tot € 10.000." if outcome == "gewijzigd" else "")
    return mt


def table_rows(path: Path) -> list[list[str]]:
    import docx

    return [[c.text for c in row.cells] for t in docx.Document(str(path)).tables for row in t.rows]


def all_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    return "\n".join([p.text for p in d.paragraphs] + ["|".join(r) for r in table_rows(path)])


def test_agenda_columns_and_order(tmp_path: Path) -> None:
    out = documents.agenda_docx(decided_meeting(), tmp_path / "agenda.docx", "Gemeente Groningen")
    rows = table_rows(out)
    assert rows[0] == ["Nr", "Onderwerp", "Registratienr.", "Portefeuillehouder", "Directie", "Steller",
                       "Hamer/bespreek", "Classificatie", "Naar raad"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert [r[6] for r in rows[1:]] == ["hamerstuk", "hamerstuk", "bespreekstuk"]
    assert rows[3][8] == "ja" and rows[1][8] == "nee"
    import docx

    section = docx.Document(str(out)).sections[0]
    assert section.page_width > section.page_height  # landscape for nine columns


def test_besluitenlijst_and_terugkoppeling(tmp_path: Path) -> None:
    mt = decided_meeting()
    lijst = documents.besluitenlijst_docx(mt, tmp_path / "b.docx")
    rows = table_rows(lijst)
    assert rows[0] == ["Nr", "Onderwerp", "Portefeuillehouder", "Uitkomst", "Besluit", "Openbaar"]
    by_outcome = {r[3]: r for r in rows[1:]}
    assert by_outcome["Gewijzigd"][4] == "Het college besluit: de subsidie te verlagen tot € 10.000."
    assert by_outcome["Afgewezen"][5] == "nee" and by_outcome["Conform"][5] == "ja"
    feedback = documents.terugkoppeling_docx(mt, tmp_path / "t.docx", port_order)
    text = all_text(feedback)
    assert "Aankoop pand" not in text and "Geheim stuk" in text
    # grouped by portefeuillehouder in the configured order: Visscher before Pastoor
    assert text.index("Wethouder Visscher") < text.index("Wethouder Pastoor")


def test_unwritable_target_is_a_clear_error(tmp_path: Path) -> None:
    from desktop.secretariat.errors import SecretariatError

    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    with pytest.raises(SecretariatError, match="niet schrijven"):
        documents.agenda_docx(decided_meeting(), blocker / "agenda.docx")


@pytest.mark.render
def test_documents_render_in_libreoffice(tmp_path: Path, soffice: str) -> None:
    from desktop.export.render import pdf_text, soffice_to_pdf

    mt = decided_meeting()
    files = [
        documents.agenda_docx(mt, tmp_path / "agenda.docx"),
        documents.besluitenlijst_docx(mt, tmp_path / "besluitenlijst.docx"),
        documents.terugkoppeling_docx(mt, tmp_path / "terugkoppeling.docx", port_order),
    ]
    pdfs = soffice_to_pdf(files, tmp_path / "pdf")
    raw = pdf_text(pdfs[0])
    for word in ("Portefeuillehouder", "Classificatie", "bespreekstuk", "SB 12.0000003"):
        assert word in raw, word  # the columns are wide enough: no word broken over two lines
    texts = [" ".join(pdf_text(p).split()) for p in pdfs]
    assert "Koepelplan Stadsbeheer 2012" in texts[0] and "SB 12.0000003" in texts[0]
    assert "Het college besluit" in texts[1]
    assert "Geheim stuk" in texts[2] and "Aankoop pand" not in texts[2]
