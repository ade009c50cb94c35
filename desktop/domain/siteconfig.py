"""Site configuration: the choice lists and names, from the defaults and the site folder.

``resources/config/defaults.toml`` holds them; ``config.toml`` in the site folder
replaces any top-level key as a whole. ``FormError`` is shared with the form loader.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.numbering import KenmerkFormat, parse_formats
from desktop.domain.route_config import RouteConfig, RouteConfigError, route_config

CONFIG_FILES = ("config.toml", "defaults.toml")
KENMERK_FORMATS = "kenmerkformaten"


class FormError(Exception):
    """A form or configuration file is wrong; the message is Dutch and names file and field."""

    def __init__(self, path: Path | str, message: str, field_id: str | None = None) -> None:
        self.path = str(path)
        self.field_id = field_id
        self.detail = message
        where = f"{self.path}" + (f", veld '{field_id}'" if field_id else "")
        kind = "configuratiebestand" if Path(path).name in CONFIG_FILES else "formulierbestand"
        super().__init__(f"Fout in {kind} {where}: {message}")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Choice lists and names from ``resources/config/defaults.toml`` and the site folder."""

    lists: Mapping[str, tuple[Mapping[str, Any], ...]]
    names: Mapping[str, str]
    sections: Mapping[str, Mapping[str, Any]]
    # ``[[kenmerkformaten]]``: the kenmerk formats a steller's value may have (checked at load).
    kenmerk_formats: tuple[KenmerkFormat, ...] = ()
    # The paraaf route (``[route]``, ``[[routes]]``, ``[[adviseurs]]``, ``[[routesleutels]]``,
    # ``[[feestdagen]]``): off unless a site switches it on.
    route: RouteConfig = RouteConfig()
    # Where the site's part came from (``desktop.config.site_cache``): "sitemap", "kopie" (the
    # folder is out of reach: the last copy read), "onbereikbaar" (out of reach, never read
    # here: only the defaults), "geen sitemap".
    source: str = ""

    def choices(self, list_name: str) -> tuple[str, ...]:
        return tuple(str(entry.get("naam", "")) for entry in self.lists.get(list_name, ()))

    def directie_code(self, naam: str) -> str | None:
        for entry in self.lists.get("directies", ()):
            if entry.get("naam") == naam or entry.get("code") == naam:
                return str(entry.get("code"))
        return None

    def order_of(self, list_name: str, naam: str) -> int:
        """Position in the configured order (unknown names last)."""
        for i, entry in enumerate(self.lists.get(list_name, ())):
            if entry.get("naam") == naam:
                return i
        return 10_000


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise FormError(path, f"geen geldige TOML ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise FormError(path, "het bestand is geen UTF-8-tekst") from exc
    except OSError as exc:
        raise FormError(path, f"kan het bestand niet lezen ({exc.strerror or exc})") from exc


def load_config(defaults: Path, site: Path | None = None) -> SiteConfig:
    data = read_toml(defaults)
    origin = dict.fromkeys(data, defaults)
    site_file = site / "config.toml" if site else None
    if site_file and site_file.is_file():
        # A site value replaces the default of the same key as a whole (a list is not merged).
        site_data = read_toml(site_file)
        data.update(site_data)
        origin.update(dict.fromkeys(site_data, site_file))
    lists: dict[str, tuple[Mapping[str, Any], ...]] = {}
    sections: dict[str, Mapping[str, Any]] = {}
    names: dict[str, str] = {}
    for key, value in data.items():
        if key == "namen":
            if not isinstance(value, dict):
                raise FormError(origin[key], "[namen] moet een tabel zijn")
            names = {str(k): str(v) for k, v in value.items()}
        elif isinstance(value, list):
            if not all(isinstance(e, dict) and "naam" in e for e in value):
                raise FormError(origin[key], f"elke regel in lijst '{key}' heeft een 'naam' nodig")
            lists[key] = tuple(value)
        elif isinstance(value, dict):
            sections[key] = value
    try:
        formats = parse_formats(lists.get(KENMERK_FORMATS, ()))
    except ValueError as exc:
        raise FormError(origin.get(KENMERK_FORMATS, defaults), str(exc)) from exc
    try:
        route = route_config(lists, sections)
    except RouteConfigError as exc:
        where = next((origin[k] for k in ("route", "routesleutels", "routes", "adviseurs") if k in origin), defaults)
        raise FormError(where, str(exc)) from exc
    return SiteConfig(lists=lists, names=names, sections=sections, kenmerk_formats=formats, route=route)
