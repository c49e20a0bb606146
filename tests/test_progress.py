"""Tests for dubao.practice.progress, the learner's progress store, and the
``progress export`` command: what is saved and read back, where it lives,
migration from the first schema, two processes writing at once (and proof that
the same writes without the protection are lost), a corrupt file moved aside, a
full disk and an unwritable folder."""

import csv
import sqlite3
import subprocess
import sys
import textwrap
import time
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import COURSE_DIR, run_cli
from dubao.practice import progress
from dubao.practice.progress import DB_NAME, ProgressWarning, open_store


@pytest.fixture(autouse=True)
def fresh_stores():
    """Each test opens its stores anew and closes them after."""
    progress.forget_stores()
    yield
    progress.forget_stores()


def quiet_store(folder=None):
    """open_store(), with any ProgressWarning collected instead of shown."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        store = open_store(folder)
    return store, [w for w in caught if issubclass(w.category, ProgressWarning)]


def python(code: str, *args, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *map(str, args)], capture_output=True,
                          text=True, cwd=COURSE_DIR, timeout=timeout)


# ================================================================== saving and reading

def test_the_store_lives_in_the_data_dir_not_the_course_folder(data_dir):
    store = open_store()
    assert store.path == data_dir.absolute() / DB_NAME
    assert store.path.is_file()
    assert store.saving and store.warning is None
    assert open_store() is store  # one store per folder and process
    assert not (COURSE_DIR / DB_NAME).exists()


def test_attempts_settings_cards_and_known_words_round_trip(data_dir):
    store = open_store()
    store.record_attempt("qingzhen-quiz", "qingzhen.q4", "2440", False, article="qingzhen")
    store.record_attempt("qingzhen-quiz", "qingzhen.q4", "2440万羽", True, article="qingzhen")
    store.record_attempt("vocab", "pinyin:新质生产力", "xin1 zhi4 sheng1 chan3 li4", True)
    rows = store.attempts(lesson="qingzhen-quiz")
    assert [(r["question"], r["answer"], r["correct"], r["article"]) for r in rows] == [
        ("qingzhen.q4", "2440", False, "qingzhen"), ("qingzhen.q4", "2440万羽", True, "qingzhen")]
    assert len(store.attempts()) == 3
    assert datetime.fromisoformat(rows[0]["answered_at"]).tzinfo is not None

    assert store.get_setting("hsk_level", 4) == 4
    store.set_setting("hsk_level", 5)
    store.set_setting("learner", "李明")
    assert (store.get_setting("hsk_level"), store.get_setting("learner")) == (5, "李明")

    now = datetime(2025, 12, 20, 8, 0, tzinfo=timezone.utc)
    store.save_card_state("新质生产力", '{"card": 1}', now - timedelta(days=1))
    store.save_card_state("培育", '{"card": 2}', (now + timedelta(days=3)).isoformat())
    store.save_card_state("动能", '{"card": 3}', "2025-12-19T12:00:00Z")
    assert store.card_state("新质生产力") == '{"card": 1}'
    assert store.card_state("牛鼻子") is None
    assert store.due_cards(now) == ["新质生产力", "动能"]

    store.mark_known("创新")
    store.mark_known("创新")
    store.mark_known("产业")
    assert store.known_words() == {"创新", "产业"}
    store.forget_known("产业")
    assert store.known_words() == {"创新"}

    assert store.summary(now) == {
        "lessons": [{"lesson": "qingzhen-quiz", "questions": 1, "attempted": 1, "correct": 1, "attempts": 2},
                    {"lesson": "vocab", "questions": 1, "attempted": 1, "correct": 1, "attempts": 1}],
        "cards_due": 2, "cards": 3, "known_words": 1, "ignored_words": 0, "saving": True, "warning": None}


def test_a_setting_that_json_cannot_hold_is_a_clear_error(data_dir):
    from dubao.errors import DubaoError

    with pytest.raises(DubaoError, match="setting 'level': set cannot be saved"):
        open_store().set_setting("level", {1, 2})


def test_flashcard_state_survives_a_new_process(data_dir):
    from fsrs import Card, Rating, Scheduler

    card, _ = Scheduler().review_card(Card(), Rating.Good, datetime(2025, 12, 20, tzinfo=timezone.utc))
    open_store().save_card_state("新质生产力", card.to_json(), card.due)
    progress.forget_stores()
    read = python("""
        from dubao.practice import progress
        from fsrs import Card
        print(Card.from_json(progress.open_store().card_state("新质生产力")).due.isoformat())
    """)
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip() == card.due.isoformat()


# ================================================================== migration

V1_SCHEMA = """
    CREATE TABLE attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, lesson TEXT NOT NULL, question TEXT NOT NULL,
                           answer TEXT, correct INTEGER NOT NULL, answered_at TEXT NOT NULL);
    CREATE TABLE cards (card_id TEXT PRIMARY KEY, state TEXT NOT NULL, due TEXT);
    CREATE TABLE known_words (word TEXT PRIMARY KEY);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE schema_version (version INTEGER NOT NULL);
    INSERT INTO schema_version VALUES (1);
    INSERT INTO attempts (lesson, question, answer, correct, answered_at)
        VALUES ('liuli-quiz', 'liuli.q6', '66户', 1, '2025-12-20T08:00:00.000000+00:00');
    INSERT INTO cards VALUES ('平坝村', '{"card": 1}', '2025-12-21T08:00:00.000000+00:00');
    INSERT INTO known_words VALUES ('代表');
    INSERT INTO settings VALUES ('learner', 'Ana'), ('hsk_level', '4');
"""


def test_a_database_from_schema_1_is_migrated_and_keeps_everything(data_dir):
    data_dir.mkdir(parents=True)
    with sqlite3.connect(data_dir / DB_NAME) as old:
        old.executescript(V1_SCHEMA)
    old.close()
    store = open_store()
    assert store.saving
    assert store._read("SELECT version FROM schema_version") == [(progress.SCHEMA_VERSION,)]
    [row] = store.attempts()
    assert (row["lesson"], row["question"], row["answer"], row["correct"], row["article"]) == \
        ("liuli-quiz", "liuli.q6", "66户", True, None)
    assert store.get_setting("learner") == "Ana"  # v1 plain text becomes JSON text
    assert store.get_setting("hsk_level") == 4
    assert store.card_state("平坝村") == '{"card": 1}'
    assert store.known_words() == {"代表"}
    store.record_attempt("liuli-quiz", "liuli.q7", "788间", True, article="liuli")
    assert store.attempts(article="liuli")[0]["learner"] == "Ana"


def test_a_database_from_a_newer_dubao_is_left_alone(data_dir):
    data_dir.mkdir(parents=True)
    with sqlite3.connect(data_dir / DB_NAME) as newer:
        newer.executescript("CREATE TABLE schema_version (version INTEGER); INSERT INTO schema_version VALUES (99);")
    newer.close()
    before = (data_dir / DB_NAME).read_bytes()
    store, told = quiet_store()
    assert not store.saving
    assert "written by a newer dubao (schema 99" in store.warning
    assert len(told) == 1
    store.record_attempt("x", "y", "z", True)  # the lesson still runs
    assert (data_dir / DB_NAME).read_bytes() == before


# ================================================================== concurrent writers

PROTECTED_WRITER = """
    import sys, time
    from dubao.practice import progress
    folder, name, count, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    store = progress.open_store(folder)
    while time.time() < start:
        time.sleep(0.001)
    for i in range(count):
        store.record_attempt("race", f"{name}-{i}", str(i), i % 2 == 0)
    print(0)
"""

# The same writes with the protection removed: no busy timeout, no BEGIN
# IMMEDIATE, and a failed write dropped the way a careless widget would.
UNPROTECTED_WRITER = """
    import sqlite3, sys, time
    path, name, count, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    db = sqlite3.connect(path, timeout=0, isolation_level=None)
    while time.time() < start:
        time.sleep(0.001)
    lost = 0
    for i in range(count):
        try:
            db.execute("INSERT INTO attempts (lesson, question, answer, correct, answered_at) "
                       "VALUES ('race', ?, ?, 1, '')", (f"{name}-{i}", str(i)))
        except sqlite3.OperationalError:
            lost += 1
    print(lost)
"""

WRITES = 400


def race(writer: str, target) -> list[subprocess.Popen]:
    """Start two writer processes that begin writing at the same moment."""
    start = time.time() + 3  # time for both interpreters to start
    processes = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(writer), str(target), name, str(WRITES),
                                   str(start)], cwd=COURSE_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for name in ("left", "right")]
    return [p.communicate(timeout=600) + (p.returncode,) for p in processes]


def count_rows(path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT COUNT(*) FROM attempts WHERE lesson = 'race'").fetchone()[0]


def test_two_processes_writing_at_once_lose_nothing(data_dir):
    open_store().close()  # create the file first, as an open lesson would have
    progress.forget_stores()
    results = race(PROTECTED_WRITER, data_dir)
    assert [r[2] for r in results] == [0, 0], [r[1] for r in results]
    assert count_rows(data_dir / DB_NAME) == 2 * WRITES
    names = {row["question"] for row in open_store().attempts(lesson="race")}
    assert names == {f"{side}-{i}" for side in ("left", "right") for i in range(WRITES)}


def test_without_the_protection_the_same_race_loses_writes(data_dir):
    """Shows that the test above can fail: the unprotected writers lose answers.

    How: the same two processes, the same 400 writes each, started at the same
    moment on the same database, but writing with plain sqlite3 (no busy timeout,
    no BEGIN IMMEDIATE, a "database is locked" error dropped as a careless caller
    would). Each writer counts what it dropped; the table must then hold exactly
    800 minus that, and fewer than 800. If the store's protection were removed,
    the test above would see the same losses and fail."""
    open_store().close()
    progress.forget_stores()
    results = race(UNPROTECTED_WRITER, data_dir / DB_NAME)
    assert [r[2] for r in results] == [0, 0], [r[1] for r in results]
    lost = sum(int(r[0]) for r in results)
    assert lost > 0
    assert count_rows(data_dir / DB_NAME) == 2 * WRITES - lost < 2 * WRITES


# ================================================================== corrupt files

def test_a_corrupt_file_is_moved_aside_the_learner_is_told_once_and_a_new_one_starts(data_dir):
    data_dir.mkdir(parents=True)
    garbage = b"this is not a database, it is a learner's lost homework\n" * 200
    (data_dir / DB_NAME).write_bytes(garbage)
    store, told = quiet_store()
    assert store.saving
    [moved] = data_dir.glob(f"{DB_NAME}.corrupt-*")
    assert moved.read_bytes() == garbage  # never deleted, byte for byte
    assert len(told) == 1
    assert store.warning == str(told[0].message)
    assert store.warning.startswith("Your progress file could not be read (")
    assert f"so it was moved to {moved} and a new one was started" in store.warning
    assert store.take_warning() == store.warning
    assert store.take_warning() is None  # shown once
    store.record_attempt("xinhua-quiz", "xinhua.q1", "B", True)
    assert len(store.attempts()) == 1


def test_a_truncated_database_is_moved_aside_too(data_dir):
    store = open_store()
    for i in range(300):
        store.record_attempt("hankaisi-quiz", f"q{i}", "无人驾驶" * 50, True)
    progress.forget_stores()  # closing checkpoints the WAL into the file
    path = data_dir / DB_NAME
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    store, told = quiet_store()
    assert store.saving and len(told) == 1
    [moved] = data_dir.glob(f"{DB_NAME}.corrupt-*")
    assert moved.read_bytes() == whole[: len(whole) // 2]
    assert store.attempts() == []


# ================================================================== cannot save

def test_a_full_disk_keeps_the_lesson_running_in_memory(data_dir):
    store = open_store()
    store.record_attempt("qingzhen-quiz", "qingzhen.q1", "A", True, article="qingzhen")
    pages = store._read("PRAGMA page_count")[0][0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite now answers SQLITE_FULL, as a full disk does
    with pytest.warns(ProgressWarning, match=r"Progress is not being saved: the disk is full"):
        for i in range(50):
            store.record_attempt("qingzhen-quiz", f"qingzhen.q{i + 2}", "逾5000万公斤" * 200, True)
    assert not store.saving
    assert "the disk is full" in store.warning
    assert len(store.attempts()) == 51  # nothing lost in this session, the failed write included
    assert store.summary()["saving"] is False
    progress.forget_stores()
    with sqlite3.connect(data_dir / DB_NAME) as db:  # what was saved before is still on disk
        saved = db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
    assert 1 <= saved < 51


def test_an_unwritable_data_folder_gives_a_clear_message_and_the_lesson_runs(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("DUBAO_DATA_DIR", str(blocker / "learner"))
    store, told = quiet_store()
    assert not store.saving
    assert len(told) == 1
    assert store.warning.startswith(f"Progress is not being saved: the folder {blocker / 'learner'} cannot be created")
    assert store.warning.endswith("Set DUBAO_DATA_DIR to a folder you can write to.")
    store.set_setting("hsk_level", 5)
    store.record_attempt("brief-quiz", "brief.q1", "C", False)
    assert store.get_setting("hsk_level") == 5 and len(store.attempts()) == 1


@pytest.mark.skipif(sys.platform == "win32" or __import__("os").geteuid() == 0,
                    reason="root can write to read-only folders")
def test_a_read_only_folder_still_shows_saved_progress(data_dir):
    store = open_store()
    store.set_setting("hsk_level", 6)
    progress.forget_stores()
    data_dir.chmod(0o500)
    try:
        store, told = quiet_store()
        assert not store.saving and len(told) == 1
        assert store.get_setting("hsk_level") == 6
    finally:
        data_dir.chmod(0o700)


# ================================================================== export for teachers

def make_learner(folder: Path, name=None, answers=()):
    store = open_store(folder)
    if name:
        store.set_setting("learner", name)
    for lesson, question, answer, correct, article in answers:
        store.record_attempt(lesson, question, answer, correct, article=article)
    progress.forget_stores()


def test_export_merges_learners_into_one_csv(tmp_path):
    first, second = tmp_path / "li-ming", tmp_path / "student-b"
    make_learner(first, "李明", [("liuli-quiz", "liuli.q6", "60户", False, "liuli"),
                                ("liuli-quiz", "liuli.q6", "66户", True, "liuli"),
                                ("liuli-quiz", "liuli.q7", "=HYPERLINK(\"x\")", False, "liuli")])
    make_learner(second, None, [("qingzhen-quiz", "qingzhen.q4", "2440万羽", True, "qingzhen")])
    before = (first / DB_NAME).read_bytes()
    out = tmp_path / "scores.csv"
    result = run_cli("progress", "export", "--data-dir", str(first), "--data-dir", str(second), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote 3 rows for 2 learner(s) to {out}\n"
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    words = {"words_known": "0", "words_learning": "0", "words_ignored": "0"}  # tests/test_word_status.py fills them
    assert [{k: v for k, v in row.items() if k != "answered_at"} for row in rows] == [
        {"learner": "李明", "lesson": "liuli-quiz", "article": "liuli", "question": "liuli.q6", "attempts": "2",
         "last_answer": "66户", "correct": "True", **words},
        {"learner": "李明", "lesson": "liuli-quiz", "article": "liuli", "question": "liuli.q7", "attempts": "1",
         "last_answer": "'=HYPERLINK(\"x\")", "correct": "False", **words},  # not run as a formula
        {"learner": "student-b", "lesson": "qingzhen-quiz", "article": "qingzhen", "question": "qingzhen.q4",
         "attempts": "1", "last_answer": "2440万羽", "correct": "True", **words}]
    assert all(datetime.fromisoformat(row["answered_at"]) for row in rows)
    assert (first / DB_NAME).read_bytes() == before  # read-only: the learner's file is unchanged


def test_export_reports_a_missing_or_broken_folder_and_still_exports_the_rest(tmp_path):
    good, broken, missing = tmp_path / "good", tmp_path / "broken", tmp_path / "missing"
    make_learner(good, "Ana", [("brief-quiz", "brief.q2", "B", True, "brief")])
    broken.mkdir()
    (broken / DB_NAME).write_bytes(b"not sqlite at all" * 100)
    result = run_cli("progress", "export", "--data-dir", str(good), "--data-dir", str(broken),
                     "--data-dir", str(missing))
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"error: {broken / DB_NAME}: cannot be read (")
    assert errors[0].endswith("; it was left as it is")
    assert errors[1] == f"error: {missing}: no progress database here (expected {DB_NAME})"
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("learner,lesson,article,question,attempts,last_answer,correct,answered_at,"
                        "words_known,words_learning,words_ignored")
    assert lines[1].startswith("Ana,brief-quiz,brief,brief.q2,1,B,True,")
    assert len(lines) == 2
    assert (broken / DB_NAME).read_bytes() == b"not sqlite at all" * 100


def test_progress_show(data_dir):
    make_learner(data_dir, "Ana", [("xinhua-quiz", "xinhua.q1", "B", True, "xinhua")])
    result = run_cli("progress", "show")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:4] == [
        f"progress file: {data_dir.absolute() / DB_NAME}",
        "xinhua-quiz                1 right of   1 questions tried (1 attempts)",
        "flashcards: 0 (0 due now); words marked known: 0",
        "words: 0 known, 0 learning, 0 not to learn (every other word is new)"]  # the rest: tests/test_word_status.py


def test_a_file_that_cannot_be_opened_for_writing_is_read_into_memory(data_dir, monkeypatch):
    """The read-only case for root (who can write anywhere): SQLite's own
    read-only error, raised where the file is opened for writing."""
    store = open_store()
    store.set_setting("hsk_level", 6)
    store.record_attempt("xinhua-quiz", "xinhua.q2", "A", True)
    progress.forget_stores()

    def read_only(path):
        error = sqlite3.OperationalError("attempt to write a readonly database")
        error.sqlite_errorname = "SQLITE_READONLY"
        raise error

    monkeypatch.setattr(progress, "connect", read_only)
    store, told = quiet_store()
    assert not store.saving and len(told) == 1
    assert store.warning.startswith("Progress is not being saved: the folder or file is read-only (")
    assert store.get_setting("hsk_level") == 6
    assert [a["question"] for a in store.attempts()] == ["xinhua.q2"]
