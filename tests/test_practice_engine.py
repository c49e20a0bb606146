"""The practice engine without any widget: the FSRS review session, the choice of
distractors and the grading of code exercises, each driven directly; and a check
that none of them (nor anything else in dubao.practice) imports ipywidgets."""

import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card, State

from dubao.content.vocabulary import VocabWord, vocab
from dubao.practice import code_check, progress
from dubao.practice.distractors import distractors, pool, short_gloss
from dubao.practice.review import AGAIN, EASY, GOOD, LEARN_AHEAD, ReviewSession, card_id
from tests.conftest import COURSE_DIR

MONDAY = datetime(2025, 12, 8, 9, 0, tzinfo=timezone.utc)


def word(text, level=4, word_class="n", article="a"):
    return VocabWord(text, "x", f"gloss of {text}", level, 1, None, True, word_class=word_class, article=article)


# ------------------------------------------------------------------ review

def test_new_cards_come_in_list_order_up_to_the_limit():
    words = [word(t) for t in "甲乙丙丁戊"]
    session = ReviewSession(words, store=None, new_per_session=3, now=MONDAY)
    assert [w.word for w in session.queue] == ["甲", "乙", "丙"]
    assert session.current.word == "甲" and session.state_of(words[0]) is None


def test_a_rating_schedules_the_card_and_learning_cards_come_back_this_session():
    words = [word(t) for t in "甲乙丙"]
    session = ReviewSession(words, store=None, now=MONDAY)
    easy = session.rate(EASY)
    assert easy.state == State.Review and easy.due >= MONDAY + timedelta(days=1)
    good = session.rate(GOOD)  # a new card's Good: 10 minutes, within the learn-ahead limit
    assert good.state == State.Learning and good.due == MONDAY + timedelta(minutes=10) <= MONDAY + LEARN_AHEAD
    again = session.rate(AGAIN)
    assert again.due == MONDAY + timedelta(minutes=1)
    assert [w.word for w in session.queue] == ["乙", "丙"] and session.reviewed == 3
    assert session.state_of(words[0]).state == State.Review  # kept in memory without a store


def test_saved_states_decide_the_next_session(data_dir):
    words = [word(t, article="qingzhen") for t in "甲乙丙"]
    store = progress.open_store()
    first = ReviewSession(words, store, now=MONDAY)
    first.rate(EASY)  # 甲: days away
    first.rate(AGAIN)  # 乙: due in a minute
    assert Card.from_json(store.card_state("qingzhen:乙")).due == MONDAY + timedelta(minutes=1)
    later = ReviewSession(words, progress.open_store(), now=MONDAY + timedelta(minutes=5))
    assert [card_id(w) for w in later.queue] == ["qingzhen:乙", "qingzhen:丙"]  # due first, then new


def test_a_bad_rating_or_an_empty_queue_is_refused():
    session = ReviewSession([word("甲")], store=None, now=MONDAY)
    with pytest.raises(ValueError, match="a rating is one of"):
        session.rate(5)
    session.rate(EASY)
    with pytest.raises(ValueError, match="nothing is due"):
        session.rate(GOOD)


# ------------------------------------------------------------------ distractors

def test_distractors_from_the_page_are_three_different_plausible_words():
    words = pool()
    assert len(words) > 50 and len({w.word for w in words}) == len(words)
    for answer in vocab("qingzhen")[:10]:
        chosen = distractors(answer, words, short_gloss)
        assert len(chosen) == 3 and answer.word not in [w.word for w in chosen]
        assert short_gloss(answer) not in [short_gloss(w) for w in chosen]
        assert len({short_gloss(w) for w in chosen}) == 3


def test_level_beats_length_beats_word_class():
    answer = word("培育", level=4, word_class="v")
    candidates = [word("设施", level=2, word_class="v"),     # same length and class only: 3
                  word("基础设施", level=4, word_class="n"),  # same level only: 4
                  word("突破", level=4, word_class="n"),      # level and length: 6
                  word("升级", level=4, word_class="v")]      # all three: 7
    for seed in range(5):
        chosen = distractors(answer, candidates, lambda v: v.word, count=4, rng=random.Random(seed))
        assert [w.word for w in chosen] == ["升级", "突破", "基础设施", "设施"]


# ------------------------------------------------------------------ code exercises

def test_a_stub_is_a_prompt_a_bug_is_wrong_and_nothing_is_returned():
    def stub():
        raise NotImplementedError()

    outcome = code_check.check(stub, 3)
    assert outcome.result.status == "empty" and "stub()" in outcome.result.message and not outcome.returned
    broken = code_check.check(lambda: 1 / 0, 3)
    assert broken.result.status == "wrong" and "ZeroDivisionError" in broken.result.message
    assert not broken.returned


def test_code_check_grades_each_kind():
    assert code_check.check(lambda: 699 * 24 / 1.64, 10229, kind="number", tolerance=1).result.correct
    assert code_check.grade(10000, 10229, kind="number", tolerance=1).status == "wrong"
    assert code_check.grade("xin1 zhi4", "xīn zhì", kind="pinyin").correct
    assert code_check.grade(" ＴＲＵＥ。", "true", kind="text").correct
    assert code_check.grade(["p7"], ["p7"]).correct and not code_check.grade(["p8"], ["p7"]).correct
    with pytest.raises(ValueError, match="kind must be one of number, pinyin, text, value"):
        code_check.grade(1, 1, kind="numbr")


def test_code_check_runs_the_latest_definition():
    namespace = {}
    exec("def guest_room():\n    raise NotImplementedError()", namespace)
    first = namespace["guest_room"]
    exec("def guest_room():\n    return 'ke4 fang2'", namespace)
    outcome = code_check.check(first, "kè fáng", kind="pinyin")
    assert outcome.result.correct and outcome.value == "ke4 fang2"


def test_the_practice_engine_never_imports_ipywidgets():
    modules = ["dubao.practice.review", "dubao.practice.distractors", "dubao.practice.code_check",
               "dubao.practice.answers", "dubao.practice.progress", "dubao.practice.anki"]
    script = ("import importlib, sys\n"
              f"for name in {modules!r}: importlib.import_module(name)\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'anywidget', 'widgets')))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=COURSE_DIR,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
