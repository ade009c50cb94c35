"""The one error type of the share layer: a Dutch ``str()`` for users, ``detail`` for developers.

``ShareError`` is an ``OSError`` (callers that guard file access with ``except OSError``
hold) and keeps the ``errno`` of the failure. Its few subclasses say *which* failure,
so that callers can branch without parsing text; each is still a ``ShareError``:

- ``NotFound`` (also a ``FileNotFoundError``): the path does not exist (any more);
- ``AlreadyExists`` (also a ``FileExistsError``): an exclusive name is taken;
- ``TooLarge``: a read went over its size limit;
- ``ShareTimeout`` (also a ``TimeoutError``): the share did not answer in time.
"""

from __future__ import annotations

import errno

# Windows ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION.
SHARING_WINERRORS = frozenset({32, 33})

# ``reason``: a short Dutch word for the state of the share, shown in status lines.
UNREACHABLE = "onbereikbaar"
READ_ONLY = "alleen-lezen"
BUSY = "bezet door een ander programma"
HANGS = "hangt"


class ShareError(OSError):
    """The share could not be read or written. ``str()`` is Dutch, ``detail`` for developers."""

    def __init__(self, message: str, detail: str = "", reason: str = UNREACHABLE, code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message
        self.reason = reason
        if code is not None:
            self.errno = code

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[object, ...]:  # picklable across processes
        return (type(self), (self.message, self.detail, self.reason, self.errno))


class NotFound(ShareError, FileNotFoundError):
    pass


class AlreadyExists(ShareError, FileExistsError):
    pass


class TooLarge(ShareError):
    pass


class ShareTimeout(ShareError, TimeoutError):
    pass


def is_sharing_violation(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and getattr(exc, "winerror", None) in SHARING_WINERRORS


def reason_of(exc: OSError) -> str:
    """A short Dutch reason for an operating-system error."""
    if isinstance(exc, ShareError):
        return exc.reason
    if is_sharing_violation(exc):
        return BUSY
    if isinstance(exc, FileNotFoundError) or exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return UNREACHABLE
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return READ_ONLY
    return UNREACHABLE


def from_os_error(exc: OSError, what: str) -> ShareError:
    """The share's error for ``exc`` raised while doing ``what`` (a Dutch phrase naming the path)."""
    if isinstance(exc, ShareError):
        return exc
    detail = f"{type(exc).__name__}: {exc}"
    reason = reason_of(exc)
    what = what[:1].upper() + what[1:]
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return NotFound(f"{what}: bestaat niet (meer).", detail, reason, exc.errno)
    if isinstance(exc, FileExistsError):
        return AlreadyExists(f"{what}: bestaat al.", detail, reason, exc.errno)
    if exc.errno == errno.EFBIG:
        return TooLarge(f"{what}: te groot.", detail, reason, exc.errno)
    if reason == BUSY:
        return ShareError(f"{what}: het bestand is bezet door een ander programma.", detail, reason, exc.errno)
    if reason == READ_ONLY:
        return ShareError(f"{what}: geen schrijfrechten (alleen-lezen).", detail, reason, exc.errno)
    return ShareError(f"{what}: de gedeelde map is niet bereikbaar.", detail, reason, exc.errno)
