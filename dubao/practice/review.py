"""Spaced review of key words with the FSRS scheduler (the ``fsrs`` package): which
cards are due, in which order, and what a rating does to a card. The Flashcards
widget is a view over one ``ReviewSession``; the session can be driven and tested
without any widget.

Card states live in the learner's progress store, so a card reviewed today is not
due again tomorrow in a new notebook, a new kernel or another lesson. When nothing
can be saved the session keeps the states in memory until the kernel stops.

>>> session = ReviewSession(words, store, now=monday)        # doctest: +SKIP
>>> session.current.word, session.rate(GOOD).due             # doctest: +SKIP
('鸡粪', datetime(2025, 12, 8, 9, 10, tzinfo=timezone.utc))
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from dubao.language.characters import writable

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4  # FSRS's ratings
RATINGS = (AGAIN, HARD, GOOD, EASY)
# A card that FSRS wants again within this time (Again: 1 minute, a new card's
# Good: 10 minutes) comes back later in the same session, like Anki's "learn
# ahead limit"; otherwise a session would never show it again.
LEARN_AHEAD = timedelta(minutes=20)
NEW_PER_SESSION = 10


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
    """The id a card is saved under: ``qingzhen:鸡粪`` for a reading card,
    ``qingzhen:鸡粪:writing`` for a writing card."""
    suffix = ":writing" if getattr(word, "kind", "reading") == "writing" else ""
    return f"{word.article}:{word.word}{suffix}"


def cards_of(words, kinds=("reading",)) -> list:
    """The cards of some key words: each word (a reading card) and/or its
    WritingCard, the writing card right after the reading card so that new cards
    of both kinds come in turn. A word with a character that has no stroke data
    gets no writing card."""
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        raise ValueError(f"Flashcards kinds {unknown} are not among {', '.join(KINDS)}")
    return [card for word in words for card in
            ([word] if "reading" in kinds else []) + ([WritingCard(word)] if "writing" in kinds
                                                      and writable(word.word) else [])]


class ReviewSession:
    """One learner's review of some cards (see ``cards_of``): the due cards first,
    oldest due first, then up to ``new_per_session`` new ones in the order of the list.

    ``store`` is a progress store (or None: nothing is saved); ``now`` fixes the
    clock, for tests and for a lesson that wants a given day."""

    def __init__(self, words, store=None, new_per_session: int = NEW_PER_SESSION, now: datetime | None = None):
        self.words = list(words)
        self.store = store
        from fsrs import Scheduler  # here, not at the top: fsrs takes a third of a second to import

        self.scheduler = Scheduler(enable_fuzzing=False)  # no fuzz: the same ratings give the same dates
        self.reviewed = 0
        self._now = now
        self._memory: dict[str, str] = {}  # card states of this session, saved or not
        self.queue = self._due_queue(new_per_session)

    def now(self) -> datetime:
        return self._now or datetime.now(timezone.utc)

    def state_of(self, word):
        """The FSRS card of a word: its state from this session or the store, or
        None for a word never reviewed."""
        from fsrs import Card

        saved = self._memory.get(card_id(word))
        if saved is None and self.store is not None:
            saved = self.store.card_state(card_id(word))
        return Card.from_json(saved) if saved else None

    def _due_queue(self, new_limit: int) -> list:
        due, new = [], []
        for word in self.words:
            card = self.state_of(word)
            if card is None:
                new.append(word)
            elif card.due <= self.now():
                due.append((card.due, word))
        due.sort(key=lambda pair: pair[0])
        return [word for _, word in due] + new[:new_limit]

    @property
    def current(self):
        """The word to review now, or None when nothing is due."""
        return self.queue[0] if self.queue else None

    def rate(self, rating: int):
        """Record how well the learner recalled the current word (AGAIN, HARD,
        GOOD or EASY) and move on; the card as FSRS scheduled it. A card due again
        within LEARN_AHEAD goes to the back of this session's queue."""
        if rating not in RATINGS:
            raise ValueError(f"a rating is one of {RATINGS} (Again, Hard, Good, Easy), not {rating!r}")
        from fsrs import Card, Rating

        word = self.current
        if word is None:
            raise ValueError("nothing is due: there is no card to rate")
        card, _log = self.scheduler.review_card(self.state_of(word) or Card(), Rating(rating), self.now())
        self._memory[card_id(word)] = card.to_json()
        if self.store is not None:
            self.store.save_card_state(card_id(word), card.to_json(), card.due.isoformat())
        self.queue.pop(0)
        if card.due <= self.now() + LEARN_AHEAD:
            self.queue.append(word)
        self.reviewed += 1
        return card
