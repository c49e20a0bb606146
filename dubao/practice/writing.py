"""The writing-quiz records of the progress store: each character a learner
wrote, with its mistakes and the hints it needed, kept in the ``writing`` table
(schema 3, ``dubao.practice.progress_file._v3``), while the word as a whole is an attempt
``writing:<word>`` beside the other quizzes' attempts, so it counts toward the
word's status like them. A mixin of ``dubao.practice.progress.Store``, kept apart so the
store stays readable.
"""

from __future__ import annotations

from dubao.errors import DubaoError


def _now() -> str:
    from dubao.practice.progress import now_text

    return now_text()


def without_hint(characters: list[dict]) -> bool:
    """A word counts as written right when none of its characters needed a hint."""
    return all(int(entry["hints"]) == 0 for entry in characters)


class WritingRecords:
    """Methods of Store for the writing quiz (they use its ``_write`` and ``_read``)."""

    # -------------------------------------------------------------- writing
    def record_writing(self, lesson: str, word: str, characters: list[dict], article: str | None = None) -> bool:
        """Save one writing of a word: per character its ``mistakes`` and ``hints``
        (and ``strokes``), in the ``writing`` table, and the word as one attempt
        ``writing:<word>`` that is right when no hint was needed. Returns that."""
        rows, parts = [], []
        learner = self.get_setting("learner", None)
        learner = None if learner is None else str(learner)
        when = _now()
        for entry in characters:
            try:
                character, mistakes, hints = str(entry["character"]), int(entry["mistakes"]), int(entry["hints"])
            except (KeyError, TypeError, ValueError):
                raise DubaoError(f"writing of {word!r}: {entry!r} needs a character, mistakes and hints") from None
            strokes = entry.get("strokes")
            rows.append(("INSERT INTO writing (learner, lesson, article, word, character, strokes, mistakes, hints, "
                         "written_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (learner, str(lesson), None if article is None else str(article), str(word), character,
                          None if strokes is None else int(strokes), mistakes, hints, when)))
            parts.append(f"{character} {mistakes} mistake{'s' * (mistakes != 1)}, {hints} hint{'s' * (hints != 1)}")
        if not rows:
            raise DubaoError(f"writing of {word!r}: no character was written")
        correct = without_hint(characters)
        rows.append(("INSERT INTO attempts (learner, lesson, article, question, answer, correct, answered_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (learner, str(lesson), None if article is None else str(article), f"writing:{word}",
                      "; ".join(parts), int(correct), when)))
        self._write(rows)
        return correct

    def writing(self, word: str | None = None, character: str | None = None) -> list[dict]:
        """Saved writings of characters, oldest first, optionally of one word or character."""
        where, params = [], []
        for column, value in (("word", word), ("character", character)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(str(value))
        names = ("id", "learner", "lesson", "article", "word", "character", "strokes", "mistakes", "hints",
                 "written_at")
        sql = (f"SELECT {', '.join(names)} FROM writing" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY id")
        return [dict(zip(names, row)) for row in self._read(sql, params)]
