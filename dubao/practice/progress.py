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
import os
import sqlite3
import threading
import warnings
from datetime import datetime, timezone
from pathlib import Path

from dubao.errors import DubaoError
from dubao.practice.writing import WritingRecords

DB_NAME = "progress.sqlite3"
BUSY_TIMEOUT_SECONDS = 30
SCHEMA_VERSION = 3

# Errors that mean the file itself is damaged, as opposed to busy or unwritable.
_CORRUPT = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
# Errors where waiting longer is the only fix; never a reason to stop saving.
_BUSY = {"SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_BUSY_SNAPSHOT", "SQLITE_BUSY_RECOVERY"}


class ProgressWarning(UserWarning):
    """Progress is not being saved, or an unreadable file was moved aside."""


# ------------------------------------------------------------------ migrations

def _v1(db):
    """The first schema (kept so that old databases can be brought up to date)."""
    # one execute each: executescript() would commit the migration half-way
    db.execute("CREATE TABLE IF NOT EXISTS attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, "
               "lesson TEXT NOT NULL, question TEXT NOT NULL, answer TEXT, correct INTEGER NOT NULL, "
               "answered_at TEXT NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS cards (card_id TEXT PRIMARY KEY, state TEXT NOT NULL, due TEXT)")
    db.execute("CREATE TABLE IF NOT EXISTS known_words (word TEXT PRIMARY KEY)")
    db.execute("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT)")


def _v2(db):
    """Attempts remember the article and the learner; known words and cards when
    they changed; settings hold JSON (v1 held plain text, which is quoted here)."""
    db.execute("ALTER TABLE attempts ADD COLUMN article TEXT")
    db.execute("ALTER TABLE attempts ADD COLUMN learner TEXT")
    db.execute("ALTER TABLE known_words ADD COLUMN marked_at TEXT")
    db.execute("ALTER TABLE cards ADD COLUMN updated_at TEXT")
    db.execute("CREATE INDEX IF NOT EXISTS attempts_by_question ON attempts (lesson, question)")
    db.execute("CREATE INDEX IF NOT EXISTS cards_by_due ON cards (due)")
    for key, value in db.execute("SELECT key, value FROM settings").fetchall():
        try:
            json.loads(value)
        except (TypeError, ValueError):
            db.execute("UPDATE settings SET value = ? WHERE key = ?", (json.dumps(value, ensure_ascii=False), key))


def _v3(db):
    """Writing: each character written in a writing quiz, with its mistakes and
    the hints it needed (the word's attempt also goes to ``attempts``)."""
    db.execute("CREATE TABLE IF NOT EXISTS writing (id INTEGER PRIMARY KEY AUTOINCREMENT, learner TEXT, "
               "lesson TEXT NOT NULL, article TEXT, word TEXT NOT NULL, character TEXT NOT NULL, "
               "strokes INTEGER, mistakes INTEGER NOT NULL, hints INTEGER NOT NULL, written_at TEXT NOT NULL)")
    db.execute("CREATE INDEX IF NOT EXISTS writing_by_character ON writing (character)")


MIGRATIONS = {1: _v1, 2: _v2, 3: _v3}  # version -> step that brings version-1 up to it


def _schema_version(db) -> int:
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def _migrate(db) -> None:
    """Bring the schema up to SCHEMA_VERSION inside one transaction, so that two
    processes opening an old file at once migrate it once."""
    db.execute("BEGIN IMMEDIATE")
    try:
        version = _schema_version(db)
        if version > SCHEMA_VERSION:
            raise _TooNew(version)
        for step in range(version + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[step](db)
        if version < SCHEMA_VERSION:
            db.execute("DELETE FROM schema_version")
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


class _TooNew(Exception):
    def __init__(self, version):
        self.version = version


# ------------------------------------------------------------------ time

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

    def _stop_saving(self, reason: str) -> None:
        """Carry on in memory with everything read so far, after a write failed."""
        memory = _new_memory()
        try:
            self._db.backup(memory)
        except sqlite3.Error:
            _migrate(memory)
        try:
            self._db.close()
        except sqlite3.Error:
            pass
        self._db, self.saving = memory, False
        self.warning = None
        self._warned = False
        self._warn(f"Progress is not being saved: {reason} ({self.path}). "
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
                    if name in _BUSY:
                        raise DubaoError(f"the progress database {self.path} is busy (another program "
                                         f"held it for over {BUSY_TIMEOUT_SECONDS} s); try again") from None
                    if name in _CORRUPT and self.saving and attempt == 0:
                        self._start_again(error)
                        continue
                    if not self.saving:
                        raise DubaoError(f"could not save even in memory: {error}") from None
                    self._stop_saving(_reason(error))
            raise DubaoError(f"could not save progress to {self.path}")

    def _start_again(self, error) -> None:
        """The file went bad while in use: move it aside and start a new one."""
        try:
            self._db.close()
        except sqlite3.Error:
            pass
        moved = _move_aside(self.path)
        self._db = _connect(self.path)
        _prepare(self._db)
        self.warning, self._warned = None, False
        self._warn(_moved_message(moved, error))

    def _read(self, sql: str, params=()) -> list:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as error:
                if getattr(error, "sqlite_errorname", "") in _CORRUPT and self.saving:
                    self._start_again(error)
                    return self._db.execute(sql, params).fetchall()
                raise DubaoError(f"could not read the progress database {self.path}: {error}") from None

    def close(self) -> None:
        with self._lock:
            try:
                self._db.close()
            except sqlite3.Error:
                pass

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


# ------------------------------------------------------------------ opening

def _reason(error: BaseException) -> str:
    name = getattr(error, "sqlite_errorname", "")
    if name == "SQLITE_FULL" or "full" in str(error):
        return "the disk is full"
    if name.startswith("SQLITE_READONLY") or isinstance(error, PermissionError):
        return "the folder or file is read-only"
    if name.startswith("SQLITE_CANTOPEN"):
        return "the database file cannot be opened or created"
    return str(error) or type(error).__name__


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we write BEGIN IMMEDIATE ourselves, so a transaction
    # takes the write lock at its start and waits (busy timeout) instead of
    # failing half-way; check_same_thread=False because widget callbacks may run
    # on other threads (a lock in Store serialises them).
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
    return db


def _prepare(db) -> None:
    """Check a just-opened file and bring it up to date. A file from a newer
    dubao is refused before anything is written to it, WAL mode included."""
    _check(db)
    known = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchall()
    if known:
        version = db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
        if version > SCHEMA_VERSION:
            raise _TooNew(version)
    # WAL lets readers and one writer work at once; NORMAL sync is safe with WAL.
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    _migrate(db)


def _check(db) -> None:
    """Raise DatabaseError(SQLITE_CORRUPT-like) when the file cannot be trusted."""
    result = db.execute("PRAGMA quick_check").fetchall()
    if result != [("ok",)]:
        error = sqlite3.DatabaseError("database disk image is malformed: " + "; ".join(r[0] for r in result[:3]))
        error.sqlite_errorname = "SQLITE_CORRUPT"
        raise error


def _move_aside(path: Path) -> Path:
    """Rename a bad database (and its -wal/-shm companions) with a timestamp."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target


def _moved_message(moved: Path, error) -> str:
    return (f"Your progress file could not be read ({error}), so it was moved to {moved} "
            "and a new one was started. Nothing was deleted: your teacher may be able to recover it.")


def _new_memory() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)


def _read_only_copy(path: Path) -> sqlite3.Connection:
    """An in-memory copy of a database file, read without changing it (not even
    its -wal). Raises sqlite3.DatabaseError when it cannot be read."""
    error = None
    # immutable=1 is the fallback for a read-only folder, where SQLite cannot
    # create the -shm file that mode=ro needs for a WAL database.
    for uri in (f"file:{path}?mode=ro", f"file:{path}?immutable=1"):
        memory = _new_memory()
        try:
            source = sqlite3.connect(uri, uri=True)
            try:
                source.backup(memory)
            finally:
                source.close()
            _check(memory)
            return memory
        except sqlite3.DatabaseError as failure:
            memory.close()
            error = failure
    raise error


def _memory_copy(path: Path | None) -> sqlite3.Connection:
    """An in-memory database holding whatever can still be read from ``path``
    (so a learner whose folder went read-only still sees their progress)."""
    try:
        memory = _read_only_copy(path) if path is not None and path.is_file() else _new_memory()
        _migrate(memory)
    except (sqlite3.DatabaseError, _TooNew):
        memory = _new_memory()
        _migrate(memory)
    return memory


def _open_file(path: Path) -> Store:
    warning = None
    for attempt in range(2):
        db = None
        try:
            db = _connect(path)
            _prepare(db)
            return Store(path, db, warning)
        except _TooNew as too_new:
            _close(db)
            return Store(None, _memory_copy(None),
                         f"Progress is not being saved: {path} was written by a newer dubao "
                         f"(schema {too_new.version}, this one knows {SCHEMA_VERSION}). Update dubao.")
        except sqlite3.DatabaseError as error:
            _close(db)
            name = getattr(error, "sqlite_errorname", "")
            if name in _CORRUPT and attempt == 0:
                warning = _moved_message(_move_aside(path), error)
                continue
            if name in _BUSY:
                raise DubaoError(f"the progress database {path} is busy; try again") from None
            store = Store(None, _memory_copy(path))
            store.path = path
            store._warn(f"Progress is not being saved: {_reason(error)} ({path}). "
                        "The lesson works, but answers are kept only until the kernel stops.")
            return store
    raise AssertionError("unreachable")  # pragma: no cover


def _close(db) -> None:
    if db is not None:
        try:
            db.close()
        except sqlite3.Error:
            pass


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
        store = Store(None, _memory_copy(path if path.is_file() else None))
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
        memory = _read_only_copy(path)
    except sqlite3.DatabaseError as error:
        raise DubaoError(f"{path}: cannot be read ({error}); it was left as it is") from None
    try:
        if _schema_version(memory) < 2:
            _migrate(memory)  # only the in-memory copy: the learner's file is not touched
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
    except (sqlite3.DatabaseError, _TooNew) as error:
        raise DubaoError(f"{path}: cannot be read ({error})") from None
    finally:
        memory.close()
    scores = [{"learner": learner, "lesson": lesson, "article": article, "question": question,
               "attempts": count, "last_answer": answer, "correct": bool(correct), "answered_at": when}
              for lesson, article, question, count, answer, correct, when, rank in rows if rank == 1]
    scores.sort(key=lambda r: (r["lesson"], r["question"]))
    return learner, scores
