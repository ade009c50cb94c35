"""Print and print preview paint what the .docx shows: page 1 both ways, compared line by line.

The .docx goes through LibreOffice to PDF; the print path (``export.paint``, used by the
editor's print and preview) paints the same model into a PDF with Qt. The text of every
line must be the same, and every line and every column (label, value, list label, list
text) must start within 1 mm of the other rendering.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MM = 72 / 25.4  # PDF points in a millimetre


def chunks(pdf: Path) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text run on page 1, in PDF points."""
    from pypdf import PdfReader

    out: list[tuple[float, float, str]] = []

    def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append((x, y, " ".join(text.split())))

    PdfReader(str(pdf)).pages[0].extract_text(visitor_text=visit)
    return out


def lines(pdf: Path) -> list[tuple[str, list[tuple[float, str]]]]:
    """Page 1 as lines from top to bottom: the text, and the runs (x, text) left to right."""
    rows: dict[int, list[tuple[float, str]]] = {}
    for x, y, text in chunks(pdf):
        rows.setdefault(round(y / 4), []).append((x, text))  # a line is 13 pt: 4 pt apart is the same line
    out = []
    for key in sorted(rows, reverse=True):
        runs = sorted(rows[key])
        out.append((" ".join(t for _, t in runs), runs))
    return out


def qt_pdf(model: Any, out: Path) -> Path:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from desktop.export.paint import paint

    writer = QPdfWriter(str(out))
    writer.setResolution(1200)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    paint(model, writer)
    del writer  # the file is complete when the writer is gone
    return out


@pytest.mark.parametrize(("fixture", "classificatie"), [("a4tje_full.json", ""),
                                                       ("raadsbrief_full.json", "Vertrouwelijk")])
def test_page_one_printed_as_exported(qapp: Any, soffice: str, tmp_path: Path, fixture: str,
                                      classificatie: str) -> None:
    from desktop.domain.draft import Draft
    from desktop.domain.forms import default_formset
    from desktop.export.docx_export import export_docx
    from desktop.export.model import build_model
    from desktop.export.render import soffice_to_pdf

    formset = default_formset()
    draft = Draft.from_json(json.loads((FIXTURES / fixture).read_text(encoding="utf-8")))
    if classificatie:
        draft.values["classificatie"] = classificatie  # a header line on every page
    export_docx(draft, tmp_path / "stuk.docx", formset=formset)
    [exported] = soffice_to_pdf([tmp_path / "stuk.docx"], tmp_path / "lo", profile_dir=tmp_path / "profile")
    printed = qt_pdf(build_model(draft, formset.forms[draft.form], formset), tmp_path / "print.pdf")

    want, got = lines(exported), lines(printed)
    assert [text for text, _ in got] == [text for text, _ in want]
    assert len(want) > 20
    for (text, want_runs), (_, got_runs) in zip(want, got, strict=True):
        assert abs(want_runs[0][0] - got_runs[0][0]) <= MM, f"left edge of {text!r}"
        for x, run in got_runs:  # every label, value and list text painted starts where Word's does
            first = run.split()[0]
            assert any(abs(x - wx) <= MM and w.split()[0] == first for wx, w in want_runs), \
                f"{run!r} at {x / MM:.1f} mm in {text!r}: {[(round(wx / MM, 1), w) for wx, w in want_runs]}"
    texts = [t for t, _ in got]
    if fixture.startswith("a4tje"):
        assert "I. in te stemmen met het Koepelplan Stadsbeheer 2012;" in texts
    else:
        assert texts[0] == "VERTROUWELIJK" and texts[-1].startswith("Pagina 1 van ")
        assert any(t.startswith("\u2022 ") for t in texts)
