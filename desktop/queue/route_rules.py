"""The route's rules as they hold on this computer: the site's route configuration (from the
site folder or its copy, ``desktop.config.site_cache``), the form's advice rules, the steps a
stuk needs, its content hash, and whether the gate is closed whatever was signed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop.config.site_cache import FROM_COPY, UNREACHABLE
from desktop.domain import route as R
from desktop.domain.draft import current_draft
from desktop.queue.bundle import names_not_paths
from desktop.queue.route_share import RouteError


def config_of(formset: Any) -> R.RouteConfig:
    return formset.config.route


def form_route(formset: Any, form_id: str) -> R.FormRoute:
    form = formset.get(form_id)
    return form.route if form is not None else R.FormRoute()


def site_notice(formset: Any) -> str:
    """Dutch: the route configuration in use is the copy of the last read, or ""."""
    if getattr(formset.config, "source", "") == FROM_COPY:
        return "De sitemap is niet bereikbaar; de laatst gelezen routeconfiguratie wordt gebruikt."
    return ""


def closed_reason(formset: Any, form_id: str) -> str:
    """Why the gate stays closed whatever was signed (Dutch), or "": the rules are not known here.

    A site folder that is out of reach and was never read on this computer leaves only the
    built-in defaults, which need no route: that must not open the gate. Nor may a form that
    requires a route while the route configuration is off.
    """
    if getattr(formset.config, "source", "") == UNREACHABLE:
        return ("De sitemap is niet bereikbaar en op deze computer is nog geen kopie van de configuratie: "
                "niet vast te stellen welke parafen en adviezen dit stuk nodig heeft. Indienen kan zodra de "
                "sitemap bereikbaar is.")
    if form_route(formset, form_id).vereist and not config_of(formset).aan:
        return ("Dit formulier vereist parafen en adviezen, maar de routeconfiguratie staat op deze locatie niet "
                "aan ([route] aan = true in config.toml van de sitemap); vraag het de beheerder.")
    return ""


def prepared(draft: Any, formset: Any) -> Any:
    return names_not_paths(current_draft(draft, formset), formset)


def digest_of(draft: Any, attachment_sha256: Sequence[str]) -> str:
    return R.content_hash(draft.form, draft.form_version, draft.values, attachment_sha256)


def steps_of(draft: Any, formset: Any) -> list[R.Step]:
    return R.required_steps(draft.form, draft.values, form_route(formset, draft.form), config_of(formset))


def require_on(formset: Any) -> None:
    """``RouteError`` (Dutch) unless the route is on here; out of reach and never read says so."""
    if getattr(formset.config, "source", "") == UNREACHABLE:
        raise RouteError("De sitemap is niet bereikbaar en op deze computer is nog geen kopie van de "
                         "routeconfiguratie; probeer het opnieuw zodra de sitemap bereikbaar is.",
                         "site folder unreachable, no copy")
    if not config_of(formset).aan:
        raise RouteError(
            "Parafen en adviezen staan op deze locatie niet aan; de beheerder zet ze aan in config.toml "
            "van de sitemap ([route] aan = true).",
            "route config off",
        )


def addressee(config: R.RouteConfig, aan: str, directie: str) -> tuple[str, list[str], list[str]]:
    """``(configured name, step keys, key ids)`` of a person or department; ``RouteError``."""
    name = config.known_addressee(aan)
    if name is None:
        known = ", ".join(sorted({*config.adviseurs, *(s.naam for s in config.signers)}))
        raise RouteError(f"'{aan}' is geen bekende parafeerder of adviserende afdeling. Bekend zijn: {known}.",
                         f"unknown addressee {aan!r}")
    if name in config.adviseurs:
        keys = [s.sleutel for s in config.signers if s.rol == R.ADVISEUR and s.eenheid == name]
        return name, [f"{R.ADVIES}:{name}"], keys
    mine = [s for s in config.signers if s.naam == name]
    steps = [f"{R.PARAAF}:{s.rol}" for s in mine if s.rol in R.PARAAF_ROLES and config.same_unit(s.eenheid, directie)]
    steps += [f"{R.ADVIES}:{s.eenheid}" for s in mine if s.rol == R.ADVISEUR]
    return name, steps, sorted({s.sleutel for s in mine})
