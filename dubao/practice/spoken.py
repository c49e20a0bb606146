"""The spoken form of a text: what a speaker says, syllable by syllable, as
tone-numbered pinyin for a synthesizer. It starts from dubao's own reading of
each word (``dubao.language.annotate``: reviewed overrides, glossary, context
model), never from a synthesizer's guess, and then applies, on purpose:

- 一 and 不 sandhi (一个 yí gè, 不是 bú shì; 一千 yì qiān), which the written
  pinyin leaves in citation tones;
- third-tone sandhi (展览馆 zhán lán guǎn, 你好 ní hǎo), first inside a word,
  then across words of one clause from right to left (小 + 老虎 xiǎo láo hǔ,
  我 很 好 wǒ hén hǎo);
  espeak-ng does not apply it itself (tests/test_speech.py checks that);
- neutral tone as tone 5; ü written v (lv4), the only spelling espeak reads;
- erhua where CC-CEDICT writes the 儿 as ``r5`` (一点儿 yì diǎn r, but 女儿 nǚ ér);
- numbers as a newsreader reads them (2024年 èr líng èr sì nián, 3000万
  sān qiān wàn, 55.17% bǎi fēn zhī wǔ shí wǔ diǎn yī qī, 20000 liǎng wàn).

    >>> [w.numbered for w in spoken_words(annotate("银行行情"))]
    [('yin2', 'hang2'), ('hang2', 'qing2')]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from dubao.errors import DubaoError
from dubao.language.han import HAN, is_han, tone_of

__all__ = ["SpokenWord", "spoken_words", "number_syllables", "marked_text", "numbered_text"]

# The readings of the characters a number is spoken with: fixed, no context needed.
NUMERALS = {"零": "líng", "一": "yī", "二": "èr", "两": "liǎng", "三": "sān", "四": "sì", "五": "wǔ",
            "六": "liù", "七": "qī", "八": "bā", "九": "jiǔ", "十": "shí", "百": "bǎi", "千": "qiān",
            "万": "wàn", "亿": "yì", "点": "diǎn", "负": "fù", "分": "fēn", "之": "zhī"}
_DIGIT_NAMES = "零一二三四五六七八九"
_NUMBER = re.compile(r"[-−]?\d+(?:,\d{3})*(?:\.\d+)?%?")
# A dash or tilde between two numbers is a range, read 至 zhì (2023-2024年, 3～5倍).
_RANGE = re.compile(r"[-−–—~～]+(?=\d)")
_YEAR_AFTER = re.compile(r"^(?:年|[-−–—~～至到]\d{4}年)")
_LATIN = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
# Punctuation that ends a clause: a pause in speech, and a limit for third-tone sandhi.
_PAUSES = {"，": ",", "、": ",", "；": ",", "：": ",", ",": ",", ";": ",", ":": ",",
           "。": ".", "！": ".", "？": "?", ".": ".", "!": ".", "?": "?", "\n": "."}
_UNITS_AFTER_ONE = set("百千万亿")
_NUMERAL_CHARS = set("零〇一二两三四五六七八九十百千万亿第0")
_LONGEST_AMOUNT = 16  # digits; longer runs (and runs with a leading 0) are codes, read digit by digit


@dataclass(frozen=True)
class SpokenWord:
    """One word as it is spoken. ``marked`` is for people (tone marks, spoken
    tones), ``numbered`` for synthesizers (``hang2``; ``r5`` is an erhua 儿 that
    joins the syllable before it). A pause has no syllables and ``kind`` "pause"."""

    text: str                       # the characters of the text it comes from
    marked: tuple[str, ...] = ()
    kind: str = "han"               # han, number, latin (letters read as letters/English) or pause
    skipped: str = ""               # characters of the text that cannot be read aloud (no reading)

    @property
    def numbered(self) -> tuple[str, ...]:
        return tuple(_numbered(s) for s in self.marked) if self.kind != "latin" else self.marked


def _numbered(syllable: str) -> str:
    from dubao.language.reading import numbered

    return "r5" if syllable == "r" else numbered(syllable)


def _with_tone(syllable: str, tone: int) -> str:
    from dubao.language.reading import marked, numbered

    plain = numbered(syllable)[:-1]
    return marked(f"{plain}{tone}")


# ------------------------------------------------------------------- numbers

def _two_for_liang(numeral: str) -> str:
    """二 before 千 万 亿 is spoken 两 when it leads its group (两万两千; but 十二万)."""
    out = list(numeral)
    for i, ch in enumerate(out):
        if ch == "二" and i + 1 < len(out) and out[i + 1] in "千万亿" and (i == 0 or out[i - 1] not in "十"):
            out[i] = "两"
    return "".join(out)


def number_numerals(digits: str, before: str = "") -> str:
    """A number written in digits as the numerals a newsreader says, using
    cn2an (MIT). ``before`` is the text that follows it (a year: 2024年 is read
    digit by digit). Raises DubaoError for text that is not a number."""
    import cn2an

    text = unicodedata.normalize("NFKC", digits).replace("−", "-").replace(",", "")
    percent = text.endswith("%")
    text = text.rstrip("%")
    whole = text.lstrip("-").split(".")[0]
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise DubaoError(f"{digits!r} is not a number that can be read aloud")
    if (len(whole) == 4 and _YEAR_AFTER.match(before) and "." not in text) or \
            len(whole) > _LONGEST_AMOUNT or (len(whole) > 1 and whole.startswith("0") and "." not in text):
        spoken = ("负" if text.startswith("-") else "") + \
            "".join(_DIGIT_NAMES[int(d)] if d.isdigit() else "点" for d in text.lstrip("-"))
    else:
        spoken = _two_for_liang(cn2an.an2cn(text, "low"))
    return ("百分之" if percent else "") + spoken


def number_syllables(digits: str, before: str = "") -> tuple[str, ...]:
    """``number_syllables("3000")`` → ('sān', 'qiān'); 一 before 百 千 万 亿 at
    the head of a number takes its spoken tone (一千 yì qiān, 一万 yí wàn)."""
    numerals = number_numerals(digits, before)
    syllables = [NUMERALS[ch] for ch in numerals]
    for i, ch in enumerate(numerals):
        if ch == "一" and i + 1 < len(numerals) and numerals[i + 1] in _UNITS_AFTER_ONE \
                and (i == 0 or numerals[i - 1] in "分之"):
            syllables[i] = "yí" if tone_of(syllables[i + 1]) == 4 else "yì"
    return tuple(syllables)


# --------------------------------------------------------------- the words

def _runs(tokens):
    """The tokens, with each run of neighbours that have no Han character joined into
    one (the segmenter cuts 2023-2024 and full-width ５.５％ into pieces)."""
    from dubao.language import Token

    out = []
    for token in tokens:
        if out and not HAN.search(token.text) and not HAN.search(out[-1].text):
            out[-1] = Token(text=out[-1].text + token.text, start=out[-1].start)
        else:
            out.append(token)
    return out


def _pieces(tokens) -> list[SpokenWord]:
    """Each token cut into runs of Han characters (with the token's syllables),
    numbers, Latin letters and pauses; everything else (spaces, emoji, brackets)
    is silent."""
    words: list[SpokenWord] = []
    text, offset = "".join(t.text for t in tokens), 0
    for token in _runs(tokens):
        offset += len(token.text)
        syllables = iter(token.pinyin.split())
        # full-width digits and signs as ASCII; Han characters as they are (NFKC would
        # turn a compatibility ideograph into another character)
        i, word = 0, "".join(ch if is_han(ch) else unicodedata.normalize("NFKC", ch) for ch in token.text)
        han, skipped = [], ""
        while i < len(word):
            ch = word[i]
            if is_han(ch):
                syllable = next(syllables, "?")
                if syllable == "?" or not syllable:
                    skipped += ch
                else:
                    han.append((ch, syllable))
                i += 1
                continue
            if han or skipped:
                words.append(_han_word(han, skipped))
                han, skipped = [], ""
            number, latin = _NUMBER.match(word, i), _LATIN.match(word, i)
            dash = _RANGE.match(word, i)
            if dash and words and words[-1].kind == "number" and word[i - 1:i].isdigit():
                words.append(SpokenWord(dash.group(), ("zhì",), "number"))
                i = dash.end()
            elif number and ch in "-−" and word[i - 1:i].isalnum():
                i += 1  # a hyphen inside a code, not a minus sign
            elif number:
                after = word[number.end():] + text[offset:]
                words.append(SpokenWord(number.group(), number_syllables(number.group(), after), "number"))
                i = number.end()
            elif latin:
                words.append(SpokenWord(latin.group(), (latin.group(),), "latin"))
                i = latin.end()
            else:
                if ch in _PAUSES and (not words or words[-1].kind != "pause"):
                    words.append(SpokenWord(ch, (), "pause"))
                i += 1
        if han or skipped:
            words.append(_han_word(han, skipped))
    return words


def _han_word(pairs, skipped) -> SpokenWord:
    return SpokenWord("".join(ch for ch, _ in pairs), tuple(s for _, s in pairs), "han", skipped)


def _erhua(word: SpokenWord) -> SpokenWord:
    """儿 at the end of a word is an r-suffix when CC-CEDICT writes it r5 for the
    word or for its last two characters (哪儿 na3 r5, 好玩儿 ... wan2 r5)."""
    if len(word.text) < 2 or not word.text.endswith("儿") or word.marked[-1] == "r":
        return word
    from dubao.language import cedict

    for part in (word.text, word.text[-2:]):
        if any(e.pinyin_numbers.lower().split()[-1:] == ["r5"] for e in cedict.lookup(part)):
            return SpokenWord(word.text, word.marked[:-1] + ("r",), word.kind, word.skipped)
    return word


def _one_and_bu(words: list[SpokenWord]) -> list[SpokenWord]:
    from dubao.language.reading import apply_sandhi

    pairs, shape = [], []
    for word in words:
        if word.kind in ("han", "number"):
            # a number's 一 was decided with it (number_syllables); beside a 一 of
            # the text it counts as a number (第1, 一1) through the digit "0"
            chars = word.text if word.kind == "han" else "0" * len(word.marked)
            pairs += list(zip(chars, word.marked))
        else:
            pairs.append(("", ""))
        shape.append(len(word.marked) if word.kind in ("han", "number") else 1)
    spoken, out, at = apply_sandhi(pairs), [], 0
    # the written-form rule keeps 一 before 百 千 万 亿 as yī (it may be counted);
    # a speaker says 一百 yì bǎi, 一万 yí wàn, unless a numeral comes first (十一万)
    for n in range(len(pairs) - 1):
        if pairs[n] == ("一", "yī") and pairs[n + 1][0] in _UNITS_AFTER_ONE and \
                (n == 0 or pairs[n - 1][0] not in _NUMERAL_CHARS):
            spoken[n] = "yí" if tone_of(pairs[n + 1][1]) == 4 else "yì"
    for word, n in zip(words, shape):
        if word.kind == "han":
            word = SpokenWord(word.text, tuple(spoken[at:at + n]), word.kind, word.skipped)
        out.append(word)
        at += n
    return out


def _third_tones(words: list[SpokenWord]) -> list[SpokenWord]:
    """3-3 → 2-3: inside a word every third tone before a third tone changes;
    across words, right to left within a clause, the last syllable of a word
    changes when the next word (as now spoken) begins with a third tone."""
    changed = []
    for word in words:
        marked = list(word.marked)
        if word.kind in ("han", "number"):
            for i in range(len(marked) - 1):
                if tone_of(marked[i]) == 3 and tone_of(marked[i + 1]) == 3 and marked[i + 1] != "r":
                    marked[i] = _with_tone(marked[i], 2)
        changed.append(SpokenWord(word.text, tuple(marked), word.kind, word.skipped))
    for k in range(len(changed) - 2, -1, -1):
        word, following = changed[k], changed[k + 1]
        if word.kind in ("han", "number") and following.kind in ("han", "number") and word.marked \
                and following.marked and tone_of(word.marked[-1]) == 3 and tone_of(following.marked[0]) == 3:
            changed[k] = SpokenWord(word.text, word.marked[:-1] + (_with_tone(word.marked[-1], 2),),
                                    word.kind, word.skipped)
    return changed


def spoken_words(tokens) -> list[SpokenWord]:
    """The spoken form of annotated tokens (see the module docstring)."""
    words = [_erhua(w) if w.kind == "han" and w.marked else w for w in _pieces(list(tokens))]
    return _third_tones(_one_and_bu(words))


def _said(words, syllables_of) -> str:
    out = ""
    for word in words:
        if word.kind == "pause":
            out = out.rstrip() + _PAUSES.get(word.text, ",") + " "
        elif word.marked:
            out += " ".join(syllables_of(word)) + " "
    return out.strip()


def marked_text(words) -> str:
    """What is said, for people: 'háng qíng, èr líng èr sì nián'."""
    return _said(words, lambda word: word.marked)


def numbered_text(words) -> str:
    """What is said, for a synthesizer: 'hang2 qing2, er4 ling2 er4 si4 nian2'."""
    return _said(words, lambda word: word.numbered)
