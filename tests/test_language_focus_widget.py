"""The LanguageFocus widget: every item of a piece shows its pattern card and
example, and its exercise is graded like a comprehension question."""

import pytest

from dubao.content import questions
from dubao.errors import NotFound
from widgets.language_focus import LanguageFocus
from widgets.rendering import escape


def test_every_item_has_a_card_and_its_exercise_is_graded():
    focus = LanguageFocus("xinhua", lesson="test")
    items = questions.language_focus("xinhua")
    assert len(items) >= 3
    html = "".join(v.children[0].value for v in focus.views)
    for item in items:
        assert f"<b>{escape(item.pattern)}</b>" in html
        assert f"<mark>{escape(item.example)}</mark>" in html  # the example highlighted in its sentence
    first = focus.views[0]
    first.input.value = first.question.answer
    first.check.click()
    assert focus.score == 1 and "dubao-right" in first.feedback.value


def test_a_wrong_fill_in_is_marked_wrong_and_an_unknown_item_is_named():
    focus = LanguageFocus("qingzhen", lesson="test")
    fill = next(v for v in focus.views if v.question.type == "fill-in")
    fill.input.value = "鸡"
    fill.check.click()
    assert "dubao-wrong" in fill.feedback.value and focus.score == 0
    with pytest.raises(NotFound, match="qingzhen.lf99"):
        LanguageFocus("qingzhen", items=["qingzhen.lf99"])
