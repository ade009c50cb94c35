"""The engine's generic checks, partial re-checks, the layout interface and huge input."""

from __future__ import annotations

import pytest

from desktop.domain.draft import Draft
from desktop.domain.findings import Finding, Severity
from desktop.domain.forms import FormDef, FormSet
from desktop.domain.readability import readability, sentence_spans
from desktop.domain.validation import MAX_FIELD_CHARS, UnknownFormError, validate
from tests.domain.conftest import findings_for


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def test_required_fields(formset, a4tje) -> None:
    assert rules_of(findings_for(a4tje(steller=""), formset, "steller")) == ["required"]
    assert rules_of(findings_for(a4tje(steller="   "), formset, "steller")) == ["required"]
    assert findings_for(a4tje(kader=""), formset, "kader") == []  # optional


def test_secretariat_fields_are_never_required_of_the_steller(formset, raadsbrief) -> None:
    assert findings_for(raadsbrief(datum="", kenmerk=""), formset, "datum") == []


def test_geheim_needs_its_ground(formset, a4tje) -> None:
    draft = a4tje(classificatie="Geheim", geheim_grond="")
    [finding] = findings_for(draft, formset, "geheim_grond")
    assert finding.rule == "required" and finding.message == "Grond voor geheimhouding is verplicht."
    grounded = a4tje(classificatie="Geheim", geheim_grond="artikel 25 Gemeentewet, artikel 5.1 Woo")
    assert findings_for(grounded, formset, "geheim_grond") == []
    assert findings_for(a4tje(classificatie="Openbaar", geheim_grond=""), formset, "geheim_grond") == []


def test_raadscommissie_required_for_a_raadsvoorstel(formset, a4tje) -> None:
    assert rules_of(findings_for(a4tje(raadscommissie=""), formset, "raadscommissie")) == ["required"]
    college = a4tje(soort="collegevoorstel", raadscommissie="")
    assert findings_for(college, formset, "raadscommissie") == []


def test_one_line_and_max_chars(formset, a4tje) -> None:
    [line] = findings_for(a4tje(onderwerp="Koepelplan\nStadsbeheer"), formset, "onderwerp")
    assert line.rule == "one_line" and line.span == (10, 11)
    [long] = findings_for(a4tje(onderwerp="x" * 95), formset, "onderwerp")
    assert long.rule == "max_chars" and long.span == (90, 95) and long.is_error
    assert findings_for(a4tje(onderwerp="x" * 90), formset, "onderwerp") == []


def test_word_budget_is_a_warning(formset, a4tje) -> None:
    [finding] = findings_for(a4tje(financien="Geen " * 41), formset, "financien", "max_words")
    assert finding.severity is Severity.WARNING and "41 woorden" in finding.message
    assert finding.span == (200, 205)  # from the 41st word on
    long_point = "de nota " + "zeer " * 40 + "vast te stellen."
    [point] = findings_for(a4tje(besluit=[long_point]), formset, "besluit", "max_words")
    assert point.item == 0 and not point.is_error
    assert long_point[point.span[0]:] == "zeer zeer vast te stellen."


def test_choice_lists_and_dates(formset, a4tje, raadsbrief) -> None:
    [choice] = findings_for(a4tje(directie="Afdeling X"), formset, "directie")
    assert choice.rule == "choice" and "'Afdeling X'" in choice.message
    for good in ("2012-02-29", "29-02-2012", "29-2-2012"):  # ISO, and Dutch d-m-jjjj
        assert findings_for(raadsbrief(uw_brief_van=good), formset, "uw_brief_van") == []
    for bad in ("29-02-2011", "2011-02-29", "20120229", "morgen"):
        assert rules_of(findings_for(raadsbrief(uw_brief_van=bad), formset, "uw_brief_van")) == ["date"]


def test_messages_quote_long_values_short(formset, a4tje) -> None:
    [choice] = findings_for(a4tje(directie="y" * 10_000), formset, "directie")
    assert len(choice.message) < 120


def test_partial_validation_checks_only_the_named_fields(formset, a4tje) -> None:
    draft = a4tje(onderwerp="", steller="", extra_oud="bewaard")
    assert {f.field for f in validate(draft, formset, fields=["steller"])} == {"steller"}
    assert {f.field for f in validate(draft, formset)} == {"onderwerp", "steller", "extra_oud"}


def test_partial_validation_includes_dependent_fields(formset, a4tje) -> None:
    draft = a4tje(soort="raadsvoorstel", raadscommissie="", classificatie="Geheim", geheim_grond="")
    assert {f.field for f in validate(draft, formset, fields=["soort"])} == {"raadscommissie"}
    assert {f.field for f in validate(draft, formset, fields=["classificatie"])} == {"geheim_grond"}


def test_unknown_form(formset) -> None:
    with pytest.raises(UnknownFormError, match="Onbekend soort stuk 'memo'"):
        validate(Draft("memo", {}), formset)


class CountingLayout:
    """A real implementation of the LayoutCheck interface that says the page overflows."""

    def __init__(self) -> None:
        self.calls = 0

    def check(self, draft: Draft, form: FormDef, formset: FormSet) -> list[Finding]:
        self.calls += 1
        return [Finding("samenvatting", Severity.ERROR, "Past niet op één pagina.", rule="one_page")]


def test_layout_check_runs_for_one_page_forms_on_a_full_run(formset, a4tje, raadsbrief) -> None:
    layout = CountingLayout()
    assert rules_of(validate(a4tje(), formset, layout=layout)) == ["one_page"]
    validate(a4tje(), formset, layout=layout, fields=["onderwerp"])
    validate(raadsbrief(), formset, layout=layout)  # no page limit
    assert layout.calls == 1


def test_raadsbrief_length_warning(formset, raadsbrief) -> None:
    body = [{"type": "paragraph", "text": "Wij doen dit. " * 600}]
    found = [f for f in validate(raadsbrief(tekst=body), formset) if f.rule == "warn_words"]
    assert len(found) == 1 and found[0].field == "tekst" and not found[0].is_error


# --- huge input: a finding, and nothing quadratic -------------------------------------

FIVE_MB = "Een lange zin zonder einde " * 200_000


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("argumenten", FIVE_MB),
        ("onderwerp", FIVE_MB),
        ("besluit", [FIVE_MB + "vast te stellen."]),
        ("bijlagen", ["a.pdf", FIVE_MB]),
    ],
    ids=["text", "line", "points", "attachments"],
)
def test_five_megabyte_field_gives_a_finding(formset, a4tje, field: str, value: object) -> None:
    draft = a4tje(**{field: value})
    found = validate(draft, formset, fields=[field])
    assert rules_of(found) == ["too_long"]
    assert found[0].is_error and "veel te lang" in found[0].message
    assert rules_of([f for f in validate(draft, formset) if f.field == field]) == ["too_long"]


def test_five_megabyte_body_and_control_characters(formset, raadsbrief) -> None:
    body = [{"type": "paragraph", "text": "\x00" * 5_000_000}]
    assert rules_of(validate(raadsbrief(tekst=body), formset, fields=["tekst"])) == ["too_long"]


def test_rules_just_under_the_ceiling_finish(formset, a4tje, raadsbrief) -> None:
    text = ("ik organisatieontwikkelingsstrategie heroverweging financiële " * 4000)[: MAX_FIELD_CHARS - 10]
    found = findings_for(a4tje(argumenten=text), formset, "argumenten")
    assert "readability" in rules_of(found)
    body = [{"type": "paragraph", "text": text}]
    ik = findings_for(raadsbrief(tekst=body), formset, "tekst", "wij_niet_ik")
    assert len(ik) == 25  # capped
    point = findings_for(a4tje(besluit=[text]), formset, "besluit", "besluitpunten")
    assert point and point[0].item == 0


def test_readability_of_five_megabytes_finishes() -> None:
    result = readability(FIVE_MB)
    assert result.words == 1_000_000 and result.sentences == 1
    dotted = "a. " * 100_000  # every full stop a candidate sentence end
    assert len(sentence_spans(dotted)) == 100_000
