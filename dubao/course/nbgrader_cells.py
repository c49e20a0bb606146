"""The nbgrader version of a lesson: the solution notebook with nbgrader's cell
metadata and one graded test cell per code exercise, made from the solutions by
``python -m dubao lessons`` (into ``deploy/jupyterhub/source/<lesson>/``) and
never written by hand.

What becomes what:

- a code cell with ``### BEGIN SOLUTION`` is an autograded answer cell;
- the ``CodeCheck(...)`` cell that checks it is locked (read-only: nbgrader puts
  the instructor's version back before grading, so the expected value cannot be
  edited away), and after it comes a locked test cell worth ``CODE_POINTS``
  that calls ``dubao.practice.code_check.assert_returns`` with the very
  arguments of that ``CodeCheck`` call: its function, ``expected``, ``kind``,
  ``unit`` and ``tolerance``, copied as written. The widget and the autograder
  grade with one rule and one expected value;
- a Markdown cell with ``=== BEGIN SOLUTION ===`` (a written answer, "YOUR
  ANSWER HERE" for the student) is a manually graded answer worth
  ``WRITTEN_POINTS``;
- quizzes and plot exercises stay dubao's own: they grade themselves and record
  every attempt in the learner's progress database.

Test cells are tagged ``raises-exception``: for an untouched stub they raise
(zero points), and JupyterLab's Run All and nbval go on past them.
"""

import ast
import copy
import re

import nbformat

from dubao.errors import DubaoError

CODE_POINTS = 1
WRITTEN_POINTS = 2
CODE_MARKER = "### BEGIN SOLUTION"
WRITTEN_MARKER = "=== BEGIN SOLUTION ==="
_CHECK_ARGUMENTS = ("expected", "kind", "unit", "tolerance")
TEST_HEADER = ("# Graded test of exercise {question} ({points} point{s}), made by `python -m dubao lessons`\n"
               "# from the CodeCheck above: the same function, expected value and grading rule.\n")


def _grade_id(*parts: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", "-".join(parts)).strip("-")


def _metadata(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: int | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if grade:
        meta["points"] = points
    return meta


def code_checks(source: str, where: str) -> list[dict]:
    """Each ``CodeCheck(...)`` call in a cell: its function and grading
    arguments as source text, and its question id."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise DubaoError(f"{where}: line {error.lineno}: the cell is not valid Python ({error.msg})") from None
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "CodeCheck":
            text = {k.arg: ast.get_source_segment(source, k.value) for k in node.keywords if k.arg}
            positional = [ast.get_source_segment(source, a) for a in node.args]
            function = positional[0] if positional else text.get("function")
            if len(positional) > 1:
                text["expected"] = positional[1]
            if not function or "expected" not in text:
                raise DubaoError(f"{where}: line {node.lineno}: CodeCheck needs a function and expected=")
            question = ast.literal_eval(text["question"]) if "question" in text else function
            found.append({"function": function, "question": question, "line": node.lineno,
                          "arguments": {k: text[k] for k in _CHECK_ARGUMENTS if k in text}})
    return sorted(found, key=lambda c: c["line"])


def test_source(check: dict) -> str:
    arguments = ", ".join(f"{name}={value}" for name, value in check["arguments"].items())
    return (TEST_HEADER.format(question=check["question"], points=CODE_POINTS, s="" if CODE_POINTS == 1 else "s")
            + "from dubao.practice.code_check import assert_returns\n\n"
            + f"assert_returns({check['function']}, {arguments})")


def graded_version(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The solution notebook ``nb`` (already cleaned) with nbgrader metadata and test cells."""
    nb = copy.deepcopy(nb)
    cells, open_answers, used_ids, written = [], [], set(), 0

    def unique(grade_id: str) -> str:
        base, n = grade_id, 1
        while grade_id in used_ids:
            n += 1
            grade_id = f"{base}-{n}"
        used_ids.add(grade_id)
        return grade_id

    for index, cell in enumerate(nb.cells, start=1):
        where = f"solutions/{name}: cell {index}"
        cells.append(cell)
        if cell.cell_type == "markdown" and WRITTEN_MARKER in cell.source:
            written += 1
            cell.metadata["nbgrader"] = _metadata(unique(f"written-{written}"), grade=True, solution=True,
                                                  locked=False, points=WRITTEN_POINTS)
            continue
        if cell.cell_type != "code":
            continue
        if CODE_MARKER in cell.source:
            defined = re.search(r"^def (\w+)", cell.source, re.M)
            cell.metadata["nbgrader"] = _metadata(unique(f"answer-{defined.group(1) if defined else index}"),
                                                  grade=False, solution=True, locked=False)
            open_answers.append(cell)
        checks = code_checks(cell.source, where) if "CodeCheck(" in cell.source else []
        if not checks:
            continue
        if CODE_MARKER in cell.source:
            raise DubaoError(f"{where}: a CodeCheck in the answer cell itself; put it in the cell after the answer")
        if not open_answers:
            raise DubaoError(f"{where}: CodeCheck({checks[0]['function']}, …) has no answer cell "
                             f"(### BEGIN SOLUTION) before it")
        open_answers.clear()  # the last answer is the one this check grades; earlier ones (a plot's) are not
        cell.metadata["nbgrader"] = _metadata(unique(_grade_id("check", checks[0]["question"])),
                                              grade=False, solution=False, locked=True)
        for check in checks:
            test = nbformat.v4.new_code_cell(test_source(check))
            test["id"] = f"{cell.get('id', index)}-test"  # stable, so regenerated notebooks diff cleanly
            test.metadata["tags"] = ["raises-exception"]
            test.metadata["nbgrader"] = _metadata(unique(_grade_id("test", check["question"])), grade=True,
                                                  solution=False, locked=True, points=CODE_POINTS)
            cells.append(test)
    nb.cells = cells
    return nb


def points(nb: nbformat.NotebookNode) -> dict[str, int]:
    """Points of the notebook's graded cells: {"code": …, "written": …}."""
    total = {"code": 0, "written": 0}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade"):
            total["written" if meta.get("solution") else "code"] += meta["points"]
    return total
