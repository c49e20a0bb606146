"""The engine's floors, checked by import-linter (``lint-imports`` with the
contracts in .importlinter): cli > course > practice > content > language > corpus
> base, widgets above all of dubao, and no user-interface library in the engine.
Imports inside functions count too. A second test breaks a copy of the code on
purpose and asks the contract to notice, so a contract that checks nothing fails."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import COURSE_DIR

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint(folder: Path) -> subprocess.CompletedProcess:
    """lint-imports over the dubao and widgets packages found in ``folder`` (first on
    the path, so an installed copy elsewhere is not what gets checked)."""
    assert LINT_IMPORTS.exists(), f"{LINT_IMPORTS} missing: pip install -r requirements-test.txt"
    return subprocess.run([str(LINT_IMPORTS), "--config", str(folder / ".importlinter"), "--no-cache"],
                          capture_output=True, text=True, cwd=folder, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(folder)})


def test_the_floors_hold():
    result = lint(COURSE_DIR)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def copy_of_the_code(tmp_path) -> Path:
    target = tmp_path / "course"
    ignore = shutil.ignore_patterns("__pycache__", "fonts")
    for package in ("dubao", "widgets"):
        shutil.copytree(COURSE_DIR / package, target / package, ignore=ignore)
    shutil.copy(COURSE_DIR / ".importlinter", target)
    return target


def test_a_lower_floor_importing_a_higher_one_breaks_the_contract(tmp_path):
    course = copy_of_the_code(tmp_path)
    hsk = course / "dubao" / "language" / "hsk.py"
    # an import inside a function, the kind that is easiest to miss
    hsk.write_text(hsk.read_text(encoding="utf-8") + "\n\ndef _shown():\n    from widgets import reader\n"
                   "    from dubao.practice import progress\n    return reader, progress\n", encoding="utf-8")
    result = lint(course)
    assert result.returncode != 0
    assert "dubao.language is not allowed to import dubao.practice" in result.stdout
    assert "dubao.language.hsk -> dubao.practice.progress" in result.stdout
    assert "dubao is not allowed to import widgets" in result.stdout


def test_a_new_top_level_module_must_be_given_a_floor(tmp_path):
    course = copy_of_the_code(tmp_path)
    (course / "dubao" / "helpers.py").write_text('"""A module on no floor."""\n', encoding="utf-8")
    result = lint(course)
    assert result.returncode != 0
    assert "dubao.helpers" in result.stdout


def test_the_engine_importing_ipywidgets_breaks_the_contract(tmp_path):
    course = copy_of_the_code(tmp_path)
    review = course / "dubao" / "practice" / "review.py"
    review.write_text(review.read_text(encoding="utf-8") + "\n\nimport ipywidgets  # noqa\n", encoding="utf-8")
    result = lint(course)
    assert result.returncode != 0
    assert "dubao is not allowed to import ipywidgets" in result.stdout
