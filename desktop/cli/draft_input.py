"""Resolve a command's draft argument: a DRAFT.json path or a stored draft id."""

from __future__ import annotations

from pathlib import Path

from desktop.cli.output import CliError
from desktop.domain.draft import Draft, DraftError, load_draft_file


def load_draft_arg(arg: str) -> Draft:
    path = Path(arg)
    if path.exists() or arg.lower().endswith(".json") or "/" in arg or "\\" in arg:
        try:
            return load_draft_file(path)
        except DraftError as exc:
            raise CliError(str(exc), exc.detail, 2) from exc
    # Imported here: `--help` must not load the database layer
    # (test_help_does_not_import_the_database_layer).
    from desktop.storage.service import StorageError, UnknownDraftError, load_draft_by_id

    try:
        return load_draft_by_id(arg)
    except UnknownDraftError as exc:
        raise CliError(
            f"'{arg}' is geen bestand en geen opgeslagen concept.", exc.detail, 2
        ) from exc
    except StorageError as exc:
        raise CliError(str(exc), exc.detail, 2) from exc
