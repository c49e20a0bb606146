"""Reading and comparing what learners type: pinyin, numbers with units, and short
free-text answers. Every quiz grades through here, so that ``xin1 zhi4``,
``xīn zhì`` and ``ＸＩＮ１ＺＨＩ４`` are the same answer, ``557.4亿元`` and
``55.74 billion yuan`` are the same amount, an empty box gets a prompt instead of
a wrong mark, and an answer that cannot be read says so instead of "wrong".

Nothing here raises on learner input: every function returns a ``Result`` (or
``None`` for ``parse_number`` when there is no number to read).

>>> compare_pinyin("xin1 zhi2", "xīn zhì").message
'xīn zhí: second syllable has tone 2, should be tone 4 (zhì).'
>>> parse_number("557.4亿元")
Amount(value=55740000000.0, unit='元', qualifier='')
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

STATUSES = ("correct", "wrong", "empty", "unreadable")
EMPTY_PROMPT = "Type an answer first."


@dataclass(frozen=True)
class Result:
    """The outcome of grading one answer.

    ``status`` is "correct", "wrong", "empty" (nothing typed yet: a prompt, not a
    wrong mark) or "unreadable" (typed, but not something we can grade, e.g. not a
    number). ``message`` is for the learner; ``details`` is for code and tests.
    """

    status: str
    message: str = ""
    details: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"Result status must be one of {', '.join(STATUSES)}, not {self.status!r}")

    @property
    def correct(self) -> bool:
        return self.status == "correct"


def _empty(message: str = EMPTY_PROMPT) -> Result:
    return Result("empty", message)


# ============================================================== shared cleaning

def _fold(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII) and casefold, repeated
    until nothing changes, because one pass can expose more to fold."""
    for _ in range(5):
        folded = unicodedata.normalize("NFKC", text).casefold()
        if folded == text:
            break
        text = folded
    return text


_EDGE_PUNCTUATION = " \t\n\r\u3000.,;:!?。，；：！？、\"'“”‘’「」『』()（）[]【】"


def normalize_text(text) -> str:
    """A free-text answer as compared: full-width to half-width, case folded,
    runs of spaces made one, and punctuation at either end dropped.

    >>> normalize_text("  ＴＲＵＥ。 ")
    'true'
    """
    if text is None:
        return ""
    text = _fold(str(text))
    for _ in range(5):  # stripping can expose more to strip or fold
        cleaned = _fold(" ".join(text.split()).strip(_EDGE_PUNCTUATION))
        if cleaned == text:
            break
        text = cleaned
    return text


# ======================================================================= pinyin

# Tone marks as combining characters after NFD. The breve (ŭ) is a common typing
# slip for the caron (ǔ), so it counts as tone 3.
_TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0306": 3, "\u0300": 4}
_UMLAUT = "\u0308"
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth"]
# Interjection-only readings (m, n, ng, hm, hng, ê) would let garbage split into
# "syllables"; learners never need them for this page.
_NOT_SYLLABLES = {"m", "n", "ng", "hm", "hng", "ê", "r"}
_MAX_SYLLABLE = 6  # zhuang, shuang, chuang


@cache
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable, with ü (lü, nüe), read from pypinyin's own
    dictionary so that the list is the one the engine uses for readings."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    found = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            found.add(to_normal(reading, v_to_u=True))
    return frozenset(s for s in found if s and s.isalpha() and s not in _NOT_SYLLABLES)


@dataclass(frozen=True)
class Syllable:
    """One syllable of a pinyin answer: letters (with ü) and tone (1-4, 5 for a
    written neutral tone, None when no tone was written)."""

    letters: str
    tone: int | None

    def numbered(self) -> str:
        return self.letters + (str(self.tone) if self.tone else "")

    def marked(self) -> str:
        """With a tone mark, as printed: zhì, lǜ; neutral and missing tones unmarked."""
        from pypinyin.contrib.tone_convert import to_tone

        if self.tone in (1, 2, 3, 4) and self.letters in syllables():
            return to_tone(self.letters + str(self.tone))
        return self.letters


@dataclass(frozen=True)
class _Chunk:
    """A run of letters typed without a break, with tones found in it: a tone
    mark at a letter position, and a tone number typed after the run."""

    letters: str
    marks: tuple  # (position, tone) pairs
    number: int | None
    pinyin: bool  # False when it is not letters at all (kept as typed)


def _spell(letters: str) -> str:
    """Standard spelling of ü: v and u: are typing substitutes; after j, q, x and
    y it is written u (ju, xue); lue/nue are the common misspelling of lüe/nüe."""
    letters = letters.replace("u:", "ü").replace("v", "ü")
    letters = re.sub(r"(?<=[jqxy])ü", "u", letters)
    return re.sub(r"(?<![a-zü])([ln])ue", r"\1üe", letters)


def _chunks(text: str) -> list[_Chunk]:
    text = _fold(str(text))
    decomposed = unicodedata.normalize("NFD", text.replace("u:", "ü"))
    chunks, letters, marks, i = [], "", [], 0

    def close(number=None):
        nonlocal letters, marks
        if letters:
            chunks.append(_Chunk(_spell(letters), tuple(marks), number, True))
        letters, marks = "", []

    while i < len(decomposed):
        ch = decomposed[i]
        if ch in _TONE_MARKS:
            if letters:
                marks.append((len(letters) - 1, _TONE_MARKS[ch]))
        elif ch == _UMLAUT:
            if letters.endswith("u"):
                letters = letters[:-1] + "ü"
        elif "a" <= ch <= "z":
            letters += ch
        elif ch in "012345":
            tone = int(ch) or 5
            if letters:
                close(tone)
            elif chunks and chunks[-1].pinyin and chunks[-1].number is None:
                last = chunks.pop()  # "xin 1": a tone number typed after a space
                chunks.append(_Chunk(last.letters, last.marks, tone, True))
            else:
                chunks.append(_Chunk(ch, (), None, False))
        elif ch.isspace() or ch in "'’‘`-_·.,，、;；/":
            close()
        else:  # anything else is kept as typed and never matches a syllable
            close()
            chunks.append(_Chunk(unicodedata.normalize("NFC", ch), (), None, False))
        i += 1
    close()
    return chunks


def _splits(letters: str, limit: int = 64) -> list[list[str]]:
    """Ways to cut a run of letters into pinyin syllables (xian: [xian], [xi, an]),
    fewest syllables first; [] when there is none."""
    known = syllables()

    @cache
    def from_(start: int) -> tuple:
        if start == len(letters):
            return ((),)
        found = []
        for end in range(min(len(letters), start + _MAX_SYLLABLE), start, -1):
            if letters[start:end] in known:
                for rest in from_(end):
                    found.append((letters[start:end],) + rest)
                    if len(found) >= limit:
                        return tuple(found)
        return tuple(found)

    if len(letters) > 60:  # no real answer is this long; avoid the search
        return []
    return sorted((list(s) for s in from_(0)), key=len)


def _syllables_of(chunk: _Chunk, parts: list[str]) -> list[Syllable]:
    result, start = [], 0
    for index, part in enumerate(parts):
        end = start + len(part)
        tones = [tone for position, tone in chunk.marks if start <= position < end]
        tone = tones[0] if tones else None
        if index == len(parts) - 1 and chunk.number is not None:
            tone = chunk.number if tone is None or tone == chunk.number else tone
        result.append(Syllable(part, tone))
        start = end
    return result


def _read(text: str, want: int | None = None) -> list[Syllable] | None:
    """The syllables of a pinyin text; with ``want``, a run like "xian" is cut to
    give that many syllables when it can be. None when a part is not pinyin."""
    options = []
    for chunk in _chunks(text):
        splits = _splits(chunk.letters) if chunk.pinyin else []
        if not splits:
            return None
        options.append(splits)
    if want is None:
        return [s for chunk, splits in zip(_chunks(text), options) for s in _syllables_of(chunk, splits[0])]
    # Choose, run by run, the cut that brings the total closest to ``want``.
    chosen = [splits[0] for splits in options]
    for i, splits in enumerate(options):
        others = sum(len(c) for j, c in enumerate(chosen) if j != i)
        chosen[i] = min(splits, key=lambda s: (abs(others + len(s) - want), len(s)))
    return [s for chunk, parts in zip(_chunks(text), chosen) for s in _syllables_of(chunk, parts)]


def normalize_pinyin(text) -> str:
    """Pinyin in one canonical form: lower case, ü, syllables separated by one
    space, tone numbers 1-4, 5 for a written neutral tone (0 and 5 both mean
    neutral) and no number where no tone was written. Apostrophes are dropped.
    Text that is not pinyin is kept, folded, so that nothing is lost.

    >>> normalize_pinyin("Xīn Zhì")
    'xin1 zhi4'
    >>> normalize_pinyin("LV4 se4"), normalize_pinyin("lu:4se4"), normalize_pinyin("lǜsè")
    ('lü4 se4', 'lü4 se4', 'lü4 se4')
    """
    if text is None:
        return ""
    pieces = []
    for chunk in _chunks(str(text)):
        splits = _splits(chunk.letters) if chunk.pinyin else []
        if splits:
            pieces.extend(s.numbered() for s in _syllables_of(chunk, splits[0]))
        else:
            pieces.append(_raw(chunk))
    return " ".join(p for p in pieces if p)


def _raw(chunk: _Chunk) -> str:
    """A chunk that is not pinyin, written back so that reading it again gives
    the same chunk (normalising twice changes nothing)."""
    if not chunk.pinyin:
        return chunk.letters
    # Put the tone marks back on their letters so nothing typed is lost.
    marks = {position: tone for position, tone in chunk.marks}
    inverse = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}
    letters = "".join(ch + inverse.get(marks.get(i), "") for i, ch in enumerate(chunk.letters))
    return unicodedata.normalize("NFC", letters) + (str(chunk.number) if chunk.number else "")


def _ordinal(index: int) -> str:
    return _ORDINALS[index] if index < len(_ORDINALS) else f"{index + 1}th"


def _tone_name(tone: int | None) -> str:
    return "the neutral tone" if tone in (5, None) else f"tone {tone}"


def compare_pinyin(answer, expected) -> Result:
    """Grade a typed pinyin answer against the expected reading (tone marks or
    numbers, any spacing). Feedback names each syllable that is wrong, and says
    when only its tone is wrong or missing.

    A syllable typed without a tone counts as right only where the expected
    syllable is neutral; elsewhere it is "tone missing" (not a wrong syllable).

    >>> compare_pinyin("xin1zhi4 sheng1chan3li4", "xīn zhì shēng chǎn lì").status
    'correct'
    >>> compare_pinyin("xin zhi4", "xīn zhì").message
    'xin zhì: first syllable has no tone mark or number (tone missing), should be tone 1 (xīn).'
    """
    if answer is None or not str(answer).strip():
        return _empty("Type the pinyin first, e.g. xin1 zhi4 or xīn zhì.")
    target = _read(str(expected))
    if not target:
        return Result("unreadable", f"This question has no pinyin to compare with ({expected!r}).")
    given = _read(str(answer), want=len(target))
    if given is None:
        return Result("unreadable",
                      f"I could not read “{str(answer).strip()}” as pinyin. Use letters with tone "
                      "marks (xīn) or tone numbers (xin1); v or u: for ü.")
    shown = " ".join(s.marked() for s in given)
    if len(given) != len(target):
        return Result("wrong", f"{shown}: you wrote {len(given)} syllable{'s' * (len(given) != 1)}, "
                               f"the answer has {len(target)}.",
                      {"given": [s.numbered() for s in given], "expected": [s.numbered() for s in target],
                       "syllables": []})
    problems, report = [], []
    for index, (g, e) in enumerate(zip(given, target)):
        if g.letters != e.letters:
            kind = "syllable"
            problems.append(f"{_ordinal(index)} syllable is {g.letters}, should be {e.marked()}")
        elif g.tone == e.tone or (e.tone == 5 and g.tone is None) or (e.tone is None and g.tone in (None, 5)):
            kind = "right"
        elif g.tone is None:
            kind = "tone missing"
            problems.append(f"{_ordinal(index)} syllable has no tone mark or number (tone missing), "
                            f"should be {_tone_name(e.tone)} ({e.marked()})")
        else:
            kind = "tone"
            problems.append(f"{_ordinal(index)} syllable has {_tone_name(g.tone)}, "
                            f"should be {_tone_name(e.tone)} ({e.marked()})")
        report.append({"given": g.numbered(), "expected": e.numbered(), "problem": kind})
    details = {"given": [s.numbered() for s in given], "expected": [s.numbered() for s in target],
               "syllables": report}
    if not problems:
        return Result("correct", f"Right! {' '.join(s.marked() for s in target)}", details)
    if all(r["problem"] in ("right", "tone missing") for r in report) and all(g.tone is None for g in given):
        return Result("wrong", f"{shown}: the syllables are right, but no tones are written. Add tone "
                               "marks (xīn) or numbers (xin1).", details)
    return Result("wrong", f"{shown}: {'; '.join(problems)}.", details)


# ====================================================================== numbers

@dataclass(frozen=True)
class Amount:
    """A number read from an answer, in base units: ``557.4亿元`` is
    ``Amount(55740000000.0, "元")``; percentages stay in percent
    (``Amount(14.8, "%")``). ``qualifier`` keeps a word like 逾 (over) or 约
    (about) that came with it; ``unit`` is "" when none was given."""

    value: float
    unit: str = ""
    qualifier: str = ""


# Unit as typed -> (base unit, how many base units it is). Counting units keep
# their own name; weights go to 公斤, money to 元. 只 counts birds like 羽.
_UNITS = {}


def _units(base: str, factor: float, *names: str) -> None:
    for name in names:
        _UNITS[name] = (base, factor)


_units("元", 1, "元", "块", "块钱", "yuan", "rmb", "cny", "¥", "￥", "renminbi")
_units("公斤", 1, "公斤", "千克", "kg", "kgs", "kilogram", "kilograms", "kilo", "kilos")
_units("公斤", 1000, "吨", "t", "tonne", "tonnes", "ton", "tons", "metric tons")
_units("公斤", 0.001, "克", "g", "gram", "grams")
_units("公斤", 0.5, "斤", "jin", "catty", "catties")
_units("%", 1, "%", "％", "percent", "per cent", "pct")
_units("百分点", 1, "个百分点", "百分点", "percentage point", "percentage points")
_units("羽", 1, "羽", "只", "birds", "bird", "chickens", "chicken", "hens", "head")
_units("户", 1, "户", "households", "household", "families", "homes")
_units("间", 1, "间", "rooms", "room")
_units("人次", 1, "人次", "person-times", "person times", "visits", "visitors", "attendances")
_units("人", 1, "人", "名", "位", "people", "persons", "person")
_units("小时", 1, "小时", "个小时", "h", "hr", "hrs", "hour", "hours")
_units("小时", 1 / 60, "分钟", "min", "mins", "minute", "minutes")
_units("天", 1, "天", "日", "day", "days")
_units("年", 1, "年", "year", "years")
_units("个月", 1, "个月", "月", "month", "months")
_units("TB", 1, "tb", "terabyte", "terabytes")
_units("TB", 0.001, "gb", "gigabyte", "gigabytes")
_units("TB", 1000, "pb", "petabyte", "petabytes")
_units("亩", 1, "亩", "mu")
_units("平方米", 1, "平方米", "㎡", "m2", "m²", "sqm", "square metres", "square meters")
_units("公里", 1, "公里", "千米", "km", "kilometres", "kilometers")
_units("米", 1, "米", "m", "metre", "metres", "meter", "meters")
_units("倍", 1, "倍", "times", "fold", "x")
_units("个", 1, "个", "items")
_units("家", 1, "家", "companies", "firms", "enterprises")
_units("项", 1, "项", "projects")
_units("台", 1, "台", "machines", "units")
_units("辆", 1, "辆", "vehicles", "cars")
_units("次", 1, "次", "times over")

_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8,
           "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
           "trillion": 1e12, "hundred": 100}
_CHINESE_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "兩": 2, "三": 3,
                   "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
                   "八": 8, "捌": 8, "九": 9, "玖": 9}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_QUALIFIERS = ("more than", "over", "about", "around", "approximately", "approx.", "approx", "nearly",
               "almost", "roughly", "some", "at least", "超过", "逾", "约为", "约", "近", "超", "达到",
               "达", "共计", "共", "总计", "合计", "大约", "将近", "~", "≈")
_TRAILING_QUALIFIERS = ("左右", "以上", "多", "余", "or so", "+")

_ARABIC = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?"
_CHINESE_RUN = "[零〇○一壹二贰两兩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億点點0-9.]+"


def _chinese_number(text: str) -> float | None:
    """三千六百 -> 3600, 两万 -> 20000, 五百五十七点四亿 -> 55740000000, 1.2万 -> 12000,
    二〇二五 -> 2025, 两万五 -> 25000. None when it is not a well-formed number."""
    total = section = 0.0
    current: float | None = None
    decimals = 0  # digits after 点, 0 while reading the whole part
    last_unit = None  # the unit just before a trailing bare digit (两万五)
    after_unit = False
    smallest, wan_seen = 10_000, False  # the last 十/百/千 in this group; 万 once per 亿
    tokens = re.findall(r"\d+(?:\.\d+)?|.", text)
    if not tokens:
        return None
    for token in tokens:
        if token[0].isdigit():
            if current is not None and not decimals:
                return None  # 3 5: two numbers
            if decimals:
                for digit in token:
                    current = (current or 0) + int(digit) / 10 ** decimals
                    decimals += 1
            else:
                current = float(token)
            after_unit = last_unit is not None and after_unit
        elif token in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[token]
            if decimals:
                current = (current or 0) + digit / 10 ** decimals
                decimals += 1
            else:
                current = digit if current is None else current * 10 + digit
            if digit == 0:
                after_unit = False
        elif token in "点點.":
            if decimals:
                return None
            current, decimals = current or 0.0, 1
        elif token in _SMALL_UNITS:
            size = _SMALL_UNITS[token]
            if size >= smallest:
                return None  # 十百, 三十五十: units must get smaller within a group
            smallest = size
            section += (1 if current is None else current) * size
            current, decimals, last_unit, after_unit = None, 0, size, True
            continue
        elif token in _BIG_UNITS:
            size = _BIG_UNITS[token]
            if current is None and section == 0 and total == 0:
                return None  # 万 alone is not a number
            if size == 1e4:
                if wan_seen:
                    return None  # 三万四万: 万 twice without 亿 between
                wan_seen = True
                section = (section + (current or 0)) * size
            else:
                total = (total + section + (current or 0)) * size
                section, wan_seen = 0.0, False
            smallest = 10_000
            current, decimals, last_unit, after_unit = None, 0, size, True
            continue
        else:
            return None
        if not (token[0].isdigit() or token in _CHINESE_DIGITS):
            after_unit = False
    if current is not None and after_unit and last_unit and current < 10 and not decimals:
        current *= last_unit / 10  # 两万五 = 25000, 三千六 = 3600
    return total + section + (current or 0)


def _clean_number_text(text: str) -> str:
    """Folded, spaces made one, sentence punctuation at the end dropped, and
    thousands separators taken out where the groups are regular (55,740,000,000
    or 55 740 000 000, but not "2440 260", which is two numbers)."""
    text = " ".join(_fold(text).replace("\u2212", "-").split()).rstrip("。.!！?？;；,，")
    return re.sub(r"(?<![\d.])\d{1,3}(?:[, _'’]\d{3})+(?![\d])",
                  lambda m: re.sub(r"[, _'’]", "", m.group()), text)


def parse_number(text) -> Amount | None:
    """The amount in a learner's answer, in base units, or None when it cannot
    be read as one number.

    >>> parse_number("５５７．４ 亿元").value, parse_number("55.74 billion yuan").value
    (55740000000.0, 55740000000.0)
    >>> parse_number("逾5000万公斤")
    Amount(value=50000000.0, unit='公斤', qualifier='逾')
    >>> parse_number("14.8%"), parse_number("百分之十四点八")
    (Amount(value=14.8, unit='%', qualifier=''), Amount(value=14.8, unit='%', qualifier=''))
    """
    try:
        return _parse_number(text)
    except (ValueError, OverflowError, ZeroDivisionError, RecursionError):
        return None


def _parse_number(text) -> Amount | None:
    if text is None:
        return None
    text = _clean_number_text(str(text))
    if not text or len(text) > 200:
        return None
    qualifier = ""
    changed = True
    while changed:  # 约逾 / about ~: take off every leading word of degree
        changed = False
        for word in _QUALIFIERS:
            if text.startswith(word):
                qualifier = qualifier or word
                text, changed = text[len(word):].strip(), True
    if not text:
        return None
    currency = ""
    if text[0] in "¥￥$":
        currency, text = ("元" if text[0] != "$" else "$"), text[1:].strip()
    percent = False
    if text.startswith("百分之"):
        percent, text = True, text[3:]
    fraction = re.fullmatch(r"(" + _CHINESE_RUN + r")分之(" + _CHINESE_RUN + r")(.*)", text)
    if fraction:
        bottom, top = _chinese_number(fraction.group(1)), _chinese_number(fraction.group(2))
        if bottom is None or top is None or bottom == 0:
            return None
        value, rest = top / bottom, fraction.group(3)
    else:
        match = re.match(_ARABIC, text)
        if match and ("e" in match.group() or not re.match(r"[零〇○一壹二贰两兩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億]",
                                  text[match.end():].lstrip()[:1] or "x")):
            value, rest = float(match.group()), text[match.end():]
        else:
            sign = -1 if text[:1] in "-负" else 1
            body = text[1:] if sign < 0 else text
            run = re.match(_CHINESE_RUN, body)
            if not run:
                return None
            number_text = run.group()
            # keep a trailing 万/亿 for the scale step below when it is a unit prefix
            value = _chinese_number(number_text)
            if value is None:
                return None
            value, rest = sign * value, body[run.end():]
    rest = rest.strip()
    for word in _TRAILING_QUALIFIERS:  # 5000多万 / 5000余万 / 30 or so
        if rest.startswith(word):
            qualifier, rest = qualifier or word, rest[len(word):].strip()
    # Scale words: 亿 in 557.4 亿元, billion in 55.74 billion (several: 1万亿).
    while True:
        scale = next((s for s in sorted(_SCALES, key=len, reverse=True)
                      if rest.startswith(s) and _scale_ends(rest, s)), None)
        if scale is None:
            break
        value *= _SCALES[scale]
        rest = rest[len(scale):].strip()
    for word in _TRAILING_QUALIFIERS:
        if rest.startswith(word):
            qualifier, rest = qualifier or word, rest[len(word):].strip()
    rest = rest.rstrip(_EDGE_PUNCTUATION + "-")
    if percent:
        if rest:
            return None
        rest = "%"
    if currency:
        if rest and _UNITS.get(rest, ("",))[0] not in ("元", ""):
            return None
        rest = rest or currency
    unit, factor = _unit(rest)
    if unit is None or not math.isfinite(value * factor):
        return None
    return Amount(_tidy(value * factor), unit, qualifier)


def _scale_ends(rest: str, scale: str) -> bool:
    """English scale words must end at a word boundary (m is million only when
    it is not metres: "3.6m" is ambiguous, so 'm' counts only before a unit)."""
    after = rest[len(scale):]
    if not scale.isascii():
        return True
    if scale in ("m", "k"):
        return bool(after) and after[:1] == " " and _unit(after.strip())[0] not in (None, "")
    return not after[:1].isalpha()


def _unit(text: str) -> tuple[str | None, float]:
    """(base unit, factor) for a unit as typed; ("", 1) for none; a unit we do
    not know is kept as typed, so that 2440 apples is not 2440 羽."""
    text = text.strip()
    if not text:
        return "", 1
    if text in _UNITS:
        return _UNITS[text]
    # 万羽 after the scale step is 羽; "yuan (rmb)" and the like: first word only
    first = re.split(r"[\s(（]", text, maxsplit=1)[0]
    if first in _UNITS:
        return _UNITS[first]
    if re.search(r"\d", text):
        return None, 1  # a second number: "3-5", "2440 and 260"
    return text, 1


def _tidy(value: float) -> float:
    """Round away binary noise (557.4 * 1e8 = 55740000000.000008) so that equal
    amounts print and compare equal."""
    if value == 0 or not math.isfinite(value):
        return float(value)
    digits = 12 - int(math.floor(math.log10(abs(value))))
    return float(round(value, digits))


def _format(value: float) -> str:
    if value == int(value) and abs(value) < 1e16:
        return f"{int(value):,}" if abs(value) >= 1e5 else str(int(value))
    return f"{value:,.6g}" if abs(value) >= 1e6 else f"{value:g}"


def compare_number(answer, expected_value, unit: str = "", tolerance: float = 0) -> Result:
    """Grade a numeric answer. ``expected_value`` is in ``unit`` (2440 with unit
    万羽), ``tolerance`` is absolute in that unit. The learner may answer in any
    form parse_number reads (24400000, 2440万, 两千四百四十万羽); a bare number is
    read in the question's unit, or in base units when that is what matches.

    >>> compare_number("557.4 亿元", 557.4, "亿元", 0).status
    'correct'
    >>> compare_number("lots", 2440, "万羽", 0).message
    'I could not read that as a number: “lots”. Write it with digits or Chinese numerals, e.g. 2440万羽.'
    """
    if answer is None or not str(answer).strip():
        return _empty()
    example = f"{_format(float(expected_value))}{unit}" if _is_number(expected_value) else "557.4亿元"
    given = parse_number(answer)
    if given is None:
        return Result("unreadable", f"I could not read that as a number: “{str(answer).strip()}”. "
                                    f"Write it with digits or Chinese numerals, e.g. {example}.")
    one = parse_number(f"1{unit}") if unit else Amount(1.0, "")
    base_unit, scale = (one.unit, one.value) if one and one.value else (normalize_text(unit), 1.0)
    expected = float(expected_value) * scale
    allowed = float(tolerance or 0) * scale + 1e-9 * max(1.0, abs(expected))
    details = {"given": given.value, "given_unit": given.unit, "expected": expected, "unit": base_unit}
    if given.unit and base_unit and given.unit != base_unit:
        return Result("wrong", f"That is in {given.unit}, but the question asks for {unit}.", details)
    candidates = [given.value] if given.unit else [given.value * scale, given.value]
    if not given.unit and base_unit == "%":
        candidates.append(given.value * 100)  # 0.148 for 14.8%
    if any(abs(c - expected) <= allowed for c in candidates):
        return Result("correct", f"Right! {_format(float(expected_value))}{unit}", details)
    closest = min(candidates, key=lambda c: abs(c - expected))
    return Result("wrong", _size_hint(closest, expected), details)


def _size_hint(value: float, expected: float) -> str:
    if value and expected and value * expected > 0:
        ratio = math.log10(abs(value / expected))
        if abs(ratio - round(ratio)) < 1e-9 and round(ratio) != 0:
            return ("Not quite: the digits are right but the size is not. Remember 万 is 10,000 "
                    "and 亿 is 100,000,000.")
    return "Not quite. Look at the figure in the sentence again."


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# ================================================================ free text

def _keyword_pattern(keyword: str) -> re.Pattern | None:
    keyword = normalize_text(keyword).replace("-", " ")
    if not keyword:
        return None
    if not keyword.isascii():  # Chinese: a plain substring
        return re.compile(re.escape(keyword))
    words = r"[\s-]+".join(re.escape(w) for w in keyword.split())
    if len(keyword) < 4:  # short words whole, with a plural or verb ending (road/roads)
        return re.compile(rf"(?<![a-z0-9]){words}(?:s|es|ed|d|ing)?(?![a-z0-9])")
    # longer ones as the start of a word, so acid finds acidic and clean cleaning
    return re.compile(rf"(?<![a-z0-9]){words}")


def match_rubric(answer, rubric, min_keywords: int | None = None) -> Result:
    """Grade a short answer against a rubric: a list of key points, each a list
    of alternatives (Chinese or English) any one of which counts. The answer is
    right when it covers at least ``min_keywords`` points (all when None).

    >>> match_rubric("The soil was ACIDIC; 有机质 was low", [["acid", "酸性"], ["organic", "有机"]]).status
    'correct'
    """
    if answer is None or not str(answer).strip():
        return _empty()
    text = normalize_text(answer)
    points = [[k for k in point if isinstance(k, str)] for point in (rubric or [])]
    needed = len(points) if min_keywords is None else min(int(min_keywords), len(points))
    covered = []
    for point in points:
        hits = [k for k in point if (p := _keyword_pattern(k)) and p.search(text)]
        covered.append(hits[0] if hits else None)
    found = sum(1 for hit in covered if hit)
    details = {"matched": [hit for hit in covered if hit], "points": len(points), "needed": needed}
    if found >= needed and points:
        return Result("correct", f"Good: your answer covers {found} of the {len(points)} key points.", details)
    return Result("wrong", f"Your answer covers {found} of the key points; {needed} are needed. "
                           "Look at the evidence sentences again.", details)
