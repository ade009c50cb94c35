"""LibreOffice as the page authority: .docx to PDF headless, and counting pages.

One ``soffice`` call converts many files (its start-up is most of the cost), with
its own profile folder so that it never collides with a LibreOffice the user
has open, nor with another conversion running at the same time.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

_WINDOWS_CANDIDATES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


class RenderError(Exception):
    """LibreOffice is missing or did not produce the PDF; ``str()`` is Dutch."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


def find_soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if sys.platform == "win32":
        return next((p for p in _WINDOWS_CANDIDATES if Path(p).is_file()), None)
    return None


def soffice_to_pdf(
    docx_paths: list[Path],
    out_dir: Path,
    *,
    profile_dir: Path | None = None,
    timeout: float = 180,
) -> list[Path]:
    """Convert the files to PDF in ``out_dir`` in one LibreOffice run; the PDFs in the same order."""
    if not docx_paths:
        return []
    out_dir = Path(out_dir)
    expected = [out_dir / (Path(p).stem + ".pdf") for p in docx_paths]
    if len(set(expected)) != len(expected):
        # LibreOffice names each PDF after its input: two equal names would overwrite.
        raise RenderError("Twee bestanden hebben dezelfde naam; hernoem er een.", f"duplicate stems in {docx_paths}")
    soffice = find_soffice()
    if soffice is None:
        raise RenderError(
            "LibreOffice is niet geïnstalleerd; een PDF maken kan daarom niet.", "soffice not on PATH"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    own_profile = profile_dir is None
    profile = Path(tempfile.mkdtemp(prefix="stukken-lo-")) if profile_dir is None else Path(profile_dir)
    for pdf in expected:
        pdf.unlink(missing_ok=True)
    cmd = [
        soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--convert-to", "pdf", "--outdir", str(out_dir),
        *[str(Path(p).resolve()) for p in docx_paths],
    ]
    try:
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=(os.name == "posix"),
        )
        try:
            _out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _kill(proc)
            raise RenderError(
                f"LibreOffice reageerde niet binnen {timeout:.0f} seconden.", f"timeout: {cmd[:6]}"
            ) from exc
    except OSError as exc:
        raise RenderError("LibreOffice kon niet worden gestart.", f"{type(exc).__name__}: {exc}") from exc
    finally:
        if own_profile:
            shutil.rmtree(profile, ignore_errors=True)
    missing = [p for p in expected if not p.is_file()]
    if missing:
        raise RenderError(
            f"LibreOffice maakte geen PDF van {len(missing)} bestand(en).",
            f"exit {proc.returncode}; missing {[m.name for m in missing]}; stderr: {err.strip()[-500:]}",
        )
    return expected


def _kill(proc: subprocess.Popen[str]) -> None:
    # Only the process group we started (soffice forks oosplash and soffice.bin).
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass
    proc.communicate()


def pdf_page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def pdf_text(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
