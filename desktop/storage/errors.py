"""The one error the storage layer raises: Dutch for the user, precise for the developer."""

from __future__ import annotations


class StorageError(Exception):
    """A storage operation that could not be done. ``str()`` is Dutch; ``detail`` is for developers."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message

    def __str__(self) -> str:
        return self.message


class UnknownDraftError(StorageError):
    """No draft (or revision) with the given id exists."""
