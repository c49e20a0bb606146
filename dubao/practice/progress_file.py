"""The progress database as a file: its schema and the migrations that bring an
old file up to date, and opening it safely. A damaged file is moved aside (never
deleted), a file from a newer dubao is refused before anything is written to it,
and a file that can only be read is copied into memory. ``progress`` builds the
learner's ``Store`` on top of this."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

DB_NAME = "progress.sqlite3"
BUSY_TIMEOUT_SECONDS = 30
SCHEMA_VERSION = 3

# Errors that mean the file itself is damaged, as opposed to busy or unwritable.
CORRUPT = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}
# Errors where waiting longer is the only fix; never a reason to stop saving.
BUSY = {"SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_BUSY_SNAPSHOT", "SQLITE_BUSY_RECOVERY"}


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


def schema_version(db) -> int:
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(db) -> None:
    """Bring the schema up to SCHEMA_VERSION inside one transaction, so that two
    processes opening an old file at once migrate it once."""
    db.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(db)
        if version > SCHEMA_VERSION:
            raise TooNew(version)
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


class TooNew(Exception):
    def __init__(self, version):
        self.version = version


# ------------------------------------------------------------------ opening

def reason(error: BaseException) -> str:
    name = getattr(error, "sqlite_errorname", "")
    if name == "SQLITE_FULL" or "full" in str(error):
        return "the disk is full"
    if name.startswith("SQLITE_READONLY") or isinstance(error, PermissionError):
        return "the folder or file is read-only"
    if name.startswith("SQLITE_CANTOPEN"):
        return "the database file cannot be opened or created"
    return str(error) or type(error).__name__


def connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we write BEGIN IMMEDIATE ourselves, so a transaction
    # takes the write lock at its start and waits (busy timeout) instead of
    # failing half-way; check_same_thread=False because widget callbacks may run
    # on other threads (a lock in Store serialises them).
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
    return db


def prepare(db) -> None:
    """Check a just-opened file and bring it up to date. A file from a newer
    dubao is refused before anything is written to it, WAL mode included."""
    check(db)
    known = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchall()
    if known:
        version = db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
        if version > SCHEMA_VERSION:
            raise TooNew(version)
    # WAL lets readers and one writer work at once; NORMAL sync is safe with WAL.
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    migrate(db)


def check(db) -> None:
    """Raise DatabaseError(SQLITE_CORRUPT-like) when the file cannot be trusted."""
    result = db.execute("PRAGMA quick_check").fetchall()
    if result != [("ok",)]:
        error = sqlite3.DatabaseError("database disk image is malformed: " + "; ".join(r[0] for r in result[:3]))
        error.sqlite_errorname = "SQLITE_CORRUPT"
        raise error


def move_aside(path: Path) -> Path:
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


def moved_message(moved: Path, error) -> str:
    return (f"Your progress file could not be read ({error}), so it was moved to {moved} "
            "and a new one was started. Nothing was deleted: your teacher may be able to recover it.")


def new_memory() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)


def read_only_copy(path: Path) -> sqlite3.Connection:
    """An in-memory copy of a database file, read without changing it (not even
    its -wal). Raises sqlite3.DatabaseError when it cannot be read."""
    error = None
    # immutable=1 is the fallback for a read-only folder, where SQLite cannot
    # create the -shm file that mode=ro needs for a WAL database.
    for uri in (f"file:{path}?mode=ro", f"file:{path}?immutable=1"):
        memory = new_memory()
        try:
            source = sqlite3.connect(uri, uri=True)
            try:
                source.backup(memory)
            finally:
                source.close()
            check(memory)
            return memory
        except sqlite3.DatabaseError as failure:
            memory.close()
            error = failure
    raise error


def memory_copy(path: Path | None) -> sqlite3.Connection:
    """An in-memory database holding whatever can still be read from ``path``
    (so a learner whose folder went read-only still sees their progress)."""
    try:
        memory = read_only_copy(path) if path is not None and path.is_file() else new_memory()
        migrate(memory)
    except (sqlite3.DatabaseError, TooNew):
        memory = new_memory()
        migrate(memory)
    return memory


def close_quietly(db) -> None:
    if db is not None:
        try:
            db.close()
        except sqlite3.Error:
            pass
