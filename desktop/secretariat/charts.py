"""Charts of the meetmoment figures: pygal draws SVG, Qt's SVG renderer turns it into PNG.

Why pygal: matplotlib needs numpy (with its BLAS, tens of MB), which the frozen build leaves
out to stay under 200 MB; pygal is pure Python (about 1.3 MB) and its SVG is drawn by QtSvg,
which PySide6-Essentials already ships. QtSvg does not follow pygal's own stylesheet (child
selectors, rgba), so every chart carries the plain stylesheet below instead, and no script.
pygal is imported on first use only: neither the window's first paint nor a plain
``meeting cijfers`` pays for it.
"""

from __future__ import annotations

from typing import Any

from desktop.domain import workflow as wf

COLOURS = ("#1f5fa6", "#e07b00", "#3a8f3a", "#b03030", "#7a4fa0", "#5a5a5a")
CSS = "\n".join(
    [
        ".background{fill:#ffffff}",
        "text{fill:#222222;font-family:'Liberation Sans',Arial,sans-serif;font-size:12px}",
        ".title{font-size:16px;text-anchor:middle}",
        ".axis.x text{text-anchor:middle}",
        ".legends text{font-size:13px}",
        ".axis .line{stroke:#444444}",
        ".guide.line{stroke:#dddddd}",
        ".axis .guide.line{stroke:#dddddd}",
        ".tooltip{display:none}",
        ".value{fill:#222222}",
        ".axis.y text{text-anchor:end}",
        ".nofill{fill:none}",
        ".line{fill:none;stroke-width:2px}",
        *(f".color-{i}{{fill:{c};stroke:{c}}}" for i, c in enumerate(COLOURS)),
    ]
)
WIDTH, HEIGHT = 760, 360


def _nl(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.1f}".replace(".", ",")
        return text[:-2] if text.endswith(",0") else text
    return str(value)


def _chart(kind: str, title: str, **extra: Any) -> Any:
    import pygal  # first use only, see the module docstring

    return getattr(pygal, kind)(
        width=WIDTH, height=HEIGHT, title=title, css=["inline:" + CSS], js=[], value_formatter=_nl,
        legend_at_bottom=True, truncate_label=-1, print_values=False, margin=14, margin_right=40, **extra,
    )


def lead_times(fig: dict[str, Any]) -> bytes:
    rows = fig["doorlooptijden"]
    chart = _chart("HorizontalBar", "Doorlooptijden per fase (dagen)")
    chart.x_labels = [r["fase"] for r in rows]
    chart.add("mediaan", [None if r["mediaan_uren"] is None else round(r["mediaan_uren"] / 24, 1) for r in rows])
    chart.add("p90", [None if r["p90_uren"] is None else round(r["p90_uren"] / 24, 1) for r in rows])
    return bytes(chart.render())


def rules(fig: dict[str, Any], top: int = 10) -> bytes:
    per = list(fig["kwaliteit"]["per_regel"].items())[:top]
    chart = _chart("HorizontalBar", "Bevindingen bij aankomst per regel")
    chart.x_labels = [r for r, _ in per] or ["(geen)"]
    chart.add("fouten", [c.get("fouten", 0) for _, c in per] or [0])
    chart.add("opmerkingen", [c.get("opmerkingen", 0) for _, c in per] or [0])
    return bytes(chart.render())


def _distribution(title: str, dist: dict[str, int], series: str) -> bytes:
    chart = _chart("Bar", title, show_legend=False)
    chart.x_labels = list(dist)
    chart.add(series, list(dist.values()))
    return bytes(chart.render())


def readability(fig: dict[str, Any]) -> bytes:
    return _distribution("Leesbaarheid (Flesch-Douma) bij aankomst",
                         fig["kwaliteit"]["flesch_douma"]["verdeling"], "stukken")


def page_fill(fig: dict[str, Any]) -> bytes:
    return _distribution("Paginavulling van het A4tje", fig["kwaliteit"]["paginavulling"]["verdeling"], "A4tjes")


def trend(fig: dict[str, Any]) -> bytes:
    rows = fig["trend"]
    chart = _chart("Line", "Trend over de meetmomenten (%)", range=(0, 100))
    chart.x_labels = [r["meetmoment"] for r in rows]
    for key, label in (("aandeel_zonder_fouten", "zonder fouten"), ("aandeel_teruggestuurd", wf.TERUGGESTUURD)):
        chart.add(label, [None if r[key] is None else round(100 * r[key], 1) for r in rows])
    return bytes(chart.render())


def survey(fig: dict[str, Any]) -> bytes | None:
    surv = fig.get("rolvastheid") or {}
    if not surv.get("beschikbaar"):
        return None
    groups = {g: v for g, v in surv["groepen"].items() if v.get("respondenten")}
    if not groups:
        return None
    chart = _chart("HorizontalBar", "Rolvastheid: gemiddelde per vraag (1-5)", range=(1, 5))
    chart.x_labels = [_short(label) for label in surv["vragen"].values()]
    for g, v in groups.items():
        chart.add(g, [v["vragen"][q]["gemiddeld"] for q in surv["vragen"]])
    return bytes(chart.render())


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def all_charts(fig: dict[str, Any]) -> list[tuple[str, bytes]]:
    """``(name, svg)`` of every chart that has something to show."""
    out = [("doorlooptijden", lead_times(fig)), ("regels", rules(fig)), ("leesbaarheid", readability(fig)),
           ("paginavulling", page_fill(fig)), ("trend", trend(fig))]
    surv = survey(fig)
    if surv is not None:
        out.append(("rolvastheid", surv))
    return out


def to_png(svg: bytes, scale: float = 2.0) -> bytes:
    """Render the SVG through QtSvg (PySide6-Essentials) at ``scale`` times its size."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from desktop.export.pagefit import ensure_gui_app

    ensure_gui_app()
    renderer = QSvgRenderer(QByteArray(svg))
    size = renderer.defaultSize()
    image = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 takes str
    return bytes(buf.data().data())
