"""JupyterLab settings for a first start without noise: no "Would you like to get
notified about official Jupyter news?" toast and no update check (both would reach
the internet from a classroom, and a student would have to dismiss the question).
They are written as JupyterLab's *overrides* into the environment that runs the
lab (``{sys.prefix}/share/jupyter/lab/settings/overrides.json``), never into the
user's home, so every learner of a shared environment starts quiet, and a learner
can still change them in the Settings editor. ``python -m dubao prepare`` writes
them (the README's open command and tests/run-all.sh run it); the browser tests
check that they are current and rely on them.

    >>> write_overrides()                                  # doctest: +SKIP
    (PosixPath('.venv/share/jupyter/lab/settings/overrides.json'), True)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dubao.errors import DubaoError

# plugin id -> settings, as JupyterLab's overrides.json holds them
OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def overrides_path(prefix=None) -> Path:
    """Where JupyterLab of the environment ``prefix`` (default: this one) reads overrides."""
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def _read(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DubaoError(f"{path}: not readable JSON ({error}); fix or remove it, then run "
                         "python -m dubao prepare again") from None
    if not isinstance(found, dict):
        raise DubaoError(f"{path}: must hold one JSON object of plugin settings")
    return found


def merged(existing: dict) -> dict:
    """The overrides already there (an administrator's), with ours set on top."""
    result = dict(existing)
    for plugin, settings in OVERRIDES.items():
        result[plugin] = {**(result.get(plugin) or {}), **settings}
    return result


def is_current(prefix=None) -> bool:
    path = overrides_path(prefix)
    try:
        existing = _read(path)
    except DubaoError:
        return False
    return merged(existing) == existing


def write_overrides(prefix=None) -> tuple[Path, bool]:
    """Write our settings into the environment's overrides.json, keeping any other
    settings in it; returns (path, whether it changed). DubaoError when the
    environment cannot be written (say, a system Python)."""
    path = overrides_path(prefix)
    existing = _read(path)
    wanted = merged(existing)
    if wanted == existing:
        return path, False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_text(json.dumps(wanted, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        partial.replace(path)
    except OSError as error:
        raise DubaoError(f"{path}: cannot be written ({error.strerror or error}); JupyterLab will ask about "
                         "its news on first start (run python -m dubao prepare in a writable environment)") from None
    return path, True
