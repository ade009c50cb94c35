"""Issue 15's layout details, checked in LibreOffice's rendering (one soffice run for all).

A single besluit point is not numbered; a second heading level; space after a list;
space between the paragraphs of an A4tje text field; invisible characters take no room
(the estimate and LibreOffice agree line for line with and without them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.domain.draft import Draft
from desktop.domain.forms import default_formset
from desktop.export.docx_export import export_docx
from desktop.export.model import build_model
from desktop.export.pagefit import PageFitEstimator

INVISIBLE = "\u2060\ufeff\u200b\u200d\u2011"
PLAIN = ("De gemeente werkt met de wijkteams aan een betere dienstverlening voor alle inwoners van de stad "
         "en de dorpen; de raad krijgt de resultaten drie keer per jaar. ") * 4


def _with_invisible(text: str) -> str:
    words = text.split(" ")
    return " ".join(w + INVISIBLE[i % len(INVISIBLE)] if i % 2 else w for i, w in enumerate(words))


def _lines(pdf: Path, page: int = 0) -> list[tuple[float, str, str]]:
    """(distance from the page top in pt, text, font name) of each text run, top to bottom."""
    from pypdf import PdfReader

    pg = PdfReader(str(pdf)).pages[page]
    height = float(pg.mediabox.height)
    out: list[tuple[float, str, str]] = []

    def visit(text: str, _cm: Any, tm: Any, font: Any, _size: Any) -> None:
        if text.strip():
            name = str(font.get("/BaseFont", "")) if font else ""
            out.append((round(height - float(tm[5]), 1), text.strip(), name))

    pg.extract_text(visitor_text=visit)
    return sorted(out)


def _top(lines: list[tuple[float, str, str]], needle: str) -> float:
    return next(y for y, text, _ in lines if needle in text)


@pytest.fixture
def pdfs(soffice: str, render_batch: Any, a4tje: Draft, raadsbrief: Draft) -> dict[str, Path]:
    """Rendered once per session (kept in the shared render cache)."""
    if "lay_enkel" in render_batch.cache:
        return render_batch.cache
    enkel = a4tje.copy()
    enkel.values["besluit"] = ["in te stemmen met het Koepelplan Stadsbeheer 2012."]
    enkel.values["samenvatting"] = "Eerste alinea van de samenvatting.\nTweede alinea van de samenvatting."
    plain, hidden = a4tje.copy(), a4tje.copy()
    plain.values["aanleiding"] = PLAIN
    hidden.values["aanleiding"] = _with_invisible(PLAIN)
    brief = raadsbrief.copy()
    brief.values["appendices"] = []
    brief.values["tekst"] = [
        {"type": "heading", "text": "1. Samenvatting"},
        {"type": "heading", "level": 2, "text": "1.1 Wat er verandert"},
        {"type": "bullets", "items": ["eerste punt", "tweede punt"]},
        {"type": "paragraph", "text": "Na de lijst."},
    ]
    docs = {"lay_enkel": enkel, "lay_plain": plain, "lay_hidden": hidden, "lay_brief": brief}
    paths = []
    for name, draft in docs.items():
        path = render_batch.root / f"{name}.docx"
        export_docx(draft, path)
        paths.append(path)
    render_batch.cache.update(zip(docs, render_batch.render(paths), strict=True))
    return render_batch.cache


def test_single_besluit_point_is_not_numbered(pdfs: dict[str, Path]) -> None:
    lines = _lines(pdfs["lay_enkel"])
    point = next(text for _, text, _ in lines if "Koepelplan Stadsbeheer 2012." in text and "stemmen" in text)
    assert not point.startswith("I.")
    assert not any(text == "I." for _, text, _ in lines)


def test_paragraphs_of_an_a4tje_field_have_space_between(pdfs: dict[str, Path]) -> None:
    lines = _lines(pdfs["lay_enkel"])
    gap = _top(lines, "Tweede alinea") - _top(lines, "Eerste alinea")
    assert gap == pytest.approx(13 + 4, abs=0.2)  # one line and the 4 pt between paragraphs


def test_list_has_space_after_and_heading_level_two(pdfs: dict[str, Path]) -> None:
    lines = _lines(pdfs["lay_brief"])
    between_items = _top(lines, "tweede punt") - _top(lines, "eerste punt")
    after_list = _top(lines, "Na de lijst.") - _top(lines, "tweede punt")
    assert between_items == pytest.approx(13, abs=0.2)
    assert after_list == pytest.approx(13 + 6, abs=0.2)
    heading2 = next(font for _, text, font in lines if "Wat er verandert" in text)
    assert "BoldItalic" in heading2 or "Bold-Italic" in heading2 or "BoldOblique" in heading2, heading2


def test_invisible_characters_take_no_room(pdfs: dict[str, Path], a4tje: Draft) -> None:
    plain, hidden = _lines(pdfs["lay_plain"]), _lines(pdfs["lay_hidden"])
    # The heading after the field sits at the same height: the same number of lines.
    assert _top(hidden, "Kader") == _top(plain, "Kader")
    formset = default_formset()
    form = formset.forms["a4tje"]
    est = PageFitEstimator()
    drafts = []
    for text in (PLAIN, _with_invisible(PLAIN)):
        d = a4tje.copy()
        d.values["aanleiding"] = text
        drafts.append(est.model_height(build_model(d, form, formset))[0])
    assert drafts[0] == drafts[1]


def test_signatures_side_by_side(pdfs: dict[str, Path]) -> None:
    lines = _lines(pdfs["lay_brief"])
    assert _top(lines, "de burgemeester,") == _top(lines, "de secretaris,")
    assert _top(lines, "J.P. (Peter) Rehwinkel") == _top(lines, "drs. M.A. (Maarten) Ruys")
    gap = _top(lines, "J.P. (Peter) Rehwinkel") - _top(lines, "de burgemeester,")
    assert gap == pytest.approx(3 * 13, abs=0.2)  # two empty lines for the handwritten signatures
    assert _top(lines, "de burgemeester,") > _top(lines, "burgemeester en wethouders van Groningen,")
