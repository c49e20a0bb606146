"""The comprehension content of the kit: the question banks (``corpus/questions/*.yaml``),
the language-focus items (``corpus/language-focus.yaml``, ``dubao.content.focus``)
and the context notes (``corpus/context-notes.yaml``, ``dubao.content.notes``).
This module loads them, checks them for ``python -m dubao check`` (every answer
key, evidence id and example span must hold against the page, every numeric
answer against the figures). A learner's answer is graded one floor up, by
``dubao.practice.question_grading``.

    >>> from dubao import questions
    >>> q = questions.question("qingzhen.q8")
    >>> q.type, q.evidence
    ('numeric', ('qingzhen.p7.s2',))
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dubao import yamlio
from dubao.content.arithmetic import evaluate, is_number
from dubao.content.focus import FOCUS_PER_ARTICLE, LanguageFocus, read_focus
from dubao.content.notes import ContextNote, read_notes
from dubao.content.question_records import (EXERCISE_TYPES, LANGUAGES, SKILLS, TRUTH_VALUES, TYPES, Question,
                                            QuestionBankFile, to_question)
from dubao.errors import CorpusError, NotFound, Problem
from dubao.paths import corpus_dir
from dubao.schema import validate

__all__ = ["TYPES", "EXERCISE_TYPES", "SKILLS", "LANGUAGES", "TRUTH_VALUES",
           "FOCUS_PER_ARTICLE", "QUESTION_ID", "Question", "LanguageFocus", "ContextNote", "questions",
           "question", "language_focus", "context_notes", "context_note", "recompute", "problems",
           "reload"]

QUESTION_ID = re.compile(r"^(?P<article>[a-z0-9][a-z0-9-]*)\.q[1-9][0-9]*$")


# ------------------------------------------------------------------------ loading

@dataclass
class _Content:
    questions: dict[str, Question]
    focus: dict[str, list[LanguageFocus]]
    notes: dict[str, ContextNote]
    problems: list[Problem]


def _read_banks(folder: Path, sentences: dict[str, str], articles: set[str],
                problems: list[Problem]) -> dict[str, Question]:
    found: dict[str, Question] = {}
    for path in sorted((folder / "questions").glob("*.yaml")):
        try:
            data = yamlio.load(path, dict)
        except CorpusError as error:
            problems += error.problems
            continue
        bank, shape = validate(QuestionBankFile, data, salvage=True)
        problems += shape
        if bank is None:
            continue
        if bank.article != path.stem:
            problems.append(bank.problem(f"'article' is {bank.article!r} but the file is {path.name}", "article",
                                         f"write article: {path.stem}"))
        if bank.article not in articles:
            problems.append(bank.problem(f"question bank for unknown article {bank.article!r}", "article",
                                         f"articles: {', '.join(sorted(articles))}"))
            continue
        for record in bank.questions:
            match = QUESTION_ID.match(record.id)
            if not match or match["article"] != bank.article:
                problems.append(record.problem(f"question id {record.id!r} must look like {bank.article}.q<N>",
                                               "id"))
                continue
            if record.id in found:
                first = found[record.id]
                problems.append(record.problem(f"duplicate question id {record.id!r}", "id",
                                               f"first used at {first.file}:{first.line}"))
                continue
            found[record.id] = to_question(record, bank.article, record.id, sentences, problems)
    return found


@lru_cache(maxsize=4)
def _load(folder: Path) -> _Content:
    from dubao import corpus

    try:
        sentences = {s.id: s.text for s in corpus.sentences()}
        articles = {a.id for a in corpus.articles()}
    except CorpusError:  # the corpus check reports these; say once why nothing was checked
        return _Content({}, {}, {}, [Problem(yamlio.label(folder / "questions"), None,
                                             "question banks not checked: the articles have problems",
                                             "fix the problems reported for corpus/articles first")])
    problems: list[Problem] = []
    banks = _read_banks(folder, sentences, articles, problems)
    focus = read_focus(folder / "language-focus.yaml", sentences, articles, problems)
    notes = read_notes(folder / "context-notes.yaml", sentences, problems)
    try:
        problems += _figure_problems(banks.values())
    except CorpusError:
        pass  # figures.yaml is broken: the figures check reports it; the banks' own problems still count
    return _Content(banks, focus, notes, problems)


def _content() -> _Content:
    return _load(corpus_dir().resolve())


def reload() -> None:
    """Forget the cached content (after an instructor edits a bank)."""
    _load.cache_clear()


# ----------------------------------------------------------------- numeric answers

def _figure_names(question: Question) -> tuple[str, dict[str, str]]:
    """The compute expression with figure ids made into Python names, and those
    names -> figure id. ``a``, ``b``, ``c`` … also stand for the listed figures in order."""
    expression = question.compute or ""
    names = {}
    for number, figure_id in enumerate(question.figures):
        names[chr(ord("a") + number)] = figure_id
    for number, figure_id in enumerate(sorted(question.figures, key=len, reverse=True)):
        name = f"figure_{number}"
        if figure_id in expression:
            expression = expression.replace(figure_id, name)
            names[name] = figure_id
    return expression, names


def recompute(question: Question) -> float:
    """The numeric answer worked out again from the page's figures, in the
    answer's unit. Raises ValueError (saying why) when it cannot be."""
    from dubao.content import figures

    if question.type != "numeric":
        raise ValueError(f"{question.id} is not a numeric question")
    if not question.figures:
        raise ValueError(f"{question.id} lists no figures")
    values = {figure_id: _base_value(figures.figure(figure_id)) for figure_id in question.figures}
    if question.compute:
        expression, names = _figure_names(question)
        base = evaluate(expression, {name: values[fid] for name, fid in names.items()})
    elif len(values) == 1:
        base = next(iter(values.values()))
    else:
        raise ValueError(f"{question.id} lists {len(values)} figures but no 'compute'")
    return base / _unit_scale(figures, question.answer["unit"])


def _base_value(figure) -> float:
    if not is_number(figure.base_value):
        raise ValueError(f"figure {figure.id!r} has no numeric value")
    return float(figure.base_value)


def _unit_scale(figures, unit: str) -> float:
    """How many of the figures' base units one answer unit is (亿元 -> 10⁸ 元);
    1 for a unit the figures do not convert (倍, a ratio of two figures)."""
    try:
        scale, _ = figures.to_base(1, unit)
    except ValueError:
        return 1.0
    return float(scale)


def _figure_problems(banks) -> list[Problem]:
    """Numeric answers checked against the figures dataset, when it exists."""
    import importlib.util

    # a question whose answer is already reported as incomplete is not compared again
    numeric = [q for q in banks if q.type == "numeric" and q.figures and q.answer.get("unit")
               and is_number(q.answer.get("value"))]
    if not numeric or importlib.util.find_spec("dubao.content.figures") is None:
        return []
    from dubao.content import figures

    found = []
    for question in numeric:
        where = (question.file, question.line)
        try:
            known = {f: figures.figure(f) for f in question.figures}
        except (NotFound, KeyError) as error:
            found.append(Problem(*where, f"{question.id}: unknown figure ({error})",
                                 "figure ids are listed by python -m dubao figures --json"))
            continue
        for figure_id, figure in known.items():
            sentence_id = getattr(figure, "sentence", None)
            if sentence_id and sentence_id not in question.evidence:
                found.append(Problem(*where, f"{question.id}: figure {figure_id} comes from {sentence_id}, "
                                             "which is not in its evidence"))
        try:
            value = recompute(question)
        except (ValueError, ZeroDivisionError, SyntaxError) as error:
            found.append(Problem(*where, f"{question.id}: the answer cannot be recomputed: {error}"))
            continue
        expected, tolerance = question.answer["value"], question.answer["tolerance"]
        if is_number(expected) and abs(value - expected) > (tolerance or 0) + 1e-9 * max(1, abs(value)):
            found.append(Problem(*where, f"{question.id}: answer {expected} {question.answer['unit']} "
                                         f"differs from the figures, which give {value:g}"))
    return found


# ----------------------------------------------------------------------- the API

def questions(article=None) -> list[Question]:
    """Every question, in bank order; or those of one article (id or Article)."""
    found = list(_content().questions.values())
    if article is None:
        return found
    article_id = getattr(article, "id", article)
    from dubao import corpus

    corpus.article(article_id)  # NotFound for an unknown article
    return [q for q in found if q.article == article_id]


def question(question_id: str) -> Question:
    found = _content().questions.get(question_id)
    if found is None:
        raise NotFound(f"no question {question_id!r}; ids look like qingzhen.q8")
    return found


def language_focus(article) -> list[LanguageFocus]:
    """The language-focus items of one article (id or Article)."""
    article_id = getattr(article, "id", article)
    from dubao import corpus

    corpus.article(article_id)
    return list(_content().focus.get(article_id, []))


def context_notes() -> list[ContextNote]:
    return list(_content().notes.values())


def context_note(note_id: str) -> ContextNote:
    found = _content().notes.get(note_id)
    if found is None:
        known = ", ".join(_content().notes)
        raise NotFound(f"no context note {note_id!r}; notes: {known}")
    return found


def problems() -> list[Problem]:
    """For ``dubao check``: everything wrong in the banks, language focus and notes."""
    reload()
    return list(_content().problems)
