"""Build the reference .docx (``resources/templates/huisstijl.docx``) from ``style.py``.

Run ``python -m desktop.export.build_template`` after changing the house style and
commit the result. The parts are written by hand rather than edited from
python-docx's default (US Letter, Calibri, hundreds of unused styles), and the
zip has fixed timestamps, so the same style always gives the same bytes.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

from desktop.export import style as S

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# The header (classificatie) and footer ("Pagina X van Y") parts are in the template,
# not referenced by the section: the exporter references the ones a document needs
# and drops the others, which is cheaper than python-docx creating them per export.
HEADER_RID = "rId5"
FOOTER_RID = "rId6"

CONTENT_TYPES = (
    DECL
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELS = (
    DECL
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS = (
    DECL
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="{HEADER_RID}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
    f'<Relationship Id="{FOOTER_RID}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    "</Relationships>"
)

CORE = (
    DECL
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>Huisstijl gemeente Groningen</dc:title><dc:creator>Stukken</dc:creator>"
    f"<dc:language>{S.LANGUAGE}</dc:language>"
    "</cp:coreProperties>"
)

APP = (
    DECL
    + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Stukken</Application></Properties>"
)

FONT_TABLE = (
    DECL
    + f'<w:fonts xmlns:w="{W_NS}">'
    f'<w:font w:name="{S.FONT_NAME}"><w:altName w:val="{S.LAYOUT_FONT_FAMILY}"/>'
    '<w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/>'
    '<w:pitch w:val="variable"/></w:font>'
    '<w:font w:name="Symbol"><w:charset w:val="02"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    "</w:fonts>"
)


def _settings() -> str:
    return (
        DECL
        + f'<w:settings xmlns:w="{W_NS}">'
        '<w:zoom w:percent="100"/>'
        # Schema order matters to Word: defaultTabStop comes before autoHyphenation.
        f'<w:defaultTabStop w:val="{S.DEFAULT_TAB_STOP}"/>'
        # No automatic hyphenation: the page fit and the reader both rely on it.
        '<w:autoHyphenation w:val="0"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        f'<w:themeFontLang w:val="{S.LANGUAGE}"/>'
        '<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>'
        "</w:settings>"
    )


def _rpr(size_pt: float | None = None, bold: bool = False, italic: bool = False,
         color: str | None = None) -> str:
    parts = []
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if size_pt is not None:
        half = round(size_pt * 2)
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>" if parts else ""


def _style(st: S.ParaStyle) -> str:
    ppr = []
    if st.keep_next:
        ppr.append("<w:keepNext/>")
    if st.keep_lines:
        ppr.append("<w:keepLines/>")
    if st.page_break_before:
        ppr.append("<w:pageBreakBefore/>")
    if st.numbering:
        num_id = S.NUMBERING[st.numbering][0]
        ppr.append(f'<w:numPr><w:numId w:val="{num_id}"/></w:numPr>')
    ppr.append(
        f'<w:spacing w:before="{st.before}" w:after="{st.after}" w:line="{st.line}" w:lineRule="exact"/>'
    )
    if st.indent_left or st.hanging:
        ppr.append(f'<w:ind w:left="{st.indent_left}" w:hanging="{st.hanging}"/>')
    default = ' w:default="1"' if st.style_id == "Normal" else ""
    based = f'<w:basedOn w:val="{st.based_on}"/>' if st.based_on else ""
    nxt = '<w:next w:val="Normal"/>' if st.style_id != "Normal" else ""
    size = None if st.size_pt == S.BODY_PT and st.style_id != "Normal" else st.size_pt
    return (
        f'<w:style w:type="paragraph"{default} w:styleId="{st.style_id}">'
        f"<w:name w:val={quoteattr(st.name)}/>{based}{nxt}<w:qFormat/>"
        f"<w:pPr>{''.join(ppr)}</w:pPr>{_rpr(size, st.bold, st.italic, st.color)}</w:style>"
    )


def _styles() -> str:
    font = S.FONT_NAME
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
        f'<w:sz w:val="{S.BODY_PT * 2}"/><w:szCs w:val="{S.BODY_PT * 2}"/>'
        f'<w:lang w:val="{S.LANGUAGE}" w:eastAsia="{S.LANGUAGE}" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        "<w:widowControl/><w:suppressAutoHyphens/>"
        f'<w:spacing w:before="0" w:after="0" w:line="{S.BODY_LINE}" w:lineRule="exact"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    table_normal = (
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr></w:style>"
    )
    field_table = (
        '<w:style w:type="table" w:styleId="Kopveldtabel"><w:name w:val="Kopveldtabel"/>'
        '<w:basedOn w:val="TableNormal"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/>'
        '<w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>'
        '</w:tblBorders><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        f'<w:left w:w="{S.CELL_MARGIN_LEFT}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        f'<w:right w:w="{S.CELL_MARGIN_RIGHT}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    )
    no_list = (
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/></w:style>'
    )
    page_number = (
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    )
    styles = "".join(_style(st) for st in S.PARA_STYLES.values())
    return (
        DECL
        + f'<w:styles xmlns:w="{W_NS}">{defaults}{styles}{page_number}{table_normal}{field_table}{no_list}</w:styles>'
    )


def _numbering() -> str:
    abstracts = []
    nums = []
    for name, (abs_id, fmt, text) in S.NUMBERING.items():
        st = next(s for s in S.PARA_STYLES.values() if s.numbering == name)
        rpr = ""
        if fmt == "bullet":
            rpr = f'<w:rPr><w:rFonts w:ascii="{S.FONT_NAME}" w:hAnsi="{S.FONT_NAME}" w:hint="default"/></w:rPr>'
        abstracts.append(
            f'<w:abstractNum w:abstractNumId="{abs_id}"><w:multiLevelType w:val="singleLevel"/>'
            f'<w:name w:val="{name}"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:pStyle w:val="{st.style_id}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{st.indent_left}"/></w:tabs>'
            f'<w:ind w:left="{st.indent_left}" w:hanging="{st.hanging}"/></w:pPr>{rpr}</w:lvl>'
            "</w:abstractNum>"
        )
        nums.append(f'<w:num w:numId="{abs_id}"><w:abstractNumId w:val="{abs_id}"/></w:num>')
    return DECL + f'<w:numbering xmlns:w="{W_NS}">{"".join(abstracts)}{"".join(nums)}</w:numbering>'


def _document() -> str:
    return (
        DECL
        + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body><w:p/>'
        f'<w:sectPr><w:pgSz w:w="{S.PAGE_WIDTH}" w:h="{S.PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{S.MARGIN_TOP}" w:right="{S.MARGIN_RIGHT}" w:bottom="{S.MARGIN_BOTTOM}" '
        f'w:left="{S.MARGIN_LEFT}" w:header="{S.HEADER_DISTANCE}" w:footer="{S.FOOTER_DISTANCE}" w:gutter="0"/>'
        "</w:sectPr></w:body></w:document>"
    )


def _field(instr: str, shown: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{shown}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _header() -> str:
    return (
        DECL + f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        '<w:p><w:pPr><w:pStyle w:val="Classificatie"/></w:pPr><w:r><w:t>CLASSIFICATIE</w:t></w:r></w:p>'
        "</w:hdr>"
    )


def _footer() -> str:
    return (
        DECL + f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
        '<w:r><w:t xml:space="preserve">Pagina </w:t></w:r>'
        + _field("PAGE", "1")
        + '<w:r><w:t xml:space="preserve"> van </w:t></w:r>'
        + _field("NUMPAGES", "1")
        + "</w:p></w:ftr>"
    )


def parts() -> dict[str, str]:
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": CORE,
        "docProps/app.xml": APP,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/document.xml": _document(),
        "word/styles.xml": _styles(),
        "word/settings.xml": _settings(),
        "word/numbering.xml": _numbering(),
        "word/fontTable.xml": FONT_TABLE,
        "word/header1.xml": _header(),
        "word/footer1.xml": _footer(),
    }


def build(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts().items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return out


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else S.template_path()
    print(build(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
