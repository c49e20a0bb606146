"""A JupyterHub class runs the course from a read-only folder. This test copies the
course, removes write permission, runs every lesson there under nbval with a fresh
home and learner data folder, and proves that nothing was written inside the
course folder: not progress, not caches, not fonts, not jieba's cache.

Root can write to read-only files, so permissions alone prove nothing when the
tests run as root (as in CI). The test therefore also snapshots every file of the
copy (path, size, modification time) before and after, and fails on any change.
"""

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path


from conftest import COURSE_DIR

IGNORE = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis",
                                "test-artifacts", "*.egg-info", ".ipynb_checkpoints")


def _snapshot(root: Path) -> dict:
    out = {}
    for path in root.rglob("*"):
        info = path.lstat()
        out[str(path.relative_to(root))] = (info.st_size, info.st_mtime_ns, stat.S_ISDIR(info.st_mode))
    return out


def _read_only(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        mode = path.lstat().st_mode
        if not stat.S_ISLNK(mode):
            path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _writable(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.lstat().st_mode | stat.S_IWUSR)


def test_lessons_run_from_a_read_only_course_folder(tmp_path):
    lessons = sorted((COURSE_DIR / "lessons").glob("*.ipynb"))
    assert lessons, "no lessons found"
    course = tmp_path / "course"
    shutil.copytree(COURSE_DIR, course, ignore=IGNORE)
    home, data = tmp_path / "home", tmp_path / "data"
    home.mkdir()
    _read_only(course)
    before = _snapshot(course)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DUBAO_", "MPL", "JUPYTER", "IPYTHON"))}
    env.update(HOME=str(home), DUBAO_DATA_DIR=str(data), PYTHONPATH=str(course),
               PYTHONDONTWRITEBYTECODE="1", XDG_CACHE_HOME=str(home / ".cache"),
               XDG_DATA_HOME=str(home / ".local" / "share"), MPLBACKEND="Agg")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q",
             "--rootdir", str(tmp_path), "lessons"],
            cwd=course, env=env, capture_output=True, text=True, timeout=1800)
        after = _snapshot(course)
    finally:
        _writable(course)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert f"{len(lessons)} passed" in result.stdout or "passed" in result.stdout
    changed = sorted(set(before.items()) ^ set(after.items()))
    assert not changed, f"files written inside the read-only course folder: {changed[:10]}"
    # The kit did save what it had to save, outside the course folder.
    assert (home / ".cache").exists() or data.exists()


def test_the_lessons_import_the_copy_not_the_original(tmp_path):
    """Guard for the test above: PYTHONPATH makes the copy's dubao win over the editable install."""
    course = tmp_path / "course"
    shutil.copytree(COURSE_DIR, course, ignore=IGNORE)
    env = {**os.environ, "PYTHONPATH": str(course)}
    out = subprocess.run([sys.executable, "-c", "import dubao, widgets; print(dubao.__file__, widgets.__file__)"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == [str(course / "dubao" / "__init__.py"), str(course / "widgets" / "__init__.py")]
