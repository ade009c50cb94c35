"""The house style as numbers: one source for the reference .docx, the exporter and the page fit.

Every length is in twips (1/20 pt, the unit of WordprocessingML), so the three
consumers cannot drift apart by rounding. ``docs/house-style.md`` explains the choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The font named in the document; Word uses Arial, LibreOffice and the page fit use
# Liberation Sans, which has the same advance widths.
FONT_NAME = "Arial"
LAYOUT_FONT_FAMILY = "Liberation Sans"
FONT_FILES = (
    "LiberationSans-Regular.ttf",
    "LiberationSans-Bold.ttf",
    "LiberationSans-Italic.ttf",
    "LiberationSans-BoldItalic.ttf",
)
LANGUAGE = "nl-NL"

TWIPS_PER_PT = 20
TWIPS_PER_CM = 1440 / 2.54


def cm(value: float) -> int:
    return round(value * TWIPS_PER_CM)


# A4 portrait, not python-docx's US Letter.
PAGE_WIDTH = 11906
PAGE_HEIGHT = 16838
MARGIN_TOP = cm(2.0)
MARGIN_BOTTOM = cm(2.0)
MARGIN_LEFT = cm(2.5)
MARGIN_RIGHT = cm(2.0)
HEADER_DISTANCE = cm(1.0)
FOOTER_DISTANCE = cm(1.0)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
DEFAULT_TAB_STOP = cm(1.25)

# Body text: 10 pt on an exact 13 pt line. An exact line height makes Word,
# LibreOffice and the Qt estimate agree on every line's height.
BODY_PT = 10
BODY_LINE = 13 * TWIPS_PER_PT

# Space after the last item of a list, and between the paragraphs of an A4tje text field.
LIST_GAP = 6 * TWIPS_PER_PT
FIELD_PARAGRAPH_GAP = 4 * TWIPS_PER_PT
# Space above the closing ("Met vriendelijke groet,"), and the empty lines left for the
# handwritten signatures (burgemeester and secretaris side by side).
SIGNATURE_GAP = 12 * TWIPS_PER_PT
SIGNATURE_BLANK_LINES = 2

# The header-field table: label and value columns, twice per row.
TABLE_LABEL_WIDTH = cm(3.3)
TABLE_VALUE_WIDTH = (TEXT_WIDTH - 2 * TABLE_LABEL_WIDTH) // 2
TABLE_COLUMNS = (TABLE_LABEL_WIDTH, TABLE_VALUE_WIDTH, TABLE_LABEL_WIDTH, TABLE_VALUE_WIDTH)
CELL_MARGIN_RIGHT = cm(0.2)
CELL_MARGIN_LEFT = 0


@dataclass(frozen=True, slots=True)
class ParaStyle:
    """One paragraph style: the docx writes it into styles.xml, the page fit lays text out with it."""

    style_id: str
    name: str
    size_pt: float = BODY_PT
    bold: bool = False
    italic: bool = False
    line: int = BODY_LINE  # exact line height, twips
    before: int = 0  # space before, twips
    after: int = 0  # space after, twips
    indent_left: int = 0
    hanging: int = 0
    keep_next: bool = False
    keep_lines: bool = False  # never split the paragraph over two pages
    page_break_before: bool = False
    color: str | None = None
    numbering: str | None = None  # abstract numbering id name in NUMBERING
    based_on: str | None = "Normal"

    @property
    def text_indent(self) -> int:
        """Where the wrapped text starts, from the left margin."""
        return self.indent_left


PARA_STYLES: dict[str, ParaStyle] = {
    s.style_id: s
    for s in (
        ParaStyle("Normal", "Normal", based_on=None),
        ParaStyle("Title", "Title", size_pt=16, bold=True, line=20 * TWIPS_PER_PT, after=6 * 20),
        ParaStyle("Heading1", "heading 1", bold=True, before=6 * 20, keep_next=True),
        ParaStyle("Heading2", "heading 2", bold=True, italic=True, before=6 * 20, keep_next=True),
        ParaStyle("KopveldLabel", "Kopveld label", color="404040"),
        ParaStyle("KopveldWaarde", "Kopveld waarde"),
        ParaStyle("BesluitIntro", "Besluit inleiding", bold=True, before=8 * 20, keep_next=True),
        ParaStyle(
            "Besluitpunt", "Besluitpunt", indent_left=cm(0.9), hanging=cm(0.9), numbering="besluit"
        ),
        # A single besluit point is not numbered.
        ParaStyle("BesluitEnkel", "Besluit enkel punt"),
        ParaStyle("Plattetekst", "Body Text", after=6 * 20),
        ParaStyle(
            "Opsomming", "List Bullet", indent_left=cm(0.6), hanging=cm(0.6), numbering="bullet"
        ),
        ParaStyle(
            "Genummerd", "List Number", indent_left=cm(0.6), hanging=cm(0.6), numbering="decimal"
        ),
        ParaStyle("Briefhoofd", "Briefhoofd", size_pt=14, bold=True, line=18 * TWIPS_PER_PT, after=4 * 20),
        ParaStyle("BriefhoofdSub", "Briefhoofd onderregel", color="404040", after=12 * 20),
        ParaStyle("Adres", "Adres"),
        ParaStyle("Aanhef", "Salutation", before=12 * 20, after=6 * 20),
        ParaStyle("Afsluiting", "Closing", before=12 * 20),
        ParaStyle("Ondertekening", "Signature"),
        # The closing and the signatures, side by side in a row that never splits; the last
        # paragraph of the letter keeps with it.
        ParaStyle("Handtekening", "Handtekening", before=SIGNATURE_GAP, keep_lines=True),
        ParaStyle(
            "Bijlagetitel", "Bijlagetitel", size_pt=12, bold=True, line=16 * TWIPS_PER_PT,
            after=6 * 20, page_break_before=True, keep_next=True,
        ),
        ParaStyle("Header", "header", size_pt=9, line=12 * TWIPS_PER_PT, color="404040"),
        ParaStyle("Footer", "footer", size_pt=9, line=12 * TWIPS_PER_PT, color="404040"),
        ParaStyle("Classificatie", "Classificatie", size_pt=9, bold=True, line=12 * TWIPS_PER_PT),
    )
}

# Abstract numbering definitions: (abstractNumId, format, level text, font).
NUMBERING = {
    "besluit": (1, "upperRoman", "%1."),
    "bullet": (2, "bullet", "\u2022"),
    "decimal": (3, "decimal", "%1."),
}


def template_path() -> Path:
    from desktop.config.paths import resources_dir

    return resources_dir() / "templates" / "huisstijl.docx"


def fonts_dir() -> Path:
    from desktop.config.paths import resources_dir

    return resources_dir() / "fonts"
