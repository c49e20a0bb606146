"""Wrong choices for a multiple-choice question on a word, taken from the page's
own vocabulary: plausible ones (same HSK level, then same length, then the same
word class, so a cloze cannot be solved by grammar alone), never the answer again
and never two that look the same. VocabQuiz (meaning, cloze) and the listening
quiz (which characters did you hear?) share them.

>>> from dubao.content.vocabulary import VocabWord
>>> def word(text, level, word_class="n"):
...     return VocabWord(text, "x", f"gloss of {text}", level, 1, None, True, word_class=word_class)
>>> pool_ = [word("基础", 4), word("突破", 4, "v"), word("设施", 2), word("培育", 4)]
>>> [w.word for w in distractors(word("培育", 4, "v"), pool_, short_gloss, count=2)]
['突破', '基础']
"""

from __future__ import annotations

import random

from dubao import corpus
from dubao.content import vocabulary

__all__ = ["POOL_LEVEL", "distractors", "pool", "short_gloss"]

# The pool reaches a little below the learners' level, so that there are
# enough words of each level and length to choose from.
POOL_LEVEL = 3


def pool() -> list:
    """Every word of the page's vocabulary lists (one per written form), the
    source of distractors."""
    words = {}
    for article in corpus.articles():
        for word in vocabulary.vocab(article.id, level=POOL_LEVEL):
            words.setdefault(word.word, word)
    return list(words.values())


def short_gloss(word) -> str:
    """A word's meaning as a choice shows it: its gloss (or first sense) up to the first ';'."""
    return (word.gloss or (word.senses[0] if word.senses else "")).split(";")[0].strip()


def distractors(answer, words, key, count: int = 3, rng: random.Random | None = None) -> list:
    """Up to ``count`` words of ``words`` whose ``key`` (gloss, pinyin or word)
    differs from the answer's, the most similar first: same level, then same
    length, then the same word class; ties are broken by ``rng`` (seeded 0 by
    default, so a quiz without a seed is the same each time)."""
    rng = rng or random.Random(0)
    wanted = key(answer)
    seen, candidates = {wanted}, []
    for word in words:
        value = key(word)
        if not value or value in seen or word.word == answer.word:
            continue
        seen.add(value)
        same_class = bool(answer.word_class) and word.word_class == answer.word_class
        similarity = (word.level == answer.level) * 4 + (len(word.word) == len(answer.word)) * 2 + same_class
        candidates.append((-similarity, rng.random(), word))
    candidates.sort(key=lambda c: (c[0], c[1]))
    return [c[2] for c in candidates[:count]]
