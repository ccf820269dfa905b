"""Values for shell completion, read from the library found from the working directory.

Completion must never fail loudly: any problem yields no suggestions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reformkit.config import Config


def _config() -> Config | None:
    from reformkit.config import load_config

    try:
        return load_config()
    except Exception:  # noqa: BLE001 - completion stays silent
        return None


def tags() -> list[str]:
    config = _config()
    return list(config.tags) if config else []


def programs() -> list[str]:
    config = _config()
    return sorted(config.programs) if config else []


def case_ids() -> list[str]:
    config = _config()
    if config is None:
        return []
    from reformkit.config import cases_dir

    folder = cases_dir(config)
    try:
        return sorted(p.stem for p in folder.glob("*.yaml"))
    except OSError:
        return []
