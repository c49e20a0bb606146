"""Reading and comparing what learners type: pinyin, numbers with units, short
free-text answers and the choice of a multiple-choice question. Every quiz grades
through here, so that ``xin1 zhi4``, ``xīn zhì`` and ``ＸＩＮ１ＺＨＩ４`` are the same
answer, ``557.4亿元`` and ``55.74 billion yuan`` are the same amount, an empty box
gets a prompt instead of a wrong mark, and an answer that cannot be read says so
instead of "wrong".

Nothing here raises on learner input: every function returns a ``Result`` (or
``None`` for ``parse_number`` when there is no number to read). One module per
kind of answer: ``pinyin``, ``numbers``, ``rubric``; ``result`` holds what they share.

>>> compare_pinyin("xin1 zhi2", "xīn zhì").message
'xīn zhí: second syllable has tone 2, should be tone 4 (zhì).'
>>> parse_number("557.4亿元")
Amount(value=55740000000.0, unit='元', qualifier='')
"""

from dubao.practice.answers.numbers import Amount, compare_number, parse_number
from dubao.practice.answers.pinyin import Syllable, compare_pinyin, normalize_pinyin, syllables
from dubao.practice.answers.result import EMPTY_PROMPT, STATUSES, Result, compare_choice, normalize_text
from dubao.practice.answers.rubric import match_rubric

__all__ = ["Amount", "EMPTY_PROMPT", "Result", "STATUSES", "Syllable", "compare_choice", "compare_number",
           "compare_pinyin", "match_rubric", "normalize_pinyin", "normalize_text", "parse_number",
           "syllables"]
