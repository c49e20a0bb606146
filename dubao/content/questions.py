"""The comprehension content of the kit: the question banks (``corpus/questions/*.yaml``),
the language-focus items (``corpus/language-focus.yaml``) and the context notes
(``corpus/context-notes.yaml``). This module loads them, checks them for
``python -m dubao check`` (every answer key, evidence id and example span must
hold against the page), and grades a learner's answer through ``dubao.practice.answers``.

    >>> from dubao import questions
    >>> q = questions.question("qingzhen.q8")
    >>> q.type, q.evidence
    ('numeric', ('qingzhen.p7.s2',))
    >>> questions.grade(q, "2440万羽").status
    'correct'
"""

import ast
import operator
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dubao import yamlio
from dubao.errors import CorpusError, NotFound, Problem
from dubao.paths import corpus_dir

TYPES = ("multiple-choice", "true-false-not-given", "numeric", "ordering", "matching", "short-answer")
EXERCISE_TYPES = ("multiple-choice", "fill-in", "short-answer")
SKILLS = ("gist", "detail", "inference", "vocabulary", "numbers")
LANGUAGES = ("en", "zh")
TRUTH_VALUES = ("true", "false", "not-given")

COMMON_FIELDS = {"id", "type", "skill", "difficulty", "level", "language", "prompt", "statement",
                 "evidence", "explanation"}
FIELDS_BY_TYPE = {
    "multiple-choice": {"choices", "answer"},
    "true-false-not-given": {"answer"},
    "numeric": {"answer", "figures", "compute"},
    "ordering": {"items", "answer"},
    "matching": {"left", "right", "answer"},
    "short-answer": {"model_answer", "rubric", "min_keywords"},
    "fill-in": {"answer", "accept"},
}
FOCUS_FIELDS = {"id", "pattern", "meaning", "explanation", "example", "exercise"}
NOTE_FIELDS = {"id", "term", "pinyin", "title", "note", "sentences", "sources"}
QUESTION_ID = re.compile(r"^(?P<article>[a-z0-9][a-z0-9-]*)\.q[1-9][0-9]*$")
FOCUS_ID = re.compile(r"^(?P<article>[a-z0-9][a-z0-9-]*)\.lf[1-9][0-9]*$")
NOTE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FOCUS_PER_ARTICLE = (3, 6)


@dataclass(frozen=True, eq=False)
class Question:
    """One question (or language-focus exercise) with everything needed to ask,
    grade and explain it. Mappings use string keys (``"1"``, ``"a"``, ``"B"``)."""

    id: str
    article: str
    type: str
    prompt: str
    explanation: str
    evidence: tuple[str, ...] = ()
    skill: str | None = None
    difficulty: int | None = None
    level: int | None = None
    language: str = "en"
    statement: str | None = None
    choices: dict = field(default_factory=dict)
    answer: object = None
    items: dict = field(default_factory=dict)
    left: dict = field(default_factory=dict)
    right: dict = field(default_factory=dict)
    model_answer: str | None = None
    rubric: tuple[tuple[str, ...], ...] = ()
    min_keywords: int | None = None
    accept: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    compute: str | None = None
    file: str = ""
    line: int | None = None

    @property
    def text(self) -> str:
        """What the learner is asked: the prompt, or the statement to judge."""
        return self.statement or self.prompt

    def to_dict(self) -> dict:
        """The JSON form printed by ``python -m dubao questions --json``."""
        out = {"id": self.id, "article": self.article, "type": self.type, "skill": self.skill,
               "difficulty": self.difficulty, "level": self.level, "language": self.language,
               "prompt": self.prompt, "evidence": list(self.evidence), "explanation": self.explanation}
        if self.statement:
            out["statement"] = self.statement
        optional = {"choices": self.choices, "items": self.items, "left": self.left, "right": self.right,
                    "model_answer": self.model_answer, "rubric": [list(k) for k in self.rubric],
                    "min_keywords": self.min_keywords, "accept": list(self.accept),
                    "figures": list(self.figures), "compute": self.compute}
        out.update({k: v for k, v in optional.items() if v not in (None, {}, [], ())})
        if self.type == "numeric" and isinstance(self.answer, dict):
            out["figures"] = list(self.figures)
        out["answer"] = list(self.answer) if isinstance(self.answer, tuple) else self.answer
        return out


@dataclass(frozen=True, eq=False)
class LanguageFocus:
    """A sentence pattern or expression of one article, its example on the page
    and a short exercise."""

    id: str
    article: str
    pattern: str
    meaning: str
    explanation: str
    sentence: str
    example: str
    exercise: Question | None


@dataclass(frozen=True, eq=False)
class ContextNote:
    """Background a foreign learner needs to follow the page (新质生产力, 人大代表 …)."""

    id: str
    term: str
    pinyin: str
    title: str
    note: str
    sentences: tuple[str, ...]
    sources: tuple[str, ...]


# ------------------------------------------------------------------------ loading

@dataclass
class _Content:
    questions: dict[str, Question]
    focus: dict[str, list[LanguageFocus]]
    notes: dict[str, ContextNote]
    problems: list[Problem]


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _keys(mapping) -> dict:
    """YAML reads ``1:`` as an int; every key and value is compared as text."""
    return {str(k): v for k, v in mapping.items()} if isinstance(mapping, dict) else {}


def _where(node, key=None) -> tuple[str, int | None]:
    if isinstance(node, yamlio.Node):
        return node.where(key)
    return getattr(node, "file", "?"), getattr(node, "line", None)


class _Checker:
    """Collects problems while content is read; ``sentences`` maps id -> text."""

    def __init__(self, sentences: dict[str, str]):
        self.sentences = sentences
        self.problems: list[Problem] = []

    def add(self, node, message, key=None, hint=""):
        file, line = _where(node, key)
        self.problems.append(Problem(file, line, message, hint))

    def section(self, path: Path, key: str, kind: type, message: str):
        """The part ``key`` of a YAML file, or None (with a problem) when the file
        is absent, unreadable or that part has the wrong shape."""
        if not path.exists():
            return None
        try:
            data = yamlio.load(path, dict)
        except CorpusError as error:
            self.problems += error.problems
            return None
        value = data.get(key)
        if not isinstance(value, kind):
            self.add(data, message, key)
            return None
        return value

    def mappings(self, nodes, what: str) -> list:
        """The entries of a YAML list that are mappings; any other entry is a
        problem reported at the list's line."""
        found = []
        for node in nodes if isinstance(nodes, list) else []:
            if isinstance(node, dict):
                found.append(node)
            else:
                self.add(nodes, f"each {what} must be a mapping (id: …), not {node!r}")
        return found

    def evidence(self, node, label, ids, key):
        if not isinstance(ids, list) or not ids:
            self.add(node, f"{label}: '{key}' must list at least one sentence id", key,
                     "e.g. [qingzhen.p7.s2]")
            return ()
        for sentence_id in ids:
            if sentence_id not in self.sentences:
                self.add(node, f"{label}: evidence sentence {sentence_id!r} does not exist", key,
                         "ids look like qingzhen.p7.s3; see python -m dubao articles --json")
        return tuple(str(s) for s in ids)


def _read_question(node, article: str, checker: _Checker, exercise_of: str | None = None) -> Question | None:
    """A Question from its YAML mapping, or None; problems go to the checker."""
    add = checker.add
    if not isinstance(node, dict):
        add(node, "a question must be a mapping (id:, type:, …)")
        return None
    label = exercise_of or str(node.get("id") or "question")
    allowed_types = EXERCISE_TYPES if exercise_of else TYPES
    kind = node.get("type")
    if kind not in allowed_types:
        add(node, f"{label}: unknown type {kind!r}", "type", f"use one of: {', '.join(allowed_types)}")
        return None
    allowed = COMMON_FIELDS | FIELDS_BY_TYPE[kind]
    for key in node:
        if key not in allowed:
            add(node, f"{label}: unknown field {key!r} for a {kind} question", key,
                f"fields: {', '.join(sorted(allowed))}")
    if not exercise_of:
        for key, choices in (("skill", SKILLS), ("language", LANGUAGES)):
            if node.get(key) not in choices:
                add(node, f"{label}: unknown {key} {node.get(key)!r}", key, f"use one of: {', '.join(choices)}")
        for key, top in (("difficulty", 3), ("level", 7)):
            value = node.get(key)
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= top:
                add(node, f"{label}: {key} must be a whole number from 1 to {top}, not {value!r}", key)
    elif "language" in node and node.get("language") not in LANGUAGES:
        add(node, f"{label}: unknown language {node.get('language')!r}", "language", "use en or zh")
    if not _text(node.get("explanation")):
        add(node, f"{label}: no explanation", "explanation",
            "say why the answer is right, quoting the Chinese span")
    prompt, statement = _text(node.get("prompt")), _text(node.get("statement"))
    if kind == "true-false-not-given" and not statement:
        add(node, f"{label}: a true-false-not-given question needs a 'statement'", "statement")
    elif not prompt and not statement:
        add(node, f"{label}: no prompt", "prompt")
    evidence = ()
    if not exercise_of or "evidence" in node:
        evidence = checker.evidence(node, label, node.get("evidence"), "evidence")
    fields = _answer_fields(node, kind, label, checker)
    return Question(
        id=label, article=article, type=kind, prompt=prompt, statement=statement or None,
        explanation=_text(node.get("explanation")), evidence=evidence, skill=node.get("skill"),
        difficulty=node.get("difficulty"), level=node.get("level"),
        language=node.get("language") or "en", file=_where(node)[0], line=_where(node)[1], **fields)


def _answer_fields(node, kind, label, checker) -> dict:
    """The type-specific fields, checked: the answer must be gradable."""
    add = checker.add
    answer = node.get("answer")
    if kind == "multiple-choice":
        choices = _keys(node.get("choices"))
        if len(choices) < 2 or not all(_text(v) for v in choices.values()):
            add(node, f"{label}: 'choices' needs at least two non-empty choices", "choices")
        if str(answer) not in choices:
            add(node, f"{label}: answer {answer!r} is not one of the choices {', '.join(choices) or '(none)'}",
                "answer")
        return {"choices": {k: str(v) for k, v in choices.items()}, "answer": str(answer)}
    if kind == "true-false-not-given":
        value = {True: "true", False: "false"}.get(answer, answer) if isinstance(answer, bool) else answer
        if value not in TRUTH_VALUES:
            add(node, f"{label}: answer {answer!r} must be true, false or not-given", "answer")
        return {"answer": value}
    if kind == "numeric":
        return _numeric_fields(node, label, checker)
    if kind == "ordering":
        items = _keys(node.get("items"))
        order = [str(k) for k in answer] if isinstance(answer, list) else None
        if len(items) < 2:
            add(node, f"{label}: 'items' needs at least two items to order", "items")
        if order is None or sorted(order) != sorted(items):
            add(node, f"{label}: answer {answer!r} is not an order of all the items {', '.join(items)}",
                "answer", "list each item key exactly once")
        return {"items": {k: str(v) for k, v in items.items()}, "answer": tuple(order or ())}
    if kind == "matching":
        left, right = _keys(node.get("left")), _keys(node.get("right"))
        pairs = {str(k): str(v) for k, v in answer.items()} if isinstance(answer, dict) else None
        if len(left) < 2 or not right:
            add(node, f"{label}: matching needs at least two 'left' items and some 'right' items", "left")
        if pairs is None or set(pairs) != set(left) or not set(pairs.values()) <= set(right):
            add(node, f"{label}: answer {answer!r} does not match every left item "
                      f"({', '.join(left)}) to one of the right items ({', '.join(right)})", "answer")
        return {"left": {k: str(v) for k, v in left.items()}, "right": {k: str(v) for k, v in right.items()},
                "answer": pairs or {}}
    if kind == "short-answer":
        return _short_answer_fields(node, label, checker)
    # fill-in: an answer and other accepted forms
    accept = node.get("accept") or []
    if not isinstance(answer, str) or not answer.strip():
        add(node, f"{label}: a fill-in exercise needs an 'answer' (text)", "answer")
    if not isinstance(accept, list) or not all(_text(a) for a in accept):
        add(node, f"{label}: 'accept' must be a list of texts", "accept")
        accept = []
    forms = [_text(answer), *(str(a).strip() for a in accept)]
    return {"answer": _text(answer), "accept": tuple(f for f in dict.fromkeys(forms) if f)}


def _numeric_fields(node, label, checker) -> dict:
    add = checker.add
    answer = node.get("answer")
    if not isinstance(answer, dict):
        add(node, f"{label}: a numeric answer must be {{value: …, unit: …, tolerance: …}}", "answer")
        return {"answer": {}}
    value, tolerance = answer.get("value"), answer.get("tolerance")
    if not _is_number(value):
        add(answer, f"{label}: numeric answer has no number 'value'", "value")
    if not _text(answer.get("unit")):
        add(answer, f"{label}: numeric answer has no unit", "unit",
            "give the unit the learner should answer in, e.g. 万羽, 亿元, %")
    if not _is_number(tolerance) or tolerance < 0:
        add(answer, f"{label}: numeric answer needs a tolerance of 0 or more", "tolerance",
            "absolute, in the answer's unit; 0 for an exact figure")
    figures = node.get("figures")
    if figures is None:
        figures = []
    if not isinstance(figures, list):
        add(node, f"{label}: 'figures' must be a list of figure ids", "figures")
        figures = []
    compute = node.get("compute")
    if compute is not None and not _text(compute):
        add(node, f"{label}: 'compute' must be an expression over the figures", "compute")
    return {"answer": {"value": value, "unit": _text(answer.get("unit")), "tolerance": tolerance},
            "figures": tuple(str(f) for f in figures), "compute": _text(compute) or None}


def _short_answer_fields(node, label, checker) -> dict:
    add = checker.add
    rubric = node.get("rubric")
    keywords = []
    if not isinstance(rubric, list) or not rubric:
        add(node, f"{label}: a short answer needs a 'rubric' (a list of keywords with alternatives)", "rubric")
    else:
        for entry in rubric:
            options = entry if isinstance(entry, list) else [entry]
            if not options or not all(_text(o) for o in options):
                add(node, f"{label}: rubric entry {entry!r} must be a non-empty list of texts", "rubric")
                continue
            keywords.append(tuple(str(o) for o in options))
    minimum = node.get("min_keywords")
    if not isinstance(minimum, int) or isinstance(minimum, bool) or not 1 <= minimum <= max(len(keywords), 1):
        add(node, f"{label}: min_keywords must be between 1 and the number of rubric keywords "
                  f"({len(keywords)}), not {minimum!r}", "min_keywords")
    if not _text(node.get("model_answer")):
        add(node, f"{label}: a short answer needs a 'model_answer'", "model_answer")
    return {"model_answer": _text(node.get("model_answer")) or None, "rubric": tuple(keywords),
            "min_keywords": minimum if isinstance(minimum, int) else None}


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _read_banks(folder: Path, checker: _Checker, articles: set[str]) -> dict[str, Question]:
    found: dict[str, Question] = {}
    for path in sorted((folder / "questions").glob("*.yaml")):
        try:
            data = yamlio.load(path, dict)
        except CorpusError as error:
            checker.problems += error.problems
            continue
        article = data.get("article")
        if article != path.stem:
            checker.add(data, f"'article' is {article!r} but the file is {path.name}", "article",
                        f"write article: {path.stem}")
        if article not in articles:
            checker.add(data, f"question bank for unknown article {article!r}", "article",
                        f"articles: {', '.join(sorted(articles))}")
            continue
        nodes = data.get("questions")
        if not isinstance(nodes, list) or not nodes:
            checker.add(data, "no questions: 'questions' must be a list", "questions")
            continue
        for node in checker.mappings(nodes, "question"):
            question_id = node.get("id")
            match = QUESTION_ID.match(question_id) if isinstance(question_id, str) else None
            if not match or match["article"] != article:
                checker.add(node, f"question id {question_id!r} must look like {article}.q<N>", "id")
                continue
            if question_id in found:
                first = found[question_id]
                checker.add(node, f"duplicate question id {question_id!r}", "id",
                            f"first used at {first.file}:{first.line}")
                continue
            question = _read_question(node, article, checker)
            if question is not None:
                found[question_id] = question
    return found


def _read_focus(folder: Path, checker: _Checker, articles: set[str]) -> dict[str, list[LanguageFocus]]:
    by_article = checker.section(folder / "language-focus.yaml", "articles", dict,
                                 "'articles' must map each article id to its list of items")
    if by_article is None:
        return {}
    seen: set[str] = set()
    out: dict[str, list[LanguageFocus]] = {}
    for article, nodes in by_article.items():
        if article not in articles:
            checker.add(by_article, f"language focus for unknown article {article!r}", article)
            continue
        low, high = FOCUS_PER_ARTICLE
        if not isinstance(nodes, list) or not low <= len(nodes) <= high:
            count = len(nodes) if isinstance(nodes, list) else 0
            checker.add(by_article, f"{article} has {count} language-focus items; {low}–{high} expected", article)
        for node in checker.mappings(nodes, "language-focus item"):
            item = _read_focus_item(node, article, checker, seen)
            if item is not None:
                out.setdefault(article, []).append(item)
    return out


def _read_focus_item(node, article, checker, seen) -> LanguageFocus | None:
    add = checker.add
    item_id = node.get("id")
    match = FOCUS_ID.match(item_id) if isinstance(item_id, str) else None
    if not match or match["article"] != article:
        add(node, f"language-focus id {item_id!r} must look like {article}.lf<N>", "id")
        return None
    if item_id in seen:
        add(node, f"duplicate language-focus id {item_id!r}", "id")
        return None
    seen.add(item_id)
    for key in node:
        if key not in FOCUS_FIELDS:
            add(node, f"{item_id}: unknown field {key!r}", key, f"fields: {', '.join(sorted(FOCUS_FIELDS))}")
    for key in ("pattern", "meaning", "explanation"):
        if not _text(node.get(key)):
            add(node, f"{item_id}: no {key}", key)
    example = node.get("example")
    sentence_id = example.get("sentence") if isinstance(example, dict) else None
    span = _text(example.get("text")) if isinstance(example, dict) else ""
    if not sentence_id or not span:
        add(node, f"{item_id}: 'example' needs a sentence id and the text of the example",
            "example", "example: {sentence: qingzhen.p7.s2, text: 以2024年为例}")
    elif sentence_id not in checker.sentences:
        add(node, f"{item_id}: example sentence {sentence_id!r} does not exist", "example")
    elif span not in checker.sentences[sentence_id]:
        add(node, f"{item_id}: example text {span!r} is not in sentence {sentence_id}", "example",
            "copy the span exactly from the cleaned sentence")
    exercise = node.get("exercise")
    question = None
    if exercise is None:
        add(node, f"{item_id}: no exercise", "exercise")
    else:
        question = _read_question(exercise, article, checker, exercise_of=item_id)
    return LanguageFocus(item_id, article, _text(node.get("pattern")), _text(node.get("meaning")),
                         _text(node.get("explanation")), str(sentence_id or ""), span, question)


def _read_notes(folder: Path, checker: _Checker) -> dict[str, ContextNote]:
    nodes = checker.section(folder / "context-notes.yaml", "notes", list, "'notes' must be a list of notes")
    if nodes is None:
        return {}
    out: dict[str, ContextNote] = {}
    for node in checker.mappings(nodes, "context note"):
        note_id = node.get("id")
        if not isinstance(note_id, str) or not NOTE_ID.match(note_id):
            checker.add(node, f"context note id {note_id!r} must use lower-case letters, digits and '-'", "id")
            continue
        if note_id in out:
            checker.add(node, f"duplicate context note id {note_id!r}", "id")
            continue
        for key in node:
            if key not in NOTE_FIELDS:
                checker.add(node, f"{note_id}: unknown field {key!r}", key)
        for key in ("term", "pinyin", "title", "note"):
            if not _text(node.get(key)):
                checker.add(node, f"{note_id}: no {key}", key)
        sentences = node.get("sentences") or []
        if not isinstance(sentences, list):
            checker.add(node, f"{note_id}: 'sentences' must be a list of sentence ids", "sentences")
            sentences = []
        for sentence_id in sentences:
            if sentence_id not in checker.sentences:
                checker.add(node, f"{note_id}: cites sentence {sentence_id!r}, which does not exist", "sentences")
        sources = node.get("sources") or []
        if not isinstance(sources, list) or not all(_text(s) for s in sources):
            checker.add(node, f"{note_id}: 'sources' must be a list of source names", "sources")
            sources = []
        out[note_id] = ContextNote(note_id, _text(node.get("term")), _text(node.get("pinyin")),
                                   _text(node.get("title")), _text(node.get("note")),
                                   tuple(map(str, sentences)), tuple(map(str, sources)))
    return out


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
    checker = _Checker(sentences)
    banks = _read_banks(folder, checker, articles)
    focus = _read_focus(folder, checker, articles)
    notes = _read_notes(folder, checker)
    try:
        checker.problems += _figure_problems(banks.values())
    except CorpusError:
        pass  # figures.yaml is broken: the figures check reports it; the banks' own problems still count
    return _Content(banks, focus, notes, checker.problems)


def _content() -> _Content:
    return _load(corpus_dir().resolve())


def reload() -> None:
    """Forget the cached content (after an instructor edits a bank)."""
    _load.cache_clear()


# ----------------------------------------------------------------- numeric answers

_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
              ast.Div: operator.truediv, ast.USub: operator.neg}


def _evaluate(expression: str, names: dict[str, float]) -> float:
    """A small arithmetic expression (+ - * / and brackets) over named numbers;
    no other Python is run."""

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and _is_number(node.value):
            return node.value
        if isinstance(node, ast.Name) and node.id in names:
            return names[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](walk(node.operand))
        raise ValueError(f"cannot use {ast.unparse(node)!r}")

    return float(walk(ast.parse(expression, mode="eval")))


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
        base = _evaluate(expression, {name: values[fid] for name, fid in names.items()})
    elif len(values) == 1:
        base = next(iter(values.values()))
    else:
        raise ValueError(f"{question.id} lists {len(values)} figures but no 'compute'")
    return base / _unit_scale(figures, question.answer["unit"])


def _base_value(figure) -> float:
    if not _is_number(figure.base_value):
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
               and _is_number(q.answer.get("value"))]
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
        if _is_number(expected) and abs(value - expected) > (tolerance or 0) + 1e-9 * max(1, abs(value)):
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


# ------------------------------------------------------------------------ grading

TRUTH_ANSWERS = {
    "true": "true", "t": "true", "yes": "true", "对": "true", "正确": "true", "是": "true", "√": "true",
    "false": "false", "f": "false", "no": "false", "错": "false", "错误": "false", "不对": "false",
    "×": "false", "not given": "not-given", "not-given": "not-given", "notgiven": "not-given",
    "ng": "not-given", "n": "not-given", "未提及": "not-given", "没有提到": "not-given",
    "没提到": "not-given", "文中未提及": "not-given", "不知道": "not-given",
}
TRUTH_WORDS = {"true": "true", "false": "false", "not-given": "not given"}


def grade(question: Question, answer):
    """Grade one answer to a question or exercise; returns ``dubao.practice.answers.Result``
    with status correct, wrong, empty (nothing given yet: a prompt, not a wrong
    mark) or unreadable (e.g. "I could not read that as a number: …")."""
    from dubao.practice import answers

    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return answers.Result("empty", _EMPTY.get(question.type, "Type an answer first."))
    grader = _GRADERS[question.type]
    return grader(question, answer, answers)


_EMPTY = {"multiple-choice": "Choose an answer first.",
          "true-false-not-given": "Choose true, false or not given first.",
          "ordering": "Put every item in a position first.",
          "matching": "Match every item first."}


def _right_or_wrong(answers, right: bool, wrong_message: str = "Not quite. Try again."):
    return answers.Result("correct", "Right!") if right else answers.Result("wrong", wrong_message)


def _grade_choice(question, answer, answers):
    given = str(answer).strip()
    keys = {k.upper(): k for k in question.choices}
    key = keys.get(answers.normalize_text(given).upper())
    if key is None:  # the learner may have typed the text of a choice
        texts = {answers.normalize_text(v): k for k, v in question.choices.items()}
        key = texts.get(answers.normalize_text(given))
    if key is None:
        return answers.Result("unreadable", f"Choose one of {', '.join(question.choices)}.")
    return _right_or_wrong(answers, key == question.answer)


def _grade_truth(question, answer, answers):
    if isinstance(answer, bool):
        given = "true" if answer else "false"
    else:
        given = TRUTH_ANSWERS.get(answers.normalize_text(str(answer)).lower().replace("_", " "))
    if given is None:
        return answers.Result("unreadable", "Answer true, false or not given.")
    return _right_or_wrong(answers, given == question.answer,
                           f"Not quite: it is not “{TRUTH_WORDS[given]}”. Try again.")


def _grade_number(question, answer, answers):
    expected = question.answer
    return answers.compare_number(str(answer), expected["value"], expected["unit"], expected["tolerance"])


def _grade_order(question, answer, answers):
    if isinstance(answer, str):
        given = [p for p in re.split(r"[\s,，、;；>→-]+", answers.normalize_text(answer)) if p]
        if len(given) == 1 and len(given[0]) == len(question.items):
            given = list(given[0])  # "bdac"
    else:
        given = ["" if a is None else str(a).strip() for a in answer]
    if not given or any(not a for a in given) or len(given) < len(question.items):
        return answers.Result("empty", _EMPTY["ordering"])
    if sorted(given) != sorted(question.items):
        return answers.Result("unreadable", f"Use each of {', '.join(question.items)} exactly once.")
    in_place = sum(g == e for g, e in zip(given, question.answer))
    return _right_or_wrong(answers, in_place == len(question.answer),
                           f"{in_place} of {len(question.answer)} in the right place. Try again.")


def _grade_matching(question, answer, answers):
    if not isinstance(answer, dict):
        return answers.Result("unreadable", "Give one match for each item.")
    given = {str(k): ("" if v is None else str(v).strip()) for k, v in answer.items()}
    if any(not given.get(k) for k in question.left):
        return answers.Result("empty", _EMPTY["matching"])
    if not set(given.values()) <= set(question.right):
        return answers.Result("unreadable", f"Match each item to one of {', '.join(question.right)}.")
    right = sum(given[k] == v for k, v in question.answer.items())
    return _right_or_wrong(answers, right == len(question.answer),
                           f"{right} of {len(question.answer)} matched correctly. Try again.")


def _grade_short(question, answer, answers):
    return answers.match_rubric(str(answer), [list(k) for k in question.rubric], question.min_keywords)


def _grade_fill(question, answer, answers):
    given = answers.normalize_text(str(answer))
    return _right_or_wrong(answers, any(given == answers.normalize_text(a) for a in question.accept))


_GRADERS = {"multiple-choice": _grade_choice, "true-false-not-given": _grade_truth,
            "numeric": _grade_number, "ordering": _grade_order, "matching": _grade_matching,
            "short-answer": _grade_short, "fill-in": _grade_fill}
