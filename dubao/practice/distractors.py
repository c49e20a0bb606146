"""Distractors: the wrong choices of a multiple-choice question on a word, taken
from the page's own vocabulary and as plausible as the page allows. VocabQuiz
(meaning, cloze) and the listening quiz (which characters did you hear?) share them."""

from __future__ import annotations

import random

__all__ = ["pool", "distractors"]


def pool():
    """Every word of the page's vocabulary lists, the source of distractors."""
    from dubao import corpus
    from dubao.content.vocabulary import vocab

    words = {}
    for article in corpus.articles():
        for word in vocab(article.id, level=3):
            words.setdefault(word.word, word)
    return list(words.values())


def distractors(answer, pool, key, count=3, rng=None):
    """Up to ``count`` other words whose ``key`` (gloss, pinyin or word) differs from the
    answer's, the most similar first: same level, then same length, then the same
    word class (a verb among verbs, so a cloze cannot be solved by grammar alone)."""
    rng = rng or random.Random(0)
    wanted = key(answer)
    seen, candidates = {wanted}, []
    for word in pool:
        value = key(word)
        if not value or value in seen or word.word == answer.word:
            continue
        seen.add(value)
        same_class = bool(answer.word_class) and word.word_class == answer.word_class
        similarity = (word.level == answer.level) * 4 + (len(word.word) == len(answer.word)) * 2 + same_class
        candidates.append((-similarity, rng.random(), word))
    candidates.sort(key=lambda c: (c[0], c[1]))
    return [c[2] for c in candidates[:count]]
