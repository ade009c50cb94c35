"""The document model painted onto pages: what print and print preview show.

The same model (``export.model.build_model``) the .docx is written from, laid out with
the same fonts, widths and exact line heights as the page fit (``export.pagefit``), on
the house style's A4 page: margins, the classificatie header, "Pagina X van Y" in the
footer, besluit points numbered I., II., ..., bullets and numbered lists with their
hanging indents. Units are twips (a painter window of the page in twips), no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor, QPainter, QTextLayout, QTextOption

from desktop.domain.besluit import roman
from desktop.export import style as S
from desktop.export.model import DocModel, FieldTable, Para, Signatures
from desktop.export.pagefit import PageFitEstimator, ensure_gui_app

BODY_BOTTOM = S.MARGIN_TOP + S.TEXT_HEIGHT


@dataclass(slots=True)
class Run:
    """One line (or a list label) at a place on a page: x and the top of its line, in twips."""

    style: str
    text: str
    x: int
    top: int


def list_label(st: S.ParaStyle, counters: dict[str, int], key: str | None) -> str:
    """"I." / "1." / "•" before a list paragraph; ``counters`` holds the count per list."""
    if st.numbering == "bullet":
        return "\u2022"
    if st.numbering is None:
        return ""
    counters[key or st.style_id] = counters.get(key or st.style_id, 0) + 1
    n = counters[key or st.style_id]
    return f"{roman(n)}." if st.numbering == "besluit" else f"{n}."


class PageLayout:
    """Lays a model out into pages of runs."""

    def __init__(self, estimator: PageFitEstimator | None = None) -> None:
        ensure_gui_app()
        self.fit = estimator or PageFitEstimator()
        self.pages: list[list[Run]] = [[]]
        self.y = S.MARGIN_TOP

    def lines(self, style: str, text: str, width: int) -> list[str]:
        st = S.PARA_STYLES[style]
        out: list[str] = []
        for segment in text.split("\n"):
            shown = segment.replace("/", "/\u2060")  # as the page fit: no break after a slash in a word
            layout = QTextLayout(shown, self.fit._font(st))
            option = QTextOption()
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            option.setTabStopDistance(S.DEFAULT_TAB_STOP)
            layout.setTextOption(option)
            layout.beginLayout()
            parts = []
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                parts.append(shown[line.textStart(): line.textStart() + line.textLength()].replace("\u2060", ""))
            layout.endLayout()
            out.extend(p.rstrip() for p in parts or [""])
        return out or [""]

    def _room(self, height: int) -> None:
        if self.y + height > BODY_BOTTOM and self.pages[-1]:
            self.pages.append([])
            self.y = S.MARGIN_TOP

    def para(self, para: Para, counters: dict[str, int]) -> None:
        st = S.PARA_STYLES[para.style]
        if st.page_break_before and self.pages[-1]:
            self.pages.append([])
            self.y = S.MARGIN_TOP
        self.y += st.before
        label = list_label(st, counters, para.list_key)
        x = S.MARGIN_LEFT + st.indent_left
        for i, text in enumerate(self.lines(para.style, para.text, S.TEXT_WIDTH - st.indent_left)):
            self._room(st.line)
            if i == 0 and label:
                self.pages[-1].append(Run(para.style, label, S.MARGIN_LEFT + st.indent_left - st.hanging, self.y))
            if text:
                self.pages[-1].append(Run(para.style, text, x, self.y))
            self.y += st.line
        self.y += st.after

    def table(self, table: FieldTable) -> None:
        margins = S.CELL_MARGIN_LEFT + S.CELL_MARGIN_RIGHT
        starts = [S.MARGIN_LEFT + sum(S.TABLE_COLUMNS[:i]) for i in range(len(S.TABLE_COLUMNS))]
        for row in table.rows:
            cells = []
            for i, (label, value) in enumerate(row):
                col = i * 2
                span = 3 if len(row) == 1 else 1
                value_width = sum(S.TABLE_COLUMNS[col + 1: col + 1 + span]) - margins
                cells.append(("KopveldLabel", self.lines("KopveldLabel", label, S.TABLE_COLUMNS[col] - margins),
                              starts[col] + S.CELL_MARGIN_LEFT))
                cells.append(("KopveldWaarde", self.lines("KopveldWaarde", value, value_width),
                              starts[col + 1] + S.CELL_MARGIN_LEFT))
            height = max(len(lines) * S.PARA_STYLES[style].line for style, lines, _x in cells)
            self._room(height)
            for style, lines, x in cells:
                line_height = S.PARA_STYLES[style].line
                for n, text in enumerate(lines):
                    if text:
                        self.pages[-1].append(Run(style, text, x, self.y + n * line_height))
            self.y += height

    def _signature_cells(self, block: Signatures) -> tuple[int, list[list[str]]]:
        width = S.TEXT_WIDTH // len(block.cells)
        margins = S.CELL_MARGIN_LEFT + S.CELL_MARGIN_RIGHT
        cells = [self.lines("Handtekening", text, width - margins) for text in block.cells]
        return width, cells

    def _signatures_height(self, block: Signatures) -> int:
        st = S.PARA_STYLES["Handtekening"]
        return st.before + max(len(lines) for lines in self._signature_cells(block)[1]) * st.line + st.after

    def signatures(self, block: Signatures) -> None:
        """As the .docx: the cells side by side in one row that never splits over two pages."""
        st = S.PARA_STYLES["Handtekening"]
        width, cells = self._signature_cells(block)
        self._room(self._signatures_height(block))
        top = self.y + st.before
        for i, lines in enumerate(cells):
            x = S.MARGIN_LEFT + i * width + S.CELL_MARGIN_LEFT
            for n, text in enumerate(lines):
                if text:
                    self.pages[-1].append(Run("Handtekening", text, x, top + n * st.line))
        self.y = top + max(len(lines) for lines in cells) * st.line + st.after

    def _para_height(self, para: Para) -> int:
        st = S.PARA_STYLES[para.style]
        return st.before + len(self.lines(para.style, para.text, S.TEXT_WIDTH - st.indent_left)) * st.line + st.after

    def layout(self, model: DocModel) -> list[list[Run]]:
        counters: dict[str, int] = {}
        blocks = model.blocks
        for i, block in enumerate(blocks):
            if isinstance(block, FieldTable):
                self.table(block)
            elif isinstance(block, Para):
                following = blocks[i + 1] if i + 1 < len(blocks) else None
                if block.keep_next and isinstance(following, Signatures):
                    # The letter's last paragraph stays with the signatures (keep-with-next).
                    self._room(self._para_height(block) + self._signatures_height(following))
                self.para(block, counters)
            elif isinstance(block, Signatures):
                self.signatures(block)
        return self.pages


def paint(model: DocModel, device: Any, estimator: PageFitEstimator | None = None) -> int:
    """Paint the model on a QPrinter or QPdfWriter set to A4 portrait; returns the page count."""
    painter = QPainter(device)
    try:
        return paint_pages(model, device, painter, estimator)
    finally:
        painter.end()


def paint_pages(model: DocModel, device: Any, painter: Any, estimator: PageFitEstimator | None = None,
                new_page_first: bool = False) -> int:
    """Paint with a painter already on ``device`` (a print job of several documents).

    ``new_page_first`` starts on a new page (after another document's pages)."""
    layout = PageLayout(estimator)
    pages = layout.layout(model)
    for number, runs in enumerate(pages, start=1):
        if number > 1 or new_page_first:
            device.newPage()
        painter.save()
        page = device.pageLayout()
        full = page.fullRectPixels(device.resolution())
        paint_rect = page.paintRectPixels(device.resolution())
        painter.setViewport(QRect(-paint_rect.left(), -paint_rect.top(), full.width(), full.height()))
        painter.setWindow(0, 0, S.PAGE_WIDTH, S.PAGE_HEIGHT)
        extra = []
        if model.header:
            extra.append(Run("Classificatie", model.header, S.MARGIN_LEFT, S.HEADER_DISTANCE))
        if model.page_numbers:
            footer_top = S.PAGE_HEIGHT - S.FOOTER_DISTANCE - S.PARA_STYLES["Footer"].line
            extra.append(Run("Footer", f"Pagina {number} van {len(pages)}", S.MARGIN_LEFT, footer_top))
        for run in extra + runs:
            st = S.PARA_STYLES[run.style]
            painter.setFont(layout.fit._font(st))
            painter.setPen(QColor(f"#{st.color}") if st.color else QColor("black"))
            # The baseline in an exact line: the font's ascent centred like LibreOffice does.
            size = st.size_pt * S.TWIPS_PER_PT
            baseline = run.top + (st.line - size * 1.15) / 2 + size * 0.905
            painter.drawText(QPointF(run.x, baseline), run.text)
        painter.restore()
    return len(pages)
