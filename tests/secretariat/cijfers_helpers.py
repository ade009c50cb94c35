"""Shared by the meetmoment tests and the cijfers_year benchmark: an injectable clock and
stukken with known text (so Flesch-Douma and the word counts can be computed by hand)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TZ = timezone(timedelta(hours=1))
SENTENCE = "De raad stelt de begroting vast."  # 6 words, 8 syllables (domain brief)
GOOD_POINT = "de begroting vast te stellen."  # 5 words, 8 syllables
LONG = 15  # sentences in a samenvatting that is over its budget of 80 words (90): a warning


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def at(self, text: str) -> Clock:
        """``"2027-01-04 09:00"`` in the test's time zone."""
        self.now = datetime.fromisoformat(text).replace(tzinfo=TZ)
        return self


def known_a4tje(directie: str = "StadBeheer", port: str = "Wethouder Visscher", long: bool = False,
                onderwerp: str = "Begroting") -> Any:
    from desktop.domain.draft import Draft

    data = json.loads((REPO / "tests" / "fixtures" / "a4tje_full.json").read_text(encoding="utf-8"))
    values = data["values"]
    values.update(onderwerp=onderwerp, directie=directie, portefeuillehouder=port, besluit=[GOOD_POINT],
                  soort="collegevoorstel", raadscommissie="")
    for f in ("samenvatting", "aanleiding", "argumenten", "financien"):
        values[f] = SENTENCE
    for f in ("kader", "participatie", "vervolg"):
        values[f] = ""
    if long:
        values["samenvatting"] = " ".join([SENTENCE] * LONG)
    return Draft.from_json(data)
