"""Resources a long lesson uses: a very long article is shown one part at a time
(the first view renders one part, however long the text), and quiz rounds
repeated for a whole session do not make memory grow without bound. Timing is
not asserted here: ``python -m dubao bench`` measures the Reader's first view.
"""

import gc
import re
import tracemalloc
import warnings

import ipywidgets as w

from dubao import corpus
from dubao.practice import progress
from widgets import ComprehensionQuiz, Reader, VocabQuiz
from widgets import reader as reader_module


def long_text(characters: int = 200_000) -> str:
    """The page's own paragraphs, repeated until the text is this long."""
    paragraphs = [p.text for a in corpus.articles() for p in a.paragraphs]
    out, size = [], 0
    while size < characters:
        for paragraph in paragraphs:
            out.append(paragraph)
            size += len(paragraph)
    return "\n".join(out)


def test_a_200000_character_text_shows_only_its_first_part():
    text = long_text()
    assert len(text) >= 200_000
    reader = Reader(text=text, title="长文")
    label, first = reader.parts[0]
    assert len(reader.parts) >= 200_000 // reader_module.PART_CHARS
    shown = re.findall(r'data-pid="([^"]+)"', reader.html)
    assert shown == [p.id for p in first]
    longest = max(len(p.text) for p in reader.article.paragraphs)
    assert sum(len(p.text) for p in first) <= reader_module.PART_CHARS + longest
    # the HTML of one part (about 55 bytes a character with its spans and ids), not 11 MB
    assert len(reader.html) < 80 * (reader_module.PART_CHARS + longest)
    reader.part = 5
    assert re.findall(r'data-pid="([^"]+)"', reader.html) == [p.id for p in reader.parts[5][1]]


def _vocab_round(quiz):
    """One round of a vocabulary quiz: a wrong answer, then the right one, for every word."""
    quiz.kind = "pinyin" if quiz.kind == "meaning" else "meaning"
    for _ in quiz.words:
        if quiz.kind == "pinyin":
            quiz.text.value = "xxx1"
            quiz.check()
            quiz.text.value = quiz.current.pinyin
        else:
            quiz.choice.value = next(value for _, value in quiz.choice.options if value != quiz.current.word)
            quiz.check()
            quiz.choice.value = quiz.current.word
        quiz.check()
        quiz.next()


def _comprehension_round(quiz):
    quiz.current.text_box.value = "12"
    quiz.check()
    quiz.current.text_box.value = "twelve"
    quiz.check()
    quiz.current.reset()


def test_quiz_rounds_do_not_grow_memory_without_bound(data_dir):
    """200 check-and-retry rounds (50 four-word vocabulary rounds, 100 comprehension
    rounds) after a warm-up that fills the caches and opens the progress store.
    Before the vocabulary quiz closed the controls of each question it replaced,
    each four-word round left a dozen widgets registered and memory grew by about
    60 kB a round (3 MB here); now it stays nearly flat."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", progress.ProgressWarning)
        vocab = VocabQuiz("qingzhen", kind="meaning", count=4, seed=1)
        comprehension = ComprehensionQuiz("hankaisi", questions=["hankaisi.q5"])
        for _ in range(10):
            _vocab_round(vocab)
            _comprehension_round(comprehension)
        gc.collect()
        widgets_before = len(w.Widget.widgets)
        tracemalloc.start()
        try:
            snapshots = [tracemalloc.take_snapshot()]
            for _ in range(2):  # two halves of 25 rounds each
                for _ in range(25):
                    _vocab_round(vocab)
                    _comprehension_round(comprehension)
                    _comprehension_round(comprehension)
                gc.collect()
                snapshots.append(tracemalloc.take_snapshot())
        finally:
            tracemalloc.stop()
    halves = [sum(stat.size_diff for stat in later.compare_to(earlier, "filename"))
              for earlier, later in zip(snapshots, snapshots[1:])]
    # no growth: a leak adds widgets every round (widgets of earlier tests may be
    # closed by the garbage collector meanwhile, so the count can only be compared one way)
    assert len(w.Widget.widgets) <= widgets_before
    # A leak grows in both halves (the old one: ~1.5 MB each); a one-off allocation,
    # such as the widget registry's table being resized, shows in one half only.
    assert min(halves) < 300_000, (halves, [str(x) for x in snapshots[-1].compare_to(snapshots[0], "lineno")[:5]])
    assert vocab.finished and vocab.missed  # the rounds really ran: every first answer was wrong
