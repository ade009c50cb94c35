"""User settings, declared once with their defaults, stored as JSON in the config folder.

Like Picard's options: every setting is declared here (name, default, kind) and
code reads ``settings["naam"]``; an unknown or mistyped value in the file falls back
to its default instead of breaking the application. Names the whole site shares
(burgemeester, secretaris) are not user settings: IT presets them in the site
folder's ``config.toml`` ``[namen]``, read through ``desktop.domain.forms``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.config import paths
from desktop.config.site_cache import read_site_file

SETTINGS_FILE = "instellingen.json"


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    default: Any
    label: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    def accept(self, value: Any) -> Any:
        """The value if it is a valid one for this option, else the default."""
        if isinstance(self.default, bool):
            return value if isinstance(value, bool) else self.default
        if isinstance(self.default, int):
            if isinstance(value, bool) or not isinstance(value, int):
                return self.default
            if self.minimum is not None and value < self.minimum:
                return self.minimum
            if self.maximum is not None and value > self.maximum:
                return self.maximum
            return value
        if not isinstance(value, str):
            return self.default
        if self.choices and value not in self.choices:
            return self.default
        return value


OPTIONS: tuple[Option, ...] = (
    Option("naam", "", "Eigen naam"),
    Option("telefoon", "", "Telefoon"),
    Option("directie", "", "Directie/dienst"),
    Option("wachtrij_map", "", "Wachtrijmap (gedeelde map)"),
    Option("autosave_ms", 3000, "Automatisch opslaan na (ms)", minimum=500, maximum=60_000),
    Option("spelling", True, "Spelling controleren"),
)
_BY_NAME = {o.name: o for o in OPTIONS}


class SettingsError(Exception):
    """Settings could not be written; ``str()`` is Dutch, ``detail`` for developers."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message)
        self.detail = detail


class Settings:
    """The user's settings; reads defaults for anything missing or wrong in the file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.config_dir() / SETTINGS_FILE
        self._values: dict[str, Any] = {o.name: o.default for o in OPTIONS}
        self.problem: str | None = None
        for name, value in site_defaults().items():
            self._values[name] = _BY_NAME[name].accept(value)
        self._defaults = dict(self._values)
        self._load()

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.problem = (
                f"De instellingen in {self.path} zijn onleesbaar; de standaardwaarden gelden ({exc})."
            )
            return
        if not isinstance(raw, dict):
            self.problem = f"De instellingen in {self.path} zijn geen JSON-object; de standaardwaarden gelden."
            return
        for name, value in raw.items():
            option = _BY_NAME.get(name)
            if option is not None:
                self._values[name] = option.accept(value)

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __setitem__(self, name: str, value: Any) -> None:
        option = _BY_NAME.get(name)
        if option is None:
            raise KeyError(name)
        self._values[name] = option.accept(value)

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    def queue_dir(self) -> Path:
        """The queue folder, by the precedence in ``docs/deployment.md`` (see ``queue_choice``)."""
        return self.queue_choice()[0]

    def queue_choice(self) -> tuple[Path, str]:
        """The queue folder and where it comes from, first one set wins (a command's ``--queue``
        comes before all of these): the environment variable ``STUKKEN_QUEUE_DIR``
        (``"omgeving"``), the user's own setting (``"instellingen"``), the site folder's
        ``[instellingen]`` (``"site"``), else ``wachtrij`` in the data folder (``"standaard"``)."""
        env = os.environ.get(paths.ENV_QUEUE_DIR)
        if env:
            return Path(env), "omgeving"
        chosen, site = self._values["wachtrij_map"], self._defaults["wachtrij_map"]
        if chosen and chosen != site:
            return Path(chosen), "instellingen"
        if site:
            return Path(site), "site"
        return paths.data_dir() / "wachtrij", "standaard"

    def reset(self, name: str) -> None:
        """Back to the site or built-in default (the user's own choice is forgotten at ``save``)."""
        self._values[name] = self._defaults[name]

    def is_own(self, name: str) -> bool:
        """Whether the user chose this value (it differs from the site or built-in default)."""
        return bool(self._values[name] != self._defaults.get(name))

    def save(self) -> None:
        """Write atomically (a temp file then rename), so a crash never leaves half a file."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            # Only what the user changed: a later change of a (site) default still reaches them.
            own = {k: v for k, v in self._values.items() if v != self._defaults.get(k)}
            tmp.write_text(json.dumps(own, ensure_ascii=False, indent=2), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            raise SettingsError(
                f"De instellingen konden niet worden opgeslagen in {self.path}.",
                f"{type(exc).__name__}: {exc}",
            ) from exc


def site_defaults() -> dict[str, Any]:
    """Defaults IT presets for everyone: ``[instellingen]`` in the site folder's config.toml.

    For example the queue folder on the share (``wachtrij_map = '\\\\server\\stukken'``);
    the user's own choice in the settings file still wins. A broken site file is
    ignored here: the forms loader reports it with its file name and line."""
    import tomllib

    # The last copy serves while the site folder is out of reach (an offline laptop).
    raw = read_site_file("config.toml").data
    if raw is None:
        return {}
    try:
        table = tomllib.loads(raw.decode("utf-8")).get("instellingen", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items() if k in _BY_NAME}


def option(name: str) -> Option:
    return _BY_NAME[name]

