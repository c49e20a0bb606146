"""Flashcards: spaced review of the page's key words with the FSRS scheduler (the
``fsrs`` package), across sessions and across articles.

A card shows a word in its sentence from the page; "Show answer" reveals pinyin,
meaning and the sentence's translation; the learner rates their recall (Again,
Hard, Good, Easy) and FSRS schedules the next review. Card states live in the
learner's progress store, so a card reviewed today is not due again tomorrow in
a new notebook, a new kernel or another lesson.
"""

from datetime import datetime, timedelta, timezone

import ipywidgets as w
import traitlets

from widgets.common import store
from widgets.rendering import escape

# (label, FSRS rating, button style, what the learner is saying)
RATINGS = [("Again", 1, "danger", "I forgot it: show it again soon"),
           ("Hard", 2, "warning", "I remembered it, with difficulty"),
           ("Good", 3, "success", "I remembered it"),
           ("Easy", 4, "info", "I remembered it at once")]
# A card that FSRS wants again within this time (Again: 1 minute, a new card's
# Good: 10 minutes) comes back later in the same session, like Anki's
# "learn ahead limit"; otherwise a session would never show it again.
LEARN_AHEAD = timedelta(minutes=20)


def card_id(word) -> str:
    return f"{word.article}:{word.word}"


class Flashcards(w.VBox):
    """Review the key words of some articles (default: the whole page)."""

    revealed = traitlets.Bool(False, help="Whether the answer side is shown.")
    reviewed = traitlets.Int(0, help="Cards reviewed in this session.")

    def __init__(self, articles=None, new_per_session: int = 10, now=None, **kwargs):
        from fsrs import Scheduler

        from dubao import corpus
        from dubao.content.vocabulary import vocab

        ids = [corpus.article(a).id for a in articles] if articles else [a.id for a in corpus.articles()]
        self.scheduler = Scheduler(enable_fuzzing=False)
        self._now = now
        self.store = store()
        self._memory: dict[str, str] = {}  # card states when nothing can be saved
        self.cards = [v for a in ids for v in vocab(a, include_found=False)]
        self.queue = self._due_queue(new_per_session)
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
        super().__init__([self.status, self.front, self.show_button, self.back, self.ratings], **kwargs)
        self.add_class("dubao-flashcards")
        self._show()

    def now(self):
        return self._now or datetime.now(timezone.utc)

    # ------------------------------------------------------------------ the queue
    def state_of(self, word):
        """The FSRS card for a word: saved state, or a new card."""
        from fsrs import Card

        saved = self._memory.get(card_id(word))
        if saved is None and self.store is not None:
            saved = self.store.card_state(card_id(word))
        return Card.from_json(saved) if saved else None

    def _due_queue(self, new_limit):
        due, new = [], []
        for word in self.cards:
            card = self.state_of(word)
            if card is None:
                new.append(word)
            elif card.due <= self.now():
                due.append((card.due, word))
        due.sort(key=lambda pair: pair[0])
        return [word for _, word in due] + new[:new_limit]

    @property
    def current(self):
        return self.queue[0] if self.queue else None

    # ------------------------------------------------------------------ actions
    def reveal(self):
        self.revealed = True
        self._show()

    def rate(self, rating: int):
        """Record how well the learner recalled the current card and move on."""
        from fsrs import Card, Rating

        word = self.current
        if word is None or not self.revealed:
            return
        card = self.state_of(word) or Card()
        card, _log = self.scheduler.review_card(card, Rating(rating), self.now())
        self._memory[card_id(word)] = card.to_json()
        if self.store is not None:
            self.store.save_card_state(card_id(word), card.to_json(), card.due.isoformat())
        self.queue.pop(0)
        if card.due <= self.now() + LEARN_AHEAD:  # still being learnt: it comes back in this session
            self.queue.append(word)
        self.reviewed += 1
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
            return
        from dubao import corpus

        sentence = corpus.sentence(word.example) if word.example else None
        context = ""
        if sentence:
            before, found, after = sentence.text.partition(word.word)
            context = (f"<div style='font-size:1.2em;line-height:1.8'>{escape(before)}<b>{escape(found)}</b>"
                       f"{escape(after)}</div><div class='dubao-meta'>{escape(sentence.id)}</div>")
        self.front.value = f"<div style='font-size:2.6em'>{escape(word.word)}</div>{context}"
        if self.revealed:
            english = f"<div class='dubao-meta'>{escape(sentence.en)}</div>" if sentence and sentence.en else ""
            self.back.value = (f"<div style='font-size:1.5em'>{escape(word.pinyin)}</div>"
                               f"<div>{escape(word.gloss or '')}</div>{english}")
        else:
            self.back.value = ""
        self.show_button.layout.display = "none" if self.revealed else ""
        self.ratings.layout.display = "" if self.revealed else "none"
