"""Word statuses in the widgets, driven through traits and ``.click()`` as a
learner would drive them: the Reader's word panel buttons, the status view and
its legend, pinyin over words not known yet, the coverage above the text,
mark-all with its undo, a store that cannot save; VocabList, ProgressView."""

import re
import warnings

import pytest

from dubao.practice import progress, word_status as ws
from dubao.practice.progress import open_store
from test_word_status import read_only_store
from widgets import ProgressView, Reader, VocabList


@pytest.fixture(autouse=True)
def _fresh_stores():
    progress.forget_stores()
    yield
    progress.forget_stores()


def classes_of(reader, word) -> set:
    """(selected or not, status, level) of every place where ``word`` is shown
    (asserting there is one), sorted as a tuple without the empty parts."""
    found = re.findall(r'<span class="dubao-word( selected)?" data-word="' + re.escape(word)
                       + r'" data-sid="[^"]*" data-hsk="[^"]*" data-status="(\w+)"(?: data-level="(\d)")?', reader.html)
    assert found, f"{word} is not in the text"
    return {tuple(sorted(x for x in (selected.strip(), "st-" + status, level and "lv-" + level) if x))
            for selected, status, level in found}


def test_the_word_panel_buttons_change_the_status_and_the_text(data_dir):
    reader = Reader("qingzhen")
    assert reader.word_panel.layout.display == "none"  # no word chosen yet
    reader.status_view = True
    assert re.search(r'class="dubao-text[^"]* status-view"', reader.html)
    reader.selected_word = "鸡粪"
    assert reader.word_panel.layout.display == ""
    assert "<b>Status:</b> <span class='dubao-status-new'>new</span>" in reader.word_panel.status.value
    assert classes_of(reader, "鸡粪") == {("selected", "st-new")}
    assert "鸡粪 jī fèn, new" in reader.html  # a screen reader hears the status

    reader.word_panel.know_button.click()
    assert open_store().known_words() == {"鸡粪"}
    assert classes_of(reader, "鸡粪") == {("selected", "st-known")}
    assert "dubao-status-known'>known</span>" in reader.word_panel.status.value
    assert reader.word_panel.know_button.button_style == "info"

    reader.word_panel.learning_button.click()  # a flashcard, and the known mark goes
    assert open_store().known_words() == set()
    assert open_store().card_state("qingzhen:鸡粪") is not None
    assert classes_of(reader, "鸡粪") == {("lv-1", "selected", "st-learning")}
    assert "learning (level 1)" in reader.word_panel.status.value

    reader.selected_word = "养殖"
    reader.word_panel.ignore_button.click()
    assert open_store().ignored_words() == {"养殖"}
    assert "not a word to learn" in reader.word_panel.status.value
    assert reader.word_panel.note.value == ""  # saved: no "not saved" note


def test_coverage_above_the_text_rises_when_a_word_is_marked(data_dir):
    reader = Reader("qingzhen")
    before = reader.coverage
    assert before.running_known == 0 and before.running > 400
    assert "You know 0% of this text" in reader.status_bar.coverage.value
    occurrences = len(re.findall(r'data-word="的"', reader.html))
    assert occurrences > 10
    reader.selected_word = "的"
    reader.word_panel.know_button.click()
    after = reader.coverage
    assert after.running_known == occurrences
    assert after.distinct_known == 1
    assert f"({occurrences} of {after.running})" in reader.status_bar.coverage.value
    assert f"You know {after.running_share:.0%} of this text" in reader.status_bar.coverage.value


def test_mark_every_remaining_word_and_undo(data_dir):
    open_store().mark_ignored("鸡粪")
    ws.start_learning(open_store(), "养殖", "qingzhen")
    reader = Reader("qingzhen", status_view=True)
    reader.status_bar.mark_all_button.click()
    known = open_store().known_words()
    assert reader.coverage.distinct_share == 1.0 - 1 / reader.coverage.distinct  # all but the learning word
    assert "鸡粪" not in known and "养殖" not in known  # only new words are marked
    assert "Marked" in reader.status_bar.message.value and not reader.status_bar.undo_button.disabled
    assert classes_of(reader, "农民") == {("st-known",)}
    reader.status_bar.undo_button.click()
    assert open_store().known_words() == set()
    assert reader.coverage.running_known == 0 and reader.status_bar.undo_button.disabled
    assert classes_of(reader, "农民") == {("st-new",)}


def test_undo_keeps_words_that_were_known_before(data_dir):
    open_store().mark_known("的")
    reader = Reader("qingzhen")
    reader.status_bar.mark_all_button.click()
    reader.status_bar.undo_button.click()
    assert open_store().known_words() == {"的"}


def test_pinyin_over_words_not_known_yet(data_dir):
    reader = Reader("qingzhen")
    reader.pinyin_mode = "all"
    every = reader.html.count("<rt>")
    reader.pinyin_mode = "unknown"
    assert reader.html.count("<rt>") == every  # nothing known yet
    assert "Words I don't know yet" in [label for label, _ in reader.pinyin_control.options]
    reader.selected_word = "鸡粪"
    reader.word_panel.know_button.click()
    assert reader.html.count("<rt>") == every - 2 * reader.html.count('data-word="鸡粪"')
    assert not re.search(r'data-word="鸡粪"[^>]*>(?:(?!</span>).)*<rt>', reader.html)


def test_the_status_view_and_its_legend_turn_on_and_off(data_dir):
    reader = Reader("liuli")
    assert reader.status_bar.legend.layout.display == "none"
    assert "status-view" not in reader.html and "data-status" not in reader.html
    reader.status_bar.view_control.value = True
    assert reader.status_view and "status-view" in reader.html
    assert reader.status_bar.legend.layout.display == ""
    legend = reader.status_bar.legend.value
    for style in ['data-status="new"', 'data-status="learning" data-level="1"',
                  'data-status="learning" data-level="4"', 'data-status="known"']:
        assert f'class="dubao-word" {style}' in legend
    from widgets.text_view import STATUS_CSS

    # the non-colour cue: new solid, learning dashed, known none
    assert '[data-status="new"] { border-bottom: 2px solid' in STATUS_CSS
    assert '[data-status="learning"] { border-bottom: 2px dashed' in STATUS_CSS
    assert '[data-status="ignored"] { border-bottom: none' in STATUS_CSS


def test_marks_made_in_one_reader_show_in_a_new_one(data_dir):
    first = Reader("qingzhen", status_view=True)
    first.selected_word = "鸡粪"
    first.word_panel.know_button.click()
    second = Reader("qingzhen", status_view=True)
    assert classes_of(second, "鸡粪") == {("st-known",)}
    assert second.coverage.running_known == first.coverage.running_known > 0


def test_a_read_only_data_folder_shows_marks_as_not_saved(data_dir, monkeypatch):
    assert not read_only_store(monkeypatch).saving
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", progress.ProgressWarning)
        reader = Reader("qingzhen", status_view=True)
        reader.selected_word = "鸡粪"
        reader.word_panel.know_button.click()
        reader.word_panel.learning_button.click()
        reader.status_bar.mark_all_button.click()
        reader.status_bar.undo_button.click()
        reader.word_panel.know_button.click()
    assert classes_of(reader, "鸡粪") == {("selected", "st-known")}
    assert "Not saved: your marks last until the kernel stops" in reader.word_panel.note.value
    assert "read-only" in reader.word_panel.note.value


def test_vocab_list_shows_statuses_and_hides_known_words(data_dir):
    listing = VocabList("qingzhen")
    words = [v.word for v in listing.words]
    assert len(words) > 5 and "<th style='padding:0.1em 1em 0.1em 0'>you</th>" in listing.value
    assert listing.value.count("dubao-status-new") == len(words)
    open_store().mark_known(words[0])
    ws.start_learning(open_store(), words[1], "qingzhen")
    listing.refresh()
    assert "dubao-status-known'" in listing.value and "learning (level 1)" in listing.value
    listing.hide_known = True
    assert [v.word for v in listing.words] == words[1:]
    assert "1 word(s) you know are hidden." in listing.value
    assert VocabList("qingzhen", hide_known=True).words == listing.words


def test_progress_view_shows_counts_and_the_coverage_of_each_piece(data_dir):
    open_store().mark_known_many(["的", "是"])
    open_store().mark_ignored("翰凯斯")
    view = ProgressView()
    assert "<b>Your words:</b> 2 known · 0 learning · 1 not to learn" in view.table.value
    assert view.table.value.count("<tr><td") >= 6  # one row per piece
    assert "清镇鸡粪“出山”" in view.table.value


def test_vocab_quiz_and_flashcards_skip_known_words(data_dir):
    from widgets import Flashcards, VocabQuiz

    everything = VocabQuiz("qingzhen", count=100, seed=1, skip_known=False)
    all_words = {v.word for v in everything.words}
    assert len(all_words) > 5
    known = sorted(all_words)[:3]
    open_store().mark_known_many(known)
    quiz = VocabQuiz("qingzhen", count=100, seed=1)
    assert {v.word for v in quiz.words} == all_words - set(known)
    assert sorted(v.word for v in quiz.skipped) == known

    cards = Flashcards(["qingzhen"])
    assert not {v.word for v in cards.cards} & set(known)
    assert sorted(v.word for v in cards.skipped) == known
    assert {v.word for v in Flashcards(["qingzhen"], skip_known=False).cards} >= set(known)

    open_store().mark_known_many(all_words)  # every word known: the quiz keeps them all
    assert {v.word for v in VocabQuiz("qingzhen", count=100, seed=1).words} == all_words


def test_a_word_chosen_for_learning_in_the_reader_becomes_a_flashcard(data_dir):
    from widgets import Flashcards

    reader = Reader("qingzhen")
    key_words = {v.word for v in Flashcards(["qingzhen"]).cards}
    assert "农民" not in key_words
    reader.selected_word = "农民"
    reader.word_panel.learning_button.click()
    cards = Flashcards(["qingzhen"], new_per_session=100)
    assert "农民" in [v.word for v in cards.cards]
    assert "农民" in [v.word for v in cards.queue]  # a new card, due now


def test_the_status_view_setting_persists(data_dir):
    Reader("liuli").status_view = True
    assert Reader("liuli").status_view is True
    assert Reader("liuli", status_view=False).status_view is False  # an explicit choice wins
    assert Reader("liuli").status_view is False


def test_coverage_counts_every_line_the_reader_shows(data_dir):
    """Headings and the title count (a word marked in the title moves the coverage),
    and a whole piece in the Reader has the coverage ProgressView gives it."""
    for piece in ("qingzhen", "xinhua", "liuli"):
        assert Reader(piece).coverage == ws.article_coverage(piece, ws.Statuses.of_store(open_store()))
    passage = Reader("liuli", paragraphs=["liuli.p6"], status_view=True)
    title_only = [t.text for t in ws.text_tokens([passage.article.title]) if ws.is_word(t)]
    word = next(w for w in title_only if w not in passage.article.paragraphs[5].text)
    passage.selected_word = word
    passage.word_panel.know_button.click()
    assert passage.coverage.running_known >= 1


def test_a_long_text_gives_the_coverage_of_the_part_shown(data_dir):
    own = Reader(text="\n".join(["清镇市肉鸡产能预计达3600万羽。" * 20] * 60 + ["我们村这路，好多地方都不好走。"] * 3))
    assert len(own.parts) > 1
    first = own.coverage
    assert "You know 0% of this part" in own.status_bar.coverage.value
    own.part = len(own.parts) - 1
    assert own.coverage != first
    assert f"({own.coverage.running_known} of {own.coverage.running})" in own.status_bar.coverage.value
