"""Registratienummer/kenmerk and telephone formats."""

from __future__ import annotations

import pytest

from desktop.domain.numbering import (
    Registratienummer,
    format_registratienummer,
    parse_registratienummer,
)
from tests.domain.conftest import findings_for


def test_format_and_parse_round_trip() -> None:
    assert format_registratienummer("BD", 2012, 3224639) == "BD 12.3224639"
    assert format_registratienummer("SOZA", 12, 42) == "SOZA 12.0000042"
    assert parse_registratienummer(" BD 12.3224639 ") == Registratienummer("BD", 12, 3224639)
    assert str(Registratienummer("DIA", 9, 1)) == "DIA 09.0000001"


@pytest.mark.parametrize(
    "text", ["bd 12.3224639", "BD 2012.3224639", "BD 12.322463", "BD12.3224639", "ABCDE 12.3224639", ""]
)
def test_parse_rejects(text: str) -> None:
    assert parse_registratienummer(text) is None


@pytest.mark.parametrize(("code", "year", "seq"), [("bd", 12, 1), ("BD", -1, 1), ("BD", 12, 10**7)])
def test_format_rejects(code: str, year: int, seq: int) -> None:
    with pytest.raises(ValueError):
        format_registratienummer(code, year, seq)


def test_registratienummer_rule(formset, a4tje, raadsbrief) -> None:
    assert findings_for(a4tje(registratienummer=""), formset, "registratienummer") == []
    assert findings_for(a4tje(registratienummer="BD 12.3224639"), formset, "registratienummer") == []
    # An unknown format is a warning for the steller, never an error.
    [bad] = findings_for(a4tje(registratienummer="BD 12-3224639"), formset, "registratienummer")
    assert not bad.is_error and bad.rule == "registratienummer" and bad.span == (0, 13)
    assert "BD 12.3224639" in bad.message and "436495-2021" in bad.message
    [kenmerk] = findings_for(raadsbrief(kenmerk=" bd 12.3224639"), formset, "kenmerk")
    assert not kenmerk.is_error and kenmerk.span == (1, 14)


@pytest.mark.parametrize("value", ["436495-2021", "BD 12.3224639", " 1234567-2019 "])
def test_real_kenmerk_formats_are_accepted(formset, raadsbrief, value: str) -> None:
    # 436495-2021: Ons kenmerk of a Groningen raadsbrief of 15-9-2021 (woonvorm Hoofdweg Harkstede),
    # https://5dok.net/document/y96rd7mj-woonvorm-hoofdweg-harkstede-gn-wensen-bedenkingen-pdf-pdf.html
    assert findings_for(raadsbrief(kenmerk=value), formset, "kenmerk") == []


def test_kenmerk_formats_come_from_the_site_configuration(tmp_path, raadsbrief) -> None:
    from desktop.domain.forms import load_forms

    site = tmp_path / "site"
    site.mkdir()
    (site / "config.toml").write_text(
        '[[kenmerkformaten]]\nnaam = "Haren"\npatroon = \'HA/\\d{4}/\\d{3,5}\'\nvoorbeeld = "HA/2018/123"\n',
        encoding="utf-8",
    )
    formset = load_forms(site=site)
    assert findings_for(raadsbrief(kenmerk="HA/2018/4567"), formset, "kenmerk") == []
    # The site list replaces the default list; the secretariat's own format stays accepted.
    assert findings_for(raadsbrief(kenmerk="BD 12.3224639"), formset, "kenmerk") == []
    [warn] = findings_for(raadsbrief(kenmerk="436495-2021"), formset, "kenmerk")
    assert not warn.is_error and "HA/2018/123" in warn.message


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('naam = "x"\npatroon = "(["\nvoorbeeld = "a"', "geen geldige reguliere expressie"),
        ('naam = "x"\npatroon = "\\\\d+"\nvoorbeeld = "abc"', "past niet bij het patroon"),
        ('naam = "x"\npatroon = "\\\\d+"', "'voorbeeld' nodig"),
    ],
)
def test_bad_kenmerk_format_names_the_file(tmp_path, entry: str, message: str) -> None:
    from desktop.domain.forms import FormError, load_forms

    site = tmp_path / "site"
    site.mkdir()
    (site / "config.toml").write_text(f"[[kenmerkformaten]]\n{entry}\n", encoding="utf-8")
    with pytest.raises(FormError) as info:
        load_forms(site=site)
    assert message in str(info.value) and "config.toml" in str(info.value)


def test_registratienummer_unknown_directie_code_is_a_warning(formset, a4tje) -> None:
    [warn] = findings_for(a4tje(registratienummer="XY 12.3224639"), formset, "registratienummer")
    assert not warn.is_error and warn.span == (0, 2)


# The notations of issue 15 and of real letters: no finding at all.
@pytest.mark.parametrize(
    "value",
    [
        "1234", " 4321 ", "8889", "(050) 367 88 89", "(050) 367 8889", "(050) 367 1234", "050-3678889",
        "050 367 88 89", "14 050", "14050", "06-12345678", "06 1234 5678", "+31 50 367 8889",
        "+31 (0)50 367 88 89", "(0598) 12 34 56", "0598-123456", "0800-1234", "",
    ],
)
def test_telefoon_valid(formset, a4tje, value: str) -> None:
    assert findings_for(a4tje(telefoon=value), formset, "telefoon") == []


@pytest.mark.parametrize(
    ("value", "suggestion"),
    [
        ("0503678889", "(050) 367 88 89"),
        ("0612345678", "06 1234 5678"),
        ("0598123456", "(0598) 12 34 56"),
        ("+31503678889", "+31 50 367 88 89"),
        ("05036 78889", "(050) 367 88 89"),
    ],
)
def test_telefoon_area_code_not_apart_gets_house_style(formset, a4tje, value: str, suggestion: str) -> None:
    [warn] = findings_for(a4tje(telefoon=value), formset, "telefoon")
    assert not warn.is_error
    assert suggestion in warn.message


@pytest.mark.parametrize("value", ["123", "12345", "telefoon", "(050) 367 12", "050-367888899"])
def test_telefoon_invalid(formset, a4tje, value: str) -> None:
    [bad] = findings_for(a4tje(telefoon=value), formset, "telefoon")
    assert bad.is_error and bad.rule == "telefoon"
