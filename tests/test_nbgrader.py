"""The nbgrader source notebooks (deploy/jupyterhub/source/) made from solutions/:
each code exercise is an answer cell plus a locked test cell that grades with the
same arguments as its CodeCheck; written answers are manually graded; nbgrader's
own generate_assignment and autograde work with its defaults, give the solutions
full code points and the released notebooks none."""

import ast
import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import COURSE_DIR
from dubao.course import lessons
from dubao.course import nbgrader_cells
from dubao.errors import DubaoError
from dubao.practice.code_check import assert_returns, grade

SOURCE = COURSE_DIR / "deploy" / "jupyterhub" / "source"
NBGRADER = Path(sys.executable).with_name("nbgrader")


def _graded(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nbgrader_cells.graded_version(nb, "09-demo.ipynb")


def test_a_code_exercise_gets_an_answer_cell_a_locked_check_and_a_test_with_its_arguments():
    nb = _graded(
        nbformat.v4.new_markdown_cell("What is 出栏?\n\n=== BEGIN SOLUTION ===\nSent to market.\n"
                                      "=== END SOLUTION ==="),
        nbformat.v4.new_code_cell("def chart():\n    ### BEGIN SOLUTION\n    return None\n    ### END SOLUTION"),
        nbformat.v4.new_code_cell("def rooms():\n    ### BEGIN SOLUTION\n    return 11.3\n    ### END SOLUTION"),
        nbformat.v4.new_code_cell('expected = 788 / 70\nCodeCheck(rooms, expected=expected, kind="number",\n'
                                  '          tolerance=0.05, question="09.ex1", lesson="09-demo")'))
    meta = [cell.metadata.get("nbgrader") for cell in nb.cells]
    assert meta[0] == {"grade": True, "grade_id": "written-1", "locked": False, "points": 2,
                       "schema_version": 3, "solution": True}
    assert meta[1]["solution"] and not meta[1]["grade"] and meta[1]["grade_id"] == "answer-chart"
    assert meta[2]["solution"] and not meta[2]["grade"] and meta[2]["grade_id"] == "answer-rooms"
    assert meta[3] == {"grade": False, "grade_id": "check-09-ex1", "locked": True, "schema_version": 3,
                       "solution": False}
    assert meta[4] == {"grade": True, "grade_id": "test-09-ex1", "locked": True, "points": 1,
                       "schema_version": 3, "solution": False}
    assert nb.cells[4].metadata["tags"] == ["raises-exception"]
    call = ast.parse(nb.cells[4].source).body[-1].value
    assert ast.unparse(call) == "assert_returns(rooms, expected=expected, kind='number', tolerance=0.05)"


def test_a_code_check_without_an_answer_before_it_is_a_clear_error():
    with pytest.raises(DubaoError, match=r"solutions/09-demo.ipynb: cell 1: CodeCheck\(rooms, …\) has no answer"):
        _graded(nbformat.v4.new_code_cell("CodeCheck(rooms, expected=3)"))
    with pytest.raises(DubaoError, match="cell 1: line 1: the cell is not valid Python"):
        _graded(nbformat.v4.new_code_cell("CodeCheck(rooms, expected=3"))


def test_assert_returns_passes_and_fails_exactly_where_grade_does():
    cases = [(lambda: 699 * 24 / 1.64, 10229, "number", 1), (lambda: 10000, 10229, "number", 1),
             (lambda: "xin1 zhi4", "xīn zhì", "pinyin", 0), (lambda: "xin4 zhi4", "xīn zhì", "pinyin", 0),
             (lambda: ["p7"], ["p7"], "value", 0), (lambda: ["p8"], ["p7"], "value", 0)]
    for function, expected, kind, tolerance in cases:
        right = grade(function(), expected, kind, tolerance=tolerance).status == "correct"
        try:
            assert_returns(function, expected, kind, tolerance=tolerance)
            passed = True
        except AssertionError:
            passed = False
        assert passed == right, (expected, kind)
    assert sum(grade(f(), e, k, tolerance=t).correct for f, e, k, t in cases) == 3


def _checks_and_tests(nb):
    checks, tests = [], []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("locked") and not meta.get("grade"):
            checks += nbgrader_cells.code_checks(cell.source, "")
        if meta.get("grade") and not meta.get("solution"):
            tests.append(ast.parse(cell.source).body[-1].value)
    return checks, tests


def test_every_code_check_of_the_course_has_a_test_with_the_same_arguments():
    notebooks = sorted(SOURCE.glob("*/*.ipynb"))
    assert len(notebooks) == len(lessons.solution_notebooks()) > 0
    total = 0
    for path in notebooks:
        checks, tests = _checks_and_tests(nbformat.read(path, as_version=4))
        assert len(checks) == len(tests), path.name
        for check, test in zip(checks, tests):
            assert ast.unparse(test.args[0]) == ast.unparse(ast.parse(check["function"]).body[0].value)
            given = {k.arg: ast.unparse(k.value) for k in test.keywords}
            assert given == {k: ast.unparse(ast.parse(f"({v})").body[0].value) for k, v in check["arguments"].items()}
        total += len(tests)
    solution_checks = sum(cell.source.count("CodeCheck(") for path in lessons.solution_notebooks()
                          for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code")
    assert total == solution_checks


def _nbgrader(course, *args):
    env = {**os.environ, "PATH": f"{NBGRADER.parent}{os.pathsep}{os.environ['PATH']}",
           "DUBAO_DATA_DIR": str(course / "grader-data")}
    result = subprocess.run([str(NBGRADER), *args], cwd=course, capture_output=True, text=True, env=env,
                            timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    """Every lesson released with nbgrader's defaults, then two submissions of each
    autograded: the solution notebook, and the released notebook unchanged."""
    course = tmp_path_factory.mktemp("course")
    shutil.copytree(SOURCE, course / "source")
    (course / "nbgrader_config.py").write_text('c = get_config()\nc.CourseDirectory.course_id = "dubao"\n')
    names = sorted(p.name for p in (course / "source").iterdir())
    assert names, "no nbgrader source notebooks"
    for name in names:
        _nbgrader(course, "generate_assignment", name)  # no --ClearSolutions.enforce_metadata=False
        for student, folder in (("solution", "source"), ("released", "release")):
            target = course / "submitted" / student / name
            target.mkdir(parents=True)
            shutil.copy(course / folder / name / f"{name}.ipynb", target)
    for name in names:
        _nbgrader(course, "autograde", name, "--create")
    _nbgrader(course, "export", "--to", "grades.csv")
    with open(course / "grades.csv", encoding="utf-8") as handle:
        return course, names, list(csv.DictReader(handle))


def test_solutions_get_every_code_point_and_the_released_notebooks_none(graded_course):
    course, names, grades = graded_course
    for name in names:
        nb = nbformat.read(course / "source" / name / f"{name}.ipynb", as_version=4)
        points = nbgrader_cells.points(nb)
        assert points["code"] > 0, name
        by_student = {row["student_id"]: row for row in grades if row["assignment"] == name}
        assert float(by_student["solution"]["score"]) == points["code"], name
        assert float(by_student["released"]["score"]) == 0, name
        assert float(by_student["solution"]["max_score"]) == points["code"] + points["written"], name


def test_released_notebooks_have_stubs_and_the_tests(graded_course):
    course, names, _ = graded_course
    released = nbformat.read(course / "release" / names[0] / f"{names[0]}.ipynb", as_version=4)
    sources = "\n".join(cell.source for cell in released.cells)
    assert "raise NotImplementedError()" in sources and "YOUR ANSWER HERE" in sources
    assert "### BEGIN SOLUTION" not in sources and "assert_returns(" in sources
