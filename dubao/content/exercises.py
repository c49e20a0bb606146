"""The plotting and number-literacy exercises of corpus/plot-exercises.yaml: load
them, build the chart each one expects from the figures dataset, grade a
student's chart with dubao.practice.chart_check and a typed number with dubao.practice.answers, and
check the file for ``python -m dubao check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from dubao.errors import CorpusError, NotFound, Problem

# Words that keep "more than" / "about" in a learner's answer (dubao.practice.answers reads them).
QUALIFIER_WORDS = {
    "more-than": {"逾", "超过", "超", "多", "余", "以上", "+", "more than", "over", "at least"},
    "about": {"约", "约为", "左右", "大约", "about", "around", "approximately", "approx", "roughly", "~", "≈"},
}


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
        from dubao.practice.answers import Result, compare_number, parse_number

        want = self.answer
        result = compare_number(text, want["value"], want["unit"], want.get("tolerance", 0))
        needed = want.get("qualifier")
        if result.correct and needed:
            said = (parse_number(text).qualifier or "").lower()
            if said not in QUALIFIER_WORDS[needed]:
                return Result("wrong", f"The amount is right, but the article does not say exactly "
                                       f"that: it says {needed.replace('-', ' ')}. Keep the word "
                                       f"(e.g. 逾 or “more than”).", result.details)
        return result


FIELDS = set(Exercise.__dataclass_fields__)


def _path():
    from dubao.paths import corpus_dir

    return corpus_dir() / "plot-exercises.yaml"


@cache
def _load() -> tuple[dict[str, Exercise], tuple[Problem, ...]]:
    from dubao import corpus, yamlio
    from dubao.content import figures
    from dubao.course import chart_solutions as plot_solutions

    found, problems = {}, []
    items = yamlio.load(_path(), expect=list)
    for node in items:
        if not isinstance(node, dict):
            problems.append(Problem(items.file, items.line, f"each exercise must be a mapping, not "
                                                            f"{type(node).__name__} {node!r}"))
            continue
        unknown = set(node) - FIELDS
        if unknown:
            problems.append(node.problem(f"unknown field(s) {', '.join(sorted(unknown))}"))
            continue
        mistyped = _mistyped(node)
        if mistyped:
            problems.append(mistyped)
            continue
        try:
            exercise = Exercise(**node)
        except TypeError as error:
            problems.append(node.problem(f"exercise is incomplete: {error}"))
            continue
        where = f"exercise {exercise.id}"
        try:
            corpus.article(exercise.article)
        except NotFound as error:
            problems.append(node.problem(f"{where}: {error}", "article"))
        if exercise.type == "chart":
            if exercise.series not in figures.SERIES:
                problems.append(node.problem(f"{where}: no series {exercise.series!r}", "series"))
            if exercise.kind not in ("bar", "barh", "line"):
                problems.append(node.problem(f"{where}: kind must be bar, barh or line", "kind"))
            if not hasattr(plot_solutions, exercise.solution or ""):
                problems.append(node.problem(f"{where}: no solution {exercise.solution!r} in "
                                             f"dubao/plot_solutions.py", "solution"))
        elif exercise.type == "number":
            if not (isinstance(exercise.answer, dict) and {"value", "unit"} <= set(exercise.answer)):
                problems.append(node.problem(f"{where}: answer needs value and unit", "answer"))
            elif exercise.answer.get("qualifier") not in (None, *QUALIFIER_WORDS):
                problems.append(node.problem(f"{where}: qualifier must be more-than or about", "answer"))
        else:
            problems.append(node.problem(f"{where}: type must be chart or number", "type"))
        if exercise.id in found:
            problems.append(node.problem(f"duplicate exercise id {exercise.id!r}", "id"))
        found[exercise.id] = exercise
    return found, tuple(problems)


# field -> (accepted types, how to write it); the others are checked by meaning below
_TYPES = {"id": (str, "text"), "type": (str, "text"), "article": (str, "an article id"),
          "level": (int, "a whole number 1-3"), "task": (str, "text"), "explanation": (str, "text"),
          "series": (str, "a series id"), "kind": (str, "bar, barh or line"), "solution": (str, "a function name"),
          "sentence": (str, "a sentence id"), "log": (bool, "true or false"), "invert": (bool, "true or false")}


def _mistyped(node) -> Problem | None:
    """The first field whose type a hand edit broke (level: [1], title: text ...)."""
    name = node.get("id", "?")
    for key, (kind, how) in _TYPES.items():
        value = node.get(key)
        if value is not None and (not isinstance(value, kind) or (kind is int and isinstance(value, bool))):
            return node.problem(f"exercise {name}: '{key}' must be {how}, not {type(value).__name__}", key)
    title = node.get("title")
    if not (isinstance(title, dict) and all(isinstance(title.get(k), str) for k in ("zh", "en"))):
        return node.problem(f"exercise {name}: 'title' needs zh and en", "title",
                            "title: {zh: 清镇肉鸡产能, en: Qingzhen broiler capacity}")
    return None


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
