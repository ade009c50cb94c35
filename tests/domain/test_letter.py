"""Raadsbrief rules: the salutation and 'ik'."""

from __future__ import annotations

from desktop.domain.validation import validate
from tests.domain.conftest import findings_for


def test_aanhef_exact(formset, raadsbrief) -> None:
    assert findings_for(raadsbrief(aanhef="Geachte heer, mevrouw,"), formset, "aanhef") == []
    [bad] = findings_for(raadsbrief(aanhef="Beste raadsleden,"), formset, "aanhef")
    assert bad.is_error and bad.rule == "aanhef" and bad.span == (0, 17)
    [no_comma] = findings_for(raadsbrief(aanhef="Geachte heer, mevrouw"), formset, "aanhef")
    assert no_comma.rule == "aanhef"


def test_ik_in_body_is_a_warning_with_span(formset, raadsbrief) -> None:
    body = [
        {"type": "heading", "text": "1. Samenvatting"},
        {"type": "paragraph", "text": "Hierbij informeer ik u. Ik denk dat het werkt; kijk, ikzelf niet."},
    ]
    found = findings_for(raadsbrief(tekst=body), formset, "tekst", "wij_niet_ik")
    assert [(f.item, f.span) for f in found] == [(1, (18, 20)), (1, (24, 26))]
    assert all(not f.is_error for f in found)
    text = body[1]["text"]
    assert [text[slice(*f.span)] for f in found] == ["ik", "Ik"]


def test_ik_in_lists_and_appendices(formset, raadsbrief) -> None:
    body = [{"type": "bullets", "items": ["wij doen dit;", "ik doe dat."]}]
    [f] = findings_for(raadsbrief(tekst=body), formset, "tekst", "wij_niet_ik")
    assert f.item == 0 and f.span == (14, 16)  # the items joined by new lines
    apps = [{"title": "Toelichting", "body": [{"type": "paragraph", "text": "Zoals ik schreef."}]}]
    [a] = findings_for(raadsbrief(appendices=apps), formset, "appendices", "wij_niet_ik")
    assert a.item == 0 and a.span == (18, 20)


def test_wij_is_fine(formset, raadsbrief) -> None:
    assert findings_for(raadsbrief(), formset, "tekst", "wij_niet_ik") == []


def test_ik_is_not_checked_in_an_a4tje(formset, a4tje) -> None:
    findings = validate(a4tje(samenvatting="Ik stel voor de nota vast te stellen."), formset)
    assert not [f for f in findings if f.rule == "wij_niet_ik"]
