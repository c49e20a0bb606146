"""Code exercises in the lessons: the student writes a small function (count the
sentences that use a word, compute a growth rate from the page's figures …) and
``CodeCheck`` shows whether it returns the answer (``dubao.practice.code_check``
runs and grades it), with the same feedback as the quizzes. A function that is
still the lesson's stub (``raise NotImplementedError``) gets a prompt instead of
an error, so a lesson always runs from top to bottom.

    >>> def speedup():
    ...     return 699 * 24 / 1.64
    >>> CodeCheck(speedup, expected=10229, kind="number", tolerance=5, question="xinhua-speedup")  # doctest: +SKIP
"""

import html

import ipywidgets as w

from dubao.practice import answers, code_check
from dubao.practice.code_check import KINDS
from widgets.common import feedback_html, record

__all__ = ["CodeCheck"]


class CodeCheck(w.VBox):
    """Run ``function()`` and show whether it returns ``expected``. Re-run the cell
    (or press Check again) after changing the function."""

    def __init__(self, function, expected, kind: str = "value", unit: str = "", tolerance: float = 0,
                 question: str = "", lesson: str = "", explanation: str = "", **kwargs):
        if kind not in KINDS:
            raise ValueError(f"CodeCheck kind must be one of {', '.join(KINDS)}, not {kind!r}")
        self.function, self.expected = function, expected
        self.kind, self.unit, self.tolerance = kind, unit, tolerance
        self.question, self.lesson, self.explanation = question, lesson, explanation
        self.result: answers.Result | None = None
        self.feedback = w.HTML()
        self.feedback.add_class("dubao-feedback")
        self.button = w.Button(description="Check", button_style="primary",
                               tooltip=f"Run {getattr(function, '__name__', 'your function')}() and check it")
        self.button.add_class("dubao-check")
        self.button.on_click(lambda _: self.check())
        super().__init__([self.button, self.feedback], **kwargs)
        self.add_class("dubao-code-check")
        self.check()

    def check(self) -> answers.Result:
        """Run the function as the student last defined it, show the feedback and
        record a graded attempt (``dubao.practice.code_check`` does the grading)."""
        outcome = code_check.check(self.function, self.expected, self.kind, self.unit, self.tolerance)
        self.result = outcome.result
        extra = html.escape(self.explanation) if self.explanation and outcome.returned else ""
        self.feedback.value = feedback_html(self.result, right_extra=extra)
        if self.question and outcome.returned and self.result.status in ("correct", "wrong"):
            record(self.lesson or "exercises", self.question, outcome.value, self.result.status == "correct")
        return self.result
