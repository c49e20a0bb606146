"""What counts as a Han character, and the tone marks of pinyin: one definition
of each for the whole kit, so that the reading, the glossary check, the dictionary,
the graders and the Reader agree on which characters get a syllable and which
tone a syllable has.

A Han character is a CJK ideograph that is read as one syllable: the unified
ideographs (the main block and extensions A to H), the compatibility ideographs a
text layer may carry, and 〇 (líng, as in 二〇二五), which pypinyin reads and
Unicode gives the Han script. Punctuation, kana, hangul and radicals are not.

>>> [is_han(ch) for ch in "中〇𠀀。a"]
[True, True, True, False, False]
>>> tone_of("zhì"), tone_of("de"), MARKED_VOWELS[:4]
(4, 5, 'āáǎà')
"""

from __future__ import annotations

import re
import unicodedata

# (first, last) code points, inclusive, lowest first.
HAN_RANGES = (
    (0x3007, 0x3007),    # 〇 ideographic number zero
    (0x3400, 0x4DBF),    # extension A
    (0x4E00, 0x9FFF),    # the main block
    (0xF900, 0xFAFF),    # compatibility ideographs
    (0x20000, 0x2FA1F),  # extensions B to F, and the compatibility supplement
    (0x30000, 0x323AF),  # extensions G and H
)
HAN = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in HAN_RANGES) + "]")

# Tone marks as combining characters, which is what any marked vowel becomes
# under NFD (ǜ = u + ¨ + `), so one table serves ā, ǘ, ń and ḿ alike.
TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
MARK_OF_TONE = {tone: mark for mark, tone in TONE_MARKS.items()}
# Every vowel with a tone mark, as printed (NFC): āáǎà … ǖǘǚǜ.
MARKED_VOWELS = "".join(unicodedata.normalize("NFC", vowel + MARK_OF_TONE[tone])
                        for vowel in "aeiouü" for tone in (1, 2, 3, 4))


def is_han(ch: str) -> bool:
    """Whether one character is a Han character (see the module's note)."""
    return len(ch) == 1 and HAN.match(ch) is not None


def count_han(text: str) -> int:
    """How many Han characters ``text`` has: the syllables its reading needs."""
    return len(HAN.findall(text))


def tone_of(syllable: str) -> int:
    """1–4 from the tone mark of a pinyin syllable, 5 for the neutral tone (no mark).

    >>> [tone_of(s) for s in ("xīn", "Zhí", "lǚ", "ǹg", "ma")]
    [1, 2, 3, 4, 5]
    """
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in TONE_MARKS:
            return TONE_MARKS[ch]
    return 5

