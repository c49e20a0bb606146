"""The settings for a quiet first start of JupyterLab (dubao.course.lab_settings):
written into an environment's overrides.json by ``python -m dubao prepare``, keeping
an administrator's own overrides, current in this environment, and known to the
installed JupyterLab (a renamed setting would silently do nothing)."""

import json
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from dubao.course import lab_settings
from dubao.errors import DubaoError


def test_overrides_are_written_into_the_environment_and_keep_other_settings(tmp_path):
    path = lab_settings.overrides_path(tmp_path)
    assert path == tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert not lab_settings.is_current(tmp_path)
    path.parent.mkdir(parents=True)
    theirs = {"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
              "@jupyterlab/apputils-extension:notification": {"doNotDisturbMode": True, "fetchNews": "true"}}
    path.write_text(json.dumps(theirs))
    assert lab_settings.write_overrides(tmp_path) == (path, True)
    assert json.loads(path.read_text()) == {
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
        "@jupyterlab/apputils-extension:notification": {"doNotDisturbMode": True, "fetchNews": "false",
                                                        "checkForUpdates": False}}
    assert lab_settings.is_current(tmp_path)
    assert lab_settings.write_overrides(tmp_path) == (path, False)  # nothing to do the second time


def test_a_broken_or_unwritable_overrides_file_is_a_clear_error(tmp_path):
    path = lab_settings.overrides_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(DubaoError, match=r"overrides.json: not readable JSON .*run python -m dubao prepare again"):
        lab_settings.write_overrides(tmp_path)
    assert not lab_settings.is_current(tmp_path)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where share/ should be")
    with pytest.raises(DubaoError, match="cannot be written"):
        lab_settings.write_overrides(blocked)


def test_every_setting_is_one_the_installed_jupyterlab_knows():
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    for plugin, settings in lab_settings.OVERRIDES.items():
        package, _, name = plugin.partition(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text())
        for key, value in settings.items():
            assert key in schema["properties"], (plugin, key)
            allowed = [choice["const"] for choice in schema["properties"][key].get("oneOf", [])]
            assert not allowed or value in allowed, (plugin, key, value)


def test_prepare_has_written_them_into_this_environment():
    """tests/run-all.sh runs prepare before the tests, as the README's open command does."""
    result = run_cli("prepare")
    assert result.returncode == 0, result.stderr
    assert f"JupyterLab settings for a quiet first start: {lab_settings.overrides_path()}" in result.stdout
    assert lab_settings.is_current()
