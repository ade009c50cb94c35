"""The SMB share fixture itself: it is a real SMB mount of our own server, with SMB's limits."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from benchmarks.smbshare import SmbError, SmbShare

pytestmark = pytest.mark.smb


def test_the_folder_is_on_our_smb_mount(smb_server: SmbShare, smb_folder: Path) -> None:
    assert os.path.ismount(smb_server.mountpoint)
    assert smb_folder.parent == smb_server.root and list(smb_folder.iterdir()) == []
    (smb_folder / "a.txt").write_text("via SMB", encoding="utf-8")
    assert smb_server.backing_of(smb_folder / "a.txt").read_text(encoding="utf-8") == "via SMB"
    with open("/proc/mounts", encoding="utf-8") as mounts:
        kinds = [ln.split()[2] for ln in mounts if ln.split()[1] == str(smb_server.mountpoint)]
    assert kinds == ["fuse.smbnetfs"]


def test_smb_limits_that_the_product_must_live_with(smb_folder: Path) -> None:
    (smb_folder / "a").write_bytes(b"x")
    with pytest.raises(OSError) as link:
        os.link(smb_folder / "a", smb_folder / "b")
    assert link.value.errno == errno.EPERM
    with pytest.raises(OSError) as excl:
        os.open(smb_folder / "a", os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    assert excl.value.errno == errno.EEXIST
    with pytest.raises(OSError) as sym:
        os.symlink("a", smb_folder / "s")
    assert sym.value.errno == errno.ENOSYS


def test_a_second_server_refuses_a_taken_port(smb_server: SmbShare) -> None:
    other = SmbShare()
    with pytest.raises(SmbError, match="445"):
        other.start()
    assert other.tmp is None
    assert os.path.ismount(smb_server.mountpoint)  # ours is untouched
