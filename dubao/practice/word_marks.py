"""The progress store's part that remembers what a learner said about words: marked
known ("I know this") or marked "not a word to learn" (ignored), and what the other
tables tell about a word (its flashcards, its vocabulary quiz answers). A word has
at most one mark: marking it known removes an ignore mark and the other way round,
in one transaction, so two kernels marking at once lose neither mark.

``dubao.practice.progress.Store`` inherits these methods; ``dubao.practice.word_status``
turns them into a status for each word. Nothing here is stored twice: a word's
status is derived from these rows each time it is asked for.
"""

from __future__ import annotations

import re

# A vocabulary quiz records its attempts as KIND:WORD ("meaning:鸡粪", "pinyin:鸡粪",
# "writing:鸡粪", "listen-pinyin:鸡粪"); comprehension questions (qingzhen.q4) have no colon.
VOCABULARY_ATTEMPT = re.compile(r"^[a-z][a-z-]*:(.+)$")


class WordMarks:
    """Marks on words, for ``Store``; needs its ``_write`` and ``_read``."""

    # ---------------------------------------------------------------- known
    def mark_known(self, word: str) -> None:
        """The learner knows this word ("I know this")."""
        self.mark_known_many([word])

    def mark_known_many(self, words) -> list[str]:
        """Mark several words known in one transaction (an import, or "every
        remaining word on this page"). Returns the words that were not known
        before, in order and without repeats, so the action can be undone."""
        from dubao.practice.progress import now_text

        wanted = list(dict.fromkeys(str(word) for word in words if word))
        before = self.known_words()
        moment = now_text()
        statements = []
        for word in wanted:
            statements.append(("INSERT OR IGNORE INTO known_words (word, marked_at) VALUES (?, ?)", (word, moment)))
            statements.append(("DELETE FROM ignored_words WHERE word = ?", (word,)))
        if statements:
            self._write(statements)
        return [word for word in wanted if word not in before]

    def forget_known(self, word: str) -> None:
        self.forget_known_many([word])

    def forget_known_many(self, words) -> None:
        """Take the known mark off these words (the undo of ``mark_known_many``)."""
        statements = [("DELETE FROM known_words WHERE word = ?", (str(word),)) for word in words]
        if statements:
            self._write(statements)

    def known_words(self) -> set[str]:
        return {row[0] for row in self._read("SELECT word FROM known_words")}

    # ---------------------------------------------------------------- ignored
    def mark_ignored(self, word: str) -> None:
        """"Not a word to learn": left out of the counts and of the coverage."""
        from dubao.practice.progress import now_text

        self._write([("INSERT OR IGNORE INTO ignored_words (word, marked_at) VALUES (?, ?)", (str(word), now_text())),
                     ("DELETE FROM known_words WHERE word = ?", (str(word),))])

    def forget_ignored(self, word: str) -> None:
        self._write([("DELETE FROM ignored_words WHERE word = ?", (str(word),))])

    def ignored_words(self) -> set[str]:
        return {row[0] for row in self._read("SELECT word FROM ignored_words")}

    def clear_marks(self, word: str) -> None:
        """Neither known nor ignored: the word's status comes from its cards and quizzes again."""
        self._write([("DELETE FROM known_words WHERE word = ?", (str(word),)),
                     ("DELETE FROM ignored_words WHERE word = ?", (str(word),))])

    # ---------------------------------------------------------------- what else is known about words
    def word_cards(self) -> dict[str, str]:
        """Each word that has a flashcard, with the FSRS state (JSON) of its most
        recently reviewed card (a key word of two pieces has two cards, and a word
        may have a writing card too; the one reviewed last says best how well it
        is remembered now)."""
        from dubao.practice.review import card_word

        rows = self._read("SELECT card_id, state FROM cards ORDER BY COALESCE(updated_at, ''), card_id")
        cards = {}
        for card_id, state in rows:
            word = card_word(card_id)[1]
            if word:
                cards[word] = state
        return cards

    def card_ids(self) -> list[str]:
        """Every card id (ARTICLE:WORD)."""
        return [row[0] for row in self._read("SELECT card_id FROM cards ORDER BY card_id")]

    def answered_words(self) -> set[str]:
        """Words answered in a vocabulary quiz, rightly or not."""
        rows = self._read("SELECT DISTINCT question FROM attempts WHERE question LIKE '%:%'")
        found = set()
        for (question,) in rows:
            match = VOCABULARY_ATTEMPT.match(question)
            if match:
                found.add(match.group(1))
        return found
