"""The spelling engine below the UI: word choice, OCR fragments, Groningen words, the rule."""

from __future__ import annotations

import pytest

from desktop.domain.draft import Draft
from desktop.domain.forms import load_forms
from desktop.domain.spelling import misspelled, words_to_check
from desktop.domain.validation import validate
from desktop.export.spelling import SpellService


@pytest.fixture
def service(spell_service: SpellService) -> SpellService:
    return spell_service


def test_words_chosen_for_checking() -> None:
    text = "Het GMT en BD 12.3224639: coUegeprogramma, A4tje, e-dienstverlening, x en 2012."
    assert [w for *_, w in words_to_check(text)] == ["Het", "en", "coUegeprogramma", "e-dienstverlening", "en"]


def test_groningen_words_accepted_and_noise_caught(service: SpellService) -> None:
    for word in ("Stadjers", "ontkokerd", "rolvastheid", "vakdirecteuren", "GMT-lid", "e-dienstverlening",
                 "StadBeheer", "raadsbrief"):
        assert service.check(word), word
    text = "Het coUegeprogramma v^j de Stadjers is finacieel gezond."
    found = [w for *_, w in misspelled(text, service)]
    assert found == ["coUegeprogramma", "v^j", "finacieel"]


def test_rule_gives_spans_items_and_suggestions(service: SpellService) -> None:
    formset = load_forms()
    form = formset.forms["raadsbrief"]
    body = [{"type": "heading", "text": "1. Financiele gevolgen"},
            {"type": "paragraph", "text": "Wij informeren de Stadjers."},
            {"type": "bullets", "items": ["goed", "het coUegeprogramma"]}]
    draft = Draft(form="raadsbrief", values={"tekst": body}, form_version=form.version)
    found = [f for f in validate(draft, formset, fields=["tekst"], speller=service) if f.rule == "spelling"]
    # A list block is one item: its lines joined by "\\n" (as every rule sees it).
    assert [(f.item, f.span) for f in found] == [(0, (3, 13)), (2, (9, 24))]
    assert "Financiële" in found[0].suggestions
    assert found[1].suggestions[0] == "collegeprogramma"
    assert found[1].to_json()["suggestions"][0] == "collegeprogramma"
    # Without a speller (the editor) the rule is silent; without suggestions it is fast.
    assert not [f for f in validate(draft, formset, fields=["tekst"]) if f.rule == "spelling"]
    quick = validate(draft, formset, fields=["tekst"], speller=service, suggestions=False)
    assert [f.suggestions for f in quick if f.rule == "spelling"] == [(), ()]


def test_findings_per_field_are_capped(service: SpellService) -> None:
    formset = load_forms()
    form = formset.forms["a4tje"]
    draft = Draft(form="a4tje", values={"argumenten": " ".join(f"qzx{i}q" for i in range(500))},
                  form_version=form.version)
    found = validate(draft, formset, fields=["argumenten"], speller=service, suggestions=False)
    assert len([f for f in found if f.rule == "spelling"]) == 0  # codes with digits are not words
    draft.values["argumenten"] = " ".join("qzxq" + "abcdefghij"[i % 10] * (i % 7 + 1) for i in range(500))
    found = validate(draft, formset, fields=["argumenten"], speller=service, suggestions=False)
    assert len([f for f in found if f.rule == "spelling"]) == 50
