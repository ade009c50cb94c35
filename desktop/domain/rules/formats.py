"""Format rules: registratienummer/kenmerk and telephone numbers."""

from __future__ import annotations

from desktop.domain.rules import rule


@rule("registratienummer")
def check_registratienummer(ctx, fdef, value):  # type: ignore[no-untyped-def]
    return []  # TODO(issue 2): implement


@rule("telefoon")
def check_telefoon(ctx, fdef, value):  # type: ignore[no-untyped-def]
    return []  # TODO(issue 2): implement
