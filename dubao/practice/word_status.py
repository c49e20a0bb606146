"""The learner's own words: for every word, whether it is *new*, being *learnt*,
*known* or *ignored*, and how much of a text the learner already knows (its
coverage). Graded-reader apps are built around this (LingQ's word statuses, Du
Chinese's pinyin for unknown words only); here it is derived each time from the
progress store, so nothing is stored twice.

- **known**: marked "I know this" (or imported with ``python -m dubao known import``),
  or a flashcard whose FSRS stability has reached ``KNOWN_STABILITY_DAYS``;
- **ignored**: marked "not a word to learn", or a name or a number (the engine's
  ``Token.is_name`` / ``Token.is_number``) that the learner has not chosen to learn;
- **learning**: has a flashcard, or was answered in a vocabulary quiz; ``level``
  1–4 from the card's stability (LingQ's four learning levels), 1 without a card;
- **new**: none of these.

    >>> statuses = Statuses.of_store(open_store())           # doctest: +SKIP
    >>> statuses.status("鸡粪").status                          # doctest: +SKIP
    'new'

Coverage counts words only (tokens with a Han character); ignored words are left
out of both the numerator and the denominator, so a text full of names is not
"known" because of them, nor "unknown".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from dubao.language.han import count_han

NEW, LEARNING, KNOWN, IGNORED = "new", "learning", "known", "ignored"
STATUSES = (NEW, LEARNING, KNOWN, IGNORED)

# A card counts as known once FSRS expects it to be recalled with 90% probability
# 21 days after a review (its stability, in days). 21 days is where Anki calls a
# card "mature" (interval of 21 days or more), so a word counts as known here when
# an Anki or Pleco user would call it mature; with FSRS's default weights a new
# word rated Good at every review gets there at its fourth review, about two weeks
# after it was first seen (tests/test_word_status.py replays it).
KNOWN_STABILITY_DAYS = 21.0
# Stabilities (days) at which a card moves up from learning level 1 to 2, 3 and 4:
# a card seen once (stability about 2 days after Good) is at level 2, one that
# lasts a week at level 3, one that lasts ten days at level 4.
LEVEL_STABILITY_DAYS = (1.0, 4.0, 10.0)
FSRS_STATES = {1: "learning", 2: "review", 3: "relearning"}  # fsrs.State values


@dataclass(frozen=True)
class WordStatus:
    """One word's status and why."""

    word: str
    status: str                      # new | learning | known | ignored
    reason: str                      # for the learner: "marked known", "a name" ...
    level: int | None = None         # 1–4 while learning
    card_state: str | None = None    # FSRS's own state: learning, review, relearning
    stability: float | None = None   # days, where there is a reviewed card

    @property
    def label(self) -> str:
        """How the status is shown: 'new', 'learning (level 2)', 'known', 'not a word to learn'."""
        if self.status == LEARNING:
            return f"learning (level {self.level})"
        return {IGNORED: "not a word to learn"}.get(self.status, self.status)


def learning_level(stability: float | None) -> int:
    """1–4 from a card's FSRS stability in days (1 without a reviewed card)."""
    if stability is None:
        return 1
    return 1 + sum(stability >= bound for bound in LEVEL_STABILITY_DAYS)


def _card(state_json: str) -> tuple[str | None, float | None]:
    try:
        data = json.loads(state_json)
        stability = data.get("stability")
        return FSRS_STATES.get(data.get("state")), None if stability is None else float(stability)
    except (TypeError, ValueError, AttributeError):
        return None, None  # an unreadable card is still a card: the word is being learnt


@dataclass
class Statuses:
    """A snapshot of what the progress store says about words, read once; ask it
    for the status of as many words as needed. Make a new one after a change."""

    known: set = field(default_factory=set)
    ignored: set = field(default_factory=set)
    cards: dict = field(default_factory=dict)      # word -> FSRS state JSON
    answered: set = field(default_factory=set)     # words answered in a vocabulary quiz
    saving: bool = True                            # False: marks last only until the kernel stops

    @classmethod
    def of_store(cls, store) -> "Statuses":
        """Read the store once; ``None`` (no store at all) gives every word as new."""
        if store is None:
            return cls(saving=False)
        return cls(known=store.known_words(), ignored=store.ignored_words(), cards=store.word_cards(),
                   answered=store.answered_words(), saving=bool(store.saving))

    def status(self, word: str, token=None) -> WordStatus:
        """The status of a word; with its ``Token`` a name or number is ignored."""
        if word in self.known:
            return WordStatus(word, KNOWN, "marked known")
        if word in self.ignored:
            return WordStatus(word, IGNORED, "marked not a word to learn")
        if word in self.cards:
            state, stability = _card(self.cards[word])
            if stability is not None and stability >= KNOWN_STABILITY_DAYS:
                return WordStatus(word, KNOWN, f"flashcard remembered for {stability:.0f} days",
                                  card_state=state, stability=stability)
            return WordStatus(word, LEARNING, "has a flashcard", level=learning_level(stability),
                              card_state=state, stability=stability)
        if word in self.answered:
            return WordStatus(word, LEARNING, "answered in a quiz", level=1)
        if token is not None and getattr(token, "is_name", False):
            return WordStatus(word, IGNORED, "a name")
        if token is not None and getattr(token, "is_number", False):
            return WordStatus(word, IGNORED, "a number")
        return WordStatus(word, NEW, "not seen yet")

    def counts(self) -> dict:
        """How many words the learner has of each status (new cannot be counted:
        it is every other word)."""
        known = set(self.known)
        learning = set()
        for word in (set(self.cards) | self.answered) - self.known - self.ignored:
            (known if self.status(word).status == KNOWN else learning).add(word)
        return {KNOWN: len(known), LEARNING: len(learning), IGNORED: len(self.ignored)}


def is_word(token) -> bool:
    """Tokens that count as words: those with a Han character (not punctuation,
    spaces, Latin letters or Arabic numbers)."""
    return count_han(token.text) > 0


@dataclass(frozen=True)
class Coverage:
    """How much of a text is known. Ignored words are in neither count."""

    running_known: int
    running: int            # running words, ignored ones left out
    distinct_known: int
    distinct: int
    counts: dict            # status -> number of distinct words of the text
    ignored_running: int    # running words left out (names, numbers, not to learn)

    @property
    def running_share(self) -> float:
        return self.running_known / self.running if self.running else 1.0

    @property
    def distinct_share(self) -> float:
        return self.distinct_known / self.distinct if self.distinct else 1.0

    def sentence(self) -> str:
        """'Known: 62% of the running words (310 of 500), 48% of the distinct words (120 of 250).'"""
        return (f"Known: {self.running_share:.0%} of the running words ({self.running_known} of {self.running}), "
                f"{self.distinct_share:.0%} of the distinct words ({self.distinct_known} of {self.distinct}).")

    def to_dict(self) -> dict:
        return {"running_known": self.running_known, "running": self.running,
                "distinct_known": self.distinct_known, "distinct": self.distinct,
                "running_share": round(self.running_share, 4), "distinct_share": round(self.distinct_share, 4),
                "counts": dict(self.counts), "ignored_running": self.ignored_running}


def coverage(tokens, statuses: Statuses) -> Coverage:
    """Coverage of a text given as the engine's tokens."""
    seen: dict[str, str] = {}
    running = running_known = ignored_running = 0
    for token in tokens:
        if not is_word(token):
            continue
        status = seen.get(token.text)
        if status is None:
            status = seen[token.text] = statuses.status(token.text, token).status
        if status == IGNORED:
            ignored_running += 1
            continue
        running += 1
        running_known += status == KNOWN
    counts = {name: 0 for name in STATUSES}
    for status in seen.values():
        counts[status] += 1
    distinct = len(seen) - counts[IGNORED]
    return Coverage(running_known, running, counts[KNOWN], distinct, counts, ignored_running)


def text_tokens(texts) -> list:
    """The tokens of several texts (sentences), annotated by the engine."""
    from dubao.language import annotate

    return [token for text in texts for token in annotate(text)]


def shown_lines(article, paragraphs=None, headers: bool = True) -> list[str]:
    """Every line the Reader shows of ``paragraphs`` (default: all) of an article:
    with ``headers`` the kicker or column, title, subtitle, byline, dateline (or
    else source), date and caption, then each section's title and subtitle above
    its first paragraph, then the sentences (tests/test_reader_status.py checks
    that the Reader counts the same lines)."""
    paragraphs = article.paragraphs if paragraphs is None else paragraphs
    lines = []
    if headers:
        lines += [article.kicker or article.column, article.title, article.subtitle, article.byline,
                  article.dateline, None if article.dateline else article.source, article.date,
                  article.caption.text if article.caption else None]
    wanted = {p.id for p in paragraphs}
    for section in article.sections:
        inside = [p for p in section.paragraphs if p.id in wanted]
        if not inside:
            continue
        if section.title and inside[0] is section.paragraphs[0]:
            lines += [section.title, section.subtitle]
        lines += [s.text for p in inside for s in p.sentences]
    return [line for line in lines if line]


def article_coverage(article_id: str, statuses: Statuses) -> Coverage:
    """Coverage of a piece of the corpus as the Reader shows it whole."""
    from dubao import corpus

    return coverage(text_tokens(shown_lines(corpus.article(article_id))), statuses)


def page_coverage(statuses: Statuses) -> dict:
    """Coverage of every piece of the page, by article id."""
    from dubao import corpus

    return {article.id: article_coverage(article.id, statuses) for article in corpus.articles()}


def start_learning(store, word: str, article_id: str) -> None:
    """"Learning": the word gets a flashcard (a new FSRS card, due now, under the
    card id ``ARTICLE:WORD`` that the Flashcards use) unless it has one, and loses
    a known or ignore mark, since the learner says they are learning it."""
    from fsrs import Card

    store.clear_marks(word)
    if word not in store.word_cards():
        card = Card()
        store.save_card_state(f"{article_id}:{word}", card.to_json(), card.due)


def without_known(words, statuses: Statuses, marked_only: bool = False) -> tuple[list, list]:
    """(words to practise, words left out) from vocabulary words (anything with a
    ``.word``): the known ones are left out, or with ``marked_only`` only those the
    learner marked known (Flashcards keep a card FSRS made known on its schedule:
    the reviews are what keep it known). When every word is known they are all
    kept, since an empty quiz teaches nothing."""
    def known(word):
        return word.word in statuses.known if marked_only else statuses.status(word.word).status == KNOWN

    left_out = [word for word in words if known(word)]
    kept = [word for word in words if not known(word)]
    return (kept, left_out) if kept else (list(words), [])


def chosen_words(store, article_ids) -> list:
    """The words the learner chose to learn in the Reader ("Learning": a card of
    their own) in these pieces, beyond the key words, as vocabulary words for the
    Flashcards. Only words the vocabulary lists would study (not particles or
    names) are found."""
    from dubao.content.vocabulary import vocab
    from dubao.practice.review import card_word

    if store is None:
        return []
    own: dict[str, set] = {}
    for card in store.card_ids():
        article, word = card_word(card)
        own.setdefault(article, set()).add(word)
    found = []
    for article in article_ids:
        if own.get(article):
            key = {v.word for v in vocab(article, include_found=False)}
            found += [v for v in vocab(article, level=None) if v.word in own[article] - key]
    return found
