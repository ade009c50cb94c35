"""Does an A4tje fit on one page? A layout estimate fast enough to run while typing.

It lays the same document model the .docx writer uses out with Qt's text layout
(``QTextLayout``, no widgets), in the shipped Liberation Sans (metric-compatible
with Arial) and the house style's page, margins and exact line heights. Fonts are
scaled so that one pixel is one twip, which keeps hinting and rounding out of it.
LibreOffice is the authority; ``docs/page-fit.md`` records how close this gets
and why the safety margin is what it is.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from desktop.domain.draft import Draft
from desktop.domain.findings import Finding, Severity
from desktop.domain.forms import FormDef, FormSet
from desktop.export import style as S
from desktop.export.model import DocModel, FieldTable, Para, Signatures, build_model

# Accepted drafts must render to one page: the estimate must leave this much room.
SAFETY_MARGIN = S.BODY_LINE  # twips: one body line (the documented maximum is two)
# Measure characters the layout font does not have (see ``_stand_ins``): a little wider
# than LibreOffice draws them, measured with the sweep's rendering of each kind.
STAND_IN = "W"  # 0.94 em
STAND_IN_EMOJI = "Wi"  # 1.16 em
STAND_IN_ARABIC = "o"  # 0.56 em
# Invisible characters take no room in LibreOffice: measured as nothing (a zero-width
# no-break for those that forbid a break there), never as a missing glyph's stand-in.
# A non-breaking hyphen is a hyphen that does not break.
_INVISIBLE = {
    0xFEFF: "\u2060", 0x2060: "\u2060", 0x200B: "\u200b", 0x200C: "", 0x200D: "", 0x200E: "",
    0x200F: "", 0x2061: "", 0x2062: "", 0x2063: "", 0x2064: "", 0x00AD: "\u00ad",
    0x2011: "-\u2060",
}

_app: Any = None
_fonts_loaded = False


@dataclass(frozen=True, slots=True)
class PageFit:
    used_fraction: float  # 1.0 = exactly at the (safety-adjusted) limit
    fits: bool
    lines_over: float  # body lines too many (negative: lines left)


def ensure_gui_app() -> Any:
    """Qt's font machinery needs a QGuiApplication; make an offscreen one if none exists."""
    global _app
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication([sys.argv[0] if sys.argv and sys.argv[0] else "stukken"])
    return _app


def _load_fonts() -> None:
    global _fonts_loaded
    if _fonts_loaded:
        return
    from PySide6.QtGui import QFontDatabase

    for name in S.FONT_FILES:
        path = S.fonts_dir() / name
        if path.is_file():
            QFontDatabase.addApplicationFont(str(path))
    _fonts_loaded = True


class PageFitEstimator:
    """Measures a draft against one A4 page. Keep one per editor: it caches laid-out lines."""

    def __init__(self, cache_size: int = 4096) -> None:
        ensure_gui_app()
        _load_fonts()
        self._fonts: dict[tuple[float, bool, bool], Any] = {}
        self._cache: OrderedDict[tuple[str, str, int], int] = OrderedDict()
        self._cache_size = cache_size
        self._covered: dict[int, bool] = {}
        # The editor measures on the GUI thread, a submission may validate on a worker.
        self._lock = threading.RLock()

    # --- layout ------------------------------------------------------------------------
    def _font(self, st: S.ParaStyle) -> Any:
        key = (st.size_pt, st.bold, st.italic)
        font = self._fonts.get(key)
        if font is None:
            from PySide6.QtGui import QFont

            font = QFont(S.LAYOUT_FONT_FAMILY)
            font.setPixelSize(round(st.size_pt * S.TWIPS_PER_PT))
            font.setBold(st.bold)
            font.setItalic(st.italic)
            font.setKerning(False)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            self._fonts[key] = font
        return font

    def line_count(self, style_id: str, text: str, width: int) -> int:
        """Lines the text takes in the style at ``width`` twips (each "\\n" starts a line)."""
        key = (style_id, text, width)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        st = S.PARA_STYLES[style_id]
        n = sum(self._segment_lines(st, seg, width) for seg in text.split("\n"))
        self._cache[key] = n
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return n

    def _segment_lines(self, st: S.ParaStyle, text: str, width: int) -> int:
        if not text.strip():
            return 1
        from PySide6.QtGui import QTextLayout, QTextOption

        font = self._font(st)
        if not text.isascii():
            text = self._stand_ins(font, text)
        if "/" in text:
            # LibreOffice (ICU) does not break after a slash inside a word
            # ("bewoners/ondernemers", URLs); Qt does. A word joiner keeps Qt from it.
            text = text.replace("/", "/\u2060")
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        option.setTabStopDistance(S.DEFAULT_TAB_STOP)
        layout.setTextOption(option)
        layout.beginLayout()
        n = 0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            n += 1
        layout.endLayout()
        return max(n, 1)

    def _stand_ins(self, font: Any, text: str) -> str:
        """Characters Liberation Sans lacks (Arabic, emoji, CJK ...) as Latin stand-ins.

        Qt and LibreOffice each pick their own fallback font for them, with other
        widths; stand-ins a little wider than LibreOffice's rendering keep the
        estimate on the safe side of its line breaks on any machine."""
        from PySide6.QtGui import QRawFont

        out = []
        changed = False
        raw = None
        for ch in text:
            code = ord(ch)
            if code < 0x250 and code != 0xAD:
                out.append(ch)
                continue
            invisible = _INVISIBLE.get(code)
            if invisible is not None:
                changed = changed or invisible != ch
                out.append(invisible)
                continue
            covered = self._covered.get(code)
            if covered is None:
                # The raw font: QFontMetrics would answer for Qt's fallback fonts too.
                raw = raw or QRawFont.fromFont(font)
                covered = self._covered[code] = bool(raw.supportsCharacter(code))
            if covered:
                out.append(ch)
                continue
            changed = True
            if code > 0xFFFF:
                # Emoji: about 0.75-1.0 em in LibreOffice's rendering; kept with the word
                # before it, as LibreOffice does when the emoji does not fit the line.
                if out and out[-1] == " ":
                    out[-1] = "\u00a0"
                out.append(STAND_IN_EMOJI)
            elif 0x0600 <= code <= 0x08FF or 0xFB50 <= code <= 0xFEFF:
                out.append(STAND_IN_ARABIC)  # LibreOffice's Arabic averages 0.56 em a letter
            else:
                out.append(STAND_IN)
        return "".join(out) if changed else text

    def para_height(self, para: Para) -> tuple[int, int]:
        """(height in twips, lines) of a paragraph in the body."""
        st = S.PARA_STYLES[para.style]
        lines = self.line_count(para.style, para.text, S.TEXT_WIDTH - st.text_indent)
        after = st.after if para.after is None else para.after
        return st.before + lines * st.line + after, lines

    def signatures_height(self, block: Signatures) -> int:
        st = S.PARA_STYLES["Handtekening"]
        width = S.TEXT_WIDTH // len(block.cells) - S.CELL_MARGIN_LEFT - S.CELL_MARGIN_RIGHT
        lines = max(self.line_count("Handtekening", text, width) for text in block.cells)
        return st.before + lines * st.line + st.after

    def table_height(self, table: FieldTable) -> int:
        total = 0
        margins = S.CELL_MARGIN_LEFT + S.CELL_MARGIN_RIGHT
        for row in table.rows:
            tallest = 0
            for i, (label, value) in enumerate(row):
                col = i * 2
                span = 3 if len(row) == 1 else 1
                value_width = sum(S.TABLE_COLUMNS[col + 1: col + 1 + span]) - margins
                for style, text, width in (
                    ("KopveldLabel", label, S.TABLE_COLUMNS[col] - margins),
                    ("KopveldWaarde", value, value_width),
                ):
                    st = S.PARA_STYLES[style]
                    h = st.before + self.line_count(style, text, width) * st.line + st.after
                    tallest = max(tallest, h)
            total += tallest
        return total

    def model_height(self, model: DocModel) -> tuple[int, dict[int, int]]:
        """Total body height in twips, and the lines each paragraph takes (by block index)."""
        total = 0
        lines: dict[int, int] = {}
        for i, block in enumerate(model.blocks):
            if isinstance(block, FieldTable):
                total += self.table_height(block)
            elif isinstance(block, Signatures):
                total += self.signatures_height(block)
            else:
                h, n = self.para_height(block)
                total += h
                lines[i] = n
        return total, lines

    # --- the contract -----------------------------------------------------------------
    def measure(self, draft: Draft, form: FormDef, formset: FormSet) -> PageFit:
        return self.measure_model(build_model(draft, form, formset))

    def measure_model(self, model: DocModel) -> PageFit:
        with self._lock:
            used, _ = self.model_height(model)
        limit = S.TEXT_HEIGHT - SAFETY_MARGIN
        return PageFit(
            used_fraction=used / limit,
            fits=used <= limit,
            lines_over=(used - limit) / S.BODY_LINE,
        )


class OnePageCheck:
    """``desktop.domain.validation.LayoutCheck``: an error when an A4tje would not fit one page."""

    def __init__(self, estimator: PageFitEstimator | None = None) -> None:
        self._estimator = estimator

    @property
    def estimator(self) -> PageFitEstimator:
        if self._estimator is None:
            self._estimator = PageFitEstimator()
        return self._estimator

    def check(self, draft: Draft, form: FormDef, formset: FormSet) -> list[Finding]:
        if not form.one_page:
            return []
        model = build_model(draft, form, formset)
        fit = self.estimator.measure_model(model)
        if fit.fits:
            return []
        over = max(1, int(-(-fit.lines_over // 1)))
        field_id = self._longest_text_field(draft, form)
        label = form.field(field_id).label if form.field(field_id) else field_id  # type: ignore[union-attr]
        where = f" De langste tekst staat bij '{label}'." if label else ""
        return [
            Finding(
                field_id,
                Severity.ERROR,
                f"Het A4tje past niet op één pagina: ongeveer {over} regel(s) te veel "
                f"(inclusief een veiligheidsmarge van één regel). Kort de tekst in of verplaats "
                f"details naar een bijlage.{where}",
                rule="one_page",
            )
        ]

    def _longest_text_field(self, draft: Draft, form: FormDef) -> str:
        best, best_len = "", -1
        for fdef in form.fields:
            if fdef.kind in ("text", "points"):
                value = draft.values.get(fdef.id)
                n = len(value) if isinstance(value, str) else sum(
                    len(v) for v in value if isinstance(v, str)
                ) if isinstance(value, list) else 0
                if n > best_len:
                    best, best_len = fdef.id, n
        return best


_default_check: OnePageCheck | None = None


def default_layout_check() -> OnePageCheck:
    """The process's one-page check; Qt starts on first use, not on import."""
    global _default_check
    if _default_check is None:
        _default_check = OnePageCheck()
    return _default_check
