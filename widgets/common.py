"""What every quiz widget shares: results of ``dubao.practice.answers`` shown as feedback in
escaped HTML, and recording attempts in the learner's progress store without ever
stopping a lesson when nothing can be saved."""

import html
import warnings

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


def quiz_parts(quiz) -> None:
    """Give a word quiz (VocabQuiz, ListeningQuiz) its shared parts, with the CSS
    classes the browser tests look for: ``prompt``, ``answer_box``, ``check_button``
    and ``next_button`` (calling ``quiz.check`` and ``quiz.next``), ``feedback`` and
    ``score_label``."""
    import ipywidgets as w

    quiz.prompt = w.HTML()
    quiz.prompt.add_class("dubao-quiz-prompt")
    quiz.answer_box = w.VBox()
    quiz.check_button = w.Button(description="Check", button_style="primary", tooltip="Check your answer")
    quiz.check_button.add_class("dubao-check")
    quiz.next_button = w.Button(description="Next", tooltip="Next question", disabled=True)
    quiz.next_button.add_class("dubao-next")
    quiz.feedback = w.HTML()
    quiz.feedback.add_class("dubao-feedback")
    quiz.score_label = w.HTML()
    quiz.score_label.add_class("dubao-score")
    quiz.check_button.on_click(lambda _: quiz.check())
    quiz.next_button.on_click(lambda _: quiz.next())


def replace_controls(box, controls) -> None:
    """Show new answer controls in ``box`` and close the old ones: each question makes
    its own, and a widget that is not closed stays registered for the whole session,
    so round after round would keep every one of them (tests/test_resources.py)."""
    for old in box.children:
        for part in (getattr(old, "layout", None), getattr(old, "style", None), old):
            if part is not None:
                part.close()
    box.children = list(controls)


def score_html(score: int, index: int, total: int) -> str:
    return f"<b>Score: {score} / {total}</b> · question {min(index + 1, total)} of {total}"


def round_over_html(score: int, total: int, missed: list[str], missed_heading: str,
                    note: str = "", none_missed: str = "") -> str:
    """The summary a quiz shows at the end of a round: the first-try score, an
    optional note, then the missed words (already escaped HTML) or ``none_missed``."""
    listed = "".join(f"<li>{item}</li>" for item in missed)
    return (f"<div><b>Round over: {score} of {total} right at the first try.</b></div>{note}"
            + (f"<div>{missed_heading}</div><ul>{listed}</ul>" if missed else none_missed))
