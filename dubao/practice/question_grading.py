"""Grading a learner's answer to a question of the banks or a language-focus
exercise (``dubao.content.questions``): the answer forms each type accepts (A or
the text of a choice; true, 对, 未提及 …; "bdac" for an order), and the feedback
for an empty, unreadable, wrong or right answer. Numbers and rubrics are graded
by ``dubao.practice.answers``.

    >>> from dubao import questions
    >>> grade(questions.question("qingzhen.q8"), "2440万羽").status
    'correct'
"""

import re

from dubao.practice import answers

__all__ = ["TRUTH_ANSWERS", "TRUTH_WORDS", "grade"]


TRUTH_ANSWERS = {
    "true": "true", "t": "true", "yes": "true", "对": "true", "正确": "true", "是": "true", "√": "true",
    "false": "false", "f": "false", "no": "false", "错": "false", "错误": "false", "不对": "false",
    "×": "false", "not given": "not-given", "not-given": "not-given", "notgiven": "not-given",
    "ng": "not-given", "n": "not-given", "未提及": "not-given", "没有提到": "not-given",
    "没提到": "not-given", "文中未提及": "not-given", "不知道": "not-given",
}
TRUTH_WORDS = {"true": "true", "false": "false", "not-given": "not given"}


def grade(question, answer):
    """Grade one answer to a question or exercise; returns ``dubao.practice.answers.Result``
    with status correct, wrong, empty (nothing given yet: a prompt, not a wrong
    mark) or unreadable (e.g. "I could not read that as a number: …")."""
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
