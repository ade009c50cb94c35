"""The besluit points: count, te-infinitive clause, ';' and '.' endings."""

from __future__ import annotations

from desktop.domain.rules import rule


@rule("besluitpunten")
def check_besluitpunten(ctx, fdef, value):  # type: ignore[no-untyped-def]
    return []  # TODO(issue 2): implement
