"""The besluit points: the ten examples of domain.md, endings, count, numbering."""

from __future__ import annotations

import pytest

from desktop.domain.besluit import intro_line, numbered_points, point_label, point_problems, roman
from tests.domain.conftest import findings_for

# (point, is_last, expected problem kinds) — the table in domain.md.
DOMAIN_EXAMPLES = [
    ("de nota Cultuurverandering vast te stellen;", False, []),
    ("kennis te nemen van de voortgangsrapportage;", False, []),
    ("in te stemmen met het Koepelplan;", False, []),
    ("een krediet van € 400.000 beschikbaar te stellen.", True, []),
    ("het college te verzoeken de raad voor 1 juli te informeren.", True, []),
    ("de nota vaststellen;", False, ["geen_te"]),
    ("Het college stelt de nota vast.", True, ["persoonsvorm"]),
    ("vaststelling van de nota;", False, ["zelfstandig"]),
    ("de begroting wordt vastgesteld;", False, ["lijdend"]),
    ("in te stemmen met het plan", False, ["einde"]),
]


@pytest.mark.parametrize(("point", "is_last", "kinds"), DOMAIN_EXAMPLES)
def test_domain_examples(point: str, is_last: bool, kinds: list[str]) -> None:
    assert [p.kind for p in point_problems(point, is_last)] == kinds


VALID_POINTS = [
    "de raad voor te stellen het bestemmingsplan vast te stellen;",
    "het college te machtigen de overeenkomst te ondertekenen;",
    "een bedrag van € 50.000 ten laste te brengen van de reserve Stadsbeheer;",
    "akkoord te gaan met de voorgestelde werkwijze;",
    "geen bezwaar te hebben tegen de aanvraag;",
    "de nota ter kennisname aan de raad toe te zenden;",
    "het besluit van 12 maart 2011 in te trekken;",
    "de wethouder te mandateren om namens het college te tekenen;",
    "te besluiten tot aankoop van het pand Grote Markt 1.",
]


@pytest.mark.parametrize("point", VALID_POINTS)
def test_more_valid_points(point: str) -> None:
    assert point_problems(point, is_last=point.endswith(".")) == []


@pytest.mark.parametrize(
    ("point", "kind"),
    [
        ("Het college besluit de nota vast te stellen;", "herhaling"),
        ("De raad besluit in te stemmen met het plan;", "herhaling"),
        ("wij stellen de nota vast;", "persoonsvorm"),
        ("de nota werd vastgesteld;", "lijdend"),
        ("de raad informeren;", "geen_te"),
        ("diverse zaken;", "geen_infinitief"),
    ],
)
def test_more_invalid_points(point: str, kind: str) -> None:
    assert [p.kind for p in point_problems(point, False)] == [kind]


def test_missing_ending_also_wrong_as_last_point() -> None:
    [problem] = point_problems("in te stemmen met het plan", is_last=True)
    assert problem.kind == "einde"
    assert "punt" in problem.message


def test_last_point_with_semicolon_and_middle_point_with_full_stop() -> None:
    assert [p.kind for p in point_problems("de nota vast te stellen;", is_last=True)] == ["einde"]
    assert [p.kind for p in point_problems("de nota vast te stellen.", is_last=False)] == ["einde"]


def test_spans_point_at_the_problem() -> None:
    text = "de nota vaststellen;"
    [problem] = point_problems(text, False)
    assert text[slice(*problem.span)] == "vaststellen"
    assert "vast te stellen" in problem.message
    text = "de begroting wordt vastgesteld;"
    [problem] = point_problems(text, False)
    assert text[slice(*problem.span)] == "wordt vastgesteld"
    text = "in te stemmen met het plan"
    [problem] = point_problems(text, False)
    assert problem.span == (len(text) - 1, len(text))


def test_inseparable_verb_gets_plain_te_hint() -> None:
    [problem] = point_problems("de raad informeren;", False)
    assert "'te informeren'" in problem.message


def test_empty_point() -> None:
    assert [p.kind for p in point_problems("   ", True)] == ["leeg"]


def test_rule_reports_item_and_span(formset, a4tje) -> None:
    draft = a4tje(besluit=["de nota vast te stellen;", "de nota vaststellen;", "kennis te nemen."])
    [finding] = findings_for(draft, formset, "besluit", "besluitpunten")
    assert finding.item == 1
    assert finding.is_error
    assert finding.message.startswith("Beslispunt 2:")
    assert draft.values["besluit"][1][slice(*finding.span)] == "vaststellen"


def test_rule_passes_the_fixture(formset, a4tje) -> None:
    assert findings_for(a4tje(), formset, "besluit") == []


def test_count_one_to_five(formset, a4tje) -> None:
    six = [f"punt {i} vast te stellen;" for i in range(5)] + ["het laatste vast te stellen."]
    [too_many] = findings_for(a4tje(besluit=six), formset, "besluit")
    assert too_many.rule == "max_items" and too_many.item == 5
    assert findings_for(a4tje(besluit=six[1:]), formset, "besluit") == []
    assert [f.rule for f in findings_for(a4tje(besluit=[]), formset, "besluit")] == ["required"]


def test_intro_line_by_soort() -> None:
    assert intro_line("collegevoorstel") == "Het college besluit:"
    assert intro_line("raadsvoorstel") == "De raad besluit:"


def test_roman_numerals() -> None:
    assert [roman(n) for n in (1, 2, 3, 4, 5, 9, 14, 40)] == [
        "I", "II", "III", "IV", "V", "IX", "XIV", "XL"
    ]
    assert point_label(2) == "III."
    assert numbered_points([" a te doen;", "b te doen."]) == ["I. a te doen;", "II. b te doen."]
    assert numbered_points([" a te doen."]) == ["a te doen."]  # one point is not numbered
    with pytest.raises(ValueError):
        roman(0)
