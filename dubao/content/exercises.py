"""The plotting and number-literacy exercises of corpus/plot-exercises.yaml: load
them, build the chart each one expects from the figures dataset, grade a
student's chart with dubao.practice.chart_check and a typed number with dubao.practice.answers, and
check the file for ``python -m dubao check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Annotated, Literal

from pydantic import Discriminator, Field

from dubao.content.figures import Bilingual
from dubao.errors import CorpusError, NotFound, Problem
from dubao.schema import Model, Text, validate

__all__ = ["QUALIFIER_BOUNDS", "Exercise", "ExercisesFile", "exercises", "exercise", "problems"]

# What an exercise's answer may ask to keep -> the bound of dubao.content.units'
# qualifier table whose words (逾, 超过, "more than" ...) say it.
QUALIFIER_BOUNDS = {"more-than": "lower", "about": "approximate", "less-than": "upper"}


@dataclass(frozen=True)
class Exercise:
    id: str
    type: str            # chart or number
    article: str
    level: int
    title: dict
    task: str
    series: str | None = None
    kind: str | None = None
    log: bool | None = None
    invert: bool | None = None
    solution: str | None = None
    sentence: str | None = None
    answer: dict | None = None
    explanation: str = ""

    def expected_chart(self):
        from dubao.content import figures
        from dubao.practice.chart_check import ExpectedChart

        return ExpectedChart.from_series(figures.series(self.series), self.kind, self.log, self.invert)

    def solve(self, ax=None):
        """Draw the worked solution; returns its Figure."""
        from dubao.course import chart_solutions as plot_solutions

        return getattr(plot_solutions, self.solution)(ax)

    def check_chart(self, figure_or_axes):
        from dubao.practice.chart_check import check_chart

        return check_chart(figure_or_axes, self.expected_chart())

    def check_answer(self, text):
        """Grade a typed answer to a number exercise; returns a dubao.practice.answers.Result."""
        from dubao.content import units
        from dubao.practice.answers import Result, compare_number, parse_number

        want = self.answer
        result = compare_number(text, want["value"], want["unit"], want.get("tolerance", 0))
        needed = want.get("qualifier")
        if result.correct and needed:
            said = (parse_number(text).qualifier or "").lower()
            if said not in units.words_meaning(QUALIFIER_BOUNDS[needed]):
                return Result("wrong", f"The amount is right, but the article does not say exactly "
                                       f"that: it says {needed.replace('-', ' ')}. Keep the word "
                                       f"(e.g. 逾 or “more than”).", result.details)
        return result


Level = Annotated[int, Field(ge=1, le=3)]


class NumberAnswer(Model):
    value: int | float
    unit: Text
    tolerance: int | float = 0
    qualifier: Literal[tuple(QUALIFIER_BOUNDS)] | None = None


class ChartExerciseRecord(Model):
    """A chart to draw from a series; log and invert left out: decided from the data."""

    id: Text
    type: Literal["chart"]
    article: Text
    level: Level
    title: Bilingual
    task: Text
    series: Text
    kind: Literal["bar", "barh", "line"]
    log: bool | None = None
    invert: bool | None = None
    solution: Text
    explanation: str = ""


class NumberExerciseRecord(Model):
    """A number to read or work out, graded by dubao.practice.answers.compare_number."""

    id: Text
    type: Literal["number"]
    article: Text
    level: Level
    title: Bilingual
    task: Text
    sentence: Text
    answer: NumberAnswer
    explanation: str = ""


ExercisesFile = list[Annotated[ChartExerciseRecord | NumberExerciseRecord, Discriminator("type")]]


def _path():
    from dubao.paths import corpus_dir

    return corpus_dir() / "plot-exercises.yaml"


@cache
def _load() -> tuple[dict[str, Exercise], tuple[Problem, ...]]:
    from dubao import corpus, yamlio
    from dubao.content import figures
    from dubao.course import chart_solutions as plot_solutions

    found = {}
    records, problems = validate(ExercisesFile, yamlio.load(_path(), expect=list), salvage=True)
    series_ids = set(figures.series_ids())
    for record in records or []:
        fields = record.model_dump()
        if isinstance(record, NumberExerciseRecord):
            fields["answer"] = {k: v for k, v in fields["answer"].items() if v is not None}
        exercise = Exercise(**fields)
        where = f"exercise {exercise.id}"
        try:
            corpus.article(exercise.article)
        except NotFound as error:
            problems.append(record.problem(f"{where}: {error}", "article"))
        if exercise.type == "chart":
            if exercise.series not in series_ids:
                problems.append(record.problem(f"{where}: no series {exercise.series!r}", "series",
                                               "series are listed in corpus/chart-series.yaml"))
            if not hasattr(plot_solutions, exercise.solution or ""):
                problems.append(record.problem(f"{where}: no solution {exercise.solution!r} in "
                                               f"dubao/course/chart_solutions.py", "solution"))
        if exercise.id in found:
            problems.append(record.problem(f"duplicate exercise id {exercise.id!r}", "id"))
        found[exercise.id] = exercise
    return found, tuple(problems)


def exercises() -> list[Exercise]:
    found, problems = _load()
    if problems:
        raise CorpusError(list(problems))
    return list(found.values())


def exercise(exercise_id: str) -> Exercise:
    for item in exercises():
        if item.id == exercise_id:
            return item
    raise NotFound(f"no plotting exercise {exercise_id!r}; known: "
                   f"{', '.join(e.id for e in exercises())}")


def problems() -> list[Problem]:
    _load.cache_clear()
    try:
        return list(_load()[1])
    except CorpusError as error:
        return error.problems
