"""The model of a question: ``Question`` as the kit uses it, and the schema of a
question as content files write it, one record type for each kind of question
of a bank (``corpus/questions/*.yaml``) and of a language-focus exercise
(``corpus/language-focus.yaml``), chosen by ``type``. Keys, types and required
keys are checked by the schema (``dubao.schema``); ``to_question`` checks that
the answer holds against the choices, items and evidence, and makes the Question.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import Discriminator, Field

from dubao.schema import Model, Text

__all__ = ["TYPES", "EXERCISE_TYPES", "SKILLS", "LANGUAGES", "TRUTH_VALUES", "Question", "BankQuestion",
           "Exercise", "QuestionBankFile", "to_question"]

TYPES = ("multiple-choice", "true-false-not-given", "numeric", "ordering", "matching", "short-answer")
EXERCISE_TYPES = ("multiple-choice", "fill-in", "short-answer")
SKILLS = ("gist", "detail", "inference", "vocabulary", "numbers")
LANGUAGES = ("en", "zh")
TRUTH_VALUES = ("true", "false", "not-given")

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


Key = str | int          # YAML reads `1:` as a number; keys are compared as text
Number = int | float


class NumericAnswer(Model):
    value: Number
    unit: Text
    tolerance: Annotated[Number, Field(ge=0)]


# --- what each type adds


class _MultipleChoice(Model):
    type: Literal["multiple-choice"]
    choices: Annotated[dict[Key, Text], Field(min_length=2)]
    answer: Key


class _TrueFalse(Model):
    type: Literal["true-false-not-given"]
    statement: Text
    answer: bool | str


class _Numeric(Model):
    type: Literal["numeric"]
    answer: NumericAnswer
    figures: list[Text] = []
    compute: Text | None = None


class _Ordering(Model):
    type: Literal["ordering"]
    items: Annotated[dict[Key, Text], Field(min_length=2)]
    answer: list[Key]


class _Matching(Model):
    type: Literal["matching"]
    left: Annotated[dict[Key, Text], Field(min_length=2)]
    right: Annotated[dict[Key, Text], Field(min_length=1)]
    answer: dict[Key, Key]


class _ShortAnswer(Model):
    type: Literal["short-answer"]
    model_answer: Text
    rubric: Annotated[list[Text | Annotated[list[Text], Field(min_length=1)]], Field(min_length=1)]
    min_keywords: Annotated[int, Field(ge=1)]


class _FillIn(Model):
    type: Literal["fill-in"]
    answer: Text
    accept: list[Text] = []


# --- a question of a bank, and an exercise of a language-focus item


class _InBank(Model):
    id: Text
    skill: Literal[SKILLS]
    difficulty: Annotated[int, Field(ge=1, le=3)]
    level: Annotated[int, Field(ge=1, le=7)]
    language: Literal[LANGUAGES]
    prompt: str | None = None
    statement: str | None = None
    evidence: Annotated[list[Text], Field(min_length=1)]
    explanation: Text


class _InFocus(Model):
    language: Literal[LANGUAGES] = "en"
    prompt: Text
    evidence: list[Text] | None = None
    explanation: Text


class BankMultipleChoice(_MultipleChoice, _InBank): pass
class BankTrueFalse(_TrueFalse, _InBank): pass
class BankNumeric(_Numeric, _InBank): pass
class BankOrdering(_Ordering, _InBank): pass
class BankMatching(_Matching, _InBank): pass
class BankShortAnswer(_ShortAnswer, _InBank): pass
class ExerciseMultipleChoice(_MultipleChoice, _InFocus): pass
class ExerciseShortAnswer(_ShortAnswer, _InFocus): pass
class ExerciseFillIn(_FillIn, _InFocus): pass


BankQuestion = Annotated[BankMultipleChoice | BankTrueFalse | BankNumeric | BankOrdering | BankMatching
                         | BankShortAnswer, Discriminator("type")]
Exercise = Annotated[ExerciseMultipleChoice | ExerciseShortAnswer | ExerciseFillIn, Discriminator("type")]


class QuestionBankFile(Model):
    """One bank: its article and its questions (``draft: true`` for a bank
    written by ``python -m dubao new-article`` and not reviewed yet)."""

    article: Text
    draft: bool = False
    questions: Annotated[list[BankQuestion], Field(min_length=1)]


# --- from a record to a Question


def _text_keys(mapping: dict) -> dict[str, str]:
    return {str(k): str(v) for k, v in mapping.items()}


def to_question(record, article: str, label: str, sentences: dict[str, str], problems: list) -> Question:
    """The Question of a valid record; what does not hold (an answer that is not
    a choice, evidence that is not a sentence) goes to ``problems``."""
    def add(message, key=None, hint=""):
        problems.append(record.problem(f"{label}: {message}", key, hint))

    evidence = tuple(record.evidence or ())
    for sentence_id in evidence:
        if sentence_id not in sentences:
            add(f"evidence sentence {sentence_id!r} does not exist", "evidence",
                "ids look like qingzhen.p7.s3; see python -m dubao articles --json")
    prompt = (record.prompt or "").strip()
    statement = (getattr(record, "statement", None) or "").strip()
    if not prompt and not statement:
        add("no prompt", "prompt")
    fields: dict = {}
    kind = record.type
    if kind == "multiple-choice":
        choices = _text_keys(record.choices)
        if str(record.answer) not in choices:
            add(f"answer {record.answer!r} is not one of the choices {', '.join(choices)}", "answer")
        fields = {"choices": choices, "answer": str(record.answer)}
    elif kind == "true-false-not-given":
        value = {True: "true", False: "false"}.get(record.answer, record.answer) \
            if isinstance(record.answer, bool) else record.answer
        if value not in TRUTH_VALUES:
            add(f"answer {record.answer!r} must be true, false or not-given", "answer")
        fields = {"answer": value}
    elif kind == "numeric":
        fields = {"answer": record.answer.model_dump(), "figures": tuple(record.figures),
                  "compute": record.compute}
    elif kind == "ordering":
        items, order = _text_keys(record.items), [str(k) for k in record.answer]
        if sorted(order) != sorted(items):
            add(f"answer {order!r} is not an order of all the items {', '.join(items)}", "answer",
                "list each item key exactly once")
        fields = {"items": items, "answer": tuple(order)}
    elif kind == "matching":
        left, right = _text_keys(record.left), _text_keys(record.right)
        pairs = _text_keys(record.answer)
        if set(pairs) != set(left) or not set(pairs.values()) <= set(right):
            add(f"answer {dict(record.answer)!r} does not match every left item ({', '.join(left)}) to one "
                f"of the right items ({', '.join(right)})", "answer")
        fields = {"left": left, "right": right, "answer": pairs}
    elif kind == "short-answer":
        rubric = tuple(tuple(entry) if isinstance(entry, list) else (entry,) for entry in record.rubric)
        if record.min_keywords > len(rubric):
            add(f"min_keywords must be between 1 and the number of rubric keywords ({len(rubric)}), "
                f"not {record.min_keywords}", "min_keywords")
        fields = {"model_answer": record.model_answer, "rubric": rubric, "min_keywords": record.min_keywords}
    elif kind == "fill-in":
        forms = [record.answer, *record.accept]
        fields = {"answer": record.answer, "accept": tuple(dict.fromkeys(forms))}
    file, line = record.where()
    return Question(id=label, article=article, type=kind, prompt=prompt, statement=statement or None,
                    explanation=record.explanation, evidence=evidence, skill=getattr(record, "skill", None),
                    difficulty=getattr(record, "difficulty", None), level=getattr(record, "level", None),
                    language=record.language, file=file, line=line, **fields)
