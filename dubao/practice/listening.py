"""Listening questions on a piece's key words, in three kinds:

- ``characters``: hear a word, choose its characters among words of the page
  (the VocabQuiz distractors: same level, length and word class first);
- ``pinyin``: hear a word, type its pinyin with tones (the tolerant grader of
  dubao.practice.answers; the spoken tones, 一个 yí gè, count as right too);
- ``tones``: hear a two-syllable word, choose its tone pair ("3-4"; 5 is the
  neutral tone). Only words whose spoken tones are their written tones are
  drilled, so the answer is what the learner hears (你好 is said ní hǎo, and a
  drill that calls it 3-3 would teach the ear the wrong thing).

A question is data (kind, word, choices, answer); the widget (widgets/listening.py)
plays it and records each attempt in the progress store as
``listen-<kind>:<word>``.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from dubao.errors import DubaoError

KINDS = ("characters", "pinyin", "tones")
TONE_PAIRS = [f"{a}-{b}" for a, b in itertools.product("1234", "12345") if (a, b) != ("3", "3")]


@dataclass(frozen=True)
class Question:
    kind: str
    word: object                 # a VocabWord: word, pinyin, gloss, level, article ...
    choices: tuple = ()          # (label, value) pairs; empty for typed pinyin
    answer: str = ""             # the value of the right choice, or the written pinyin

    @property
    def id(self) -> str:
        return f"listen-{self.kind}:{self.word.word}"


def spoken(word) -> list[str]:
    """The syllables of a VocabWord as they are spoken (from its reading on the page)."""
    from dubao.language import describe
    from dubao.practice.speech import spoken_form

    tokens = [describe(word.word, word.pinyin)] if word.pinyin else word.word
    return [s for part in spoken_form(tokens) for s in part.marked]


def spoken_tones(word) -> str | None:
    """"3-4" for a two-syllable VocabWord as it is spoken, None for any other word."""
    from dubao.language.han import tone_of

    syllables = spoken(word)
    if len(syllables) != 2 or len(word.word) != 2:
        return None
    return "-".join(str(tone_of(s)) for s in syllables)


def written_tones(pinyin: str) -> str:
    from dubao.language.han import tone_of

    return "-".join(str(tone_of(s)) for s in pinyin.split())


def drillable(word) -> bool:
    """A two-syllable word whose spoken tones are its written ones."""
    heard = spoken_tones(word)
    return heard is not None and heard == written_tones(word.pinyin)


def _tone_choices(answer: str, rng: random.Random, count: int = 4) -> list[str]:
    # the nearest pairs first: one syllable's tone changed, as a learner confuses 2 and 3
    near = [p for p in TONE_PAIRS if p != answer and sum(x != y for x, y in zip(p, answer)) == 1]
    far = [p for p in TONE_PAIRS if p != answer and p not in near]
    rng.shuffle(near)
    rng.shuffle(far)
    chosen = [answer] + (near + far)[:count - 1]
    rng.shuffle(chosen)
    return chosen


def question(word, kind: str, pool, rng: random.Random | None = None) -> Question:
    """One listening question on ``word`` (a VocabWord); ``pool`` gives distractors."""
    from dubao.practice.distractors import distractors

    rng = rng or random.Random(0)
    if kind == "characters":
        options = [word] + distractors(word, pool, lambda v: v.word, rng=rng)
        rng.shuffle(options)
        return Question(kind, word, tuple((o.word, o.word) for o in options), word.word)
    if kind == "pinyin":
        return Question(kind, word, (), word.pinyin)
    if kind == "tones":
        answer = written_tones(word.pinyin)
        return Question(kind, word, tuple((p, p) for p in _tone_choices(answer, rng)), answer)
    raise DubaoError(f"listening kind {kind!r}: use one of {', '.join(KINDS)}")


def words_for(kind: str, words) -> list:
    """The words a kind can ask about (the tone drill needs drillable words)."""
    return [v for v in words if drillable(v)] if kind == "tones" else list(words)


def grade(q: Question, given):
    """An answers.Result for ``given`` (a choice's value or typed pinyin)."""
    from dubao.practice import answers

    if q.kind == "pinyin":
        result = answers.compare_pinyin(given, q.answer)
        if result.status == "wrong":
            said = " ".join(spoken(q.word))
            if said != q.answer and answers.compare_pinyin(given, said).status == "correct":
                return answers.Result("correct", f"Right: that is how it is said ({said}); "
                                                 f"it is written {q.answer}.")
        return result
    if given is None or given == "":
        return answers.Result("empty", "Choose an answer first.")
    if given == q.answer:
        return answers.Result("correct", "Right!")
    if q.kind == "tones":
        return answers.Result("wrong", f"Not quite: you chose {given}. Listen again (try slow).")
    return answers.Result("wrong", "Not quite. Listen again and try once more.")
