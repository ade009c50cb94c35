"""The one-page estimate: plugged into validation, and checked against LibreOffice on a seeded sweep."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli.main import main as cli_main
from desktop.domain.draft import Draft
from desktop.domain.forms import default_formset
from desktop.domain.validation import validate
from desktop.export import style as S
from desktop.export.fitsweep import near_limit_drafts, run_sweep, summarize
from desktop.export.pagefit import SAFETY_MARGIN, PageFitEstimator, default_layout_check

from .conftest import write_draft


def _grow(draft: Draft, times: int) -> Draft:
    long = draft.copy()
    for key in ("samenvatting", "aanleiding", "argumenten"):
        long.values[key] = " ".join([long.values[key]] * times)
    return long


def test_full_sample_fits_and_grown_one_does_not(a4tje: Draft) -> None:
    formset = default_formset()
    form = formset.forms["a4tje"]
    est = PageFitEstimator()
    fit = est.measure(a4tje, form, formset)
    assert fit.fits and 0.3 < fit.used_fraction < 1.0 and fit.lines_over < 0
    over = est.measure(_grow(a4tje, 7), form, formset)
    assert not over.fits and over.used_fraction > 1.0 and over.lines_over > 5


def test_estimate_grows_with_text(a4tje: Draft) -> None:
    formset = default_formset()
    form = formset.forms["a4tje"]
    est = PageFitEstimator()
    fractions = [est.measure(_grow(a4tje, n), form, formset).used_fraction for n in (1, 2, 3)]
    assert fractions[0] < fractions[1] < fractions[2]


def test_validate_reports_one_page_error(a4tje: Draft) -> None:
    layout = default_layout_check()
    assert not [f for f in validate(a4tje, layout=layout) if f.rule == "one_page"]
    findings = [f for f in validate(_grow(a4tje, 7), layout=layout) if f.rule == "one_page"]
    assert len(findings) == 1 and findings[0].is_error
    assert "past niet op één pagina" in findings[0].message
    assert findings[0].field in {"samenvatting", "aanleiding", "argumenten"}


def test_raadsbrief_has_no_page_limit(raadsbrief: Draft) -> None:
    raadsbrief.values["tekst"] = raadsbrief.values["tekst"] * 40
    findings = validate(raadsbrief, layout=default_layout_check())
    assert not [f for f in findings if f.rule == "one_page"]


def test_cli_validate_and_export_refuse_overflow(a4tje: Draft, tmp_path: Path, capsys) -> None:
    path = write_draft(tmp_path / "lang.json", _grow(a4tje, 7))
    assert cli_main(["validate", str(path)]) == 1
    assert "past niet op één pagina" in capsys.readouterr().out
    assert cli_main(["export", str(path), "-o", str(tmp_path / "lang.docx")]) == 1
    assert not (tmp_path / "lang.docx").exists()
    assert cli_main(["export", str(path), "-o", str(tmp_path / "lang.docx"), "--force"]) == 0
    assert (tmp_path / "lang.docx").is_file()


def test_page_fit_agrees_with_libreoffice_near_the_limit(soffice: str, tmp_path: Path) -> None:
    """About 20 seeded drafts within three lines of the limit: none accepted that overflows,
    and a draft that fits is rejected only within the safety margin."""
    items = near_limit_drafts(20, seed=7)
    assert all(abs(i.est_used - S.TEXT_HEIGHT) <= 3 * S.BODY_LINE for i in items)
    assert any(i.accepted for i in items) and any(not i.accepted for i in items)
    results = run_sweep(items, tmp_path / "sweep")
    figures = summarize(results)
    assert figures["overflowed_accepted"] == 0, figures
    for r in results:
        if r.fits and not r.item.accepted:
            # By the estimate within the margin, and by LibreOffice's own PDF under two lines.
            assert S.TEXT_HEIGHT - r.item.est_used <= SAFETY_MARGIN, r.item.name
            assert r.room_lines is not None and r.room_lines < 2, (r.item.name, r.room_lines)
    assert figures["rejected_with_room_2_lines"] == 0, figures
    assert figures["raw_estimate_agreement"] >= 0.9, figures


@pytest.mark.parametrize("bad", [None, 5, "tekst"])
def test_layout_check_tolerates_malformed_values(bad: object) -> None:
    draft = Draft(form="a4tje", values={"besluit": bad, "samenvatting": bad, "soort": bad})
    findings = validate(draft, layout=default_layout_check())
    assert not [f for f in findings if f.rule == "one_page"]
