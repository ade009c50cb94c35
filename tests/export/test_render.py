"""Exported files through LibreOffice: they convert, and the PDF shows every field in order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from desktop.domain.draft import Draft
from desktop.export.docx_export import FinalInfo, export_docx
from desktop.export.render import RenderError, pdf_page_count, pdf_text, soffice_to_pdf


def _in_order(text: str, needles: list[str]) -> None:
    """Every needle occurs in ``text``, each after the previous one."""
    flat = " ".join(text.split())
    pos = 0
    for needle in needles:
        needle = " ".join(needle.split())
        found = flat.find(needle, pos)
        assert found >= 0, f"{needle!r} missing or out of order after position {pos}: {flat[pos:pos + 200]!r}"
        pos = found + len(needle)


@pytest.fixture
def rendered(soffice: str, render_batch, a4tje: Draft, raadsbrief: Draft) -> dict[str, Path]:
    """Five documents rendered in one LibreOffice call, once per test session."""
    if "a4tje" in render_batch.cache:  # other modules add their own documents to the cache
        return render_batch.cache
    tmp_path = render_batch.root
    edge = a4tje.copy()
    edge.values["soort"] = "collegevoorstel"
    edge.values["aanleiding"] = "Emoji 🎉, café, שלום עולם, مرحبا, " + "Gemeente" * 37 + "huis" + "\x07."
    edge.values["classificatie"] = "Geheim"
    edge.values["geheim_grond"] = "artikel 25 Gemeentewet in verband met artikel 5.1 Woo"
    brief = raadsbrief.copy()
    brief.values["classificatie"] = "Vertrouwelijk"
    brief.values["tekst"].append({"type": "numbered", "items": ["eerste", "tweede"]})
    brief.values["tekst"].append({"type": "paragraph", "text": "Tussen de lijsten."})
    brief.values["tekst"].append({"type": "numbered", "items": ["opnieuw", "verder"]})
    brief.values["appendices"].append(
        {"title": "Tweede bijlage", "body": [{"type": "paragraph", "text": "Inhoud."}]}
    )
    docs = {
        "a4tje": a4tje,
        "a4tje_tweede": a4tje,
        "raadsbrief": raadsbrief,
        "edge": edge,
        "brief_vertrouwelijk": brief,
    }
    paths = []
    for name, draft in docs.items():
        path = tmp_path / f"{name}.docx"
        export_docx(draft, path)
        paths.append(path)
    final = tmp_path / "final.docx"
    export_docx(a4tje, final, final=FinalInfo("SB 12.3224639", date(2012, 12, 4), "conform"))
    paths.append(final)
    pdfs = render_batch.render(paths)
    render_batch.cache.update({p.stem: pdf for p, pdf in zip(paths, pdfs, strict=True)})
    render_batch.cache.update({f"{p.stem}.docx": p for p in paths})
    return render_batch.cache


def test_exports_convert_and_reopen(rendered: dict[str, Path]) -> None:
    for name in ("a4tje", "raadsbrief", "edge", "final"):
        assert rendered[name].stat().st_size > 1000
        docx.Document(str(rendered[f"{name}.docx"]))  # python-docx re-opens it
    assert pdf_page_count(rendered["a4tje"]) == 1
    assert pdf_page_count(rendered["final"]) == 1
    assert pdf_page_count(rendered["edge"]) == 1


def test_a4tje_fields_in_order_in_pdf(rendered: dict[str, Path], a4tje: Draft) -> None:
    v = a4tje.values
    text = pdf_text(rendered["a4tje"])
    _in_order(text, [
        "Raadsvoorstel", "Onderwerp", v["onderwerp"], "Registratienr.", "wordt toegekend",
        "Steller", v["steller"], "Telefoon", v["telefoon"], "Directie/dienst", v["directie"],
        "Portefeuillehouder", v["portefeuillehouder"], "Raadscommissie", v["raadscommissie"],
        "Classificatie", v["classificatie"], "Bijlagen", "2", "B&W-besluit d.d.", "Besluit",
        "De raad besluit:",
        "I.", v["besluit"][0], "II.", v["besluit"][1], "III.", v["besluit"][2],
        "Samenvatting", v["samenvatting"], "Aanleiding en doel", v["aanleiding"], "Kader", v["kader"],
        "Argumenten en afwegingen", v["argumenten"], "Financiële consequenties", v["financien"],
        "Maatschappelijk draagvlak en participatie", v["participatie"], "Vervolg", v["vervolg"],
    ])


def test_numbering_restarts_in_second_document(rendered: dict[str, Path], a4tje: Draft) -> None:
    for name in ("a4tje", "a4tje_tweede", "final"):
        _in_order(pdf_text(rendered[name]), ["I.", a4tje.values["besluit"][0], "II."])
        assert "IV." not in pdf_text(rendered[name])


def test_final_version_in_pdf(rendered: dict[str, Path]) -> None:
    _in_order(pdf_text(rendered["final"]), ["SB 12.3224639", "B&W-besluit d.d.", "4 december 2012",
                                            "Besluit", "conform", "De raad besluit:"])


def test_raadsbrief_in_order_in_pdf(rendered: dict[str, Path], raadsbrief: Draft) -> None:
    v = raadsbrief.values
    text = pdf_text(rendered["raadsbrief"])
    _in_order(text, [
        "Gemeente Groningen", "De leden van de raad van de gemeente Groningen", "GRONINGEN",
        "Onderwerp", v["onderwerp"], "Steller", v["steller"], "Telefoon", v["telefoon"],
        "Bijlage(n)", "2", "Ons kenmerk",  # one attached file and BIJLAGE I in the letter "wordt toegekend", "Uw brief van", "Uw kenmerk", "Datum",
        "Geachte heer, mevrouw,", "1. Samenvatting", v["tekst"][1]["text"], "2. Wat is er veranderd",
        v["tekst"][3]["text"], *v["tekst"][4]["items"], v["tekst"][5]["text"],
        "Met vriendelijke groet,", "burgemeester en wethouders van Groningen,", "de burgemeester,",
        "J.P. (Peter) Rehwinkel",
        "BIJLAGE I", "Meetmomenten", "1.", "april", "2.", "augustus", "3.", "december",
    ])
    # The secretary signs beside the burgemeester (the PDF may list either cell first).
    assert "de secretaris," in text and "drs. M.A. (Maarten) Ruys" in text
    pages = pdf_page_count(rendered["raadsbrief"])
    assert f"Pagina 1 van {pages}" in text


def test_raadsbrief_lists_restart_and_every_page_has_header_and_footer(rendered: dict[str, Path]) -> None:
    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(str(rendered["brief_vertrouwelijk"])).pages]
    assert len(pages) >= 3  # the letter, BIJLAGE I, BIJLAGE II (each on a new page)
    for i, text in enumerate(pages, start=1):
        assert "VERTROUWELIJK" in text
        assert f"Pagina {i} van {len(pages)}" in text
    _in_order("\n".join(pages), ["1.", "eerste", "2.", "tweede", "Tussen de lijsten.", "1.", "opnieuw",
                                 "2.", "verder", "BIJLAGE I", "Meetmomenten", "BIJLAGE II",
                                 "Tweede bijlage", "Inhoud."])


def test_edge_text_survives_rendering(rendered: dict[str, Path]) -> None:
    text = pdf_text(rendered["edge"])
    flat = "".join(text.split())
    assert "café" in text and "GEHEIM" in text
    assert "Gemeente" * 37 + "huis" in flat  # the long word is broken over lines, not lost
    assert "Het college besluit:" in text


def test_missing_input_is_a_render_error(soffice: str, tmp_path: Path) -> None:
    with pytest.raises(RenderError) as info:
        soffice_to_pdf([tmp_path / "bestaat-niet.docx"], tmp_path / "out", profile_dir=tmp_path / "p")
    assert "LibreOffice" in str(info.value)


def test_duplicate_names_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with pytest.raises(RenderError) as info:
        soffice_to_pdf([tmp_path / "a" / "x.docx", tmp_path / "b" / "x.docx"], tmp_path / "out")
    assert "dezelfde naam" in str(info.value)


def test_timeout_kills_libreoffice(soffice: str, a4tje: Draft, tmp_path: Path) -> None:
    path = tmp_path / "traag.docx"
    export_docx(a4tje, path)
    with pytest.raises(RenderError) as info:
        soffice_to_pdf([path], tmp_path / "out", profile_dir=tmp_path / "p", timeout=0.05)
    assert "reageerde niet" in str(info.value)
    assert not (tmp_path / "out" / "traag.pdf").exists()
