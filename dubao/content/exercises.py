"""The plotting and number-literacy exercises of corpus/plot-exercises.yaml: load
them and check the file for ``python -m dubao check``. A student's chart or number
is graded one floor up (``dubao.practice.exercise_check``), and the worked
solutions are drawn by ``dubao.course.chart_solutions``, which also checks that
each exercise names one of its functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Literal

from pydantic import Discriminator, Field

from dubao.content.figures import Bilingual
from dubao.errors import CorpusError, NotFound, Problem
from dubao.schema import Model, Text, validate

__all__ = ["QUALIFIER_BOUNDS", "Exercise", "ExercisesFile", "exercises", "exercise", "problems", "reload"]

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
    # where the record's solution key is (file, line), for the check of worked solutions
    solution_where: tuple = field(default=("", None), compare=False, repr=False)


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

    found = {}
    records, problems = validate(ExercisesFile, yamlio.load(_path(), expect=list), salvage=True)
    series_ids = set(figures.series_ids())
    for record in records or []:
        fields = record.model_dump()
        if isinstance(record, NumberExerciseRecord):
            fields["answer"] = {k: v for k, v in fields["answer"].items() if v is not None}
        exercise = Exercise(**fields, solution_where=record.where("solution"))
        where = f"exercise {exercise.id}"
        try:
            corpus.article(exercise.article)
        except NotFound as error:
            problems.append(record.problem(f"{where}: {error}", "article"))
        if exercise.type == "chart":
            if exercise.series not in series_ids:
                problems.append(record.problem(f"{where}: no series {exercise.series!r}", "series",
                                               "series are listed in corpus/chart-series.yaml"))
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


def reload() -> None:
    """Read corpus/plot-exercises.yaml again on next use."""
    _load.cache_clear()


def problems() -> list[Problem]:
    reload()
    try:
        return list(_load()[1])
    except CorpusError as error:
        return error.problems
