"""The course as committed: every solution notebook has its lesson, the lessons are
exactly what `python -m dubao lessons` generates, and every lesson follows the
nine-part skeleton a student learns to expect. (nbval runs them: see pyproject.)"""

import re

import nbformat
import pytest

from conftest import COURSE_DIR, run_cli
from dubao.course import lessons

SKELETON = ["1. Overview", "2. Prerequisites", "3. Imports", "4. Before reading", "5. Reading",
            "6. Check your understanding", "7. Language focus", "8. Numbers", "9. Summary"]
SOLUTIONS = lessons.solution_notebooks()


def test_there_are_solution_notebooks_and_a_start_lesson():
    assert SOLUTIONS, "no notebooks in solutions/"
    assert (COURSE_DIR / "lessons" / "00-start-here.ipynb").exists()


def test_lessons_are_up_to_date():
    assert lessons.check() == []
    assert run_cli("lessons", "--check").returncode == 0


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.stem for p in SOLUTIONS])
def test_every_lesson_follows_the_skeleton(path):
    nb = nbformat.read(path, as_version=4)
    headings = [m for c in nb.cells if c.cell_type == "markdown"
                for m in re.findall(r"^## (.+)$", c.source, flags=re.M)]
    assert [h for h in headings if h in SKELETON] == SKELETON, f"{path.name}: {headings}"
    assert nb.cells[0].source.startswith(f"# {path.stem[:2]} · "), "the title names the lesson number"
    imports = _cells_under(nb, "3. Imports")
    assert any(c.cell_type == "code" and "import" in c.source for c in imports)
    later_imports = [c for c in nb.cells if c.cell_type == "code" and c not in imports
                     and re.search(r"^\s*(import|from \S+ import)", c.source, flags=re.M)]
    assert not later_imports, f"{path.name}: imports belong in part 3"


@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.stem for p in SOLUTIONS])
def test_every_lesson_has_exercises_with_solutions(path):
    nb = nbformat.read(path, as_version=4)
    marked = [c for c in nb.cells if "BEGIN SOLUTION" in c.source]
    assert len(marked) >= 2, f"{path.name} has {len(marked)} exercise(s) with a solution"


def _cells_under(nb, heading):
    start = next(i for i, c in enumerate(nb.cells) if f"## {heading}" in c.source)
    after = [c for c in nb.cells[start + 1:]]
    end = next((i for i, c in enumerate(after) if c.cell_type == "markdown" and "\n## " in "\n" + c.source), len(after))
    return after[:end]
