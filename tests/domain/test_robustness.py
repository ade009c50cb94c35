"""Random drafts: validation never raises, and every span lies inside the text it names."""

from __future__ import annotations

import random
from typing import Any

from desktop.domain.draft import Draft
from desktop.domain.text import text_items
from desktop.domain.validation import validate

ALPHABET = "aeiou bcdklmnst.;,:!?ëï€\n\t\x00\x0b\ud800IiKk0123456789-'"
WORDS = ["de", "nota", "vast", "te", "stellen", "ik", "wordt", "Het", "college", "stelt", "BD", "12.3224639"]


def random_text(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 40))) + rng.choice(["", ".", ";"])
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 120)))


def random_value(rng: random.Random, depth: int = 0) -> Any:
    pick = rng.randint(0, 9)
    if pick <= 3:
        return random_text(rng)
    if pick == 4:
        return rng.choice([None, 0, 1.5, True, {}, []])
    if pick == 5 and depth < 2:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 6))]
    if pick == 6:
        return [random_text(rng) for _ in range(rng.randint(0, 7))]
    if pick == 7:
        kind = rng.choice(["paragraph", "heading", "bullets", "numbered", "tabel"])
        if kind in ("bullets", "numbered"):
            return [{"type": kind, "items": [random_text(rng) for _ in range(rng.randint(0, 4))]}]
        return [{"type": kind, "text": random_text(rng)}]
    if pick == 8:
        return [{"title": random_text(rng), "body": [{"type": "paragraph", "text": random_text(rng)}]}]
    return rng.choice(["collegevoorstel", "raadsvoorstel", "Geheim", "Openbaar", "2012-02-29", "1234"])


def test_random_drafts_validate_with_sound_spans(formset) -> None:
    rng = random.Random(20120101)
    checked = 0
    for form in formset.forms.values():
        kinds = {f.id: f.kind for f in form.fields}
        ids = list(kinds) + ["vervallen_a", "vervallen_b"]
        for _ in range(300):
            values = {fid: random_value(rng) for fid in ids if rng.random() < 0.8}
            draft = Draft(form.id, values, form_version=rng.choice([None, 1, 2]))
            for finding in validate(draft, formset):
                assert finding.message and finding.field
                if finding.span is None:
                    continue
                items = dict(text_items(kinds[finding.field], values[finding.field]))
                text = items[finding.item]
                start, end = finding.span
                assert 0 <= start <= end <= len(text), (finding, text)
                checked += 1
    assert checked > 100  # the invariant was exercised
