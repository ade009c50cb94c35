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
    [bad] = findings_for(a4tje(registratienummer="BD 12-3224639"), formset, "registratienummer")
    assert bad.is_error and bad.rule == "registratienummer" and bad.span == (0, 13)
    [kenmerk] = findings_for(raadsbrief(kenmerk="bd 12.3224639"), formset, "kenmerk")
    assert kenmerk.is_error and "hoofdletters" in kenmerk.message


def test_registratienummer_unknown_directie_code_is_a_warning(formset, a4tje) -> None:
    [warn] = findings_for(a4tje(registratienummer="XY 12.3224639"), formset, "registratienummer")
    assert not warn.is_error and warn.span == (0, 2)


@pytest.mark.parametrize("value", ["1234", "(050) 367 1234", " 4321 ", "(0598) 12 34 56", ""])
def test_telefoon_valid(formset, a4tje, value: str) -> None:
    assert findings_for(a4tje(telefoon=value), formset, "telefoon") == []


def test_telefoon_other_layout_gets_suggestion(formset, a4tje) -> None:
    [warn] = findings_for(a4tje(telefoon="050-3671234"), formset, "telefoon")
    assert not warn.is_error
    assert "(050) 367 1234" in warn.message


@pytest.mark.parametrize("value", ["123", "12345", "telefoon", "(050) 367 12"])
def test_telefoon_invalid(formset, a4tje, value: str) -> None:
    [bad] = findings_for(a4tje(telefoon=value), formset, "telefoon")
    assert bad.is_error and bad.rule == "telefoon"
