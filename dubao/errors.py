"""Errors a user can cause and fix: bad corpus data, bad content files, bad input.
Each one names the file, the line or id, what is wrong and how to fix it, and is
printed as one line (``file:line: message``) instead of a traceback.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, in the ``file:line: message`` form."""

    file: str
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class DubaoError(Exception):
    """Base class for mistakes a user can fix; the CLI prints them without a traceback."""


class CorpusError(DubaoError):
    """The corpus data is malformed or inconsistent. Holds one or more problems."""

    def __init__(self, problems):
        if isinstance(problems, (Problem, str)):
            problems = [problems]  # one problem, or one line saying what is wrong
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFound(DubaoError, KeyError):
    """An id (article, sentence, question, figure) that does not exist."""

    def __str__(self) -> str:  # KeyError would otherwise add quotes
        return str(self.args[0]) if self.args else "not found"
