"""Grading the plotting and number-literacy exercises (``dubao.content.exercises``):
a student's chart against the chart its series expects (``chart_check``), and a
typed number against the exercise's answer, which may also ask for the word
that bounds it (逾 "more than", 约 "about"), as the article says it.

>>> from dubao.content import exercises
>>> manure = exercises.exercise("qualifier-manure")
>>> check_answer(manure, "5000万公斤").status, check_answer(manure, "逾5000万公斤").status
('wrong', 'correct')
"""

from __future__ import annotations

from dubao.content import figures, units
from dubao.content.exercises import QUALIFIER_BOUNDS
from dubao.practice.answers import Result, compare_number, parse_number
from dubao.practice import chart_check
from dubao.practice.chart_check import CheckResult, ExpectedChart

__all__ = ["check_answer", "check_chart", "expected_chart"]


def expected_chart(exercise) -> ExpectedChart:
    """What a chart exercise's chart must show, from its series in the figures."""
    return ExpectedChart.from_series(figures.series(exercise.series), exercise.kind, exercise.log, exercise.invert)


def check_chart(exercise, figure_or_axes) -> CheckResult:
    """Check a student's chart (a Figure or an Axes) for a chart exercise."""
    return chart_check.check_chart(figure_or_axes, expected_chart(exercise))


def check_answer(exercise, text) -> Result:
    """Grade a typed answer to a number exercise: the amount, and, where the
    exercise asks for it, a qualifier meaning the same bound as the article's."""
    want = exercise.answer
    result = compare_number(text, want["value"], want["unit"], want.get("tolerance", 0))
    needed = want.get("qualifier")
    if result.correct and needed:
        said = (parse_number(text).qualifier or "").lower()
        if said not in units.words_meaning(QUALIFIER_BOUNDS[needed]):
            return Result("wrong", f"The amount is right, but the article does not say exactly "
                                   f"that: it says {needed.replace('-', ' ')}. Keep the word "
                                   f"(e.g. 逾 or “more than”).", result.details)
    return result
