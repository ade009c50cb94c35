"""The README's screenshot script renders a real, non-blank picture of the editor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[2]


def test_screenshot_script_makes_a_non_blank_image(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "screenshot.py"), str(out)],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    image = QImage(str(out))
    assert not image.isNull()
    assert image.width() >= 1000 and image.height() >= 700
    # Non-blank: many distinct colours across a grid of samples (text, frames, the red finding).
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert len(colours) > 50
    reds = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if (image.pixel(x, y) >> 16 & 0xFF) > 180 and (image.pixel(x, y) >> 8 & 0xFF) < 60
    )
    assert reds > 20, "the finding (red) should be visible"


def test_readme_shows_the_screenshot() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What it is", 1)[1]
    assert section.lstrip().startswith("![")
    assert "docs/screenshot.png" in section.split("\n\n", 2)[1] or "docs/screenshot.png" in section[:300]
    assert (REPO / "docs" / "screenshot.png").is_file()
