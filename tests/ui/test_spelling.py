"""Dutch spell checking with the shipped OpenTaal dictionary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.ui.spelling import DictionaryMissing, SpellChecker, SpellService, dictionary_dir


@pytest.fixture
def service(spell_service: SpellService) -> SpellService:
    return spell_service


def test_dictionary_and_licence_are_shipped() -> None:
    folder = dictionary_dir()
    assert (folder / "nl.aff").stat().st_size > 10_000
    assert (folder / "nl.dic").stat().st_size > 1_000_000
    assert "OpenTaal" in (folder / "LICENSE-OpenTaal.txt").read_text(encoding="utf-8")


def test_compounds_accepted_and_misspellings_flagged(service: SpellService) -> None:
    assert service.check("fietsenstallingsbeleid")
    assert service.check("gemeente")
    assert service.check("financiële")
    assert not service.check("financiele")
    assert "financiële" in service.suggest("financiele")


def test_personal_word_list_is_kept(service: SpellService, tmp_path: Path) -> None:
    assert not service.check("Stadbeheerplan2")
    personal = tmp_path / "mijn.txt"
    own = SpellService(personal=personal)
    assert not own.check("Koepelplanx")
    own.add_personal("Koepelplanx")
    assert own.check("Koepelplanx")
    assert SpellService(personal=personal).check("Koepelplanx")


def test_missing_dictionary_is_reported_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(DictionaryMissing) as info:
        SpellService(folder=tmp_path)
    assert "woordenboek ontbreekt" in str(info.value)


def test_editor_without_dictionary_still_works_and_says_so_once(qtbot: Any, tmp_path: Path) -> None:
    checker = SpellChecker()
    messages: list[str] = []
    checker.unavailable.connect(messages.append)
    import desktop.export.spelling as spelling

    original = spelling.dictionary_dir
    spelling.dictionary_dir = lambda: tmp_path  # type: ignore[assignment]
    try:
        checker.load_async()
        qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    finally:
        spelling.dictionary_dir = original  # type: ignore[assignment]
    assert len(messages) == 1 and "woordenboek" in messages[0]
    assert not checker.is_misspelled("financiele")


def test_misspelled_word_gets_a_red_wavy_underline(qtbot: Any, open_editor: Any, service: SpellService) -> None:
    from desktop.domain.draft import new_draft
    from desktop.domain.forms import default_formset
    from desktop.ui.editor.highlight import SPELL_COLOR
    from tests.ui.test_bad_input import _underlined

    checker = SpellChecker(service)
    editor = open_editor(new_draft(default_formset().get("a4tje")), spell=checker)
    edit = editor.view.rows["financien"].widget.edit
    qtbot.keyClicks(edit, "De financiele gevolgen voor het fietsenstallingsbeleid.")
    start = edit.toPlainText().index("financiele")
    qtbot.waitUntil(lambda: (start, start + len("financiele")) in _underlined(edit, SPELL_COLOR), timeout=10_000)
    assert _underlined(edit, SPELL_COLOR) == [(start, start + len("financiele"))]
    # Suggestions come from the same service; adding the word removes the underline.
    assert "financiële" in checker.suggestions("financiele")
    checker.add_word("financiele")
    qtbot.waitUntil(lambda: not _underlined(edit, SPELL_COLOR), timeout=10_000)


def test_domain_words_are_accepted(service: SpellService) -> None:
    for word in ("A4tje", "raadsbrief", "raadsbrieven", "portefeuillehouder", "hamerstuk", "Eén"):
        assert service.check(word), word


def test_words_with_digits_and_numbers(qtbot: Any, service: SpellService) -> None:
    from PySide6.QtGui import QTextDocument

    from desktop.ui.editor.highlight import MarkHighlighter

    checker = SpellChecker(service)
    highlighter = MarkHighlighter(QTextDocument(), checker)
    text = "Het A4tje van 2012 kost € 400.000 en de financiele raadsbrief BD 12.3224639."
    highlighter.misspelled_spans(text)  # queues the unknown words
    qtbot.waitUntil(lambda: all(service.cached(w) is not None for w in ("Het", "A4tje", "financiele")), timeout=10_000)
    assert [w for _, _, w in highlighter.misspelled_spans(text)] == ["financiele"]
    # Inner capitals are checked (OCR noise), scan fragments always marked, GMT skipped.
    noisy = "Het coUegeprogramma v^j het GMT en de Stadjers."
    highlighter.misspelled_spans(noisy)
    qtbot.waitUntil(lambda: service.cached("coUegeprogramma") is not None, timeout=10_000)
    assert [w for _, _, w in highlighter.misspelled_spans(noisy)] == ["coUegeprogramma", "v^j"]
