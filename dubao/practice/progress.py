"""The learner's progress store: quiz attempts, flashcard review state, known
words and settings (such as the learner's HSK level), kept in one SQLite database
per learner at ``dubao.paths.data_dir() / "progress.sqlite3"``, never inside the
course folder.

Saving must never stop a lesson. Writes are transactions, and WAL mode with a
busy timeout lets two notebooks write at once without losing anything. A file
that cannot be read is moved aside as ``progress.sqlite3.corrupt-<time>`` (never
deleted) and a new one is started. When nothing can be written (a read-only
folder, a full disk) the store keeps working in memory: ``store.saving`` is
False and ``store.warning`` says why, so the widgets can tell the learner once.

>>> store = open_store()                                  # doctest: +SKIP
>>> store.record_attempt("lesson-3", "qingzhen.q4", "2440万", True, article="qingzhen")  # doctest: +SKIP
"""
from __future__ import annotations

import atexit
import json
import sqlite3
import threading
import warnings
from datetime import datetime, timezone
from pathlib import Path

from dubao.errors import DubaoError
from dubao.practice.writing import WritingRecords
from dubao.practice.progress_file import (BUSY, BUSY_TIMEOUT_SECONDS, CORRUPT, DB_NAME, MIGRATIONS, SCHEMA_VERSION,
                                          TooNew, close_quietly, connect, memory_copy, migrate, move_aside,
                                          moved_message, new_memory, prepare, read_only_copy, reason,
                                          schema_version)

__all__ = ["BUSY_TIMEOUT_SECONDS", "DB_NAME", "MIGRATIONS", "ProgressWarning", "SCHEMA_VERSION", "Store",
           "forget_stores", "now_text", "open_store", "read_scores"]


class ProgressWarning(UserWarning):
    """Progress is not being saved, or an unreadable file was moved aside."""



def now_text(moment: datetime | None = None) -> str:
    """A moment as fixed-width UTC text, so that text order is time order."""
    moment = moment or datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def _due_text(due) -> str | None:
    if due is None:
        return None
    if isinstance(due, str):
        try:
            due = datetime.fromisoformat(due.replace("Z", "+00:00"))
        except ValueError:
            raise DubaoError(f"card due date {due!r} is not an ISO date such as 2025-12-20T08:00:00+00:00")
    return now_text(due)


# ------------------------------------------------------------------ the store

class Store(WritingRecords):
    """One learner's progress. Use ``open_store()`` rather than making one.
    Writing-quiz records are the methods of ``dubao.practice.writing.WritingRecords``."""

    def __init__(self, path: Path | None, connection: sqlite3.Connection, warning: str | None = None):
        self.path = path
        self._db = connection
        self._lock = threading.RLock()
        self.saving = path is not None
        self.warning = None
        self._warned = False
        self._shown = None
        if warning:
            self._warn(warning)

    def __repr__(self):
        where = self.path if self.saving else "memory (not saving)"
        return f"<progress Store at {where}>"

    # -------------------------------------------------------------- problems
    def _warn(self, message: str) -> None:
        """Keep the message for the widgets, and say it once as a warning."""
        self.warning = message
        if not self._warned:
            self._warned = True
            warnings.warn(message, ProgressWarning, stacklevel=_caller_level())

    def take_warning(self) -> str | None:
        """The warning the first time it is asked for, None after that, so that
        a widget shows it once."""
        if self.warning is None or self._shown == self.warning:
            return None
        self._shown = self.warning
        return self.warning

    def _stop_saving(self, why: str) -> None:
        """Carry on in memory with everything read so far, after a write failed."""
        memory = new_memory()
        try:
            self._db.backup(memory)
        except sqlite3.Error:
            migrate(memory)
        close_quietly(self._db)
        self._db, self.saving = memory, False
        self.warning = None
        self._warned = False
        self._warn(f"Progress is not being saved: {why} ({self.path}). "
                   "The lesson works, but answers from now on are kept only until the kernel stops.")

    def _write(self, statements) -> None:
        """Run (sql, params) pairs as one transaction. A busy database is waited
        for (busy timeout); an unwritable one switches the store to memory."""
        with self._lock:
            for attempt in range(4):
                try:
                    self._db.execute("BEGIN IMMEDIATE")
                    try:
                        for sql, params in statements:
                            self._db.execute(sql, params)
                        self._db.execute("COMMIT")
                    except BaseException:
                        if self._db.in_transaction:
                            self._db.execute("ROLLBACK")
                        raise
                    return
                except sqlite3.DatabaseError as error:
                    name = getattr(error, "sqlite_errorname", "")
                    if name in BUSY:
                        raise DubaoError(f"the progress database {self.path} is busy (another program "
                                         f"held it for over {BUSY_TIMEOUT_SECONDS} s); try again") from None
                    if name in CORRUPT and self.saving and attempt == 0:
                        self._start_again(error)
                        continue
                    if not self.saving:
                        raise DubaoError(f"could not save even in memory: {error}") from None
                    self._stop_saving(reason(error))
            raise DubaoError(f"could not save progress to {self.path}")

    def _start_again(self, error) -> None:
        """The file went bad while in use: move it aside and start a new one."""
        close_quietly(self._db)
        moved = move_aside(self.path)
        self._db = connect(self.path)
        prepare(self._db)
        self.warning, self._warned = None, False
        self._warn(moved_message(moved, error))

    def _read(self, sql: str, params=()) -> list:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as error:
                if getattr(error, "sqlite_errorname", "") in CORRUPT and self.saving:
                    self._start_again(error)
                    return self._db.execute(sql, params).fetchall()
                raise DubaoError(f"could not read the progress database {self.path}: {error}") from None

    def close(self) -> None:
        with self._lock:
            close_quietly(self._db)

    # -------------------------------------------------------------- attempts
    def record_attempt(self, lesson: str, question: str, answer, correct: bool, article: str | None = None) -> None:
        """Save one answer to one question (every try is kept, in order)."""
        learner = self.get_setting("learner", None)
        self._write([("INSERT INTO attempts (learner, lesson, article, question, answer, correct, answered_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                      (None if learner is None else str(learner), str(lesson), None if article is None else str(article),
                       str(question), "" if answer is None else str(answer), int(bool(correct)), now_text()))])

    def attempts(self, lesson: str | None = None, question: str | None = None,
                 article: str | None = None) -> list[dict]:
        """Saved attempts, oldest first, optionally only one lesson, question or article."""
        where, params = [], []
        for column, value in (("lesson", lesson), ("question", question), ("article", article)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(str(value))
        sql = ("SELECT id, learner, lesson, article, question, answer, correct, answered_at FROM attempts"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id")
        names = ("id", "learner", "lesson", "article", "question", "answer", "correct", "answered_at")
        rows = [dict(zip(names, row)) for row in self._read(sql, params)]
        for row in rows:
            row["correct"] = bool(row["correct"])
        return rows

    # -------------------------------------------------------------- settings
    def get_setting(self, key: str, default=None):
        rows = self._read("SELECT value FROM settings WHERE key = ?", (str(key),))
        if not rows:
            return default
        try:
            return json.loads(rows[0][0])
        except (TypeError, ValueError):
            return default

    def set_setting(self, key: str, value) -> None:
        """Save a setting; the value may be anything JSON can hold."""
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError):
            raise DubaoError(f"setting {key!r}: {type(value).__name__} cannot be saved; "
                             "use text, a number, a list or a dict") from None
        self._write([("INSERT INTO settings (key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(key), text))])

    # -------------------------------------------------------------- flashcards
    def card_state(self, card_id: str) -> str | None:
        """The saved FSRS card (its JSON) for a card id, or None for a new card."""
        rows = self._read("SELECT state FROM cards WHERE card_id = ?", (str(card_id),))
        return rows[0][0] if rows else None

    def save_card_state(self, card_id: str, state_json: str, due=None) -> None:
        """Save a card after a review; ``due`` is a datetime or ISO text."""
        self._write([("INSERT INTO cards (card_id, state, due, updated_at) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT (card_id) DO UPDATE SET state = excluded.state, due = excluded.due, "
                      "updated_at = excluded.updated_at",
                      (str(card_id), str(state_json), _due_text(due), now_text()))])

    def due_cards(self, now=None) -> list[str]:
        """Ids of the cards due at ``now`` (default: now), the most overdue first."""
        rows = self._read("SELECT card_id FROM cards WHERE due IS NOT NULL AND due <= ? ORDER BY due, card_id",
                          (_due_text(now) or now_text(),))
        return [row[0] for row in rows]

    # -------------------------------------------------------------- known words
    def mark_known(self, word: str) -> None:
        self._write([("INSERT OR IGNORE INTO known_words (word, marked_at) VALUES (?, ?)", (str(word), now_text()))])

    def forget_known(self, word: str) -> None:
        self._write([("DELETE FROM known_words WHERE word = ?", (str(word),))])

    def known_words(self) -> set[str]:
        return {row[0] for row in self._read("SELECT word FROM known_words")}

    # -------------------------------------------------------------- overview
    def summary(self, now=None) -> dict:
        """For a progress view: per lesson, how many questions were tried, how
        many of them were answered right at least once, and how many attempts
        in all; plus flashcards due and words marked known."""
        rows = self._read("""
            SELECT lesson, COUNT(*) AS questions, SUM(ever_right) AS correct, SUM(tries) AS attempts
            FROM (SELECT lesson, question, MAX(correct) AS ever_right, COUNT(*) AS tries
                  FROM attempts GROUP BY lesson, question)
            GROUP BY lesson ORDER BY lesson""")
        lessons = [{"lesson": lesson, "questions": questions, "attempted": questions, "correct": int(correct or 0),
                    "attempts": attempts} for lesson, questions, correct, attempts in rows]
        return {"lessons": lessons, "cards_due": len(self.due_cards(now)),
                "cards": self._read("SELECT COUNT(*) FROM cards")[0][0],
                "known_words": self._read("SELECT COUNT(*) FROM known_words")[0][0],
                "saving": self.saving, "warning": self.warning}


def _caller_level() -> int:
    """How far up the stack the first caller outside this module is, so that the
    warning names the learner's cell or the widget, not this file."""
    import sys

    level, frame = 1, sys._getframe(1)
    while frame is not None and frame.f_code.co_filename == __file__:
        level, frame = level + 1, frame.f_back
    return level




def _open_file(path: Path) -> Store:
    warning = None
    for attempt in range(2):
        db = None
        try:
            db = connect(path)
            prepare(db)
            return Store(path, db, warning)
        except TooNew as too_new:
            close_quietly(db)
            return Store(None, memory_copy(None),
                         f"Progress is not being saved: {path} was written by a newer dubao "
                         f"(schema {too_new.version}, this one knows {SCHEMA_VERSION}). Update dubao.")
        except sqlite3.DatabaseError as error:
            close_quietly(db)
            name = getattr(error, "sqlite_errorname", "")
            if name in CORRUPT and attempt == 0:
                warning = moved_message(move_aside(path), error)
                continue
            if name in BUSY:
                raise DubaoError(f"the progress database {path} is busy; try again") from None
            store = Store(None, memory_copy(path))
            store.path = path
            store._warn(f"Progress is not being saved: {reason(error)} ({path}). "
                        "The lesson works, but answers are kept only until the kernel stops.")
            return store
    raise AssertionError("unreachable")  # pragma: no cover



_STORES: dict[Path, Store] = {}
_STORES_LOCK = threading.Lock()


def open_store(data_dir=None) -> Store:
    """The progress store for a data folder (default ``dubao.paths.data_dir()``),
    opened once per folder and process. Never raises for an unwritable folder or
    a bad file: see ``Store.saving`` and ``Store.warning``."""
    from dubao import paths

    folder = Path(data_dir) if data_dir is not None else paths.data_dir()
    folder = folder.expanduser().absolute()
    with _STORES_LOCK:
        if folder not in _STORES:
            _STORES[folder] = _open(folder)
        return _STORES[folder]


def _open(folder: Path) -> Store:
    path = folder / DB_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        store = Store(None, memory_copy(path if path.is_file() else None))
        store.path = path
        store._warn(f"Progress is not being saved: the folder {folder} cannot be created "
                    f"({error.strerror or error}). Set DUBAO_DATA_DIR to a folder you can write to.")
        return store
    return _open_file(path)


@atexit.register
def forget_stores() -> None:
    """Close every open store (tests, or after changing DUBAO_DATA_DIR)."""
    with _STORES_LOCK:
        for store in _STORES.values():
            store.close()
        _STORES.clear()


# ------------------------------------------------------------------ reading for export

def read_scores(folder) -> tuple[str, list[dict]]:
    """(learner name, rows) from one learner's data folder, read-only: one row per
    lesson and question with the number of attempts and the last answer. The
    learner's name is their "learner" setting, or else the folder's name.
    Raises DubaoError when there is no readable database there."""
    folder = Path(folder)
    path = folder if folder.is_file() else folder / DB_NAME
    if not path.is_file():
        raise DubaoError(f"{folder}: no progress database here (expected {DB_NAME})")
    try:
        memory = read_only_copy(path)
    except sqlite3.DatabaseError as error:
        raise DubaoError(f"{path}: cannot be read ({error}); it was left as it is") from None
    try:
        if schema_version(memory) < 2:
            migrate(memory)  # only the in-memory copy: the learner's file is not touched
        setting = memory.execute("SELECT value FROM settings WHERE key = 'learner'").fetchone()
        try:
            learner = json.loads(setting[0]) if setting else None
        except (TypeError, ValueError):
            learner = None
        learner = str(learner) if learner else (path.parent.name or str(path.parent))
        rows = memory.execute("""
            SELECT lesson, COALESCE(MAX(article) OVER w, ''), question, COUNT(*) OVER w,
                   answer, correct, answered_at,
                   ROW_NUMBER() OVER (PARTITION BY lesson, question ORDER BY id DESC)
            FROM attempts WINDOW w AS (PARTITION BY lesson, question)""").fetchall()
    except (sqlite3.DatabaseError, TooNew) as error:
        raise DubaoError(f"{path}: cannot be read ({error})") from None
    finally:
        memory.close()
    scores = [{"learner": learner, "lesson": lesson, "article": article, "question": question,
               "attempts": count, "last_answer": answer, "correct": bool(correct), "answered_at": when}
              for lesson, article, question, count, answer, correct, when, rank in rows if rank == 1]
    scores.sort(key=lambda r: (r["lesson"], r["question"]))
    return learner, scores
