"""Flashcards: spaced review of the page's key words with the FSRS scheduler (the
``fsrs`` package), across sessions and across articles.

A card shows a word in its sentence from the page; "Show answer" reveals pinyin,
meaning and the sentence's translation (a writing card, ``kinds=("writing",)``,
shows pinyin and meaning and asks for the characters, written stroke by stroke;
their mistakes and hints are saved, and the answer shows the word); the learner rates their recall (Again,
Hard, Good, Easy) and FSRS schedules the next review. Card states live in the
learner's progress store, so a card reviewed today is not due again tomorrow in
a new notebook, a new kernel or another lesson. The cards, the queue and the
scheduling are ``dubao.practice.review``; this module only shows them.
"""

import ipywidgets as w
import traitlets

from dubao.corpus.highlight import highlight
from dubao.practice.review import AGAIN, EASY, GOOD, HARD, KINDS, ReviewSession, WritingCard, card_id, cards_of
from widgets.common import store
from widgets.listen import ListenButton, vocab_source
from widgets.rendering import escape

__all__ = ["Flashcards", "KINDS", "WritingCard", "card_id"]

# (label, FSRS rating, button style, what the learner is saying)
RATINGS = [("Again", AGAIN, "danger", "I forgot it: show it again soon"),
           ("Hard", HARD, "warning", "I remembered it, with difficulty"),
           ("Good", GOOD, "success", "I remembered it"),
           ("Easy", EASY, "info", "I remembered it at once")]


def _in_sentence(sentence, word: str) -> str:
    """The page's sentence with the word in bold ("" without a sentence)."""
    if not sentence:
        return ""
    return f"<div style='font-size:1.2em;line-height:1.8'>{highlight(sentence.text, word, tag='b')}</div>"


class Flashcards(w.VBox):
    """Review the key words of some articles (default: the whole page)."""

    revealed = traitlets.Bool(False, help="Whether the answer side is shown.")
    reviewed = traitlets.Int(0, help="Cards reviewed in this session.")

    def __init__(self, articles=None, new_per_session: int = 10, now=None, kinds=("reading",), **kwargs):
        """``kinds``: "reading" (see the word, recall it) and/or "writing" (write
        it from pinyin and meaning, in hanzi-writer's quiz), each its own card."""
        from dubao import corpus
        from dubao.content.vocabulary import vocab

        ids = [corpus.article(a).id for a in articles] if articles else [a.id for a in corpus.articles()]
        words = [v for a in ids for v in vocab(a, include_found=False)]
        self.session = ReviewSession(cards_of(words, kinds), store(), new_per_session=new_per_session, now=now)
        self.pad = None  # the writing pad, made for the first writing card
        self.status = w.HTML()
        self.status.add_class("dubao-flashcard-status")
        self.front = w.HTML()
        self.front.add_class("dubao-flashcard")
        self.back = w.HTML()
        self.show_button = w.Button(description="Show answer", button_style="primary",
                                    tooltip="Reveal pinyin and meaning")
        self.show_button.on_click(lambda _: self.reveal())
        self.rating_buttons = []
        for label, value, style, meaning in RATINGS:
            button = w.Button(description=label, button_style=style, tooltip=meaning)
            button.on_click(lambda _, v=value: self.rate(v))
            self.rating_buttons.append(button)
        self.ratings = w.HBox(self.rating_buttons)
        self.writing_box = w.VBox()
        # the word read aloud with the answer, not before: hearing it gives the pinyin away
        self.listen = ListenButton(label="▶ Listen")
        super().__init__([self.status, self.front, self.writing_box, self.show_button, self.back, self.listen,
                          self.ratings],
                         **kwargs)
        self.add_class("dubao-flashcards")
        self._show()

    # the session's state, for tests and lessons that look at the queue
    store = property(lambda self: self.session.store)
    cards = property(lambda self: self.session.words)
    queue = property(lambda self: self.session.queue)
    current = property(lambda self: self.session.current)

    def state_of(self, word):
        return self.session.state_of(word)

    # ------------------------------------------------------------------ actions
    def reveal(self):
        self.revealed = True
        self._show()

    def rate(self, rating: int):
        """Record how well the learner recalled the current card and move on
        (nothing happens before the answer is shown)."""
        if self.current is None or not self.revealed:
            return
        self.session.rate(rating)
        self.reviewed = self.session.reviewed
        self.revealed = False
        self._show()

    # ------------------------------------------------------------------ display
    def _show(self):
        word = self.current
        remaining = len(self.queue)
        self.status.value = f"<b>{remaining} card(s) to review</b> · {self.reviewed} reviewed this session"
        if word is None:
            self.front.value = ("<div style='font-size:1.3em'>Nothing is due now. Come back later: "
                                "FSRS has scheduled your next reviews.</div>")
            self.back.value = ""
            self.show_button.layout.display = "none"
            self.ratings.layout.display = "none"
            self.listen.layout.display = "none"
            return
        from dubao import corpus

        sentence = corpus.sentence(word.example) if word.example else None
        if getattr(word, "kind", "") == "writing":
            front, back = self._writing_sides(word, sentence)
        else:
            self.writing_box.children = []
            context = _in_sentence(sentence, word.word)
            if sentence:
                context += f"<div class='dubao-meta'>{escape(sentence.id)}</div>"
            front = f"<div style='font-size:2.6em'>{escape(word.word)}</div>{context}"
            english = f"<div class='dubao-meta'>{escape(sentence.en)}</div>" if sentence and sentence.en else ""
            back = (f"<div style='font-size:1.5em'>{escape(word.pinyin)}</div>"
                    f"<div>{escape(word.gloss or '')}</div>{english}")
        self.front.value = front
        self.back.value = back if self.revealed else ""
        self.show_button.layout.display = "none" if self.revealed else ""
        self.ratings.layout.display = "" if self.revealed else "none"
        self.listen.source = vocab_source(word)
        self.listen.layout.display = "" if self.revealed else "none"

    # ------------------------------------------------------------------ writing cards
    def _writing_sides(self, card, sentence) -> tuple[str, str]:
        """Front: pinyin and meaning, with a pad to write on; back: the word in its sentence."""
        from widgets.strokes import Strokes

        if self.pad is None:
            self.pad = Strokes("", mode="quiz", size=120)
            self.pad.observe(self._on_written, names=["results"])
        if not self.revealed:
            self.pad.mode = "quiz"
            self.pad.text = card.word
        self.writing_box.children = [self.pad]
        return ((f"<div class='dubao-meta'>Write the word</div><div style='font-size:1.6em'>"
                 f"{escape(card.pinyin)}</div><div>{escape(card.gloss or '')}</div>"),
                f"<div style='font-size:2.6em'>{escape(card.word)}</div>{_in_sentence(sentence, card.word)}")

    def _on_written(self, change):
        """Save the mistakes and hints of each character once the word is written."""
        card = self.current
        results = change["new"]
        if getattr(card, "kind", "") != "writing" or not results or not all(r.get("done") for r in results):
            return
        if self.store is not None:
            try:
                self.store.record_writing("flashcards", card.word, results, article=card.article)
            except Exception:  # noqa: BLE001 - saving must never stop a review
                pass
        self.reveal()
