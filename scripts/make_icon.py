"""Draw the application icon (an A4 page with a check mark) into resources/icons/.

    python scripts/make_icon.py

Writes ``stukken.png`` (256 px, the window icon) and ``stukken.ico`` (16-256 px, the
Windows executable's icon, used by build/stukken.spec). Drawn with QPainter, so the
icon is reproducible from source and needs no image editor.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def draw(size: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    page = QRectF(48 * s, 16 * s, 160 * s, 224 * s)
    fold = 44 * s
    path = QPainterPath()
    path.moveTo(page.left(), page.top())
    path.lineTo(page.right() - fold, page.top())
    path.lineTo(page.right(), page.top() + fold)
    path.lineTo(page.right(), page.bottom())
    path.lineTo(page.left(), page.bottom())
    path.closeSubpath()
    p.setPen(QPen(QColor(60, 60, 60), max(1.0, 6 * s)))
    p.setBrush(QColor(255, 255, 255))
    p.drawPath(path)
    p.setPen(QPen(QColor(150, 150, 150), max(1.0, 10 * s), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    if size >= 32:
        for i in range(4):
            y = page.top() + (70 + i * 28) * s
            p.drawLine(QPointF(page.left() + 22 * s, y), QPointF(page.right() - 30 * s, y))
    # The Groningen red and green: a red band on top, a green check mark.
    p.fillRect(QRectF(page.left() + 3 * s, page.top() + 3 * s, 100 * s, 30 * s), QColor(200, 16, 46))
    p.setPen(QPen(QColor(0, 132, 61), 26 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    check = QPainterPath()
    check.moveTo(100 * s, 180 * s)
    check.lineTo(135 * s, 212 * s)
    check.lineTo(225 * s, 118 * s)
    p.drawPath(check)
    p.end()
    return image


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts and plugins
    folder = REPO / "resources" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(folder / "stukken.png"))
    # Qt's ico writer stores one image per call; the largest is what Windows scales from.
    draw(256).save(str(folder / "stukken.ico"))
    print(folder)


if __name__ == "__main__":
    main()
