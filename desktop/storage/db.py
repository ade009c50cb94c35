"""Opening the SQLite file: connection settings, faults explained, corrupt files moved aside.

Every connection gets, on connect (see docs/storage.md for why):
``busy_timeout`` (wait for another writer instead of failing at once),
``foreign_keys=ON`` (revisions and status events go with their draft),
``journal_mode=WAL`` (readers never block the writer and vice versa) and
``synchronous=FULL`` (a commit is on disk before it is reported as done).

The driver's own transaction handling is switched off (``isolation_level=None``) and
SQLAlchemy's "begin" emits BEGIN itself, so that DDL is transactional and a writer
can ask for ``BEGIN IMMEDIATE`` (take the write lock first, wait in busy_timeout,
never fail half-way on a stale read snapshot).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.storage.errors import StorageError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

DB_NAME = "stukken.sqlite"
DEFAULT_BUSY_TIMEOUT = 10.0

# sqlite3 primary result codes (extended code & 0xFF).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26

_checked: set[str] = set()
_checked_lock = threading.Lock()


def default_db_path() -> Path:
    from desktop.config.paths import data_dir

    return data_dir() / DB_NAME


def make_engine(path: Path, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        connect_args={"timeout": busy_timeout, "isolation_level": None, "check_same_thread": False},
    )
    busy_ms = int(busy_timeout * 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {busy_ms}")
            cur.execute("PRAGMA foreign_keys = ON")
            mode = _enable_wal(cur, busy_timeout)
            cur.execute("PRAGMA synchronous = FULL")
        finally:
            cur.close()
        if str(mode).lower() != "wal":
            raise StorageError(
                "De database kan niet in de veilige schrijfmodus (WAL) worden geopend.",
                f"journal_mode is {mode!r} for {path}",
            )

    @event.listens_for(engine, "begin")
    def _on_begin(conn: object) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")  # type: ignore[attr-defined]
        conn.exec_driver_sql(f"BEGIN {mode}")  # type: ignore[attr-defined]

    return engine


def _enable_wal(cur: sqlite3.Cursor, busy_timeout: float) -> str:
    """Switch to WAL, waiting while another connection creates or converts the file.

    SQLite answers a journal-mode change it cannot make at once with SQLITE_BUSY without
    calling the busy handler, so two instances starting together need this retry.
    """
    import time

    deadline = time.monotonic() + busy_timeout
    delay = 0.005
    while True:
        try:
            return str(cur.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() + delay > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    if isinstance(exc, sqlite3.Error):
        return exc
    orig = getattr(exc, "orig", None)
    return orig if isinstance(orig, sqlite3.Error) else None


def _code(err: sqlite3.Error) -> int:
    code = getattr(err, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(err).lower()
    if "locked" in text:
        return SQLITE_BUSY
    if "readonly" in text:
        return SQLITE_READONLY
    if "not a database" in text:
        return SQLITE_NOTADB
    if "malformed" in text:
        return SQLITE_CORRUPT
    return -1


def is_corruption(exc: BaseException) -> bool:
    err = _sqlite_error(exc)
    return err is not None and _code(err) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def translate(exc: BaseException, path: Path) -> StorageError:
    """A Dutch explanation of a database or file-system fault."""
    if isinstance(exc, StorageError):
        return exc
    err = _sqlite_error(exc)
    # The driver's own error, not SQLAlchemy's wrapper (which repeats SQL and draft text).
    detail = f"{type(err or exc).__name__}: {err or exc} ({path})"
    if err is None:
        if isinstance(exc, OSError):
            return StorageError(
                f"De map '{path.parent}' kan niet worden gebruikt: {exc.strerror or exc}.", detail
            )
        return StorageError("De conceptenopslag gaf een onverwachte fout.", detail)
    code = _code(err)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StorageError(
            "De conceptenopslag is bezet door een ander programma, misschien Stukken in een "
            "ander venster. Er is gewacht, maar het bleef bezet. Sluit het andere venster en "
            "probeer het opnieuw.",
            detail,
        )
    if code == SQLITE_READONLY:
        return StorageError(
            f"De gegevensmap '{path.parent}' of het bestand '{path.name}' is alleen-lezen. "
            "Kies een map waarin u mag schrijven (--data-dir) of vraag de beheerder om rechten.",
            detail,
        )
    if code == SQLITE_CANTOPEN:
        return StorageError(
            f"Het databasebestand '{path}' kan niet worden geopend of aangemaakt. Controleer "
            "of de map bestaat en of u er mag schrijven.",
            detail,
        )
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return StorageError(
            "De database is beschadigd. Start Stukken opnieuw: het beschadigde bestand wordt "
            "dan apart gezet en er wordt een nieuwe database begonnen.",
            detail,
        )
    if code == SQLITE_FULL:
        return StorageError("De schijf is vol; het concept is niet opgeslagen.", detail)
    if code == SQLITE_IOERR:
        return StorageError(
            "Lezen of schrijven op de schijf mislukte; het concept is mogelijk niet opgeslagen.",
            detail,
        )
    return StorageError("De conceptenopslag gaf een onverwachte databasefout.", detail)


@contextlib.contextmanager
def guard(path: Path) -> Iterator[None]:
    """Turn database and file-system errors into a StorageError with a Dutch message."""
    try:
        yield
    except StorageError:
        raise
    except (sqlite3.Error, OSError) as exc:
        _forget_if_corrupt(exc, path)
        raise translate(exc, path) from exc
    except Exception as exc:
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, DBAPIError):
            _forget_if_corrupt(exc, path)
            raise translate(exc, path) from exc
        raise


def _forget_if_corrupt(exc: BaseException, path: Path) -> None:
    # The next store opened on this file, even in this process, checks it again
    # (and moves it aside), instead of trusting the check made at start-up.
    if is_corruption(exc):
        with _checked_lock:
            _checked.discard(str(path.resolve()))


def prepare_folder(path: Path) -> None:
    """The data folder exists and takes new files (SQLite's WAL needs two beside the database)."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"De gegevensmap '{folder}' kan niet worden aangemaakt ({exc.strerror or exc}). "
            "Kies met --data-dir een map waarin u mag schrijven.",
            f"{type(exc).__name__}: {exc}",
        ) from exc
    if not folder.is_dir():
        raise StorageError(
            f"'{folder}' is geen map; de concepten kunnen daar niet worden bewaard.",
            f"not a directory: {folder}",
        )
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".stukken-schrijftest-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise StorageError(
            f"In de gegevensmap '{folder}' kan niet worden geschreven (alleen-lezen?). "
            "Kies met --data-dir een map waarin u mag schrijven, of vraag de beheerder om rechten.",
            f"{type(exc).__name__}: {exc}",
        ) from exc
    if path.exists() and not path.is_file():
        raise StorageError(
            f"'{path}' is geen databasebestand maar een map of iets anders.",
            f"not a regular file: {path}",
        )


def check_file(path: Path, busy_timeout: float) -> Path | None:
    """Check the file once per process; a corrupt one is moved aside (returns where to)."""
    key = str(path.resolve())
    with _checked_lock:
        if key in _checked:
            return None
    if not path.exists() or path.stat().st_size == 0:
        with _checked_lock:
            _checked.add(key)
        return None
    try:
        conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if not is_corruption(exc):
            raise translate(exc, path) from exc
        rows = [(f"{type(exc).__name__}: {exc}",)]
    if rows == [("ok",)]:
        with _checked_lock:
            _checked.add(key)
        return None
    return move_aside(path)


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL) with a timestamp; never overwrite anything."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = path.with_name(f"{path.name}.beschadigd-{stamp}")
    target, n = base, 2
    while any(Path(f"{target}{s}").exists() for s in ("", "-wal", "-shm")):
        target, n = Path(f"{base}-{n}"), n + 1
    # The WAL first: a stale WAL left beside a fresh database could be replayed into it.
    for suffix in ("-wal", "-shm", ""):
        src = Path(f"{path}{suffix}")
        if src.exists():
            try:
                os.rename(src, f"{target}{suffix}")
            except OSError as exc:
                raise StorageError(
                    f"De database '{path}' is beschadigd en kan niet apart worden gezet "
                    f"({exc.strerror or exc}). Verplaats het bestand zelf en start opnieuw.",
                    f"{type(exc).__name__}: {exc}",
                ) from exc
    return target


def corrupt_notice(moved_to: Path) -> str:
    return (
        f"Het databasebestand was beschadigd en is apart gezet als '{moved_to.name}' "
        f"(in {moved_to.parent}); er is een nieuwe, lege database begonnen. "
        "Het oude bestand blijft bewaard. Heeft u een back-up, zet die dan terug met 'restore'."
    )
