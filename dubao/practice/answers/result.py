"""What every grader returns, and the cleaning all of them share: a ``Result``
with a status the widgets can show (an empty box is a prompt, not a wrong mark),
and text folded so that full-width letters and case never decide an answer."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field


STATUSES = ("correct", "wrong", "empty", "unreadable")
EMPTY_PROMPT = "Type an answer first."


@dataclass(frozen=True)
class Result:
    """The outcome of grading one answer.

    ``status`` is "correct", "wrong", "empty" (nothing typed yet: a prompt, not a
    wrong mark) or "unreadable" (typed, but not something we can grade, e.g. not a
    number). ``message`` is for the learner; ``details`` is for code and tests.
    """

    status: str
    message: str = ""
    details: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"Result status must be one of {', '.join(STATUSES)}, not {self.status!r}")

    @property
    def correct(self) -> bool:
        return self.status == "correct"


def empty(message: str = EMPTY_PROMPT) -> Result:
    return Result("empty", message)


# ============================================================== shared cleaning

def fold(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII) and casefold, repeated
    until nothing changes, because one pass can expose more to fold."""
    for _ in range(5):
        folded = unicodedata.normalize("NFKC", text).casefold()
        if folded == text:
            break
        text = folded
    return text


EDGE_PUNCTUATION = " \t\n\r\u3000.,;:!?。，；：！？、\"'“”‘’「」『』()（）[]【】"


def normalize_text(text) -> str:
    """A free-text answer as compared: full-width to half-width, case folded,
    runs of spaces made one, and punctuation at either end dropped.

    >>> normalize_text("  ＴＲＵＥ。 ")
    'true'
    """
    if text is None:
        return ""
    text = fold(str(text))
    for _ in range(5):  # stripping can expose more to strip or fold
        cleaned = fold(" ".join(text.split()).strip(EDGE_PUNCTUATION))
        if cleaned == text:
            break
        text = cleaned
    return text


def compare_choice(given, expected) -> Result:
    """Grade a multiple-choice answer; no choice yet is a prompt, not a wrong mark.

    >>> compare_choice(None, "B").status, compare_choice("B", "B").status
    ('empty', 'correct')
    """
    if given is None or given == "":
        return Result("empty", "Choose an answer first.")
    if given == expected:
        return Result("correct", "Right!")
    return Result("wrong", "Not quite. Try again.")
