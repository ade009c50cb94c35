"""Spelling speed: the ``spelling`` rule over a 3000-word raadsbrief, with a cold cache.

``spelling_raadsbrief_3000_words`` runs the rule (word selection, OCR fragments, the
engine's cache and word lists, the findings) on a seeded 3000-word letter made from
the project's own Dutch texts, with the engine's word cache emptied before every
sample. The floor is Hunspell's ``spell()`` called directly on the same words (every
word the rule asks about, in order, repeats included) in the same run. Goal: at most
2x the floor. Suggestions are not part of it (Hunspell's ``suggest`` costs about 10 ms
a word); the details give their cost for the letter's flagged words separately.
"""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import Benchmark
from desktop.domain.spelling import MAX_FINDINGS_PER_FIELD

ROOT = Path(__file__).resolve().parent.parent
WORDS = 3000
_JSON_SOURCES = (
    "tests/fixtures/a4tje_full.json", "tests/fixtures/raadsbrief_full.json",
    "resources/samples/a4tje_voorbeeld.json", "resources/samples/raadsbrief_voorbeeld.json",
)
_FORMS = ("forms/a4tje.toml", "forms/raadsbrief.toml")
# A few misspellings, OCR noise and Groningen words, as in a real letter.
_NOISE = ("financiele", "coUegeprogramma", "v^j", "Stadjers", "GMT-lid", "rolvastheid", "onderwjis")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):  # block types and attachment names are not prose
        return [s for k, v in value.items() if k not in ("type", "bijlagen") for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _dutch_text() -> str:
    """The Dutch of our fixtures, samples and form help texts (no keys, no identifiers)."""
    import tomllib

    parts = [s for src in _JSON_SOURCES for s in _strings(json.loads((ROOT / src).read_text("utf-8"))["values"])]
    for src in _FORMS:
        form = tomllib.loads((ROOT / src).read_text("utf-8"))
        for section in form.get("sections", []):
            for field in section.get("fields", []):
                parts.append(field.get("help", ""))
    return " ".join(parts)


def letter_text(seed: int = 2012) -> list[dict[str, Any]]:
    """A raadsbrief body of ``WORDS`` words: paragraphs of sentences drawn from our texts."""
    text = _dutch_text()
    vocab = [w for w in re.findall(r"[^\W\d_][^\W_]*", text) if len(w) > 1 and not w.isupper()]
    rng = random.Random(seed)
    blocks: list[dict[str, Any]] = []
    count = 0
    while count < WORDS:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            n = min(rng.randint(6, 16), WORDS - count)
            if n <= 0:
                break
            words = [rng.choice(vocab) for _ in range(n)]
            if rng.random() < 0.05:
                words[rng.randrange(n)] = rng.choice(_NOISE)
            words[0] = words[0].capitalize()
            sentences.append(" ".join(words) + ".")
            count += n
        blocks.append({"type": "paragraph", "text": " ".join(sentences)})
    return blocks


class _Spelling:
    def __init__(self) -> None:
        self.ctx: Any = None
        self.fdef: Any = None
        self.value: list[dict[str, Any]] = []
        self.words: list[str] = []
        self.service: Any = None

    def setup(self) -> None:
        from desktop.domain.draft import Draft
        from desktop.domain.forms import load_forms
        from desktop.domain.spelling import words_to_check
        from desktop.domain.text import text_items
        from desktop.domain.validation import Context
        from desktop.export.spelling import SpellService

        formset = load_forms()
        form = formset.forms["raadsbrief"]
        self.value = letter_text()
        self.service = SpellService(personal=Path("/nonexistent/woordenlijst.txt"))
        draft = Draft(form="raadsbrief", values={"tekst": self.value}, form_version=form.version)
        self.ctx = Context(draft=draft, form=form, formset=formset, speller=self.service, suggestions=False)
        self.fdef = form.field("tekst")
        self.words = [w for _, t in text_items("body", self.value) for _, _, w in words_to_check(t)]

    def run(self) -> None:
        from desktop.domain.rules import get_rule

        self.service._cache.clear()  # cold: every distinct word goes to Hunspell again
        get_rule("spelling")(self.ctx, self.fdef, self.value)

    def floor(self) -> None:
        spell = self.service._hunspell.spell
        for word in self.words:
            spell(word)

    def details(self) -> dict[str, Any]:
        from desktop.domain.rules import get_rule

        self.service._cache.clear()
        findings = get_rule("spelling")(self.ctx, self.fdef, self.value)
        start = time.perf_counter()
        for f in findings:
            if not f.message.startswith("'v^j'"):
                self.service.suggest(self.value[f.item]["text"][slice(*f.span)])
        suggest_s = time.perf_counter() - start
        body = json.dumps(self.value, ensure_ascii=False)
        # The same check on each distinct word once: what a perfect word cache could reach.
        distinct = list(dict.fromkeys(self.words))
        spell = self.service._hunspell.spell
        samples = []
        for _ in range(7):
            start = time.perf_counter()
            for word in distinct:
                spell(word)
            samples.append(time.perf_counter() - start)
        self.service._cache.clear()
        start = time.perf_counter()
        get_rule("spelling")(self.ctx, self.fdef, self.value)
        rule_s = time.perf_counter() - start
        assert len(findings) < MAX_FINDINGS_PER_FIELD, "the rule stopped early: the figure would flatter it"
        return {
            "words_asked": len(self.words),
            "distinct_words": len(set(self.words)),
            "findings": len(findings),
            "letter_chars": len(body),
            "suggestions_for_all_findings_ms": round(suggest_s * 1000, 1),
            "ratio_to_distinct_words_floor": round(rule_s / sorted(samples)[3], 2),
        }


def benchmarks() -> list[Benchmark]:
    sp = _Spelling()
    return [
        Benchmark(
            name="spelling_raadsbrief_3000_words",
            run=sp.run,
            floor=sp.floor,
            goal=2.0,
            repeat=15,
            setup=sp.setup,
            details=sp.details,
        )
    ]
