"""Flashcards: spaced review of the page's key words with the FSRS scheduler (the
``fsrs`` package), across sessions and across articles.

A card shows a word in its sentence from the page; "Show answer" reveals pinyin,
meaning and the sentence's translation (a writing card, ``kinds=("writing",)``,
shows pinyin and meaning and asks for the characters, written stroke by stroke;
their mistakes and hints are saved, and the answer shows the word); the learner rates their recall (Again,
Hard, Good, Easy) and FSRS schedules the next review. Card states live in the
learner's progress store, so a card reviewed today is not due again tomorrow in
a new notebook, a new kernel or another lesson.
"""

from datetime import datetime, timedelta, timezone

import ipywidgets as w
import traitlets

from dubao.language.characters import writable
from widgets.common import store
from widgets.listen import ListenButton, vocab_source
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


KINDS = ("reading", "writing")


class WritingCard:
    """A key word to write from its pinyin and meaning: a card of its own, with
    its own FSRS state (reading a word and writing it are learnt apart)."""

    kind = "writing"

    def __init__(self, word):
        self.vocab = word

    def __getattr__(self, name):  # word, article, pinyin, gloss, example: the word's own
        return getattr(self.vocab, name)

    def __repr__(self):
        return f"WritingCard({self.vocab.word!r})"


def card_id(word) -> str:
    """``article:word`` for a reading card, ``article:word:writing`` for a writing card."""
    suffix = ":writing" if getattr(word, "kind", "reading") == "writing" else ""
    return f"{word.article}:{word.word}{suffix}"


def _in_sentence(sentence, word: str) -> str:
    """The page's sentence with the word in bold ("" without a sentence)."""
    if not sentence:
        return ""
    before, found, after = sentence.text.partition(word)
    return (f"<div style='font-size:1.2em;line-height:1.8'>{escape(before)}<b>{escape(found)}</b>"
            f"{escape(after)}</div>")


class Flashcards(w.VBox):
    """Review the key words of some articles (default: the whole page)."""

    revealed = traitlets.Bool(False, help="Whether the answer side is shown.")
    reviewed = traitlets.Int(0, help="Cards reviewed in this session.")

    def __init__(self, articles=None, new_per_session: int = 10, now=None, kinds=("reading",), **kwargs):
        """``kinds``: "reading" (see the word, recall it) and/or "writing" (write
        it from pinyin and meaning, in hanzi-writer's quiz), each its own card."""
        from fsrs import Scheduler

        from dubao import corpus
        from dubao.content.vocabulary import vocab

        ids = [corpus.article(a).id for a in articles] if articles else [a.id for a in corpus.articles()]
        self.scheduler = Scheduler(enable_fuzzing=False)
        self._now = now
        self.store = store()
        self._memory: dict[str, str] = {}  # card states when nothing can be saved
        unknown = [kind for kind in kinds if kind not in KINDS]
        if unknown:
            raise ValueError(f"Flashcards kinds {unknown} are not among {', '.join(KINDS)}")
        words = [v for a in ids for v in vocab(a, include_found=False)]
        # a word's writing card right after its reading card, so new cards of both kinds come in turn
        self.cards = [card for v in words for card in
                      ([v] if "reading" in kinds else []) + ([WritingCard(v)] if "writing" in kinds and writable(v.word)
                                                            else [])]
        self.pad = None  # the writing pad, made for the first writing card
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
        self.writing_box = w.VBox()
        # the word read aloud with the answer, not before: hearing it gives the pinyin away
        self.listen = ListenButton(label="▶ Listen")
        super().__init__([self.status, self.front, self.writing_box, self.show_button, self.back, self.listen,
                          self.ratings],
                         **kwargs)
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
