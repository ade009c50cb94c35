"""A real SMB share for tests and benchmarks: Samba's ``smbd`` on 127.0.0.1:445, mounted with FUSE.

    with SmbShare() as smb:
        folder = smb.fresh("test")      # a new folder, seen through the mount
        smb.backing_of(folder)          # the same folder in Samba's own (fast, local) directory

Everything lives in one temporary folder: the server's configuration, its pid, lock, state,
cache and private directories, the shared directory itself (``share/``) and the mount point
(``mnt/``). ``smbd`` runs in the foreground as our child (so we know exactly which process to
stop) and ``smbnetfs`` mounts every SMB server under ``mnt/<host>/<share>``. The share has a
random name and a sentinel file with random content: a mount that shows it is ours, never
another server's.

On this kind of mount hard links fail with EPERM, symbolic links with ENOSYS and FIFOs with
EPERM; attributes and listings may be cached by smbnetfs. Asking a file there for its extended
attributes (``os.listxattr``, which ``shutil.copy2``, ``copystat`` and ``copytree`` do when they
copy *from* the mount) fails with EIO and leaves that file, sometimes the whole share, failing
with EIO until smbnetfs is restarted: ``healthy()`` tells, ``restart()`` mends.

Used by ``tests/smb.py`` (the ``smb`` fixtures) and the ``*_smb`` benchmarks.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from types import TracebackType

HOST = "127.0.0.1"
PORT = 445
START_TIMEOUT_S = 30.0

SMB_CONF = """\
[global]
interfaces = {host}
bind interfaces only = yes
smb ports = {port}
disable netbios = yes
pid directory = {run}
lock directory = {run}
state directory = {run}
cache directory = {run}
private dir = {run}
ncalrpc dir = {run}/ncalrpc
log file = {run}/smbd.log
max log size = 1000
map to guest = Bad User
guest account = root
load printers = no
printing = bsd
printcap name = /dev/null
disable spoolss = yes

[{name}]
path = {share}
guest ok = yes
read only = no
force user = root
"""

SENTINEL = ".stukken-sentinel"
SMBNETFS_CONF = 'auth "guest" ""\nsmb_query_browsers false\n'


class SmbUnavailable(RuntimeError):
    """This machine cannot run the share (no Samba, no smbnetfs, no FUSE, not root)."""


class SmbError(RuntimeError):
    """The share could not be started or checked (for example port 445 is taken)."""


def _tool(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin:/usr/bin:/bin")


def _fusermount() -> str | None:
    return _tool("fusermount3") or _tool("fusermount")


def missing() -> str | None:
    """Why this machine cannot run the share, or None when it can."""
    lacking = [t for t in ("smbd", "smbnetfs") if _tool(t) is None]
    if _fusermount() is None:
        lacking.append("fusermount")
    if lacking:
        return f"niet geïnstalleerd: {', '.join(lacking)} (Debian: samba smbnetfs fuse3)"
    if not os.path.exists("/dev/fuse"):
        return "/dev/fuse ontbreekt (FUSE niet beschikbaar)"
    if os.geteuid() != 0:
        return "poort 445 en de gastaccount root vragen root-rechten"
    return None


def port_in_use(host: str = HOST, port: int = PORT) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return True
            raise
    return False


def _listening(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


class SmbShare:
    """One Samba server with one guest share, mounted through smbnetfs; ``stop()`` always cleans up."""

    def __init__(self, base: str | Path | None = None) -> None:
        """``base``: where the temporary folder goes (default the system's; the benchmarks use a
        RAM disk so building their fixtures is not bound by fsync on this machine's disk)."""
        self.name = "stukken" + secrets.token_hex(5)
        self.base = base
        self.tmp: Path | None = None
        self._smbd: subprocess.Popen[bytes] | None = None
        self._fuse: subprocess.Popen[bytes] | None = None

    # Paths (valid after start()).
    @property
    def backing(self) -> Path:
        """Samba's own directory of the share: fast local access, for building fixtures."""
        assert self.tmp is not None
        return self.tmp / "share"

    @property
    def mountpoint(self) -> Path:
        assert self.tmp is not None
        return self.tmp / "mnt"

    @property
    def root(self) -> Path:
        """The share as a client sees it: through SMB and FUSE."""
        return self.mountpoint / HOST / self.name

    def backing_of(self, path: Path) -> Path:
        """The backing path of a path under ``root``."""
        return self.backing / Path(path).relative_to(self.root)

    def fresh(self, label: str = "map") -> Path:
        """A new empty folder on the share (made through the mount)."""
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in label)[:60]
        folder = self.root / f"{safe}-{uuid.uuid4().hex[:8]}"
        folder.mkdir()
        return folder

    # Life cycle.
    def __enter__(self) -> SmbShare:
        self.start()
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def start(self) -> None:
        reason = missing()
        if reason is not None:
            raise SmbUnavailable(reason)
        if port_in_use():
            raise SmbError(
                f"poort {PORT} op {HOST} is al bezet: de SMB-tests starten hun eigen Samba en praten "
                f"nooit met een andere server. Zoek het proces met `ss -ltnp 'sport = :{PORT}'`.")
        self.tmp = Path(tempfile.mkdtemp(prefix="stukken-smb-", dir=self.base))
        try:
            self._start_smbd()
            self._mount()
            self._check_sentinel()
        except Exception as exc:
            log = self._log_tail()
            self.stop()
            raise SmbError(f"SMB-share starten mislukt: {exc}\n{log}") from exc
        except BaseException:
            self.stop()
            raise

    def _start_smbd(self) -> None:
        assert self.tmp is not None
        run = self.tmp / "run"
        (run / "ncalrpc").mkdir(parents=True)
        self.backing.mkdir()
        self.mountpoint.mkdir()
        conf = self.tmp / "smb.conf"
        conf.write_text(SMB_CONF.format(host=HOST, port=PORT, run=run, name=self.name,
                                        share=self.backing), encoding="utf-8")
        out = open(run / "smbd.out", "wb")  # noqa: SIM115 - kept open by the child
        with out:
            # Foreground, our own child, in a session of its own (not its own setsid) with its workers.
            self._smbd = subprocess.Popen([str(_tool("smbd")), "-s", str(conf), "-F", "--no-process-group"],
                                          stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                          start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _listening(HOST, PORT):
            if self._smbd.poll() is not None:
                raise SmbError(f"smbd stopte meteen (code {self._smbd.returncode})")
            if time.monotonic() > deadline:
                raise SmbError(f"smbd luistert na {START_TIMEOUT_S:.0f} s nog niet op {HOST}:{PORT}")
            time.sleep(0.05)

    def _mount(self) -> None:
        assert self.tmp is not None
        home = self.tmp / "home"
        (home / ".smb").mkdir(parents=True)
        conf = home / ".smb" / "smbnetfs.conf"
        conf.write_text(SMBNETFS_CONF, encoding="utf-8")
        conf.chmod(0o600)
        env = dict(os.environ, HOME=str(home))
        out = open(self.tmp / "run" / "smbnetfs.out", "wb")  # noqa: SIM115
        with out:
            self._fuse = subprocess.Popen(
                [str(_tool("smbnetfs")), str(self.mountpoint), "-f", "-o", "allow_other"],
                env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT_S
        while not os.path.ismount(self.mountpoint):
            if self._fuse.poll() is not None:
                raise SmbError(f"smbnetfs stopte meteen (code {self._fuse.returncode})")
            if time.monotonic() > deadline:
                raise SmbError("smbnetfs koppelde niet aan")
            time.sleep(0.05)

    def healthy(self) -> bool:
        """The sentinel reads back through the mount and a folder can be made there."""
        if self.tmp is None or not os.path.ismount(self.mountpoint):
            return False
        try:
            token = (self.backing / SENTINEL).read_text(encoding="utf-8")
            probe = self.root / f".probe-{uuid.uuid4().hex[:8]}"
            probe.mkdir()
            probe.rmdir()
            return (self.root / SENTINEL).read_text(encoding="utf-8") == token
        except OSError:
            return False

    def restart(self) -> None:
        """A fresh server and mount (new folder, new share name) after something broke them."""
        self.stop()
        self.name = "stukken" + secrets.token_hex(5)
        self.start()

    def _check_sentinel(self) -> None:
        token = secrets.token_hex(16)
        (self.backing / SENTINEL).write_text(token, encoding="utf-8")
        seen = self.root / SENTINEL
        deadline = time.monotonic() + START_TIMEOUT_S
        last: Exception | None = None
        while time.monotonic() < deadline:
            try:
                if seen.read_text(encoding="utf-8") == token:
                    return
                last = SmbError("de sentinel heeft een andere inhoud: dit is niet onze server")
            except OSError as exc:
                last = exc
            time.sleep(0.2)
        raise SmbError(f"de share {self.root} toont de sentinel niet: {last}")

    def _log_tail(self) -> str:
        if self.tmp is None:
            return ""
        parts = []
        for name in ("smbd.out", "smbd.log", "smbnetfs.out"):
            with contextlib.suppress(OSError):
                text = (self.tmp / "run" / name).read_text(encoding="utf-8", errors="replace")
                parts.append(f"--- {name}\n{text[-1500:]}")
        return "\n".join(parts)

    def stop(self) -> None:
        """Unmount, stop smbnetfs and our smbd, remove the temporary folder. Safe to call twice."""
        if self.tmp is not None and os.path.ismount(self.mountpoint):
            fm = _fusermount()
            for attempt in range(20):
                args = [str(fm), "-u" if attempt < 19 else "-uz", str(self.mountpoint)]
                if subprocess.run(args, capture_output=True).returncode == 0:
                    break
                time.sleep(0.25)  # busy: a process still has a file open there
        for proc in (self._fuse, self._smbd):
            if proc is None or proc.poll() is not None:
                continue
            # Each runs as its own process group (pgid = its pid), workers included. The group is
            # signalled only while the leader is not yet reaped, so the id cannot be someone else's.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        self._fuse = self._smbd = None
        if self.tmp is not None and not os.path.ismount(self.tmp / "mnt"):
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
