"""Bad input in the editor: a 5 MB paste, control characters, emoji before a finding's span."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCharFormat

from desktop.domain.draft import new_draft
from desktop.domain.forms import default_formset
from desktop.ui.editor.textedit import MAX_PASTE_CHARS
from tests.ui.conftest import wait_idle


def _a4tje() -> Any:
    form = default_formset().get("a4tje")
    return new_draft(form)


def _paste(edit: Any, text: str = "", html: str = "") -> None:
    mime = QMimeData()
    if text:
        mime.setText(text)
    if html:
        mime.setHtml(html)
    edit.insertFromMimeData(mime)


def _underlined(edit: Any, severity_color: Any = None) -> list[tuple[int, int]]:
    """The (start, end) document positions that carry a wavy underline."""
    out = []
    block = edit.document().begin()
    while block.isValid():
        for r in block.layout().formats():
            wavy = r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
            if wavy and (severity_color is None or r.format.underlineColor() == severity_color):
                out.append((block.position() + r.start, block.position() + r.start + r.length))
        block = block.next()
    return out


def test_five_megabyte_paste_is_cut_and_typing_stays_fast(qtbot: Any, open_editor: Any) -> None:
    editor = open_editor(_a4tje())
    field = editor.view.rows["samenvatting"].widget
    messages: list[str] = []
    field.message.connect(messages.append)
    big = ("Dit is een zin van een geplakt rapport. " * 130_000)[: 5 * 1024 * 1024]
    started = time.perf_counter()
    _paste(field.edit, big)
    assert len(field.value()) == MAX_PASTE_CHARS
    assert messages and "te lang" in messages[0]
    qtbot.waitUntil(lambda: any(f.rule == "max_words" and f.field == "samenvatting" for f in editor.checker.findings), timeout=10_000)
    # A keystroke after the paste is still handled at once, not after seconds of layout.
    t = time.perf_counter()
    qtbot.keyClicks(field.edit, "x")
    assert time.perf_counter() - t < 1.0
    assert time.perf_counter() - started < 20


def test_huge_paste_into_a_line_field_is_capped(qtbot: Any, open_editor: Any) -> None:
    editor = open_editor(_a4tje())
    edit = editor.view.rows["onderwerp"].widget.edit
    edit.insert("x" * 5_000_000)
    assert len(edit.text()) == edit.maxLength() < 10_000
    wait_idle(qtbot, editor)
    assert any(f.rule == "max_chars" for f in editor.checker.findings)


def test_control_characters_give_a_warning_not_a_crash(qtbot: Any, open_editor: Any) -> None:
    editor = open_editor(_a4tje())
    edit = editor.view.rows["aanleiding"].widget.edit
    _paste(edit, "Uit een PDF\x00 geplakt\x07 met stuurtekens\x1b.")
    qtbot.waitUntil(
        lambda: any(f.rule == "control_chars" and f.field == "aanleiding" for f in editor.checker.findings),
        timeout=5000,
    )
    finding = next(f for f in editor.checker.findings if f.rule == "control_chars")
    assert not finding.is_error
    assert finding.span == (11, 12)


def test_underline_after_emoji_lands_on_the_right_characters(qtbot: Any, open_editor: Any) -> None:
    from desktop.ui.editor.highlight import WARNING_COLOR

    editor = open_editor(_a4tje())
    edit = editor.view.rows["aanleiding"].widget.edit
    text = "😀😀🇳🇱 Uit een PDF\x07 geplakt."
    edit.setPlainText(text)
    qtbot.waitUntil(lambda: any(f.rule == "control_chars" for f in editor.checker.findings), timeout=5000)
    wait_idle(qtbot, editor)
    bad = text.index("\x07")
    utf16 = len(text[:bad].encode("utf-16-le")) // 2
    assert (utf16, utf16 + 1) in _underlined(edit, WARNING_COLOR)
    # Jumping to it selects exactly the control character.
    editor.jump_to(next(f for f in editor.checker.findings if f.rule == "control_chars"))
    assert edit.textCursor().selectedText() == "\x07"


def test_paste_from_word_keeps_paragraphs_and_lists(qtbot: Any, open_editor: Any) -> None:
    form = default_formset().get("raadsbrief")
    editor = open_editor(new_draft(form))
    body = editor.view.rows["tekst"].widget
    html = (
        "<html><body><h2 style='font-family:Calibri'>1. Samenvatting</h2>"
        "<p class=MsoNormal><span style='color:red'>Wij informeren u.</span></p>"
        "<p class=MsoListParagraph>·&nbsp;&nbsp;de leden van het GMT;</p>"
        "<p class=MsoListParagraph>·&nbsp;&nbsp;de stellers.</p>"
        "<ol><li>april</li><li>augustus</li></ol></body></html>"
    )
    body.edit.setFocus()
    _paste(body.edit, "ignored", html)
    assert body.value() == [
        {"type": "heading", "text": "1. Samenvatting"},
        {"type": "paragraph", "text": "Wij informeren u."},
        {"type": "bullets", "items": ["de leden van het GMT;", "de stellers."]},
        {"type": "numbered", "items": ["april", "augustus"]},
    ]


def test_plain_text_paste_makes_lists_of_bullet_and_number_lines(qtbot: Any, open_editor: Any) -> None:
    form = default_formset().get("raadsbrief")
    editor = open_editor(new_draft(form))
    body = editor.view.rows["tekst"].widget
    _paste(body.edit, "1. Samenvatting\nEen alinea.\n- eerste\n- tweede\n1. een\n2. twee\n")
    assert body.value() == [
        {"type": "paragraph", "text": "1. Samenvatting"},
        {"type": "paragraph", "text": "Een alinea."},
        {"type": "bullets", "items": ["eerste", "tweede"]},
        {"type": "numbered", "items": ["een", "twee"]},
    ]


def test_body_round_trip_of_the_full_raadsbrief(qtbot: Any, open_editor: Any) -> None:
    from pathlib import Path

    from desktop.domain.draft import load_draft_file

    draft = load_draft_file(Path(__file__).parent.parent / "fixtures" / "raadsbrief_full.json")
    editor = open_editor(draft)
    assert editor.snapshot().values == draft.values


def test_five_megabyte_html_paste_into_the_body_is_cut(qtbot: Any, open_editor: Any) -> None:
    form = default_formset().get("raadsbrief")
    editor = open_editor(new_draft(form))
    body = editor.view.rows["tekst"].widget
    messages: list[str] = []
    body.message.connect(messages.append)
    paragraph = "Wij informeren u over de voortgang van het project in de binnenstad. "
    text = (paragraph * 80_000)[: 5 * 1024 * 1024]
    started = time.perf_counter()
    _paste(body.edit, text, "<p>" + text + "</p>")
    assert sum(len(t) for b in body.value() for t in [b.get("text", "")]) <= MAX_PASTE_CHARS
    assert messages and "te lang" in messages[0]
    assert time.perf_counter() - started < 10


def test_body_finding_underlines_the_word_in_its_block(qtbot: Any, open_editor: Any) -> None:
    from desktop.domain.draft import load_draft_file
    from desktop.ui.editor.highlight import WARNING_COLOR

    draft = load_draft_file(Path(__file__).parent.parent / "fixtures" / "raadsbrief_full.json")
    draft.values["tekst"][4]["items"][1] = "😀 ik vind de directies belangrijk;"
    editor = open_editor(draft)
    qtbot.waitUntil(lambda: any(f.rule == "wij_niet_ik" for f in editor.checker.findings), timeout=5000)
    finding = next(f for f in editor.checker.findings if f.rule == "wij_niet_ik")
    assert finding.item == 4
    edit = editor.view.rows["tekst"].widget.edit
    doc_text = edit.document().toPlainText()
    start = len(doc_text[: doc_text.index("ik vind")].encode("utf-16-le")) // 2
    assert (start, start + 2) in _underlined(edit, WARNING_COLOR)
    editor.jump_to(finding)
    assert edit.textCursor().selectedText() == "ik"
