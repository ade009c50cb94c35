"""Raadsbrief rules: the fixed salutation and the college writing as 'wij'."""

from __future__ import annotations

from desktop.domain.rules import rule


@rule("aanhef")
def check_aanhef(ctx, fdef, value):  # type: ignore[no-untyped-def]
    return []  # TODO(issue 2): implement


@rule("wij_niet_ik")
def check_wij_niet_ik(ctx, fdef, value):  # type: ignore[no-untyped-def]
    return []  # TODO(issue 2): implement
