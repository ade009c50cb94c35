"""The secretariat's error: a Dutch message for the user and a precise detail for developers."""

from __future__ import annotations


class SecretariatError(Exception):
    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message
