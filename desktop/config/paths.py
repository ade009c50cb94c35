"""Locate bundled resources and user folders, the same way from source and frozen.

PyInstaller unpacks data next to the executable (``sys._MEIPASS``); from a source
checkout the data folders sit beside the ``desktop`` package.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop import APP_NAME

ENV_DATA_DIR = "STUKKEN_DATA_DIR"
ENV_SITE_DIR = "STUKKEN_SITE_DIR"
ENV_QUEUE_DIR = "STUKKEN_QUEUE_DIR"
ENV_CONFIG_DIR = "STUKKEN_CONFIG_DIR"


def install_root() -> Path:
    """The folder that holds ``forms/`` and ``resources/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent.parent


def forms_dir() -> Path:
    return install_root() / "forms"


def resources_dir() -> Path:
    return install_root() / "resources"


def site_dir() -> Path | None:
    """The site folder IT sets (often on the share) that overrides forms and lists."""
    value = os.environ.get(ENV_SITE_DIR)
    return Path(value) if value else None


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder: ``--data-dir``, then the environment, then the platform default."""
    if override:
        return Path(override)
    value = os.environ.get(ENV_DATA_DIR)
    if value:
        return Path(value)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's settings folder: ``--config-dir``, then ``STUKKEN_CONFIG_DIR``, then the platform
    default. Independent of the data folder: ``--data-dir`` moves the drafts, never the settings."""
    value = os.environ.get(ENV_CONFIG_DIR)
    if value:
        return Path(value)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def default_queue_dir() -> Path:
    """A local queue folder, so that a fresh install works without a share."""
    value = os.environ.get(ENV_QUEUE_DIR)
    if value:
        return Path(value)
    return data_dir() / "wachtrij"
