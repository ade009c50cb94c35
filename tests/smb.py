"""The ``smb`` fixtures: a real SMB share (Samba on 127.0.0.1:445, mounted through smbnetfs/FUSE).

- ``smb_server`` (session): one server for the whole run, started on first use, always stopped
  and unmounted at the end, even when tests fail. Skipped locally without Samba, smbnetfs or FUSE;
  a failure under ``CI=true``. Port 445 taken is always a failure (never talk to another server).
- ``smb_folder``: a fresh empty folder on that share for one test.
- ``share_folder``: parametrized ``local`` / ``smb``: a fresh folder on a local disk or on the
  share, for tests that must hold on both. The ``smb`` case carries the ``smb`` marker
  (``pytest -m "not smb"`` leaves it out).

The server code lives in ``benchmarks/smbshare.py`` (the benchmarks use it too).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.smbshare import SmbError, SmbShare, SmbUnavailable, missing

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def smb_server() -> Iterator[SmbShare]:
    reason = missing()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"SMB-share niet mogelijk, maar CI=true: {reason}")
        pytest.skip(f"SMB-tests overgeslagen: {reason}")
    server = SmbShare()
    try:
        server.start()
    except (SmbError, SmbUnavailable) as exc:
        pytest.fail(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def smb_folder(smb_server: SmbShare, request: pytest.FixtureRequest) -> Path:
    if not smb_server.healthy():
        # An earlier test broke the mount (smbnetfs answers EIO after an xattr query, see
        # benchmarks/smbshare.py): that test has failed already; this one gets a fresh server.
        try:
            smb_server.restart()
        except (SmbError, SmbUnavailable) as exc:
            pytest.fail(str(exc))
    return smb_server.fresh(request.node.name)


@pytest.fixture(params=["local", pytest.param("smb", marks=pytest.mark.smb)])
def share_folder(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A fresh empty folder, on a local disk or on the SMB share."""
    if request.param == "smb":
        return Path(request.getfixturevalue("smb_folder"))
    folder = tmp_path / "share"
    folder.mkdir()
    return folder
