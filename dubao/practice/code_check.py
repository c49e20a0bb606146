"""Grading a code exercise: what a learner's function returned, against the
expected value, as a number (with unit and tolerance), pinyin, text or any value.

One rule for both places a code exercise is graded: the lesson's ``CodeCheck``
widget shows the result as feedback, and the nbgrader test cell that
``python -m dubao lessons`` writes from the same ``CodeCheck`` call asserts it
(``assert_returns``), so a function the widget calls right is the function the
autograder gives its points to, and no other.

    >>> grade(699 * 24 / 1.64, 10229, kind="number", tolerance=1).status
    'correct'
    >>> assert_returns(lambda: "ke4 fang2", "kè fáng", kind="pinyin")
"""

from dubao.practice import answers

KINDS = ("number", "pinyin", "text", "value")


def grade(value, expected, kind: str = "value", unit: str = "", tolerance: float = 0) -> answers.Result:
    """Grade what a student's function returned."""
    if kind not in KINDS:
        raise ValueError(f"a code exercise's kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if kind == "number":
        return answers.compare_number(value, expected, unit=unit, tolerance=tolerance)
    if kind == "pinyin":
        return answers.compare_pinyin(value, expected)
    if kind == "text":
        same = answers.normalize_text(value) == answers.normalize_text(expected)
    else:
        same = value == expected
    return answers.Result("correct", "Right!") if same else \
        answers.Result("wrong", f"Your function returned {value!r}. Not quite: try again.")


def assert_returns(function, expected, kind: str = "value", unit: str = "", tolerance: float = 0) -> None:
    """The autograder's test: call ``function()`` and fail unless ``grade`` calls
    its value right. A stub's ``NotImplementedError`` and a student's own errors
    are not caught, so nbgrader shows them and gives the cell no points."""
    value = function()
    result = grade(value, expected, kind, unit, tolerance)
    name = getattr(function, "__name__", "the function")
    assert result.status == "correct", f"{name}() returned {value!r}: {result.message}"
