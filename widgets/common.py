"""What every quiz widget shares: grading through ``dubao.practice.answers``, feedback as
escaped HTML, and recording attempts in the learner's progress store without ever
stopping a lesson when nothing can be saved."""

import html
import warnings

from dubao.practice import answers

FEEDBACK_CLASS = {"correct": "dubao-right", "wrong": "dubao-wrong", "empty": "dubao-prompt",
                  "unreadable": "dubao-prompt"}
FEEDBACK_STYLE = {"correct": "color:#1a7f37", "wrong": "color:#b42318", "empty": "color:#8a6100",
                  "unreadable": "color:#8a6100"}


def feedback_html(result, right_extra: str = "") -> str:
    """A result as HTML: its message escaped; ``right_extra`` (already escaped) is
    shown after a right answer, e.g. the word with its pinyin and gloss."""
    status = result.status
    icon = {"correct": "✔ ", "wrong": "✘ "}.get(status, "")
    extra = f"<div>{right_extra}</div>" if right_extra and status == "correct" else ""
    return (f'<div class="{FEEDBACK_CLASS.get(status, "")}" style="{FEEDBACK_STYLE.get(status, "")}">'
            f"{icon}{html.escape(result.message)}</div>{extra}")


def compare_choice(given, expected):
    """Grade a multiple-choice answer; no choice yet is a prompt, not a wrong mark."""
    if given is None or given == "":
        return answers.Result("empty", "Choose an answer first.")
    if given == expected:
        return answers.Result("correct", "Right!")
    return answers.Result("wrong", "Not quite. Try again.")


def store():
    """The learner's progress store, or None when there is none (the lesson goes on)."""
    try:
        from dubao.practice import progress

        return progress.open_store()
    except Exception as error:  # noqa: BLE001 - saving must never break a lesson
        warnings.warn(f"Progress is not being saved: {error}", stacklevel=2)
        return None


def record(lesson: str, question: str, answer, correct: bool, article: str | None = None) -> None:
    found = store()
    if found is None:
        return
    try:
        found.record_attempt(lesson, question, "" if answer is None else str(answer), bool(correct),
                             article=article)
    except Exception as error:  # noqa: BLE001
        warnings.warn(f"This answer was not saved: {error}", stacklevel=2)
