"""Dutch syllables, sentences, the Flesch-Douma formula and the readability rule."""

from __future__ import annotations

import pytest

from desktop.domain.readability import (
    band,
    flesch_douma,
    longest_sentence,
    readability,
    sentence_spans,
    syllables,
)
from tests.domain.conftest import findings_for


def test_hand_check_from_domain_md() -> None:
    result = readability("De raad stelt de begroting vast.")
    assert (result.words, result.sentences, result.syllables) == (6, 1, 8)
    assert result.score == 98.6
    assert result.band_label == "makkelijk"


def test_formula_against_the_measured_college_text() -> None:
    assert round(flesch_douma(11.33, 2.03), 1) == 40.0
    assert band(40.0) == "moeilijk"


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("begroting", 3),
        ("financiële", 5),  # fi-nan-ci-ë-le: the diaeresis breaks the vowel group
        ("geïnformeerd", 4),
        ("ideeën", 3),
        ("uitvoeren", 3),
        ("eeuwen", 2),
        ("nieuwe", 2),
        ("groeien", 2),
        ("bijeenkomst", 3),
        ("materiaal", 4),
        ("collegevoorstel", 5),
        ("Cultuurverandering", 6),
        ("participatie", 5),
        ("één", 1),
        ("GMT", 1),
        ("400.000", 1),
    ],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


@pytest.mark.parametrize(
    ("score", "label"),
    [(0, "zeer moeilijk"), (29.9, "zeer moeilijk"), (30, "moeilijk"), (44.9, "moeilijk"),
     (45, "vrij moeilijk"), (60, "normaal"), (70, "makkelijk"), (120, "makkelijk"), (-5, "zeer moeilijk")],
)
def test_bands(score: float, label: str) -> None:
    assert band(score) == label


def test_sentence_splitter_keeps_abbreviations_initials_and_heading_numbers() -> None:
    text = (
        "Dat zegt drs. M.A. Ruys o.a. in zijn brief! J. de Vries schreef het op 1 juli. "
        "Het kost € 400.000 per jaar?\n1. Samenvatting\nzonder punt"
    )
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    assert sentences == [
        "Dat zegt drs. M.A. Ruys o.a. in zijn brief!",
        "J. de Vries schreef het op 1 juli.",
        "Het kost € 400.000 per jaar?",
        "1. Samenvatting",
        "zonder punt",
    ]


def test_empty_text_has_no_score() -> None:
    result = readability("  ... \n ")
    assert result.score is None and result.words == 0 and result.band_label == ""


def test_longest_sentence() -> None:
    text = "Kort. Deze zin is duidelijk wat langer dan de eerste. Ook kort."
    span, words = longest_sentence(text) or ((0, 0), 0)
    assert text[slice(*span)] == "Deze zin is duidelijk wat langer dan de eerste."
    assert words == 9


HARD = (
    "De implementatie van de organisatieontwikkelingsstrategie vereist een integrale "
    "heroverweging van de bedrijfsvoeringsprocessen binnen de gemeentelijke organisatie, "
    "waarbij de verantwoordelijkheidsverdeling tussen de verschillende organisatieonderdelen "
    "nadrukkelijk wordt geformaliseerd en geoperationaliseerd. "
    "Daarnaast is intensivering van de communicatieactiviteiten richting bewoners, "
    "ondernemers en maatschappelijke partners noodzakelijk."
)
EASY = (
    "Wij maken de stad schoon. Wij doen dat elke week. Bewoners melden vuil via de app. "
    "Een ploeg haalt het dan op. Dat werkt goed. Wij gaan zo door."
)


def test_rule_warns_on_a_hard_text_with_long_sentences(formset, a4tje) -> None:
    found = findings_for(a4tje(argumenten=HARD), formset, "argumenten", "readability")
    assert len(found) == 2 and all(not f.is_error for f in found)
    score, length = found
    assert "moeilijk" in score.message and "Flesch-Douma" in score.message
    assert HARD[slice(*length.span)].startswith("De implementatie")
    assert HARD[slice(*length.span)].endswith("geoperationaliseerd.")


def test_rule_is_quiet_on_plain_text(formset, a4tje) -> None:
    assert readability(EASY).words >= 25
    assert findings_for(a4tje(argumenten=EASY), formset, "argumenten", "readability") == []


def test_rule_does_not_judge_short_text(formset, a4tje) -> None:
    short = "De organisatieontwikkelingsstrategie vereist heroverweging."
    assert findings_for(a4tje(argumenten=short), formset, "argumenten", "readability") == []


def test_rule_on_body_points_into_the_block(formset, raadsbrief) -> None:
    body = [{"type": "heading", "text": "1. Inleiding"}, {"type": "paragraph", "text": HARD}]
    found = findings_for(raadsbrief(tekst=body), formset, "tekst", "readability")
    length = next(f for f in found if f.span)
    assert length.item == 1
    assert HARD[slice(*length.span)].startswith("De implementatie")


def test_thresholds_from_configuration(tmp_path, repo, a4tje) -> None:
    from desktop.domain.forms import load_forms

    site = tmp_path / "site"
    site.mkdir()
    (site / "config.toml").write_text("[leesbaarheid]\nmin_score = -1000\nmax_zinslengte = 100\n", "utf-8")
    relaxed = load_forms(site=site)
    assert findings_for(a4tje(argumenten=HARD), relaxed, "argumenten", "readability") == []
