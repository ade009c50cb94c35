"""What goes on the page, in order: the one model the .docx writer and the page fit both read.

Building it sanitises the user's text (``cleaning.Cleaner``) and records a warning
finding for every field that changed, so the writer learns what was removed.
No docx and no Qt here: the model is plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.domain import workflow as wf
from desktop.domain.besluit import intro_line, roman
from desktop.domain.dates import DateError, parse_date
from desktop.domain.draft import Draft
from desktop.domain.findings import Finding
from desktop.domain.forms import FieldDef, FormDef, FormSet
from desktop.domain.text import is_empty
from desktop.export import style as S
from desktop.export.cleaning import Cleaner

MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
TITLES = {"collegevoorstel": "Collegevoorstel", "raadsvoorstel": "Raadsvoorstel"}
PLACEHOLDER_NUMBER = "wordt toegekend"
# Fields whose value is long enough to need a whole row of the header-field table.
FULL_ROW = frozenset({"onderwerp", "geheim_grond"})
# Raadsbrief fields kept for the agenda, not printed in the letter.
NOT_PRINTED_IN_LETTER = frozenset({"directie", "portefeuillehouder", "classificatie", "geheim_grond"})


@dataclass(frozen=True)
class FinalInfo:
    """The secretariat's data for the final archive version of a stuk."""

    registratienummer: str
    besluit_datum: date
    uitkomst: str
    besluit_tekst: str = ""
    route: tuple[str, ...] = ()  # the verified parafen and adviezen, one Dutch line each (route_sheet)


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ is several times slower
class Para:
    style: str
    text: str  # "\n" is a line break inside the paragraph
    # Paragraphs with the same list key form one numbered list (its own w:num, restarting at 1).
    list_key: str | None = None
    keep_next: bool = False  # on the same page as the next block (on top of the style's)
    after: int | None = None  # space after in twips, when not the style's


@dataclass(slots=True)
class FieldTable:
    # Each row holds one (label, value) pair spanning the table, or two side by side.
    rows: tuple[tuple[tuple[str, str], ...], ...]


@dataclass(slots=True)
class Signatures:
    """The closing and the signatures side by side, in one table row that never splits."""

    cells: tuple[str, ...]


Block = Para | FieldTable | Signatures


@dataclass(slots=True)
class DocModel:
    kind: str
    blocks: list[Block]
    header: str = ""  # the classificatie line, empty when Openbaar
    page_numbers: bool = False
    title: str = ""
    author: str = ""
    keywords: str = ""
    subject: str = ""
    findings: list[Finding] = field(default_factory=list)


def date_nl(value: date | str) -> str:
    """``2012-12-04`` as ``4 december 2012``; text that is no date is returned as it is."""
    if isinstance(value, str):
        try:
            day = parse_date(value)
        except DateError:
            return value
    else:
        day = value
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def _label(form: FormDef, field_id: str, default: str) -> str:
    fdef = form.field(field_id)
    return fdef.label if fdef else default


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _pair_rows(items: list[tuple[str, str, bool]]) -> tuple[tuple[tuple[str, str], ...], ...]:
    """(label, value, full_row) items in order, packed two to a row where they may share one."""
    rows: list[tuple[tuple[str, str], ...]] = []
    pending: tuple[str, str] | None = None
    for label, value, full in items:
        if full:
            if pending:
                rows.append((pending,))
                pending = None
            rows.append(((label, value),))
        elif pending:
            rows.append((pending, (label, value)))
            pending = None
        else:
            pending = (label, value)
    if pending:
        rows.append((pending,))
    return tuple(rows)


def _classificatie_line(value: str) -> str:
    value = value.strip()
    return "" if not value or value == "Openbaar" else value.upper()


def a4tje_model(draft: Draft, form: FormDef, formset: FormSet, final: FinalInfo | None = None) -> DocModel:
    clean = Cleaner()
    values = draft.values
    raw_soort = values.get("soort")
    soort = raw_soort if isinstance(raw_soort, str) and raw_soort in TITLES else "collegevoorstel"
    blocks: list[Block] = [Para("Title", TITLES[soort])]

    items: list[tuple[str, str, bool]] = []
    placed = {"soort"}
    points_field: FieldDef | None = None
    text_fields: list[FieldDef] = []
    for fdef in form.fields:
        if fdef.id in placed:
            continue
        if fdef.kind == "points" and points_field is None:
            points_field = fdef
            continue
        if fdef.kind in ("text", "body"):
            text_fields.append(fdef)
            continue
        value = values.get(fdef.id)
        if fdef.id == "registratienummer":
            number = final.registratienummer if final else clean(fdef.id, value, fdef.label).strip()
            items.append((fdef.label, number or fdef.placeholder or PLACEHOLDER_NUMBER, False))
            continue
        if fdef.kind == "attachments":
            count = sum(1 for v in _list(value) if isinstance(v, str) and v.strip())
            items.append((fdef.label, str(count) if count else "geen", False))
            continue
        if value is None or is_empty(value):
            if fdef.required and not fdef.secretariat:
                items.append((fdef.label, "", fdef.id in FULL_ROW))
            continue
        text = clean(fdef.id, value, fdef.label)
        if fdef.kind == "date":
            text = date_nl(text)
        items.append((fdef.label, text, fdef.id in FULL_ROW))
    # The secretariat's boxes are always there, so the final version takes no more room.
    items.append(("B&W-besluit d.d.", date_nl(final.besluit_datum) if final else "", False))
    items.append(("Besluit", final.uitkomst if final else "", False))
    # A conform decision is the proposal itself; only a changed decision prints its text.
    if final and final.besluit_tekst.strip() and final.uitkomst.strip().lower() != wf.CONFORM:
        items.append(("Besluittekst", clean("besluit_tekst", final.besluit_tekst), True))
    blocks.append(FieldTable(_pair_rows(items)))

    blocks.append(Para("BesluitIntro", intro_line(soort)))
    if points_field is not None:
        points = [p for p in _list(values.get(points_field.id)) if isinstance(p, str) and p.strip()]
        for point in points:
            text = clean(points_field.id, point, points_field.label).strip()
            # One point is not numbered: "I." alone suggests a II. that is missing.
            blocks.append(Para("BesluitEnkel", text) if len(points) == 1 else Para("Besluitpunt", text, "besluit"))
    for fdef in text_fields:
        value = values.get(fdef.id)
        if value is None or is_empty(value):
            if fdef.required:
                blocks.append(Para("Heading1", fdef.label))
            continue
        blocks.append(Para("Heading1", fdef.label))
        if isinstance(value, list):
            blocks.extend(_body_blocks(value, clean, fdef, f"{fdef.id}-"))
        else:
            blocks.extend(_field_paragraphs(clean(fdef.id, value, fdef.label)))
    blocks.extend(route_sheet(final, clean, "Normal"))

    number = final.registratienummer if final else clean("registratienummer", values.get("registratienummer", "")).strip()
    return DocModel(
        kind="a4tje",
        blocks=blocks,
        header=_classificatie_line(str(values.get("classificatie") or "")),
        title=clean("onderwerp", values.get("onderwerp", "")).strip(),
        author=clean("steller", values.get("steller", "")).strip(),
        keywords=number,
        subject=TITLES[soort],
        findings=clean.findings,
    )


def route_sheet(final: FinalInfo | None, clean: Cleaner, style: str) -> list[Block]:
    """The archive version's last sheet, the parafen and adviezen as verified at acceptance; on a page of
    its own (the appendix title's page break), so the stuk's own pages stay as they were."""
    if final is None or not final.route:
        return []
    intro = f"Registratienr. {final.registratienummer}; zoals het secretariaat ze bij het aanvaarden controleerde."
    return [Para("Bijlagetitel", "Parafen en adviezen"),
            *(Para(style, clean("route", t).strip(), after=S.FIELD_PARAGRAPH_GAP) for t in (intro, *final.route))]


def _field_paragraphs(text: str) -> list[Block]:
    """An A4tje text field: each line the writer typed is a paragraph, with a small gap
    between them (blank lines add nothing more)."""
    lines = [line for line in text.split("\n") if line.strip()]
    return [
        Para("Normal", line, after=S.FIELD_PARAGRAPH_GAP if i < len(lines) - 1 else None)
        for i, line in enumerate(lines)
    ]


def _body_blocks(value: list[Any], clean: Cleaner, fdef: FieldDef, key_prefix: str) -> list[Block]:
    out: list[Block] = []
    for i, block in enumerate(value):
        if not isinstance(block, dict):
            continue
        kind = block.get("type")
        if kind in ("bullets", "numbered"):
            style = "Opsomming" if kind == "bullets" else "Genummerd"
            key = "bullets" if kind == "bullets" else f"{key_prefix}{i}"
            items = [
                Para(style, clean(fdef.id, item, fdef.label).strip(), key)
                for item in _list(block.get("items"))
                if isinstance(item, str) and item.strip()
            ]
            if items:
                items[-1].after = S.LIST_GAP  # the text after a list does not stick to it
            out.extend(items)
        elif kind in ("heading", "paragraph"):
            text = clean(fdef.id, block.get("text", ""), fdef.label).strip("\n")
            if text.strip():
                if kind == "paragraph":
                    style = "Plattetekst"
                else:
                    style = "Heading2" if block.get("level") == 2 else "Heading1"
                out.append(Para(style, text))
    return out


def _appendix_count(form: FormDef, values: dict[str, Any]) -> int:
    return sum(
        1
        for fdef in form.fields
        if fdef.kind == "appendices"
        for app in _list(values.get(fdef.id))
        if isinstance(app, dict) and not is_empty([app])
    )


def raadsbrief_model(draft: Draft, form: FormDef, formset: FormSet, final: FinalInfo | None = None) -> DocModel:
    clean = Cleaner()
    values = draft.values
    names = formset.config.names
    letter_cfg = formset.config.sections.get("raadsbrief", {})
    blocks: list[Block] = [Para("Briefhoofd", names.get("organisatie", "Gemeente Groningen"))]
    directie = clean("directie", values.get("directie", "")).strip()
    blocks.append(Para("BriefhoofdSub", directie or "Burgemeester en wethouders"))
    for line in form.addressee:
        blocks.append(Para("Adres", line))
    blocks.append(Para("Adres", ""))  # a blank line between the addressee and the header fields

    items: list[tuple[str, str, bool]] = []
    body_fields: list[FieldDef] = []
    salutation_field: FieldDef | None = None
    for fdef in form.fields:
        if fdef.kind in ("body", "appendices", "text"):
            body_fields.append(fdef)
            continue
        if fdef.kind == "attachments":
            # Bijlage(n): the attached files and the appendices printed in the letter itself.
            files = sum(1 for v in _list(values.get(fdef.id)) if isinstance(v, str) and v.strip())
            count = files + _appendix_count(form, values)
            items.append((fdef.label, str(count) if count else "geen", fdef.id in FULL_ROW))
            continue
        if fdef.id == "aanhef":
            salutation_field = fdef
            continue
        if fdef.id in NOT_PRINTED_IN_LETTER:
            continue
        value = values.get(fdef.id)
        if fdef.id == "kenmerk" and final:
            text = final.registratienummer
        else:
            text = clean(fdef.id, value, fdef.label).strip()
            if fdef.id == "datum" and not text and final:
                text = final.besluit_datum.isoformat()
            if fdef.kind == "date" and text:
                text = date_nl(text)
        items.append((fdef.label, text or fdef.placeholder or "-", fdef.id in FULL_ROW))
    blocks.append(FieldTable(_pair_rows(items)))

    salutation = "Geachte heer, mevrouw,"
    if salutation_field is not None:
        salutation = clean("aanhef", values.get("aanhef", "")).strip() or salutation
    blocks.append(Para("Aanhef", salutation))

    appendices: list[Block] = []
    for fdef in body_fields:
        value = values.get(fdef.id)
        if fdef.kind == "body":
            blocks.extend(_body_blocks(_list(value), clean, fdef, f"{fdef.id}-"))
        elif fdef.kind == "text" and isinstance(value, str) and value.strip():
            blocks.append(Para("Plattetekst", clean(fdef.id, value, fdef.label).strip("\n")))
        elif fdef.kind == "appendices":
            n = 0
            for j, app in enumerate(_list(value)):
                if not isinstance(app, dict) or is_empty([app]):
                    continue
                n += 1
                title = clean(fdef.id, app.get("title", ""), fdef.label).strip()
                appendices.append(Para("Bijlagetitel", f"BIJLAGE {roman(n)}"))
                if title:
                    appendices.append(Para("Heading1", title))
                appendices.extend(_body_blocks(_list(app.get("body")), clean, fdef, f"{fdef.id}{j}-"))

    # The last lines of the letter stay with the closing (which keeps with the signatures).
    last = next((b for b in reversed(blocks) if isinstance(b, Para)), None)
    if last is not None and last.style not in ("Aanhef",):
        last.keep_next = True
    # One table row that never splits holds the closing and both signatures: LibreOffice
    # follows keep-with-next one step back only, so the closing cannot be a chain of
    # paragraphs. The secretary's column starts level with "de burgemeester,".
    closing = [
        str(letter_cfg.get("afsluiting", "Met vriendelijke groet,")),
        str(letter_cfg.get("ondertekening", "burgemeester en wethouders van Groningen,")),
        "",
    ]
    blank = "\n" * (S.SIGNATURE_BLANK_LINES + 1)
    blocks.append(Signatures((
        "\n".join(closing) + f"\nde burgemeester,{blank}{names.get('burgemeester', '')}",
        "\n" * len(closing) + f"de secretaris,{blank}{names.get('secretaris', '')}",
    )))
    blocks.extend(appendices)
    blocks.extend(route_sheet(final, clean, "Plattetekst"))

    kenmerk = final.registratienummer if final else clean("kenmerk", values.get("kenmerk", "")).strip()
    return DocModel(
        kind="raadsbrief",
        blocks=blocks,
        header=_classificatie_line(str(values.get("classificatie") or "")),
        page_numbers=True,
        title=clean("onderwerp", values.get("onderwerp", "")).strip(),
        author=clean("steller", values.get("steller", "")).strip(),
        keywords=kenmerk,
        subject="Raadsbrief",
        findings=clean.findings,
    )


def build_model(draft: Draft, form: FormDef, formset: FormSet, final: FinalInfo | None = None) -> DocModel:
    if form.id == "raadsbrief" or any(f.kind == "body" for f in form.fields):
        return raadsbrief_model(draft, form, formset, final)
    return a4tje_model(draft, form, formset, final)
