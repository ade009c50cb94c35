"""Readability warnings: the Flesch-Douma score and the average sentence length.

Thresholds come from ``[leesbaarheid]`` in the configuration when set there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop.domain.findings import Finding, Severity
from desktop.domain.readability import longest_sentence, readability
from desktop.domain.rules import rule
from desktop.domain.text import text_items

if TYPE_CHECKING:
    from desktop.domain.forms import FieldDef
    from desktop.domain.validation import Context

MIN_SCORE = 45.0  # below: "moeilijk" or "zeer moeilijk"
MAX_SENTENCE_WORDS = 20.0  # plain-language advice is 10-15
MIN_WORDS = 25  # shorter texts are too small to judge


def _setting(ctx: Context, key: str, default: float) -> float:
    value = ctx.formset.config.sections.get("leesbaarheid", {}).get(key, default)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else default


@rule("readability")
def check_readability(ctx: Context, fdef: FieldDef, value: Any) -> list[Finding]:
    items = text_items(fdef.kind, value)
    if fdef.kind == "body":
        # Headings are not prose: counted as sentences they would flatter the average.
        items = [(i, t) for i, t in items if i is None or value[i].get("type") != "heading"]
    text = "\n".join(t for _, t in items)
    result = readability(text)
    if result.score is None or result.words < _setting(ctx, "min_woorden", MIN_WORDS):
        return []
    out: list[Finding] = []
    min_score = _setting(ctx, "min_score", MIN_SCORE)
    if result.score < min_score:
        out.append(
            Finding(
                fdef.id,
                Severity.WARNING,
                f"{fdef.label} is {result.band_label} te lezen (Flesch-Douma {result.score:.0f}; "
                f"streef naar {min_score:.0f} of meer). Kies kortere zinnen en kortere woorden.",
                rule="readability",
            )
        )
    max_len = _setting(ctx, "max_zinslengte", MAX_SENTENCE_WORDS)
    if result.words_per_sentence > max_len:
        span: tuple[int, int] | None = None
        where: int | None = None
        best = 0
        for item, item_text in items:
            found = longest_sentence(item_text)
            if found and found[1] > best:
                (span, best), where = found, item
        out.append(
            Finding(
                fdef.id,
                Severity.WARNING,
                f"De zinnen in {fdef.label} tellen gemiddeld {result.words_per_sentence:.0f} woorden; "
                f"houd ze onder {max_len:.0f} (10 tot 15 leest het best). De langste is onderstreept.",
                span=span,
                item=where,
                rule="readability",
            )
        )
    return out
