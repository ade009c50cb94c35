"""Resolve a command's draft argument: a DRAFT.json path or a stored draft id.

Every command that uses a draft's values loads it here, moved to its form's current
version (``desktop.domain.draft.current_draft``): validate, export and submit see the
same values.
"""

from __future__ import annotations

from pathlib import Path

from desktop.cli.forms_cmd import load_formset
from desktop.cli.output import CliError
from desktop.domain.draft import Draft, DraftError, current_draft, load_draft_file


def is_file_arg(arg: str) -> bool:
    """Whether a draft argument names a file (else it is a stored draft id or prefix)."""
    return Path(arg).exists() or arg.lower().endswith(".json") or "/" in arg or "\\" in arg


def load_draft_arg(arg: str) -> Draft:
    """The draft a command names, upgraded to its form's current version."""
    return current_draft(load_raw_draft_arg(arg), load_formset())


def load_raw_draft_arg(arg: str) -> Draft:
    """The draft as written in the file or the store, without upgrading it."""
    if is_file_arg(arg):
        try:
            return load_draft_file(Path(arg))
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
