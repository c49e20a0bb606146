"""Grading the small functions students write in the lessons' code exercises
(count the sentences that use a word, compute a growth rate from the page's
figures …): run the function as the student last defined it, and grade what it
returns with the quizzes' graders. A function that is still the lesson's stub
(``raise NotImplementedError``) gets a prompt instead of an error, and a bug in it
is feedback, never a crash, so a lesson always runs from top to bottom. The
autograder's test cells use the same ``grade`` (``assert_returns``), so the widget
and nbgrader give their marks by one rule.

>>> def speedup():
...     return 699 * 24 / 1.64
>>> check(speedup, expected=10229, kind="number", tolerance=5).result.status
'correct'
"""

from __future__ import annotations

from dataclasses import dataclass

from dubao.practice import answers

KINDS = ("number", "pinyin", "text", "value")


@dataclass(frozen=True)
class Outcome:
    """What running and grading a student's function gave: the ``Result``, and the
    value it returned (``returned`` is False when it raised, stub or bug)."""

    result: answers.Result
    value: object = None
    returned: bool = False


def grade(value, expected, kind: str = "value", unit: str = "", tolerance: float = 0) -> answers.Result:
    """Grade what a student's function returned: a number (with unit and
    tolerance), pinyin, a text (folded and trimmed), or any value compared with ==."""
    if kind not in KINDS:
        raise ValueError(f"a code check's kind must be one of {', '.join(KINDS)}, not {kind!r}")
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


def latest(function):
    """The function as the student last defined it: the notebook's cell may have
    been run again with new code since a check was made for the old one."""
    name = getattr(function, "__name__", "")
    newer = getattr(function, "__globals__", {}).get(name) if name else None
    return newer if callable(newer) else function


def check(function, expected, kind: str = "value", unit: str = "", tolerance: float = 0) -> Outcome:
    """Run the latest definition of ``function`` with no arguments and grade it."""
    name = getattr(function, "__name__", "your function")
    try:
        value = latest(function)()
    except NotImplementedError:
        return Outcome(answers.Result("empty", f"{name}() is still the stub: replace raise NotImplementedError() "
                                               "with your code, run its cell, then press Check."))
    except Exception as error:  # noqa: BLE001 - a student's bug is feedback, not a crash
        return Outcome(answers.Result("wrong", f"{name}() stopped with {type(error).__name__}: {error}"))
    return Outcome(grade(value, expected, kind, unit, tolerance), value, True)


def assert_returns(function, expected, kind: str = "value", unit: str = "", tolerance: float = 0) -> None:
    """The nbgrader test cell's check, which ``python -m dubao lessons`` writes
    from each lesson's ``CodeCheck`` call with the same arguments: call
    ``function()`` and fail unless ``grade`` calls its value right. A stub's
    ``NotImplementedError`` and a student's own errors are not caught, so nbgrader
    shows them and gives the cell no points.

    >>> assert_returns(lambda: "ke4 fang2", "kè fáng", kind="pinyin")
    """
    value = function()
    result = grade(value, expected, kind, unit, tolerance)
    name = getattr(function, "__name__", "the function")
    assert result.status == "correct", f"{name}() returned {value!r}: {result.message}"
