"""Readability warnings: Flesch-Douma and average sentence length."""

from __future__ import annotations

from desktop.domain.rules import rule


@rule("readability")
def check_readability(ctx, fdef, value):  # type: ignore[no-untyped-def]
    return []  # TODO(issue 2): implement
