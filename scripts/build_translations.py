"""Compile resources/translations/*.ts to .qm with pyside6-lrelease (ships with PySide6-Essentials).

The .qm files are committed, so neither the application nor CI needs this step; run it after
editing a .ts. ``--check`` compiles to a temporary folder and fails when a committed .qm is stale.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "resources" / "translations"


def lrelease() -> str:
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    import PySide6

    return str(Path(PySide6.__file__).parent / "lrelease")


def compile_ts(ts: Path, qm: Path) -> None:
    subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for ts in sorted(FOLDER.glob("*.ts")):
            qm = ts.with_suffix(".qm")
            out = Path(tmp) / qm.name if check else qm
            compile_ts(ts, out)
            if check and (not qm.exists() or qm.read_bytes() != out.read_bytes()):
                stale.append(qm.name)
    if stale:
        print(f"Verouderd: {', '.join(stale)}; voer 'python scripts/build_translations.py' uit.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
