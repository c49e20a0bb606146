"""Flashcards: FSRS review driven through the widget's buttons, and the card
states read back by a NEW Python process from the same learner data folder, as
the next notebook (or tomorrow's kernel) would see them."""

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card, State

from dubao import corpus
from dubao.practice import progress
from tests.conftest import COURSE_DIR
from widgets.flashcards import Flashcards, card_id

MONDAY = datetime(2025, 12, 8, 9, 0, tzinfo=timezone.utc)

AGAIN, HARD, GOOD, EASY = 0, 1, 2, 3  # positions of the rating buttons


def review(cards, button: int):
    """Reveal the current card and press one rating button; returns the word reviewed."""
    word = cards.current.word
    cards.show_button.click()
    cards.rating_buttons[button].click()
    return word


def saved(store, card: str) -> Card:
    state = store.card_state(card)
    assert state is not None, card
    return Card.from_json(state)


def test_a_card_front_then_back(data_dir):
    cards = Flashcards(["qingzhen"], now=MONDAY)
    # the first ten key words of the piece are new today (new_per_session=10)
    assert [w.word for w in cards.queue] == ["鸡粪", "肉鸡", "养殖", "出栏", "产能", "产值", "有机肥", "土壤",
                                             "经纪人", "收益"]
    assert "<b>10 card(s) to review</b>" in cards.status.value
    # the front: the word and its first sentence on the page, the word in bold
    assert "鸡粪</div>" in cards.front.value and "而混合了稻壳垫料的<b>鸡粪</b>是理想的有机肥发酵原料" in cards.front.value
    assert "qingzhen.p1.s2" in cards.front.value
    assert cards.back.value == "" and cards.ratings.layout.display == "none"
    cards.rating_buttons[GOOD].click()  # rating before the answer is shown does nothing
    assert cards.reviewed == 0 and cards.current.word == "鸡粪"
    cards.show_button.click()
    assert cards.revealed
    assert "jī fèn" in cards.back.value and "chicken manure" in cards.back.value
    english = corpus.sentence("qingzhen.p1.s2").en
    if english:  # the translation of the sentence, when the corpus has one
        assert english.replace("’", "&#x27;") in cards.back.value or english in cards.back.value
    assert cards.show_button.layout.display == "none" and cards.ratings.layout.display == ""


def test_controls_are_labelled():
    cards = Flashcards(["brief"], now=MONDAY)
    assert cards.show_button.description == "Show answer"
    assert [(b.description, b.tooltip) for b in cards.rating_buttons] == [
        ("Again", "I forgot it: show it again soon"), ("Hard", "I remembered it, with difficulty"),
        ("Good", "I remembered it"), ("Easy", "I remembered it at once")]


def test_ratings_are_scheduled_by_fsrs_and_saved(data_dir):
    cards = Flashcards(["qingzhen"], now=MONDAY)
    store = progress.open_store()
    assert review(cards, EASY) == "鸡粪"
    easy = saved(store, "qingzhen:鸡粪")
    assert easy.state == State.Review and easy.due >= MONDAY + timedelta(days=1)
    assert easy.last_review == MONDAY
    assert review(cards, GOOD) == "肉鸡"
    good = saved(store, "qingzhen:肉鸡")
    assert good.state == State.Learning and good.due == MONDAY + timedelta(minutes=10)
    assert review(cards, AGAIN) == "养殖"
    again = saved(store, "qingzhen:养殖")
    assert again.state == State.Learning and again.due == MONDAY + timedelta(minutes=1)
    assert cards.reviewed == 3
    # cards still being learnt come back at the end of this session; the easy one does not
    assert [w.word for w in cards.queue][-2:] == ["肉鸡", "养殖"]
    assert "鸡粪" not in [w.word for w in cards.queue]
    # the database also knows when each card is due
    assert store.due_cards(MONDAY + timedelta(minutes=5)) == ["qingzhen:养殖"]


def test_a_session_runs_out(data_dir):
    cards = Flashcards(["brief"], now=MONDAY)  # six key words
    while cards.current is not None:
        review(cards, EASY)
    assert cards.reviewed == 6
    assert "Nothing is due now" in cards.front.value
    assert cards.show_button.layout.display == "none" and cards.ratings.layout.display == "none"
    cards.show_button.click()
    cards.rating_buttons[GOOD].click()
    assert cards.reviewed == 6


NEW_PROCESS = """
import json, sys
from datetime import datetime
from widgets.flashcards import Flashcards
from dubao.practice import progress

now = datetime.fromisoformat(sys.argv[1])
cards = Flashcards(sys.argv[2:] or None, now=now)
store = progress.open_store()
print(json.dumps({"queue": [f"{w.article}:{w.word}" for w in cards.queue],
                  "states": {c: store.card_state(c) for c in ["qingzhen:鸡粪", "qingzhen:肉鸡", "liuli:扎根"]},
                  "folder": str(store.path.parent)}, ensure_ascii=False))
"""


def open_in_new_process(data_dir, now, *articles) -> dict:
    result = subprocess.run([sys.executable, "-c", NEW_PROCESS, now.isoformat(), *articles],
                            capture_output=True, text=True, cwd=COURSE_DIR, timeout=120,
                            env={**os.environ, "DUBAO_DATA_DIR": str(data_dir)})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_card_state_survives_a_new_process_and_spans_articles(data_dir):
    first = Flashcards(["qingzhen", "liuli"], now=MONDAY)
    store = progress.open_store()
    assert review(first, EASY) == "鸡粪"
    assert review(first, AGAIN) == "肉鸡"
    first_states = {c: store.card_state(c) for c in ["qingzhen:鸡粪", "qingzhen:肉鸡"]}

    # five minutes later, in another process: 肉鸡 is due, 鸡粪 is not, the rest are new
    later = open_in_new_process(data_dir, MONDAY + timedelta(minutes=5), "qingzhen", "liuli")
    assert later["folder"] == str(data_dir.absolute())
    assert {c: later["states"][c] for c in first_states} == first_states
    assert later["states"]["liuli:扎根"] is None
    assert later["queue"][0] == "qingzhen:肉鸡"
    assert "qingzhen:鸡粪" not in later["queue"]
    assert later["queue"][1:4] == ["qingzhen:养殖", "qingzhen:出栏", "qingzhen:产能"]

    # the whole page (every article) sees the same cards: 鸡粪 is done for now
    page = [card_id(w) for w in Flashcards(now=MONDAY + timedelta(minutes=5)).queue]
    assert page[0] == "qingzhen:肉鸡"
    assert "qingzhen:鸡粪" not in page
    assert page[1] == "xinhua:新质生产力"  # then new cards, in page order

    # once the easy card is due, it is back in the queue
    due = Card.from_json(first_states["qingzhen:鸡粪"]).due
    then = [card_id(w) for w in Flashcards(["qingzhen"], now=due + timedelta(minutes=1)).queue]
    assert then[:2] == ["qingzhen:肉鸡", "qingzhen:鸡粪"]  # the most overdue first


def test_the_same_word_in_two_articles_is_two_cards():
    # 基础设施 is a key word of xinhua (p13.s1) and of liuli (p2.s2); each card keeps its own sentence
    cards = {card_id(w): w for w in Flashcards(["xinhua", "liuli"], new_per_session=0, now=MONDAY).cards}
    assert cards["xinhua:基础设施"].example == "xinhua.p13.s1"
    assert cards["liuli:基础设施"].example == "liuli.p2.s2"


def test_without_a_store_reviews_still_work(monkeypatch):
    import widgets.flashcards as module

    monkeypatch.setattr(module, "store", lambda: None)
    cards = Flashcards(["brief"], now=MONDAY)
    assert cards.store is None
    assert review(cards, AGAIN) == "主持"
    assert cards.state_of(cards.cards[0]).state == State.Learning  # kept in memory
    assert [w.word for w in cards.queue][-1] == "主持"


def test_unknown_article():
    with pytest.raises(corpus.NotFound, match="no article 'nosuch'"):
        Flashcards(["nosuch"])
