"""Export speed against python-docx's own floor, and the page-fit estimate against LibreOffice.

- ``export_a4tje`` / ``export_raadsbrief``: a full A4tje and a long raadsbrief to .docx bytes,
  against the floor of python-docx opening the reference template and saving it unchanged.
- ``page_fit_agreement``: a seeded sweep of 120 A4tjes within three lines of the limit,
  rendered by LibreOffice (one call per batch); agreement and accepted-but-overflowed.
"""

from __future__ import annotations

import io
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import Benchmark, Custom

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
SWEEP_SIZE = 120
SWEEP_SEED = 2012


def _floor() -> None:
    import docx

    from desktop.export.style import template_path

    docx.Document(str(template_path())).save(io.BytesIO())


def _long_raadsbrief() -> Any:
    from desktop.domain.draft import load_draft_file

    draft = load_draft_file(FIXTURES / "raadsbrief_full.json")
    para = ("Wij informeren u over de voortgang van de terugkoppeling nieuwe stijl. De besluiten van "
            "het college gaan in één keer naar iedereen die erbij betrokken is. ")
    body: list[dict[str, Any]] = []
    for i in range(12):
        body.append({"type": "heading", "text": f"{i + 1}. Onderdeel {i + 1}"})
        body.append({"type": "paragraph", "text": para * 3})
        body.append({"type": "bullets", "items": ["de leden van het GMT;", "de directies;", "de stellers."]})
        body.append({"type": "numbered", "items": ["april", "augustus", "december"]})
    draft.values["tekst"] = body
    draft.values["appendices"] = [
        {"title": f"Bijlage {j}", "body": [{"type": "paragraph", "text": para * 4}]} for j in range(3)
    ]
    return draft


def _export_bench(name: str, make_draft: Any) -> Benchmark:
    state: dict[str, Any] = {}

    def setup() -> None:
        from desktop.domain.forms import default_formset

        state["draft"] = make_draft()
        state["formset"] = default_formset()

    def run() -> None:
        from desktop.export.docx_export import export_bytes

        export_bytes(state["draft"], formset=state["formset"])

    return Benchmark(name=name, run=run, floor=_floor, goal=2.0, repeat=25, setup=setup)


def _a4tje() -> Any:
    from desktop.domain.draft import load_draft_file

    return load_draft_file(FIXTURES / "a4tje_full.json")


def page_fit_agreement(size: int = SWEEP_SIZE, seed: int = SWEEP_SEED) -> dict[str, Any]:
    from desktop.domain.forms import default_formset
    from desktop.export.fitsweep import near_limit_drafts, run_sweep, summarize
    from desktop.export.pagefit import PageFitEstimator
    from desktop.export.render import find_soffice

    if find_soffice() is None:
        return {"goal_met": False, "error": "soffice (LibreOffice) ontbreekt"}
    items = near_limit_drafts(size, seed=seed)
    # How fast the estimate is while typing: a fresh estimator (cold cache) per draft.
    formset = default_formset()
    form = formset.forms["a4tje"]
    cold, warm = [], []
    est = PageFitEstimator()
    for item in items[:30]:
        fresh = PageFitEstimator()
        t0 = time.perf_counter()
        fresh.measure(item.draft, form, formset)
        cold.append(time.perf_counter() - t0)
        est.measure(item.draft, form, formset)
        t0 = time.perf_counter()
        est.measure(item.draft, form, formset)
        warm.append(time.perf_counter() - t0)
    work = Path(tempfile.mkdtemp(prefix="stukken-pagefit-"))
    try:
        t0 = time.perf_counter()
        results = run_sweep(items, work)
        render_s = time.perf_counter() - t0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures = summarize(results)
    figures.update(
        seed=seed,
        render_s=round(render_s, 1),
        estimate_cold_ms=round(statistics.median(cold) * 1000, 2),
        estimate_warm_ms=round(statistics.median(warm) * 1000, 2),
    )
    return figures


def benchmarks() -> list[Benchmark | Custom]:
    return [
        _export_bench("export_a4tje", _a4tje),
        _export_bench("export_raadsbrief", _long_raadsbrief),
        Custom(name="page_fit_agreement", measure=page_fit_agreement),
    ]
