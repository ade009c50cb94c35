"""The house-style .docx: structure, numbering, properties and sanitising (python-docx re-opens it)."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from desktop.domain.draft import Draft
from desktop.domain.findings import Severity
from desktop.export import style as S
from desktop.export.build_template import build
from desktop.export.docx_export import ExportError, FinalInfo, export_bytes, export_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _doc(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _texts(doc: docx.document.Document) -> list[str]:
    """Every paragraph's text in document order, table cells included."""
    out = []
    for p in doc.element.body.iter(qn("w:p")):
        parts = [
            x.text or "" if x.tag == qn("w:t") else "\n" if x.tag == qn("w:br") else "\t"
            for x in p.iter(qn("w:t"), qn("w:br"), qn("w:tab"))
            if x.getparent().tag == qn("w:r")
        ]
        if "".join(parts):
            out.append("".join(parts))
    return out


def _besluit_num_ids(doc: docx.document.Document) -> set[str]:
    ids = set()
    for p in doc.element.body.iter(qn("w:p")):
        style = p.find(f"{{{W}}}pPr/{{{W}}}pStyle")
        num = p.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId")
        if style is not None and style.get(qn("w:val")) == "Besluitpunt" and num is not None:
            ids.add(num.get(qn("w:val")))
    return ids


def test_template_is_reproducible_and_committed(tmp_path: Path) -> None:
    built = build(tmp_path / "t.docx")
    assert built.read_bytes() == S.template_path().read_bytes(), (
        "resources/templates/huisstijl.docx is out of date: run python -m desktop.export.build_template"
    )


def test_template_has_every_style_the_code_uses() -> None:
    doc = docx.Document(str(S.template_path()))
    ids = {s.style_id for s in doc.styles}
    assert set(S.PARA_STYLES) <= ids
    assert "Kopveldtabel" in ids
    section = doc.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (S.PAGE_WIDTH, S.PAGE_HEIGHT)
    settings = doc.settings.element
    assert settings.find(qn("w:autoHyphenation")).get(qn("w:val")) == "0"


def test_a4tje_reopens_with_house_style(a4tje: Draft, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    assert export_docx(a4tje, out) == []
    doc = docx.Document(str(out))
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert section.left_margin.twips == S.MARGIN_LEFT
    texts = _texts(doc)
    assert texts[0] == "Raadsvoorstel"
    assert "De raad besluit:" in texts
    assert "wordt toegekend" in texts  # no registratienummer yet
    assert texts[texts.index("Bijlagen") + 1] == "2"
    # Sections in the form's order, labels as headings.
    order = ["Samenvatting", "Aanleiding en doel", "Kader", "Argumenten en afwegingen",
             "Financiële consequenties", "Maatschappelijk draagvlak en participatie", "Vervolg"]
    assert [texts.index(h) for h in order] == sorted(texts.index(h) for h in order)
    props = doc.core_properties
    assert props.title == "Koepelplan Stadsbeheer 2012"
    assert props.author == "J. de Vries"
    assert props.language == "nl-NL"
    # The body font is no smaller than 10 pt, in Arial.
    styles = doc.styles.element
    rpr = styles.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr")
    assert rpr.find(qn("w:rFonts")).get(qn("w:ascii")) == "Arial"
    assert int(rpr.find(qn("w:sz")).get(qn("w:val"))) >= 20
    assert rpr.find(qn("w:lang")).get(qn("w:val")) == "nl-NL"


def test_collegevoorstel_intro_and_empty_optional_fields_omitted(a4tje: Draft) -> None:
    a4tje.values.update(soort="collegevoorstel", kader="", raadscommissie="", telefoon="  ")
    texts = _texts(_doc(export_bytes(a4tje)))
    assert texts[0] == "Collegevoorstel"
    assert "Het college besluit:" in texts
    assert "Kader" not in texts and "Telefoon" not in texts and "Raadscommissie" not in texts


def test_besluit_numbering_restarts_in_every_document(a4tje: Draft) -> None:
    docs = [_doc(export_bytes(a4tje)) for _ in range(2)]
    for doc in docs:
        (num_id,) = _besluit_num_ids(doc)
        numbering = doc.part.numbering_part.element
        num = numbering.num_having_numId(int(num_id))
        start = num.find(f"{{{W}}}lvlOverride/{{{W}}}startOverride")
        assert start is not None and start.get(qn("w:val")) == "1"
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                        if a.get(qn("w:abstractNumId")) == abstract_id)
        assert abstract.find(f"{{{W}}}lvl/{{{W}}}numFmt").get(qn("w:val")) == "upperRoman"
        assert abstract.find(f"{{{W}}}lvl/{{{W}}}lvlText").get(qn("w:val")) == "%1."


def test_raadsbrief_lists_appendices_footer_and_signature(raadsbrief: Draft) -> None:
    raadsbrief.values["tekst"].append({"type": "numbered", "items": ["een", "twee"]})
    raadsbrief.values["appendices"].append({"title": "Tweede", "body": [{"type": "paragraph", "text": "x"}]})
    doc = _doc(export_bytes(raadsbrief))
    texts = _texts(doc)
    for expected in ("Gemeente Groningen", "De leden van de raad van de gemeente Groningen", "GRONINGEN",
                     "Geachte heer, mevrouw,", "BIJLAGE I", "BIJLAGE II",
                     "Onderwerp", "Steller", "Telefoon", "Bijlage(n)", "Ons kenmerk", "Uw brief van",
                     "Uw kenmerk", "Datum"):
        assert expected in texts, expected
    # The closing and the signatures side by side: one table row that may not split, the
    # letter's last paragraph kept with it.
    [sign_row] = [r for r in doc.tables[-1].rows]
    left, right = (c.text for c in sign_row.cells)
    assert left == ("Met vriendelijke groet,\nburgemeester en wethouders van Groningen,\n\nde burgemeester,"
                    "\n\n\nJ.P. (Peter) Rehwinkel")
    assert right == "\n\n\nde secretaris,\n\n\ndrs. M.A. (Maarten) Ruys"
    assert sign_row._tr.find(f"{{{W}}}trPr/{{{W}}}cantSplit") is not None
    body = list(doc.element.body)
    last_para = body[body.index(doc.tables[-1]._tbl) - 1]
    assert last_para.find(f"{{{W}}}pPr/{{{W}}}keepNext") is not None
    # Two numbered lists, each its own w:num restarting at 1.
    num_ids = set()
    for p in doc.element.body.iter(qn("w:p")):
        style = p.find(f"{{{W}}}pPr/{{{W}}}pStyle")
        if style is not None and style.get(qn("w:val")) == "Genummerd":
            num_ids.add(p.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId").get(qn("w:val")))
    assert len(num_ids) == 2
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml and "Pagina " in footer_xml


def test_classificatie_in_header_only_when_not_openbaar(a4tje: Draft) -> None:
    doc = _doc(export_bytes(a4tje))
    assert doc.sections[0].header.is_linked_to_previous  # no header of its own
    a4tje.values["classificatie"] = "Vertrouwelijk"
    doc = _doc(export_bytes(a4tje))
    assert "VERTROUWELIJK" in doc.sections[0].header._element.xml


def test_final_version_prints_secretariat_data(a4tje: Draft) -> None:
    final = FinalInfo("SB 12.3224639", date(2012, 12, 4), "conform")
    doc = _doc(export_bytes(a4tje, final=final))
    texts = _texts(doc)
    assert "SB 12.3224639" in texts and "wordt toegekend" not in texts
    assert texts[texts.index("B&W-besluit d.d.") + 1] == "4 december 2012"
    assert texts[texts.index("Besluit") + 1] == "conform"
    assert doc.core_properties.keywords == "SB 12.3224639"


def test_final_version_changed_decision_text(a4tje: Draft) -> None:
    tekst = "Het college besluit: I. in te stemmen met het plan, met een krediet van € 300.000."
    conform = _texts(_doc(export_bytes(a4tje, final=FinalInfo("SB 12.3224639", date(2012, 12, 4),
                                                               "conform", tekst))))
    assert "Besluittekst" not in conform
    changed = _texts(_doc(export_bytes(a4tje, final=FinalInfo("SB 12.3224639", date(2012, 12, 4),
                                                               "gewijzigd", tekst))))
    assert changed[changed.index("Besluittekst") + 1] == tekst


def test_user_text_is_sanitised_and_survives(a4tje: Draft) -> None:
    long_word = "Gemeente" * 37 + "huis"  # 300 characters
    a4tje.values["samenvatting"] = "Tekst\x00 met\x07 stuurtekens\x0bnieuwe regel"
    a4tje.values["aanleiding"] = f"Emoji 🎉👍🏽, café, Ørsted, שלום עולם, مرحبا. {long_word}"
    a4tje.values["besluit"] = ["in te stemmen met \x1bhet plan."]
    data = export_bytes(a4tje)
    doc = _doc(data)
    body_xml = doc.element.body.xml
    assert "🎉👍🏽" in body_xml and "café" in body_xml and "שלום עולם" in body_xml and "مرحبا" in body_xml
    assert long_word in body_xml
    texts = _texts(doc)
    # \x0b became a line break, and each line of an A4tje field is a paragraph of its own.
    i = texts.index("Tekst met stuurtekens")
    assert texts[i + 1] == "nieuwe regel"
    assert "in te stemmen met het plan." in texts


def test_sanitising_reports_warnings(a4tje: Draft, tmp_path: Path) -> None:
    a4tje.values["samenvatting"] = "Tekst\x00 met\x07 stuurtekens"
    a4tje.values["onderwerp"] = "Onder\x01werp"
    findings = export_docx(a4tje, tmp_path / "s.docx")
    assert {f.field for f in findings} == {"samenvatting", "onderwerp"}
    assert all(f.severity is Severity.WARNING and f.rule == "sanitized" for f in findings)
    assert docx.Document(str(tmp_path / "s.docx")).core_properties.title == "Onderwerp"


@pytest.mark.parametrize(
    "values",
    [
        {"besluit": "geen lijst", "bijlagen": "ook geen lijst", "soort": 7},
        {"besluit": [None, 3, "in te stemmen."], "samenvatting": None, "onderwerp": ["x"]},
        {},
    ],
)
def test_malformed_values_never_crash(values: dict) -> None:
    doc = _doc(export_bytes(Draft(form="a4tje", values=values)))
    assert _texts(doc)[0] == "Collegevoorstel"


def test_control_characters_in_configuration_do_not_break_the_xml(raadsbrief: Draft) -> None:
    from dataclasses import replace

    from desktop.domain.forms import default_formset

    formset = default_formset()
    config = replace(formset.config, names={**formset.config.names, "burgemeester": "P.\x01 Rehwinkel & co <b>"})
    texts = _texts(_doc(export_bytes(raadsbrief, formset=replace(formset, config=config))))
    assert any("P. Rehwinkel & co <b>" in t for t in texts)


def test_malformed_raadsbrief_never_crashes() -> None:
    values = {"tekst": ["los", {"type": "bullets", "items": "geen lijst"}, {"type": "numbered", "items": [1, "a"]}],
              "appendices": [{"title": 5, "body": "x"}, "rommel", {"title": "Echt", "body": []}]}
    doc = _doc(export_bytes(Draft(form="raadsbrief", values=values)))
    texts = _texts(doc)
    assert "a" in texts and "BIJLAGE I" in texts and "Echt" in texts


def test_unwritable_output_gives_dutch_error(a4tje: Draft, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as info:
        export_docx(a4tje, tmp_path / "bestaat-niet" / "a.docx")
    assert "Kan" in str(info.value) and "niet schrijven" in str(info.value)
    assert not list(tmp_path.glob("**/*.tmp"))


def test_docx_is_a_valid_package(a4tje: Draft) -> None:
    with zipfile.ZipFile(io.BytesIO(export_bytes(a4tje))) as zf:
        assert zf.testzip() is None
        assert "word/numbering.xml" in zf.namelist()
