"""Spelling warnings: unknown words and OCR fragments, with the dictionary's suggestions.

The dictionary arrives through ``Context.speller`` (``desktop.domain.spelling.Speller``);
without one (the editor, which underlines as you type) the rule reports nothing.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from desktop.domain.findings import Finding, Severity
from desktop.domain.rules import rule
from desktop.domain.spelling import MAX_FINDINGS_PER_FIELD, is_fragment, misspelled, ocr_candidates
from desktop.domain.text import text_items

if TYPE_CHECKING:
    from desktop.domain.forms import FieldDef
    from desktop.domain.validation import Context

SHOWN_SUGGESTIONS = 3
# Hunspell's suggest costs 10-300 ms a word; past this much time per field the remaining
# findings come without suggestions, so a letter full of names never stalls `validate`.
SUGGEST_SECONDS = 1.0


@rule("spelling")
def check_spelling(ctx: Context, fdef: FieldDef, value: Any) -> list[Finding]:
    speller = ctx.speller
    if speller is None:
        return []
    out: list[Finding] = []
    memo: dict[str, bool] = {}
    deadline = time.monotonic() + SUGGEST_SECONDS
    for item, text in text_items(fdef.kind, value):
        for start, end, word in misspelled(text, speller, memo):
            if is_fragment(word):
                # Hunspell's guesses for scan noise are noise too ("v^j" -> "Vj"): none.
                suggestions: list[str] = []
                message = f"'{word}' lijkt een lees- of tikfout (bijvoorbeeld uit een scan)."
            else:
                # OCR look-alikes cost a few checks; Hunspell's suggest is the slow part.
                suggestions = ocr_candidates(word, speller) if ctx.suggestions else []
                if ctx.suggestions and time.monotonic() < deadline:
                    suggestions += [s for s in speller.suggest(word) if s not in suggestions]
                message = f"'{word}' staat niet in het woordenboek."
            if suggestions:
                message += f" Bedoelt u: {', '.join(suggestions[:SHOWN_SUGGESTIONS])}?"
            out.append(
                Finding(
                    fdef.id, Severity.WARNING, message, span=(start, end), item=item, rule="spelling",
                    suggestions=tuple(suggestions),
                )
            )
            if len(out) >= MAX_FINDINGS_PER_FIELD:
                return out
    return out
